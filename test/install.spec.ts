/**
 * Installing icp-guard can never mean running someone else's code (issue 18), and a package made
 * from a fresh clone ships compiled code (issue 17):
 *
 * - the README's install block (between `<!-- install:start -->` and `<!-- install:end -->`) runs,
 *   as written, in a scratch infrastructure repository: the git URL it names resolves to this
 *   repository (git's own `url.<base>.insteadOf`), the npm registry is a local server that records
 *   every request, and the test asserts it got none — no package was fetched by name, and the
 *   `icp-guard` that runs is the pinned, built checkout;
 * - `npm pack` in a fresh clone (no bin/) runs `prepack`, and the tarball holds the pack's main (bin/pack.js) and the
 *   CLI; with `--loglevel=error`, as `pulumi policy publish` runs it, stdout is the tarball's name
 *   and nothing else (pulumi/pulumi sdk/nodejs/npm/npm.go `npmManager.Pack` at
 *   1b5949891b3cefcb9974752b24a5ecef0acc86c8 reads the file name from stdout).
 *
 * icp-guard's own dependencies come from this checkout's node_modules for the identical lockfile
 * (test/helpers/stand-ins/npm.ts stands in for that registry download only).
 */
import * as assert from "assert";
import { execFile, execFileSync, spawn } from "child_process";
import { promisify } from "util";
import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { installTool } from "./helpers/github-actions";
import { PACK_DIR } from "./helpers/e2e";

const STAND_INS = path.join(PACK_DIR, "bin", "test", "helpers", "stand-ins");
const REAL_NPM = execFileSync("bash", ["-c", "command -v npm"], { encoding: "utf8" }).trim();
const REPOSITORY_URL = "https://github.com/icp-guard/icp-guard";

