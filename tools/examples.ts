/**
 * The example programs under examples/: each is recorded under the mock runtime
 * (tools/record-program.ts), turned into the requests the engine would send, and sent to the built
 * pack over gRPC. Used by `npm run demo` and by the examples' end-to-end test.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { Diagnostic, PackProcess, ProviderInput, ResourceInput } from "./engine-client";
import type { Recorded } from "./record-program";

export const REPO_DIR = path.resolve(__dirname, "..", "..");
export const EXAMPLES_DIR = path.join(REPO_DIR, "examples");
export const EXAMPLES_REGISTRY = path.join(EXAMPLES_DIR, "icp-filings.yaml");

export interface Example {
    readonly name: string;
    readonly dir: string;
    readonly description: string;
    /** Stack config from Pulumi.yaml's `config:` values. */
    readonly config: Record<string, string>;
}

export function listExamples(): Example[] {
    return fs
        .readdirSync(EXAMPLES_DIR, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(EXAMPLES_DIR, entry.name, "Pulumi.yaml")))
        .map((entry) => {
            const dir = path.join(EXAMPLES_DIR, entry.name);
            const project = parseYaml(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as { description?: string; config?: Record<string, { value?: unknown }> };
            const config: Record<string, string> = {};
            for (const [key, entryValue] of Object.entries(project.config ?? {})) {
                if (entryValue && typeof entryValue === "object" && entryValue.value !== undefined) config[key] = String(entryValue.value);
            }
            return { name: entry.name, dir, description: project.description ?? "", config };
        })
        .sort((a, b) => a.name.localeCompare(b.name));
}

export type Recording = { config: Record<string, string>; steps: { urn: string; newState: Recorded }[] };

/** Runs the compiled example under the recording mock monitor; returns `pulumi preview --json`-shaped JSON. */
export function recordExample(example: Example, preview = true): Recording {
    return recordProgram(path.join(REPO_DIR, "bin", "examples", example.name, "index.js"), example.name, example.config, preview);
}

/** Runs a compiled program under the recording mock monitor (tools/record-program.ts). */
export function recordProgram(program: string, project: string, config: Readonly<Record<string, string>>, preview = true): Recording {
    const output = execFileSync(
        process.execPath,
        [path.join(REPO_DIR, "bin", "tools", "record-program.js"), program, "--project", project, "--stack", "dev", "--config", JSON.stringify(config), ...(preview ? [] : ["--update"])],
        { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PULUMI_CONFIG: undefined } },
    );
    return JSON.parse(output);
}

/** What the engine sends: Analyze with each resource's inputs, AnalyzeStack with outputs and dependencies. */
export function engineRequests(recorded: ReturnType<typeof recordExample>): { analyze: ResourceInput[]; stack: ResourceInput[] } {
    const states = recorded.steps.map((step) => step.newState);
    const providers = new Map<string, ProviderInput>();
    for (const state of states) {
        if (state.type.startsWith("pulumi:providers:")) providers.set(state.urn, { urn: state.urn, type: state.type, name: state.urn.slice(state.urn.lastIndexOf("::") + 2), props: state.inputs ?? {} });
    }
    const analyze: ResourceInput[] = [];
    const stack: ResourceInput[] = [];
    for (const state of states) {
        const provider = state.provider ? providers.get(state.provider.slice(0, state.provider.lastIndexOf("::"))) : undefined;
        const base = { urn: state.urn, type: state.type, name: state.urn.slice(state.urn.lastIndexOf("::") + 2), provider, parent: state.parent };
        analyze.push({ ...base, props: state.inputs ?? {} });
        stack.push({ ...base, props: state.outputs ?? {}, dependencies: state.dependencies ?? [], propertyDependencies: state.propertyDependencies ?? {} });
    }
    return { analyze, stack };
}

export interface ExampleFinding {
    readonly resource: string;
    readonly type: string;
    readonly diagnostic: Diagnostic;
}

/** Sends one example to a freshly started pack, as a preview: Analyze per resource, then AnalyzeStack. */
export async function runExample(example: Example): Promise<ExampleFinding[]> {
    return runRecording(recordExample(example), example.name, example.config, EXAMPLES_REGISTRY);
}

/** Sends a recorded program to a freshly started pack, as a preview: Analyze per resource, then AnalyzeStack. */
export async function runRecording(recording: Recording, project: string, config: Readonly<Record<string, string>>, registryFile: string): Promise<ExampleFinding[]> {
    const { analyze, stack } = engineRequests(recording);
    const pack = await PackProcess.start(REPO_DIR, {
        env: { ICP_GUARD_FILINGS: registryFile, PULUMI_CONFIG: JSON.stringify(config), ALICLOUD_REGION: undefined, ALIBABA_CLOUD_REGION: undefined },
    });
    try {
        await pack.configureStack({ stack: "dev", project, dryRun: true, config: { ...config } });
        await pack.configure(await pack.getAnalyzerInfo(), {});
        const byUrn = new Map(analyze.map((r) => [r.urn, r]));
        const findings: ExampleFinding[] = [];
        const add = (diagnostic: Diagnostic) => {
            const resource = byUrn.get(diagnostic.urn);
            findings.push({ resource: resource?.name ?? "(stack)", type: resource?.type ?? "", diagnostic });
        };
        for (const request of analyze) for (const diagnostic of await pack.analyze(request)) add(diagnostic);
        for (const diagnostic of await pack.analyzeStack(stack)) add(diagnostic);
        return findings;
    } finally {
        await pack.close();
    }
}

/** The verdict an example's README promises: rows of its "Expected verdict" table. */
export function expectedFindings(example: Example): { level: string; policy: string; resource: string }[] {
    const readme = fs.readFileSync(path.join(example.dir, "README.md"), "utf8");
    const section = readme.split(/^## Expected verdict\s*$/m)[1];
    if (section === undefined) throw new Error(`${example.name}/README.md has no "## Expected verdict" section`);
    return section
        .split(/^## /m)[0]
        .split("\n")
        .filter((line) => /^\|\s*(mandatory|advisory)\s*\|/.test(line))
        .map((line) => {
            const [level, policy, resource] = line.split("|").slice(1, 4).map((cell) => cell.trim().replace(/`/g, ""));
            return { level, policy, resource };
        });
}
