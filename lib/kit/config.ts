/**
 * Policy configuration as the rules see it, whichever front end delivered it (the engine's
 * Configure request, or the command line's --config file).
 */
import { Level, PolicyDefinition } from "./policy-kit";
import { DEFAULT_SHARED, SharedSettings, sharedSettingsFrom } from "./settings";
import { closestName } from "../model/spelling";
import { REGISTRY_CONFIG_SCHEMA, REGISTRY_POLICY_NAME } from "../model/registry-sources";
import { CATALOG_CONFIG_SCHEMA, CATALOG_POLICY_NAME, catalogFromConfig, CatalogError, EndpointCatalog } from "../model/endpoint-catalog";
import { KUBERNETES_CLUSTERS_CONFIG_SCHEMA, KUBERNETES_CLUSTERS_POLICY_NAME } from "../graph/kubernetes";

export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "disabled", "remediate"] as const;
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

/** A policy's configuration as the engine sent it in Configure. */
export interface ReceivedPolicyConfig {
    readonly enforcementLevel: EnforcementLevel;
    readonly properties: Readonly<Record<string, unknown>>;
}

/**
 * The two SDK policies that run every rule's checks (lib/inputs/engine/pack.ts). The engine
 * applies `all` to them like to any declared policy, so their configured level must never decide
 * whether a rule runs: the pack keeps them running, and naming them in a config has no effect.
 */
export const CARRIER_POLICY_NAMES = { resource: "icp-resource-analysis", stack: "icp-stack-analysis" } as const;
export const CARRIER_POLICIES: ReadonlySet<string> = new Set(Object.values(CARRIER_POLICY_NAMES));

/**
 * Policies the pack declares only to carry config, read elsewhere: `icp-filing-registry` (the
 * filing registry in the policy config), `icp-endpoint-catalog` (the endpoints of other stacks
 * and root modules, lib/model/endpoint-catalog.ts) and `icp-kubernetes-clusters` (clusters the
 * stack does not create, read into the shared settings). Configure names them, so they are no misspelt rules; the
 * engine reconciles them like any declared policy, so `check --config` must know their level and
 * schema too. A new config-only policy is declared here (and registered with the SDK from this
 * declaration, lib/inputs/engine/).
 */
export const CONFIG_ONLY_DECLARATIONS: readonly DeclaredPolicy[] = [
    // Their level means nothing (they report nothing); disabling one does not drop its config.
    { name: REGISTRY_POLICY_NAME, enforcementLevel: "advisory", configSchema: { properties: REGISTRY_CONFIG_SCHEMA.properties } },
    // The endpoints of other stacks (icp-guard endpoints); its level means nothing either.
    { name: CATALOG_POLICY_NAME, enforcementLevel: "advisory", configSchema: { properties: CATALOG_CONFIG_SCHEMA.properties } },
    { name: KUBERNETES_CLUSTERS_POLICY_NAME, enforcementLevel: "advisory", configSchema: { properties: KUBERNETES_CLUSTERS_CONFIG_SCHEMA.properties } },
];
export const CONFIG_ONLY_POLICIES: ReadonlySet<string> = new Set(CONFIG_ONLY_DECLARATIONS.map((policy) => policy.name));

/**
 * A config problem as the user should see it: the message alone. The SDK turns an error thrown in
 * a policy into `error.stack`, so the stack is the message (no file paths, no line numbers).
 */
export class PolicyConfigProblem extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PolicyConfigProblem";
        this.stack = message;
    }
}

/** A policy as the engine knows it from GetAnalyzerInfo. */
export interface DeclaredPolicy {
    readonly name: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly configSchema?: { readonly properties?: Readonly<Record<string, unknown>> };
}

/** Every policy the pack declares to the engine: the rules, the carriers and the config-only policies. */
export function declaredPolicies(definitions: readonly PolicyDefinition[]): DeclaredPolicy[] {
    return [
        ...definitions.map((definition) => ({ name: definition.id, enforcementLevel: definition.defaultLevel, configSchema: definition.configSchema })),
        ...[...CARRIER_POLICIES].map((name) => ({ name, enforcementLevel: "mandatory" as const })),
        ...CONFIG_ONLY_DECLARATIONS,
    ];
}

