/**
 * Docs examples are code: every ```ts block under a "❌" or "✅" line in docs/policies/<id>.md is
 * compiled, run as a Pulumi program under the recording mock runtime (stack config
 * alicloud:region cn-hangzhou), and checked with the same rules as the pack, against
 * examples/icp-filings.yaml or the page's own registry (a ```yaml block under a line that says
 * "Registry for these examples"). Registry-level rules show ❌/✅ ```yaml registries instead, run
 * against an empty program. A ❌ example must get at least one finding of its page's policy; a ✅
 * example none. A page whose examples stop producing the verdict they claim fails here.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { POLICIES } from "../policies";
import { PackConfig } from "../lib/kit/config";
import { loadRegistry, parseRegistry } from "../lib/model/registry";
import { runAll } from "../lib/kit/runner";
import { parseInputFile } from "../lib/inputs/pulumi-file";
import { WaiverBook } from "../lib/model/waivers";
import { EXAMPLES_REGISTRY, REPO_DIR } from "../tools/examples";

interface Snippet {
    readonly verdict: "incorrect" | "correct";
    /** The program (empty for a registry-only example). */
    readonly code: string;
    /** A registry the example brings (a ```yaml block right before its program, or alone). */
    readonly registry?: string;
    readonly index: number;
}

interface Page {
    readonly snippets: readonly Snippet[];
    /** The page's own registry for its TypeScript examples, if it declares one. */
    readonly registry?: string;
}

/** ```ts and ```yaml blocks, each with the verdict of the nearest ❌/✅ line above it. */
export function parsePage(markdown: string): Page {
    const snippets: Snippet[] = [];
    let registry: string | undefined;
    let verdict: Snippet["verdict"] | undefined;
    let previousText = "";
    const lines = markdown.split("\n");
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (/^#/.test(line)) verdict = undefined;
        if (line.startsWith("❌")) verdict = "incorrect";
        if (line.startsWith("✅")) verdict = "correct";
        const fence = /^```(ts|typescript|yaml)\s*$/.exec(line);
        if (fence) {
            const end = lines.indexOf("```", i + 1);
            const code = lines.slice(i + 1, end).join("\n");
            const last = snippets[snippets.length - 1];
            if (fence[1] === "yaml" && /Registry for these examples/i.test(previousText)) registry = code;
            else if (!verdict) {
                // Not an example.
            } else if (fence[1] === "yaml") snippets.push({ verdict, code: "", registry: code, index: snippets.length });
            else if (last && last.code === "" && last.registry !== undefined && previousText === "```") {
                // A registry right before a program: one example.
                snippets[snippets.length - 1] = { ...last, code };
            } else snippets.push({ verdict, code, index: snippets.length });
            i = end;
            previousText = "```";
            continue;
        }
        if (line.trim() !== "") previousText = line;
    }
    return { snippets, registry };
}

const WORK_DIR = path.join(REPO_DIR, "bin", "docs-examples");
const knownPolicies = POLICIES.map((p) => p.id);

function run(policyId: string, snippet: Snippet, page: Page): string[] {
    const dir = path.join(WORK_DIR, `${policyId}-${snippet.index}`);
    fs.mkdirSync(dir, { recursive: true });
    const registryText = snippet.registry ?? page.registry;
    // A registry example may show only its waivers: the filings default to none.
    const withFilings = registryText && !/^filings:/m.test(registryText) ? `filings: []\n${registryText}` : registryText;
    const registry = withFilings
        ? parseRegistry(withFilings, `docs/policies/${policyId}.md registry`, { knownPolicies })
        : loadRegistry(EXAMPLES_REGISTRY, { knownPolicies });
    const program = snippet.code;
    const imports = [
        /\balicloud\./.test(program) && !/import .* from "@pulumi\/alicloud"/.test(program) ? 'import * as alicloud from "@pulumi/alicloud";' : "",
        /\bcloudflare\./.test(program) && !/import .* from "@pulumi\/cloudflare"/.test(program) ? 'import * as cloudflare from "@pulumi/cloudflare";' : "",
        /\bk8s\./.test(program) && !/import .* from "@pulumi\/kubernetes"/.test(program) ? 'import * as k8s from "@pulumi/kubernetes";' : "",
    ].join("\n");
    const js = ts.transpileModule(`${imports}\n${program}\n`, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    fs.writeFileSync(path.join(dir, "index.js"), js);
    const recorded = execFileSync(
        process.execPath,
        [path.join(REPO_DIR, "bin", "tools", "record-program.js"), path.join(dir, "index.js"), "--project", "docs", "--stack", "dev", "--config", JSON.stringify({ "alicloud:region": "cn-hangzhou" })],
        { encoding: "utf8", env: { ...process.env, PULUMI_CONFIG: undefined } },
    );
    const input = parseInputFile(recorded, `${policyId} example ${snippet.index}`);
    const config = new PackConfig(POLICIES);
    const findings = runAll(POLICIES, input.resources, input.stack, { registry, regions: { stackConfigRegion: "cn-hangzhou" }, config, waivers: new WaiverBook(registry.waivers) });
    return findings.filter((f) => f.definition.id === policyId).map((f) => f.finding.message);
}

describe("docs examples produce the verdict they claim", function () {
    this.timeout(120_000);
    for (const policy of POLICIES) {
        const page = path.join(REPO_DIR, "docs", "policies", `${policy.id}.md`);
        const parsed: Page = fs.existsSync(page) ? parsePage(fs.readFileSync(page, "utf8")) : { snippets: [] };
        const snippets = parsed.snippets;
        describe(policy.id, () => {
            it("has a ❌ and a ✅ example", () => {
                assert.ok(snippets.some((s) => s.verdict === "incorrect"), "a ❌ example");
                assert.ok(snippets.some((s) => s.verdict === "correct"), "a ✅ example");
            });
            for (const snippet of snippets) {
                it(`${snippet.verdict === "incorrect" ? "❌" : "✅"} example ${snippet.index + 1}`, () => {
                    const messages = run(policy.id, snippet, parsed);
                    if (snippet.verdict === "incorrect") assert.ok(messages.length > 0, `expected a ${policy.id} finding for:\n${snippet.code}`);
                    else assert.deepStrictEqual(messages, [], `expected no ${policy.id} finding for:\n${snippet.code}`);
                });
            }
        });
    }
});
