/**
 * Domain bindings that carry their own domain and their own serving location: which resource
 * types bind a hostname, where the hostname lives in the inputs, what decides whether it is served
 * from the Chinese mainland (scope for the CDN family, region for regional products), and what
 * kind of filing the product accepts.
 *
 * Property names are checked against `@pulumi/alicloud` 3.108.0's `*Args` interfaces at compile
 * time (`field<Args>()`), and the type tokens against the SDK classes in the tests.
 */
import type { DomainNewArgs } from "@pulumi/alicloud/cdn/domainNew";
import type { DomainArgs as CdnDomainArgs } from "@pulumi/alicloud/cdn/domain";
import type { DomainArgs as DcdnDomainArgs } from "@pulumi/alicloud/dcdn/domain";
import type { IpaDomainArgs } from "@pulumi/alicloud/dcdn/ipaDomain";
import type { DomainArgs as VodDomainArgs } from "@pulumi/alicloud/vod/domain";
import type { DomainArgs as ScdnDomainArgs } from "@pulumi/alicloud/scdn/domain";
import type { DomainArgs as LiveDomainArgs } from "@pulumi/alicloud/live/domain";
import type { SiteArgs } from "@pulumi/alicloud/esa/site";
import type { BucketCnameArgs } from "@pulumi/alicloud/oss/bucketCname";
import type { CustomDomainArgs } from "@pulumi/alicloud/fc/customDomain";
import type { V3CustomDomainArgs } from "@pulumi/alicloud/fc/v3customDomain";
import type { DomainArgs as Wafv3DomainArgs } from "@pulumi/alicloud/wafv3/domain";
import type { DomainArgs as WafDomainArgs } from "@pulumi/alicloud/waf/domain";
import type { DomainArgs as ApigDomainArgs } from "@pulumi/alicloud/apig/domain";
import type { IngressArgs } from "@pulumi/alicloud/sae/ingress";
import type { RuleArgs as AlbRuleArgs } from "@pulumi/alicloud/alb/rule";
import type { RuleArgs as SlbRuleArgs } from "@pulumi/alicloud/slb/rule";
import type { DomainExtensionArgs } from "@pulumi/alicloud/slb/domainExtension";
import type { DomainResourceArgs } from "@pulumi/alicloud/ddos/domainResource";
import type { InstanceCustomizedDomainArgs, InstanceCustomizedDomainState } from "@pulumi/alicloud/cr/instanceCustomizedDomain";
import type { input } from "@pulumi/alicloud/types";

import { parseHostname, Hostname, HostnameProblem } from "../model/domain";
import { classifyRegion, isMainlandClass, resolveRegion, RegionClass, RegionEnvironment, ResolvedRegion, showRegion, zoneRegionOf } from "../model/region";
import { propertyName, typeName } from "../model/naming";
import { ResourceView } from "../model/resource";
import { classifyObject, classifyString, PropertyBag, Read, readArray, readObject, readString } from "../model/values";

/** A property name that must exist on the SDK's input type `T`. */
const field =
    <T>() =>
    <K extends keyof T & string>(name: K): K =>
        name;

/** What kind of filing a product accepts. */
export type AccessRequirement =
    /** The filing must list Alibaba Cloud as access provider (接入阿里云). */
    | "alibaba"
    /** Any valid MIIT filing, whichever access provider. */
    | "any";

export interface DomainRead {
    readonly read: Read<string>;
    /** Where it was found, e.g. `domainName`, `rules[1].domain`. */
    readonly property: string;
    /** The top-level property, to know whether it is secret. */
    readonly topLevel: string;
}

export type ServingLocation =
    /** `shown`: the property as the resource's front end names it, for messages (`scope`, `coverage`). */
    | { readonly kind: "scope"; readonly property: string; readonly shown: string; readonly read: Read<string>; readonly defaultScope: string }
    | { readonly kind: "fixed-mainland"; readonly why: string }
    | { readonly kind: "region"; readonly region: ResolvedRegion };

export interface BindingProduct {
    readonly type: string;
    /** Product name for messages, e.g. `Alibaba Cloud CDN`. */
    readonly product: string;
    readonly family: "cdn" | "regional";
    readonly access: AccessRequirement;
    /** Why that access requirement, with its source. */
    readonly accessSource: string;
    /** How messages name it, when not `product (short type)`. */
    readonly label?: string;
    /** How to stop serving it from the mainland, when not the family's usual fix. */
    readonly moveAway?: string;
    /** CDN family: the input that says whether the mainland is covered (`scope`, ESA's `coverage`); none for SCDN (mainland only). */
    readonly scopeProperty?: string;
    domains(props: PropertyBag): DomainRead[];
    location(resource: ResourceView, env: RegionEnvironment): ServingLocation;
}

