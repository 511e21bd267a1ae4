/**
 * Shared pieces of the property-based tests (test/fuzz.spec.ts, test/fuzz-registry.spec.ts):
 * run counts and seed, the registry the fuzzed pack runs with, and fast-check arbitraries for
 * resources of every type icp-guard reads, with plausible, malformed and hostile values.
 *
 * `npm test` runs a bounded, seeded number of cases; `npm run fuzz` sets ICP_GUARD_FUZZ_RUNS
 * (and a random seed unless ICP_GUARD_FUZZ_SEED is set) for deeper runs. A failure prints the
 * seed and path to replay it: ICP_GUARD_FUZZ_SEED=<seed> npm run fuzz.
 */
import * as fc from "fast-check";
import { BINDING_TYPES } from "../lib/graph/bindings";
import { DNS_TYPES } from "../lib/graph/dns";
import { ENDPOINT_RESOURCE_TYPES } from "../lib/graph/endpoints";
import { LINK_TYPES } from "../lib/graph/links";
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN_SENTINELS } from "../lib/model/values";
import type { Diagnostic, ProviderInput, ResourceInput } from "../tools/engine-client";
import { TEST_REGISTRY_YAML } from "./helpers/fixtures";

/** Runs per property: the in-test default, or ICP_GUARD_FUZZ_RUNS for `npm run fuzz`. */
export function fuzzRuns(inTest: number): number {
    const configured = Number(process.env["ICP_GUARD_FUZZ_RUNS"]);
    return Number.isInteger(configured) && configured > 0 ? Math.max(configured, inTest) : inTest;
}

/** A fixed seed in `npm test`; deeper runs take ICP_GUARD_FUZZ_SEED or a fresh one (printed on failure). */
export function fuzzSeed(fixed: number): number | undefined {
    const configured = process.env["ICP_GUARD_FUZZ_SEED"];
    if (configured !== undefined && configured !== "") return Number(configured);
    return process.env["ICP_GUARD_FUZZ_RUNS"] ? undefined : fixed;
}

/** The registry of the policy tables: one filing per access-provider case. */
export const FUZZ_REGISTRY_YAML = TEST_REGISTRY_YAML;

/** What the engine would not pass to a pack in a clean CI job. */
export const CLEAN_ENV = { PULUMI_CONFIG: undefined, ALICLOUD_REGION: undefined, ALIBABA_CLOUD_REGION: undefined, ICP_GUARD_FILINGS: undefined };

export const ALICLOUD_PROVIDER = "pulumi:providers:alicloud";

/** Zone types whose names complete relative DNS record names (lib/graph/dns.ts ZONE_NAME_PROPERTY). */
const ZONE_TYPES = ["alicloud:dns/alidnsDomain:AlidnsDomain", "alicloud:dns/domain:Domain", "aws:route53/zone:Zone", "cloudflare:index/zone:Zone"];
/** Types icp-guard does not read, and a component. */
const OTHER_TYPES = ["alicloud:vpc/network:Network", "random:index/randomString:RandomString", "kubernetes:core/v1:Service", "aws:s3/bucket:Bucket", "shop:index:App", "alicloud:nat/natGateway:NatGateway"];

export const FUZZED_TYPES: readonly string[] = [
    ...new Set([...BINDING_TYPES, ...DNS_TYPES, ...ENDPOINT_RESOURCE_TYPES, ...Object.values(LINK_TYPES), ALICLOUD_PROVIDER, ...ZONE_TYPES, ...OTHER_TYPES]),
];

// --------------------------------------------------------------------------------------------
// Secrets: distinctive tokens, only ever generated inside a secret wrapper
// --------------------------------------------------------------------------------------------

/** Every secret carries a token `qz` + 14 characters; nothing else in the input can produce one. */
export const SECRET_TOKEN = /qz[0-9a-z]{14}/g;
const token = fc.stringMatching(/^[0-9a-z]{14}$/).map((rest) => `qz${rest}`);

export const secretWrap = (value: unknown) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });

