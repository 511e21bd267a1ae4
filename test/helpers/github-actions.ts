/**
 * A stand-in for the GitHub Actions runner, enough to run the workflows under docs/ci/ as written:
 * every `run:` step is executed by bash in a scratch workspace, the way a GitHub-hosted Ubuntu
 * runner executes it; only the hosted actions (`uses:`) are replaced, by stand-ins the test gives.
 * Nothing here imports icp-guard's code.
 *
 * Transcribed from GitHub's documentation (github/docs,
 * content/actions/using-workflows/workflow-syntax-for-github-actions.md, and the pages it links):
 * - a step without `shell` on Linux runs as `bash -e {0}` (the script written to a file);
 * - `env` is merged workflow → job → step, later winning; `working-directory` is relative to
 *   `$GITHUB_WORKSPACE`;
 * - a step without `if` runs only while every earlier step succeeded (`success()`), `if: always()`
 *   runs regardless; a failed step fails the job;
 * - `${{ … }}` expressions: only the contexts these workflows use are supported (`github.workspace`,
 *   `env.X`, `secrets.X`, which is empty on a fork or without the secret); anything else fails the
 *   test rather than being guessed.
 * Each action's `with:` inputs are checked against the action's published `action.yml`
 * (test/fixtures/github-actions, with provenance).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseYaml } from "yaml";

export type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

export interface Step {
    readonly name?: string;
    readonly uses?: string;
    readonly run?: string;
    readonly with?: Json;
    readonly env?: Json;
    readonly if?: string;
    readonly "working-directory"?: string;
    readonly shell?: string;
}

export interface Workflow {
    readonly file: string;
    readonly env: Json;
    readonly jobs: Readonly<Record<string, { readonly "runs-on"?: string; readonly env?: Json; readonly steps: readonly Step[] }>>;
}

const STEP_KEYS = new Set(["name", "uses", "run", "with", "env", "if", "working-directory", "shell", "id"]);

export function readWorkflow(file: string): Workflow {
    const data = parseYaml(fs.readFileSync(file, "utf8")) as Json;
    if (!isObject(data) || !isObject(data["jobs"])) throw new Error(`${file}: no jobs`);
    for (const [id, job] of Object.entries(data["jobs"])) {
        if (!isObject(job) || !Array.isArray(job["steps"])) throw new Error(`${file}: job ${id} has no steps`);
        if ("defaults" in job || "defaults" in data) throw new Error(`${file}: defaults are not supported by this stand-in`);
        for (const step of job["steps"] as Json[]) {
            const unknown = Object.keys(step).filter((key) => !STEP_KEYS.has(key));
            if (unknown.length) throw new Error(`${file}: step ${JSON.stringify(step["name"] ?? step["uses"])} has keys this stand-in does not run: ${unknown.join(", ")}`);
            if ((step["uses"] === undefined) === (step["run"] === undefined)) throw new Error(`${file}: a step needs exactly one of uses and run`);
            if (step["shell"] !== undefined) throw new Error(`${file}: shell is not supported by this stand-in`);
        }
    }
    return { file, env: isObject(data["env"]) ? data["env"] : {}, jobs: data["jobs"] as Workflow["jobs"] };
}

// --------------------------------------------------------------------------------------------
// Actions and their published inputs
// --------------------------------------------------------------------------------------------

export const ACTIONS_FIXTURES = path.resolve(__dirname, "..", "..", "..", "test", "fixtures", "github-actions");

interface Provenance {
    readonly uses: string;
    readonly repository: string;
    readonly path: string;
    readonly commit: string;
    readonly file: string;
    /** Rules the action enforces in its code beyond action.yml, transcribed from its source. */
    readonly inputRules?: { readonly source: string; readonly values?: Readonly<Record<string, readonly string[]>>; readonly requiredWith?: Readonly<Record<string, readonly string[]>> };
}

export function actionProvenance(): readonly Provenance[] {
    return (JSON.parse(fs.readFileSync(path.join(ACTIONS_FIXTURES, "provenance.json"), "utf8")) as { actions: Provenance[] }).actions;
}

/** Problems with a `uses:` step's `with:` against the action's published action.yml (and its transcribed input rules). */
export function validateActionInputs(step: Step): string[] {
    const uses = step.uses!;
    const known = actionProvenance().find((entry) => entry.uses === uses);
    if (!known) return [`${uses}: no published action.yml of this action and version is in test/fixtures/github-actions`];
    const action = parseYaml(fs.readFileSync(path.join(ACTIONS_FIXTURES, known.file), "utf8")) as { inputs?: Record<string, { required?: boolean; default?: unknown }> };
    const inputs = action.inputs ?? {};
    const given = step.with ?? {};
    const problems: string[] = [];
    for (const key of Object.keys(given)) if (!(key in inputs)) problems.push(`${uses}: input "${key}" is not declared by the action (inputs: ${Object.keys(inputs).join(", ")})`);
    for (const [key, spec] of Object.entries(inputs)) {
        if (spec.required === true && spec.default === undefined && !(key in given)) problems.push(`${uses}: required input "${key}" is missing`);
    }
    const rules = known.inputRules;
    for (const [key, allowed] of Object.entries(rules?.values ?? {})) {
        if (key in given && !allowed.includes(String(given[key]))) problems.push(`${uses}: ${key}: "${String(given[key])}" is not one of ${allowed.join(", ")} (${rules!.source})`);
    }
    for (const [key, needed] of Object.entries(rules?.requiredWith ?? {})) {
        if (key in given) for (const other of needed) if (!(other in given)) problems.push(`${uses}: ${key} needs ${other} (${rules!.source})`);
    }
    return problems;
}