function single(property: string): (props: PropertyBag) => DomainRead[] {
    return (props) => [{ read: readString(props, property), property, topLevel: property }];
}

function scope(property: string, defaultScope = "domestic"): (resource: ResourceView) => ServingLocation {
    return (resource) => ({ kind: "scope", property, shown: propertyName(resource, property), read: readString(resource.props, property), defaultScope });
}

function providerRegion(resource: ResourceView, env: RegionEnvironment): ServingLocation {
    return { kind: "region", region: resolveRegion(undefined, resource.provider, env, zoneRegionOf(resource)) };
}

const CDN_ANY = "CDN-family products accept a filing at any access provider (AddCdnDomain/CheckCdnDomainICP: 备案信息不强制要求接入阿里云)";

const cdnNew = field<DomainNewArgs>();
const cdnLegacy = field<CdnDomainArgs>();
const dcdn = field<DcdnDomainArgs>();
const ipa = field<IpaDomainArgs>();
const vod = field<VodDomainArgs>();
const scdn = field<ScdnDomainArgs>();
const live = field<LiveDomainArgs>();
const esa = field<SiteArgs>();
const ossCname = field<BucketCnameArgs>();
const fcLegacy = field<CustomDomainArgs>();
const fcV3 = field<V3CustomDomainArgs>();
const wafv3 = field<Wafv3DomainArgs>();
const wafLegacy = field<WafDomainArgs>();
const apig = field<ApigDomainArgs>();
const sae = field<IngressArgs>();
const saeRule = field<input.sae.IngressRule>();
const albRule = field<AlbRuleArgs>();
const albCondition = field<input.alb.RuleRuleCondition>();
const albHost = field<input.alb.RuleRuleConditionHostConfig>();
const slbRule = field<SlbRuleArgs>();
const slbExtension = field<DomainExtensionArgs>();
const ddos = field<DomainResourceArgs>();
const crDomain = field<InstanceCustomizedDomainArgs>();
const crDomainOut = field<InstanceCustomizedDomainState>();

