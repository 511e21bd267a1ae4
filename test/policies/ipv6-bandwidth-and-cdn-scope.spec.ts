/**
 * Two fidelity fixes of issue #17, item 7, through the filing policies:
 *
 * - An IPv6 address is public only with IPv6 Internet bandwidth: a `vpc.Ipv6InternetBandwidth`
 *   linked by `ipv6AddressId` to the `vpc.Ipv6Address`, or to the ECS instance / ENI whose address
 *   it is (the provider's example looks the address up with `vpc.getIpv6AddressesOutput({
 *   associatedInstanceId: instance.id })`, @pulumi/alicloud 3.108.0 vpc/ipv6InternetBandwidth.d.ts),
 *   whatever the instance's IPv4 bandwidth. Without any, an AAAA record to it needs no filing; with
 *   one whose address cannot be told (a literal ID), it is undecidable.
 * - A CDN-family binding whose `scope` output is not known at preview, with no value flowing into
 *   it (the program left it out), takes the default scope in the stack pass too, so a CNAME to it —
 *   a literal `<domain>.w.alikunlun.com` or its `cname` output — is decided like the binding.
 *
 * Registry (test/helpers/fixtures.ts): filed-alibaba.com (accessed at Alibaba), filed-other.com
 * (Tencent only); unfiled.com has no filing.
 */
import unfiled from "../../policies/icp-domain-unfiled";
import undecidable from "../../policies/icp-binding-undecidable";
import { ruleTester, StackResourceSpec } from "../helpers/rule-tester";
import { UNKNOWN } from "../../lib/model/values";
import { alidns, cloudflare, HANGZHOU, HONGKONG } from "../helpers/stack-fixtures";
import { ipv6Address } from "../helpers/source-fixtures";
import { staleCatalog, testCatalog } from "../helpers/catalog-fixtures";

const CDN = "alicloud:cdn/domainNew:DomainNew";

/** An ECS instance with an IPv6 address; `internetMaxBandwidthOut` is its IPv4 bandwidth. */
const vm = (ipv6: unknown = "2408:4000::1", internetMaxBandwidthOut = 0, withProvider = HANGZHOU): StackResourceSpec => ({
    name: "vm",
    type: "alicloud:ecs/instance:Instance",
    props: { instanceType: "ecs.g7.large", internetMaxBandwidthOut, ipv6AddressCount: 1, ipv6Addresses: Array.isArray(ipv6) || ipv6 === UNKNOWN ? ipv6 : [ipv6], publicIp: internetMaxBandwidthOut > 0 ? UNKNOWN : "" },
    provider: withProvider,
});

/** IPv6 Internet bandwidth whose ipv6AddressId comes from `from` (an instance looked up by associatedInstanceId, or a vpc.Ipv6Address), or is a literal ID. */
const bandwidth = (from?: string, literalId = "ipv6-bp1s7yxfb0zyg9fe8m3o0"): StackResourceSpec => ({
    name: "bw",
    type: "alicloud:vpc/ipv6InternetBandwidth:Ipv6InternetBandwidth",
    props: { ipv6AddressId: from ? UNKNOWN : literalId, ipv6GatewayId: "ipv6gw-1", internetChargeType: "PayByBandwidth", bandwidth: 20 },
    provider: HANGZHOU,
    dependsOn: from ? { ipv6AddressId: [from] } : undefined,
});

const aaaa = (value: unknown, valueFrom?: readonly string[], zone = "unfiled.com") => alidns("www", zone, "www", "AAAA", value, valueFrom);

/** A CDN domain as a preview sends it in AnalyzeStack: scope left out of the program, so its output is not known. */
const cdnInPreview = (domainName: string, scopeFrom?: string): StackResourceSpec => ({
    name: "cdn",
    type: CDN,
    props: { domainName, cdnType: "web", sources: [{ content: "origin.example.org", type: "domain", port: 80 }], scope: UNKNOWN, cname: UNKNOWN },
    provider: HANGZHOU,
    dependsOn: scopeFrom ? { scope: [scopeFrom] } : undefined,
});
const scopeSource: StackResourceSpec = { name: "scope-source", type: "random:index/randomString:RandomString", props: { length: 8, result: UNKNOWN } };