/** The tokens of every secret in an input, found by scanning it. */
export function secretTokens(input: unknown): string[] {
    return [...new Set(JSON.stringify(input).match(SECRET_TOKEN) ?? [])];
}

export interface Leak {
    readonly token: string;
    readonly policy: string;
    readonly message: string;
}

/** Secret tokens (or a 10-character prefix of one, in any case) found in the diagnostics. */
export function findLeaks(diagnostics: readonly Diagnostic[], resources: readonly ResourceInput[]): Leak[] {
    const tokens = secretTokens(resources);
    const leaks: Leak[] = [];
    for (const diagnostic of diagnostics) {
        const text = `${diagnostic.message}\n${diagnostic.description}\n${diagnostic.urn}`.toLowerCase();
        for (const t of tokens) {
            if (!text.includes(t.slice(0, 10))) continue;
            leaks.push({ token: t, policy: diagnostic.policyName, message: diagnostic.message });
        }
    }
    return leaks;
}

// --------------------------------------------------------------------------------------------
// Values
// --------------------------------------------------------------------------------------------

const sentinel = fc.constantFrom(...UNKNOWN_SENTINELS);
const registrable = fc.constantFrom("filed-alibaba.com", "filed-other.com", "例子.中国", "xn--fsqu00a.xn--fiqs8s", "shop.com.cn", "unfiled.com", "unfiled.net", "com.cn", "com", "localhost", "gov.cn");
const label = fc.constantFrom("www", "api", "img", "*", "@", "", "static", "a-b", "xn--fiqs8s", "例子", "WWW", "_dmarc");
const domainish = fc.oneof(
    { arbitrary: fc.tuple(label, registrable).map(([l, r]) => (l === "" || l === "@" ? r : `${l}.${r}`)), weight: 6 },
    { arbitrary: registrable.map((r) => `${r}.`), weight: 1 },
    { arbitrary: registrable.map((r) => r.toUpperCase()), weight: 1 },
    { arbitrary: fc.constantFrom("a.unfiled.com,b.filed-alibaba.com", ".filed-other.com", "*.unfiled.com", "http://x.unfiled.com/", "x.unfiled.com:8080", "a..b.com", "-a.com", "1.2.3.4"), weight: 1 },
    { arbitrary: fc.domain(), weight: 2 },
);
const regionish = fc.constantFrom("cn-hangzhou", "cn-beijing", "cn-shanghai", "cn-hongkong", "cn-newcity-1", "ap-southeast-1", "us-west-1", "eu-central-1", "cn-shanghai-finance-1", "oss-cn-hangzhou", "", "CN-HANGZHOU", "cn", "xx-yy", "cn-wuxi-telecom_unicom_cmcc-2", "international", "Internet", "hangzhou");
const scopeish = fc.constantFrom("domestic", "global", "overseas", "", "DOMESTIC", "mainland", "international");
const recordType = fc.constantFrom("A", "AAAA", "CNAME", "TXT", "MX", "NS", "CAA", "SRV", "REDIRECT_URL", "FORWORD_URL", "ALIAS", "a", "cname", "A/AAAA", "Host", "ENABLE", "DISABLE");
const addressish = fc.oneof(
    fc.ipV4(),
    fc.ipV6(),
    fc.constantFrom("47.96.1.2", "8.8.8.8", "10.0.0.1", "::1", "bucket.oss-cn-hangzhou.aliyuncs.com", "x.cn-shanghai.alb.aliyuncs.com", "x.ap-southeast-1.alb.aliyuncsslbintl.com", "fn.cn-hangzhou.fcapp.run", "a.w.kunlunsl.com", "x.yundunwaf3.com", "d.cloudfront.net", "lb.elb.amazonaws.com", "api-cn-beijing.alicloudapi.com"),
);
/** Odd Unicode: control characters, bidi overrides, zero-width joiners, lone surrogates, emoji. */
const oddUnicode = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const longStringUpTo = (max: number) =>
    fc.tuple(fc.constantFrom("a", "例", ".", "\u200d", "x.unfiled.com."), fc.integer({ min: Math.min(1_000, max), max })).map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n));

