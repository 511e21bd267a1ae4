import policy from "../../policies/icp-hollow-filing";
import { ruleTester, StackResourceSpec } from "../helpers/rule-tester";
import { provider } from "../helpers/fixtures";
import { UNKNOWN } from "../../lib/model/values";
import { alidns, cdnDomain, cloudflare, eip, HANGZHOU, HONGKONG, route53 } from "../helpers/stack-fixtures";

// Fixture registry: filed-alibaba.com [alibaba], filed-other.com [tencent], 例子.中国 [alibaba],
// shop.com.cn [tencent, alibaba]. ICP005 is a stack check only (ICP-RULES.md §3.6).
const HOLLOW = "hollowFiling";
const ALIBABA_ICP = "浙ICP备2023012345号-1";
const hollow = (resource: string, count: number, extra: { data?: Record<string, string>; messageIncludes?: string[]; messageExcludes?: string[] } = {}) => ({
    resource,
    messageId: HOLLOW,
    data: { count: String(count), registrable: "filed-alibaba.com", icp: ALIBABA_ICP, ...extra.data },
    messageIncludes: ["空壳", "接入阿里云", ...(extra.messageIncludes ?? [])],
    ...(extra.messageExcludes ? { messageExcludes: extra.messageExcludes } : {}),
});
const esaSite = (name: string, siteName: string, coverage: string): StackResourceSpec => ({
    name,
    type: "alicloud:esa/site:Site",
    props: { siteName, coverage, accessType: "NS", instanceId: "i" },
    provider: HANGZHOU,
});

/** Every web record of filed-alibaba.com points away from Alibaba Cloud's mainland. */
const allAway: StackResourceSpec[] = [
    eip("hk-eip", UNKNOWN, HONGKONG),
    eip("hk-eip-2", "47.242.1.2", HONGKONG),
    cdnDomain("cdn", "static.filed-alibaba.com", "overseas"),
    alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["hk-eip"]),
    route53("apex", "filed-alibaba.com", "A", ["47.242.1.2"]),
    alidns("static", "filed-alibaba.com", "static", "CNAME", UNKNOWN, ["cdn"]),
    cloudflare("cf", "cf.filed-alibaba.com", "A", UNKNOWN, { valueFrom: ["hk-eip"], proxied: true }),
    route53("alias", "app.filed-alibaba.com", "A", [], undefined, { aliases: [{ name: "d123.cloudfront.net", zoneId: "Z2", evaluateTargetHealth: false }] }),
    alidns("docs", "filed-alibaba.com", "docs", "CNAME", "example.github.io"),
];

