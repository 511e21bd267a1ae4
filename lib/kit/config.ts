/**
 * Policy configuration as the rules see it, whichever front end delivered it (the engine's
 * Configure request, or the command line's --config file).
 */
import { Level, PolicyDefinition } from "./policy-kit";
import { DEFAULT_SHARED, SharedSettings, sharedSettingsFrom } from "./settings";

/** A policy's configuration as the engine sent it in Configure. */
export interface ReceivedPolicyConfig {
    readonly enforcementLevel: "advisory" | "mandatory" | "disabled" | "remediate";
    readonly properties: Readonly<Record<string, unknown>>;
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
        for (const definition of this.definitions) {
            const raw = config.get(definition.id)?.properties ?? {};
            for (const problem of definition.validateConfig(raw)) problems.push(`${definition.id}: ${problem}`);
            properties.set(definition.id, definition.withDefaults(raw));
        }
        const { shared, problems: sharedProblems } = sharedSettingsFrom((id) => properties.get(id));
        problems.push(...sharedProblems);
        this.properties = properties;
        this.sharedSettings = shared;
        this.problem = problems.length > 0 ? `icp-guard: invalid --policy-pack-config: ${problems.join("; ")}. Fix the config; icp-guard does not guess.` : undefined;
    }

    /** Throws the config problem, if any, so the engine stops with a clear message. */
    check(): void {
        if (this.problem) throw new Error(this.problem);
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

