/**
 * The registry and policy config a subcommand reads, exactly as `icp-guard check` and the pack
 * read them: --filings, else $ICP_GUARD_FILINGS, else icp-filings.yaml/.json in the pack; merged
 * with a registry under `icp-filing-registry` in the --config file (lib/model/registry-sources.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { POLICIES } from "../policies";
import { PackConfig } from "../lib/kit/config";
import { emptyRegistry, FilingRegistry, loadRegistry, locateRegistry } from "../lib/model/registry";
import { mergeRegistries, registryFromConfigFile } from "../lib/model/registry-sources";
import { packConfigFromFile } from "./commands/check";
import { CliContext, UsageError } from "./context";
import { PACK_DIR } from "./package-info";

export interface RegistryOptions {
    readonly filings?: string;
    readonly config?: string;
}

export function registryAndConfig(context: CliContext, options: RegistryOptions): { registry: FilingRegistry; config: PackConfig } {
    const registryFile = options.filings ? path.resolve(context.cwd, options.filings) : locateRegistry(context.env, PACK_DIR, context.cwd);
    if (options.filings && !fs.existsSync(registryFile!)) throw new UsageError(`--filings ${options.filings}: no such file`);
    const knownPolicies = POLICIES.map((p) => p.id);
    const fromFile = registryFile ? loadRegistry(registryFile, { knownPolicies }) : emptyRegistry();
    const registry = mergeRegistries(fromFile, registryFromConfigFile(options.config, { knownPolicies }));
    return { registry, config: packConfigFromFile(options.config) };
}
