/**
 * Records that point at names other records of the same inputs define (issue #17, item 5): a
 * CNAME `www` → `example.co`, whose `@` A record points at a mainland load balancer; `shop-test` →
 * `szs-t1.s.example.co`, an A record of the same zone. Followed transitively, across zones and DNS
 * hosts, wildcards included, loops reported; through the four filing policies (ICP001 unfiled,
 * ICP002 not accessed at Alibaba, ICP003 undecidable, ICP013 proxied origin). Each record is decided
 * for its own name: every name of the chain that resolves to the mainland endpoint is served from it.
 *
 * Registry (test/helpers/fixtures.ts): filed-alibaba.com (accessed at Alibaba), filed-other.com
 * (Tencent only); unfiled.com has no filing.
 */
import unfiled from "../../policies/icp-domain-unfiled";
import notAccessed from "../../policies/icp-filing-not-accessed-at-alibaba";
import undecidable from "../../policies/icp-binding-undecidable";
import proxyOrigin from "../../policies/icp-proxy-mainland-origin";
import { ruleTester, StackResourceSpec } from "../helpers/rule-tester";
import { UNKNOWN } from "../../lib/model/values";
import { alidns, clb, cloudflare, eip, HANGZHOU, HONGKONG, legacyRecord, route53 } from "../helpers/stack-fixtures";
import { staleCatalog, testCatalog } from "../helpers/catalog-fixtures";

const ALIDNS = "alicloud:dns/alidnsRecord:AlidnsRecord";
const record = (domainName: string, rr: string, type: string, value: unknown) => ({ domainName, rr, type, value, ttl: 600 });

/** A CLB rule for `domain` on the load balancer `lbName` (the real estate's CLB with a domain rule). */
const clbRule = (name: string, lbName: string, domain: string): StackResourceSpec => ({
    name,
    type: "alicloud:slb/rule:Rule",
    props: { loadBalancerId: UNKNOWN, frontendPort: 80, name, domain, serverGroupId: "sg" },
    provider: HANGZHOU,
    dependsOn: { loadBalancerId: [lbName] },
});

/** `www.<zone>` CNAME `<zone>`, whose `@` A record takes its address from an Internet CLB (the first case). */
const wwwToApexOnClb = (zone: string): StackResourceSpec[] => [clb("lb", "internet"), alidns("apex", zone, "@", "A", UNKNOWN, ["lb"]), alidns("www", zone, "www", "CNAME", zone)];

