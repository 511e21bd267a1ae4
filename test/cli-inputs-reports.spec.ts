/**
 * `icp-guard check` tells CI what the gate would (issue 12), tested through the built command on
 * files in the formats Pulumi writes (test/fixtures/pulumi/): a stack export (v3), a preview with
 * and without --show-sames, replacement steps, secrets as a preview writes them ("[secret]").
 * Also: the registry found where the user keeps it, `rules`, `--version`, `help`, stdin, colour,
 * the one-line summary, the JSON report's schema, source positions and the Markdown chain diagram.
 */
import * as assert from "assert";
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv";
import { main } from "../cli/icp-guard";
import { POLICIES } from "../policies";
import { render } from "../lib/reports/formats";
import { EXAMPLES_REGISTRY } from "../tools/examples";
import { InputRecord, parseSourcePosition } from "../lib/inputs/pulumi-file";
import { findMissingReferences, mergeInputs } from "../lib/inputs/load";

const REPO = path.resolve(__dirname, "..", "..");
const CLI = path.join(REPO, "bin", "cli", "icp-guard.js");
const FIXTURES = path.join(REPO, "test", "fixtures", "pulumi");
const fixture = (name: string) => path.join(FIXTURES, name);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-cli12-"));
const ENV = { ICP_GUARD_FILINGS: EXAMPLES_REGISTRY } as NodeJS.ProcessEnv;
const RECORD_URN = "urn:pulumi:dev::shop::alicloud:dns/alidnsRecord:AlidnsRecord::app";