export const BINDING_PRODUCTS: readonly BindingProduct[] = [
    {
        type: "alicloud:cdn/domainNew:DomainNew",
        product: "Alibaba Cloud CDN",
        family: "cdn",
        access: "any",
        accessSource: CDN_ANY,
        domains: single(cdnNew("domainName")),
        location: scope(cdnNew("scope")),
        scopeProperty: cdnNew("scope"),
    },
    {
        type: "alicloud:cdn/domain:Domain",
        product: "legacy Alibaba Cloud CDN",
        family: "cdn",
        access: "any",
        accessSource: CDN_ANY,
        domains: single(cdnLegacy("domainName")),
        location: scope(cdnLegacy("scope")),
        scopeProperty: cdnLegacy("scope"),
    },
    {
        type: "alicloud:dcdn/domain:Domain",
        product: "Alibaba Cloud DCDN",
        family: "cdn",
        access: "any",
        accessSource: CDN_ANY,
        // DCDN accepts several domains separated by commas in one resource.
        domains: (props) => {
            const property = dcdn("domainName");
            const read = readString(props, property);
            if (read.state !== "known" || !read.value.includes(",")) return [{ read, property, topLevel: property }];
            return read.value.split(",").map((part, index) => ({
                read: { state: "known", value: part.trim() },
                property: `${property} (item ${index + 1})`,
                topLevel: property,
            }));
        },
        location: scope(dcdn("scope")),
        scopeProperty: dcdn("scope"),
    },
    {
        type: "alicloud:dcdn/ipaDomain:IpaDomain",
        product: "Alibaba Cloud DCDN IPA",
        family: "cdn",
        access: "any",
        accessSource: CDN_ANY,
        domains: single(ipa("domainName")),
        location: scope(ipa("scope")),
        scopeProperty: ipa("scope"),
    },
    {
        type: "alicloud:vod/domain:Domain",
        product: "ApsaraVideo VOD",
        family: "cdn",
        access: "any",
        accessSource: "AddVodDomain accepts any MIIT filing",
        domains: single(vod("domainName")),
        location: scope(vod("scope")),
        scopeProperty: vod("scope"),
    },
    {
        type: "alicloud:scdn/domain:Domain",
        product: "Alibaba Cloud SCDN",
        family: "cdn",
        access: "any",
        accessSource: CDN_ANY,
        domains: single(scdn("domainName")),
        location: () => ({ kind: "fixed-mainland", why: "SCDN has no scope setting and accelerates in the Chinese mainland" }),
    },
    {
        type: "alicloud:live/domain:Domain",
        product: "ApsaraVideo Live",
        family: "cdn",
        access: "any",
        accessSource: "Live domains accept any MIIT filing (Live 'verify a domain name')",
        domains: single(live("domainName")),
        location: scope(live("scope")),
        scopeProperty: live("scope"),
    },
    {
        type: "alicloud:esa/site:Site",
        product: "Alibaba Cloud ESA",
        family: "cdn",
        access: "any",
        accessSource: "ESA CreateSite accepts any MIIT filing",
        domains: single(esa("siteName")),
        location: scope(esa("coverage")),
        scopeProperty: esa("coverage"),
    },
    {
        type: "alicloud:oss/bucketCname:BucketCname",
        product: "OSS custom domain",
        family: "regional",
        access: "any",
        accessSource: "OSS custom domains accept any MIIT filing; 接入阿里云 is not required (ICP 'use OSS' page)",
        domains: single(ossCname("domain")),
        location: providerRegion,
    },
    {
        type: "alicloud:fc/customDomain:CustomDomain",
        product: "Function Compute custom domain",
        family: "regional",
        access: "alibaba",
        accessSource: "FC CreateCustomDomain: mainland custom domains must be filed and accessed at Alibaba Cloud",
        domains: single(fcLegacy("domainName")),
        location: providerRegion,
    },
    {
        type: "alicloud:fc/v3CustomDomain:V3CustomDomain",
        product: "Function Compute 3.0 custom domain",
        family: "regional",
        access: "alibaba",
        accessSource: "FC CreateCustomDomain: mainland custom domains must be filed and accessed at Alibaba Cloud",
        domains: single(fcV3("customDomainName")),
        location: providerRegion,
    },
    {
        type: "alicloud:wafv3/domain:Domain",
        product: "WAF 3.0",
        family: "regional",
        access: "any",
        accessSource: "WAF: latest ICP docs say any MIIT filing (备案信息不强制要求接入阿里云); sources conflict, leaning any",
        domains: single(wafv3("domain")),
        location: providerRegion,
    },
    {
        type: "alicloud:waf/domain:Domain",
        product: "legacy WAF",
        family: "regional",
        access: "any",
        accessSource: "WAF: latest ICP docs say any MIIT filing (备案信息不强制要求接入阿里云); sources conflict, leaning any",
        domains: (props) => {
            const current = wafLegacy("domainName");
            const deprecated = wafLegacy("domain");
            const read = readString(props, current);
            return read.state === "absent"
                ? [{ read: readString(props, deprecated), property: deprecated, topLevel: deprecated }]
                : [{ read, property: current, topLevel: current }];
        },
        location: providerRegion,
    },
    {
        type: "alicloud:apig/domain:Domain",
        product: "Cloud-native API Gateway",
        family: "regional",
        access: "alibaba",
        accessSource: "API Gateway custom domains in the mainland must be accessed at Alibaba Cloud (help doc-detail/155022)",
        domains: single(apig("domainName")),
        location: providerRegion,
    },
    {
        type: "alicloud:sae/ingress:Ingress",
        product: "Serverless App Engine ingress",
        family: "regional",
        access: "alibaba",
        accessSource: "SAE public domains are hosted on Alibaba Cloud, so the filing must be accessed there (inferred from the Limitations page)",
        domains: (props) => {
            const property = sae("rules");
            const rules = readArray(props, property);
            if (rules.state !== "known") return rules.state === "absent" ? [] : [{ read: toStringRead(rules), property, topLevel: property }];
            return rules.value.map((rule, index) => {
                const at = `${property}[${index}].${saeRule("domain")}`;
                const ruleBag = classifyObject(rule);
                return { read: ruleBag.state === "known" ? readString(ruleBag.value, saeRule("domain")) : toStringRead(ruleBag), property: at, topLevel: property };
            });
        },
        location: (resource, env) => {
            // SAE namespace IDs embed the region: `{RegionId}:{namespace}` (the default namespace is the region ID).
            const namespace = readString(resource.props, sae("namespaceId"));
            const own: Read<string> =
                namespace.state === "known" ? { state: "known", value: namespace.value.split(":")[0] } : namespace;
            return { kind: "region", region: resolveRegion({ read: own, origin: propertyName(resource, sae("namespaceId")) }, resource.provider, env, zoneRegionOf(resource)) };
        },
    },
    {
        type: "alicloud:alb/rule:Rule",
        product: "ALB forwarding rule",
        family: "regional",
        access: "alibaba",
        accessSource: "Sites served from mainland ALB are hosted on Alibaba Cloud, so the filing must be accessed there (inferred from the Limitations page)",
        domains: (props) => {
            const property = albRule("ruleConditions");
            const conditions = readArray(props, property);
            if (conditions.state !== "known") return conditions.state === "absent" ? [] : [{ read: toStringRead(conditions), property, topLevel: property }];
            const found: DomainRead[] = [];
            conditions.value.forEach((condition, index) => {
                const bag = classifyObject(condition);
                if (bag.state !== "known") {
                    if (bag.state === "unknown") found.push({ read: { state: "unknown" }, property: `${property}[${index}]`, topLevel: property });
                    return;
                }
                const kind = readString(bag.value, albCondition("type"));
                if (kind.state === "known" && kind.value !== "Host") return;
                const hostConfig = readObject(bag.value, albCondition("hostConfig"));
                const at = `${property}[${index}].${albCondition("hostConfig")}.${albHost("values")}`;
                if (hostConfig.state === "absent") {
                    if (kind.state === "unknown") found.push({ read: { state: "unknown" }, property: at, topLevel: property });
                    return;
                }
                if (hostConfig.state !== "known") {
                    found.push({ read: toStringRead(hostConfig), property: at, topLevel: property });
                    return;
                }
                const values = readArray(hostConfig.value, albHost("values"));
                if (values.state !== "known") {
                    if (values.state !== "absent") found.push({ read: toStringRead(values), property: at, topLevel: property });
                    return;
                }
                values.value.forEach((value, valueIndex) =>
                    found.push({ read: classifyString(value), property: `${at}[${valueIndex}]`, topLevel: property }),
                );
            });
            return found;
        },
        location: providerRegion,
    },
    {
        type: "alicloud:slb/rule:Rule",
        product: "CLB (SLB) forwarding rule",
        family: "regional",
        access: "alibaba",
        accessSource: "Sites served from mainland CLB are hosted on Alibaba Cloud, so the filing must be accessed there (inferred from the Limitations page)",
        domains: single(slbRule("domain")),
        location: providerRegion,
    },
    {
        type: "alicloud:slb/domainExtension:DomainExtension",
        product: "CLB (SLB) HTTPS domain extension",
        family: "regional",
        access: "alibaba",
        accessSource: "Sites served from mainland CLB are hosted on Alibaba Cloud, so the filing must be accessed there (inferred from the Limitations page)",
        domains: single(slbExtension("domain")),
        location: providerRegion,
    },
    {
        type: "alicloud:ddos/domainResource:DomainResource",
        product: "Anti-DDoS Pro/Premium domain",
        family: "regional",
        access: "any",
        accessSource:
            "Anti-DDoS Pro (mainland) checks for any MIIT filing; Premium (provider region outside the mainland) needs none; sources conflict for BGP lines, leaning any",
        domains: single(ddos("domain")),
        location: providerRegion,
    },
    {
        type: "alicloud:cr/instanceCustomizedDomain:InstanceCustomizedDomain",
        product: "Container Registry custom domain",
        family: "regional",
        access: "alibaba",
        accessSource:
            "A registry custom domain resolves to the Container Registry instance, hosted on Alibaba Cloud in its region, so a mainland instance needs the filing accessed there (inferred from the Limitations page, like other Alibaba-hosted endpoints)",
        domains: single(crDomain("domain")),
        // `regionId` is an output (known on refresh/update); otherwise the provider chain.
        location: (resource, env) => {
            const own = readString(resource.props, crDomainOut("regionId"));
            return { kind: "region", region: resolveRegion(own.state === "known" && own.value !== "" ? { read: own, origin: propertyName(resource, crDomainOut("regionId")) } : undefined, resource.provider, env, zoneRegionOf(resource)) };
        },
    },
];

