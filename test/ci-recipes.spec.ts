/**
 * The CI recipes under docs/ci/ run as written. Every `uses:` step's `with:` inputs are checked
 * against that action's published action.yml (test/fixtures/github-actions, with provenance), and
 * every job runs in a scratch infrastructure repository: each `run:` step executed by bash exactly as
 * written (test/helpers/github-actions.ts), with stand-ins only for what GitHub hosts — the actions
 * themselves, and the tools they install (the Pulumi and Terraform CLIs) — and for the npm
 * registry download of icp-guard's own lockfile (test/helpers/stand-ins/). icp-guard itself is
 * this checkout, as the recipe's pinned submodule, built by the recipe's own step.
 */
import * as assert from "assert";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { ActionStandIn, installTool, readWorkflow, runJob, Step, StepResult, validateActionInputs } from "./helpers/github-actions";
import { CLEAN_ENV, PACK_DIR } from "./helpers/e2e";

const CI_DIR = path.join(PACK_DIR, "docs", "ci");
const STAND_INS = path.join(PACK_DIR, "bin", "test", "helpers", "stand-ins");
const RECIPES = fs.readdirSync(CI_DIR).filter((file) => file.endsWith(".yml"));
const REAL_NPM = execFileSync("bash", ["-c", "command -v npm"], { encoding: "utf8" }).trim();

/** The files of this checkout, as a clone of the pinned commit would have them (tracked and new, not ignored). */
function copyCheckout(into: string): void {
    const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: PACK_DIR, encoding: "utf8" }).split("\0").filter((file) => file !== "");
    for (const file of files) {
        const from = path.join(PACK_DIR, file);
        if (!fs.existsSync(from) || fs.lstatSync(from).isSymbolicLink() || !fs.statSync(from).isFile()) continue;
        fs.mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
        fs.copyFileSync(from, path.join(into, file));
    }
}

/** A registry: the examples' filings, optionally with more entries. */
function registry(extra: string): string {
    return `filings:\n  - domain: shop-example.com\n    icp: 浙ICP备2023012345号-1\n    accessProviders: [alibaba]\n${extra}`;
}

interface Scenario {
    readonly recipe: string;
    /** Files of the infrastructure repository (besides .icp-guard). */
    readonly repository: Readonly<Record<string, string>>;
    readonly env: Readonly<Record<string, string>>;
    readonly secrets?: Readonly<Record<string, string>>;
}

function pulumiScenario(filings: string): Scenario {
    return {
        recipe: "github-actions.yml",
        repository: {
            "icp-filings.yaml": filings,
            "infra/Pulumi.yaml": "name: shop\nruntime: nodejs\ndescription: the program whose preview test/fixtures/pulumi/preview-show-sames.json records\n",
            "infra/package.json": JSON.stringify({ name: "shop", version: "1.0.0", private: true }, null, 2),
            "infra/package-lock.json": JSON.stringify({ name: "shop", version: "1.0.0", lockfileVersion: 3, requires: true, packages: { "": { name: "shop", version: "1.0.0" } } }, null, 2),
        },
        env: { ICP_GUARD_TEST_PREVIEW: path.join(PACK_DIR, "test", "fixtures", "pulumi", "preview-show-sames.json") },
    };
}

function terraformScenario(filings: string): Scenario {
    const example = path.join(PACK_DIR, "examples", "terraform");
    const files: Record<string, string> = { "icp-filings.yaml": filings };
    for (const file of ["main.tf", "modules/static-site/main.tf", "plan.json"]) files[`infra/${file}`] = fs.readFileSync(path.join(example, file), "utf8");
    return { recipe: "terraform-github-actions.yml", repository: files, env: {} };
}

