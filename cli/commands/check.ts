/**
 * `icp-guard check <file>`: the pack's rules, in-process, over a `pulumi stack export` file or the
 * JSON of `pulumi preview --json`, for CI jobs and for state that exists already.
 */
import * as fs from "fs";
import * as path from "path";
import { Command, Option } from "commander";
import { POLICIES } from "../../policies";
import { FORMATS, Format, render } from "../../lib/reports/formats";
import { PackConfig, ReceivedPolicyConfig } from "../../lib/kit/config";
import { emptyRegistry, loadRegistry, locateRegistry, REGISTRY_ENV_VAR } from "../../lib/model/registry";
import { regionEnvironmentFrom } from "../../lib/model/region";
import { runAll } from "../../lib/kit/runner";
import { InputFileError } from "../../lib/inputs/pulumi-file";
import { isTerraformInput, parseAnyInput } from "../../lib/inputs/any-input";
import { WaiverBook } from "../../lib/model/waivers";
import { CliContext, UsageError } from "../context";
import { PACK_DIR, packVersion } from "../package-info";

interface CheckOptions {
    readonly filings?: string;
    readonly config?: string;
    readonly format: Format;
    readonly output?: string;
    readonly source?: string;
    readonly sourceRoot?: string;
}

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"] as const;

/** Reads a --policy-pack-config file into what the engine would send in Configure. */
function readPolicyConfig(file: string | undefined): Map<string, ReceivedPolicyConfig> {
    const config = new Map<string, ReceivedPolicyConfig>();
    let raw: Record<string, unknown> = {};
    if (file) {
        try {
            const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
            if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("the top level must be an object");
            raw = parsed as Record<string, unknown>;
        } catch (error) {
            throw new UsageError(`cannot read the policy config ${file}: ${(error as Error).message}`);
        }
    }
    const levelOf = (entry: unknown, name: string): (typeof LEVELS)[number] | undefined => {
        const level = typeof entry === "string" ? entry : entry && typeof entry === "object" ? (entry as Record<string, unknown>)["enforcementLevel"] : undefined;
        if (level === undefined) return undefined;
        if (typeof level !== "string" || !(LEVELS as readonly string[]).includes(level)) throw new UsageError(`${file}: "${name}" has enforcement level ${JSON.stringify(level)}; use one of ${LEVELS.join(", ")}`);
        return level as (typeof LEVELS)[number];
    };
    const all = levelOf(raw["all"], "all");
    for (const name of Object.keys(raw)) {
        if (name !== "all" && name !== "environments" && !POLICIES.some((p) => p.id === name)) {
            throw new UsageError(`${file}: "${name}" is not an icp-guard policy`);
        }
    }
    for (const definition of POLICIES) {
        const entry = raw[definition.id];
        const { enforcementLevel: _level, ...properties } = entry && typeof entry === "object" ? (entry as Record<string, unknown>) : {};
        void _level;
        config.set(definition.id, { enforcementLevel: levelOf(entry, definition.id) ?? all ?? definition.defaultLevel, properties });
    }
    return config;
}

export function runCheck(context: CliContext, file: string, options: CheckOptions): void {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new InputFileError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
    }
    const input = parseAnyInput(text, file, { sourceRoot: options.sourceRoot });
    const registryFile = options.filings ? path.resolve(options.filings) : locateRegistry(context.env, PACK_DIR);
    if (options.filings && !fs.existsSync(registryFile!)) throw new UsageError(`--filings ${options.filings}: no such file`);
    const registry = registryFile ? loadRegistry(registryFile, { knownPolicies: POLICIES.map((p) => p.id) }) : emptyRegistry();
    const config = new PackConfig(POLICIES);
    config.receive(readPolicyConfig(options.config), { announce: false });
    try {
        config.check();
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    const regions = { ...regionEnvironmentFrom(context.env), ...(input.config["alicloud:region"] ? { stackConfigRegion: input.config["alicloud:region"] } : {}) };
    // Terraform's provider reads no Pulumi stack config: ALICLOUD_REGION, then cn-beijing.
    if (isTerraformInput(input)) regions.stackConfigRegion = undefined;
    const findings = runAll(POLICIES, input.resources, input.stack, { registry, regions, config, waivers: new WaiverBook(registry.waivers) });
    const report = render(options.format, {
        findings,
        definitions: POLICIES,
        resources: new Map(
            input.resources.map((r) => [
                r.urn,
                // Positions are relative to --source-root; results point at them from the repository root.
                { type: r.type, name: r.name, address: r.address, sourcePosition: r.sourcePosition && options.sourceRoot ? { ...r.sourcePosition, file: path.posix.join(options.sourceRoot.split(path.sep).join("/"), r.sourcePosition.file) } : r.sourcePosition },
            ]),
        ),
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
        .summary("check a stack export, preview JSON or Terraform plan JSON with the icp-guard policies")
        .description(
            "Checks a `pulumi stack export` file, the JSON of `pulumi preview --json`, or the JSON of `terraform show -json <planfile>` (or of a state) with the icp-guard policies, in-process (no Pulumi or Terraform CLI needed).\n\n" +
                "Exit codes: 0 no mandatory finding, 1 mandatory findings, 2 bad input or usage.",
        )
        .argument("<file>", "stack export, preview JSON or Terraform plan/state JSON to check")
        .option("--filings <file>", `filing registry (default: $${REGISTRY_ENV_VAR}, else icp-filings.yaml/.json in the pack)`)
        .option("--config <file>", "policy config, in the format of --policy-pack-config")
        .addOption(new Option("--format <format>", "report format").choices(FORMATS).default("text"))
        .option("--output <file>", "write the report to a file instead of stdout")
        .option("--source <path>", "file that SARIF/GitHub results point at (default: the checked file)")
        .option("--source-root <dir>", "Terraform: the root module's directory, so results point at each resource's .tf block")
        .action((file: string, options: CheckOptions) => runCheck(context, file, options));
}
