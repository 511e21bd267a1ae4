/**
 * The pack's view of a resource: what the rules read, with no Pulumi SDK objects in it, so the
 * same rules run inside the policy pack (from `@pulumi/policy` args) and from the command line
 * (from a state or preview file).
 */
import { asPropertyBag, PropertyBag } from "./values";
import { ProviderView } from "./region";

export const ALICLOUD_PROVIDER_TYPE = "pulumi:providers:alicloud";

export interface ResourceView {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** Raw property values: inputs for per-resource checks, outputs for stack checks. */
    readonly props: PropertyBag;
    readonly provider?: ProviderView;
    /**
     * Top-level property names whose values are secret. Their values are used for decisions but
     * never shown in a message.
     */
    readonly secretProps: ReadonlySet<string>;
}

export interface StackResourceView extends ResourceView {
    readonly parent?: string;
    readonly dependencies: readonly string[];
    /** Property name → URNs of the resources its value was computed from. */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

const NO_SECRETS: ReadonlySet<string> = new Set();

/** Minimal shape of `@pulumi/policy`'s ResourceValidationArgs / PolicyResource that we read. */
export interface SdkResourceLike {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly props: unknown;
    readonly opts?: { readonly additionalSecretOutputs?: readonly string[] };
    readonly provider?: { readonly urn: string; readonly type: string; readonly name: string; readonly props: unknown };
}

/**
 * Builds a view from SDK args without reading a single value through the SDK's unknown-checking
 * proxy. `secretProps` adds what the engine reported as secret on the wire.
 */
export function viewFromSdk(resource: SdkResourceLike, secretProps?: ReadonlySet<string>): ResourceView {
    const additional = resource.opts?.additionalSecretOutputs;
    let secrets = secretProps ?? NO_SECRETS;
    if (additional && additional.length > 0) secrets = new Set([...secrets, ...additional]);
    const provider = resource.provider
        ? { urn: resource.provider.urn, type: resource.provider.type, name: resource.provider.name, props: asPropertyBag(resource.provider.props) }
        : undefined;
    return { urn: resource.urn, type: resource.type, name: resource.name, props: asPropertyBag(resource.props), provider, secretProps: secrets };
}

/** `urn:pulumi:dev::shop::alicloud:cdn/domainNew:DomainNew::static` → `cdn.DomainNew "static"`. */
export function showResource(resource: Pick<ResourceView, "type" | "name">): string {
    return `${shortType(resource.type)} "${clip(resource.name, 120)}"`;
}

/** `alicloud:cdn/domainNew:DomainNew` → `cdn.DomainNew`; other types are left as they are. */
export function shortType(type: string): string {
    const match = /^alicloud:([a-z0-9]+)\/[A-Za-z0-9]+:([A-Za-z0-9]+)$/.exec(type);
    return match ? `${match[1]}.${match[2]}` : type;
}

export function clip(text: string, limit: number): string {
    return text.length <= limit ? text : `${text.slice(0, limit)}…`;
}
