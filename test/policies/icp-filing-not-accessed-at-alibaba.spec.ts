import policy from "../../policies/icp-filing-not-accessed-at-alibaba";
import { ruleTester } from "../helpers/rule-tester";
import { provider } from "../helpers/fixtures";
import { UNKNOWN } from "../../lib/model/values";
import { SECRET_DOMAIN } from "../../lib/kit/explain";
import { alb, alidns, cdnDomain, clb, clbRule, cloudflare, eip, eipAssociation, HANGZHOU, HONGKONG, legacyRecord, route53 } from "../helpers/stack-fixtures";
import { testCatalog } from "../helpers/catalog-fixtures";
import { ingress, onAckCluster, rules } from "../helpers/kubernetes-fixtures";

// Fixture registry: filed-alibaba.com [alibaba], filed-other.com [tencent], 例子.中国 [alibaba],
// shop.com.cn [tencent, alibaba].
const FC = "alicloud:fc/customDomain:CustomDomain";
const FC3 = "alicloud:fc/v3CustomDomain:V3CustomDomain";
const APIG = "alicloud:apig/domain:Domain";
const SAE = "alicloud:sae/ingress:Ingress";
const ALB = "alicloud:alb/rule:Rule";
const SLB = "alicloud:slb/rule:Rule";
const SLB_EXT = "alicloud:slb/domainExtension:DomainExtension";
const CDN = "alicloud:cdn/domainNew:DomainNew";
const OSS = "alicloud:oss/bucketCname:BucketCname";
const WAF3 = "alicloud:wafv3/domain:Domain";
const DDOS = "alicloud:ddos/domainResource:DomainResource";

const hangzhou = provider("cn-hangzhou");
const fc = (domainName: unknown) => ({ domainName, protocol: "HTTP" });
const fc3 = (customDomainName: unknown) => ({ customDomainName, protocol: "HTTP" });
const cdn = (domainName: unknown, scope?: unknown) => ({ domainName, cdnType: "web", sources: [{ content: "1.1.1.1", type: "ipaddr" }], ...(scope === undefined ? {} : { scope }) });
const sae = (namespaceId: unknown, ...domains: unknown[]) => ({
    namespaceId,
    slbId: "lb",
    listenerPort: 80,
    rules: domains.map((domain, i) => ({ appId: `a${i}`, appName: `a${i}`, containerPort: 80, domain, path: "/" })),
});
const albHosts = (...values: unknown[]) => ({ listenerId: "l", priority: 1, ruleName: "r", ruleConditions: [{ type: "Host", hostConfig: { values } }], ruleActions: [] });
const wafv3 = (domain: unknown) => ({ domain, instanceId: "waf", listen: {}, redirect: { loadbalance: "iphash" } });
const ddos = (domain: unknown) => ({ domain, instanceIds: ["i"], proxyTypes: [{ proxyPorts: [80], proxyType: "http" }], realServers: ["1.1.1.1"], rsType: 0 });

const ALIDNS = "alicloud:dns/alidnsRecord:AlidnsRecord";
const CLOUDFLARE = "cloudflare:index/record:Record";
const record = (rr: string, type: string, value: unknown, domainName = "filed-other.com") => ({ domainName, rr, type, value, ttl: 600 });

const NOT_ACCESSED = "notAccessedAtAlibaba";
const RECORD_NOT_ACCESSED = "recordNotAccessedAtAlibaba";
const recordOtherOnly = { messageId: RECORD_NOT_ACCESSED, data: { providers: "tencent", icp: "京ICP备12345678号-2", registrable: "filed-other.com" } };
const otherOnly = { messageId: NOT_ACCESSED, data: { providers: "tencent", icp: "京ICP备12345678号-2", registrable: "filed-other.com" } };