const PRODUCTS_BY_TYPE: ReadonlyMap<string, BindingProduct> = new Map(BINDING_PRODUCTS.map((p) => [p.type, p]));
export const BINDING_TYPES: readonly string[] = BINDING_PRODUCTS.map((p) => p.type);

export function bindingProductFor(type: string): BindingProduct | undefined {
    return PRODUCTS_BY_TYPE.get(type);
}

function toStringRead<T>(read: Read<T>): Read<string> {
    return read.state === "known" ? { state: "invalid", got: Array.isArray(read.value) ? "array" : typeof read.value } : read;
}

// --------------------------------------------------------------------------------------------
// Where a binding is served
// --------------------------------------------------------------------------------------------

export type Served =
    | {
          readonly where: "mainland" | "outside";
          /** Human explanation, e.g. `scope "global" covers the Chinese mainland`. */
          readonly because: string;
          readonly regionId?: string;
          readonly regionClass?: RegionClass;
          readonly regionSource?: ResolvedRegion["source"];
          /** Outside because the endpoint has no address reachable from the Internet (an intranet load balancer, a private IP). */
          readonly intranet?: boolean;
      }
    | { readonly where: "undecidable"; readonly because: string };

const MAINLAND_SCOPES: Readonly<Record<string, string>> = { domestic: "the Chinese mainland", global: "the Chinese mainland and the rest of the world" };