/** The built command, as CI runs it (no inherited ICP_GUARD_FILINGS or NO_COLOR unless given). */
function run(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): SpawnSyncReturns<string> {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env };
    return spawnSync(process.execPath, [CLI, ...args], { env, cwd: options.cwd ?? dir, input: options.input, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
}

interface JsonReport {
    file: string;
    partial: boolean;
    missingReferences?: number;
    summary: { mandatory: number; advisory: number; total: number };
    findings: { policy: string; level: string; urn: string; location?: { file: string; line: number; column?: number }; message: string }[];
}
const json = (result: SpawnSyncReturns<string>) => JSON.parse(result.stdout) as JsonReport;

describe("icp-guard check tells CI what the gate blocks (issue 12)", function () {
    this.timeout(300_000);

    describe("inputs: no silent under-reporting", () => {
        it("refuses a preview without --show-sames that references unchanged resources (exit 2, names them and the fix)", () => {
            const result = run(["check", fixture("preview.json")], { env: ENV });
            assert.strictEqual(result.status, 2, result.stdout + result.stderr);
            assert.strictEqual(result.stdout, "");
            assert.match(result.stderr, /preview\.json references 2 resources that no input contains/);
            assert.match(result.stderr, /urn:pulumi:dev::shop::alicloud:ecs\/eipAddress:EipAddress::app-eip \(dependency of alicloud:dns\/alidnsRecord:AlidnsRecord "app"\)/);
            assert.match(result.stderr, /urn:pulumi:dev::shop::pulumi:providers:alicloud::default_3_108_0 \(provider of /);
            assert.match(result.stderr, /pulumi preview --json --show-sames/);
            assert.match(result.stderr, /icp-guard check state\.json .*preview\.json/);
            assert.match(result.stderr, /--partial/);
            assert.doesNotMatch(result.stderr, /icp-guard: icp-guard/);
        });

        it("reports a partial run only when asked (--partial), and says so in the report", () => {
            const result = run(["check", fixture("preview.json"), "--partial", "--format", "json"], { env: ENV });
            assert.strictEqual(result.status, 0, result.stderr);
            const report = json(result);
            assert.strictEqual(report.partial, true);
            assert.strictEqual(report.missingReferences, 2);
            assert.match(result.stderr, /partial report \(--partial\): 2 referenced resource\(s\)/);
            const markdown = run(["check", fixture("preview.json"), "--partial", "--format", "markdown"], { env: ENV });
            assert.match(markdown.stdout, /Partial report/);
        });

        it("blocks the same record with --show-sames, and with the stack export plus the preview (planned over current)", () => {
            const sames = run(["check", fixture("preview-show-sames.json"), "--format", "json"], { env: ENV });
            assert.strictEqual(sames.status, 1, sames.stderr);
            const merged = run(["check", fixture("state.json"), fixture("preview.json"), "--format", "json"], { env: ENV });
            assert.strictEqual(merged.status, 1, merged.stderr);
            const reverse = run(["check", fixture("preview.json"), fixture("state.json"), "--format", "json"], { env: ENV });
            assert.strictEqual(reverse.status, 1, reverse.stderr);
            const shape = (report: JsonReport) => report.findings.map((f) => `${f.level} ${f.policy} ${f.urn}`);
            assert.deepStrictEqual(shape(json(sames)), [`mandatory icp-domain-unfiled ${RECORD_URN}`]);
            assert.deepStrictEqual(shape(json(merged)), shape(json(sames)));
            assert.deepStrictEqual(shape(json(reverse)), shape(json(sames)));
            assert.match(json(merged).file, /state\.json, .*preview\.json/);
        });

        it("checks inputs from different stacks jointly, never merging them: the findings of each alone, names told apart by file", () => {
            const other = fs.readFileSync(fixture("state.json"), "utf8").replace(/urn:pulumi:dev::shop::/g, "urn:pulumi:prod::shop::");
            fs.writeFileSync(path.join(dir, "prod-state.json"), other);
            const prod = run(["check", "prod-state.json", "--format", "json"], { env: ENV });
            const dev = run(["check", fixture("preview-show-sames.json"), "--format", "json"], { env: ENV });
            const joint = run(["check", "prod-state.json", fixture("preview-show-sames.json"), "--format", "json"], { env: ENV });
            const reverse = run(["check", fixture("preview-show-sames.json"), "prod-state.json", "--format", "json"], { env: ENV });
            assert.strictEqual(joint.status, Math.max(prod.status ?? 0, dev.status ?? 0), joint.stderr);
            const urns = (result: ReturnType<typeof run>) => json(result).findings.map((f) => `${f.level} ${f.policy} ${f.urn}`).sort();
            assert.deepStrictEqual(urns(joint), [...urns(prod), ...urns(dev)].sort());
            assert.deepStrictEqual(urns(reverse), urns(joint));
            assert.ok(urns(joint).some((u) => u.includes("urn:pulumi:dev::shop::")));
            // Both stacks name their resources alike: the text report says which file each came from.
            const text = run(["check", "prod-state.json", fixture("preview-show-sames.json")], { env: ENV });
            assert.match(text.stdout, /\(from .*preview-show-sames\.json\)/);
        });

        it("a preview's planned deletes remove the resource from the current state", () => {
            const preview = JSON.parse(fs.readFileSync(fixture("preview.json"), "utf8"));
            const state = JSON.parse(fs.readFileSync(fixture("state.json"), "utf8"));
            // The record existed; the preview deletes it (with `pulumi preview --json` a delete step has an oldState only).
            const record = preview.steps.find((s: { urn: string }) => s.urn === RECORD_URN).newState;
            state.deployment.resources.push({ ...record, id: "801234567890", outputs: record.inputs });
            preview.steps = [preview.steps[0], { op: "delete", urn: RECORD_URN, oldState: record, detailedDiff: null }];
            fs.writeFileSync(path.join(dir, "state-with-record.json"), JSON.stringify(state));
            fs.writeFileSync(path.join(dir, "preview-delete.json"), JSON.stringify(preview));
            assert.strictEqual(run(["check", "state-with-record.json"], { env: ENV }).status, 1, "the current state alone is blocked");
            const result = run(["check", "state-with-record.json", "preview-delete.json"], { env: ENV });
            assert.strictEqual(result.status, 0, result.stdout + result.stderr);
        });

        it("reads a replaced resource shown as create-replacement, replace and delete-replaced as one resource", () => {
            const result = run(["check", fixture("preview-replace.json"), "--format", "json"], { env: ENV });
            assert.strictEqual(result.status, 1, result.stderr);
            assert.deepStrictEqual(json(result).findings.map((f) => `${f.policy} ${f.urn}`), [`icp-domain-unfiled ${RECORD_URN}`]);
        });

        it('treats a preview\'s "[secret]" as a secret of unknown value: decided from the rest, never a malformed domain, never shown', () => {
            for (const format of ["text", "json", "sarif", "junit", "markdown", "github"]) {
                const result = run(["check", fixture("preview-secret.json"), "--format", format], { env: ENV });
                assert.strictEqual(result.status, 0, result.stderr);
                assert.ok(!result.stdout.includes("[secret]"), `${format} shows "[secret]" as a value`);
            }
            const report = json(run(["check", fixture("preview-secret.json"), "--format", "json"], { env: ENV }));
            for (const finding of report.findings) assert.doesNotMatch(finding.message, /not a valid|malformed|invalid/i);
            assert.deepStrictEqual(report.findings.map((f) => `${f.level} ${f.policy}`), ["advisory icp-binding-undecidable"]);
            assert.match(report.findings[0].message, /secret name \(value hidden\)/);
        });

        it("reads the input from standard input with -", () => {
            const result = run(["check", "-", "--format", "json"], { env: ENV, input: fs.readFileSync(fixture("preview-show-sames.json"), "utf8") });
            assert.strictEqual(result.status, 1, result.stderr);
            assert.strictEqual(json(result).file, "standard input");
            const merged = run(["check", fixture("state.json"), "-"], { env: ENV, input: fs.readFileSync(fixture("preview.json"), "utf8") });
            assert.strictEqual(merged.status, 1, merged.stderr);
            assert.strictEqual(run(["check", "-", "-"], { env: ENV, input: "{}" }).status, 2);
        });

        it("names every bad entry of an input at once", async () => {
            const file = path.join(dir, "three-bad.json");
            fs.writeFileSync(file, JSON.stringify({ version: 3, deployment: { resources: [{ type: "a" }, { urn: "u" }, 7] } }));
            const result = await main(["check", file], ENV);
            assert.strictEqual(result.code, 2);
            for (const index of [0, 1, 2]) assert.match(result.stderr, new RegExp(`deployment\\.resources\\[${index}\\] has no urn or type`));
        });

        it("checks a 200,000-resource stack export with 150,000 findings", () => {
            const prefix = "urn:pulumi:big::shop::";
            const provider = `${prefix}pulumi:providers:alicloud::default`;
            const resources: unknown[] = [{ urn: provider, custom: true, id: "p", type: "pulumi:providers:alicloud", inputs: { region: "cn-hangzhou" }, outputs: { region: "cn-hangzhou" } }];
            for (let i = 0; i < 150_000; i++) {
                const inputs = { domainName: `s${i}.unfiled-example.com`, scope: "domestic", sources: [] };
                resources.push({ urn: `${prefix}alicloud:cdn/domainNew:DomainNew::cdn-${i}`, custom: true, id: `cdn-${i}`, type: "alicloud:cdn/domainNew:DomainNew", provider: `${provider}::p`, inputs, outputs: inputs });
            }
            for (let i = resources.length; i < 200_000; i++) {
                const inputs = { cidrBlock: "10.0.0.0/16", vpcName: `vpc-${i}` };
                resources.push({ urn: `${prefix}alicloud:vpc/network:Network::vpc-${i}`, custom: true, id: `vpc-${i}`, type: "alicloud:vpc/network:Network", provider: `${provider}::p`, inputs, outputs: inputs });
            }
            fs.writeFileSync(path.join(dir, "big.json"), JSON.stringify({ version: 3, deployment: { resources } }));
            const result = run(["check", "big.json", "--format", "json", "--output", "big-report.json"], { env: ENV });
            assert.strictEqual(result.status, 1, result.stderr.slice(0, 2000));
            const report = JSON.parse(fs.readFileSync(path.join(dir, "big-report.json"), "utf8")) as JsonReport;
            assert.strictEqual(report.summary.mandatory, 150_000);
            assert.match(result.stderr, /icp-guard: ❌ 150000 mandatory, 0 advisory in big\.json \(200000 resources\)/);
        });
    });

    describe("the registry is found where the user keeps it", () => {
        const filed = "filings:\n  - domain: unfiled-example.com\n    icp: 浙ICP备2023012345号-3\n    accessProviders: [alibaba]\n";

        it("looks in the current directory before the pack's, and says which registry it used", () => {
            const project = fs.mkdtempSync(path.join(dir, "project-"));
            fs.writeFileSync(path.join(project, "icp-filings.yaml"), filed);
            const result = run(["check", fixture("preview-show-sames.json")], { cwd: project });
            assert.strictEqual(result.status, 0, result.stdout + result.stderr);
            assert.strictEqual(result.stderr.match(/using the filing registry/g)?.length, 1);
            assert.match(result.stderr, /using the filing registry icp-filings\.yaml \(current directory\)/);
        });

        it("says when no registry was found, so nothing counts as filed", () => {
            const empty = fs.mkdtempSync(path.join(dir, "empty-"));
            const result = run(["check", fixture("preview-show-sames.json")], { cwd: empty });
            assert.strictEqual(result.status, 1);
            assert.match(result.stderr, /no filing registry found .*so no domain counts as filed/);
        });

        it("resolves a relative ICP_GUARD_FILINGS from the current directory and names the absolute path it tried", () => {
            const project = fs.mkdtempSync(path.join(dir, "relative-"));
            fs.mkdirSync(path.join(project, "infra"));
            fs.writeFileSync(path.join(project, "infra", "filings.yaml"), filed);
            const found = run(["check", fixture("preview-show-sames.json")], { cwd: project, env: { ICP_GUARD_FILINGS: "infra/filings.yaml" } });
            assert.strictEqual(found.status, 0, found.stderr);
            const missing = run(["check", fixture("preview-show-sames.json")], { cwd: project, env: { ICP_GUARD_FILINGS: "nope/filings.yaml" } });
            assert.strictEqual(missing.status, 2);
            assert.ok(missing.stderr.includes(path.join(project, "nope", "filings.yaml")), missing.stderr);
        });

        it("a broken registry stops check without speaking of the policy pack or doubling the prefix", () => {
            const broken = path.join(dir, "broken.yaml");
            fs.writeFileSync(broken, "filings:\n  - domain: www.example.com\n    icp: 浙ICP备2023012345号-1\n    accessProviders: [alibaba]\n");
            const result = run(["check", fixture("preview-show-sames.json"), "--filings", broken]);
            assert.strictEqual(result.status, 2);
            assert.match(result.stderr, /^icp-guard: the filing registry .*broken\.yaml is invalid, so nothing was checked/);
            assert.doesNotMatch(result.stderr, /policy pack will not run|icp-guard: icp-guard/);
        });
    });

    describe("what scanner users expect", () => {
        it("--version, help, check --help", () => {
            const version = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).version as string;
            for (const flag of ["--version", "-V"]) {
                const result = run([flag]);
                assert.strictEqual(result.status, 0);
                assert.strictEqual(result.stdout.trim(), version);
            }
            const help = run(["help"]);
            assert.strictEqual(help.status, 0);
            assert.match(help.stdout, /Usage: icp-guard \[options\] \[command\]/);
            assert.match(help.stdout, /check \[options\] <files\.\.\.>/);
            assert.match(help.stdout, /rules \[options\]/);
            for (const args of [["check", "--help"], ["help", "check"]]) {
                const result = run(args);
                assert.strictEqual(result.status, 0, args.join(" "));
                assert.match(result.stdout, /Usage: icp-guard check \[options\] <files\.\.\.>/);
                assert.match(result.stdout, /--show-sames/);
                assert.match(result.stdout, /--partial/);
            }
        });

        it("rules lists every rule with code, id, default level, severity and docs link (text and JSON)", () => {
            const text = run(["rules"]);
            assert.strictEqual(text.status, 0);
            const asJson = run(["rules", "--format", "json"]);
            assert.strictEqual(asJson.status, 0);
            const listed = (JSON.parse(asJson.stdout) as { rules: { code: string; id: string; defaultLevel: string; severity: string; url: string }[] }).rules;
            assert.deepStrictEqual(
                listed.map((r) => [r.code, r.id, r.defaultLevel, r.severity, r.url]),
                POLICIES.map((p) => [p.code, p.id, p.defaultLevel, p.severity, p.url]),
            );
            for (const policy of POLICIES) {
                assert.match(text.stdout, new RegExp(`^${policy.code}\\s+${policy.id}\\s+${policy.defaultLevel}\\s+${policy.severity}\\s`, "m"));
                assert.ok(text.stdout.includes(policy.url), policy.url);
            }
        });

        it("colours text only in a terminal, and never with NO_COLOR", async () => {
            const file = fixture("preview-show-sames.json");
            const tty = await main(["check", file], { env: ENV, isTTY: true });
            assert.ok(tty.stdout.includes("\u001b[31m[mandatory]"), "red in a terminal");
            const noColor = await main(["check", file], { env: { ...ENV, NO_COLOR: "1" }, isTTY: true });
            assert.ok(!noColor.stdout.includes("\u001b["), "NO_COLOR respected");
            const pipe = await main(["check", file], { env: ENV, isTTY: false });
            assert.ok(!pipe.stdout.includes("\u001b["), "no colour in a pipe");
            const toFile = await main(["check", file, "--output", path.join(dir, "report.txt")], { env: ENV, isTTY: true });
            assert.ok(!fs.readFileSync(path.join(dir, "report.txt"), "utf8").includes("\u001b["), "no colour in a file");
            assert.ok(!toFile.stderr.includes("\u001b["));
        });

        it("ends with a one-line summary with counts per level (stdout for text, stderr otherwise)", () => {
            const text = run(["check", fixture("preview-show-sames.json")], { env: ENV });
            assert.match(text.stdout, /\nicp-guard: ❌ 1 mandatory, 0 advisory in .*preview-show-sames\.json \(4 resources\)\n$/);
            const sarif = run(["check", fixture("preview-secret.json"), "--format", "sarif"], { env: ENV });
            assert.match(sarif.stderr, /^icp-guard: ✅ 0 mandatory, 1 advisory in .*preview-secret\.json \(4 resources\)$/m);
        });

        it("writes JSON reports that validate against the schema shipped in the package", () => {
            const packageJson = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { files: string[] };
            assert.ok(packageJson.files.includes("schemas/"), "the schema is in the package");
            const schema = JSON.parse(fs.readFileSync(path.join(REPO, "schemas", "icp-guard-report.schema.json"), "utf8"));
            const validate = new Ajv({ allErrors: true, strict: true, validateFormats: false }).compile(schema);
            const runs = [
                ["check", fixture("preview-show-sames.json"), "--source-root", "infra"],
                ["check", fixture("state.json"), fixture("preview.json")],
                ["check", fixture("preview.json"), "--partial"],
                ["check", fixture("preview-secret.json")],
                ["check", fixture("state.json")],
            ];
            for (const args of runs) {
                const result = run([...args, "--format", "json"], { env: ENV });
                assert.ok([0, 1].includes(result.status ?? -1), result.stderr);
                assert.ok(validate(JSON.parse(result.stdout)), `${args.join(" ")}: ${JSON.stringify(validate.errors, null, 2)}`);
            }
        });

        it("--output into a missing directory says so in one line", () => {
            const result = run(["check", fixture("preview-show-sames.json"), "--output", "no/such/dir/report.txt"], { env: ENV });
            assert.strictEqual(result.status, 2);
            const errors = result.stderr.split("\n").filter((line) => line.startsWith("icp-guard: "));
            assert.deepStrictEqual(errors.length, 1, result.stderr);
            assert.match(errors[0], /--output no\/such\/dir\/report\.txt: the directory .*no\/such\/dir does not exist/);
        });
    });

    describe("small things", () => {
        it('a hollow filing with one web record says so, not "all 1 web record(s)"', () => {
            const state = JSON.parse(fs.readFileSync(fixture("state.json"), "utf8"));
            const [stack, provider, eip] = state.deployment.resources;
            provider.inputs.region = provider.outputs.region = "cn-hongkong";
            const record = {
                urn: RECORD_URN.replace("::app", "::www"), custom: true, id: "801234567891", type: "alicloud:dns/alidnsRecord:AlidnsRecord", parent: stack.urn, provider: eip.provider,
                inputs: { domainName: "shop-example.com", rr: "www", type: "A", value: "47.97.0.1" }, outputs: { domainName: "shop-example.com", rr: "www", type: "A", value: "47.97.0.1" },
                dependencies: [eip.urn], propertyDependencies: { value: [eip.urn] },
            };
            state.deployment.resources.push(record);
            fs.writeFileSync(path.join(dir, "hollow.json"), JSON.stringify(state));
            const report = json(run(["check", "hollow.json", "--format", "json"], { env: ENV }));
            const hollow = report.findings.filter((f) => f.policy === "icp-hollow-filing");
            assert.strictEqual(hollow.length, 1, JSON.stringify(report.findings.map((f) => f.policy)));
            assert.match(hollow[0].message, /and it is the only web record for shop-example\.com in this stack/);
            assert.doesNotMatch(hollow[0].message, /record\(s\)/);
        });
    });

    describe("findings point at code", () => {
        it("SARIF, GitHub annotations, Markdown and JSON use the resource's sourcePosition under --source-root", () => {
            const sarifSchema = JSON.parse(fs.readFileSync(require.resolve("schemastore/schemas/json/sarif-2.1.0.json"), "utf8"));
            const validateSarif = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(sarifSchema);
            const sarif = run(["check", fixture("preview-show-sames.json"), "--format", "sarif", "--source-root", "infra"], { env: ENV });
            const log = JSON.parse(sarif.stdout);
            assert.ok(validateSarif(JSON.parse(sarif.stdout)), JSON.stringify(validateSarif.errors?.slice(0, 3)));
            assert.deepStrictEqual(log.runs[0].results[0].locations[0].physicalLocation, { artifactLocation: { uri: "infra/index.ts" }, region: { startLine: 12, startColumn: 5 } });
            const github = run(["check", fixture("preview-show-sames.json"), "--format", "github", "--source-root", "infra"], { env: ENV });
            assert.match(github.stdout, /^::error file=infra\/index\.ts,line=12,col=5,title=ICP001 icp-domain-unfiled/);
            const markdown = run(["check", fixture("preview-show-sames.json"), "--format", "markdown", "--source-root", "infra"], { env: ENV });
            assert.match(markdown.stdout, /`alicloud:dns\/alidnsRecord:AlidnsRecord: app` at `infra\/index\.ts:12:5`/);
            const report = json(run(["check", fixture("preview-show-sames.json"), "--format", "json"], { env: ENV }));
            assert.deepStrictEqual(report.findings[0].location, { file: "index.ts", line: 12, column: 5 });
        });

        it("without a source position, results point at --source (or the input) line 1", () => {
            const preview = JSON.parse(fs.readFileSync(fixture("preview-show-sames.json"), "utf8"));
            for (const step of preview.steps) if (step.newState) delete step.newState.sourcePosition;
            fs.writeFileSync(path.join(dir, "no-positions.json"), JSON.stringify(preview));
            const log = JSON.parse(run(["check", "no-positions.json", "--format", "sarif", "--source", "infra/index.ts"], { env: ENV }).stdout);
            assert.deepStrictEqual(log.runs[0].results[0].locations[0].physicalLocation, { artifactLocation: { uri: "infra/index.ts" }, region: { startLine: 1 } });
        });

        it("reports show a front end's address in place of type and name", () => {
            const definition = POLICIES[0];
            const finding = { policy: definition.id, urn: "tf::alicloud_cdn_domain_new.shop", messageId: "unfiled", data: {}, message: "m", advisoryOnly: false };
            const resources = new Map([[finding.urn, { type: "alicloud:cdn/domainNew:DomainNew", name: "shop", address: "module.web.alicloud_cdn_domain_new.shop", sourcePosition: { file: "web/main.tf", line: 3 } }]]);
            const input = { findings: [{ definition, finding, level: "mandatory" as const }], definitions: POLICIES, resources, file: "plan.json", source: "plan.json", version: "0" };
            assert.match(render("text", input), /\(module\.web\.alicloud_cdn_domain_new\.shop at web\/main\.tf:3\)/);
            assert.match(render("github", input), /file=web\/main\.tf,line=3,title=ICP001 icp-domain-unfiled%3A module\.web\.alicloud_cdn_domain_new\.shop::/);
        });
    });

    describe("a picture for reviewers", () => {
        it("the Markdown report draws record → endpoint → region for each blocked domain, as a Mermaid diagram", () => {
            const markdown = run(["check", fixture("preview-show-sames.json"), "--format", "markdown"], { env: ENV }).stdout;
            const diagram = /```mermaid\nflowchart LR\n([\s\S]*?)\n```/.exec(markdown);
            assert.ok(diagram, markdown);
            const body = diagram[1];
            assert.match(body, /\(\["app\.unfiled-example\.com"\]\)/);
            assert.match(body, /--> c0n1\["DNS record app\.unfiled-example\.com A/);
            assert.match(body, /-->\|"its value comes from ecs\.EipAddress #quot;app-eip#quot;"\| c0n2\["EIP/);
            assert.match(body, /c0n3\{\{"region cn-hangzhou/);
            assert.ok(markdown.indexOf("```mermaid") > markdown.indexOf("| Level | Policy |"), "next to the table");
            // Nothing blocked, nothing drawn.
            assert.doesNotMatch(run(["check", fixture("preview-secret.json"), "--format", "markdown"], { env: ENV }).stdout, /mermaid/);
        });
    });
});

describe("input records (lib/inputs)", () => {
    it("parses Pulumi's sourcePosition and ignores anything else", () => {
        assert.deepStrictEqual(parseSourcePosition("project:///index.ts#12,5"), { file: "index.ts", line: 12, column: 5 });
        assert.deepStrictEqual(parseSourcePosition("project:///src/my%20app/main.py#7"), { file: "src/my app/main.py", line: 7 });
        for (const odd of ["file:///index.ts#1,1", "project:///index.ts", "project:///#3", "project:///%E0%A4%A.ts#1", 12, null, "x".repeat(5000)]) {
            assert.strictEqual(parseSourcePosition(odd), undefined, String(odd).slice(0, 40));
        }
    });

    it("a missing root stack resource is not a missing reference; anything else is, once", () => {
        const record = (urn: string, extra: Partial<InputRecord> = {}) => ({
            urn, type: urn.split("::")[2], name: urn.split("::")[3], inputs: {}, inputSecrets: new Set<string>(), outputs: {}, outputSecrets: new Set<string>(), dependencies: [], propertyDependencies: {}, ...extra,
        });
        const stack = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
        const eip = "urn:pulumi:dev::p::alicloud:ecs/eipAddress:EipAddress::e";
        const merged = mergeInputs([
            { kind: "preview", file: "preview.json", deletes: [], config: {}, records: [record("urn:pulumi:dev::p::alicloud:dns/alidnsRecord:AlidnsRecord::r", { parent: stack, dependencies: [eip], propertyDependencies: { value: [eip] } })] },
        ]);
        assert.deepStrictEqual(findMissingReferences(merged, "preview.json").map((m) => [m.urn, m.relation, m.file]), [[eip, "dependency", "preview.json"]]);
    });
});