/** A registry that answers nothing and remembers every request. */
async function recordingRegistry(): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
    const requests: string[] = [];
    const server = http.createServer((request, response) => {
        requests.push(`${request.method} ${request.url}`);
        response.writeHead(404, { "content-type": "application/json" });
        response.end('{"error":"not found"}');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`,
        requests,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
}

/** The environment of a shell in which only the stand-ins and the recording registry stand for the outside world. */
function isolatedEnv(registry: string, home: string): NodeJS.ProcessEnv {
    const tools = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-install-tools-"));
    installTool(tools, "npm", path.join(STAND_INS, "npm.js"), { ICP_GUARD_TEST_REAL_NPM: REAL_NPM, ICP_GUARD_TEST_REPOSITORY: PACK_DIR });
    return {
        PATH: `${tools}${path.delimiter}${process.env["PATH"] ?? ""}`,
        HOME: home,
        npm_config_registry: registry,
        npm_config_cache: path.join(home, ".npm"),
        npm_config_update_notifier: "false",
        npm_config_audit: "false",
        npm_config_fund: "false",
        // The README's git URL is this repository; git itself rewrites it (no network).
        GIT_CONFIG_COUNT: "2",
        GIT_CONFIG_KEY_0: "protocol.file.allow",
        GIT_CONFIG_VALUE_0: "always",
        GIT_CONFIG_KEY_1: `url.${PACK_DIR}.insteadOf`,
        GIT_CONFIG_VALUE_1: REPOSITORY_URL,
        GIT_AUTHOR_NAME: "test",
        GIT_AUTHOR_EMAIL: "test@example.com",
        GIT_COMMITTER_NAME: "test",
        GIT_COMMITTER_EMAIL: "test@example.com",
    };
}

function runShell(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        const child = spawn("bash", ["-e", "-c", script], { cwd, env });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
        child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
}

const run = promisify(execFile);

describe("installing icp-guard", function () {
    // Two TypeScript builds of the whole project: minutes on a loaded machine (a bound on a hang).
    this.timeout(1_200_000);

    it("the README's install block, in an infrastructure repository, fetches nothing by name and runs the pinned build", async () => {
        const readme = fs.readFileSync(path.join(PACK_DIR, "README.md"), "utf8");
        const block = /<!-- install:start -->\n```sh\n([\s\S]*?)```\n<!-- install:end -->/.exec(readme)?.[1];
        assert.ok(block, "the README has the install block");
        assert.match(block, new RegExp(`git submodule add ${REPOSITORY_URL.replace(/[/.]/g, "\\$&")} \\.icp-guard`));
        assert.doesNotMatch(block, /\bnpx\b|npm (install|i) /, "npx would fetch an unpinned name; npm install would resolve dependencies past the lockfile");

        const infra = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-infra-"));
        execFileSync("git", ["init", "-q"], { cwd: infra });
        fs.writeFileSync(path.join(infra, "package.json"), JSON.stringify({ name: "infra", version: "1.0.0", private: true }, null, 2));
        fs.copyFileSync(path.join(PACK_DIR, "test", "fixtures", "pulumi", "preview-show-sames.json"), path.join(infra, "preview.json"));
        const registry = await recordingRegistry();
        try {
            const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: PACK_DIR, encoding: "utf8" }).trim();
            // Asynchronously: the recording registry answers from this process's event loop.
            const run = await runShell(block, infra, { ...isolatedEnv(registry.url, fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-home-"))), ICP_GUARD_COMMIT: commit });
            const output = `${run.stdout}\n${run.stderr}`;
            // The last command checks the preview with no registry: the unfiled domain is blocked (exit 1).
            assert.strictEqual(run.status, 1, output);
            assert.match(run.stdout, /\[mandatory\]\s+icp-domain-unfiled\s+\(alicloud:dns\/alidnsRecord:AlidnsRecord: app[ )]/, output);
            assert.deepStrictEqual(registry.requests, [], "nothing was fetched from a registry");
            // What ran is the pinned checkout's build, recorded by the repository as a submodule.
            assert.strictEqual(execFileSync("git", ["rev-parse", "HEAD"], { cwd: path.join(infra, ".icp-guard"), encoding: "utf8" }).trim(), commit);
            assert.match(execFileSync("git", ["submodule", "status"], { cwd: infra, encoding: "utf8" }), new RegExp(`^.${commit} \\.icp-guard`, "m"));
            assert.ok(fs.existsSync(path.join(infra, ".icp-guard", "bin", "cli", "icp-guard.js")));
        } finally {
            await registry.close();
        }
    });

    it("no command in the README, docs/ or the examples runs icp-guard through npx (an unpinned name)", () => {
        const files: string[] = [];
        const walk = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                if (entry.name === "node_modules") continue;
                const full = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(full);
                else if (/\.(md|ya?ml|sh|json|tf|ts|js|py|go)$/.test(entry.name)) files.push(full);
            }
        };
        walk(path.join(PACK_DIR, "docs"));
        walk(path.join(PACK_DIR, "examples"));
        files.push(path.join(PACK_DIR, "README.md"));
        const offenders: string[] = [];
        for (const file of files) {
            const text = fs.readFileSync(file, "utf8");
            // What a reader runs: every fenced block of a Markdown file, all of any other file.
            const commands = file.endsWith(".md") ? [...text.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].map((match) => match[1]).join("\n") : text;
            for (const line of commands.split("\n")) if (/\bnpx\b/.test(line)) offenders.push(`${path.relative(PACK_DIR, file)}: ${line.trim()}`);
            // In prose, only the install section's warning may name it.
            if (file.endsWith(".md")) {
                const prose = text.replace(/```[\s\S]*?```/g, "").replace(/## Install the command line[\s\S]*?(?=\n## )/, "");
                for (const line of prose.split("\n")) if (/npx icp-guard/.test(line)) offenders.push(`${path.relative(PACK_DIR, file)}: ${line.trim()}`);
            }
        }
        assert.ok(files.length > 10, "the docs were read");
        assert.deepStrictEqual(offenders, []);
    });

    it("npm pack from a fresh clone builds first (prepack) and ships compiled code; stdout is the tarball's name, as pulumi policy publish reads it", async () => {
        const clone = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-clone-"));
        execFileSync("git", ["clone", "-q", PACK_DIR, clone]);
        execFileSync("git", ["checkout", "-q", execFileSync("git", ["rev-parse", "HEAD"], { cwd: PACK_DIR, encoding: "utf8" }).trim()], { cwd: clone });
        assert.ok(!fs.existsSync(path.join(clone, "bin")), "a fresh clone has no compiled code");
        const registry = await recordingRegistry();
        try {
            const env = isolatedEnv(registry.url, fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-home-")));
            await run("npm", ["ci"], { cwd: clone, env });
            const dryRun = JSON.parse((await run("npm", ["pack", "--dry-run", "--json"], { cwd: clone, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })).stdout) as { files: { path: string }[] }[];
            const files = new Set(dryRun[0].files.map((file) => file.path));
            for (const file of ["bin/pack.js", "bin/index.js", "bin/cli/icp-guard.js", "bin/lib/model/compiled-schemas.validators.js", "bin/policies/index.js", "PulumiPolicy.yaml", "package.json", "schemas/icp-guard-report.schema.json"]) {
                assert.ok(files.has(file), `the package holds ${file}`);
            }
            assert.ok(![...files].some((file) => file.startsWith("bin/test/") || file.startsWith("test/")), "no tests in the package");
            // As `pulumi policy publish` runs it: the tarball's name on stdout, nothing else.
            fs.rmSync(path.join(clone, "bin"), { recursive: true, force: true });
            const packed = (await run("npm", ["pack", "--loglevel=error"], { cwd: clone, env, encoding: "utf8" })).stdout;
            const manifest = JSON.parse(fs.readFileSync(path.join(clone, "package.json"), "utf8")) as { name: string; version: string };
            assert.strictEqual(packed.trim(), `${manifest.name}-${manifest.version}.tgz`);
            const listing = execFileSync("tar", ["-tzf", path.join(clone, packed.trim())], { encoding: "utf8" });
            assert.match(listing, /^package\/bin\/pack\.js$/m);
            assert.deepStrictEqual(registry.requests, [], "nothing was fetched from a registry");
        } finally {
            await registry.close();
        }
    });
});
