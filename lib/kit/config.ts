/**
 * Policy configuration as the rules see it, whichever front end delivered it (the engine's
 * Configure request, or the command line's --config file).
 */
import { Level, PolicyDefinition } from "./policy-kit";
import { DEFAULT_SHARED, SharedSettings, sharedSettingsFrom } from "./settings";
import { closestName } from "../model/spelling";
import { REGISTRY_POLICY_NAME } from "../model/registry-sources";

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
 * filing registry in the policy config). Configure names them, so they are no misspelt rules.
 */
export const CONFIG_ONLY_POLICIES: ReadonlySet<string> = new Set([REGISTRY_POLICY_NAME]);

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

/** Every policy the pack declares to the engine: the rules, then the carriers. */
export function declaredPolicies(definitions: readonly PolicyDefinition[]): DeclaredPolicy[] {
    return [
        ...definitions.map((definition) => ({ name: definition.id, enforcementLevel: definition.defaultLevel, configSchema: definition.configSchema })),
        ...[...CARRIER_POLICIES].map((name) => ({ name, enforcementLevel: "mandatory" as const })),
    ];
}

/** A `--policy-pack-config` document, parsed as the engine parses it (pkg/resource/analyzer/config.go). */
export interface PolicyPackConfigDocument {
    readonly all?: EnforcementLevel;
    readonly entries: ReadonlyMap<string, { readonly enforcementLevel?: EnforcementLevel; readonly properties: Readonly<Record<string, unknown>> }>;
}

/**
 * Parses a `--policy-pack-config` document: top-level keys are policy names or `all` (and the
 * engine's `environments`); a value is a level or an object with an optional `enforcementLevel`
 * and the policy's properties. Returns every problem at once, each naming its entry.
 */
export function parsePolicyPackConfig(document: unknown): { document: PolicyPackConfigDocument; problems: string[] } {
    const problems: string[] = [];
    const entries = new Map<string, { enforcementLevel?: EnforcementLevel; properties: Record<string, unknown> }>();
    if (!document || typeof document !== "object" || Array.isArray(document)) {
        return { document: { entries }, problems: ["the top level must be an object of policy names (or \"all\")"] };
    }
    const levelOf = (value: unknown, name: string): EnforcementLevel | undefined => {
        if (value === undefined) return undefined;
        if (typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value)) return value as EnforcementLevel;
        problems.push(`"${name.slice(0, 80)}" has enforcement level ${JSON.stringify(value)?.slice(0, 40)}; use one of ${ENFORCEMENT_LEVELS.join(", ")}`);
        return undefined;
    };
    let all: EnforcementLevel | undefined;
    for (const [name, value] of Object.entries(document as Record<string, unknown>)) {
        if (name === "environments") continue;
        if (typeof value === "string") {
            const level = levelOf(value, name);
            if (name === "all") all = level;
            else entries.set(name, { enforcementLevel: level, properties: {} });
        } else if (value && typeof value === "object" && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            const level = levelOf(enforcementLevel, name);
            if (name === "all") all = level;
            else entries.set(name, { enforcementLevel: level, properties });
        } else {
            problems.push(`"${name.slice(0, 80)}" must be an enforcement level or an object, not ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`);
        }
    }
    return { document: { all, entries }, problems };
}

/**
 * The config the engine sends in Configure for a document (ReconcilePolicyPackConfig): every
 * declared policy starts at its own level with its schema defaults, then `all` sets every level,
 * then each named entry sets its level and properties. Names the pack does not declare are passed
 * on as the engine's applyConfig does (PackConfig refuses them).
 */
export function reconcilePolicyPackConfig(document: PolicyPackConfigDocument, declared: readonly DeclaredPolicy[]): Map<string, ReceivedPolicyConfig> {
    const reconciled = new Map<string, ReceivedPolicyConfig>();
    for (const policy of declared) {
        const properties: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (schema && typeof schema === "object" && "default" in schema) properties[key] = (schema as Record<string, unknown>)["default"];
        }
        const entry = document.entries.get(policy.name);
        reconciled.set(policy.name, {
            enforcementLevel: entry?.enforcementLevel ?? document.all ?? policy.enforcementLevel,
            properties: { ...properties, ...(entry?.properties ?? {}) },
        });
    }
    for (const [name, entry] of document.entries) {
        if (!reconciled.has(name)) reconciled.set(name, { enforcementLevel: entry.enforcementLevel ?? document.all ?? "advisory", properties: entry.properties });
    }
    return reconciled;
}

/**
 * A `--policy-pack-config` document read for icp-guard's own front ends (the command line's
 * --config): parsed and reconciled as the engine would, with notes for entries that have no
 * effect. Throws a PolicyConfigProblem listing every problem.
 */
export function policyConfigFromDocument(document: unknown, definitions: readonly PolicyDefinition[], source: string): { config: Map<string, ReceivedPolicyConfig>; notes: string[] } {
    const parsed = parsePolicyPackConfig(document);
    if (parsed.problems.length > 0) throw new PolicyConfigProblem(`${source}: ${parsed.problems.join("; ")}`);
    const notes = [...parsed.document.entries.keys()].filter((name) => CARRIER_POLICIES.has(name)).map(carrierNote);
    return { config: reconcilePolicyPackConfig(parsed.document, declaredPolicies(definitions)), notes };
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
        const known = new Set(this.definitions.map((definition) => definition.id));
        for (const name of config.keys()) {
            if (known.has(name) || CARRIER_POLICIES.has(name) || CONFIG_ONLY_POLICIES.has(name)) continue;
            const suggestion = closestName(name, known);
            problems.push(`"${name.slice(0, 80)}" is not an icp-guard policy${suggestion ? `; did you mean "${suggestion}"?` : ""}`);
        }
        for (const definition of this.definitions) {
            const raw = config.get(definition.id)?.properties ?? {};
            for (const problem of definition.validateConfig(raw)) problems.push(`${definition.id}: ${problem}`);
            properties.set(definition.id, definition.withDefaults(raw));
        }
        const { shared, problems: sharedProblems } = sharedSettingsFrom((id) => properties.get(id));
        problems.push(...sharedProblems);
        this.properties = properties;
        this.sharedSettings = shared;
        const listed = problems.join("; ");
        // A problem may already end with its own punctuation ("did you mean …?").
        this.problem = problems.length > 0 ? `icp-guard: invalid --policy-pack-config: ${listed}${/[.?!]$/.test(listed) ? "" : "."} Fix the config; icp-guard does not guess.` : undefined;
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

