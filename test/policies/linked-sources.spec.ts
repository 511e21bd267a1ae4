/**
 * The resource types issue #11 added, through the three filing policies (ICP001 unfiled, ICP002
 * filed but not accessed at Alibaba Cloud, ICP003 undecidable): each type mainland, outside the
 * mainland, region unknown, filed, unfiled and Tencent-only (filed-other.com) where 接入阿里云
 * matters.
 *
 * Registry (test/helpers/fixtures.ts): filed-alibaba.com (accessed at Alibaba), filed-other.com
 * (Tencent only); unfiled.com has no filing.
 */
import unfiled from "../../policies/icp-domain-unfiled";
import notAccessed from "../../policies/icp-filing-not-accessed-at-alibaba";
import undecidable from "../../policies/icp-binding-undecidable";
import { ruleTester, StackResourceSpec } from "../helpers/rule-tester";
import { provider } from "../helpers/fixtures";
import { UNKNOWN } from "../../lib/model/values";
import { alb, alidns, cloudflare, eip, HANGZHOU, HONGKONG, route53 } from "../helpers/stack-fixtures";
import { staleCatalog, testCatalog } from "../helpers/catalog-fixtures";
import {
    accelerator,
    addressPool,
    ESA_HOSTNAME_TYPES,
    esaHostname,
    esaSite,
    gaDomain,
    gaForwardingRule,
    gtm3Address,
    gtm3Config,
    gtmInstance,
    ipSet,
    ipv6Address,
    ipv6Bandwidth,
} from "../helpers/source-fixtures";

const CR = "alicloud:cr/instanceCustomizedDomain:InstanceCustomizedDomain";
const cr = (domain: unknown, regionId?: unknown) => ({ domain, instanceId: "cri-1", ...(regionId === undefined ? {} : { regionId }) });

/** GA domain `domain` on an accelerator whose one acceleration area is `region`. */
const gaStack = (domain: string, region: unknown): StackResourceSpec[] => [accelerator("ga"), ipSet("area", region, "ga"), gaDomain("dom", domain, "ga")];

const hostRule = (hosts: string[]) => [{ ruleConditionType: "Host", hostConfigs: [{ values: hosts }] }];

/** A GTM 2.0 instance for `domain` whose pool takes its address from an EIP placed by `eipProvider`. */
const gtmStack = (domain: string, eipProvider = HANGZHOU): StackResourceSpec[] => [
    eip("pool-eip", UNKNOWN, eipProvider),
    gtmInstance("gtm", domain),
    addressPool("pool", "gtm", [UNKNOWN], "IPV4", ["pool-eip"]),
];

const single = (name: string, type: string, props: Record<string, unknown>, withProvider = HANGZHOU): StackResourceSpec => ({ name, type, props, provider: withProvider });