/** Where a secret's token sits in a domain-like value. */
const SECRET_SHAPES = ["plain", "label", "registrable", "region", "hostname", "url", "list", "object"] as const;
export type SecretShape = (typeof SECRET_SHAPES)[number] | "tld";

export function secretOfShape(t: string, shape: SecretShape): unknown {
    switch (shape) {
        case "label":
            return secretWrap(`${t}.unfiled.com`);
        case "registrable":
            return secretWrap(`www.${t}.com`);
        case "tld":
            return secretWrap(`www.unfiled.${t}`);
        case "region":
            return secretWrap(`cn-${t}`);
        case "hostname":
            return secretWrap(`${t}.cn-hangzhou.alb.aliyuncs.com`);
        case "url":
            return secretWrap(`https://${t}.filed-other.com/path`);
        case "list":
            return secretWrap([`${t}.unfiled.com`, "filed-alibaba.com"]);
        case "object":
            return secretWrap({ domain: `${t}.unfiled.com`, values: [`${t}.shop.com.cn`] });
        default:
            return secretWrap(t);
    }
}

/** A secret: a token alone, or inside a domain, a region-like id, a hostname, a list or an object. */
export const secretValue = fc.tuple(token, fc.constantFrom(...SECRET_SHAPES)).map(([t, shape]) => secretOfShape(t, shape));

export interface FuzzArbitraries {
    /** Any JSON value, nested, with unknowns and secrets at any depth. */
    readonly chaos: fc.Arbitrary<unknown>;
    readonly props: fc.Arbitrary<Record<string, unknown>>;
    readonly resource: fc.Arbitrary<FuzzResource>;
    readonly stack: fc.Arbitrary<FuzzStack>;
}

/**
 * The arbitraries, heavy (strings up to 120,000 characters, nesting up to 120 levels: for
 * Analyze, one resource per request) or light (for stacks of up to 25 resources per request).
 */