ruleTester(policy, {
    valid: [
        // Alibaba-only filing passes everywhere.
        { name: "FC custom domain, filed at Alibaba", type: FC, props: fc("api.filed-alibaba.com"), provider: hangzhou },
        { name: "FC 3.0 custom domain, filed at Alibaba", type: FC3, props: fc3("fn.filed-alibaba.com"), provider: hangzhou },
        { name: "API gateway, filed IDN at Alibaba, written in Unicode", type: APIG, props: { domainName: "api.例子.中国" }, provider: hangzhou },
        { name: "API gateway, filed IDN at Alibaba, written in punycode", type: APIG, props: { domainName: "api.xn--fsqu00a.xn--fiqs8s" }, provider: hangzhou },
        { name: "SAE ingress, filed at Alibaba", type: SAE, props: sae("cn-shenzhen:prod", "app.filed-alibaba.com"), provider: hangzhou },
        { name: "ALB rule, wildcard under a domain filed at Alibaba", type: ALB, props: albHosts("*.filed-alibaba.com"), provider: hangzhou },
        // Several providers including Alibaba.
        { name: "FC custom domain, filed at Tencent and Alibaba", type: FC, props: fc("api.shop.com.cn"), provider: hangzhou },
        { name: "CLB rule, filed at Tencent and Alibaba", type: SLB, props: { domain: "www.shop.com.cn", loadBalancerId: "lb", frontendPort: 80 }, provider: hangzhou },
        // Other-only filings pass for products that accept any MIIT filing.
        { name: "CDN, filed at another provider, default scope", type: CDN, props: cdn("static.filed-other.com") },
        { name: "CDN, filed at another provider, global scope", type: CDN, props: cdn("static.filed-other.com", "global") },
        { name: "legacy CDN, filed at another provider", type: "alicloud:cdn/domain:Domain", props: { domainName: "old.filed-other.com", cdnType: "web" } },
        { name: "DCDN, filed at another provider", type: "alicloud:dcdn/domain:Domain", props: { domainName: "d.filed-other.com", scope: "domestic" } },
        { name: "DCDN IPA, filed at another provider", type: "alicloud:dcdn/ipaDomain:IpaDomain", props: { domainName: "ipa.filed-other.com", scope: "global", sources: [] } },
        { name: "VOD wildcard, filed at another provider", type: "alicloud:vod/domain:Domain", props: { domainName: ".filed-other.com", sources: [] } },
        { name: "Live, filed at another provider", type: "alicloud:live/domain:Domain", props: { domainName: "live.filed-other.com", domainType: "liveVideo", region: "cn-hangzhou", scope: "domestic" } },
        { name: "SCDN, filed at another provider", type: "alicloud:scdn/domain:Domain", props: { domainName: "s.filed-other.com", sources: [] } },
        { name: "ESA site, filed at another provider", type: "alicloud:esa/site:Site", props: { siteName: "filed-other.com", accessType: "NS", instanceId: "i", coverage: "global" } },
        { name: "OSS custom domain in a mainland region, filed at another provider", type: OSS, props: { bucket: "b", domain: "img.filed-other.com" }, provider: hangzhou },
        { name: "WAF 3.0, filed at another provider", type: WAF3, props: wafv3("www.filed-other.com"), provider: hangzhou },
        { name: "legacy WAF, filed at another provider", type: "alicloud:waf/domain:Domain", props: { domainName: "www.filed-other.com", instanceId: "waf" }, provider: hangzhou },
        { name: "Anti-DDoS Pro, filed at another provider", type: DDOS, props: ddos("www.filed-other.com"), provider: hangzhou },
        // Not served from the mainland.
        { name: "FC custom domain in cn-hongkong, filed at another provider", type: FC, props: fc("api.filed-other.com"), provider: provider("cn-hongkong") },
        { name: "API gateway in ap-southeast-1, filed at another provider", type: APIG, props: { domainName: "api.filed-other.com" }, provider: provider("ap-southeast-1") },
        { name: "SAE ingress in a Hong Kong namespace, filed at another provider", type: SAE, props: sae("cn-hongkong:prod", "app.filed-other.com"), provider: hangzhou },
        {
            name: "CLB rule, other-only, region eu-central-1 from stack config",
            type: SLB,
            props: { domain: "www.filed-other.com", loadBalancerId: "lb" },
            provider: provider(undefined, "default_3_108_0"),
            regions: { stackConfigRegion: "eu-central-1" },
        },
        // Unknowns and other policies' cases.
        { name: "FC, other-only, provider region unknown at preview (ICP003, not this policy)", type: FC, props: fc("api.filed-other.com"), provider: provider(UNKNOWN) },
        { name: "SAE, other-only, namespace unknown at preview (ICP003)", type: SAE, props: sae(UNKNOWN, "app.filed-other.com"), provider: hangzhou },
        { name: "FC, domain unknown at preview", type: FC, props: fc(UNKNOWN), provider: hangzhou },
        { name: "ALB, one host unknown at preview, the other filed at Alibaba", type: ALB, props: albHosts(UNKNOWN, "www.filed-alibaba.com"), provider: hangzhou },
        { name: "FC, unfiled domain (ICP001, not this policy)", type: FC, props: fc("api.unfiled.com"), provider: hangzhou },
        { name: "CLB rule with an IP address", type: SLB, props: { domain: "10.0.0.1", loadBalancerId: "lb" }, provider: hangzhou },
        // DNS records decided from the record alone.
        { name: "DNS CNAME to a literal mainland FC hostname, filed at Alibaba", type: ALIDNS, props: record("fn", "CNAME", "myfn-x.cn-hangzhou.fcapp.run", "filed-alibaba.com"), provider: hangzhou },
        { name: "DNS CNAME to a literal mainland ALB hostname, filed at Tencent and Alibaba", type: ALIDNS, props: record("www", "CNAME", "alb-abc123.cn-hangzhou.alb.aliyuncsslb.com", "shop.com.cn"), provider: hangzhou },
        { name: "DNS CNAME to a literal mainland OSS hostname, other-only (OSS accepts any filing)", type: ALIDNS, props: record("img", "CNAME", "bucket.oss-cn-beijing.aliyuncs.com"), provider: hangzhou },
        { name: "DNS CNAME to a literal OSS dual-stack hostname, other-only", type: ALIDNS, props: record("img2", "CNAME", "bucket.cn-shanghai.oss.aliyuncs.com"), provider: hangzhou },
        { name: "DNS CNAME to a literal ALB hostname outside the mainland, other-only", type: ALIDNS, props: record("www", "CNAME", "alb-abc.ap-southeast-1.alb.aliyuncsslbintl.com"), provider: hangzhou },
        { name: "DNS CNAME to a literal FC hostname in cn-hongkong, other-only", type: ALIDNS, props: record("fn", "CNAME", "myfn-x.cn-hongkong.fcapp.run"), provider: hangzhou },
        { name: "DNS CNAME to a literal mainland ALB hostname, unfiled (ICP001, not this policy)", type: ALIDNS, props: record("www", "CNAME", "alb-abc123.cn-hangzhou.alb.aliyuncsslb.com", "unfiled.com"), provider: hangzhou },
        { name: "DNS URL forwarding record, other-only (served by Alibaba DNS, any filing)", type: ALIDNS, props: record("go", "REDIRECT_URL", "https://elsewhere.example.org"), provider: hangzhou },
        { name: "DNS CNAME to a literal CDN hostname, other-only (scope unknown, CDN accepts any filing)", type: ALIDNS, props: record("static", "CNAME", "static.filed-other.com.w.kunlunsl.com"), provider: hangzhou },
        { name: "DNS CNAME to GitHub Pages, other-only", type: ALIDNS, props: record("docs", "CNAME", "example.github.io"), provider: hangzhou },
        { name: "DNS A record with an unplaced literal IP, other-only, is left to the stack pass", type: ALIDNS, props: record("www", "A", "203.0.113.7"), provider: hangzhou },
        { name: "DNS A record whose value is unknown at preview, other-only, is left to the stack pass", type: ALIDNS, props: record("www", "A", UNKNOWN), provider: hangzhou },
        { name: "DNS TXT record mentioning a mainland hostname, other-only, is not a web binding", type: ALIDNS, props: record("@", "TXT", "myfn-x.cn-hangzhou.fcapp.run"), provider: hangzhou },
        { name: "DNS disabled CNAME to a mainland FC hostname, other-only", type: ALIDNS, props: { ...record("fn", "CNAME", "myfn-x.cn-hangzhou.fcapp.run"), status: "DISABLE" }, provider: hangzhou },
        { name: "Cloudflare proxied CNAME to a mainland FC hostname, other-only (Cloudflare's edge serves it)", type: CLOUDFLARE, props: { zoneId: "z", name: "fn.filed-other.com", type: "CNAME", content: "myfn-x.cn-hangzhou.fcapp.run", proxied: true } },
        {
            name: "DNS A record into a configured mainland CIDR, filed at Alibaba",
            type: ALIDNS,
            props: record("@", "A", "47.96.1.2", "filed-alibaba.com"),
            provider: hangzhou,
            policyConfigs: { "icp-binding-undecidable": { mainlandCidrs: ["47.96.0.0/16"] } },
        },
        // Config.
        {
            name: "alsoRequireAlibabaFor another type does not affect CDN",
            type: CDN,
            props: cdn("static.filed-other.com"),
            config: { alsoRequireAlibabaFor: [WAF3] },
        },
        {
            name: "alsoRequireAlibabaFor WAF 3.0, filed at Alibaba",
            type: WAF3,
            props: wafv3("www.filed-alibaba.com"),
            provider: hangzhou,
            config: { alsoRequireAlibabaFor: [WAF3] },
        },
        {
            name: "alsoRequireAlibabaFor WAF 3.0, other-only but outside the mainland",
            type: WAF3,
            props: wafv3("www.filed-other.com"),
            provider: provider("ap-southeast-1"),
            config: { alsoRequireAlibabaFor: [WAF3] },
        },
    ],
    invalid: [
        {
            name: "FC custom domain, filed only at another provider",
            type: FC,
            props: fc("api.filed-other.com"),
            provider: hangzhou,
            errors: [{ ...otherOnly, data: { ...otherOnly.data, domain: "api.filed-other.com", property: "domainName" }, messageIncludes: ["接入阿里云", "cn-hangzhou", "FC CreateCustomDomain", 'add "alibaba" to accessProviders'] }],
        },
        { name: "FC 3.0 custom domain, filed only at another provider", type: FC3, props: fc3("fn.filed-other.com"), provider: hangzhou, errors: [{ ...otherOnly, data: { ...otherOnly.data, property: "customDomainName" } }] },
        { name: "API gateway, filed only at another provider", type: APIG, props: { domainName: "api.filed-other.com" }, provider: provider("cn-shenzhen"), errors: [otherOnly] },
        {
            name: "SAE ingress, namespace region, one of two rules other-only",
            type: SAE,
            props: sae("cn-shanghai:prod", "ok.filed-alibaba.com", "app.filed-other.com"),
            provider: provider("ap-southeast-1"),
            errors: [{ ...otherOnly, data: { ...otherOnly.data, property: "rules[1].domain" }, messageIncludes: ["namespaceId"] }],
        },
        {
            name: "ALB host condition with two other-only hosts",
            type: ALB,
            props: albHosts("a.filed-other.com", "*.filed-other.com"),
            provider: hangzhou,
            errors: [
                { ...otherOnly, data: { ...otherOnly.data, property: "ruleConditions[0].hostConfig.values[0]" } },
                { ...otherOnly, data: { ...otherOnly.data, property: "ruleConditions[0].hostConfig.values[1]" } },
            ],
        },
        { name: "CLB rule, filed only at another provider", type: SLB, props: { domain: "www.filed-other.com", loadBalancerId: "lb", frontendPort: 80 }, provider: hangzhou, errors: [otherOnly] },
        { name: "CLB HTTPS domain extension, filed only at another provider", type: SLB_EXT, props: { domain: "secure.filed-other.com", loadBalancerId: "lb", frontendPort: 443 }, provider: hangzhou, errors: [otherOnly] },
        {
            name: "FC, other-only, no region anywhere: provider default cn-beijing",
            type: FC,
            props: fc("api.filed-other.com"),
            provider: provider(),
            errors: [{ ...otherOnly, messageIncludes: ["cn-beijing", "the provider's default"] }],
        },
        {
            name: "FC, other-only, region from ALIBABA_CLOUD_REGION",
            type: FC,
            props: fc("api.filed-other.com"),
            provider: provider(""),
            regions: { environmentRegion: "cn-qingdao", environmentVariable: "ALIBABA_CLOUD_REGION" },
            errors: [{ ...otherOnly, messageIncludes: ["environment variable ALIBABA_CLOUD_REGION"] }],
        },
        { name: "FC, other-only, finance cloud region", type: FC, props: fc("api.filed-other.com"), provider: provider("cn-shanghai-finance-1"), errors: [otherOnly] },
        { name: "FC, other-only, unrecognised cn-* region treated as mainland", type: FC, props: fc("api.filed-other.com"), provider: provider("cn-newcity-1"), errors: [otherOnly] },
        {
            name: "FC, upper case and trailing dot, other-only",
            type: FC,
            props: fc("API.Filed-Other.COM."),
            provider: hangzhou,
            errors: [{ ...otherOnly, data: { ...otherOnly.data, domain: "api.filed-other.com" } }],
        },
        {
            name: "DNS CNAME to a literal mainland FC 3.0 hostname, other-only",
            type: ALIDNS,
            props: record("fn", "CNAME", "myfn-x.cn-hangzhou.fcapp.run"),
            provider: hangzhou,
            errors: [
                {
                    ...recordOtherOnly,
                    data: { ...recordOtherOnly.data, record: "DNS record fn.filed-other.com CNAME", domain: "fn.filed-other.com", endpoint: "Function Compute (hostname myfn-x.cn-hangzhou.fcapp.run)" },
                    messageIncludes: ["cn-hangzhou", "接入阿里云", "tencent"],
                },
            ],
        },
        {
            name: "DNS CNAME to a literal mainland ALB hostname, other-only",
            type: ALIDNS,
            props: record("www", "CNAME", "alb-abc123.cn-shanghai.alb.aliyuncsslb.com."),
            provider: hangzhou,
            errors: [{ ...recordOtherOnly, data: { ...recordOtherOnly.data, record: "DNS record www.filed-other.com CNAME" }, messageIncludes: ["cn-shanghai", "接入阿里云"] }],
        },
        { name: "DNS CNAME to a legacy mainland ALB hostname (alb.aliyuncs.com), other-only", type: ALIDNS, props: record("api", "CNAME", "alb-abc.cn-beijing.alb.aliyuncs.com"), provider: hangzhou, errors: [recordOtherOnly] },
        { name: "DNS CNAME to a mainland NLB hostname, other-only", type: ALIDNS, props: record("tcp", "CNAME", "nlb-abc.cn-shenzhen.nlb.aliyuncsslb.com"), provider: hangzhou, errors: [recordOtherOnly] },
        { name: "DNS CNAME to a mainland API Gateway hostname, other-only", type: ALIDNS, props: record("api", "CNAME", "0123456789abcdef0123456789abcdef-cn-shanghai.alicloudapi.com"), provider: hangzhou, errors: [recordOtherOnly] },
        { name: "DNS wildcard CNAME to a mainland FC 2.0 hostname, other-only", type: ALIDNS, props: record("*", "CNAME", "1234567890.cn-qingdao.fc.aliyuncs.com"), provider: hangzhou, errors: [{ ...recordOtherOnly, data: { ...recordOtherOnly.data, record: "DNS record *.filed-other.com CNAME" } }] },
        { name: "legacy dns.Record CNAME to a mainland FC hostname, other-only", type: "alicloud:dns/record:Record", props: { name: "filed-other.com", hostRecord: "fn", type: "CNAME", value: "myfn-x.cn-hangzhou-vpc.fcapp.run" }, provider: hangzhou, errors: [recordOtherOnly] },
        {
            name: "Cloudflare unproxied CNAME to a mainland FC hostname, other-only",
            type: CLOUDFLARE,
            props: { zoneId: "z", name: "fn.filed-other.com", type: "CNAME", content: "myfn-abc.cn-shanghai.fcapp.run", proxied: false },
            errors: [{ ...recordOtherOnly, data: { ...recordOtherOnly.data, record: "DNS record fn.filed-other.com CNAME" } }],
        },
        {
            name: "Route 53 A record into a configured mainland CIDR, other-only",
            type: "aws:route53/record:Record",
            props: { name: "www.filed-other.com", type: "A", zoneId: "Z1", ttl: 300, records: ["47.96.1.2"] },
            policyConfigs: { "icp-binding-undecidable": { mainlandCidrs: ["47.96.0.0/16"] } },
            errors: [{ ...recordOtherOnly, messageIncludes: ["mainlandCidrs"] }],
        },
        {
            name: "DNS CNAME to a configured mainland hostname suffix, other-only",
            type: ALIDNS,
            props: record("api", "CNAME", "lb.origin.corp-example.com"),
            provider: hangzhou,
            policyConfigs: { "icp-binding-undecidable": { mainlandHostnameSuffixes: ["origin.corp-example.com"] } },
            errors: [{ ...recordOtherOnly, messageIncludes: ["mainlandHostnameSuffixes"] }],
        },
        {
            name: "DNS record with a secret name is decided but never shown",
            type: ALIDNS,
            props: record("fn", "CNAME", "myfn-x.cn-hangzhou.fcapp.run"),
            provider: hangzhou,
            secretProps: ["domainName"],
            errors: [{ messageId: RECORD_NOT_ACCESSED, data: { domain: SECRET_DOMAIN }, messageExcludes: ["filed-other.com"] }],
        },
        {
            name: "alsoRequireAlibabaFor WAF 3.0, filed only at another provider",
            type: WAF3,
            props: wafv3("www.filed-other.com"),
            provider: hangzhou,
            config: { alsoRequireAlibabaFor: [WAF3] },
            errors: [{ ...otherOnly, data: { ...otherOnly.data, accessSource: "required by this pack's alsoRequireAlibabaFor setting" }, messageIncludes: ["alsoRequireAlibabaFor"] }],
        },
        {
            name: "alsoRequireAlibabaFor CDN, other-only, global scope",
            type: CDN,
            props: cdn("static.filed-other.com", "global"),
            config: { alsoRequireAlibabaFor: [CDN, OSS] },
            errors: [{ ...otherOnly, messageIncludes: ['scope "global"', 'set scope: "overseas"'] }],
        },
        {
            name: "alsoRequireAlibabaFor OSS, other-only, mainland bucket",
            type: OSS,
            props: { bucket: "b", domain: "img.filed-other.com" },
            provider: hangzhou,
            config: { alsoRequireAlibabaFor: [OSS] },
            errors: [otherOnly],
        },
    ],
    stackValid: [
        { name: "ACK Ingress host filed at Alibaba", resources: onAckCluster((p) => [ingress("storefront", rules(["www.filed-alibaba.com"]), p)]) },
        { name: "ACK Ingress in cn-hongkong, filed at another provider", resources: onAckCluster((p) => [ingress("storefront", rules(["www.filed-other.com"]), p)], "cn-hongkong") },
        { name: "stack: CNAME to a domestic CDN domain, other-only (CDN accepts any filing)", resources: [cdnDomain("cdn", "static.filed-other.com", "domestic"), alidns("static", "filed-other.com", "static", "CNAME", UNKNOWN, ["cdn"])] },
        { name: "stack: CNAME to a CDN domain whose scope is left out, other-only", resources: [cdnDomain("cdn", "static.filed-other.com"), cloudflare("static", "static.filed-other.com", "CNAME", UNKNOWN, { valueFrom: ["cdn"], proxied: false })] },
        { name: "stack: A record to an EIP in cn-hongkong, other-only", resources: [eip("eip", UNKNOWN, HONGKONG), alidns("www", "filed-other.com", "www", "A", UNKNOWN, ["eip"])] },
        { name: "stack: CNAME to an ALB whose regionId output is outside the mainland, other-only", resources: [alb("alb", { regionId: "ap-southeast-1" }), alidns("api", "filed-other.com", "api", "CNAME", UNKNOWN, ["alb"])] },
        { name: "stack: A record to a mainland EIP, filed at Tencent and Alibaba", resources: [eip("eip"), alidns("www", "shop.com.cn", "www", "A", UNKNOWN, ["eip"])] },
        { name: "stack: A record to a mainland EIP, filed at Alibaba", resources: [eip("eip"), alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["eip"])] },
        { name: "stack: A record to a mainland EIP, unfiled (ICP001, not this policy)", resources: [eip("eip"), alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["eip"])] },
        { name: "stack: undecidable target (unknown, no dependency), other-only, is ICP003", resources: [alidns("www", "filed-other.com", "www", "A", UNKNOWN)] },
        { name: "stack: unplaced literal IP, other-only, is ICP003", resources: [route53("www", "www.filed-other.com", "A", ["203.0.113.9"])] },
        { name: "stack: CNAME to an OSS bucket in a mainland region, other-only", resources: [{ name: "bucket", type: "alicloud:oss/bucket:Bucket", props: { bucket: "b", extranetEndpoint: UNKNOWN, location: UNKNOWN }, provider: HANGZHOU }, alidns("img", "filed-other.com", "img", "CNAME", UNKNOWN, ["bucket"])] },
        { name: "stack: A record to an intranet CLB address, other-only", resources: [{ name: "clb", type: "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer", props: { addressType: "intranet", address: UNKNOWN }, provider: HANGZHOU }, alidns("www", "filed-other.com", "www", "A", UNKNOWN, ["clb"])] },
        { name: "stack: Cloudflare proxied record to a mainland EIP, other-only", resources: [eip("eip"), cloudflare("www", "www.filed-other.com", "A", UNKNOWN, { valueFrom: ["eip"], proxied: true })] },
        { name: "stack: TXT record depending on a mainland EIP, other-only", resources: [eip("eip"), alidns("txt", "filed-other.com", "@", "TXT", UNKNOWN, ["eip"])] },
        { name: "stack: disabled record to a mainland EIP, other-only", resources: [eip("eip"), alidns("www", "filed-other.com", "www", "A", UNKNOWN, ["eip"], { status: "DISABLE" })] },
        { name: "stack: record decided alone is reported per resource, not again by the stack", resources: [alidns("fn", "filed-other.com", "fn", "CNAME", "myfn-x.cn-hangzhou.fcapp.run")] },
        {
            name: "stack: ESA record proxied through a domestic site, other-only (ESA accepts any filing)",
            resources: [
                { name: "site", type: "alicloud:esa/site:Site", props: { siteName: "filed-other.com", coverage: "domestic", accessType: "NS", instanceId: "i" }, provider: HANGZHOU },
                { name: "rec", type: "alicloud:esa/record:Record", props: { siteId: UNKNOWN, recordName: "www.filed-other.com", recordType: "A/AAAA", proxied: true, data: { value: "1.2.3.4" } }, dependsOn: { siteId: ["site"] } },
            ],
        },
        {
            name: "stack: A record to an EIP whose provider region is unknown, other-only, is ICP003",
            resources: [eip("eip", UNKNOWN, { ...provider(UNKNOWN, "unknown-region") }), alidns("www", "filed-other.com", "www", "A", UNKNOWN, ["eip"])],
        },
    ],
    stackInvalid: [
        {
            name: "stack: CLB rule on an intranet CLB with an associated EIP, filed at another provider only (issue #21)",
            resources: [clb("clb", "intranet"), clbRule("rule", "clb", "www.filed-other.com"), eip("eip"), eipAssociation("assoc", "eip", "clb", "SlbInstance")],
            errors: [{ resource: "rule", messageId: "notAccessedAtAlibaba", messageIncludes: ['or remove EIP ecs.EipAddress "eip" (ecs.EipAssociation "assoc") from the intranet load balancer'] }],
        },
        {
            name: "catalog: A record of a domain filed only at another provider, to another stack's mainland EIP",
            catalog: testCatalog,
            resources: [alidns("app", "filed-other.com", "app", "A", "47.97.10.1")],
            errors: [{ resource: "app", messageId: "recordNotAccessedAtAlibaba", messageIncludes: ['EIP (ecs.EipAddress) "web-eip" of stack acme/infra/prod', "接入阿里云"] }],
        },
        {
            name: "ACK Ingress in a mainland cluster, filed at another provider only: ACK's load balancers need 接入阿里云",
            resources: onAckCluster((p) => [ingress("storefront", rules(["www.filed-other.com"], "nginx"), p)]),
            errors: [{ resource: "storefront", messageId: "notAccessedAtAlibaba", data: { registrable: "filed-other.com" }, messageIncludes: ["nginx-ingress-controller", "KUBERNETES-ON-ACK.md A.2"] }],
        },
        {
            name: "stack: preview A record to a new mainland EIP, other-only",
            resources: [eip("web-eip"), alidns("www", "filed-other.com", "www", "A", UNKNOWN, ["web-eip"])],
            errors: [
                {
                    ...recordOtherOnly,
                    resource: "www",
                    data: { ...recordOtherOnly.data, record: "DNS record www.filed-other.com A", endpoint: 'EIP (ecs.EipAddress) ecs.EipAddress "web-eip"', via: 'its value comes from ecs.EipAddress "web-eip"' },
                    messageIncludes: ["cn-hangzhou", "接入阿里云", "tencent"],
                },
            ],
        },
        {
            name: "stack: legacy dns.Record A record to an ECS instance's public IP, other-only",
            resources: [{ name: "vm", type: "alicloud:ecs/instance:Instance", props: { publicIp: UNKNOWN, instanceType: "ecs.g7.large" }, provider: HANGZHOU }, legacyRecord("www", "filed-other.com", "www", "A", UNKNOWN, ["vm"])],
            errors: [{ ...recordOtherOnly, resource: "www", data: { ...recordOtherOnly.data, endpoint: 'ECS instance (ecs.Instance) ecs.Instance "vm"' } }],
        },
        {
            name: "stack: A record to an Internet CLB, other-only",
            resources: [{ name: "clb", type: "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer", props: { addressType: "internet", address: UNKNOWN }, provider: provider("cn-shenzhen") }, alidns("www", "filed-other.com", "www", "A", UNKNOWN, ["clb"])],
            errors: [{ ...recordOtherOnly, resource: "www", messageIncludes: ["cn-shenzhen"] }],
        },
        {
            name: "stack: CNAME to a mainland ALB (provider region), other-only",
            resources: [alb("alb"), alidns("api", "filed-other.com", "api", "CNAME", UNKNOWN, ["alb"])],
            errors: [{ ...recordOtherOnly, resource: "api", data: { ...recordOtherOnly.data, endpoint: 'ALB (alb.LoadBalancer) alb.LoadBalancer "alb"' } }],
        },
        {
            name: "stack: CNAME to an ALB whose regionId output is mainland although its provider is Hong Kong, other-only",
            resources: [alb("alb", { regionId: "cn-shanghai" }, HONGKONG), cloudflare("api", "api.filed-other.com", "CNAME", UNKNOWN, { valueFrom: ["alb"], proxied: false })],
            errors: [{ ...recordOtherOnly, resource: "api", messageIncludes: ["cn-shanghai"] }],
        },
        {
            name: "stack: A record to an SAE Internet load balancer, other-only",
            resources: [
                { name: "sae-lb", type: "alicloud:sae/loadBalancerInternet:LoadBalancerInternet", props: { appId: "app", internetIp: UNKNOWN, internets: [{ port: 80, protocol: "HTTP", targetPort: 8080 }] }, provider: HANGZHOU },
                alidns("app", "filed-other.com", "app", "A", UNKNOWN, ["sae-lb"]),
            ],
            errors: [{ ...recordOtherOnly, resource: "app", data: { ...recordOtherOnly.data, endpoint: 'SAE Internet load balancer (sae.LoadBalancerInternet) sae.LoadBalancerInternet "sae-lb"' } }],
        },
        {
            name: "stack: refreshed state, Route 53 A record whose literal IP is an EIP's output, other-only",
            resources: [eip("eip", "47.100.1.2"), route53("www", "www.filed-other.com", "A", ["47.100.1.2"])],
            errors: [{ ...recordOtherOnly, resource: "www", data: { ...recordOtherOnly.data, record: "DNS record www.filed-other.com A" }, messageIncludes: ['is an output of ecs.EipAddress "eip"'] }],
        },
        {
            name: "stack: two other-only records, one to a mainland EIP and one to a Hong Kong EIP",
            resources: [
                eip("cn-eip"),
                eip("hk-eip", UNKNOWN, HONGKONG),
                alidns("www", "filed-other.com", "www", "A", UNKNOWN, ["cn-eip"]),
                alidns("hk", "filed-other.com", "hk", "A", UNKNOWN, ["hk-eip"]),
                alidns("api", "filed-other.com", "api", "A", UNKNOWN, ["cn-eip"]),
            ],
            errors: [
                { ...recordOtherOnly, resource: "www" },
                { ...recordOtherOnly, resource: "api" },
            ],
        },
        {
            name: "stack: Cloudflare relative name completed from its zone, other-only",
            resources: [{ name: "zone", type: "cloudflare:index/zone:Zone", props: { zone: "filed-other.com", accountId: "a" } }, eip("eip"), cloudflare("www", "www", "A", UNKNOWN, { valueFrom: ["eip"], zoneFrom: ["zone"] })],
            errors: [{ ...recordOtherOnly, resource: "www", data: { ...recordOtherOnly.data, record: "DNS record www.filed-other.com A" } }],
        },
    ],
});
