import policy from "../../policies/icp-domain-unfiled";
import { ruleTester } from "../helpers/rule-tester";
import { provider } from "../helpers/fixtures";
import { UNKNOWN } from "../../lib/values";
import { SECRET_DOMAIN } from "../../lib/explain";

const CDN = "alicloud:cdn/domainNew:DomainNew";
const cdn = (domainName: unknown, scope?: unknown) => ({ domainName, cdnType: "web", sources: [{ content: "1.1.1.1", type: "ipaddr" }], ...(scope === undefined ? {} : { scope }) });
const OSS = "alicloud:oss/bucketCname:BucketCname";
const hangzhou = provider("cn-hangzhou");

ruleTester(policy, {
    valid: [
        { name: "CDN, filed at Alibaba, default scope", type: CDN, props: cdn("static.filed-alibaba.com") },
        { name: "CDN, filed at another provider, global scope (any provider accepted)", type: CDN, props: cdn("static.filed-other.com", "global") },
        { name: "CDN, unfiled, overseas scope", type: CDN, props: cdn("static.unfiled.com", "overseas") },
        { name: "CDN, unfiled, scope unknown at preview (undecidable, not this policy)", type: CDN, props: cdn("static.unfiled.com", UNKNOWN) },
        { name: "CDN, domain unknown at preview", type: CDN, props: cdn(UNKNOWN) },
        { name: "wildcard under a filed domain", type: CDN, props: cdn("*.filed-alibaba.com") },
        { name: "IDN in Unicode under a filed IDN", type: CDN, props: cdn("www.例子.中国") },
        { name: "IDN in punycode under a filed IDN", type: CDN, props: cdn("www.xn--fsqu00a.xn--fiqs8s") },
        { name: "upper case and trailing dot", type: CDN, props: cdn("WWW.Filed-Alibaba.COM.") },
        { name: "subdomain under a public suffix (shop.com.cn filed)", type: CDN, props: cdn("www.shop.com.cn") },
        { name: "OSS custom domain in cn-hongkong, unfiled", type: OSS, props: { bucket: "b", domain: "img.unfiled.com" }, provider: provider("cn-hongkong") },
        { name: "OSS custom domain in an unlisted ap- region, unfiled", type: OSS, props: { bucket: "b", domain: "img.unfiled.com" }, provider: provider("ap-southeast-9") },
        {
            name: "FC custom domain, unfiled, region eu-central-1 from stack config",
            type: "alicloud:fc/customDomain:CustomDomain",
            props: { domainName: "api.unfiled.com", protocol: "HTTP" },
            provider: provider(),
            regions: { stackConfigRegion: "eu-central-1" },
        },
        { name: "provider region unknown at preview", type: OSS, props: { bucket: "b", domain: "img.unfiled.com" }, provider: provider(UNKNOWN) },
        { name: "DCDN list, all filed", type: "alicloud:dcdn/domain:Domain", props: { domainName: "a.filed-alibaba.com,b.filed-other.com" } },
        {
            name: "ALB rule with only a path condition",
            type: "alicloud:alb/rule:Rule",
            props: { listenerId: "l", priority: 1, ruleName: "r", ruleConditions: [{ type: "Path", pathConfig: { values: ["/a"] } }] },
            provider: hangzhou,
        },
        { name: "resource type that binds no domain", type: "alicloud:ecs/instance:Instance", props: { instanceType: "ecs.g7.large" }, provider: hangzhou },
        { name: "CLB rule with an IP address instead of a domain", type: "alicloud:slb/rule:Rule", props: { domain: "10.0.0.1", loadBalancerId: "lb" }, provider: hangzhou },
        { name: "SAE ingress in a Hong Kong namespace", type: "alicloud:sae/ingress:Ingress", props: { namespaceId: "cn-hongkong:prod", rules: [{ appId: "a", appName: "a", containerPort: 80, domain: "app.unfiled.com", path: "/" }] }, provider: hangzhou },
    ],
    invalid: [
        {
            name: "CDN, unfiled, scope left out (defaults to domestic)",
            type: CDN,
            props: cdn("static.unfiled.com"),
            errors: [{ messageId: "unfiled", data: { domain: "static.unfiled.com", registrable: "unfiled.com" }, messageIncludes: ['defaults to "domestic"', 'scope (coverage for ESA) to "overseas"', "ICP备案"] }],
        },
        { name: "CDN, unfiled, global scope", type: CDN, props: cdn("static.unfiled.com", "global"), errors: [{ messageId: "unfiled", messageIncludes: ['scope "global"'] }] },
        { name: "legacy cdn.Domain, unfiled", type: "alicloud:cdn/domain:Domain", props: { domainName: "old.unfiled.com", cdnType: "web" }, errors: [{ messageId: "unfiled" }] },
        {
            name: "DCDN list with one unfiled domain",
            type: "alicloud:dcdn/domain:Domain",
            props: { domainName: "a.filed-alibaba.com, b.unfiled.com", scope: "domestic" },
            errors: [{ messageId: "unfiled", data: { domain: "b.unfiled.com", property: "domainName (item 2)" } }],
        },
        { name: "DCDN IPA, global scope", type: "alicloud:dcdn/ipaDomain:IpaDomain", props: { domainName: "ipa.unfiled.com", scope: "global", sources: [] }, errors: [{ messageId: "unfiled" }] },
        { name: "VOD leading-dot wildcard, unfiled", type: "alicloud:vod/domain:Domain", props: { domainName: ".unfiled.com", sources: [] }, errors: [{ messageId: "unfiled", data: { domain: "unfiled.com" } }] },
        {
            name: "Live domain: scope decides, not the live region",
            type: "alicloud:live/domain:Domain",
            props: { domainName: "live.unfiled.com", domainType: "liveVideo", region: "ap-southeast-1", scope: "domestic" },
            errors: [{ messageId: "unfiled" }],
        },
        { name: "SCDN has no scope and serves the mainland", type: "alicloud:scdn/domain:Domain", props: { domainName: "s.unfiled.com", sources: [] }, errors: [{ messageId: "unfiled" }] },
        { name: "ESA site with global coverage", type: "alicloud:esa/site:Site", props: { siteName: "unfiled.com", accessType: "NS", instanceId: "i", coverage: "global" }, errors: [{ messageId: "unfiled" }] },
        { name: "OSS custom domain in cn-hangzhou", type: OSS, props: { bucket: "b", domain: "img.unfiled.com" }, provider: hangzhou, errors: [{ messageId: "unfiled", messageIncludes: ["cn-hangzhou", "outside the Chinese mainland (e.g. cn-hongkong"] }] },
        {
            name: "FC 3.0 custom domain, no region anywhere: provider default cn-beijing",
            type: "alicloud:fc/v3CustomDomain:V3CustomDomain",
            props: { customDomainName: "fn.unfiled.com", protocol: "HTTP" },
            provider: provider(),
            errors: [{ messageId: "unfiled", messageIncludes: ["cn-beijing", "the provider's default"] }],
        },
        {
            name: "FC custom domain, region from ALICLOUD_REGION",
            type: "alicloud:fc/customDomain:CustomDomain",
            props: { domainName: "fn.unfiled.com", protocol: "HTTP" },
            provider: provider(),
            regions: { environmentRegion: "cn-shanghai", environmentVariable: "ALICLOUD_REGION" },
            errors: [{ messageId: "unfiled", messageIncludes: ["environment variable ALICLOUD_REGION"] }],
        },
        {
            name: "WAF 3.0 domain, region from stack config",
            type: "alicloud:wafv3/domain:Domain",
            props: { domain: "www.unfiled.com", instanceId: "waf", listen: {}, redirect: { loadbalance: "iphash" } },
            regions: { stackConfigRegion: "cn-hangzhou" },
            errors: [{ messageId: "unfiled", messageIncludes: ["stack config alicloud:region"] }],
        },
        { name: "legacy WAF domain using the deprecated domain input", type: "alicloud:waf/domain:Domain", props: { domain: "www.unfiled.com", instanceId: "waf" }, provider: hangzhou, errors: [{ messageId: "unfiled" }] },
        { name: "API gateway domain", type: "alicloud:apig/domain:Domain", props: { domainName: "api.unfiled.com" }, provider: provider("cn-shenzhen"), errors: [{ messageId: "unfiled" }] },
        {
            name: "SAE ingress: namespace region, one of two rules unfiled",
            type: "alicloud:sae/ingress:Ingress",
            props: {
                namespaceId: "cn-shenzhen:prod",
                slbId: "lb",
                listenerPort: 80,
                rules: [
                    { appId: "a", appName: "a", containerPort: 80, domain: "ok.filed-alibaba.com", path: "/" },
                    { appId: "b", appName: "b", containerPort: 80, domain: "app.unfiled.com", path: "/" },
                ],
            },
            provider: provider("ap-southeast-1"),
            errors: [{ messageId: "unfiled", data: { property: "rules[1].domain" }, messageIncludes: ["namespaceId"] }],
        },
        {
            name: "ALB host condition with an unfiled and a filed host",
            type: "alicloud:alb/rule:Rule",
            props: { listenerId: "l", priority: 1, ruleName: "r", ruleConditions: [{ type: "Host", hostConfig: { values: ["*.unfiled.com", "www.filed-alibaba.com"] } }], ruleActions: [] },
            provider: hangzhou,
            errors: [{ messageId: "unfiled", data: { property: "ruleConditions[0].hostConfig.values[0]", domain: "unfiled.com" } }],
        },
        { name: "CLB rule domain", type: "alicloud:slb/rule:Rule", props: { domain: "www.unfiled.com", loadBalancerId: "lb", frontendPort: 80 }, provider: hangzhou, errors: [{ messageId: "unfiled" }] },
        { name: "CLB HTTPS domain extension", type: "alicloud:slb/domainExtension:DomainExtension", props: { domain: "secure.unfiled.com", loadBalancerId: "lb", frontendPort: 443 }, provider: hangzhou, errors: [{ messageId: "unfiled" }] },
        {
            name: "Anti-DDoS Pro domain (mainland provider region)",
            type: "alicloud:ddos/domainResource:DomainResource",
            props: { domain: "www.unfiled.com", instanceIds: ["i"], proxyTypes: [{ proxyPorts: [80], proxyType: "http" }], realServers: ["1.1.1.1"], rsType: 0 },
            provider: hangzhou,
            errors: [{ messageId: "unfiled" }],
        },
        { name: "unrecognised cn-* region is treated as mainland", type: OSS, props: { bucket: "b", domain: "img.unfiled.com" }, provider: provider("cn-newcity-1"), errors: [{ messageId: "unfiled", messageIncludes: ["unrecognised cn-* region"] }] },
        { name: "finance cloud region is mainland", type: OSS, props: { bucket: "b", domain: "img.unfiled.com" }, provider: provider("cn-shanghai-finance-1"), errors: [{ messageId: "unfiled" }] },
        { name: "subdomain under com.cn resolves to its own registrable domain", type: CDN, props: cdn("www.unfiled.com.cn"), errors: [{ messageId: "unfiled", data: { registrable: "unfiled.com.cn" } }] },
        { name: "IDN in Unicode, unfiled, shown with its punycode", type: CDN, props: cdn("www.商店.中国"), errors: [{ messageId: "unfiled", data: { registrable: "商店.中国 (xn--czrs0t.xn--fiqs8s)" } }] },
        { name: "look-alike of a filed domain", type: CDN, props: cdn("filed-alibaba.com.evil.com"), errors: [{ messageId: "unfiled", data: { registrable: "evil.com" } }] },
        { name: "secret domain is decided but never shown", type: CDN, props: cdn("hidden.unfiled.com"), secretProps: ["domainName"], errors: [{ messageId: "unfiled", data: { domain: SECRET_DOMAIN }, messageExcludes: ["hidden.unfiled", "unfiled.com"] }] },
    ],
});