/**
 * The key of a `--policy-pack-config` that sets every policy's level. It is never a policy name
 * (the SDK refuses a policy called `all`), but the engine passes it on in Configure as an entry of
 * its own, with its level and any options written under it (pkg/resource/analyzer/config.go
 * applyConfig writes every key of the given config into the result).
 */
export const ALL_POLICIES_KEY = "all";

/** One entry of a `--policy-pack-config` document: a level, options, or both. */
export interface PolicyPackConfigEntry {
    readonly enforcementLevel?: EnforcementLevel;
    readonly properties: Readonly<Record<string, unknown>>;
}

/** A `--policy-pack-config` document, parsed as the engine parses it (pkg/resource/analyzer/config.go). */
export interface PolicyPackConfigDocument {
    /** Every entry, `all` included, in document order; entries with neither level nor options are left out, as the engine drops them. */
    readonly entries: ReadonlyMap<string, PolicyPackConfigEntry>;
    /** Pulumi ESC environments the document names (`"environments": [...]`). */
    readonly environments: readonly string[];
    /** Names whose entry the engine drops because it holds neither a level nor an option (`{"x": {}}`). */
    readonly dropped: readonly string[];
}

/**
 * Parses a `--policy-pack-config` document: top-level keys are policy names or `all` (and the
 * engine's `environments`); a value is a level or an object with an optional `enforcementLevel`
 * and the policy's properties. Returns every problem at once, each naming its entry.
 */
export function parsePolicyPackConfig(document: unknown): { document: PolicyPackConfigDocument; problems: string[] } {
    const problems: string[] = [];
    const entries = new Map<string, PolicyPackConfigEntry>();
    const environments: string[] = [];
    const dropped: string[] = [];
    if (document === null) return { document: { entries, environments, dropped }, problems };
    if (typeof document !== "object" || Array.isArray(document)) {
        return { document: { entries, environments, dropped }, problems: ["the top level must be an object of policy names (or \"all\")"] };
    }
    const levelOf = (value: unknown, name: string): EnforcementLevel | undefined => {
        if (value === undefined) return undefined;
        if (typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value)) return value as EnforcementLevel;
        problems.push(`"${name.slice(0, 80)}" has enforcement level ${JSON.stringify(value)?.slice(0, 40)}; use one of ${ENFORCEMENT_LEVELS.join(", ")}`);
        return undefined;
    };
    for (const [name, value] of Object.entries(document as Record<string, unknown>)) {
        if (name === "environments") {
            if (Array.isArray(value) && value.every((item) => typeof item === "string")) environments.push(...(value as string[]));
            else problems.push(`"environments" must be an array of Pulumi ESC environment names`);
            continue;
        }
        let entry: PolicyPackConfigEntry;
        if (typeof value === "string") {
            entry = { enforcementLevel: levelOf(value, name), properties: {} };
        } else if (value && typeof value === "object" && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            entry = { enforcementLevel: levelOf(enforcementLevel, name), properties };
        } else {
            problems.push(`"${name.slice(0, 80)}" must be an enforcement level or an object, not ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`);
            continue;
        }
        // The engine drops an entry with neither a level nor an option ("Don't bother including empty configs").
        if (entry.enforcementLevel === undefined && Object.keys(entry.properties).length === 0) dropped.push(name);
        else entries.set(name, entry);
    }
    return { document: { entries, environments, dropped }, problems };
}

/**
 * The config the engine computes for a document (ReconcilePolicyPackConfig → applyConfig): every
 * declared policy starts at its own level with its schema defaults; `all` sets every declared
 * policy's level; then every entry of the document is written, `all` and names the pack does not
 * declare included — a declared policy's entry sets its level and merges its options over the
 * defaults, any other entry keeps only what it gives. An entry left without a level here is one
 * the engine refuses to send (Configure: `invalid enforcement level ""`).
 */
export function reconcilePolicyPackConfig(document: PolicyPackConfigDocument, declared: readonly DeclaredPolicy[]): Map<string, PolicyPackConfigEntry> {
    const reconciled = new Map<string, PolicyPackConfigEntry>();
    const all = document.entries.get(ALL_POLICIES_KEY)?.enforcementLevel;
    for (const policy of declared) {
        const properties: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (schema && typeof schema === "object" && "default" in schema) properties[key] = (schema as Record<string, unknown>)["default"];
        }
        reconciled.set(policy.name, { enforcementLevel: all ?? policy.enforcementLevel, properties });
    }
    for (const [name, entry] of document.entries) {
        const current = reconciled.get(name);
        reconciled.set(name, { enforcementLevel: entry.enforcementLevel ?? current?.enforcementLevel, properties: { ...(current?.properties ?? {}), ...entry.properties } });
    }
    return reconciled;
}

