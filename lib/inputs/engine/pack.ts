/**
 * The thin layer between icp-guard's pure policy definitions and `@pulumi/policy`.
 *
 * - Each definition is declared to the SDK under its own name, with its metadata, level and config
 *   schema, and validates nothing itself.
 * - Its checks run in two carriers: every per-resource check in ONE resource policy,
 *   `icp-resource-analysis`, and every stack check in ONE stack policy, `icp-stack-analysis`. The
 *   SDK deserialises a resource's properties again for each policy that validates it (≈4 µs per
 *   policy and resource; a stack, ≈280 ms per stack policy at 20,000 resources), so each resource
 *   and each stack is deserialised once, the graph is built once, and each finding is reported
 *   under its own policy's name at that policy's configured level (read from the Configure
 *   request, wire.ts).
 * - Values are read from the raw objects behind the SDK's unknown-checking proxy, so an unknown
 *   never turns a policy into an advisory "can't run policy during preview"; an unexpected error
 *   is reported at the policy's own level (the gate fails closed) instead of crashing the analyzer.
 */
import type { Policy, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { Finding, Level, PolicyDefinition } from "../../kit/policy-kit";
import { checkResourceEverywhere, checkStack, RunState } from "../../kit/runner";
import { stackViewFromSdk, viewFromSdk } from "./sdk-view";
import { SecretIndex } from "./wire";
import { WaiverBook } from "../../model/waivers";
import { CARRIER_POLICY_NAMES } from "../../kit/config";

export const RESOURCE_POLICY_NAME = CARRIER_POLICY_NAMES.resource;
export const STACK_POLICY_NAME = CARRIER_POLICY_NAMES.stack;

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

export interface PackState extends RunState {
    readonly secrets: SecretIndex;
    /** The registry's waivers; one book per process, so stack analysis knows what Analyze matched. */
    readonly waivers: WaiverBook;
    /** Where a registry from the policy config arrives; its problem stops every check. */
    readonly registries?: { check(): void };
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

/** The policy the SDK lists and configures; its checks run in the carriers below. */
function declaredPolicy(definition: PolicyDefinition): ResourceValidationPolicy {
    return { ...metadata(definition), validateResource: [] };
}

/**
 * What the engine shows for a carrier. Its configured level is ignored: the pack keeps it running
 * (wire.ts), so `all` or an entry naming it never switches a rule off.
 */
function carrierMetadata(name: string, unit: "resource" | "stack", checks: string, examples: string) {
    return {
        name,
        displayName: `icp-guard ${unit} analysis`,
        description: `Runs icp-guard's ${checks} checks once per ${unit} (${examples}) and reports each finding under that check's own policy name and level.`,
        enforcementLevel: "mandatory" as const,
        severity: "high" as const,
        remediationSteps: `Configure the individual icp-* policies instead: this one only carries their ${checks} checks, and its own level has no effect.`,
        url: "https://github.com/icp-guard/icp-guard/blob/main/README.md#how-the-checks-run",
        tags: ["icp", unit],
    };
}

/** Every per-resource check, once per resource, each finding under its own policy's name and level. */
function resourceCarrier(definitions: readonly PolicyDefinition[], state: PackState): ResourceValidationPolicy {
    const checked = definitions.filter((definition) => definition.runResource);
    // The types any check reads (other resources return at once); undefined if a check reads all.
    const typesRead = checked.every((definition) => definition.appliesTo) ? new Set(checked.flatMap((definition) => [...definition.appliesTo!])) : undefined;
    return {
        ...carrierMetadata(RESOURCE_POLICY_NAME, "resource", "per-resource", "bindings, records with literal targets, filing hosts"),
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (typesRead && !typesRead.has(args.type)) return;
            state.config.check();
            state.registries?.check();
            const resource = viewFromSdk(args, (urn) => state.secrets.forUrn(urn));
            for (const { definition, finding, level } of checkResourceEverywhere(checked, resource, state)) {
                reportTo(reportViolation, toViolation(definition, finding, level));
            }
        },
    };
}

/** Every stack check, once per stack, each finding under its own policy's name and level. */
function stackCarrier(definitions: readonly PolicyDefinition[], state: PackState): StackValidationPolicy {
    return {
        ...carrierMetadata(STACK_POLICY_NAME, "stack", "cross-resource", "DNS records to the endpoints they point at, hollow filings"),
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            state.config.check();
            state.registries?.check();
            const stack = stackViewFromSdk(args.resources, state.secrets);
            for (const { definition, finding, level } of checkStack(definitions, stack, state)) {
                reportTo(reportViolation, toViolation(definition, finding, level));
            }
        },
    };
}

export function sdkPolicies(definitions: readonly PolicyDefinition[], state: PackState): Policy[] {
    const policies: Policy[] = definitions.map(declaredPolicy);
    if (definitions.some((d) => d.runResource)) policies.push(resourceCarrier(definitions, state));
    if (definitions.some((d) => d.runStack)) policies.push(stackCarrier(definitions, state));
    return policies;
}
