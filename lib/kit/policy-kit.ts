/**
 * How one icp-guard policy is declared: metadata beside its checks, messages by id, pure checks
 * (resources in, findings out). The Pulumi plumbing (lib/inputs/engine/pack.ts) and the command line turn the
 * same definitions into SDK policies or report lines.
 */
import { compiledValidator } from "../model/compiled-schemas";
import { FilingRegistry } from "../model/registry";
import { RegionEnvironment } from "../model/region";
import { ResourceView, StackView } from "../model/resource";
import { Finding, Level, MessageData, Severity } from "../model/finding";

export type { ConfiguredLevel, Finding, Level, MessageData, Severity } from "../model/finding";
export type { StackView } from "../model/resource";
import { SharedSettings } from "./settings";
import type { WaiverBook } from "../model/waivers";


export const DOCS_BASE_URL = "https://github.com/icp-guard/icp-guard/blob/main/docs/policies/";



export interface CheckContext {
    readonly registry: FilingRegistry;
    readonly regions: RegionEnvironment;
    /** The policy's own config properties, defaults applied. */
    readonly config: Readonly<Record<string, unknown>>;
    /** Options several checks share (configured mainland endpoints, stricter access). */
    readonly shared: SharedSettings;
    /** The registry's waivers and which of them have matched so far in this run. */
    readonly waivers?: WaiverBook;
}

export interface ReportOptions {
    readonly advisoryOnly?: boolean;
    /** ASCII registrable domain the finding is about. */
    readonly domain?: string;
}

export type Report<M extends string> = (urn: string, messageId: M, data: MessageData, options?: ReportOptions) => void;


export interface ConfigSchema {
    readonly properties: Readonly<Record<string, Record<string, unknown>>>;
    readonly required?: readonly string[];
}

export interface PolicySpec<M extends string> {
    /** Kebab-case name, the SDK policy name and the docs page name. Never reused. */
    readonly id: string;
    /** Short stable code, e.g. ICP001. Never reused; retired codes are kept in policies/index.ts. */
    readonly code: string;
    readonly title: string;
    readonly description: string;
    readonly severity: Severity;
    readonly defaultLevel: Level;
    readonly remediationSteps: string;
    readonly tags: readonly string[];
    readonly configSchema: ConfigSchema;
    /** Resource types the per-resource check reads; undefined means every type. */
    readonly resourceTypes?: readonly string[];
    readonly messages: Readonly<Record<M, (data: MessageData) => string>>;
    readonly checkResource?: (resource: ResourceView, context: CheckContext, report: Report<M>) => void;
    readonly checkStack?: (stack: StackView, context: CheckContext, report: Report<M>) => void;
    /** Reads what the other checks did (e.g. which waivers matched): its stack check runs after theirs. */
    readonly runsAfterOthers?: boolean;
    /**
     * Messages about the domain itself rather than one binding (its TLD, a government domain, a
     * hollow filing), reported with `domain`: at advisory level they are reported once per
     * registrable domain per stack, in the stack pass, naming how many bindings share the domain
     * and which (runner.ts); at mandatory level each binding keeps its own finding.
     */
    readonly perDomainMessages?: readonly M[];
}

export interface PolicyDefinition extends Omit<PolicySpec<string>, "checkResource" | "checkStack"> {
    readonly url: string;
    readonly appliesTo?: ReadonlySet<string>;
    readonly messageIds: readonly string[];
    /**
     * The schema config is validated against: the engine's wrapping of configSchema, with unknown
     * keys rejected. Compiled at build time (lib/model/compiled-schemas.ts).
     */
    readonly configValidationSchema: object;
    /** Runs the per-resource check; never throws for odd input (see the pack for internal errors). */
    runResource?(resource: ResourceView, context: CheckContext): Finding[];
    runStack?(stack: StackView, context: CheckContext): Finding[];
    /** Applies schema defaults to config properties. */
    withDefaults(config: Readonly<Record<string, unknown>> | undefined): Readonly<Record<string, unknown>>;
    /** Validates config properties; returns problems as `field: message` strings. */
    validateConfig(config: unknown): string[];
}

export function definePolicy<M extends string>(spec: PolicySpec<M>): PolicyDefinition {
    const url = `${DOCS_BASE_URL}${spec.id}.md`;
    const render = (messageId: M, data: MessageData): string => `${spec.messages[messageId](data)}\nDocs: ${url}`;
    const perDomain = new Set<string>(spec.perDomainMessages ?? []);
    const collector = (findings: Finding[]): Report<M> => (urn, messageId, data, options) => {
        const domain = options?.domain;
        findings.push({
            policy: spec.id,
            urn,
            messageId,
            data,
            message: render(messageId, data),
            advisoryOnly: options?.advisoryOnly === true,
            domain,
            ...(domain !== undefined && perDomain.has(messageId) ? { perDomain: domain } : {}),
        });
    };
    const defaults: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(spec.configSchema.properties)) {
        if ("default" in schema) defaults[key] = schema["default"];
    }
    // The engine wraps the schema as {type: object, properties, required}; icp-guard also rejects
    // unknown keys, since a misspelt option that is silently ignored is a gate that is not there.
    const configValidationSchema = {
        type: "object",
        properties: spec.configSchema.properties,
        required: spec.configSchema.required ?? [],
        additionalProperties: false,
    };
    const { checkResource, checkStack } = spec;
    return {
        ...spec,
        url,
        configValidationSchema,
        appliesTo: spec.resourceTypes ? new Set(spec.resourceTypes) : undefined,
        messageIds: Object.keys(spec.messages),
        runResource: checkResource
            ? (resource, context) => {
                  const findings: Finding[] = [];
                  checkResource(resource, context, collector(findings));
                  return findings;
              }
            : undefined,
        runStack: checkStack
            ? (stack, context) => {
                  const findings: Finding[] = [];
                  checkStack(stack, context, collector(findings));
                  return findings;
              }
            : undefined,
        withDefaults: (config) => ({ ...defaults, ...(config ?? {}) }),
        validateConfig: (config) => {
            const validator = compiledValidator(spec.id);
            if (validator(config)) return [];
            return (validator.errors ?? []).map((error) => {
                const params = error.params as Record<string, unknown>;
                const where = error.instancePath.replace(/^\//, "").replace(/\//g, ".");
                if (error.keyword === "additionalProperties") {
                    return `unknown option "${String(params["additionalProperty"])}"; options are ${Object.keys(spec.configSchema.properties).join(", ") || "(none)"}`;
                }
                return `${where || "config"} ${error.message ?? "is invalid"}`;
            });
        },
    };
}