/**
 * A `--policy-pack-config` document read for icp-guard's own front ends (the command line's
 * --config): parsed and reconciled as the engine would, with notes for entries that have no
 * effect. Throws a PolicyConfigProblem listing every problem where the engine would stop.
 */
export function policyConfigFromDocument(document: unknown, definitions: readonly PolicyDefinition[], source: string): { config: Map<string, ReceivedPolicyConfig>; notes: string[] } {
    const parsed = parsePolicyPackConfig(document);
    const problems = [...parsed.problems];
    if (parsed.document.environments.length > 0) {
        problems.push(`"environments" names Pulumi ESC environments, whose policy config icp-guard check cannot read; write that config into this file instead`);
    }
    const reconciled = reconcilePolicyPackConfig(parsed.document, declaredPolicies(definitions));
    const config = new Map<string, ReceivedPolicyConfig>();
    for (const [name, entry] of reconciled) {
        if (entry.enforcementLevel !== undefined) config.set(name, { enforcementLevel: entry.enforcementLevel, properties: entry.properties });
        // The engine stops on these before the pack runs ("invalid enforcement level \"\"").
        else problems.push(`${configKeyProblem(name, entry.properties, definitions) ?? `"${name.slice(0, 80)}" has options but no enforcementLevel`}; the engine refuses an entry without enforcementLevel for a name the pack does not declare`);
    }
    if (problems.length > 0) throw new PolicyConfigProblem(`${source}: ${problems.join("; ")}`);
    const notes = [
        ...[...parsed.document.entries.keys()].filter((name) => CARRIER_POLICIES.has(name)).map(carrierNote),
        ...parsed.document.dropped.map((name) => `"${name.slice(0, 80)}" holds neither a level nor an option, so the engine drops it and it has no effect`),
    ];
    return { config, notes };
}

/**
 * What is wrong with a key of the config the engine sent, if anything: `all` carrying options
 * (the engine applies them to no policy), a rule code instead of a policy id, or a name the pack
 * does not declare (with the closest one).
 *
 * Rule codes are refused rather than read as aliases: the engine applies levels to the names the
 * pack declares, and it is the engine, not the pack, that says which policies ran — `pulumi
 * preview`'s policy summary and Pulumi Cloud's policy results count a policy as passed unless the
 * engine's own level for it is disabled (pkg/resource/analyzer/summary.go). An alias the pack
 * honoured (`{"ICP001": "disabled"}`) would switch the rule off while the engine went on reporting
 * `icp-domain-unfiled` as run and passed; `icp-guard check` must agree with the pack, so it refuses
 * the same keys.
 */
export function configKeyProblem(name: string, properties: Readonly<Record<string, unknown>>, definitions: readonly PolicyDefinition[]): string | undefined {
    if (name === ALL_POLICIES_KEY) {
        const options = Object.keys(properties);
        if (options.length === 0) return undefined;
        const placed = options.slice(0, 5).map((option) => {
            const readers = definitions.filter((definition) => option in definition.configSchema.properties).map((definition) => `"${definition.id}"`);
            return `"${option.slice(0, 80)}"${readers.length > 0 ? ` (read by ${readers.join(", ")})` : ""}`;
        });
        return `"all" sets only the enforcement level of every policy; the engine applies its options to no policy: put ${placed.join(", ")}${options.length > 5 ? ", …" : ""} under the policy that reads ${options.length === 1 ? "it" : "each"}`;
    }
    const known = new Set(definitions.map((definition) => definition.id));
    if (CARRIER_POLICIES.has(name)) {
        const options = Object.keys(properties);
        return options.length > 0 ? `"${name}" takes no options (it only carries icp-guard's checks), but has ${options.slice(0, 5).map((option) => `"${option.slice(0, 80)}"`).join(", ")}` : undefined;
    }
    if (known.has(name) || CONFIG_ONLY_POLICIES.has(name)) return undefined;
    const byCode = definitions.find((definition) => definition.code.toLowerCase() === name.trim().toLowerCase());
    if (byCode) return `"${name}" is a rule code; use "${byCode.id}" (policy config names policies by id, and the engine applies a level only to a name the pack declares)`;
    const suggestion = closestName(name, known);
    return `"${name.slice(0, 80)}" is not an icp-guard policy${suggestion ? `; did you mean "${suggestion}"?` : ""}`;
}

