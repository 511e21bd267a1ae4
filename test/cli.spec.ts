/**
 * `icp-guard check` over preview JSON and stack exports: findings, exit codes, every output format
 * (SARIF validated against the official 2.1.0 schema) and clear refusals of bad input.
 */
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv";
import { main } from "../cli/icp-guard";
import { EXAMPLES_REGISTRY, listExamples, recordExample } from "../tools/examples";
import { SECRET_SIG, SECRET_SIG_KEY } from "../lib/model/values";

const CLI = path.resolve(__dirname, "..", "cli", "icp-guard.js");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-cli-"));
const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
    return file;
};
const ENV = { ICP_GUARD_FILINGS: EXAMPLES_REGISTRY } as NodeJS.ProcessEnv;

describe("icp-guard check (command line)", function () {
    this.timeout(60_000);
    let blockedPreview: string;
    let passingPreview: string;
    let stackExport: string;

    before(() => {
        const examples = listExamples();
        blockedPreview = write("preview-blocked.json", recordExample(examples.find((e) => e.name === "dns-to-mainland-eip")!));
        passingPreview = write("preview-passing.json", recordExample(examples.find((e) => e.name === "hongkong-overseas")!));
        // A stack export after `pulumi up` of the blocked example: known outputs, dependencies kept.
        const updated = recordExample(examples.find((e) => e.name === "unfiled-cdn-oss")!, false);
        stackExport = write("stack-export.json", {
            version: 3,
            deployment: {
                manifest: { time: "2026-11-23T00:00:00Z", version: "v3.248.0" },
                resources: updated.steps.map((step) => ({ ...step.newState, id: `${step.urn.split("::").pop()}-id` })),
            },
        });
    });

    it("exits 1 with the mandatory findings of a preview", async () => {
        const result = await main(["check", blockedPreview], ENV);
        assert.strictEqual(result.code, 1, result.stderr);
        assert.match(result.stdout, /\[mandatory\]  icp-domain-unfiled  \(alicloud:dns\/alidnsRecord:AlidnsRecord: app\)/);
        assert.match(result.stdout, /\[mandatory\]  icp-filing-not-accessed-at-alibaba/);
        assert.match(result.stdout, /\nicp-guard: ❌ 3 mandatory, 0 advisory in .*preview-blocked\.json \(\d+ resources\)\n$/);
    });

    it("exits 0 when nothing mandatory is found", async () => {
        const result = await main(["check", passingPreview], ENV);
        assert.strictEqual(result.code, 0, result.stdout + result.stderr);
    });

    it("reads a stack export (known outputs, no unknowns)", async () => {
        const result = await main(["check", stackExport, "--format", "json"], ENV);
        assert.strictEqual(result.code, 1);
        const report = JSON.parse(result.stdout) as { summary: { mandatory: number }; findings: { policy: string; name: string }[] };
        assert.deepStrictEqual(report.findings.map((f) => f.name).sort(), ["campaign-dcdn", "images-domain", "promo-cdn"]);
    });

    it("honours a --policy-pack-config style config", async () => {
        const config = write("config.json", { all: "advisory" });
        assert.strictEqual((await main(["check", blockedPreview, "--config", config], ENV)).code, 0);
        const bad = write("bad-config.json", { "icp-domain-unfiled": { allowWaiverz: false } });
        const result = await main(["check", blockedPreview, "--config", bad], ENV);
        assert.strictEqual(result.code, 2);
        assert.match(result.stderr, /icp-domain-unfiled: unknown option "allowWaiverz"/);
    });

    it("reconciles --config as the engine does: a rule enabled under all: disabled runs, carriers have no effect, typos get a suggestion", async () => {
        const oneRule = write("one-rule.json", { all: "disabled", "icp-domain-unfiled": "mandatory" });
        assert.strictEqual((await main(["check", blockedPreview, "--config", oneRule], ENV)).code, 1);
        const carriers = write("carriers.json", { "icp-resource-analysis": "disabled", "icp-stack-analysis": "disabled" });
        const carried = await main(["check", blockedPreview, "--config", carriers], ENV);
        assert.strictEqual(carried.code, 1, "the rules still run at their own levels");
        assert.match(carried.stderr, /"icp-resource-analysis" only carries icp-guard's checks; its level has no effect/);
        const typo = write("typo.json", { "icp-domain-unfild": "advisory" });
        const refused = await main(["check", blockedPreview, "--config", typo], ENV);
        assert.strictEqual(refused.code, 2);
        assert.match(refused.stderr, /"icp-domain-unfild" is not an icp-guard policy; did you mean "icp-domain-unfiled"\?/);
        assert.doesNotMatch(refused.stderr, /at .*\.js:\d+/);
        const badLevel = write("bad-level.json", { all: "strict", "icp-domain-unfiled": { enforcementLevel: 3 } });
        const levels = await main(["check", blockedPreview, "--config", badLevel], ENV);
        assert.strictEqual(levels.code, 2);
        assert.match(levels.stderr, /"all" has enforcement level "strict".*"icp-domain-unfiled" has enforcement level 3/);
    });

    it("uses --filings over the environment", async () => {
        const registry = write("filings.yaml", "filings:\n  - domain: unfiled-example.com\n    icp: 浙ICP备2023012345号-3\n    accessProviders: [alibaba]\n  - domain: partner-example.com\n    icp: 京ICP备16020626号-8\n    accessProviders: [tencent, alibaba]\n");
        assert.strictEqual((await main(["check", blockedPreview, "--filings", registry], ENV)).code, 0);
    });

    it("writes SARIF 2.1.0 that validates against the official schema", async () => {
        const schema = JSON.parse(fs.readFileSync(require.resolve("schemastore/schemas/json/sarif-2.1.0.json"), "utf8"));
        const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
        for (const file of [blockedPreview, passingPreview, stackExport]) {
            const result = await main(["check", file, "--format", "sarif", "--source", "index.ts"], ENV);
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            const log: any = JSON.parse(result.stdout);
            const valid = validate(JSON.parse(result.stdout)); // a copy: ajv's type guard would narrow `log`
            assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
            assert.strictEqual(log.version, "2.1.0");
            for (const sarifResult of log.runs[0].results) {
                assert.strictEqual(log.runs[0].tool.driver.rules[sarifResult.ruleIndex].id, sarifResult.ruleId);
                assert.strictEqual(sarifResult.locations[0].physicalLocation.artifactLocation.uri, "index.ts");
            }
        }
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const log: any = JSON.parse((await main(["check", blockedPreview, "--format", "sarif"], ENV)).stdout);
        assert.deepStrictEqual(log.runs[0].results.map((r: { level: string }) => r.level), ["error", "error", "error"]);
    });

    it("writes JUnit XML with one failure per mandatory finding", async () => {
        const xml = (await main(["check", blockedPreview, "--format", "junit"], ENV)).stdout;
        assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="icp-guard" tests="\d+" failures="3" errors="0">/);
        assert.strictEqual((xml.match(/<failure /g) ?? []).length, 3);
        assert.doesNotMatch(xml.replace(/&(amp|lt|gt|quot);/g, ""), /&/);
    });

    it("writes a Markdown pull-request comment and GitHub annotations", async () => {
        const markdown = (await main(["check", blockedPreview, "--format", "markdown"], ENV)).stdout;
        assert.match(markdown, /^### ❌ icp-guard: 3 mandatory, 0 advisory/);
        assert.match(markdown, /\| ❌ mandatory \| \[ICP001 icp-domain-unfiled\]/);
        const annotations = (await main(["check", blockedPreview, "--format", "github"], ENV)).stdout.trim().split("\n");
        assert.strictEqual(annotations.length, 3);
        for (const line of annotations) assert.match(line, /^::error file=[^,]+,title=ICP00\d [^:]+::[^\n]+$/);
        assert.ok(annotations.every((line) => line.includes("%0A")), "newlines in messages are escaped");
    });

    it("never prints a secret value", async () => {
        const recorded = JSON.parse(fs.readFileSync(blockedPreview, "utf8"));
        for (const step of recorded.steps) {
            if (step.newState.type === "alicloud:dns/alidnsRecord:AlidnsRecord") step.newState.inputs.domainName = { [SECRET_SIG_KEY]: SECRET_SIG, value: "hush-hush-secret-zone.com" };
        }
        const file = write("secret.json", recorded);
        for (const format of ["text", "json", "sarif", "junit", "markdown", "github"]) {
            const result = await main(["check", file, "--format", format], ENV);
            assert.ok(!result.stdout.includes("hush-hush"), `${format} leaks the secret`);
        }
    });

    it("refuses bad input with one clear message and exit code 2", async () => {
        const cases: [string[], RegExp][] = [
            [["check", path.join(dir, "missing.json")], /cannot read .*missing\.json: no such file/],
            [["check", write("not-json.json", "{ nope")], /is not valid JSON/],
            // Every accepted format named, Terraform's included (issue #17).
            [
                ["check", write("other.json", { hello: "world" })],
                /other\.json is not in a format icp-guard reads: it is a JSON object with none of their top-level fields \(it has "hello"\)\. icp-guard reads:\n {2}- a Pulumi stack export[\s\S]*pulumi preview --json[\s\S]*terraform show -json <planfile>[\s\S]*terraform show -json` \(a state[\s\S]*raw Terraform state \(`terraform\.tfstate`/,
            ],
            [["check", write("bad-resource.json", { deployment: { resources: [{ type: 1 }] } })], /deployment\.resources\[0\] has no urn or type/],
            [["check", blockedPreview, "--format", "pdf"], /argument 'pdf' is invalid\. Allowed choices are text, json/],
            [["check"], /missing required argument 'files'/],
            [["lint", blockedPreview], /unknown command 'lint'/],
            [["check", blockedPreview, "--filings", write("broken.yaml", "filings:\n  - domain: www.example.com\n")], /filings\[0\]/],
        ];
        for (const [argv, message] of cases) {
            const result = await main(argv, ENV);
            assert.strictEqual(result.code, 2, `${argv.join(" ")}: ${result.stdout}`);
            assert.match(result.stderr, message);
            assert.doesNotMatch(result.stderr, /\n\s+at .*\.js:\d+/, "no stack trace");
        }
    });

    it("runs as the package's bin with the documented exit codes", async () => {
        const packageJson = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8"));
        assert.strictEqual(path.resolve(__dirname, "..", "..", packageJson.bin["icp-guard"]), CLI);
        assert.ok(fs.readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node"));
        const env = { ...process.env, ...ENV };
        assert.strictEqual(spawnSync(process.execPath, [CLI, "check", blockedPreview], { env }).status, 1);
        assert.strictEqual(spawnSync(process.execPath, [CLI, "check", passingPreview], { env }).status, 0);
        assert.strictEqual(spawnSync(process.execPath, [CLI, "check", "/nonexistent.json"], { env }).status, 2);
        assert.match(execFileSync(process.execPath, [CLI, "--help"], { encoding: "utf8" }), /Usage: icp-guard \[options\] \[command\]/);
    });
});
