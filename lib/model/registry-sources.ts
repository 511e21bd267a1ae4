/**
 * The filing registry from two sources: a file (ICP_GUARD_FILINGS, or icp-filings.yaml in the
 * pack) and the policy config under `icp-filing-registry`, which Pulumi Cloud policy groups and
 * `--policy-pack-config` deliver without republishing the pack.
 *
 * The rule when both exist: they are merged. A domain listed in both with the same ICP number and
 * the same access providers is one filing; listed differently, the registry is refused (which of
 * the two is right is for a person to say, and a gate that guesses opens silently). Waivers may
 * be written in one of the two only, so that `waivers[N]` in a message names one place.
 */
import { FilingEntry, FilingRegistry, MAX_REGISTRY_BYTES, RegistryError, RegistryOptions, RegistryProblem, registryFromData, websiteNumberWarnings } from "./registry";
import { REGISTRY_SCHEMA } from "./registry-schema";
import { showHost } from "./domain";
import * as fs from "fs";
import * as path from "path";

/** The policy whose config carries the registry (declared to the engine; it runs no checks). */
export const REGISTRY_POLICY_NAME = "icp-filing-registry";
/** How messages name the config source. */
export const CONFIG_SOURCE = `in the policy config "${REGISTRY_POLICY_NAME}"`;

/**
 * The config schema declared for `icp-filing-registry`: the registry's own fields. Nothing is
 * `required`, because the engine validates every policy's schema even when no config is given;
 * and no `$schema` key, which has no meaning in a config. The engine checks it with gojsonschema
 * (type, properties, additionalProperties, required, minItems, uniqueItems, minLength, maxLength,
 * and RE2 patterns, all of which it supports); the pack checks everything again itself.
 */
export const REGISTRY_CONFIG_SCHEMA = {
    properties: {
        filings: REGISTRY_SCHEMA.properties.filings,
        waivers: REGISTRY_SCHEMA.properties.waivers,
    },
} as const;

/**
 * The registry the policy config carries, or undefined when it carries none (no properties, or
 * only empty lists). Throws RegistryError, every problem at once, for a broken one.
 */
