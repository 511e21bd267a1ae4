/**
 * The thin layer between icp-guard's pure policy definitions and `@pulumi/policy`.
 *
 * - Each definition with a per-resource check becomes one SDK resource policy with the same name
 *   and metadata.
 * - All stack checks run in ONE SDK stack policy, `icp-stack-analysis`: the SDK deserialises every
 *   resource of the stack again for each stack policy (≈280 ms per policy at 20,000 resources), so
 *   the graph is built once and each finding is reported under its own policy's name, at that
 *   policy's configured level (read from the Configure request, lib/wire.ts).
 * - Values are read from the raw objects behind the SDK's unknown-checking proxy, so an unknown
 *   never turns a policy into an advisory "can't run policy during preview"; an unexpected error
 *   is reported at the policy's own level (the gate fails closed) instead of crashing the analyzer.
 */
import type { Policy, PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { Finding, Level, PolicyDefinition, StackView } from "./policy-kit";
import { viewFromSdk, StackResourceView } from "./resource";
import { checkResource, checkStack, RunState } from "./runner";
import { DEFAULT_SHARED, SharedSettings, sharedSettingsFrom } from "./settings";
import { ReceivedPolicyConfig, SecretIndex } from "./wire";
import { WaiverBook } from "./waivers";

export const STACK_POLICY_NAME = "icp-stack-analysis";

/**
 * The violation object `@pulumi/policy` accepts in place of a message string (server.js
 * makeReportViolationFun: `typeof message === "object"`): it carries the policy name, urn and an
 * explicit level, and the message is sent as-is. The public typings only declare the string form.
 */
export interface SdkViolation {
    readonly name: string;
    readonly description: string;
    readonly message: string;
    readonly urn: string;
    readonly severity: string;
    readonly enforcementLevel?: Level;
}

export function reportTo(reportViolation: ReportViolation, violation: SdkViolation): void {
    (reportViolation as unknown as (violation: SdkViolation) => void)(violation);
}

/** Turns one finding into the SDK's violation object (name, level and urn kept). */
export function toViolation(definition: PolicyDefinition, finding: Finding, level?: Level): SdkViolation {
    const enforcementLevel = finding.advisoryOnly ? "advisory" : level;
    return {
        name: definition.id,
        description: definition.description,
        message: finding.message,
        urn: finding.urn,
        severity: definition.severity,
        ...(enforcementLevel ? { enforcementLevel } : {}),
    };
}

/**
 * Policy configuration: what the engine sent in Configure, validated against each policy's
 * schema (unknown options included, which the engine lets through), with defaults applied.
 * Without a Configure (the SDK driven in-process), each policy's own `getConfig()` is used.
 */
export class PackConfig {
    private received: ReadonlyMap<string, ReceivedPolicyConfig> | undefined;
    private properties = new Map<string, Readonly<Record<string, unknown>>>();
    private sharedSettings: SharedSettings = DEFAULT_SHARED;
    private problem: string | undefined;
    private readonly fallbackCache = new Map<string, Readonly<Record<string, unknown>>>();

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

    propertiesOf(definition: PolicyDefinition, fallback?: () => Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
        if (this.received || !fallback) return this.properties.get(definition.id) ?? definition.withDefaults({});
        const raw = fallback();
        const key = `${definition.id}\u0000${JSON.stringify(raw)}`;
        let cached = this.fallbackCache.get(key);
        if (!cached) {
            const problems = definition.validateConfig(raw);
            if (problems.length > 0) throw new Error(`icp-guard: invalid --policy-pack-config for policy "${definition.id}": ${problems.join("; ")}. Fix the config; icp-guard does not guess.`);
            cached = definition.withDefaults(raw);
            this.fallbackCache.set(key, cached);
        }
        return cached;
    }

    get shared(): SharedSettings {
        return this.sharedSettings;
    }
}

export interface PackState extends RunState {
    readonly secrets: SecretIndex;
    /** The registry's waivers; one book per process, so stack analysis knows what Analyze matched. */
    readonly waivers: WaiverBook;
}

function metadata(definition: PolicyDefinition) {
    return {
        name: definition.id,
        displayName: `${definition.code} ${definition.title}`,
        description: definition.description,
        enforcementLevel: definition.defaultLevel,
        severity: definition.severity,
        remediationSteps: definition.remediationSteps,
        url: definition.url,
        tags: [...definition.tags],
        configSchema: { properties: definition.configSchema.properties, required: definition.configSchema.required ? [...definition.configSchema.required] : undefined },
    };
}

function resourcePolicy(definition: PolicyDefinition, state: PackState): ResourceValidationPolicy {
    const appliesTo = definition.appliesTo;
    // A stack-only policy validates no resource at all.
    if (!definition.runResource) return { ...metadata(definition), validateResource: [] };
    const validate = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        if (appliesTo && !appliesTo.has(args.type)) return;
        state.config.check();
        const config = state.config.propertiesOf(definition, () => args.getConfig());
        const findings = checkResource(definition, viewFromSdk(args, (urn) => state.secrets.forUrn(urn)), state, config);
        // The SDK applies this policy's configured level; only advisory-only findings override it.
        for (const finding of findings) reportTo(reportViolation, toViolation(definition, finding));
    };
    // A policy that reads one type gets the SDK's cheap type filter (no deserialisation for others).
    if (appliesTo && appliesTo.size === 1) (validate as { __pulumiType?: string }).__pulumiType = [...appliesTo][0];
    return { ...metadata(definition), validateResource: validate };
}

/** Turns the SDK's stack resources into plain views, dependencies as URNs. */
export function stackViewFromSdk(resources: readonly PolicyResource[], secrets: SecretIndex): StackView {
    const views: StackResourceView[] = resources.map((resource) => {
        const propertyDependencies: Record<string, string[]> = {};
        for (const [property, dependencies] of Object.entries(resource.propertyDependencies ?? {})) {
            propertyDependencies[property] = dependencies.map((dependency) => dependency.urn);
        }
        return {
            ...viewFromSdk(resource, (urn) => secrets.forUrn(urn)),
            parent: resource.parent?.urn,
            dependencies: (resource.dependencies ?? []).map((dependency) => dependency.urn),
            propertyDependencies,
        };
    });
    return { resources: views, byUrn: new Map(views.map((view) => [view.urn, view])) };
}

function stackPolicy(definitions: readonly PolicyDefinition[], state: PackState): StackValidationPolicy {
    return {
        name: STACK_POLICY_NAME,
        displayName: "icp-guard stack analysis",
        description:
            "Runs icp-guard's cross-resource checks once per stack (DNS records to the endpoints they point at, hollow filings) and reports each finding under that check's own policy name and level.",
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: "Disable or lower the individual icp-* policies rather than this one: disabling it turns off every cross-resource check.",
        url: "https://github.com/icp-guard/icp-guard/blob/main/README.md#stack-analysis",
        tags: ["icp", "stack"],
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            state.config.check();
            const stack = stackViewFromSdk(args.resources, state.secrets);
            for (const { definition, finding, level } of checkStack(definitions, stack, state)) {
                reportTo(reportViolation, toViolation(definition, finding, level));
            }
        },
    };
}

export function sdkPolicies(definitions: readonly PolicyDefinition[], state: PackState): Policy[] {
    const policies: Policy[] = definitions.map((d) => resourcePolicy(d, state));
    if (definitions.some((d) => d.runStack)) policies.push(stackPolicy(definitions, state));
    return policies;
}
