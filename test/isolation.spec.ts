/**
 * The pack makes no network connections, starts no processes, writes no files and reads no files
 * beyond its registry and its own package (the pack directory, its node_modules included).
 *
 * The pack is started exactly as the engine starts it, plus `--require <preload>`: the preload
 * wraps the fs functions that open, read, list, stat or write files, net.Socket#connect, dns,
 * dgram, http2.connect and child_process, and appends every call to a log (written with a saved
 * original fs function, so logging never logs itself). The test drives ConfigureStack,
 * GetAnalyzerInfo, Configure, Analyze and AnalyzeStack over a synthetic stack of every kind of
 * resource the benchmark uses (tools/bench-stack.ts) and fuzzed resources and stacks, stops the
 * pack and reads the log.
 *
 * The gRPC server's own listening socket (net.Server#listen on 127.0.0.1, whose dns.lookup of that
 * literal address is Node's listen path) and the connections it accepts are not outbound: the
 * harness connects to the pack, the pack must never connect out.
 *
 * The launcher and the SDK do a few things of their own, whatever the pack: run-policy-pack
 * registers ts-node 7, which loads TypeScript (a case-sensitivity probe of an upper-cased path)
 * and creates its cache directory under os.tmpdir(); @pulumi/pulumi loads @npmcli/git, which reads
 * ~/.gitconfig. The no-op baseline pack of the benchmark (bench/baseline-pack, same SDK, same
 * launcher) is run the same way, and an access outside the pack and its registry passes only if
 * the baseline makes it too: icp-guard itself adds none.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as fc from "fast-check";
import { PackProcess } from "../tools/engine-client";
import { syntheticStack } from "../tools/bench-stack";
import { CLEAN_ENV, FUZZ_REGISTRY_YAML, fuzzArbitraries, withUrn } from "./fuzz-support";

const PACK_DIR = path.resolve(__dirname, "..", "..");

/** The preload: plain CommonJS, written to a temporary directory and given to node --require. */
const PRELOAD = String.raw`"use strict";
const fs = require("fs");
const LOG = process.env.ICP_GUARD_ACCESS_LOG;
const openSync = fs.openSync;
const writeSync = fs.writeSync;
const logFd = openSync.call(fs, LOG, "a");
function log(kind, detail) {
    try {
        writeSync.call(fs, logFd, JSON.stringify({ kind, detail: String(detail) }) + "\n");
    } catch (error) {
        // never break the pack
    }
}
function describePath(value) {
    if (typeof value === "number") return "fd:" + value;
    if (value instanceof URL) return value.pathname;
    if (Buffer.isBuffer(value)) return value.toString();
    if (value && typeof value === "object" && typeof value.path === "string") return value.path;
    return String(value);
}
function wrap(target, name, kind, detail) {
    const original = target && target[name];
    if (typeof original !== "function") return;
    const wrapped = function (...args) {
        log(kind, detail ? detail(args) : describePath(args[0]));
        return original.apply(this, args);
    };
    Object.defineProperties(wrapped, Object.getOwnPropertyDescriptors(original));
    target[name] = wrapped;
}
const READS = ["openSync", "open", "readFileSync", "readFile", "createReadStream", "readdirSync", "readdir", "opendirSync", "opendir", "statSync", "stat", "lstatSync", "lstat", "existsSync", "exists", "accessSync", "access", "realpathSync", "realpath", "readlinkSync", "readlink", "watch", "watchFile"];
const WRITES = ["writeFileSync", "writeFile", "appendFileSync", "appendFile", "createWriteStream", "mkdirSync", "mkdir", "mkdtempSync", "mkdtemp", "rmSync", "rm", "unlinkSync", "unlink", "renameSync", "rename", "copyFileSync", "copyFile", "symlinkSync", "symlink", "truncateSync", "truncate"];
for (const name of READS) wrap(fs, name, "fs.read:" + name);
for (const name of WRITES) wrap(fs, name, "fs.write:" + name);
for (const name of ["open", "readFile", "readdir", "opendir", "stat", "lstat", "access", "realpath", "readlink", "watch"]) wrap(fs.promises, name, "fs.read:promises." + name);
for (const name of ["writeFile", "appendFile", "mkdir", "mkdtemp", "rm", "unlink", "rename", "copyFile", "symlink", "truncate"]) wrap(fs.promises, name, "fs.write:promises." + name);

const net = require("net");
const endpoint = (args) => {
    // net.connect() passes its normalised [options, callback] array as the first argument.
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    if (first && typeof first === "object") return JSON.stringify({ host: first.host, port: first.port, path: first.path });
    return JSON.stringify(args.filter((a) => typeof a !== "function"));
};
wrap(net.Socket.prototype, "connect", "net.connect", endpoint);
wrap(net.Server.prototype, "listen", "net.listen", endpoint);
const dns = require("dns");
for (const name of ["lookup", "lookupService", "resolve", "resolve4", "resolve6", "resolveAny", "resolveCname", "reverse"]) {
    wrap(dns, name, "dns." + name, (args) => String(args[0]));
    wrap(dns.promises, name, "dns." + name, (args) => String(args[0]));
}
const dgram = require("dgram");
wrap(dgram.Socket.prototype, "send", "udp.send", (args) => JSON.stringify(args.slice(1).filter((a) => typeof a !== "function")));
wrap(dgram.Socket.prototype, "connect", "udp.connect", endpoint);
const http2 = require("http2");
wrap(http2, "connect", "http2.connect", (args) => String(args[0]));
const childProcess = require("child_process");
for (const name of ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"]) wrap(childProcess, name, "child_process." + name, (args) => String(args[0]));
log("preload", process.pid);
`;

