/**
 * `icp-guard check <files...>`: the pack's rules, in-process, over `pulumi stack export` files and
 * the JSON of `pulumi preview --json`, for CI jobs and for state that exists already.
 */
import * as fs from "fs";
import * as path from "path";
import { Command, Option } from "commander";
import { POLICIES } from "../../policies";
import { countFindings, FORMATS, Format, render, ReportedResource, summaryLine } from "../../lib/reports/formats";
import { REGISTRY_ENV_VAR } from "../../lib/model/registry";
import { runAll } from "../../lib/kit/runner";
import { loadInputs, regionEnvironmentOf, STDIN_NAME } from "../../lib/inputs/load";
import { WaiverBook } from "../../lib/model/waivers";
import { CliContext, UsageError } from "../context";
import { packVersion } from "../package-info";
import { addKubeOptions, KubeOptions, withKubeTarget } from "../kube-options";
import { readRegistry } from "../registry-options";

interface CheckOptions extends KubeOptions {
    readonly filings?: string;
    readonly config?: string;
    readonly format: Format;
    readonly output?: string;
    readonly source?: string;
    readonly sourceRoot?: string;
    readonly partial?: boolean;
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
    // The file's registry merged with the one the policy config carries (icp-filing-registry), as the pack does.
    const { registry, config, notice } = readRegistry(context, options, "check", (note) => context.err(note));
    context.err(notice);
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
        .summary("check stack exports, preview JSON and Terraform plans or states with the icp-guard policies")
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