export function fuzzArbitraries(options: { readonly heavy: boolean }): FuzzArbitraries {
    const longString = longStringUpTo(options.heavy ? 120_000 : 3_000);
    const maxDepth = options.heavy ? 120 : 30;

    /** Any scalar a property can hold, including wrong types, unknowns and secrets. */
    const scalar: fc.Arbitrary<unknown> = fc.oneof(
        { arbitrary: sentinel, weight: 6 },
        { arbitrary: fc.constant(null), weight: 4 },
        { arbitrary: fc.boolean(), weight: 2 },
        { arbitrary: fc.oneof(fc.integer(), fc.double()), weight: 2 },
        { arbitrary: domainish, weight: 6 },
        { arbitrary: regionish, weight: 4 },
        { arbitrary: addressish, weight: 4 },
        { arbitrary: recordType, weight: 2 },
        { arbitrary: fc.string({ maxLength: 20 }), weight: 2 },
        { arbitrary: oddUnicode, weight: 2 },
        { arbitrary: longString, weight: 1 },
        { arbitrary: secretValue, weight: 4 },
    );

    const anyKey = fc.oneof(fc.constantFrom("domain", "name", "value", "type", "values", "address", "region", "__proto__", "constructor", "toString", ""), fc.string({ maxLength: 8 }));

    const chaos: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
        value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("array"), tie("object"), tie("secretNode")),
        array: fc.array(tie("value"), { maxLength: 3 }),
        object: fc.dictionary(anyKey, tie("value"), { maxKeys: 3 }),
        secretNode: tie("value").map(secretWrap),
    })).value;

    /** A value nested many levels deep in arrays and objects (one path, so it stays small). */
    const deep = fc.tuple(fc.integer({ min: 20, max: maxDepth }), scalar).map(([depth, leaf]) => {
        let value: unknown = leaf;
        const keys = ["values", "domain", "hostConfig", "rules", "value"];
        for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { [keys[i % keys.length]]: value };
        return value;
    });

    const maybe = <T>(plausible: fc.Arbitrary<T>) =>
        fc.oneof(
            { arbitrary: plausible, weight: 12 },
            { arbitrary: chaos, weight: 3 },
            { arbitrary: sentinel, weight: 2 },
            { arbitrary: secretValue, weight: 2 },
            { arbitrary: deep, weight: 1 },
        );
    const listOf = <T>(item: fc.Arbitrary<T>) => maybe(fc.array(maybe(item), { maxLength: 3 }));
    const objectOf = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) => maybe(fc.record(model, { requiredKeys: [] }));

    /**
     * Properties: every name icp-guard reads on any type (so every type meets every shape), each
     * present about half of the time, plus a few random keys.
     */
    const propsModel = {
        domainName: maybe(domainish),
        domain: maybe(domainish),
        customDomainName: maybe(domainish),
        siteName: maybe(domainish),
        recordName: maybe(domainish),
        name: maybe(fc.oneof(domainish, label)),
        rr: maybe(label),
        hostRecord: maybe(label),
        scope: maybe(scopeish),
        coverage: maybe(scopeish),
        cdnType: maybe(fc.constantFrom("web", "download", "video")),
        type: maybe(recordType),
        recordType: maybe(recordType),
        value: maybe(fc.oneof(addressish, domainish)),
        content: maybe(fc.oneof(addressish, domainish)),
        records: listOf(fc.oneof(addressish, domainish)),
        aliases: listOf(fc.record({ name: maybe(addressish), zoneId: maybe(fc.string({ maxLength: 6 })), evaluateTargetHealth: maybe(fc.boolean()) }, { requiredKeys: [] })),
        data: objectOf({ value: fc.oneof(addressish, domainish) }),
        proxied: maybe(fc.boolean()),
        status: maybe(fc.constantFrom("ENABLE", "DISABLE", "enable")),
        zoneId: maybe(fc.string({ maxLength: 8 })),
        siteId: maybe(fc.string({ maxLength: 8 })),
        rules: listOf(fc.record({ domain: maybe(domainish), path: maybe(fc.constant("/")) }, { requiredKeys: [] })),
        namespaceId: maybe(fc.oneof(regionish.map((r) => `${r}:ns`), regionish)),
        ruleConditions: listOf(
            fc.record(
                {
                    type: maybe(fc.constantFrom("Host", "Path", "Header")),
                    hostConfig: objectOf({ values: listOf(domainish) }),
                    // GA forwarding rules (ga.ForwardingRule)
                    ruleConditionType: maybe(fc.constantFrom("Host", "Path", "host")),
                    hostConfigs: listOf(fc.record({ values: listOf(domainish) }, { requiredKeys: [] })),
                    ruleConditionValue: maybe(fc.oneof(domainish, domainish.map((d) => JSON.stringify([d])), fc.constant("[not json"))),
                },
                { requiredKeys: [] },
            ),
        ),
        // DNS sources that are not records and their links (lib/graph/dns.ts, links.ts)
        acceleratorId: maybe(fc.string({ maxLength: 8 })),
        instanceId: maybe(fc.string({ maxLength: 8 })),
        ipSetId: maybe(fc.string({ maxLength: 8 })),
        ipv6AddressId: maybe(fc.string({ maxLength: 8 })),
        publicUserDomainName: maybe(domainish),
        scheduleHostName: maybe(label),
        scheduleZoneName: maybe(domainish),
        scheduleZoneMode: maybe(fc.constantFrom("custom", "sys_assign")),
        scheduleRrType: maybe(recordType),
        scheduleAreaLevel: maybe(fc.constantFrom("Region", "Big", "Small")),
        loadBalancerName: maybe(domainish),
        addresses: listOf(fc.record({ address: maybe(addressish), mode: maybe(fc.constant("SMART")) }, { requiredKeys: [] })),
        ipv6Address: maybe(addressish),
        ipv6Addresses: listOf(addressish),
        ipv6AddressType: maybe(fc.constantFrom("Internet", "Intranet")),
        accelerateIpAddress: maybe(addressish),
        slbLists: listOf(fc.record({ slbIp: maybe(addressish) }, { requiredKeys: [] })),
        httpTrigger: objectOf({ urlInternet: fc.oneof(addressish, domainish.map((d) => `https://${d}/x`)) }),
        sources: listOf(fc.record({ content: maybe(fc.oneof(addressish, domainish)), type: maybe(fc.constantFrom("ipaddr", "domain", "oss")), port: maybe(fc.integer()) }, { requiredKeys: [] })),
        region: maybe(regionish),
        regionId: maybe(regionish),
        location: maybe(regionish),
        accelerateRegionId: maybe(regionish),
        ensRegionId: maybe(regionish),
        serviceLocation: maybe(regionish),
        addressType: maybe(fc.constantFrom("Internet", "internet", "Intranet", "intranet")),
        ipAddress: maybe(addressish),
        publicIp: maybe(addressish),
        address: maybe(addressish),
        dnsName: maybe(addressish),
        cname: maybe(addressish),
        ip: maybe(addressish),
        subDomain: maybe(addressish),
        internetIp: maybe(addressish),
        externalIp: maybe(addressish),
        extranetEndpoint: maybe(fc.constantFrom("oss-cn-hangzhou.aliyuncs.com", "oss-ap-southeast-1.aliyuncs.com")),
        bucket: maybe(fc.string({ maxLength: 10 })),
        ipAddressLists: listOf(addressish),
        zoneMappings: listOf(
            fc.record({ address: maybe(addressish), publicIpv4Address: maybe(addressish), loadBalancerAddresses: listOf(fc.record({ address: maybe(addressish) }, { requiredKeys: [] })) }, { requiredKeys: [] }),
        ),
        loadBalancers: listOf(fc.record({ address: maybe(addressish), ipv4Addresses: listOf(addressish) }, { requiredKeys: [] })),
        instanceChargeType: maybe(fc.constantFrom("PrePaid", "PostPaid")),
        paymentType: maybe(fc.constantFrom("Subscription", "PayAsYouGo")),
        period: maybe(fc.integer({ min: -1, max: 36 })),
        periodUnit: maybe(fc.constantFrom("Month", "Week", "Year")),
        internetMaxBandwidthOut: maybe(fc.integer({ min: 0, max: 100 })),
        tags: maybe(fc.dictionary(fc.constantFrom("icp:filing-host", "team", "Name"), maybe(fc.constantFrom("true", "false", "web")), { maxKeys: 3 })),
        protocol: maybe(fc.constantFrom("HTTP", "HTTPS", "HTTP,HTTPS")),
        zone: maybe(domainish),
    };

    const extraProps = fc.dictionary(fc.string({ maxLength: 10 }), chaos, { maxKeys: 3 });
    const props: fc.Arbitrary<Record<string, unknown>> = fc
        .tuple(fc.record(propsModel, { requiredKeys: [] }), extraProps)
        .map(([known, extra]) => ({ ...extra, ...(known as Record<string, unknown>) }));

    /** Provider resources: mostly alicloud with a region (or not), sometimes odd; credentials secret. */
    const provider: fc.Arbitrary<ProviderInput | undefined> = fc.option(
        fc
            .tuple(
                fc.constantFrom(ALICLOUD_PROVIDER, ALICLOUD_PROVIDER, ALICLOUD_PROVIDER, "pulumi:providers:aws", "pulumi:providers:cloudflare", "pulumi:providers:"),
                fc.record({ region: maybe(regionish), version: fc.constant("3.108.0"), accessKey: secretValue, secretKey: secretValue, profile: maybe(fc.string({ maxLength: 6 })) }, { requiredKeys: [] }),
                fc.oneof({ arbitrary: fc.constantFrom("default_3_108_0", "hk", "p", ""), weight: 8 }, { arbitrary: longString, weight: 1 }),
            )
            .map(([type, providerProps, name]) => ({ urn: `urn:pulumi:dev::fuzz::${type}::${name.slice(0, 40)}`, type, name, props: providerProps as Record<string, unknown> })),
        { freq: 4 },
    );

    const resourceName = fc.oneof({ arbitrary: fc.constantFrom("web", "api", "static", "records", "x"), weight: 8 }, { arbitrary: oddUnicode, weight: 1 }, { arbitrary: longString, weight: 1 });

    const resource: fc.Arbitrary<FuzzResource> = fc
        .record({ type: fc.constantFrom(...FUZZED_TYPES), name: resourceName, props, provider })
        .map((r) => ({ type: r.type, name: r.name, props: r.props, ...(r.provider && r.type !== ALICLOUD_PROVIDER ? { provider: r.provider } : {}) }));

    const stack: fc.Arbitrary<FuzzStack> = fc.array(resource, { minLength: 1, maxLength: 25 }).chain((resources) =>
        fc
            .record({
                edges: fc.array(
                    fc.array(fc.record({ property: fc.constantFrom(...DEPENDENCY_PROPERTIES), targets: fc.array(fc.integer({ min: -1, max: resources.length - 1 }), { minLength: 1, maxLength: 3 }) }), { maxLength: 3 }),
                    { minLength: resources.length, maxLength: resources.length },
                ),
                parents: fc.array(fc.option(fc.integer({ min: 0, max: resources.length - 1 }), { nil: undefined }), { minLength: resources.length, maxLength: resources.length }),
            })
            .map(({ edges, parents }) => ({ resources, edges, parents })),
    );

    return { chaos, props, resource, stack };
}