export function servedWhere(location: ServingLocation): Served {
    switch (location.kind) {
        case "fixed-mainland":
            return { where: "mainland", because: location.why };
        case "scope": {
            const read = location.read;
            if (read.state === "unknown") return { where: "undecidable", because: `${location.shown} is not known until apply` };
            if (read.state === "invalid") return { where: "undecidable", because: `${location.shown} is a ${read.got}, not a scope` };
            const defaulted = read.state === "absent" || read.value === "";
            const value = defaulted ? location.defaultScope : read.value;
            const shown = defaulted ? `${location.shown} not set (defaults to "${value}")` : `${location.shown} "${value}"`;
            const covers = MAINLAND_SCOPES[value];
            if (covers) return { where: "mainland", because: `${shown}, which serves ${covers}` };
            if (value === "overseas") return { where: "outside", because: `${shown}, which serves only outside the Chinese mainland` };
            return { where: "undecidable", because: `${location.shown} "${value}" is not one of domestic, global, overseas` };
        }
        case "region": {
            const { read, origin, source } = location.region;
            if (read.state === "unknown") return { where: "undecidable", because: `the region (${origin}) is not known until apply` };
            if (read.state === "invalid") return { where: "undecidable", because: `the region (${origin}) is a ${read.got}, not a region ID` };
            if (read.state === "absent") return { where: "undecidable", because: `no region is set (${origin})` };
            const regionClass = classifyRegion(read.value);
            const base = { regionId: read.value, regionClass, regionSource: source };
            if (regionClass === "not-a-region") {
                return { where: "undecidable", because: `"${read.value}" (${origin}) is not an Alibaba Cloud region ID` };
            }
            if (isMainlandClass(regionClass)) {
                const note = regionClass === "mainland-unrecognised" ? ", an unrecognised cn-* region treated as mainland" : ", a Chinese mainland region";
                return { where: "mainland", because: `region ${showRegion(read.value)} from ${origin}${note}`, ...base };
            }
            return { where: "outside", because: `region ${showRegion(read.value)} from ${origin}, outside the Chinese mainland`, ...base };
        }
    }
}

// --------------------------------------------------------------------------------------------
// Bindings of one resource
// --------------------------------------------------------------------------------------------

export type BindingDomain =
    | { readonly state: "host"; readonly host: Hostname }
    | { readonly state: "unknown" }
    /** The name is not known, but it lies at or under `zone`, so its registrable domain is known. */
    | { readonly state: "under"; readonly zone: Hostname }
    | { readonly state: "invalid"; readonly why: string }
    /** A value that is not a domain binding at all (an IP address, an empty optional). */
    | { readonly state: "none" };

export interface Binding {
    readonly resource: ResourceView;
    readonly product: BindingProduct;
    /** Where the domain was found, as the resource's front end names it (`domainName`, `domain_name`). */
    readonly property: string;
    readonly domain: BindingDomain;
    /** True when the domain's value is secret: decide on it, never print it. */
    readonly secret: boolean;
    readonly served: Served;
    /** How to stop serving it from the mainland, when not the product's usual fix (an EIP to remove). */
    readonly moveAway?: string;
    /** For a host published through Kubernetes: the cluster it runs on, as messages name it. */
    readonly cluster?: string;
}