ruleTester(unfiled, {
    valid: [
        { name: "CNAME to a name of the same zone is left to the stack pass", type: ALIDNS, props: record("unfiled.com", "www", "CNAME", "unfiled.com"), provider: HANGZHOU },
        { name: "CNAME whose value is not known until apply is left to the stack pass", type: ALIDNS, props: record("unfiled.com", "www", "CNAME", UNKNOWN), provider: HANGZHOU },
    ],
    invalid: [
        {
            name: "CNAME to a literal mainland ALB hostname is still decided per resource",
            type: ALIDNS,
            props: record("unfiled.com", "www", "CNAME", "alb-abc.cn-hangzhou.alb.aliyuncsslb.com"),
            provider: HANGZHOU,
            errors: [{ messageId: "recordUnfiled" }],
        },
    ],
    stackValid: [
        { name: "www → apex → mainland CLB, filed at Alibaba", resources: wwwToApexOnClb("filed-alibaba.com") },
        { name: "www → apex → EIP in cn-hongkong, unfiled", resources: [eip("eip", UNKNOWN, HONGKONG), alidns("apex", "unfiled.com", "@", "A", UNKNOWN, ["eip"]), alidns("www", "unfiled.com", "www", "CNAME", "unfiled.com")] },
        {
            name: "across zones: www of a filed zone → a name of an unfiled zone in Hong Kong",
            resources: [eip("eip", UNKNOWN, HONGKONG), alidns("lb", "unfiled.com", "lb", "A", UNKNOWN, ["eip"]), cloudflare("www", "www.filed-other.com", "CNAME", "lb.unfiled.com", { proxied: false })],
        },
        {
            name: "a name of the chain with a Hong Kong EIP and a value nobody can place (undecidable, not this policy)",
            resources: [
                eip("eip", UNKNOWN, HONGKONG),
                alidns("app-hk", "unfiled.com", "app", "A", UNKNOWN, ["eip"]),
                alidns("app-other", "unfiled.com", "app", "A", "121.40.1.1", undefined, { line: "telecom" }),
                alidns("www", "unfiled.com", "www", "CNAME", "app.unfiled.com"),
            ],
        },
        { name: "a loop of CNAMEs reaches no address (undecidable, not this policy)", resources: [alidns("a", "unfiled.com", "a", "CNAME", "b.unfiled.com"), alidns("b", "unfiled.com", "b", "CNAME", "a.unfiled.com")] },
        {
            name: "a disabled record does not answer for its name",
            resources: [eip("eip"), alidns("app", "unfiled.com", "app", "A", UNKNOWN, ["eip"], { status: "DISABLE" }), alidns("www", "unfiled.com", "www", "CNAME", "app.unfiled.com", undefined, { status: "DISABLE" })],
        },
    ],
    stackInvalid: [
        {
            name: "www CNAME the apex, whose A record is another stack's catalogued mainland EIP, unfiled: both blocked",
            catalog: testCatalog,
            resources: [alidns("apex", "unfiled.com", "@", "A", "47.97.10.1"), alidns("www", "unfiled.com", "www", "CNAME", "unfiled.com")],
            errors: [
                { resource: "apex", messageId: "recordUnfiled", messageIncludes: ['EIP (ecs.EipAddress) "web-eip" of stack acme/infra/prod'] },
                { resource: "www", messageId: "recordUnfiled", messageIncludes: ['EIP (ecs.EipAddress) "web-eip" of stack acme/infra/prod'] },
            ],
        },
        {
            name: "www → apex @ A → mainland CLB, unfiled: both names are served from the CLB",
            resources: wwwToApexOnClb("unfiled.com"),
            errors: [
                { resource: "apex", messageId: "recordUnfiled", data: { record: "DNS record unfiled.com A" } },
                {
                    resource: "www",
                    messageId: "recordUnfiled",
                    data: { record: "DNS record www.unfiled.com CNAME", registrable: "unfiled.com", endpoint: 'CLB (slb.ApplicationLoadBalancer) slb.ApplicationLoadBalancer "lb"' },
                    messageIncludes: ['through www.unfiled.com → unfiled.com to DNS record unfiled.com A (dns.AlidnsRecord "apex"), where its value comes from slb.ApplicationLoadBalancer "lb"', "cn-hangzhou", "接入阿里云"],
                },
            ],
        },
        {
            name: "the real estate: www → apex → mainland CLB with a domain rule for www, unfiled",
            resources: [...wwwToApexOnClb("unfiled.com"), clbRule("rule", "lb", "www.unfiled.com")],
            errors: [
                { resource: "apex", messageId: "recordUnfiled" },
                { resource: "www", messageId: "recordUnfiled" },
                { resource: "rule", messageId: "unfiled", data: { domain: "www.unfiled.com" } },
            ],
        },
        {
            name: "shop-test → szs-t1.s, an A record of the same zone on a mainland EIP",
            resources: [eip("eip"), alidns("szs", "unfiled.com", "szs-t1.s", "A", UNKNOWN, ["eip"]), alidns("shop", "unfiled.com", "shop-test", "CNAME", "szs-t1.s.unfiled.com.")],
            errors: [
                { resource: "szs", messageId: "recordUnfiled" },
                { resource: "shop", messageId: "recordUnfiled", data: { record: "DNS record shop-test.unfiled.com CNAME" }, messageIncludes: ["through shop-test.unfiled.com → szs-t1.s.unfiled.com to DNS record szs-t1.s.unfiled.com A"] },
            ],
        },
        {
            name: "three hops, in upper case, the record names in another order",
            resources: [
                alidns("a", "unfiled.com", "a", "CNAME", "B.Unfiled.com"),
                alidns("b", "unfiled.com", "b", "CNAME", "c.unfiled.com"),
                eip("eip"),
                alidns("c", "unfiled.com", "c", "A", UNKNOWN, ["eip"]),
            ],
            errors: [
                { resource: "a", messageId: "recordUnfiled", messageIncludes: ["through a.unfiled.com → b.unfiled.com → c.unfiled.com to DNS record c.unfiled.com A"] },
                { resource: "b", messageId: "recordUnfiled", messageIncludes: ["through b.unfiled.com → c.unfiled.com to DNS record c.unfiled.com A"] },
                { resource: "c", messageId: "recordUnfiled" },
            ],
        },
        {
            name: "across zones and DNS hosts: Cloudflare www of an unfiled zone → an Alibaba DNS name of a filed zone on a mainland EIP",
            resources: [eip("eip"), alidns("lb", "filed-alibaba.com", "lb", "A", UNKNOWN, ["eip"]), cloudflare("www", "www.unfiled.com", "CNAME", "lb.filed-alibaba.com", { proxied: false })],
            errors: [{ resource: "www", messageId: "recordUnfiled", data: { registrable: "unfiled.com" }, messageIncludes: ["through www.unfiled.com → lb.filed-alibaba.com"] }],
        },
        {
            name: "a wildcard answers for a name no record of the zone has",
            resources: [eip("eip"), alidns("star", "unfiled.com", "*", "A", UNKNOWN, ["eip"]), alidns("www", "unfiled.com", "www", "CNAME", "shop.unfiled.com")],
            errors: [
                { resource: "star", messageId: "recordUnfiled", data: { record: "DNS record *.unfiled.com A" } },
                { resource: "www", messageId: "recordUnfiled", messageIncludes: ["through www.unfiled.com → shop.unfiled.com to DNS record *.unfiled.com A"] },
            ],
        },
        {
            name: "a wildcard on a mainland EIP does not answer for a name that exists with only a TXT record",
            resources: [eip("eip"), alidns("star", "unfiled.com", "*", "A", UNKNOWN, ["eip"]), alidns("txt", "unfiled.com", "mail", "TXT", "v=spf1 -all"), alidns("www", "unfiled.com", "www", "CNAME", "mail.unfiled.com")],
            errors: [{ resource: "star", messageId: "recordUnfiled" }],
        },
        {
            name: "a wildcard does not answer below a name that exists (an empty non-terminal)",
            resources: [eip("eip"), alidns("star", "unfiled.com", "*", "A", UNKNOWN, ["eip"]), alidns("deep", "unfiled.com", "a.b", "TXT", "x"), alidns("www", "unfiled.com", "www", "CNAME", "c.b.unfiled.com")],
            errors: [{ resource: "star", messageId: "recordUnfiled" }],
        },
        {
            name: "several records for one name: any mainland target serves the name from the mainland",
            resources: [
                eip("hk", UNKNOWN, HONGKONG),
                eip("hz"),
                alidns("app-hk", "unfiled.com", "app", "A", UNKNOWN, ["hk"]),
                alidns("app-hz", "unfiled.com", "app", "A", UNKNOWN, ["hz"], { line: "telecom" }),
                alidns("www", "unfiled.com", "www", "CNAME", "app.unfiled.com"),
            ],
            errors: [
                { resource: "app-hz", messageId: "recordUnfiled" },
                { resource: "www", messageId: "recordUnfiled", messageIncludes: ['ecs.EipAddress "hz"'] },
            ],
        },
        {
            name: "a mainland target decides a name whose other record nobody can place",
            resources: [eip("eip"), alidns("app-hz", "unfiled.com", "app", "A", UNKNOWN, ["eip"]), alidns("app-other", "unfiled.com", "app", "A", "121.40.1.1"), alidns("www", "unfiled.com", "www", "CNAME", "app.unfiled.com")],
            errors: [
                { resource: "app-hz", messageId: "recordUnfiled" },
                { resource: "www", messageId: "recordUnfiled" },
            ],
        },
        {
            name: "a CNAME whose value comes from a Route 53 record (its fqdn, unknown at preview) follows that record",
            resources: [eip("eip"), route53("origin", "origin.unfiled.com", "A", [UNKNOWN], ["eip"]), cloudflare("www", "www.unfiled.com", "CNAME", UNKNOWN, { valueFrom: ["origin"], proxied: false })],
            errors: [
                { resource: "origin", messageId: "recordUnfiled" },
                { resource: "www", messageId: "recordUnfiled", messageIncludes: ["through www.unfiled.com → origin.unfiled.com to DNS record origin.unfiled.com A (aws:route53/record:Record"] },
            ],
        },
        {
            name: "a value from a record whose name is not known until apply follows that record",
            resources: [eip("eip"), alidns("rnd", "filed-alibaba.com", UNKNOWN as string, "A", UNKNOWN, ["eip"]), alidns("www", "unfiled.com", "www", "CNAME", UNKNOWN, ["rnd"])],
            errors: [{ resource: "www", messageId: "recordUnfiled", messageIncludes: ["(a name not known until apply, under filed-alibaba.com)"] }],
        },
        {
            name: "a Route 53 alias to a record of its own hosted zone",
            resources: [eip("eip"), route53("apex", "unfiled.com", "A", [UNKNOWN], ["eip"]), route53("www", "www.unfiled.com", "A", [], undefined, { aliases: [{ name: "unfiled.com", zoneId: "Z123", evaluateTargetHealth: false }] })],
            errors: [
                { resource: "apex", messageId: "recordUnfiled" },
                { resource: "www", messageId: "recordUnfiled", messageIncludes: ["through www.unfiled.com → unfiled.com"] },
            ],
        },
        {
            name: "legacy dns.Record chain to a mainland EIP",
            resources: [eip("eip"), legacyRecord("apex", "unfiled.com", "@", "A", UNKNOWN, ["eip"]), legacyRecord("www", "unfiled.com", "www", "CNAME", "unfiled.com")],
            errors: [
                { resource: "apex", messageId: "recordUnfiled" },
                { resource: "www", messageId: "recordUnfiled" },
            ],
        },
        {
            name: "a loop with a way out: a record of the loop also points at a mainland EIP",
            resources: [
                eip("eip"),
                alidns("a", "unfiled.com", "a", "CNAME", "b.unfiled.com"),
                alidns("b", "unfiled.com", "b", "CNAME", "a.unfiled.com"),
                alidns("b-telecom", "unfiled.com", "b", "A", UNKNOWN, ["eip"], { line: "telecom" }),
            ],
            errors: [
                { resource: "a", messageId: "recordUnfiled" },
                { resource: "b", messageId: "recordUnfiled" },
                { resource: "b-telecom", messageId: "recordUnfiled" },
            ],
        },
        {
            name: "a record of the chain whose value is secret: decided on, never shown in the CNAME's finding",
            resources: [eip("eip", "47.100.1.2"), { ...alidns("app", "filed-alibaba.com", "app", "A", "47.100.1.2"), secretProps: ["value"] }, alidns("www", "unfiled.com", "www", "CNAME", "app.filed-alibaba.com")],
            errors: [{ resource: "www", messageId: "recordUnfiled", messageIncludes: ["(value hidden)", 'ecs.EipAddress "eip"'], messageExcludes: ["47.100.1.2"] }],
        },
        {
            name: "which domain is filed: a filed www → a name of an unfiled zone on a mainland EIP blocks only the unfiled name",
            resources: [eip("eip"), alidns("lb", "unfiled.com", "lb", "A", UNKNOWN, ["eip"]), alidns("www", "filed-alibaba.com", "www", "CNAME", "lb.unfiled.com")],
            errors: [{ resource: "lb", messageId: "recordUnfiled", data: { registrable: "unfiled.com" } }],
        },
    ],
});