/** One fuzzed resource, without its URN (the test numbers them so URNs never repeat). */
export interface FuzzResource {
    readonly type: string;
    readonly name: string;
    readonly props: Record<string, unknown>;
    readonly provider?: ProviderInput;
}

let serial = 0;
/** Gives a fuzzed resource a fresh URN (resource names in URNs are clipped, the name is not). */
export function withUrn(resource: FuzzResource, prefix = "fuzz"): ResourceInput {
    serial += 1;
    return { ...resource, urn: `urn:pulumi:dev::fuzz::${resource.type}::${prefix}-${serial}-${resource.name.slice(0, 40)}` };
}

/** A stack: 1–25 resources, with random parents, dependencies and propertyDependencies between them. */
export interface FuzzStack {
    readonly resources: readonly FuzzResource[];
    /** Per resource: property → indexes of other resources (or -1: a URN not in the stack). */
    readonly edges: readonly (readonly { readonly property: string; readonly targets: readonly number[] }[])[];
    readonly parents: readonly (number | undefined)[];
}

const DEPENDENCY_PROPERTIES = ["value", "content", "records", "aliases", "data", "siteId", "domainName", "zoneId", "name", "rr", "sources", "bucket", "ruleConditions", "domain", "cname", "ipAddress", "rules", "x"];