ruleTester(unfiled, {
    valid: [
        { name: "CDN domain, scope left out, filed at another provider", type: CDN, props: { domainName: "static.filed-other.com", cdnType: "web" } },
    ],
    invalid: [
        { name: "CDN domain, scope left out: domestic per resource", type: CDN, props: { domainName: "static.unfiled.com", cdnType: "web" }, errors: [{ messageId: "unfiled", messageIncludes: ['defaults to "domestic"'] }] },
    ],
    stackValid: [
        { name: "AAAA to an ECS instance's IPv6 address (literal), no IPv6 Internet bandwidth: no public address, no filing", resources: [vm(), aaaa("2408:4000::1")] },
        { name: "AAAA from an ECS instance (value unknown), no IPv6 Internet bandwidth, even with IPv4 bandwidth", resources: [vm(UNKNOWN, 5), aaaa(UNKNOWN, ["vm"])] },
        { name: "AAAA to a vpc.Ipv6Address with no IPv6 Internet bandwidth", resources: [ipv6Address("v6"), aaaa(UNKNOWN, ["v6"])] },
        { name: "AAAA to an ECS instance's IPv6 address in Hong Kong, with IPv6 Internet bandwidth", resources: [vm("2408:4000::1", 0, HONGKONG), bandwidth("vm"), aaaa("2408:4000::1")] },
        { name: "AAAA to an ECS instance whose bandwidth belongs to another instance's address", resources: [vm(), { ...vm("2408:4000::2"), name: "other" }, bandwidth("other"), aaaa("2408:4000::1")] },
        { name: "CNAME to a CDN domain's literal CNAME, scope left out, filed at Alibaba", resources: [cdnInPreview("static.filed-alibaba.com"), alidns("static", "filed-alibaba.com", "static", "CNAME", "static.filed-alibaba.com.w.alikunlun.com")] },
        { name: "CNAME to a CDN domain whose scope comes from another resource (undecidable, not this policy)", resources: [scopeSource, cdnInPreview("static.unfiled.com", "scope-source"), alidns("static", "unfiled.com", "static", "CNAME", "static.unfiled.com.w.alikunlun.com")] },
    ],
    stackInvalid: [
        {
            name: "AAAA to another stack's catalogued public IPv6 address (its stack had IPv6 Internet bandwidth), unfiled",
            catalog: testCatalog,
            resources: [aaaa("2408:4000:10::2")],
            errors: [{ resource: "www", messageId: "recordUnfiled", messageIncludes: ['ECS instance (ecs.Instance) "web" of stack acme/infra/prod', "is public through"] }],
        },
        {
            name: "AAAA to an ECS instance's IPv6 address with IPv6 Internet bandwidth looked up by the instance (associatedInstanceId)",
            resources: [vm(), bandwidth("vm"), aaaa("2408:4000::1")],
            errors: [{ resource: "www", messageId: "recordUnfiled", messageIncludes: ['the IPv6 address 2408:4000::1 is public through vpc.Ipv6InternetBandwidth "bw"', "cn-hangzhou"] }],
        },
        {
            name: "AAAA from an ECS instance with no IPv4 bandwidth, IPv6 Internet bandwidth attached",
            resources: [vm(UNKNOWN), bandwidth("vm"), aaaa(UNKNOWN, ["vm"])],
            errors: [{ resource: "www", messageId: "recordUnfiled", messageIncludes: ["its IPv6 address is public through"] }],
        },
        {
            name: "AAAA to an ECS instance's address held by a vpc.Ipv6Address with IPv6 Internet bandwidth",
            resources: [vm("2408:4000::1"), ipv6Address("v6", "2408:4000::1"), bandwidth("v6"), aaaa("2408:4000::1")],
            errors: [{ resource: "www", messageId: "recordUnfiled" }],
        },
        {
            name: "AAAA from an ENI that takes its IPv6 address from a vpc.Ipv6Address with IPv6 Internet bandwidth",
            resources: [
                ipv6Address("v6"),
                bandwidth("v6"),
                { name: "eni", type: "alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface", props: { vswitchId: "vsw", securityGroupIds: ["sg"], ipv6Addresses: [UNKNOWN] }, provider: HANGZHOU, dependsOn: { ipv6Addresses: ["v6"] } },
                aaaa(UNKNOWN, ["eni"]),
            ],
            errors: [{ resource: "www", messageId: "recordUnfiled", messageIncludes: ["ecs.EcsNetworkInterface"] }],
        },
        {
            name: "literal CDN CNAME (w.alikunlun.com) for a CDN domain of the stack whose scope output is unknown but left out of the program: decided like the binding",
            resources: [cdnInPreview("static.unfiled.com"), alidns("static", "unfiled.com", "static", "CNAME", "static.unfiled.com.w.alikunlun.com")],
            errors: [{ resource: "static", messageId: "recordUnfiled", messageIncludes: ['is an output of cdn.DomainNew "cdn"', 'scope not set (defaults to "domestic")', "nothing in the program sets it"] }],
        },
        {
            name: "literal CDN CNAME (w.kunlunsl.com) on Cloudflare for a CDN domain whose scope is left out",
            resources: [cdnInPreview("img.unfiled.com"), cloudflare("img", "img.unfiled.com", "CNAME", "img.unfiled.com.w.kunlunsl.com", { proxied: false })],
            errors: [{ resource: "img", messageId: "recordUnfiled" }],
        },
        {
            name: "CNAME from the CDN domain's cname output (unknown at preview), scope left out",
            resources: [cdnInPreview("static.unfiled.com"), alidns("static", "unfiled.com", "static", "CNAME", UNKNOWN, ["cdn"])],
            errors: [{ resource: "static", messageId: "recordUnfiled" }],
        },
    ],
});