ruleTester(notAccessed, {
    valid: [{ name: "CNAME to a name of the inputs, Tencent-only filing, left to the stack pass", type: ALIDNS, props: record("filed-other.com", "www", "CNAME", "filed-other.com"), provider: HANGZHOU }],
    invalid: [
        {
            name: "CNAME to a literal mainland ALB hostname, Tencent-only filing",
            type: ALIDNS,
            props: record("filed-other.com", "www", "CNAME", "alb-abc.cn-hangzhou.alb.aliyuncsslb.com"),
            provider: HANGZHOU,
            errors: [{ messageId: "recordNotAccessedAtAlibaba" }],
        },
    ],
    stackValid: [{ name: "www → apex → mainland CLB, filed at Alibaba", resources: wwwToApexOnClb("filed-alibaba.com") }],
    stackInvalid: [
        {
            name: "www → apex → mainland CLB with a domain rule, Tencent-only filing",
            resources: [...wwwToApexOnClb("filed-other.com"), clbRule("rule", "lb", "www.filed-other.com")],
            errors: [
                { resource: "apex", messageId: "recordNotAccessedAtAlibaba" },
                { resource: "www", messageId: "recordNotAccessedAtAlibaba", messageIncludes: ["through www.filed-other.com → filed-other.com", "接入阿里云"] },
                { resource: "rule", messageId: "notAccessedAtAlibaba" },
            ],
        },
    ],
});