ruleTester(unfiled, {
    valid: [
        { name: "CR custom domain in cn-hongkong, unfiled", type: CR, props: cr("registry.unfiled.com"), provider: HONGKONG },
        { name: "CR custom domain in cn-hangzhou, filed at Alibaba", type: CR, props: cr("registry.filed-alibaba.com"), provider: HANGZHOU },
        { name: "CR custom domain, region unknown at preview (undecidable, not this policy)", type: CR, props: cr("registry.unfiled.com"), provider: provider(UNKNOWN) },
        { name: "GA domain alone: the acceleration area is found in the stack pass", type: "alicloud:ga/domain:Domain", props: { domain: "unfiled.com", acceleratorId: UNKNOWN }, provider: HANGZHOU },
    ],
    invalid: [
        { name: "CR custom domain in cn-hangzhou, unfiled", type: CR, props: cr("registry.unfiled.com"), provider: HANGZHOU, errors: [{ messageId: "unfiled", data: { domain: "registry.unfiled.com" }, messageIncludes: ["cn-hangzhou", "Container Registry"] }] },
        { name: "CR custom domain: its regionId output (cn-shanghai) wins over a Hong Kong provider", type: CR, props: cr("registry.unfiled.com", "cn-shanghai"), provider: HONGKONG, errors: [{ messageId: "unfiled", messageIncludes: ["cn-shanghai"] }] },
    ],
    stackValid: [
        { name: "GA domain, acceleration area ap-southeast-1, unfiled", resources: gaStack("unfiled.com", "ap-southeast-1") },
        { name: "GA domain, acceleration area cn-hangzhou, Tencent-only filing (GA accepts any filing)", resources: gaStack("filed-other.com", "cn-hangzhou") },
        { name: "GA domain, acceleration area cn-hangzhou, filed at Alibaba", resources: gaStack("filed-alibaba.com", "cn-hangzhou") },
        { name: "GA domain whose accelerator has no IP set in the stack (undecidable, not this policy)", resources: [accelerator("ga"), gaDomain("dom", "unfiled.com", "ga")] },
        { name: "GA forwarding rule host, acceleration area us-east-1", resources: [accelerator("ga"), ipSet("area", "us-east-1", "ga"), gaForwardingRule("rule", hostRule(["www.unfiled.com"]), "ga")] },
        { name: "GA forwarding rule with only a path condition", resources: [accelerator("ga"), ipSet("area", "cn-hangzhou", "ga"), gaForwardingRule("rule", [{ ruleConditionType: "Path", pathConfig: { values: ["/a"] } }], "ga")] },
        { name: "GTM 2.0 domain whose pool address is an EIP in cn-hongkong", resources: gtmStack("www.unfiled.com", HONGKONG) },
        { name: "GTM 2.0 domain answered from mainland EIPs, filed at Alibaba", resources: gtmStack("www.filed-alibaba.com") },
        { name: "GTM 3.0 config in sys_assign mode names Alibaba Cloud's zone, not a website", resources: [eip("e"), gtm3Address("addr", UNKNOWN, ["e"]), gtm3Config("cfg", "www", "unfiled.com", ["addr"], { scheduleZoneMode: "sys_assign" })] },
        ...ESA_HOSTNAME_TYPES.map(([type, property]) => ({
            name: `${type.split(":")[1]} under an ESA site with overseas coverage, unfiled`,
            resources: [esaSite("site", "unfiled.com", "overseas"), esaHostname("host", type, property, "app.unfiled.com", "site")],
        })),
        { name: "ESA edge container record under a domestic site, Tencent-only filing (ESA accepts any filing)", resources: [esaSite("site", "filed-other.com", "domestic"), esaHostname("host", ESA_HOSTNAME_TYPES[0][0], "recordName", "app.filed-other.com", "site")] },
        { name: "AAAA record to an IPv6 address without Internet bandwidth (no public address, no filing)", resources: [ipv6Address("v6"), alidns("www", "unfiled.com", "www", "AAAA", UNKNOWN, ["v6"])] },
        { name: "AAAA record to an IPv6 address with Internet bandwidth in cn-hongkong", resources: [ipv6Address("v6", UNKNOWN, HONGKONG), ipv6Bandwidth("bw", "v6"), alidns("www", "unfiled.com", "www", "AAAA", UNKNOWN, ["v6"])] },
        { name: "A record to a bulk ECS instance set in cn-hongkong", resources: [single("set", "alicloud:ecs/ecsInstanceSet:EcsInstanceSet", { amount: 2, instanceIds: UNKNOWN }, HONGKONG), alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["set"])] },
        { name: "MSE gateway in cn-hongkong, unfiled", resources: [single("gw", "alicloud:mse/gateway:Gateway", { slbLists: UNKNOWN }, HONGKONG), alidns("api", "unfiled.com", "api", "A", UNKNOWN, ["gw"])] },
        {
            name: "CNAME to a legacy cdn.Domain's CNAME (no cname output) with overseas scope",
            resources: [single("cdn", "alicloud:cdn/domain:Domain", { domainName: "static.unfiled.com", cdnType: "web", scope: "overseas" }), alidns("static", "unfiled.com", "static", "CNAME", "static.unfiled.com.w.kunlunsl.com")],
        },
    ],
    stackInvalid: [
        {
            name: "GTM 2.0 pool holding another stack's catalogued mainland EIP, unfiled",
            catalog: testCatalog,
            resources: [gtmInstance("gtm", "www.unfiled.com"), addressPool("pool", "gtm", ["47.97.10.1"])],
            errors: [{ resource: "gtm", messageId: "recordUnfiled", messageIncludes: ['its address pool dns.AddressPool "pool" holds 47.97.10.1, in the endpoint catalog (from stack acme/infra/prod'] }],
        },
        {
            name: "GA domain, acceleration area cn-hangzhou (accelerator linked by propertyDependencies), unfiled",
            resources: gaStack("unfiled.com", "cn-hangzhou"),
            errors: [{ resource: "dom", messageId: "recordUnfiled", data: { record: "DNS record unfiled.com (accelerated by Global Accelerator)", registrable: "unfiled.com" }, messageIncludes: ["cn-hangzhou", "acceleration area"] }],
        },
        {
            name: "GA domain linked to its IP set by a literal accelerator ID (imported accelerator)",
            resources: [ipSet("area", "cn-shenzhen", undefined, "ga-bp1abc"), gaDomain("dom", "unfiled.com", undefined, "ga-bp1abc")],
            errors: [{ resource: "dom", messageId: "recordUnfiled", messageIncludes: ["cn-shenzhen"] }],
        },
        {
            name: "GA domain: one mainland area among several is enough",
            resources: [accelerator("ga"), ipSet("sg", "ap-southeast-1", "ga"), ipSet("bj", "cn-beijing", "ga"), gaDomain("dom", "unfiled.com", "ga")],
            errors: [{ resource: "dom", messageId: "recordUnfiled", messageIncludes: ["cn-beijing"] }],
        },
        {
            name: "GA forwarding rule: every host of hostConfigs and of ruleConditionValue",
            resources: [
                accelerator("ga"),
                ipSet("area", "cn-hangzhou", "ga"),
                gaForwardingRule("rule", [...hostRule(["www.unfiled.com", "www.filed-alibaba.com"]), { ruleConditionType: "Host", ruleConditionValue: '["api.unfiled.com"]' }], "ga"),
            ],
            errors: [
                { resource: "rule", messageId: "recordUnfiled", data: { record: "DNS record www.unfiled.com (accelerated by Global Accelerator)" } },
                { resource: "rule", messageId: "recordUnfiled", data: { record: "DNS record api.unfiled.com (accelerated by Global Accelerator)" } },
            ],
        },
        {
            name: "GTM 2.0 domain whose pool takes its address from a mainland EIP",
            resources: gtmStack("www.unfiled.com"),
            errors: [{ resource: "gtm", messageId: "recordUnfiled", data: { record: "DNS record www.unfiled.com (answered by GTM)" }, messageIncludes: ['address pool dns.AddressPool "pool"', "接入阿里云"] }],
        },
        {
            name: "GTM 2.0 pool holding a literal IP that a stack EIP outputs (refreshed state)",
            resources: [eip("e", "47.100.1.2"), gtmInstance("gtm", "www.unfiled.com"), addressPool("pool", "gtm", ["47.100.1.2", "203.0.113.9"])],
            errors: [{ resource: "gtm", messageId: "recordUnfiled", messageIncludes: ["47.100.1.2"] }],
        },
        {
            name: "CNAME to a GTM 2.0 instance's access domain goes where its pools point",
            resources: [...gtmStack("www.filed-alibaba.com"), alidns("shop", "unfiled.com", "shop", "CNAME", UNKNOWN, ["gtm"])],
            errors: [{ resource: "shop", messageId: "recordUnfiled", messageIncludes: ['its value comes from dns.GtmInstance "gtm"'] }],
        },
        {
            name: "GTM 2.0 pool with a secret address inside mainlandCidrs: decided, never printed",
            resources: [gtmInstance("gtm", "www.unfiled.com"), { ...addressPool("pool", "gtm", ["47.96.1.2"]), secretProps: ["addresses"] }],
            policyConfigs: { "icp-binding-undecidable": { mainlandCidrs: ["47.96.0.0/16"] } },
            errors: [{ resource: "gtm", messageId: "recordUnfiled", messageIncludes: ["(value hidden)"], messageExcludes: ["47.96.1.2"] }],
        },
        {
            name: "GTM 3.0 config (custom zone) depending on an address from a mainland EIP",
            resources: [eip("e"), gtm3Address("addr", UNKNOWN, ["e"]), { name: "pool", type: "alicloud:alidnscloudgtmaddress/pool:Pool", props: { addressPoolName: "p", addressPoolType: "IPv4" }, provider: HANGZHOU, dependsOnResources: ["addr"] }, gtm3Config("cfg", "www", "unfiled.com", ["pool"])],
            errors: [{ resource: "cfg", messageId: "recordUnfiled", data: { record: "DNS record www.unfiled.com A" } }],
        },
        ...ESA_HOSTNAME_TYPES.map(([type, property]) => ({
            name: `${type.split(":")[1]} under an ESA site with domestic coverage, unfiled`,
            resources: [esaSite("site", "unfiled.com", "domestic"), esaHostname("host", type, property, "app.unfiled.com", "site")],
            errors: [{ resource: "host", messageId: "recordUnfiled", data: { record: "DNS record app.unfiled.com (a hostname under an ESA site)" } }],
        })),
        {
            name: "A record to a basic GA accelerate IP placed by its basic IP set in cn-shanghai",
            resources: [
                single("bset", "alicloud:ga/basicIpSet:BasicIpSet", { accelerateRegionId: "cn-shanghai", acceleratorId: "ga-1" }),
                { ...single("bip", "alicloud:ga/basicAccelerateIp:BasicAccelerateIp", { acceleratorId: "ga-1", ipSetId: UNKNOWN, accelerateIpAddress: UNKNOWN }), dependsOn: { ipSetId: ["bset"] } },
                alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["bip"]),
            ],
            errors: [{ resource: "www", messageId: "recordUnfiled", messageIncludes: ["cn-shanghai"] }],
        },
        {
            name: "A record to the deprecated dns.DdosCooInstance token's IP (refreshed state)",
            resources: [single("coo", "alicloud:dns/ddosCooInstance:DdosCooInstance", { ip: "203.107.1.1", productType: "ddoscoo" }), route53("www", "www.unfiled.com", "A", ["203.107.1.1"])],
            errors: [{ resource: "www", messageId: "recordUnfiled", messageIncludes: ["dns.DdosCooInstance"] }],
        },
        {
            name: "CNAME to an Anti-DDoS scheduler rule's cname",
            resources: [single("sched", "alicloud:ddos/schedulerRule:SchedulerRule", { ruleName: "r", ruleType: 3, rules: [], cname: UNKNOWN }), alidns("www", "unfiled.com", "www", "CNAME", UNKNOWN, ["sched"])],
            errors: [{ resource: "www", messageId: "recordUnfiled", messageIncludes: ["ddos.SchedulerRule"] }],
        },
        {
            name: "A record to an MSE gateway's SLB IP (literal, refreshed state)",
            resources: [single("gw", "alicloud:mse/gateway:Gateway", { slbLists: [{ slbIp: "47.98.1.1", slbId: "lb-1" }] }), cloudflare("api", "api.unfiled.com", "A", "47.98.1.1", { proxied: false })],
            errors: [{ resource: "api", messageId: "recordUnfiled", messageIncludes: ["mse.Gateway"] }],
        },
        {
            name: "AAAA record to an IPv6 address with Internet bandwidth in cn-hangzhou",
            resources: [ipv6Address("v6"), ipv6Bandwidth("bw", "v6"), alidns("www", "unfiled.com", "www", "AAAA", UNKNOWN, ["v6"])],
            errors: [{ resource: "www", messageId: "recordUnfiled", messageIncludes: ["vpc.Ipv6Address"] }],
        },
        {
            name: "AAAA record to an ECS instance's IPv6 address (literal) with IPv6 Internet bandwidth",
            resources: [single("vm", "alicloud:ecs/instance:Instance", { publicIp: "", ipv6Addresses: ["2408:4000::1"] }), ipv6Bandwidth("bw", "vm"), alidns("www", "unfiled.com", "www", "AAAA", "2408:4000::1")],
            errors: [{ resource: "www", messageId: "recordUnfiled", messageIncludes: ["ecs.Instance"] }],
        },
        {
            name: "AAAA record to an ALB zone's public IPv6 address (ipv6AddressType Internet)",
            resources: [alb("alb", { regionId: "cn-hangzhou", ipv6AddressType: "Internet", zoneMappings: [{ zoneId: "a", vswitchId: "v", ipv6Address: "2408:4001::5" }] }), alidns("www", "unfiled.com", "www", "AAAA", "2408:4001::5")],
            errors: [{ resource: "www", messageId: "recordUnfiled", messageIncludes: ["alb.LoadBalancer"] }],
        },
        {
            name: "A record to a bulk ECS instance set in cn-hangzhou",
            resources: [single("set", "alicloud:ecs/ecsInstanceSet:EcsInstanceSet", { amount: 2, instanceIds: UNKNOWN }), alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["set"])],
            errors: [{ resource: "www", messageId: "recordUnfiled", messageIncludes: ["ecs.EcsInstanceSet"] }],
        },
        {
            name: "CNAME to a legacy cdn.Domain's CNAME (no cname output), matched by the CDN suffix",
            resources: [single("cdn", "alicloud:cdn/domain:Domain", { domainName: "static.unfiled.com", cdnType: "web" }), alidns("static", "unfiled.com", "static", "CNAME", "static.unfiled.com.w.kunlunsl.com")],
            errors: [{ resource: "static", messageId: "recordUnfiled", messageIncludes: ['is an output of cdn.Domain "cdn"'] }],
        },
        {
            name: "CNAME to the domain an SCDN resource accelerates (the domain itself)",
            resources: [single("scdn", "alicloud:scdn/domain:Domain", { domainName: "s.unfiled.com", sources: [] }), alidns("alias", "unfiled.com", "alias", "CNAME", "s.unfiled.com")],
            errors: [{ resource: "alias", messageId: "recordUnfiled" }],
        },
    ],
});

