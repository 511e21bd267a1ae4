/**
 * `icp-guard check <file>`: the pack's rules, in-process, over a `pulumi stack export` file or the
 * JSON of `pulumi preview --json`, for CI jobs and for state that exists already.
 */
import * as fs from "fs";
import * as path from "path";
import { Command, Option } from "commander";
import { POLICIES } from "../../policies";
import { FORMATS, Format, render } from "../../lib/reports/formats";
import { PackConfig, policyConfigFromDocument, ReceivedPolicyConfig } from "../../lib/kit/config";
import { emptyRegistry, loadRegistry, locateRegistry, REGISTRY_ENV_VAR } from "../../lib/model/registry";
import { regionEnvironmentFrom } from "../../lib/model/region";
import { runAll } from "../../lib/kit/runner";
import { InputFileError, parseInputFile } from "../../lib/inputs/pulumi-file";
import { WaiverBook } from "../../lib/model/waivers";
import { CliContext, UsageError } from "../context";
import { PACK_DIR, packVersion } from "../package-info";

interface CheckOptions {
    readonly filings?: string;
    readonly config?: string;
    readonly format: Format;
    readonly output?: string;
    readonly source?: string;
}

/**
 * Reads a --policy-pack-config file into what the engine would send in Configure, reconciled by
 * lib/kit/config.ts as the engine does. Notes (entries that have no effect) go to `onNote`.
 */
export function readPolicyConfig(file: string | undefined, onNote: (note: string) => void = () => undefined): Map<string, ReceivedPolicyConfig> {
    if (!file) return policyConfigFromDocument({}, POLICIES, "(no config)").config;
    let document: unknown;
    try {
        document = JSON.parse(fs.readFileSync(file, "utf8"));
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

export function runCheck(context: CliContext, file: string, options: CheckOptions): void {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new InputFileError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
    }
    const input = parseInputFile(text, file);
    const registryFile = options.filings ? path.resolve(options.filings) : locateRegistry(context.env, PACK_DIR);
    if (options.filings && !fs.existsSync(registryFile!)) throw new UsageError(`--filings ${options.filings}: no such file`);
    const registry = registryFile ? loadRegistry(registryFile, { knownPolicies: POLICIES.map((p) => p.id) }) : emptyRegistry();
    const config = new PackConfig(POLICIES);
    config.receive(readPolicyConfig(options.config, (note) => context.err(note)), { announce: false });
    try {
        config.check();
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    const regions = { ...regionEnvironmentFrom(context.env), ...(input.config["alicloud:region"] ? { stackConfigRegion: input.config["alicloud:region"] } : {}) };
    const findings = runAll(POLICIES, input.resources, input.stack, { registry, regions, config, waivers: new WaiverBook(registry.waivers) });
    const report = render(options.format, {
        findings,
        definitions: POLICIES,
        resources: new Map(input.resources.map((r) => [r.urn, { type: r.type, name: r.name }])),
        file,
        source: options.source ?? file,
        version: packVersion(),
    });
    context.code = findings.some((f) => f.level === "mandatory") ? 1 : 0;
    if (options.output) fs.writeFileSync(options.output, report);
    else context.out(report);
}

export function registerCheck(program: Command, context: CliContext): void {
    program
        .command("check")
        .summary("check a stack export or preview JSON with the icp-guard policies")
        .description(
            "Checks a `pulumi stack export` file or the JSON of `pulumi preview --json` with the icp-guard policies, in-process (no Pulumi CLI needed).\n\n" +
                "Exit codes: 0 no mandatory finding, 1 mandatory findings, 2 bad input or usage.",
        )
        .argument("<file>", "stack export or preview JSON to check")
        .option("--filings <file>", `filing registry (default: $${REGISTRY_ENV_VAR}, else icp-filings.yaml/.json in the pack)`)
        .option("--config <file>", "policy config, in the format of --policy-pack-config")
        .addOption(new Option("--format <format>", "report format").choices(FORMATS).default("text"))
        .option("--output <file>", "write the report to a file instead of stdout")
        .option("--source <path>", "file that SARIF/GitHub results point at (default: the checked file)")
        .action((file: string, options: CheckOptions) => runCheck(context, file, options));
}