ruleTester(undecidable, {
    valid: [{ name: "a CNAME to a name of the inputs is not undecidable per resource", type: ALIDNS, props: record("unfiled.com", "www", "CNAME", "unfiled.com"), provider: HANGZHOU }],
    invalid: [
        {
            name: "a CDN domain whose scope is not known until apply, unfiled",
            type: "alicloud:cdn/domainNew:DomainNew",
            props: { domainName: "static.unfiled.com", cdnType: "web", scope: UNKNOWN },
            errors: [{ messageId: "undecidable" }],
        },
    ],
    stackValid: [
        { name: "a loop of CNAMEs under a domain filed at Alibaba", resources: [alidns("a", "filed-alibaba.com", "a", "CNAME", "b.filed-alibaba.com"), alidns("b", "filed-alibaba.com", "b", "CNAME", "a.filed-alibaba.com")] },
        { name: "a chain that ends in Hong Kong is decided", resources: [eip("eip", UNKNOWN, HONGKONG), alidns("apex", "unfiled.com", "@", "A", UNKNOWN, ["eip"]), alidns("www", "unfiled.com", "www", "CNAME", "unfiled.com")] },
    ],
    stackInvalid: [
        {
            name: "a chain ending at another stack's catalogued mainland EIP, old catalog: decided (ICP001), with one advisory to rebuild the catalog",
            catalog: staleCatalog,
            resources: [alidns("apex", "unfiled.com", "@", "A", "47.97.10.1"), alidns("www", "unfiled.com", "www", "CNAME", "unfiled.com")],
            errors: [{ resource: "", messageId: "catalogStale", advisoryOnly: true }],
        },
        {
            name: "a loop of CNAMEs is reported on every record of it",
            resources: [alidns("a", "unfiled.com", "a", "CNAME", "b.unfiled.com"), alidns("b", "unfiled.com", "b", "CNAME", "a.unfiled.com")],
            errors: [
                { resource: "a", messageId: "recordUndecidable", messageIncludes: ["a.unfiled.com → b.unfiled.com → a.unfiled.com name each other in a loop", "SERVFAIL"] },
                { resource: "b", messageId: "recordUndecidable", messageIncludes: ["name each other in a loop"] },
            ],
        },
        { name: "a record naming itself is a loop", resources: [alidns("self", "unfiled.com", "www", "CNAME", "www.unfiled.com")], errors: [{ resource: "self", messageId: "recordUndecidable", messageIncludes: ["www.unfiled.com → www.unfiled.com name each other in a loop"] }] },
        {
            name: "a chain into a loop says where the loop is",
            resources: [alidns("www", "unfiled.com", "www", "CNAME", "a.unfiled.com"), alidns("a", "unfiled.com", "a", "CNAME", "b.unfiled.com"), alidns("b", "unfiled.com", "b", "CNAME", "a.unfiled.com")],
            errors: [
                { resource: "www", messageId: "recordUndecidable", messageIncludes: ["through www.unfiled.com → a.unfiled.com to DNS record a.unfiled.com CNAME", "name each other in a loop"] },
                { resource: "a", messageId: "recordUndecidable" },
                { resource: "b", messageId: "recordUndecidable" },
            ],
        },
        {
            name: "a name with a Hong Kong EIP and a value nobody can place: undecidable, the chain shown",
            resources: [
                eip("eip", UNKNOWN, HONGKONG),
                alidns("app-hk", "unfiled.com", "app", "A", UNKNOWN, ["eip"]),
                alidns("app-other", "unfiled.com", "app", "A", "121.40.1.1", undefined, { line: "telecom" }),
                alidns("www", "unfiled.com", "www", "CNAME", "app.unfiled.com"),
            ],
            errors: [
                { resource: "app-other", messageId: "recordUndecidable" },
                { resource: "www", messageId: "recordUndecidable", messageIncludes: ["through www.unfiled.com → app.unfiled.com to DNS record app.unfiled.com A", "its value 121.40.1.1 is not an address"] },
            ],
        },
        {
            name: "a name that exists with only a TXT record answers no address (the wildcard does not apply)",
            resources: [eip("eip", UNKNOWN, HONGKONG), alidns("star", "unfiled.com", "*", "A", UNKNOWN, ["eip"]), alidns("txt", "unfiled.com", "mail", "TXT", "v=spf1 -all"), alidns("www", "unfiled.com", "www", "CNAME", "mail.unfiled.com")],
            errors: [{ resource: "www", messageId: "recordUndecidable", messageIncludes: ["the inputs define mail.unfiled.com, but its records in the inputs serve no web traffic"] }],
        },
        {
            name: "a name the inputs may define with a record whose name is not known until apply",
            resources: [eip("eip"), alidns("rnd", "unfiled.com", UNKNOWN as string, "A", UNKNOWN, ["eip"]), cloudflare("www", "www.filed-other.com", "CNAME", "app.unfiled.com", { proxied: false })],
            errors: [{ resource: "www", messageId: "recordUndecidable", messageIncludes: ['it may be the name of dns.AlidnsRecord "rnd", a record under unfiled.com whose name is not known until apply'] }],
        },
    ],
});