/** Runs a recipe's job in a fresh workspace; returns the step results and the workspace. */
function runRecipe(scenario: Scenario): { steps: StepResult[]; workspace: string } {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-ci-"));
    const workflow = readWorkflow(path.join(CI_DIR, scenario.recipe));
    const uploads: string[] = [];
    const actions: Record<string, ActionStandIn> = {
        // Checks out the infrastructure repository; with submodules, icp-guard at .icp-guard.
        "actions/checkout": ({ workspace: into, with: inputs }) => {
            const unsupported = Object.keys(inputs).filter((key) => key !== "submodules");
            if (unsupported.length) throw new Error(`checkout stand-in: ${unsupported.join(", ")} not supported`);
            for (const [file, text] of Object.entries(scenario.repository)) {
                fs.mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
                fs.writeFileSync(path.join(into, file), text);
            }
            if (inputs["submodules"] === "true" || inputs["submodules"] === "recursive") copyCheckout(path.join(into, ".icp-guard"));
        },
        // The runner's node is the one setup-node would put on PATH.
        "actions/setup-node": ({ with: inputs }) => {
            if (!process.version.startsWith(`v${String(inputs["node-version"])}.`)) throw new Error(`setup-node stand-in: this runner has node ${process.version}, the recipe asks for ${String(inputs["node-version"])}`);
        },
        "pulumi/actions": ({ toolDir }) => installTool(toolDir, "pulumi", path.join(STAND_INS, "pulumi.js")),
        "hashicorp/setup-terraform": ({ toolDir }) => installTool(toolDir, "terraform", path.join(STAND_INS, "terraform.js")),
        // Code scanning accepts SARIF 2.1.0 files.
        "github/codeql-action/upload-sarif": ({ workspace: at, with: inputs }) => {
            const sarif = JSON.parse(fs.readFileSync(path.join(at, String(inputs["sarif_file"])), "utf8")) as { version?: string; runs?: unknown[] };
            if (sarif.version !== "2.1.0" || !Array.isArray(sarif.runs)) throw new Error("upload-sarif stand-in: not a SARIF 2.1.0 log");
            uploads.push(String(inputs["sarif_file"]));
        },
        "marocchino/sticky-pull-request-comment": ({ workspace: at, with: inputs }) => {
            if (!fs.readFileSync(path.join(at, String(inputs["path"])), "utf8").trim()) throw new Error("sticky comment stand-in: empty comment");
        },
    };
    const [jobId] = Object.keys(workflow.jobs);
    // The npm stand-in is first on PATH (the registry download of icp-guard's lockfile); the job's tools directory comes before it.
    const npmDir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-npm-"));
    installTool(npmDir, "npm", path.join(STAND_INS, "npm.js"), { ICP_GUARD_TEST_REAL_NPM: REAL_NPM, ICP_GUARD_TEST_REPOSITORY: PACK_DIR });
    // The npm registry is never reached: icp-guard's lockfile by the stand-in, the program's lockfile holds nothing, no audit.
    const baseEnv = {
        ...process.env,
        ...CLEAN_ENV,
        ...scenario.env,
        npm_config_registry: "http://127.0.0.1:9/",
        npm_config_audit: "false",
        npm_config_fund: "false",
        npm_config_update_notifier: "false",
        PATH: `${npmDir}${path.delimiter}${process.env["PATH"] ?? ""}`,
    };
    const steps = runJob(workflow, jobId, workspace, { actions, baseEnv, timeoutMs: 600_000, ...(scenario.secrets ? { secrets: scenario.secrets } : {}) });
    return { steps, workspace };
}

/**
 * The Pulumi Cloud stand-in in a process of its own (the runner stand-in runs steps synchronously),
 * serving the organization `acme` with one stack, acme/infra/prod (test/fixtures/pulumi/infra-state.json).
 */
async function startPulumiCloud(): Promise<{ url: string; stop: () => void }> {
    const stacks = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-cloud-"));
    const given = path.join(stacks, "org.json");
    fs.writeFileSync(
        given,
        JSON.stringify({
            pages: { acme: [{ stacks: [{ orgName: "acme", projectName: "infra", stackName: "prod", lastUpdate: 1763625601, resourceCount: 8 }] }] },
            exports: { "acme/infra/prod": JSON.parse(fs.readFileSync(path.join(PACK_DIR, "test", "fixtures", "pulumi", "infra-state.json"), "utf8")) },
        }),
    );
    const server = spawn(process.execPath, [path.join(STAND_INS, "pulumi-cloud-server.js")], { env: { ...process.env, ICP_GUARD_TEST_PULUMI_CLOUD: given }, stdio: ["ignore", "pipe", "inherit"] });
    const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        server.stdout.on("data", (chunk: Buffer) => {
            out += chunk.toString("utf8");
            if (out.includes("\n")) resolve(out.split("\n")[0]);
        });
        server.on("exit", (code) => reject(new Error(`the Pulumi Cloud stand-in exited (${String(code)})`)));
    });
    return { url, stop: () => server.kill() };
}