interface Access {
    readonly kind: string;
    readonly detail: string;
}

/** Starts a pack with the access-logging preload, drives it like the engine, returns the log. */
async function accessesOf(packDir: string, dir: string, registryFile: string, label: string): Promise<Access[]> {
    const preload = path.join(dir, "access-log-preload.js");
    const logFile = path.join(dir, `access-${label}.log`);
    const pack = await PackProcess.start(packDir, {
        env: { ...CLEAN_ENV, ICP_GUARD_FILINGS: registryFile, ICP_GUARD_ACCESS_LOG: logFile },
        nodeArgs: ["--require", preload],
    });
    try {
        await pack.configureStack({ dryRun: true, tags: { team: "web" } });
        await pack.getPluginInfo();
        await pack.configure(await pack.getAnalyzerInfo(), {});
        const synthetic = syntheticStack(600);
        for (const request of synthetic.analyzeRequests) await pack.analyze(request);
        await pack.analyzeStack(synthetic.stackResources);
        const { resource, stack } = fuzzArbitraries({ heavy: false });
        for (const fuzzed of fc.sample(resource, { numRuns: 60, seed: 0x150 })) await pack.analyze(withUrn(fuzzed));
        for (const fuzzed of fc.sample(stack, { numRuns: 10, seed: 0x151 })) await pack.analyzeStack(fuzzed.resources.map((r) => withUrn(r)));
    } finally {
        await pack.close();
    }
    return fs
        .readFileSync(logFile, "utf8")
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Access);
}

/**
 * The same access made by different packs: the packs' own directories differ, and ts-node's cache
 * directory is named by hashes of the project (created, or found with a stat when it exists).
 */
function normalise(access: Access, packDir: string): string {
    if (/[/\\]ts-node-[0-9a-f]{16,}/.test(access.detail)) return "the launcher's ts-node cache directory";
    return `${access.kind} ${access.detail.split(packDir).join("<pack>")}`;
}