ruleTester(proxyOrigin, {
    valid: [{ name: "a proxied CNAME to a name of the inputs is left to the stack pass", type: "cloudflare:index/record:Record", props: { zoneId: "z", name: "www.unfiled.com", type: "CNAME", content: "origin.unfiled.com", proxied: true } }],
    invalid: [
        {
            name: "a proxied record to a configured mainland CIDR",
            type: "cloudflare:index/record:Record",
            props: { zoneId: "z", name: "www.filed-other.com", type: "A", content: "47.96.1.2", proxied: true },
            policyConfigs: { "icp-binding-undecidable": { mainlandCidrs: ["47.96.0.0/16"] } },
            errors: [{ messageId: "proxiedNotAccessedAtAlibaba" }],
        },
    ],
    stackValid: [
        {
            name: "a CNAME to a proxied record whose origin is in Hong Kong",
            resources: [eip("eip", UNKNOWN, HONGKONG), cloudflare("app", "app.unfiled.com", "A", UNKNOWN, { valueFrom: ["eip"], proxied: true }), cloudflare("www", "www.unfiled.com", "CNAME", "app.unfiled.com", { proxied: false })],
        },
    ],
    stackInvalid: [
        {
            name: "a CNAME to a proxied record: the proxy rule applies to the CNAME's name too",
            resources: [eip("eip"), cloudflare("app", "app.unfiled.com", "A", UNKNOWN, { valueFrom: ["eip"], proxied: true }), cloudflare("www", "www.unfiled.com", "CNAME", "app.unfiled.com", { proxied: false })],
            errors: [
                { resource: "app", messageId: "proxiedUnfiled" },
                { resource: "www", messageId: "proxiedUnfiled", data: { proxy: "Cloudflare's proxy" }, messageIncludes: ["through www.unfiled.com → app.unfiled.com to DNS record app.unfiled.com A"] },
            ],
        },
        {
            name: "a proxied record whose origin is a name of the inputs on a mainland EIP",
            resources: [eip("eip"), alidns("origin", "filed-other.com", "origin", "A", UNKNOWN, ["eip"]), cloudflare("www", "www.filed-other.com", "CNAME", "origin.filed-other.com", { proxied: true })],
            errors: [{ resource: "www", messageId: "proxiedNotAccessedAtAlibaba", messageIncludes: ["through www.filed-other.com → origin.filed-other.com to DNS record origin.filed-other.com A"] }],
        },
    ],
});
