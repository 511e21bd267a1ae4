/**
 * How a front end names resource types and properties to the people who wrote the input.
 *
 * The rules read one model — Pulumi type tokens and camelCase property names, the shape every
 * front end converts its input to — but findings must speak the user's language: a Terraform user
 * wrote `alicloud_cdn_domain_new` and `domain_name`, not `cdn.DomainNew` and `domainName`. So the
 * view of a resource carries the naming of the front end that produced it (ResourceView.naming),
 * and every message that names a type or a property asks the resource's naming. A new front end
 * brings its own naming with its views and touches no rule.
 */

export interface Naming {
    /** The front end, for people: `Pulumi`, `Terraform`. */
    readonly frontEnd: string;
    /** A type for people, in prose: `cdn.DomainNew`, `alicloud_cdn_domain_new`. */
    type(token: string): string;
    /** A type as tools identify it (JSON reports): `alicloud:cdn/domainNew:DomainNew`, `alicloud_cdn_domain_new`. */
    typeId(token: string): string;
    /**
     * A property path of a resource of type `token`, as its users write it: `domainName` →
     * `domain_name`, `rules[0].domain`, `ruleConditions[1].hostConfig.values[0]` →
     * `rule_conditions[1].host_config.values[0]`. Text after the path (` (item 2)`) is kept.
     */
    property(token: string, path: string): string;
    /** A setting as the user would write it: `scope: "overseas"` / `scope = "overseas"`. `value` is written as given. */
    setting(token: string, path: string, value: string): string;
}

/**
 * `alicloud:cdn/domainNew:DomainNew` → `cdn.DomainNew`; a Kubernetes type
 * (`kubernetes:networking.k8s.io/v1:Ingress`) → its kind, `Ingress`; other types are left as they are.
 */
export function shortType(type: string): string {
    const match = /^alicloud:([a-z0-9]+)\/[A-Za-z0-9]+:([A-Za-z0-9]+)$/.exec(type);
    if (match) return `${match[1]}.${match[2]}`;
    const kubernetes = /^kubernetes:[^:]+:([A-Za-z0-9]+)$/.exec(type);
    return kubernetes ? kubernetes[1] : type;
}

/** Pulumi's own names: the model's names, types shortened as the alicloud SDK's modules spell them. */
export const PULUMI_NAMING: Naming = {
    frontEnd: "Pulumi",
    type: shortType,
    typeId: (token) => token,
    property: (_token, path) => path,
    setting: (_token, path, value) => `${path}: ${value}`,
};

/** Anything that may carry a front end's naming (resource views, reported resources). */
export interface Named {
    readonly naming?: Naming;
}

/** The naming of a view; views without one come from Pulumi (the model's own names). */
export const namingOf = (resource: Named | undefined): Naming => resource?.naming ?? PULUMI_NAMING;

/** The resource's own type (or `token`, a type of the same front end), for people. */
export const typeName = (resource: Named & { readonly type: string }, token: string = resource.type): string => namingOf(resource).type(token);

/** A property of the resource (or of another type `token` of the same front end), for people. */
export const propertyName = (resource: Named & { readonly type: string }, path: string, token: string = resource.type): string =>
    namingOf(resource).property(token, path);

/** `path: value` (Pulumi) or `path = value` (Terraform) for the resource's type. */
export const settingOf = (resource: Named & { readonly type: string }, path: string, value: string, token: string = resource.type): string =>
    namingOf(resource).setting(token, path, value);
