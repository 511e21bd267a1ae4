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
import { REGISTRY_ENV_VAR } from "../../lib/model/registry";
import { loadInputFiles, regionEnvironmentOf } from "../../lib/inputs/load";
import { INVENTORY_FORMATS, InventoryFormat, renderInventory } from "../../lib/reports/inventory";
import { CliContext } from "../context";
import { POLICIES } from "../../policies";
import { packVersion } from "../package-info";
import { readRegistry } from "../registry-options";
import { addKubeOptions, KubeOptions, withKubeTarget } from "../kube-options";
import { KubernetesClusters, NO_KUBERNETES_CLUSTERS } from "../../lib/graph/kubernetes";

interface DomainsOptions extends KubeOptions {
    readonly partial?: boolean;
    readonly filings?: string;
    readonly config?: string;
    readonly format: InventoryFormat;
    readonly output?: string;
}

/**
 * Reads the inputs exactly as `check` does (lib/inputs/load.ts): every front end, every unreadable
 * file named at once, plans over the states of their own root, roots side by side in one graph,
 * inputs that reference resources they do not contain refused unless `partial`.
 */
export function readInventoryInputs(context: CliContext, files: readonly string[], options: { readonly partial?: boolean } & KubeOptions = {}, clusters: KubernetesClusters = NO_KUBERNETES_CLUSTERS): InventoryInput[] {
    const input = loadInputFiles(files, context.cwd, { partial: options.partial === true });
    if (input.missing.length > 0) {
        context.err(`icp-guard: partial inventory (--partial): ${input.missing.length} referenced resource(s) are in no input, so domains bound through them may be missing\n`);
    }
    for (const reason of input.incomplete) context.err(`icp-guard: partial inventory (--partial): ${reason.split(":")[0]}, so domains may be missing\n`);
    return [{ file: input.files.join(", "), fileOf: input.fileOf, resources: input.resources, stack: input.stack, regions: withKubeTarget(regionEnvironmentOf(input, context.env), options, clusters) }];
}

export function runDomains(context: CliContext, files: readonly string[], options: DomainsOptions): void {
    const { registry, config, notice } = readRegistry(context, options, "domains");
    context.err(notice);
    const inputs = readInventoryInputs(context, files, { partial: options.partial === true, kubeRegion: options.kubeRegion, kubeContext: options.kubeContext }, config.shared.kubernetesClusters);
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
    const command = program
        .command("domains")
        .summary("list the domains the stacks or Terraform configurations serve from the Chinese mainland, with their filing status")
        .description(
            "Lists every registrable domain that the inputs (Pulumi stack exports and previews, Terraform plans and states) bind to, or point DNS records at, Alibaba Cloud endpoints serving the Chinese mainland " +
                "(or may, where the location is not known yet), with each binding (resource, product, region or scope), the filing it needs " +
                "(any ICP filing, or 接入阿里云) and its registry status: filed, filed elsewhere, unfiled, unfileable (under a TLD that can never be filed) or waived.\n\n" +
                "--format yaml writes a registry draft for the domains not yet in the registry; the ICP number and access providers are left as comments to fill in.\n\n" +
                `The registry: --filings, else $${REGISTRY_ENV_VAR}, else icp-filings.yaml/.json in the current directory, else in the pack; merged with "icp-filing-registry" in the --config file.\n\n` +
                "Exit codes: 0 listed, 2 bad input or usage.",
        )
        .argument("<files...>", "stack exports (`pulumi stack export`), preview JSON (`pulumi preview --json --show-sames`), Terraform plan/state JSON (`terraform show -json`), terraform.tfstate files or rendered Kubernetes manifests")
        .option("--filings <file>", `filing registry (default: $${REGISTRY_ENV_VAR}, else icp-filings.yaml/.json in the current directory, else in the pack)`)
        .option("--config <file>", "policy config, in the format of --policy-pack-config (may carry icp-filing-registry and icp-endpoint-catalog)")
        .addOption(new Option("--format <format>", "output format").choices(INVENTORY_FORMATS).default("text"))
        .option("--output <file>", "write to a file instead of stdout")
        .option("--partial", "list even when the inputs reference resources they do not contain (domains may be missing), as check --partial");
    addKubeOptions(command).action((files: string[], options: DomainsOptions) => runDomains(context, files, options));
}
