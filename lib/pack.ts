/**
 * The thin layer between icp-guard's pure policy definitions and `@pulumi/policy`.
 *
 * Each definition becomes one SDK policy with the same name and metadata. Values are read from the
 * raw objects behind the SDK's unknown-checking proxy (lib/values.ts), so an unknown value never
 * turns a policy into an advisory "can't run policy during preview"; and any unexpected error is
 * reported at the policy's own level (the gate fails closed) instead of crashing the analyzer.
 */
import type { Policy, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { CheckContext, Finding, PolicyDefinition } from "./policy-kit";
import { FilingRegistry } from "./registry";
import { RegionEnvironment } from "./region";
import { viewFromSdk, showResource, clip } from "./resource";
import { SecretIndex } from "./wire";

export interface PackState {
    readonly registry: FilingRegistry;
    readonly regions: RegionEnvironment;
    readonly secrets: SecretIndex;
}

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
    readonly enforcementLevel?: "advisory" | "mandatory";
}

export function reportTo(reportViolation: ReportViolation, violation: SdkViolation): void {
    (reportViolation as unknown as (violation: SdkViolation) => void)(violation);
}

/** Turns one finding into the SDK's violation object (name, level and urn kept). */
export function toViolation(definition: PolicyDefinition, finding: Finding): SdkViolation {
    return {
        name: definition.id,
        description: definition.description,
        message: finding.message,
        urn: finding.urn,
        severity: definition.severity,
        ...(finding.advisoryOnly ? { enforcementLevel: "advisory" as const } : {}),
    };
}

export function internalErrorFinding(definition: PolicyDefinition, urn: string, subject: string, error: unknown): Finding {
    // Only the error's own text is shown: icp-guard never puts property values into its errors.
    const reason = clip(error instanceof Error ? `${error.name}: ${error.message}` : "non-Error thrown", 300);
    return {
        policy: definition.id,
        urn,
        messageId: "internalError",
        data: { reason },
        message:
            `icp-guard could not check ${subject} (internal error: ${reason}). The check fails closed at this policy's level. ` +
            `This is a bug in icp-guard; please report it with the resource type.\nDocs: ${definition.url}`,
        advisoryOnly: false,
    };
}

/** Validates config once per distinct value and throws a clear error for bad config. */
function configReader(definition: PolicyDefinition): (raw: Readonly<Record<string, unknown>>) => Readonly<Record<string, unknown>> {
    const checked = new Map<string, Readonly<Record<string, unknown>>>();
    return (raw) => {
        const key = JSON.stringify(raw);
        const cached = checked.get(key);
        if (cached) return cached;
        const problems = definition.validateConfig(raw);
        if (problems.length > 0) {
            throw new Error(
                `icp-guard: invalid --policy-pack-config for policy "${definition.id}": ${problems.join("; ")}. Fix the config file; icp-guard does not guess.`,
            );
        }
        const config = definition.withDefaults(raw);
        checked.set(key, config);
        return config;
    };
}

function resourcePolicy(definition: PolicyDefinition, state: PackState): ResourceValidationPolicy {
    const runResource = definition.runResource!;
    const readConfig = configReader(definition);
    const appliesTo = definition.appliesTo;
    const validate = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        if (appliesTo && !appliesTo.has(args.type)) return;
        const config = readConfig(args.getConfig());
        let findings: Finding[];
        try {
            const view = viewFromSdk(args, state.secrets.forUrn(args.urn));
            const context: CheckContext = { registry: state.registry, regions: state.regions, config };
            findings = runResource(view, context);
        } catch (error) {
            findings = [internalErrorFinding(definition, args.urn, showResource(args), error)];
        }
        for (const finding of findings) reportTo(reportViolation, toViolation(definition, finding));
    };
    // A policy that reads one type gets the SDK's cheap type filter (no deserialisation for others).
    if (appliesTo && appliesTo.size === 1) (validate as { __pulumiType?: string }).__pulumiType = [...appliesTo][0];
    return { ...metadata(definition), validateResource: validate };
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

export function sdkPolicies(definitions: readonly PolicyDefinition[], state: PackState): Policy[] {
    return definitions.filter((d) => d.runResource).map((d) => resourcePolicy(d, state));
}