ruleTester(undecidable, {
    valid: [{ name: "CDN domain, scope left out, unfiled: decided (domestic), not undecidable", type: CDN, props: { domainName: "static.unfiled.com", cdnType: "web" } }],
    invalid: [{ name: "CDN domain, scope unknown in the program's inputs, unfiled", type: CDN, props: { domainName: "static.unfiled.com", cdnType: "web", scope: UNKNOWN }, errors: [{ messageId: "undecidable" }] }],
    stackValid: [
        { name: "AAAA to an ECS instance's IPv6 address, no IPv6 Internet bandwidth in the stack: decided, also mandatory", resources: [vm(), aaaa("2408:4000::1")] },
        { name: "AAAA to a vpc.Ipv6Address, no IPv6 Internet bandwidth in the stack", resources: [ipv6Address("v6"), aaaa(UNKNOWN, ["v6"])] },
        { name: "AAAA to an ECS instance with bandwidth whose address cannot be told, filed at Alibaba", resources: [vm(), bandwidth(), aaaa("2408:4000::1", undefined, "filed-alibaba.com")] },
        { name: "literal CDN CNAME for a CDN domain whose scope is left out: decided", resources: [cdnInPreview("static.unfiled.com"), alidns("static", "unfiled.com", "static", "CNAME", "static.unfiled.com.w.alikunlun.com")] },
    ],
    stackInvalid: [
        {
            name: "AAAA to another stack's catalogued public IPv6 address, old catalog: decided (ICP001), with one advisory to rebuild the catalog",
            catalog: staleCatalog,
            resources: [aaaa("2408:4000:10::2")],
            errors: [{ resource: "", messageId: "catalogStale", advisoryOnly: true }],
        },
        {
            name: "AAAA to an ECS instance's IPv6 address, with IPv6 Internet bandwidth whose ipv6AddressId is a literal ID",
            resources: [vm(), bandwidth(), aaaa("2408:4000::1")],
            errors: [{ resource: "www", messageId: "recordUndecidable", messageIncludes: ['vpc.Ipv6InternetBandwidth "bw" in this stack may be attached to it'] }],
        },
        {
            name: "AAAA to a vpc.Ipv6Address, with IPv6 Internet bandwidth whose ipv6AddressId is a literal ID",
            resources: [ipv6Address("v6"), bandwidth(), aaaa(UNKNOWN, ["v6"])],
            errors: [{ resource: "www", messageId: "recordUndecidable" }],
        },
        {
            name: "literal CDN CNAME for a CDN domain whose scope comes from another resource",
            resources: [scopeSource, cdnInPreview("static.unfiled.com", "scope-source"), alidns("static", "unfiled.com", "static", "CNAME", "static.unfiled.com.w.alikunlun.com")],
            errors: [{ resource: "static", messageId: "recordUndecidable", messageIncludes: ["scope is not known until apply"] }],
        },
    ],
});
