import policy from "../../policies/icp-filing-not-accessed-at-alibaba";
import { ruleTester } from "../helpers/rule-tester";
import { provider } from "../helpers/fixtures";
import { UNKNOWN } from "../../lib/values";

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

const NOT_ACCESSED = "notAccessedAtAlibaba";
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
            provider: provider(),
            regions: { stackConfigRegion: "eu-central-1" },
        },
        // Unknowns and other policies' cases.
        { name: "FC, other-only, provider region unknown at preview (ICP003, not this policy)", type: FC, props: fc("api.filed-other.com"), provider: provider(UNKNOWN) },
        { name: "SAE, other-only, namespace unknown at preview (ICP003)", type: SAE, props: sae(UNKNOWN, "app.filed-other.com"), provider: hangzhou },
        { name: "FC, domain unknown at preview", type: FC, props: fc(UNKNOWN), provider: hangzhou },
        { name: "ALB, one host unknown at preview, the other filed at Alibaba", type: ALB, props: albHosts(UNKNOWN, "www.filed-alibaba.com"), provider: hangzhou },
        { name: "FC, unfiled domain (ICP001, not this policy)", type: FC, props: fc("api.unfiled.com"), provider: hangzhou },
        { name: "CLB rule with an IP address", type: SLB, props: { domain: "10.0.0.1", loadBalancerId: "lb" }, provider: hangzhou },
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
            errors: [{ ...otherOnly, messageIncludes: ['scope "global"', 'scope (coverage for ESA) to "overseas"'] }],
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
});