describe("isolation: the pack reads only its package and registry, and never connects out", function () {
    this.timeout(180_000);
    let dir: string;
    let registryFile: string;
    let baselineDir: string;
    let accesses: Access[] = [];
    let baseline: ReadonlySet<string> = new Set();

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-isolation-"));
        registryFile = path.join(dir, "icp-filings.yaml");
        fs.writeFileSync(path.join(dir, "access-log-preload.js"), PRELOAD);
        fs.writeFileSync(registryFile, FUZZ_REGISTRY_YAML);
        // The benchmark's no-op pack on the same SDK, in its own directory: what the launcher and
        // the SDK do by themselves.
        baselineDir = path.join(dir, "baseline-pack");
        fs.mkdirSync(baselineDir);
        for (const file of ["package.json", "PulumiPolicy.yaml", "index.js"]) fs.copyFileSync(path.join(PACK_DIR, "bench", "baseline-pack", file), path.join(baselineDir, file));
        fs.symlinkSync(path.join(PACK_DIR, "node_modules"), path.join(baselineDir, "node_modules"), "dir");
        const [ours, theirs] = await Promise.all([accessesOf(PACK_DIR, dir, registryFile, "icp-guard"), accessesOf(baselineDir, dir, registryFile, "baseline")]);
        accesses = ours;
        baseline = new Set(theirs.map((a) => normalise(a, baselineDir)));
    });
    after(() => {
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Accesses icp-guard makes that the no-op pack on the same SDK does not. */
    const beyondTheSdk = (selected: readonly Access[]) => [...new Set(selected.map((a) => normalise(a, PACK_DIR)))].filter((a) => !baseline.has(a));

    it("logged the pack's accesses (the preload ran in the pack process)", () => {
        assert.ok(accesses.some((a) => a.kind === "preload"), "preload loaded");
        // The pack's main (bin/pack.js, tools/bundle-pack.ts) is read like any module.
        const main = (JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { main: string }).main;
        assert.ok(accesses.some((a) => a.kind.startsWith("fs.read:") && a.detail.endsWith(path.normalize(main))), "module loading is visible in the log");
        assert.ok(accesses.some((a) => a.kind.startsWith("fs.read:") && a.detail === registryFile), "the registry read is visible in the log");
        const listened = accesses.filter((a) => a.kind === "net.listen").map((a) => a.detail);
        assert.strictEqual(listened.length, 1, `one listening socket: ${JSON.stringify(listened)}`);
        assert.match(listened[0], /"host":"127\.0\.0\.1"/);
    });

    it("reads no file outside its own package directory and its registry (beyond what the launcher and SDK read themselves)", () => {
        const packRoot = fs.realpathSync(PACK_DIR);
        const inside = (root: string, file: string) => file === root || file.startsWith(`${root}${path.sep}`);
        const allowed = (detail: string) => {
            if (/^fd:\d+$/.test(detail) || detail.startsWith("node:")) return true;
            const absolute = path.resolve(PACK_DIR, detail);
            let real = absolute;
            try {
                real = fs.realpathSync(absolute);
            } catch {
                // A path that does not exist (a probe): judge it as written.
            }
            return inside(packRoot, absolute) || inside(packRoot, real) || absolute === registryFile || real === fs.realpathSync(registryFile);
        };
        assert.deepStrictEqual(beyondTheSdk(accesses.filter((a) => a.kind.startsWith("fs.read:") && !allowed(a.detail))), []);
    });

    it("writes no file (beyond the launcher's own ts-node cache)", () => {
        assert.deepStrictEqual(beyondTheSdk(accesses.filter((a) => a.kind.startsWith("fs.write:"))), []);
    });

    it("makes no outbound connection, DNS lookup of anything but its own listening address, or UDP send, and starts no process", () => {
        const outbound = accesses.filter((a) => /^(net\.connect|dns\.|udp\.|http2\.connect|child_process\.)/.test(a.kind));
        assert.deepStrictEqual(
            outbound.filter((a) => !(a.kind === "dns.lookup" && /^(127\.0\.0\.1|::1|localhost)$/.test(a.detail))).map((a) => `${a.kind} ${a.detail}`),
            [],
        );
        assert.deepStrictEqual(beyondTheSdk(outbound), []);
    });
});