/**
 * Host rules and domain extensions live on a load balancer's listener: they serve the web only when
 * the balancer has a public address, which only the load balancer says (`addressType`). Each entry
 * is the chain of input properties from the binding to its load balancer (alb.Rule → listener →
 * alb.LoadBalancer; slb.Rule / slb.DomainExtension / sae.Ingress → slb load balancer). The per-resource pass sees
 * only the binding's inputs, so these are decided in the stack pass (StackGraph.loadBalancerBindings).
 */
export const LOAD_BALANCER_CHAINS: Readonly<Record<string, readonly string[]>> = {
    "alicloud:alb/rule:Rule": [albRule("listenerId"), "loadBalancerId"],
    "alicloud:slb/rule:Rule": [slbRule("loadBalancerId")],
    "alicloud:slb/domainExtension:DomainExtension": [slbExtension("loadBalancerId")],
    // SAE ingress rules are served by the CLB named in slbId (an intranet CLB serves the VPC only).
    "alicloud:sae/ingress:Ingress": [sae("slbId")],
};

export const isBehindLoadBalancer = (type: string): boolean => Object.prototype.hasOwnProperty.call(LOAD_BALANCER_CHAINS, type);

/**
 * The bindings the per-resource pass decides: all of a resource's, except those behind a load
 * balancer, which only the stack pass can place (StackGraph.loadBalancerBindings).
 */
export function perResourceBindingsOf(resource: ResourceView, env: RegionEnvironment): readonly Binding[] {
    if (isBehindLoadBalancer(resource.type)) return [];
    // Several per-resource checks read the same bindings: once per resource view and environment.
    const cached = perResourceBindings.get(resource);
    if (cached && cached.env === env) return cached.bindings;
    const bindings = bindingsOf(resource, env);
    perResourceBindings.set(resource, { env, bindings });
    return bindings;
}
const perResourceBindings = new WeakMap<ResourceView, { readonly env: RegionEnvironment; readonly bindings: readonly Binding[] }>();

/**
 * All domain bindings a resource carries (empty for types that bind no domain), served where the
 * product says; `loadBalancerServed` overrides that for a binding behind a load balancer whose
 * balancer the stack pass found.
 */
export function bindingsOf(resource: ResourceView, env: RegionEnvironment, options?: { readonly loadBalancerServed?: Served; readonly moveAway?: string }): Binding[] {
    const product = bindingProductFor(resource.type);
    if (!product) return [];
    const reads = product.domains(resource.props);
    if (reads.length === 0) return [];
    const served = options?.loadBalancerServed ?? servedWhere(product.location(resource, env));
    return reads.map((domainRead) => ({
        resource,
        product,
        property: propertyName(resource, domainRead.property),
        domain: bindingDomainOf(domainRead.read),
        secret: resource.secretProps.has(domainRead.topLevel),
        served,
        ...(options?.moveAway ? { moveAway: options.moveAway } : {}),
    }));
}

/** A read host name as a binding's domain: a hostname, unknown, invalid, or none (absent, empty, an IP address). */
export function bindingDomainOf(read: Read<string>): BindingDomain {
    switch (read.state) {
        case "absent":
            return { state: "none" };
        case "unknown":
            return { state: "unknown" };
        case "invalid":
            return { state: "invalid", why: `is a ${read.got}, not a hostname` };
        case "known": {
            if (read.value === "") return { state: "none" };
            const parsed = parseHostname(read.value);
            if (parsed.ok) return { state: "host", host: parsed.host };
            if (parsed.problem === "ip-address") return { state: "none" };
            return { state: "invalid", why: hostnameWhy(parsed.problem, parsed.suffix) };
        }
    }
}

function hostnameWhy(problem: HostnameProblem, suffix: string | undefined): string {
    switch (problem) {
        case "public-suffix":
            return `is the public suffix .${suffix ?? "?"}, which cannot be filed`;
        case "too-long":
            return "is longer than a hostname can be";
        default:
            return "is not a valid hostname";
    }
}

export function productLabel(binding: Binding): string {
    return binding.product.label ?? `${binding.product.product} (${typeName(binding.resource)})`;
}