const outcomes = (steps: readonly StepResult[]) => steps.map((step) => `${step.outcome}: ${step.name}`);
const explain = (steps: readonly StepResult[]) => steps.map((step) => `== ${step.outcome} ${step.name} (${step.code ?? ""})\n${step.stdout.slice(-3000)}\n${step.stderr.slice(-3000)}`).join("\n");

describe("CI recipes (docs/ci) run as written", function () {
    this.timeout(1_800_000);

    describe("every action's inputs are the ones its published action.yml declares", () => {
        for (const recipe of RECIPES) {
            it(recipe, () => {
                const workflow = readWorkflow(path.join(CI_DIR, recipe));
                const problems = Object.values(workflow.jobs).flatMap((job) => job.steps.filter((step) => step.uses).flatMap(validateActionInputs));
                assert.deepStrictEqual(problems, []);
            });
        }
        it("the README's workflow snippets", () => {
            const readme = fs.readFileSync(path.join(PACK_DIR, "README.md"), "utf8");
            const snippets = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]).filter((text) => /^\s*- (uses|name):/m.test(text));
            assert.ok(snippets.length > 0, "the README shows workflow steps");
            const steps = snippets.flatMap((text) => parseYaml(text.replace(/^ {6}/gm, "")) as Step[]);
            assert.deepStrictEqual(steps.filter((step) => step.uses).flatMap(validateActionInputs), []);
        });
        it("refuses what the recipes used to say (pulumi/actions with command: version)", () => {
            assert.match(validateActionInputs({ uses: "pulumi/actions@v6", with: { command: "version" } }).join("\n"), /"version" is not one of up, update, refresh, destroy, preview, output/);
            assert.match(validateActionInputs({ uses: "actions/checkout@v4", with: { refs: "main" } }).join("\n"), /input "refs" is not declared/);
        });
    });

    describe("the Pulumi recipe (github-actions.yml)", () => {
        it("blocks an unfiled domain: the preview step fails, every report is still written and uploaded", () => {
            const { steps, workspace } = runRecipe(pulumiScenario(registry("")));
            assert.deepStrictEqual(outcomes(steps), [
                "success: actions/checkout@v4",
                "success: actions/setup-node@v4",
                "success: Build icp-guard",
                "success: Install the program",
                "success: pulumi/actions@v6",
                "failure: pulumi preview with icp-guard",
                "success: icp-guard reports (SARIF, JUnit, Markdown)",
                "success: github/codeql-action/upload-sarif@v3",
                "success: marocchino/sticky-pull-request-comment@v2",
            ], explain(steps));
            const preview = steps[5];
            assert.match(preview.stderr, /\[mandatory\]\s+icp-domain-unfiled/, explain(steps));
            assert.match(preview.stdout, /preview failed or a mandatory icp-guard violation was found/);
            const sarif = JSON.parse(fs.readFileSync(path.join(workspace, "icp-guard.sarif"), "utf8"));
            assert.ok(sarif.runs[0].results.some((result: { ruleId: string; message: { text: string } }) => result.ruleId === "icp-domain-unfiled" && result.message.text.includes("unfiled-example.com")));
            assert.match(fs.readFileSync(path.join(workspace, "icp-guard.xml"), "utf8"), /<failure /);
            assert.match(fs.readFileSync(path.join(workspace, "icp-guard.md"), "utf8"), /unfiled-example\.com/);
            assert.match(steps[6].stdout, /^::error /m, "GitHub annotations");
        });

        it("passes once the domain is filed: every step succeeds", () => {
            const { steps, workspace } = runRecipe(pulumiScenario(registry("  - domain: unfiled-example.com\n    icp: 京ICP备12345678号-1\n    accessProviders: [alibaba]\n")));
            assert.ok(steps.every((step) => step.outcome === "success"), explain(steps));
            assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(workspace, "icp-guard.sarif"), "utf8")).runs[0].results, []);
        });
    });

    describe("the endpoint-catalog recipe (endpoint-catalog.yml)", () => {
        it("rebuilds the catalog from the organization's stacks, merges it into the policy group's config and enables the pinned version with it", async () => {
            const cloud = await startPulumiCloud();
            const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-pulumi-log-")), "pulumi.jsonl");
            try {
                const { steps } = runRecipe({
                    recipe: "endpoint-catalog.yml",
                    repository: { "policy/cfg-production.json": JSON.stringify({ "icp-domain-unfiled": "mandatory" }, null, 2) },
                    env: { PULUMI_BACKEND_URL: cloud.url, ICP_GUARD_TEST_PULUMI_LOG: log },
                    secrets: { PULUMI_ACCESS_TOKEN: "pul-0123456789abcdef0123456789abcdef01234567" },
                });
                assert.deepStrictEqual(outcomes(steps), [
                    "success: actions/checkout@v4",
                    "success: actions/setup-node@v4",
                    "success: Build icp-guard",
                    "success: Rebuild the endpoint catalog from every stack of the organization",
                    "success: Put it into the policy group's config",
                    "success: pulumi/actions@v6",
                    "success: Enable the pack with the new config",
                ], explain(steps));
                const version = (JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { version: string }).version;
                const sent = fs.readFileSync(log, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { command: string; pack: string; version: string; policyGroup?: string; config: Record<string, unknown> });
                assert.deepStrictEqual(sent.map((entry) => [entry.command, entry.pack, entry.version, entry.policyGroup]), [
                    ["validate-config", "acme/icp-guard", version, undefined],
                    ["enable", "acme/icp-guard", version, "production"],
                ]);
                const config = sent[1].config as { "icp-domain-unfiled": string; "icp-endpoint-catalog": { endpoints: { address: string; source: { stack?: string } }[] } };
                assert.strictEqual(config["icp-domain-unfiled"], "mandatory", "the group's own settings are kept");
                assert.ok(config["icp-endpoint-catalog"].endpoints.some((e) => e.address === "47.97.10.1" && e.source.stack === "acme/infra/prod"), JSON.stringify(config["icp-endpoint-catalog"]).slice(0, 2000));
            } finally {
                cloud.stop();
            }
        });
    });

    describe("the Terraform recipe (terraform-github-actions.yml)", () => {
        it("blocks the example plan's unfiled domain: the gate step fails, the reports are still written and uploaded", () => {
            const { steps, workspace } = runRecipe(terraformScenario(registry("  - domain: partner-example.com\n    icp: 京ICP备16020626号-8\n    accessProviders: [tencent]\n")));
            assert.deepStrictEqual(outcomes(steps), [
                "success: actions/checkout@v4",
                "success: actions/setup-node@v4",
                "success: Build icp-guard",
                "success: hashicorp/setup-terraform@v3",
                "success: terraform plan",
                "failure: icp-guard check (gate)",
                "success: icp-guard reports (SARIF, JUnit, Markdown)",
                "success: github/codeql-action/upload-sarif@v3",
                "success: marocchino/sticky-pull-request-comment@v2",
            ], explain(steps));
            assert.match(steps[5].stdout, /^::error file=infra\/.*\.tf,line=\d+.*icp-domain-unfiled/m, explain(steps));
            const sarif = JSON.parse(fs.readFileSync(path.join(workspace, "icp-guard.sarif"), "utf8"));
            assert.ok(sarif.runs[0].results.some((result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => /^infra\/.*\.tf$/.test(result.locations[0].physicalLocation.artifactLocation.uri)));
        });

        it("passes once every domain is filed at Alibaba Cloud", () => {
            const filed = "  - domain: partner-example.com\n    icp: 京ICP备16020626号-8\n    accessProviders: [tencent, alibaba]\n  - domain: launch-example.com\n    icp: 沪ICP备2024000001号-1\n    accessProviders: [alibaba]\n";
            const { steps } = runRecipe(terraformScenario(registry(filed)));
            assert.ok(steps.every((step) => step.outcome === "success"), explain(steps));
        });
    });
});
