/**
 * `icp-guard check <files...>`: the pack's rules, in-process, over `pulumi stack export` files and
 * the JSON of `pulumi preview --json`, for CI jobs and for state that exists already.
 */
import * as fs from "fs";
import * as path from "path";
import { Command, Option } from "commander";
import { POLICIES } from "../../policies";
import { countFindings, FORMATS, Format, render, ReportedResource, summaryLine } from "../../lib/reports/formats";
import { PackConfig, policyConfigFromDocument, ReceivedPolicyConfig } from "../../lib/kit/config";
import { emptyRegistry, loadRegistry, locateRegistry, REGISTRY_ENV_VAR, RegistryError } from "../../lib/model/registry";
import { mergeRegistries, registryFromConfigFile } from "../../lib/model/registry-sources";
import { runAll } from "../../lib/kit/runner";
import { loadInputs, regionEnvironmentOf, STDIN_NAME } from "../../lib/inputs/load";
import { WaiverBook } from "../../lib/model/waivers";
import { CliContext, UsageError } from "../context";
import { PACK_DIR, packVersion } from "../package-info";
import { addKubeOptions, KubeOptions, withKubeTarget } from "../kube-options";

interface CheckOptions extends KubeOptions {
    readonly filings?: string;
    readonly config?: string;
    readonly format: Format;
    readonly output?: string;
    readonly source?: string;
    readonly sourceRoot?: string;
    readonly partial?: boolean;
}

/**
 * Reads a --policy-pack-config file into what the engine would send in Configure (`all` and names
 * the pack does not declare included), reconciled by lib/kit/config.ts as the engine does
 * (test/config-differential.spec.ts holds it against a transcription of the engine's Go code).
 * Notes (entries that have no effect) go to `onNote`.
 */