ruleTester(notAccessed, {
    valid: [
        { name: "CR custom domain in cn-hangzhou, filed at Alibaba", type: CR, props: cr("registry.filed-alibaba.com"), provider: HANGZHOU },
        { name: "CR custom domain in cn-hongkong, Tencent-only filing", type: CR, props: cr("registry.filed-other.com"), provider: HONGKONG },
    ],
    invalid: [
        {
            name: "CR custom domain in cn-hangzhou, Tencent-only filing",
            type: CR,
            props: cr("registry.filed-other.com"),
            provider: HANGZHOU,
            errors: [{ messageId: "notAccessedAtAlibaba", data: { registrable: "filed-other.com" }, messageIncludes: ["接入阿里云"] }],
        },
    ],
    stackValid: [
        { name: "GA domain in a mainland area, Tencent-only filing: GA accepts any filing", resources: gaStack("filed-other.com", "cn-hangzhou") },
        { name: "ESA hostname under a global site, Tencent-only filing", resources: [esaSite("site", "filed-other.com", "global"), esaHostname("host", ESA_HOSTNAME_TYPES[3][0], "loadBalancerName", "lb.filed-other.com", "site")] },
        { name: "GTM 2.0 domain answered from Hong Kong EIPs, Tencent-only filing", resources: gtmStack("www.filed-other.com", HONGKONG) },
    ],
    stackInvalid: [
        {
            name: "GTM 2.0 domain answered from a mainland EIP, Tencent-only filing",
            resources: gtmStack("www.filed-other.com"),
            errors: [{ resource: "gtm", messageId: "recordNotAccessedAtAlibaba", data: { registrable: "filed-other.com" } }],
        },
        {
            name: "A record to a mainland MSE gateway, Tencent-only filing",
            resources: [single("gw", "alicloud:mse/gateway:Gateway", { slbLists: UNKNOWN }), alidns("api", "filed-other.com", "api", "A", UNKNOWN, ["gw"])],
            errors: [{ resource: "api", messageId: "recordNotAccessedAtAlibaba" }],
        },
    ],
});