/** Turns a fuzzed stack into AnalyzeStack resources with fresh URNs. */
export function stackResources(stack: FuzzStack): ResourceInput[] {
    const withUrns = stack.resources.map((r) => withUrn(r, "stack"));
    const urnAt = (index: number) => (index < 0 ? "urn:pulumi:dev::fuzz::alicloud:ecs/eipAddress:EipAddress::not-in-this-stack" : withUrns[index].urn);
    return withUrns.map((resource, i) => {
        const propertyDependencies: Record<string, string[]> = {};
        for (const edge of stack.edges[i]) propertyDependencies[edge.property] = [...new Set([...(propertyDependencies[edge.property] ?? []), ...edge.targets.map(urnAt)])];
        const parentIndex = stack.parents[i];
        return {
            ...resource,
            parent: parentIndex !== undefined && parentIndex !== i ? urnAt(parentIndex) : undefined,
            dependencies: [...new Set(Object.values(propertyDependencies).flat())],
            propertyDependencies,
        };
    });
}

// --------------------------------------------------------------------------------------------
// Known secret leaks (reported bugs): where a secret's token sits decides whether a leak of it
// is already known. The general properties skip those; each has its own skipped BUG test.
// --------------------------------------------------------------------------------------------

/** Diagnostics reduced to what must be identical between two identical requests. */
export function comparable(diagnostics: readonly Diagnostic[]): string[] {
    return diagnostics.map((d) => JSON.stringify([d.policyName, d.enforcementLevel, d.urn, d.severity, d.message]));
}