ruleTester(policy, {
    valid: [],
    invalid: [],
    stackValid: [
        {
            name: "a record whose name is not known until apply points at a mainland EIP: the zone's domain is served from Alibaba's mainland",
            resources: [eip("hk-eip", UNKNOWN, HONGKONG), eip("eip"), alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["hk-eip"]), alidns("rnd", "filed-alibaba.com", UNKNOWN, "A", UNKNOWN, ["eip"])],
        },
        {
            name: "every record proxied by Cloudflare, origin a mainland EIP: served from Alibaba's mainland through the proxy",
            resources: [eip("cn-eip"), cloudflare("www", "www.filed-alibaba.com", "A", UNKNOWN, { valueFrom: ["cn-eip"], proxied: true }), cloudflare("apex", "filed-alibaba.com", "A", UNKNOWN, { valueFrom: ["cn-eip"], proxied: true })],
        },
        {
            name: "internal records only (private addresses): no website served anywhere",
            resources: [alidns("db", "filed-alibaba.com", "db", "A", "10.0.0.5"), route53("intra", "intra.filed-alibaba.com", "A", ["192.168.3.4"])],
        },
        {
            name: "one record at a mainland EIP, another at a Hong Kong EIP",
            resources: [eip("cn-eip"), eip("hk-eip", UNKNOWN, HONGKONG), alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["cn-eip"]), alidns("hk", "filed-alibaba.com", "hk", "A", UNKNOWN, ["hk-eip"])],
        },
        {
            name: "one record at a mainland ALB hostname (literal), another on GitHub Pages",
            resources: [alidns("www", "filed-alibaba.com", "www", "CNAME", "alb-abc123.cn-hangzhou.alb.aliyuncsslb.com"), alidns("docs", "filed-alibaba.com", "docs", "CNAME", "example.github.io")],
        },
        {
            name: "one record into a configured mainland CIDR, another at a Hong Kong EIP",
            resources: [eip("hk-eip", UNKNOWN, HONGKONG), route53("www", "www.filed-alibaba.com", "A", ["47.96.1.2"]), alidns("hk", "filed-alibaba.com", "hk", "A", UNKNOWN, ["hk-eip"])],
            policyConfigs: { "icp-binding-undecidable": { mainlandCidrs: ["47.96.0.0/16"] } },
        },
        {
            name: "IDN filed at Alibaba with a record at a mainland EIP (record name in punycode)",
            resources: [eip("cn-eip"), alidns("www", "xn--fsqu00a.xn--fiqs8s", "www", "A", UNKNOWN, ["cn-eip"])],
        },
        {
            name: "records away, but the domain is filed only with Tencent (not Alibaba's access to lose)",
            resources: [eip("hk-eip", UNKNOWN, HONGKONG), alidns("www", "filed-other.com", "www", "A", UNKNOWN, ["hk-eip"]), alidns("docs", "filed-other.com", "docs", "CNAME", "example.github.io")],
        },
        { name: "records away for an unfiled domain", resources: [eip("hk-eip", UNKNOWN, HONGKONG), alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["hk-eip"])] },
        {
            name: "one record away, the other's target is undecidable (unknown value, no dependency)",
            resources: [eip("hk-eip", UNKNOWN, HONGKONG), alidns("hk", "filed-alibaba.com", "hk", "A", UNKNOWN, ["hk-eip"]), alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN)],
        },
        {
            name: "record whose value comes from a random string (not an endpoint: undecidable target)",
            resources: [{ name: "rnd", type: "random:index/randomString:RandomString", props: { result: UNKNOWN, length: 8 } }, alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["rnd"])],
        },
        { name: "only record's target is an unplaced literal IP", resources: [route53("www", "www.filed-alibaba.com", "A", ["203.0.113.9"])] },
        {
            name: "one record away, the other to a literal CDN hostname whose scope is unknown",
            resources: [eip("hk-eip", UNKNOWN, HONGKONG), alidns("hk", "filed-alibaba.com", "hk", "A", UNKNOWN, ["hk-eip"]), alidns("static", "filed-alibaba.com", "static", "CNAME", "x.w.kunlunsl.com")],
        },
        {
            name: "record to an EIP whose provider region is unknown at preview",
            resources: [eip("eip", UNKNOWN, provider(UNKNOWN, "unknown-region")), alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["eip"])],
        },
        { name: "no records for the domain at all", resources: [eip("cn-eip"), eip("hk-eip", UNKNOWN, HONGKONG), alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["hk-eip"])] },
        { name: "empty stack", resources: [] },
        {
            name: "non-web records away (TXT, MX) are not web records",
            resources: [alidns("spf", "filed-alibaba.com", "@", "TXT", "v=spf1 include:_spf.google.com ~all"), alidns("mx", "filed-alibaba.com", "@", "MX", "mx.example.org"), alidns("verify", "filed-alibaba.com", "_github", "TXT", UNKNOWN)],
        },
        {
            name: "disabled record away is not a web record",
            resources: [eip("hk-eip", UNKNOWN, HONGKONG), alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["hk-eip"], { status: "DISABLE" })],
        },
        {
            name: "record name unknown at preview, pointing away",
            resources: [eip("hk-eip", UNKNOWN, HONGKONG), alidns("www", UNKNOWN, "www", "A", UNKNOWN, ["hk-eip"])],
        },
        {
            name: "CNAME to a domestic CDN domain (Alibaba mainland edge), another record away",
            resources: [cdnDomain("cdn", "static.filed-alibaba.com", "domestic"), eip("hk-eip", UNKNOWN, HONGKONG), alidns("static", "filed-alibaba.com", "static", "CNAME", UNKNOWN, ["cdn"]), alidns("hk", "filed-alibaba.com", "hk", "A", UNKNOWN, ["hk-eip"])],
        },
        {
            name: "ESA record proxied through a site in the stack with unknown coverage",
            resources: [
                esaSite("site", "filed-alibaba.com", UNKNOWN as string),
                { name: "rec", type: "alicloud:esa/record:Record", props: { siteId: UNKNOWN, recordName: "www.filed-alibaba.com", recordType: "A/AAAA", proxied: true, data: { value: "1.2.3.4" } }, dependsOn: { siteId: ["site"] } },
            ],
        },
    ],
    stackInvalid: [
        {
            name: "the only web record has a name not known until apply (decided from its zone) and points at a Hong Kong EIP",
            resources: [eip("hk-eip", UNKNOWN, HONGKONG), alidns("rnd", "filed-alibaba.com", UNKNOWN, "A", UNKNOWN, ["hk-eip"])],
            errors: [hollow("rnd", 1, { messageIncludes: ['ecs.EipAddress "hk-eip"'] })],
        },
        {
            name: "all web records away: Hong Kong EIPs, an overseas CDN, Cloudflare proxy, Route 53 alias, GitHub Pages",
            resources: allAway,
            errors: [
                hollow("www", 6, { data: { record: "DNS record www.filed-alibaba.com A" }, messageIncludes: ['ecs.EipAddress "hk-eip"', "cn-hongkong"] }),
                hollow("apex", 6, { data: { record: "DNS record filed-alibaba.com A" }, messageIncludes: ['ecs.EipAddress "hk-eip-2"'] }),
                hollow("static", 6, { messageIncludes: ['cdn.DomainNew "cdn"', "overseas"] }),
                hollow("cf", 6, { messageIncludes: ["Cloudflare"] }),
                hollow("alias", 6, { messageIncludes: ["Route 53 alias"] }),
                hollow("docs", 6, { data: { record: "DNS record docs.filed-alibaba.com CNAME" }, messageIncludes: ["GitHub Pages"] }),
            ],
        },
        {
            name: "single record at a Hong Kong EIP (value unknown at preview, followed through propertyDependencies)",
            resources: [eip("hk-eip", UNKNOWN, HONGKONG), alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["hk-eip"])],
            errors: [hollow("www", 1, { data: { resource: 'dns.AlidnsRecord "www"' } })],
        },
        {
            name: "domain filed with Tencent and Alibaba, all records away",
            resources: [eip("hk-eip", UNKNOWN, HONGKONG), alidns("www", "shop.com.cn", "www", "A", UNKNOWN, ["hk-eip"])],
            errors: [hollow("www", 1, { data: { registrable: "shop.com.cn", icp: "沪ICP备2020000002号-1" } })],
        },
        {
            name: "ALB outside the mainland (regionId output) and a literal international ALB hostname",
            resources: [
                { name: "alb", type: "alicloud:alb/loadBalancer:LoadBalancer", props: { addressType: "Internet", dnsName: UNKNOWN, regionId: "ap-southeast-1", vpcId: "vpc" }, provider: HANGZHOU },
                alidns("api", "filed-alibaba.com", "api", "CNAME", UNKNOWN, ["alb"]),
                alidns("intl", "filed-alibaba.com", "intl", "CNAME", "alb-abc.ap-southeast-1.alb.aliyuncsslbintl.com"),
            ],
            errors: [hollow("api", 2), hollow("intl", 2)],
        },
        {
            name: "record whose value comes from an AWS load balancer",
            resources: [
                { name: "aws-lb", type: "aws:lb/loadBalancer:LoadBalancer", props: { dnsName: UNKNOWN, internal: false, loadBalancerType: "application" } },
                cloudflare("www", "www.filed-alibaba.com", "CNAME", UNKNOWN, { valueFrom: ["aws-lb"], proxied: false }),
            ],
            errors: [hollow("www", 1, { messageIncludes: ["aws resource"] })],
        },
        {
            name: "an intranet CLB serves no site from the mainland",
            resources: [
                { name: "clb", type: "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer", props: { addressType: "intranet", address: UNKNOWN }, provider: HANGZHOU },
                alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["clb"]),
            ],
            errors: [hollow("www", 1, { messageIncludes: ["intranet"] })],
        },
        {
            name: "records of two filed domains: only the one with every record away is reported",
            resources: [
                eip("cn-eip"),
                eip("hk-eip", UNKNOWN, HONGKONG),
                alidns("ok", "例子.中国", "www", "A", UNKNOWN, ["cn-eip"]),
                alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["hk-eip"]),
                alidns("other", "filed-other.com", "www", "A", UNKNOWN, ["hk-eip"]),
            ],
            errors: [hollow("www", 1)],
        },
        {
            name: "record with a secret name is reported without showing the domain",
            resources: [eip("hk-eip", UNKNOWN, HONGKONG), { ...alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["hk-eip"]), secretProps: ["domainName"] }],
            errors: [{ ...hollow("www", 1, { data: { registrable: "the domain", record: "A DNS record with a secret name (value hidden)" }, messageExcludes: ["filed-alibaba"] }) }],
        },
    ],
});
