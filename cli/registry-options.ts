/**
 * The registry and policy config every subcommand reads, exactly as the pack reads them:
 * --filings, else $ICP_GUARD_FILINGS, else icp-filings.yaml/.json in the current directory, else
 * in the pack; merged with a registry under `icp-filing-registry` in the --config file
 * (lib/model/registry-sources.ts). Both sources are read in one pass, so one report names every
 * problem of both; the messages name the command line's fixes (--filings, the current directory),
 * not the pack's.
 */
import * as fs from "fs";
import * as path from "path";
import { POLICIES } from "../policies";
import { PackConfig, policyConfigFromDocument, ReceivedPolicyConfig } from "../lib/kit/config";
import { emptyRegistry, FilingRegistry, loadRegistry, locateRegistry, REGISTRY_ENV_VAR, RegistryError } from "../lib/model/registry";
import { CONFIG_SOURCE, registryFromConfigFile, registryFromSources } from "../lib/model/registry-sources";
import { CliContext, UsageError } from "./context";
import { PACK_DIR } from "./package-info";

export interface RegistryOptions {
    readonly filings?: string;
    readonly config?: string;
}

/** How to give the command line a registry, for messages that say none was found. */
export const CLI_REGISTRY_HINT = `give --filings <file>, set $${REGISTRY_ENV_VAR}, or run where icp-filings.yaml is`;

export interface CliRegistry {
    readonly registry: FilingRegistry;
    readonly config: PackConfig;
    /** One line for stderr: which registry counts as filed, or that none does. */
    readonly notice: string;
    /** False when neither a file nor the config carries a registry (nothing counts as filed). */
    readonly found: boolean;
}

function findRegistryFile(context: CliContext, options: RegistryOptions): { file: string | undefined; source: string } {
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

/** A registry problem, told as what the command does about it (it checks nothing), not as the pack would. */
export function registryFailure(error: RegistryError): UsageError {
    const lines = error.problems.map((p) => `  - ${p.where}${p.line !== undefined ? ` (line ${p.line})` : ""}: ${p.message}`);
    // Finding the file failed (a name that does not exist, two candidates): nothing was read yet.
    if (error.problems.every((p) => p.where === REGISTRY_ENV_VAR || p.where.endsWith("directory"))) {
        return new UsageError(`cannot tell which filing registry to use, so nothing was checked:\n${lines.join("\n")}`);
    }
    return new UsageError(
        `the filing registry ${error.file} is invalid, so nothing was checked (a broken registry is never read as "filed"). ` +
            `Fix ${error.problems.length === 1 ? "this problem" : `these ${error.problems.length} problems`}:\n${lines.join("\n")}`,
    );
}

/**
 * Reads a --policy-pack-config file into what the engine would send in Configure (`all` and names
 * the pack does not declare included), reconciled by lib/kit/config.ts as the engine does
 * (test/config-differential.spec.ts holds it against a transcription of the engine's Go code).
 * Notes (entries that have no effect) go to `onNote`; `shown` is the file as the user named it.
 */
export function readPolicyConfig(file: string | undefined, onNote: (note: string) => void = () => undefined, shown: string | undefined = file): Map<string, ReceivedPolicyConfig> {
    if (!file) return policyConfigFromDocument({}, POLICIES, "(no config)").config;
    let document: unknown;
    try {
        const text = fs.readFileSync(file, "utf8");
        // The engine reads an empty config file as no config (config.go parsePolicyPackConfig).
        document = text.trim() === "" ? null : JSON.parse(text);
    } catch (error) {
        throw new UsageError(`cannot read the policy config ${shown}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
    }
    try {
        const { config, notes } = policyConfigFromDocument(document, POLICIES, shown ?? file);
        for (const note of notes) onNote(`icp-guard: ${shown}: ${note}\n`);
        return config;
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
}

/**
 * The policy config a command runs with: the --config file read as the engine would send it, and
 * received as the pack receives Configure. Throws a UsageError naming every problem.
 */
export function packConfigFromFile(file: string | undefined, onNote: (note: string) => void = () => undefined, shown: string | undefined = file): PackConfig {
    const config = new PackConfig(POLICIES);
    config.receive(readPolicyConfig(file, onNote, shown), { announce: false });
    try {
        config.check();
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    return config;
}

function shownPath(file: string, cwd: string): string {
    const relative = path.relative(cwd, file);
    return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

/**
 * The registry (file and config, merged as the pack merges them) and the policy config. Throws
 * UsageError (exit 2) naming every registry problem of both sources at once.
 */
export function readRegistry(context: CliContext, options: RegistryOptions, command: string, onConfigNote: (note: string) => void = () => undefined): CliRegistry {
    const knownPolicies = POLICIES.map((p) => p.id);
    // A relative --config is the user's, relative to where they run the command.
    const configFile = options.config !== undefined ? path.resolve(context.cwd, options.config) : undefined;
    let registry: FilingRegistry;
    let located: { file: string | undefined; source: string };
    try {
        located = findRegistryFile(context, options);
        const { file } = located;
        registry = registryFromSources(
            () => (file ? loadRegistry(file, { knownPolicies }) : emptyRegistry(CLI_REGISTRY_HINT)),
            () => registryFromConfigFile(configFile, { knownPolicies }),
        );
    } catch (error) {
        if (error instanceof RegistryError) throw registryFailure(error);
        throw error;
    }
    const config = packConfigFromFile(configFile, onConfigNote, options.config);
    const inConfig = registry.source !== undefined && registry.source.includes(CONFIG_SOURCE);
    const parts: string[] = [];
    if (located.file) parts.push(`${shownPath(located.file, context.cwd)} (${located.source})`);
    if (inConfig) parts.push(`"icp-filing-registry" in ${shownPath(configFile!, context.cwd)} (--config)`);
    const notice =
        parts.length > 0
            ? `icp-guard ${command}: using the filing registry ${parts.join(" merged with ")}\n`
            : `icp-guard ${command}: no filing registry found (no --filings, no $${REGISTRY_ENV_VAR}, no icp-filings.yaml or icp-filings.json in ${context.cwd} or the pack, no "icp-filing-registry" in a --config), so no domain counts as filed; ${CLI_REGISTRY_HINT}\n`;
    return { registry, config, notice, found: parts.length > 0 };
}
