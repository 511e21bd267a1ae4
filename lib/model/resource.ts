/**
 * The pack's view of a resource: what the rules read, with no Pulumi SDK objects in it, so the
 * same rules run inside the policy pack (from `@pulumi/policy` args) and from the command line
 * (from a state or preview file).
 */
import { clip, PropertyBag } from "./values";
import { ProviderView, regionName } from "./region";
import { Naming, typeName } from "./naming";

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
    /**
     * How the front end names the resource to people, when it is not the URN: a Terraform address
     * such as `module.web.alicloud_cdn_domain_new.shop`. Reports show it in place of type and name.
     */
    readonly address?: string;
    /** Where the resource is declared in the user's code, when the input carries it. */
    readonly sourcePosition?: SourcePosition;
    /**
     * The input file it came from, when inputs of several roots (stacks, root modules) name
     * resources alike: shown beside the name so findings say which one.
     */
    readonly inputFile?: string;
    /**
     * How the front end that produced this view names types and properties to people (Terraform:
     * `alicloud_cdn_domain_new`, `domain_name`); absent for Pulumi, whose names the model uses.
     */
    readonly naming?: Naming;
}

/**
 * A place in the user's code: Pulumi's `sourcePosition` (`project:///index.ts#12,5`) or a Terraform
 * configuration block. `file` is as the input gives it (reports make it relative to a source root).
 */
export interface SourcePosition {
    readonly file: string;
    readonly line: number;
    readonly column?: number;
}

export interface StackResourceView extends ResourceView {
    readonly parent?: string;
    readonly dependencies: readonly string[];
    /** Property name → URNs of the resources its value was computed from. */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** A stack as the stack checks see it: every resource once, indexed by URN. */
export interface StackView {
    readonly resources: readonly StackResourceView[];
    readonly byUrn: ReadonlyMap<string, StackResourceView>;
}

/**
 * `urn:pulumi:dev::shop::alicloud:cdn/domainNew:DomainNew::static` → `cdn.DomainNew "static"`; a
 * resource a front end names itself (a Terraform address) is shown by that name.
 */
export function showResource(resource: Pick<ResourceView, "type" | "name" | "naming"> & { readonly address?: string; readonly inputFile?: string }): string {
    const name = resource.address ? clip(resource.address, 160) : `${typeName(resource)} "${clip(resource.name, 120)}"`;
    return resource.inputFile !== undefined ? `${name} ${fromFile(resource.inputFile)}` : name;
}

/** `(from dns/terraform.tfstate)`: which input a resource came from, where several name it alike. */
export const fromFile = (file: string): string => `(from ${clip(file, 160)})`;

export { shortType } from "./naming";

// clip lives in values.ts so that region.ts (which this module imports) can use it too.
export { clip };

/** Plaintext leaves (strings, numbers) of a resource's and its provider's secret properties. */
export function secretValuesOf(resource: ResourceView | undefined, into: Set<string> = new Set()): Set<string> {
    if (!resource) return into;
    const collect = (value: unknown, depth: number): void => {
        if (depth > 64) return;
        if (typeof value === "string" && value.length >= 3) {
            into.add(value);
            // A secret region is also hidden where messages name it in Chinese.
            const name = regionName(value);
            if (name) into.add(name);
        }
        else if (typeof value === "number" && Number.isFinite(value) && String(value).length >= 2) into.add(String(value));
        else if (Array.isArray(value)) for (const item of value) collect(item, depth + 1);
        else if (value && typeof value === "object") for (const item of Object.values(value)) collect(item, depth + 1);
    };
    for (const key of resource.secretProps) collect(resource.props[key], 0);
    for (const key of resource.provider?.secretProps ?? []) collect(resource.provider?.props[key], 0);
    return into;
}

/** Replaces every secret value in a message, longest first, so no part of one survives. */
export function scrubSecrets(message: string, secrets: ReadonlySet<string>): string {
    if (secrets.size === 0) return message;
    let scrubbed = message;
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
        if (scrubbed.includes(secret)) scrubbed = scrubbed.split(secret).join("(secret)");
    }
    // A secret shown with its derived form, e.g. a region and its Chinese name, reads as one.
    return scrubbed.split("(secret) ((secret))").join("(secret)");
}

/**
 * Whether a run of more than `limit` UTF-16 code units holds none of space, tab, CR, LF, FF, VT.
 * Every `\S+` word lies inside such a run and has no more code points than code units, so when
 * this is false no word is longer than `limit` and clipLongWords has nothing to cut (the common
 * case, checked in one pass without a callback per word).
 */
function hasRunLongerThan(text: string, limit: number): boolean {
    let run = 0;
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === 32 || (code >= 9 && code <= 13)) run = 0;
        else if (++run > limit) return true;
    }
    return false;
}

/**
 * Keeps messages short whatever the input: after secrets are scrubbed, any run of more than
 * `limit` non-space characters (a huge domain, a garbage value) is cut. Values are interpolated
 * whole when messages are built, so a secret is always removed whole before anything is cut.
 */
export function clipLongWords(message: string, limit = 160): string {
    if (!hasRunLongerThan(message, limit)) return message;
    // Each word is matched once (linear); a `\S{161,}` pattern retries from every character.
    return message.replace(/\S+/gu, (word) => (word.length > limit && [...word].length > limit ? `${[...word].slice(0, limit).join("")}…` : word));
}