export function registryFromConfig(properties: Readonly<Record<string, unknown>> | undefined, options: RegistryOptions = {}): FilingRegistry | undefined {
    if (properties === undefined) return undefined;
    const given = Object.entries(properties).filter(([, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0));
    if (given.length === 0) return undefined;
    let size: number;
    try {
        size = Buffer.byteLength(JSON.stringify(properties), "utf8");
    } catch {
        size = Infinity;
    }
    if (size > MAX_REGISTRY_BYTES) {
        throw new RegistryError(CONFIG_SOURCE, [{ where: "(top level)", message: `is ${size} bytes; the registry is limited to ${MAX_REGISTRY_BYTES} bytes` }]);
    }
    // Waivers alone are allowed in the config: the filings then default to none.
    return registryFromData({ filings: [], ...properties }, CONFIG_SOURCE, options);
}

/** A short name for a registry's source in messages (a file's base name; never a directory). */
function sourceName(registry: FilingRegistry): string {
    return registry.source === undefined ? "(none)" : registry.source === CONFIG_SOURCE ? registry.source : path.basename(registry.source);
}

/**
 * The registry the rules read: the file's, the config's, or both merged (see the rule above).
 * Throws RegistryError naming each domain listed differently in both, and waivers in both.
 */
export function mergeRegistries(fromFile: FilingRegistry, fromConfig: FilingRegistry | undefined): FilingRegistry {
    if (fromConfig === undefined) return fromFile;
    if (fromFile.source === undefined) return fromConfig;
    const fileName = sourceName(fromFile);
    const label = `${fileName} and the one ${CONFIG_SOURCE}`;
    const problems = conflicts(fromFile, fromConfig);
    if (problems.length > 0) throw new RegistryError(`${CONFIG_SOURCE} (merged with ${fileName})`, problems);
    const byDomain = new Map<string, FilingEntry>();
    const whereOf = new Map<FilingEntry, string>();
    for (const entry of fromFile.entries) {
        byDomain.set(entry.domain, entry);
        whereOf.set(entry, `${fileName} filings[${entry.index}]`);
    }
    const merged: FilingEntry[] = [...fromFile.entries];
    for (const entry of fromConfig.entries) {
        if (byDomain.has(entry.domain)) continue;
        byDomain.set(entry.domain, entry);
        whereOf.set(entry, `filings[${entry.index}] ${CONFIG_SOURCE}`);
        merged.push(entry);
    }
    return {
        source: label,
        entries: Object.freeze(merged),
        waivers: fromFile.waivers.length > 0 ? fromFile.waivers : fromConfig.waivers,
        warnings: Object.freeze(websiteNumberWarnings(merged, (entry) => whereOf.get(entry) ?? `filings[${entry.index}]`)),
        lookup: (registrableDomain) => byDomain.get(registrableDomain),
    };
}

/** Where the file's and the config's registries disagree: a domain listed differently in both, waivers in both. */
function conflicts(fromFile: FilingRegistry, fromConfig: FilingRegistry): RegistryProblem[] {
    const fileName = sourceName(fromFile);
    const problems: RegistryProblem[] = [];
    for (const entry of fromConfig.entries) {
        const inFile = fromFile.lookup(entry.domain);
        if (!inFile) continue;
        const sameProviders = inFile.accessProviders.length === entry.accessProviders.length && inFile.accessProviders.every((provider) => entry.accessProviders.includes(provider));
        if (inFile.icp.full === entry.icp.full && sameProviders) continue;
        problems.push({
            where: `filings[${entry.index}].domain`,
            message:
                `${showHost(entry.domain)} (${entry.icp.full}, access providers ${entry.accessProviders.join(", ")}) is also in ${fileName} at filings[${inFile.index}] ` +
                `(${inFile.icp.full}, access providers ${inFile.accessProviders.join(", ")}); keep one of the two, or make both say the same`,
        });
    }
    if (fromFile.waivers.length > 0 && fromConfig.waivers.length > 0) {
        problems.push({
            where: "waivers",
            message: `${fileName} has waivers too; keep all waivers in one of the two places, so that waivers[N] names one entry`,
        });
    }
    return problems;
}

/** How a problem line names the config source when a report covers both sources. */
const CONFIG_SOURCE_SHORT = `policy config "${REGISTRY_POLICY_NAME}"`;

/**
 * The registry of a file and of the policy config, read together so that one report names every
 * problem of both: each source's own problems (file, entry, field) and where their usable entries
 * conflict. With a problem in one source only and no conflict, that source's own report, as is.
 */
export function registryFromSources(readFile: () => FilingRegistry, readConfig: () => FilingRegistry | undefined): FilingRegistry {
    const attempt = <T>(read: () => T): { value?: T; error?: RegistryError } => {
        try {
            return { value: read() };
        } catch (error) {
            if (error instanceof RegistryError) return { error };
            throw error;
        }
    };
    const file = attempt(readFile);
    const config = attempt(readConfig);
    if (!file.error && !config.error) return mergeRegistries(file.value!, config.value);
    const fileUsable = file.value ?? file.error?.usable;
    const configUsable = config.value ?? config.error?.usable;
    const cross = fileUsable?.source !== undefined && configUsable !== undefined ? conflicts(fileUsable, configUsable) : [];
    const errors = [file.error, config.error].filter((error): error is RegistryError => error !== undefined);
    if (errors.length === 1 && cross.length === 0) throw errors[0];
    const fileLabel = file.error?.file ?? fileUsable?.source ?? "(file)";
    throw new RegistryError(`${fileLabel} and the one ${CONFIG_SOURCE}`, [
        ...(file.error?.problems ?? []).map((problem) => ({ ...problem, where: `${fileLabel} ${problem.where}` })),
        ...[...(config.error?.problems ?? []), ...cross].map((problem) => ({ ...problem, where: `${CONFIG_SOURCE_SHORT} ${problem.where}` })),
    ]);
}

/**
 * The registry under `icp-filing-registry` in a `--policy-pack-config` file (the command line's
 * --config), or undefined without one. The file's other keys are the policy config's business.
 */
export function registryFromConfigFile(file: string | undefined, options: RegistryOptions = {}): FilingRegistry | undefined {
    if (file === undefined) return undefined;
    let entry: unknown;
    try {
        entry = (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown> | null)?.[REGISTRY_POLICY_NAME];
    } catch {
        // An unreadable or malformed config file is reported where the policy config is read.
        return undefined;
    }
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) return undefined;
    const { enforcementLevel: _level, ...properties } = entry as Record<string, unknown>;
    void _level;
    return registryFromConfig(properties, options);
}