/** Why naming a carrier does nothing, and what to configure instead. */
export function carrierNote(name: string): string {
    return (
        `"${name}" only carries icp-guard's checks; its level has no effect (the rules run at their own levels). ` +
        `To switch rules off, configure them by name, e.g. {"all": "disabled", "icp-domain-unfiled": "mandatory"}.`
    );
}


/**
 * Policy configuration: what the engine sent in Configure, validated against each policy's
 * schema (unknown options included, which the engine lets through), with defaults applied.
 * The engine always sends Configure before Analyze; without one (the SDK driven in-process),
 * every policy runs with its defaults.
 */
export class PackConfig {
    private received: ReadonlyMap<string, ReceivedPolicyConfig> | undefined;
    private properties = new Map<string, Readonly<Record<string, unknown>>>();
    private sharedSettings: SharedSettings = DEFAULT_SHARED;
    private problem: string | undefined;

    constructor(private readonly definitions: readonly PolicyDefinition[]) {
        this.apply(new Map());
    }

    /**
     * Called with each Configure request (or the command line's config file). Never throws;
     * problems surface on the next check. `announce` also writes them to stderr, which the engine
     * shows as soon as Configure happens.
     */
    receive(config: ReadonlyMap<string, ReceivedPolicyConfig>, options: { announce?: boolean } = { announce: true }): void {
        this.received = config;
        this.apply(config);
        if (this.problem && options.announce) process.stderr.write(`${this.problem}\n`);
    }

    private apply(config: ReadonlyMap<string, ReceivedPolicyConfig>): void {
        const problems: string[] = [];
        const properties = new Map<string, Readonly<Record<string, unknown>>>();
        // By name, so the message does not depend on the order Configure's map arrived in.
        for (const name of [...config.keys()].sort()) {
            const problem = configKeyProblem(name, config.get(name)!.properties, this.definitions);
            if (problem) problems.push(problem);
        }
        for (const definition of this.definitions) {
            const raw = config.get(definition.id)?.properties ?? {};
            for (const problem of definition.validateConfig(raw)) problems.push(`${definition.id}: ${problem}`);
            properties.set(definition.id, definition.withDefaults(raw));
        }
        // The endpoint catalog (icp-endpoint-catalog): a broken one stops every check, as a broken registry does.
        let catalog: EndpointCatalog | undefined;
        let catalogProblem: string | undefined;
        try {
            catalog = catalogFromConfig(config.get(CATALOG_POLICY_NAME)?.properties);
        } catch (error) {
            if (!(error instanceof CatalogError)) throw error;
            catalogProblem = error.message;
        }
        const { shared, problems: sharedProblems } = sharedSettingsFrom((id) => (id === KUBERNETES_CLUSTERS_POLICY_NAME ? config.get(id)?.properties : properties.get(id)), catalog);
        problems.push(...sharedProblems);
        this.properties = properties;
        this.sharedSettings = shared;
        const listed = problems.join("; ");
        // A problem may already end with its own punctuation ("did you mean …?").
        const configProblem = problems.length > 0 ? `icp-guard: invalid --policy-pack-config: ${listed}${/[.?!]$/.test(listed) ? "" : "."} Fix the config; icp-guard does not guess.` : undefined;
        this.problem = [configProblem, catalogProblem].filter((p) => p !== undefined).join("\n") || undefined;
    }

    /** Throws the config problem, if any, so the engine stops with a clear message. */
    check(): void {
        if (this.problem) throw new PolicyConfigProblem(this.problem);
    }

    /** The level a policy runs at: configured, else its default (the SDK's own rule). */
    levelOf(definition: PolicyDefinition): Level | "disabled" {
        const level = this.received?.get(definition.id)?.enforcementLevel ?? definition.defaultLevel;
        return level === "remediate" ? "mandatory" : level;
    }

    /** A policy's config properties with defaults: as received in Configure, else the defaults. */
    propertiesOf(definition: PolicyDefinition): Readonly<Record<string, unknown>> {
        return this.properties.get(definition.id) ?? definition.withDefaults({});
    }

    get shared(): SharedSettings {
        return this.sharedSettings;
    }
}