// --------------------------------------------------------------------------------------------
// Running a job
// --------------------------------------------------------------------------------------------

export interface StepContext {
    readonly workspace: string;
    /** Directory prepended to PATH (as `$GITHUB_PATH` entries are): stand-in tools go here. */
    readonly toolDir: string;
    /** Inputs with expressions evaluated. */
    readonly with: Json;
    readonly env: Readonly<Record<string, string>>;
}

/** A hosted action's stand-in: does what the action would do to the workspace; throws to fail the step. */
export type ActionStandIn = (context: StepContext) => void;

export interface StepResult {
    readonly name: string;
    readonly outcome: "success" | "failure" | "skipped";
    readonly code?: number;
    readonly stdout: string;
    readonly stderr: string;
}

export interface JobOptions {
    /** Stand-ins by action without version (`actions/checkout`). */
    readonly actions: Readonly<Record<string, ActionStandIn>>;
    readonly secrets?: Readonly<Record<string, string>>;
    /** The runner's own environment (PATH, HOME…), before the workflow's. */
    readonly baseEnv: Readonly<Record<string, string | undefined>>;
    readonly timeoutMs?: number;
}

function evaluate(text: string, context: { workspace: string; env: Readonly<Record<string, string>>; secrets: Readonly<Record<string, string>> }): string {
    return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_match, expression: string) => {
        if (expression === "github.workspace") return context.workspace;
        const env = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression);
        if (env) return context.env[env[1]] ?? "";
        const secret = /^secrets\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression);
        if (secret) return context.secrets[secret[1]] ?? "";
        throw new Error(`expression \${{ ${expression} }} is not supported by this stand-in`);
    });
}

function shouldRun(condition: string | undefined, failed: boolean): boolean {
    const expression = (condition ?? "success()").replace(/^\$\{\{\s*|\s*\}\}$/g, "").trim();
    if (expression === "always()") return true;
    if (expression === "success()") return !failed;
    if (expression === "failure()") return failed;
    throw new Error(`if: ${condition} is not supported by this stand-in`);
}

/** Runs one job of a workflow in `workspace`; returns every step's outcome. */
export function runJob(workflow: Workflow, jobId: string, workspace: string, options: JobOptions): StepResult[] {
    const job = workflow.jobs[jobId];
    const toolDir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-runner-tools-"));
    const secrets = options.secrets ?? {};
    const results: StepResult[] = [];
    let failed = false;
    // Workflow env, then job env, evaluated in order (a later one may read an earlier one).
    const baseEnv: Record<string, string> = {};
    for (const source of [workflow.env, job.env ?? {}]) {
        for (const [key, value] of Object.entries(source)) baseEnv[key] = evaluate(String(value), { workspace, env: baseEnv, secrets });
    }
    for (const step of job.steps) {
        const name = step.name ?? step.uses ?? step.run!.split("\n")[0];
        if (!shouldRun(step.if, failed)) {
            results.push({ name, outcome: "skipped", stdout: "", stderr: "" });
            continue;
        }
        const env: Record<string, string> = { ...baseEnv };
        for (const [key, value] of Object.entries(step.env ?? {})) env[key] = evaluate(String(value), { workspace, env: baseEnv, secrets });
        if (step.uses) {
            const action = step.uses.replace(/@.*$/, "");
            const standIn = options.actions[action];
            if (!standIn) throw new Error(`no stand-in for ${step.uses}`);
            const inputs: Json = {};
            for (const [key, value] of Object.entries(step.with ?? {})) inputs[key] = evaluate(String(value), { workspace, env, secrets });
            try {
                standIn({ workspace, toolDir, with: inputs, env });
                results.push({ name, outcome: "success", stdout: "", stderr: "" });
            } catch (error) {
                failed = true;
                results.push({ name, outcome: "failure", stdout: "", stderr: (error as Error).message });
            }
            continue;
        }
        const script = path.join(toolDir, `step-${results.length}.sh`);
        fs.writeFileSync(script, evaluate(step.run!, { workspace, env, secrets }));
        const cwd = path.resolve(workspace, step["working-directory"] ?? ".");
        const processEnv: Record<string, string> = {};
        for (const [key, value] of Object.entries(options.baseEnv)) if (value !== undefined) processEnv[key] = value;
        Object.assign(processEnv, env, { GITHUB_WORKSPACE: workspace, GITHUB_ACTIONS: "true", CI: "true", PATH: `${toolDir}${path.delimiter}${options.baseEnv["PATH"] ?? ""}` });
        const run = spawnSync("bash", ["-e", script], { cwd, env: processEnv, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, timeout: options.timeoutMs ?? 600_000 });
        const code = run.status ?? 1;
        if (code !== 0) failed = true;
        results.push({ name, outcome: code === 0 ? "success" : "failure", code, stdout: run.stdout ?? "", stderr: `${run.stderr ?? ""}${run.error ? String(run.error) : ""}` });
    }
    return results;
}

/** Writes an executable stand-in tool `name` into the runner's tool directory. */
export function installTool(toolDir: string, name: string, script: string, env: Readonly<Record<string, string>> = {}): void {
    const exports = Object.entries(env)
        .map(([key, value]) => `export ${key}=${JSON.stringify(value)}\n`)
        .join("");
    fs.writeFileSync(path.join(toolDir, name), `#!/bin/sh\n${exports}exec ${JSON.stringify(process.execPath)} ${JSON.stringify(script)} "$@"\n`, { mode: 0o755 });
}