ruleTester(undecidable, {
    valid: [
        { name: "CR custom domain, region unknown, filed at Alibaba (passes wherever it is)", type: CR, props: cr("registry.filed-alibaba.com"), provider: provider(UNKNOWN) },
        { name: "CR custom domain, known region", type: CR, props: cr("registry.unfiled.com"), provider: HANGZHOU },
    ],
    invalid: [
        { name: "CR custom domain, provider region unknown, unfiled", type: CR, props: cr("registry.unfiled.com"), provider: provider(UNKNOWN), errors: [{ messageId: "undecidable" }] },
        { name: "CR custom domain, region unknown, Tencent-only filing (needs 接入阿里云)", type: CR, props: cr("registry.filed-other.com"), provider: provider(UNKNOWN), errors: [{ messageId: "undecidable" }] },
    ],
    stackValid: [
        { name: "GA domain with no IP set in the stack, Tencent-only filing (GA accepts any)", resources: [accelerator("ga"), gaDomain("dom", "filed-other.com", "ga")] },
        { name: "GA domain in a decided area", resources: gaStack("unfiled.com", "cn-hangzhou") },
        { name: "AAAA to an IPv6 address without bandwidth, filed at Alibaba", resources: [ipv6Address("v6"), alidns("www", "filed-alibaba.com", "www", "AAAA", UNKNOWN, ["v6"])] },
        { name: "AAAA record to an IPv6 address with no Internet bandwidth in the stack: no public address, decided", resources: [ipv6Address("v6"), alidns("www", "unfiled.com", "www", "AAAA", UNKNOWN, ["v6"])] },
    ],
    stackInvalid: [
        {
            name: "GTM 2.0 pool holding another stack's catalogued mainland EIP, old catalog: decided (ICP001), with one advisory to rebuild the catalog",
            catalog: staleCatalog,
            resources: [gtmInstance("gtm", "www.unfiled.com"), addressPool("pool", "gtm", ["47.97.10.1"])],
            errors: [{ resource: "", messageId: "catalogStale", advisoryOnly: true }],
        },
        {
            name: "GA domain whose accelerator has no IP set in the stack, unfiled",
            resources: [accelerator("ga"), gaDomain("dom", "unfiled.com", "ga")],
            errors: [{ resource: "dom", messageId: "recordUndecidable", messageIncludes: ["accelerateRegionId"] }],
        },
        {
            name: "GA domain whose IP set's acceleration region is unknown at preview",
            resources: gaStack("unfiled.com", UNKNOWN),
            errors: [{ resource: "dom", messageId: "recordUndecidable", messageIncludes: ["accelerateRegionId"] }],
        },
        {
            name: "GTM 2.0 domain with no address pool in the stack",
            resources: [gtmInstance("gtm", "www.unfiled.com")],
            errors: [{ resource: "gtm", messageId: "recordUndecidable", messageIncludes: ["address pool"] }],
        },
        {
            name: "GTM 3.0 config whose addresses are not in the stack, Tencent-only filing",
            resources: [gtm3Config("cfg", "www", "filed-other.com", [])],
            errors: [{ resource: "cfg", messageId: "recordUndecidable" }],
        },
        {
            name: "ESA hostname whose site is not in the stack",
            resources: [{ name: "host", type: ESA_HOSTNAME_TYPES[1][0], props: { siteId: 12345, recordName: "fn.unfiled.com", name: "routine" }, provider: HANGZHOU }],
            errors: [{ resource: "host", messageId: "recordUndecidable", messageIncludes: ["ESA"] }],
        },
    ],
});