export function readPolicyConfig(file: string | undefined, onNote: (note: string) => void = () => undefined): Map<string, ReceivedPolicyConfig> {
    if (!file) return policyConfigFromDocument({}, POLICIES, "(no config)").config;
    let document: unknown;
    try {
        const text = fs.readFileSync(file, "utf8");
        // The engine reads an empty config file as no config (config.go parsePolicyPackConfig).
        document = text.trim() === "" ? null : JSON.parse(text);
    } catch (error) {
        throw new UsageError(`cannot read the policy config ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
    }
    try {
        const { config, notes } = policyConfigFromDocument(document, POLICIES, file);
        for (const note of notes) onNote(`icp-guard: ${file}: ${note}\n`);
        return config;
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
}

/**
 * The policy config a command runs with: the --config file read as the engine would send it, and
 * received as the pack receives Configure. Throws a UsageError naming every problem.
 */
export function packConfigFromFile(file: string | undefined, onNote: (note: string) => void = () => undefined): PackConfig {
    const config = new PackConfig(POLICIES);
    config.receive(readPolicyConfig(file, onNote), { announce: false });
    try {
        config.check();
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    return config;
}

/** How the registry in use is named once on stderr, so nobody wonders which file counted as "filed". */
function registryNotice(registryFile: string | undefined, cwd: string, source: string): string {
    if (!registryFile) {
        return `icp-guard check: no filing registry found (no --filings, no $${REGISTRY_ENV_VAR}, no icp-filings.yaml or icp-filings.json in ${cwd} or the pack), so no domain counts as filed\n`;
    }
    const shown = path.relative(cwd, registryFile);
    return `icp-guard check: using the filing registry ${shown && !shown.startsWith("..") && !path.isAbsolute(shown) ? shown : registryFile} (${source})\n`;
}

function findRegistry(context: CliContext, options: CheckOptions): { file: string | undefined; source: string } {
    if (options.filings) {
        const file = path.resolve(context.cwd, options.filings);
        if (!fs.existsSync(file)) throw new UsageError(`--filings ${options.filings}: no such file (looked for ${file})`);
        return { file, source: "--filings" };
    }
    const file = locateRegistry(context.env, PACK_DIR, context.cwd);
    const named = context.env[REGISTRY_ENV_VAR];
    const source = named ? `$${REGISTRY_ENV_VAR}` : file && path.dirname(file) === path.resolve(context.cwd) ? "current directory" : "the pack's directory";
    return { file, source };
}

/** A registry problem, told as what `check` does about it (it checks nothing), not as the pack would. */
function registryFailure(error: RegistryError): UsageError {
    const lines = error.problems.map((p) => `  - ${p.where}${p.line !== undefined ? ` (line ${p.line})` : ""}: ${p.message}`);
    // Finding the file failed (a name that does not exist, two candidates): nothing was read yet.
    if (error.problems.every((p) => p.where === REGISTRY_ENV_VAR || p.where.endsWith("directory"))) {
        return new UsageError(`cannot tell which filing registry to use, so nothing was checked:\n${lines.join("\n")}`);
    }
    return new UsageError(
        `the filing registry ${error.file} is invalid, so nothing was checked (a broken registry is never read as "filed"). ` +
            `${error.problems.length === 1 ? "1 problem" : `${error.problems.length} problems`}:\n${lines.join("\n")}`,
    );
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
function useColour(context: CliContext, options: CheckOptions): boolean {
    const noColor = context.env["NO_COLOR"];
    return context.io.isTTY === true && !options.output && (noColor === undefined || noColor === "");
}

function writeReport(file: string, cwd: string, report: string): void {
    const target = path.resolve(cwd, file);
    try {
        fs.writeFileSync(target, report);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT") throw new UsageError(`--output ${file}: the directory ${path.dirname(target)} does not exist; create it first`);
        if (code === "EISDIR") throw new UsageError(`--output ${file}: is a directory; name a file`);
        throw new UsageError(`--output ${file}: cannot write (${(error as Error).message})`);
    }
}

export async function runCheck(context: CliContext, files: readonly string[], options: CheckOptions): Promise<void> {
    const input = await loadInputs(files, { cwd: context.cwd, readStdin: context.io.readStdin }, { partial: options.partial === true, ...(options.sourceRoot !== undefined ? { sourceRoot: options.sourceRoot } : {}) });
    let registry;
    try {
        const { file: registryFile, source } = findRegistry(context, options);
        const fileRegistry = registryFile ? loadRegistry(registryFile, { knownPolicies: POLICIES.map((p) => p.id) }) : emptyRegistry();
        // The registry in the policy config (icp-filing-registry), merged with the file's as the pack does.
        registry = mergeRegistries(fileRegistry, registryFromConfigFile(options.config, { knownPolicies: POLICIES.map((p) => p.id) }));
        context.err(registryNotice(registryFile, context.cwd, source));
    } catch (error) {
        if (error instanceof RegistryError) throw registryFailure(error);
        throw error;
    }
    const config = packConfigFromFile(options.config, (note) => context.err(note));
    if (input.missing.length > 0) {
        context.err(`icp-guard check: partial report (--partial): ${input.missing.length} referenced resource(s) are in no input, so findings about them may be missing or undecidable\n`);
    }
    for (const reason of input.incomplete) context.err(`icp-guard check: partial report (--partial): ${reason.split("\n")[0].replace(/\. Fix the errors.*$|\. Apply, then plan again$/, "")}\n`);
    const partial = input.missing.length > 0 || input.incomplete.length > 0;
    const regions = withKubeTarget(regionEnvironmentOf(input, context.env), options, config.shared.kubernetesClusters);
    const findings = runAll(POLICIES, input.resources, input.stack, { registry, regions, config, waivers: new WaiverBook(registry.waivers) });
    const resources = new Map<string, ReportedResource>();
    for (const resource of input.resources) resources.set(resource.urn, resource);
    const shownFiles = input.files.join(", ");
    const report = render(options.format, {
        findings,
        definitions: POLICIES,
        resources,
        file: shownFiles,
        source: options.source ?? (input.files.length === 1 && input.files[0] !== STDIN_NAME ? input.files[0] : input.files.find((f) => f !== STDIN_NAME) ?? "Pulumi.yaml"),
        ...(options.sourceRoot !== undefined ? { sourceRoot: options.sourceRoot } : {}),
        version: packVersion(),
        colour: options.format === "text" && useColour(context, options),
        ...(partial ? { partial: { missingReferences: input.missing.length, incompleteInputs: input.incomplete.length } } : {}),
    });
    context.code = findings.some((f) => f.level === "mandatory") ? 1 : 0;
    if (options.output) {
        writeReport(options.output, context.cwd, report);
    } else {
        context.out(report);
    }
    // The one-line summary goes to stderr unless the text report (which ends with it) is on stdout.
    if (options.format !== "text" || options.output) {
        context.err(`${summaryLine(countFindings(findings), shownFiles, input.resources.length, partial)}\n`);
    }
}

export function registerCheck(program: Command, context: CliContext): void {
    const command = program
        .command("check")
        .summary("check stack exports and preview JSON with the icp-guard policies")
        .description(
            "Checks `pulumi stack export` files, the JSON of `pulumi preview --json --show-sames`, the JSON of `terraform show -json <planfile>` (or of a state), raw Terraform state files (`terraform.tfstate`, `terraform state pull`) and rendered Kubernetes manifests (`helm template`, `kustomize build`, `kubectl get -o yaml`; with --kube-region or --kube-context) with the icp-guard policies, in-process (no Pulumi or Terraform CLI needed). " +
                "Several files of one stack (or Terraform root module) are merged as the engine sees the stack: planned state (a preview, a plan) over current state (a stack export, a state). Files of different stacks or root modules are checked together in one graph, never merged. `-` reads standard input.\n\n" +
                "Exit codes: 0 no mandatory finding, 1 mandatory findings, 2 bad input or usage (including inputs that reference resources they do not contain, and errored or incomplete Terraform plans, unless --partial).",
        )
        .argument("<files...>", "stack export(s), preview JSON, Terraform plan/state JSON, terraform.tfstate files or rendered Kubernetes manifests to check; - for standard input")
        .option("--filings <file>", `filing registry (default: $${REGISTRY_ENV_VAR}, else icp-filings.yaml/.json in the current directory, else in the pack)`)
        .option("--config <file>", "policy config, in the format of --policy-pack-config")
        .addOption(new Option("--format <format>", "report format").choices(FORMATS).default("text"))
        .option("--output <file>", "write the report to a file instead of stdout")
        .option("--source <path>", "file that results point at when a resource has no source position (default: the checked file)")
        .option("--source-root <dir>", "the Pulumi project's (or Terraform root module's) directory relative to the repository root: findings point at source positions / .tf blocks")
        .option("--partial", "report even when the inputs reference resources they do not contain, or a Terraform plan is errored or incomplete (findings may be missing)");
    addKubeOptions(command).action((files: string[], options: CheckOptions) => runCheck(context, files, options));
}
