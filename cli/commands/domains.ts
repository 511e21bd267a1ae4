/**
 * `icp-guard domains <file>…`: which registrable domains do our stacks serve from the Chinese
 * mainland? Reads the same inputs as `check` (stack exports, preview JSON, Terraform plan/state JSON) and the same bindings
 * and DNS graph as the rules, and lists each domain with its bindings, the filing it needs and its
 * registry status; `--format yaml` writes a registry draft for the domains not yet in the registry.
 */
import * as fs from "fs";
import { Command, Option } from "commander";
import { buildInventory, InventoryInput } from "../../lib/kit/inventory";
import { registryName } from "../../lib/kit/explain";
import { regionEnvironmentFrom } from "../../lib/model/region";
import { REGISTRY_ENV_VAR } from "../../lib/model/registry";
import { buildViews, InputFileError } from "../../lib/inputs/pulumi-file";
import { parseInput } from "../../lib/inputs/load";
import { INVENTORY_FORMATS, InventoryFormat, renderInventory } from "../../lib/reports/inventory";
import { CliContext } from "../context";
import { POLICIES } from "../../policies";
import { packVersion } from "../package-info";
import { registryAndConfig } from "../registry-options";

interface DomainsOptions {
    readonly filings?: string;
    readonly config?: string;
    readonly format: InventoryFormat;
    readonly output?: string;
}

/** Reads each input as `check` does (every unreadable file named, not only the first). */
export function readInventoryInputs(context: CliContext, files: readonly string[]): InventoryInput[] {
    const problems: string[] = [];
    const inputs: InventoryInput[] = [];
    for (const file of files) {
        let text: string;
        try {
            text = fs.readFileSync(file, "utf8");
        } catch (error) {
            problems.push(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
            continue;
        }
        try {
            // Every front end `check` reads (stack exports, previews, Terraform plan and state JSON).
            const input = parseInput(text, file);
            const regions = { ...regionEnvironmentFrom(context.env), ...(input.config["alicloud:region"] ? { stackConfigRegion: input.config["alicloud:region"] } : {}) };
            // As in check: a Terraform provider reads no Pulumi stack config.
            if (input.kind.startsWith("terraform")) regions.stackConfigRegion = undefined;
            inputs.push({ file, ...buildViews(input.records), regions });
        } catch (error) {
            if (!(error instanceof InputFileError)) throw error;
            problems.push(error.message);
        }
    }
    if (problems.length > 0) throw new InputFileError(problems.join("\n  "));
    return inputs;
}

export function runDomains(context: CliContext, files: readonly string[], options: DomainsOptions): void {
    const { registry, config } = registryAndConfig(context, options);
    const inputs = readInventoryInputs(context, files);
    // As the runner: a waiver does not apply to a policy configured with allowWaivers: false.
    const allowsWaivers = (policyId: string) => {
        const definition = POLICIES.find((policy) => policy.id === policyId);
        return definition === undefined || config.propertiesOf(definition)["allowWaivers"] !== false;
    };
    const domains = buildInventory(inputs, registry, config.shared, allowsWaivers);
    const report = renderInventory(options.format, { domains, files, registry: registryName(registry), version: packVersion() });
    if (options.output) fs.writeFileSync(options.output, report);
    else context.out(report);
}

export function registerDomains(program: Command, context: CliContext): void {
    program
        .command("domains")
        .summary("list the domains the stacks serve from the Chinese mainland, with their filing status")
        .description(
            "Lists every registrable domain that the stacks bind to, or point DNS records at, Alibaba Cloud endpoints serving the Chinese mainland " +
                "(or may, where the location is not known yet), with each binding (resource, product, region or scope), the filing it needs " +
                "(any ICP filing, or 接入阿里云) and its registry status: filed, filed elsewhere, unfiled or waived.\n\n" +
                "--format yaml writes a registry draft for the domains not yet in the registry; the ICP number and access providers are left as comments to fill in.\n\n" +
                "Exit codes: 0 listed, 2 bad input or usage.",
        )
        .argument("<files...>", "stack exports (`pulumi stack export`) or preview JSON (`pulumi preview --json`)")
        .option("--filings <file>", `filing registry (default: $${REGISTRY_ENV_VAR}, else icp-filings.yaml/.json in the pack)`)
        .option("--config <file>", "policy config, in the format of --policy-pack-config (may carry icp-filing-registry)")
        .addOption(new Option("--format <format>", "output format").choices(INVENTORY_FORMATS).default("text"))
        .option("--output <file>", "write to a file instead of stdout")
        .action((files: string[], options: DomainsOptions) => runDomains(context, files, options));
}
