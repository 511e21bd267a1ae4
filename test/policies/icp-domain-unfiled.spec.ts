import policy from "../../policies/icp-domain-unfiled";
import { ruleTester } from "../helpers/rule-tester";
import { provider } from "../helpers/fixtures";
import { parseRegistry } from "../../lib/model/registry";
import { UNKNOWN } from "../../lib/model/values";
import { SECRET_DOMAIN } from "../../lib/kit/explain";
import { testCatalog } from "../helpers/catalog-fixtures";
import { HANGZHOU, alb, albHostRule, albListener, anycastAttachment, clb, clbRule, alidns, cdnDomain, cloudflare, eip, eipAssociation, HONGKONG, legacyRecord, route53 } from "../helpers/stack-fixtures";
import { ackCluster, albConfig, gateway, httpRoute, ingress, ingressClass, k8sProvider, k8sProviderInput, onAckCluster, rules } from "../helpers/kubernetes-fixtures";

const ALIDNS = "alicloud:dns/alidnsRecord:AlidnsRecord";
const record = (rr: string, type: string, value: unknown, domainName = "unfiled.com") => ({ domainName, rr, type, value, ttl: 600 });

const CDN = "alicloud:cdn/domainNew:DomainNew";
const onlyDepartment = parseRegistry("filings:\n  - domain: edu.beijing.gov.cn\n    icp: 京ICP备05060934号-1\n    accessProviders: [alibaba]\n", "/registry/gov-units.yaml");
const parentOnly = parseRegistry("filings:\n  - domain: beijing.gov.cn\n    icp: 京ICP备05060933号-1\n    accessProviders: [alibaba]\n", "/registry/gov.yaml");
const cdn = (domainName: unknown, scope?: unknown) => ({ domainName, cdnType: "web", sources: [{ content: "1.1.1.1", type: "ipaddr" }], ...(scope === undefined ? {} : { scope }) });
const OSS = "alicloud:oss/bucketCname:BucketCname";
const hangzhou = provider("cn-hangzhou");
const ECS = "alicloud:ecs/instance:Instance";
const anycastEip = (name: string, serviceLocation: string) => ({ name, type: "alicloud:eipanycast/anycastEipAddress:AnycastEipAddress", props: { serviceLocation, paymentType: "PayAsYouGo" }, provider: HANGZHOU });

ruleTester(policy, {
    valid: [
        { name: "government department sub-domain with its own entry (the parent has none)", type: CDN, props: cdn("www.edu.beijing.gov.cn"), registry: onlyDepartment },
        { name: "government department sub-domain covered only by the parent's filing (filed; icp-government-domain advises)", type: CDN, props: cdn("health.beijing.gov.cn"), registry: parentOnly },
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
            provider: provider(undefined, "default_3_108_0"),
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
        { name: "DNS CNAME to a literal ALB hostname outside the mainland (aliyuncsslbintl.com)", type: ALIDNS, props: record("www", "CNAME", "alb-abc.ap-southeast-1.alb.aliyuncsslbintl.com"), provider: hangzhou },
        { name: "DNS CNAME to GitHub Pages: not an Alibaba endpoint", type: ALIDNS, props: record("docs", "CNAME", "example.github.io"), provider: hangzhou },
        { name: "DNS A record with an unplaced literal IP is left to the stack pass", type: ALIDNS, props: record("www", "A", "203.0.113.7"), provider: hangzhou },
        { name: "DNS A record whose value is unknown at preview is left to the stack pass", type: ALIDNS, props: record("www", "A", UNKNOWN), provider: hangzhou },
        { name: "DNS TXT record is not a web binding", type: ALIDNS, props: record("@", "TXT", "v=spf1 include:aliyun.com -all"), provider: hangzhou },
        { name: "DNS CNAME to a literal mainland OSS hostname, filed domain", type: ALIDNS, props: record("img", "CNAME", "bucket.oss-cn-beijing.aliyuncs.com", "filed-other.com"), provider: hangzhou },
        { name: "SAE ingress in a Hong Kong namespace", type: "alicloud:sae/ingress:Ingress", props: { namespaceId: "cn-hongkong:prod", rules: [{ appId: "a", appName: "a", containerPort: 80, domain: "app.unfiled.com", path: "/" }] }, provider: hangzhou },
    ],
    invalid: [
        {
            name: "a department's entry does not cover its parent or a sibling department",
            type: CDN,
            props: cdn("health.beijing.gov.cn"),
            registry: onlyDepartment,
            errors: [{ messageId: "unfiled", data: { registrable: "beijing.gov.cn" } }],
        },
        {
            name: "rr not known until apply, zone unfiled, literal mainland ALB hostname: blocked per resource",
            type: ALIDNS,
            props: record(UNKNOWN, "CNAME", "alb-abc.cn-hangzhou.alb.aliyuncsslb.com"),
            errors: [{ messageId: "recordUnfiled", data: { registrable: "unfiled.com" } }],
        },
        {
            name: "CDN, unfiled, scope left out (defaults to domestic)",
            type: CDN,
            props: cdn("static.unfiled.com"),
            errors: [{ messageId: "unfiled", data: { domain: "static.unfiled.com", registrable: "unfiled.com" }, messageIncludes: ['defaults to "domestic"', 'set scope: "overseas"', "ICP备案"] }],
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
            // The stack config reaches only the default provider; the SDK's Provider reads args.region ?? ALICLOUD_REGION.
            name: "WAF 3.0 domain on an explicit provider without region: a Hong Kong stack config does not apply, cn-beijing does",
            type: "alicloud:wafv3/domain:Domain",
            props: { domain: "www.unfiled.com", instanceId: "waf", listen: {}, redirect: { loadbalance: "iphash" } },
            provider: provider(),
            regions: { stackConfigRegion: "cn-hongkong" },
            noTerraformTwin: "stack config and default providers are Pulumi's",
            errors: [{ messageId: "unfiled", messageIncludes: ["cn-beijing", "the provider's default"] }],
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
        {
            name: "DNS CNAME to a literal mainland ALB hostname is blocked before the record is created",
            type: ALIDNS,
            props: record("www", "CNAME", "alb-abc123.cn-hangzhou.alb.aliyuncsslb.com"),
            provider: hangzhou,
            errors: [{ messageId: "recordUnfiled", data: { record: "DNS record www.unfiled.com CNAME", registrable: "unfiled.com" }, messageIncludes: ["cn-hangzhou (华东1（杭州）)", "接入阿里云"] }],
        },
        {
            name: "DNS CNAME to a literal mainland OSS hostname (any filing accepted)",
            type: ALIDNS,
            props: record("img", "CNAME", "bucket.oss-cn-beijing.aliyuncs.com."),
            provider: hangzhou,
            errors: [{ messageId: "recordUnfiled", messageIncludes: ["OSS (hostname bucket.oss-cn-beijing.aliyuncs.com)"], messageExcludes: ["接入阿里云"] }],
        },
        {
            name: "DNS A record into a configured mainland CIDR",
            type: ALIDNS,
            props: record("@", "A", "47.96.1.2"),
            provider: hangzhou,
            policyConfigs: { "icp-binding-undecidable": { mainlandCidrs: ["47.96.0.0/16"] } },
            errors: [{ messageId: "recordUnfiled", data: { record: "DNS record unfiled.com A" }, messageIncludes: ["mainlandCidrs"] }],
        },
        {
            name: "DNS CNAME to a configured mainland hostname suffix",
            type: ALIDNS,
            props: record("api", "CNAME", "lb.origin.corp-example.com"),
            provider: hangzhou,
            policyConfigs: { "icp-binding-undecidable": { mainlandHostnameSuffixes: ["origin.corp-example.com"] } },
            errors: [{ messageId: "recordUnfiled" }],
        },
        {
            name: "Alibaba DNS URL forwarding record is served from the mainland",
            type: ALIDNS,
            props: record("go", "REDIRECT_URL", "https://elsewhere.example.org"),
            provider: hangzhou,
            errors: [{ messageId: "recordUnfiled", messageIncludes: ["URL forwarding"] }],
        },
        {
            name: "Cloudflare CNAME to a literal Function Compute hostname",
            type: "cloudflare:index/record:Record",
            props: { zoneId: "z", name: "fn.unfiled.com", type: "CNAME", content: "myfn-abc.cn-shanghai.fcapp.run", proxied: false },
            errors: [{ messageId: "recordUnfiled", data: { record: "DNS record fn.unfiled.com CNAME" } }],
        },
        { name: "secret domain is decided but never shown", type: CDN, props: cdn("hidden.unfiled.com"), secretProps: ["domainName"], errors: [{ messageId: "unfiled", data: { domain: SECRET_DOMAIN }, messageExcludes: ["hidden.unfiled", "unfiled.com"] }] },
    ],
    stackValid: [
        // Kubernetes on ACK (lib/graph/kubernetes.ts): host names published through a cluster's load balancers.
        { name: "ACK Ingress host filed at Alibaba", resources: onAckCluster((p) => [ingress("storefront", rules(["www.filed-alibaba.com", "shop.例子.中国"], "alb"), p)]) },
        { name: "ACK Ingress on an intranet ALB (IngressClass → AlbConfig addressType Intranet), unfiled: no public address, no filing", resources: onAckCluster((p) => [ingressClass("alb", "ingress.k8s.alibabacloud/alb", "internal", p), albConfig("internal", { addressType: "Intranet" }, p), ingress("storefront", rules(["shop.unfiled.com"], "alb"), p)]) },
        { name: "ACK Ingress in a cn-hongkong cluster, unfiled", resources: onAckCluster((p) => [ingress("storefront", rules(["shop.unfiled.com"], "alb"), p)], "cn-hongkong") },
        { name: "ACK Ingress on a cluster the policy cannot place, unfiled (undecidable, not this policy)", resources: [ingress("storefront", rules(["shop.unfiled.com"], "alb"), k8sProviderInput("default_4_34_2"))] },
        { name: "ACK Ingress rule without a host (IP-only), TLS hosts listed but every rule has a host", resources: onAckCluster((p) => [ingress("storefront", rules(["www.filed-alibaba.com"], "alb", [{ hosts: ["tls.unfiled.com"] }]), p)]) },
        { name: "SAE ingress on an intranet CLB (slbId), unfiled", resources: [clb("clb", "intranet"), { name: "ingress", type: "alicloud:sae/ingress:Ingress", props: { namespaceId: "cn-hangzhou:prod", slbId: UNKNOWN, listenerPort: 80, rules: [{ domain: "app.unfiled.com", appId: "a", appName: "app", containerPort: 8080, path: "/" }] }, provider: HANGZHOU, dependsOn: { slbId: ["clb"] } }] },
        { name: "internal record whose value comes from an ECS instance with no public bandwidth (its private IP)", resources: [{ name: "vm", type: "alicloud:ecs/instance:Instance", props: { instanceType: "ecs.g7.large", internetMaxBandwidthOut: 0, privateIp: UNKNOWN, publicIp: UNKNOWN }, provider: HANGZHOU }, alidns("db", "unfiled.com", "db", "A", UNKNOWN, ["vm"])] },
        { name: "ALB host rule on an Intranet ALB (through the listener), unfiled: no public address, no filing", resources: [alb("alb", { addressType: "Intranet" }), albListener("listener", "alb"), albHostRule("rule", "listener", ["www.unfiled.com"])] },
        { name: "CLB rule on an intranet slb.ApplicationLoadBalancer, unfiled", resources: [clb("clb", "intranet"), { name: "rule", type: "alicloud:slb/rule:Rule", props: { loadBalancerId: UNKNOWN, frontendPort: 80, name: "r", domain: "www.unfiled.com", serverGroupId: "sg" }, provider: HANGZHOU, dependsOn: { loadBalancerId: ["clb"] } }] },
        { name: "CLB domain extension on an intranet legacy slb.LoadBalancer, unfiled", resources: [clb("clb", "intranet", true), { name: "ext", type: "alicloud:slb/domainExtension:DomainExtension", props: { loadBalancerId: UNKNOWN, frontendPort: 443, domain: "secure.unfiled.com", serverCertificateId: "c" }, provider: HANGZHOU, dependsOn: { loadBalancerId: ["clb"] } }] },
        { name: "ALB host rule on an Internet ALB in Hong Kong, unfiled", resources: [alb("alb", {}, HONGKONG), albListener("listener", "alb"), albHostRule("rule", "listener", ["www.unfiled.com"])] },
        { name: "rr not known until apply, zone filed at Alibaba, mainland EIP (decided from the zone's registrable domain)", resources: [eip("eip"), alidns("rnd", "filed-alibaba.com", UNKNOWN, "A", UNKNOWN, ["eip"])] },
        { name: "rr not known until apply, zone unfiled, Hong Kong EIP", resources: [eip("eip", UNKNOWN, HONGKONG), alidns("rnd", "unfiled.com", UNKNOWN, "A", UNKNOWN, ["eip"])] },
        { name: "stack: A record to an EIP in cn-hongkong", resources: [eip("eip", UNKNOWN, HONGKONG), alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["eip"])] },
        { name: "stack: CNAME to a CDN domain with overseas scope", resources: [cdnDomain("cdn", "static.unfiled.com", "overseas"), alidns("static", "unfiled.com", "static", "CNAME", UNKNOWN, ["cdn"])] },
        { name: "stack: A record to a mainland EIP for a filed domain", resources: [eip("eip"), alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["eip"])] },
        { name: "stack: TXT record depending on an EIP is not a web binding", resources: [eip("eip"), alidns("txt", "unfiled.com", "@", "TXT", UNKNOWN, ["eip"])] },
        { name: "stack: disabled record", resources: [eip("eip"), alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["eip"], { status: "DISABLE" })] },
        { name: "stack: Cloudflare proxied record", resources: [eip("eip"), cloudflare("www", "www.unfiled.com", "A", UNKNOWN, { valueFrom: ["eip"], proxied: true })] },
        { name: "stack: Route 53 alias to AWS", resources: [route53("www", "www.unfiled.com", "A", [], undefined, { aliases: [{ name: "d123.cloudfront.net", zoneId: "Z2", evaluateTargetHealth: false }] })] },
        { name: "stack: A record to an intranet CLB address", resources: [{ name: "clb", type: "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer", props: { addressType: "intranet", address: UNKNOWN }, provider: hangzhou }, alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["clb"])] },
        { name: "stack: record decided alone is reported per resource, not again by the stack", resources: [alidns("www", "unfiled.com", "www", "CNAME", "alb-abc123.cn-hangzhou.alb.aliyuncsslb.com")] },
        { name: "stack: unknown value with no dependency is undecidable, not this policy", resources: [alidns("www", "unfiled.com", "www", "A", UNKNOWN)] },
        // Issue #21: an EIP makes an intranet CLB public — only where it is associated with that CLB.
        {
            name: "CLB rule on an intranet CLB; the stack's EIP is associated with an ECS instance, not the CLB",
            resources: [clb("clb", "intranet"), clbRule("rule", "clb", "www.unfiled.com"), { name: "vm", type: ECS, props: { internetMaxBandwidthOut: 0 }, provider: HANGZHOU }, eip("eip"), eipAssociation("assoc", "eip", "vm")],
        },
        { name: "CLB rule on an intranet CLB in cn-hongkong with an associated EIP, unfiled: public, outside the mainland", resources: [clb("clb", "intranet", false, HONGKONG), clbRule("rule", "clb", "www.unfiled.com", HONGKONG), eip("eip", UNKNOWN, HONGKONG), eipAssociation("assoc", "eip", "clb", "SlbInstance")] },
        { name: "CLB rule on an intranet CLB with an associated EIP, filed at Alibaba", resources: [clb("clb", "intranet"), clbRule("rule", "clb", "www.filed-alibaba.com"), eip("eip"), eipAssociation("assoc", "eip", "clb", "SlbInstance")] },
        { name: "A record to the private address of an intranet CLB that has an EIP: a private address is still not public", resources: [clb("clb", "intranet"), eip("eip"), eipAssociation("assoc", "eip", "clb", "SlbInstance"), alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["clb"])] },
        {
            name: "CLB rule on an intranet CLB, association target not known until apply: undecidable, not this policy",
            resources: [clb("clb", "intranet"), clbRule("rule", "clb", "www.unfiled.com"), eip("eip"), { ...eipAssociation("assoc", "eip", "clb", "SlbInstance"), dependsOn: { allocationId: ["eip"] } }],
        },
        {
            name: "refreshed state: a CLB rule names its intranet CLB by ID (no dependencies, as in a Terraform state): the CLB decides",
            resources: [{ ...clb("clb", "intranet"), props: { addressType: "intranet", address: "10.0.0.8", id: "lb-bp1own" } }, { ...clbRule("rule", "clb", "www.unfiled.com"), props: { loadBalancerId: "lb-bp1own", frontendPort: 80, name: "rule", domain: "www.unfiled.com", serverGroupId: "sg" }, dependsOn: undefined }],
        },
        {
            name: "refreshed state: an ALB host rule names its listener, and the listener its Intranet ALB, by ID (no dependencies)",
            resources: [
                alb("alb", { addressType: "Intranet", id: "alb-bp1own", dnsName: "alb-bp1own.cn-hangzhou.alb.aliyuncsslb.com", regionId: "cn-hangzhou" }),
                { ...albListener("listener", "alb"), props: { loadBalancerId: "alb-bp1own", listenerPort: 443, listenerProtocol: "HTTPS", id: "lsn-bp1own" }, dependsOn: undefined },
                { ...albHostRule("rule", "listener", ["www.unfiled.com"]), props: { listenerId: "lsn-bp1own", priority: 1, ruleName: "rule", ruleConditions: [{ type: "Host", hostConfig: { values: ["www.unfiled.com"] } }], ruleActions: [] }, dependsOn: undefined },
            ],
        },
        {
            name: "refreshed state: the association names a CLB outside the stack by its ID",
            resources: [{ ...clb("clb", "intranet"), props: { addressType: "intranet", address: "10.0.0.8", id: "lb-bp1own" } }, clbRule("rule", "clb", "www.unfiled.com"), { ...eipAssociation("assoc", "eip", "clb", "SlbInstance"), props: { allocationId: "eip-bp1x", instanceId: "lb-bp1other", instanceType: "SlbInstance" }, dependsOn: undefined }],
        },
        {
            name: "ALB host rule on an Intranet ALB whose zone mapping names an EIP (allocationId): ALB takes EIPs only Internet-facing",
            resources: [alb("alb", { addressType: "Intranet", zoneMappings: [{ vswitchId: "vsw-1", zoneId: "cn-hangzhou-h", allocationId: "eip-bp1x" }, { vswitchId: "vsw-2", zoneId: "cn-hangzhou-i" }] }), albListener("listener", "alb"), albHostRule("rule", "listener", ["www.unfiled.com"])],
        },
        { name: "CLB rule on an intranet CLB in cn-hongkong with an Anycast EIP whose access area is international", resources: [clb("clb", "intranet", false, HONGKONG), clbRule("rule", "clb", "www.unfiled.com", HONGKONG), anycastEip("anycast", "international"), anycastAttachment("attach", "anycast", "clb")] },
        { name: "catalog: A record to another stack's Hong Kong CLB, unfiled", catalog: testCatalog, resources: [alidns("hk", "unfiled.com", "hk", "A", "47.242.10.3")] },
        { name: "catalog: A record to another stack's intranet CLB address (in a custom VPC range), unfiled", catalog: testCatalog, resources: [alidns("in", "unfiled.com", "in", "A", "30.10.1.5")] },
        { name: "catalog: legacy dns.Record to another stack's mainland EIP, filed at Alibaba", catalog: testCatalog, resources: [legacyRecord("www", "filed-alibaba.com", "www", "A", "47.97.10.1")] },
        { name: "catalog: CNAME to a catalogued CDN domain (any filing accepted), filed elsewhere", catalog: testCatalog, resources: [alidns("img", "filed-other.com", "img", "CNAME", "static.cat-example.com.w.kunlunsl.com")] },
    ],
    stackInvalid: [
        {
            name: "CLB rule on an intranet cn-hangzhou CLB with an associated EIP (ecs.EipAssociation SlbInstance), unfiled",
            resources: [clb("clb", "intranet"), clbRule("rule", "clb", "www.unfiled.com"), eip("eip"), eipAssociation("assoc", "eip", "clb", "SlbInstance")],
            errors: [
                {
                    resource: "rule",
                    messageId: "unfiled",
                    data: { registrable: "unfiled.com", moveAway: 'remove EIP ecs.EipAddress "eip" (ecs.EipAssociation "assoc") from the intranet load balancer slb.ApplicationLoadBalancer "clb", so that it has no public address' },
                    messageIncludes: ['is intranet (addressType "intranet")', 'EIP ecs.EipAddress "eip" (ecs.EipAssociation "assoc") is associated with it', "cn-hangzhou", "Fix: file the registrable domain unfiled.com"],
                },
            ],
        },
        {
            name: "ACK Ingress, provider from the cluster's credentials, unfiled host (the filed one passes)",
            resources: onAckCluster((p) => [ingress("storefront", rules(["shop.unfiled.com", "www.filed-alibaba.com"], "alb"), p)]),
            errors: [
                {
                    resource: "storefront",
                    messageId: "unfiled",
                    data: { domain: "shop.unfiled.com", property: "spec.rules[0].host", resource: 'Ingress "storefront"', product: "Kubernetes Ingress on ACK (Ingress)" },
                    messageIncludes: ["Ingress shop/storefront runs on ACK managed cluster", "cn-hangzhou", "from a cluster outside the Chinese mainland"],
                },
            ],
        },
        {
            name: "CLB domain extension on an intranet legacy CLB with an EIP, instanceType not known until apply (the linked CLB decides)",
            resources: [clb("clb", "intranet", true), { name: "ext", type: "alicloud:slb/domainExtension:DomainExtension", props: { loadBalancerId: UNKNOWN, frontendPort: 443, domain: "secure.unfiled.com", serverCertificateId: "c" }, provider: HANGZHOU, dependsOn: { loadBalancerId: ["clb"] } }, eip("eip"), eipAssociation("assoc", "eip", "clb", UNKNOWN)],
            errors: [{ resource: "ext", messageId: "unfiled", messageIncludes: ['ecs.EipAssociation "assoc"'] }],
        },
        {
            name: "SAE ingress on an intranet CLB (slbId) with an associated EIP, unfiled",
            resources: [clb("clb", "intranet"), { name: "ingress", type: "alicloud:sae/ingress:Ingress", props: { namespaceId: "cn-hangzhou:prod", slbId: UNKNOWN, listenerPort: 80, rules: [{ domain: "app.unfiled.com", appId: "a", appName: "app", containerPort: 8080, path: "/" }] }, provider: HANGZHOU, dependsOn: { slbId: ["clb"] } }, eip("eip"), eipAssociation("assoc", "eip", "clb", "SlbInstance")],
            errors: [{ resource: "ingress", messageId: "unfiled" }],
        },
        {
            name: "refreshed state: the association names the intranet CLB and the EIP by their IDs (no dependencies, no instanceType)",
            resources: [
                { ...clb("clb", "intranet"), props: { addressType: "intranet", address: "10.0.0.8", id: "lb-bp1own" } },
                clbRule("rule", "clb", "www.unfiled.com"),
                { ...eip("eip", "47.96.10.20"), props: { ipAddress: "47.96.10.20", bandwidth: "5", id: "eip-bp1x" } },
                { ...eipAssociation("assoc", "eip", "clb"), props: { allocationId: "eip-bp1x", instanceId: "lb-bp1own" }, dependsOn: undefined },
            ],
            errors: [{ resource: "rule", messageId: "unfiled", messageIncludes: ['EIP ecs.EipAddress "eip" (ecs.EipAssociation "assoc")'] }],
        },
        {
            name: "EIP from another stack (allocationId a literal ID) associated with the intranet CLB: placed in the association's region",
            resources: [clb("clb", "intranet"), clbRule("rule", "clb", "www.unfiled.com"), { ...eipAssociation("assoc", "eip", "clb", "SlbInstance"), props: { allocationId: "eip-bp1elsewhere", instanceId: UNKNOWN, instanceType: "SlbInstance" }, dependsOn: { instanceId: ["clb"] } }],
            errors: [{ resource: "rule", messageId: "unfiled", messageIncludes: ["an EIP not in this stack (allocationId)"] }],
        },
        {
            name: "CLB rule on an intranet cn-hongkong CLB with an Anycast EIP whose access area is the mainland (ChineseMainland)",
            resources: [clb("clb", "intranet", false, HONGKONG), clbRule("rule", "clb", "www.unfiled.com", HONGKONG), anycastEip("anycast", "ChineseMainland"), anycastAttachment("attach", "anycast", "clb")],
            errors: [{ resource: "rule", messageId: "unfiled", messageIncludes: ['Anycast EIP eipanycast.AnycastEipAddress "anycast"', "ChineseMainland"] }],
        },
        {
            name: "catalog: A record whose literal value is another stack's mainland EIP, unfiled",
            catalog: testCatalog,
            resources: [alidns("app", "unfiled.com", "app", "A", "47.97.10.1")],
            errors: [{ resource: "app", messageId: "recordUnfiled", data: { endpoint: 'EIP (ecs.EipAddress) "web-eip" of stack acme/infra/prod', access: "alibaba" }, messageIncludes: ["is in the endpoint catalog (from stack acme/infra/prod (urn:pulumi:prod::infra::alicloud:ecs/eipAddress:EipAddress::web-eip), written 2026-11-20T08:00:01Z)", "cn-hangzhou", "接入阿里云"] }],
        },
        {
            name: "catalog: Route 53 and Cloudflare DNS-only records to another stack's ECS public IP, unfiled",
            catalog: testCatalog,
            resources: [route53("r53", "r53.unfiled.com", "A", ["47.97.10.2"]), cloudflare("cf", "cf.unfiled.com", "A", "47.97.10.2", { proxied: false })],
            errors: [
                { resource: "r53", messageId: "recordUnfiled", messageIncludes: ['ECS instance (ecs.Instance) "web" of stack acme/infra/prod'] },
                { resource: "cf", messageId: "recordUnfiled", messageIncludes: ['ECS instance (ecs.Instance) "web" of stack acme/infra/prod'] },
            ],
        },
        {
            name: "catalog: CNAME to a catalogued CDN domain's CNAME, unfiled (the Terraform root module it came from is named)",
            catalog: testCatalog,
            resources: [alidns("img", "unfiled.com", "img", "CNAME", "static.cat-example.com.w.kunlunsl.com")],
            errors: [{ resource: "img", messageId: "recordUnfiled", messageIncludes: ["of file cdn/terraform.tfstate", "module.cdn.alicloud_cdn_domain_new.static"] }],
        },
        {
            name: "catalog: the stack's own resource wins (its EIP now holds the address the catalog places in Hong Kong)",
            catalog: testCatalog,
            resources: [eip("moved", "47.242.10.3"), alidns("www", "unfiled.com", "www", "A", "47.242.10.3")],
            errors: [{ resource: "www", messageId: "recordUnfiled", messageIncludes: ['is an output of ecs.EipAddress "moved"'], messageExcludes: ["endpoint catalog"] }],
        },
        {
            name: "ACK Ingress, first preview: kubeconfig unknown with no dependency, the stack's only ACK cluster is in the mainland",
            resources: [ackCluster("cluster"), k8sProvider("ack", { kubeconfig: UNKNOWN }), ingress("storefront", rules(["shop.unfiled.com"]), k8sProviderInput("ack", { kubeconfig: UNKNOWN }))],
            errors: [{ resource: "storefront", messageId: "unfiled", messageIncludes: ["names no resource"] }],
        },
        {
            name: "ACK Ingress TLS hosts served by a rule without a host, wildcard",
            resources: onAckCluster((p) => [ingress("storefront", rules([undefined], "alb", [{ hosts: ["*.unfiled.com"] }]), p)]),
            errors: [{ resource: "storefront", messageId: "unfiled", data: { property: "spec.tls[0].hosts[0]", registrable: "unfiled.com" } }],
        },
        {
            name: "Gateway API: HTTPRoute hostname and Gateway listener hostname on an ACK cluster",
            resources: onAckCluster((p) => [gateway("gw", ["*.unfiled.com"], p), httpRoute("route", ["shop.unfiled.com"], "gw", p)]),
            errors: [
                { resource: "gateway-gw", messageId: "unfiled", data: { property: "spec.listeners[0].hostname" } },
                { resource: "route", messageId: "unfiled", data: { property: "spec.hostnames[0]" }, messageIncludes: ["Gateway shop/gw"] },
            ],
        },
        { name: "SAE ingress on an Internet CLB in the mainland, unfiled", resources: [clb("clb", "internet"), { name: "ingress", type: "alicloud:sae/ingress:Ingress", props: { namespaceId: "cn-hangzhou:prod", slbId: UNKNOWN, listenerPort: 80, rules: [{ domain: "app.unfiled.com", appId: "a", appName: "app", containerPort: 8080, path: "/" }] }, provider: HANGZHOU, dependsOn: { slbId: ["clb"] } }], errors: [{ resource: "ingress", messageId: "unfiled" }] },
        { name: "record from an ECS instance with public bandwidth, unfiled", resources: [{ name: "vm", type: "alicloud:ecs/instance:Instance", props: { instanceType: "ecs.g7.large", internetMaxBandwidthOut: 5, privateIp: UNKNOWN, publicIp: UNKNOWN }, provider: HANGZHOU }, alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["vm"])], errors: [{ resource: "www", messageId: "recordUnfiled" }] },
        { name: "record from an ECS instance whose bandwidth is not known until apply, unfiled (kept conservative)", resources: [{ name: "vm", type: "alicloud:ecs/instance:Instance", props: { instanceType: "ecs.g7.large", internetMaxBandwidthOut: UNKNOWN, privateIp: UNKNOWN, publicIp: UNKNOWN }, provider: HANGZHOU }, alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["vm"])], errors: [{ resource: "www", messageId: "recordUnfiled" }] },
        {
            name: "ALB host rule on an Internet ALB (through the listener), unfiled",
            resources: [alb("alb"), albListener("listener", "alb"), albHostRule("rule", "listener", ["www.unfiled.com"])],
            errors: [{ resource: "rule", messageId: "unfiled", data: { registrable: "unfiled.com" }, messageIncludes: ['its load balancer alb.LoadBalancer "alb"'] }],
        },
        { name: "CLB rule on an Internet slb.ApplicationLoadBalancer, unfiled", resources: [clb("clb", "internet"), { name: "rule", type: "alicloud:slb/rule:Rule", props: { loadBalancerId: UNKNOWN, frontendPort: 80, name: "r", domain: "www.unfiled.com", serverGroupId: "sg" }, provider: HANGZHOU, dependsOn: { loadBalancerId: ["clb"] } }], errors: [{ resource: "rule", messageId: "unfiled" }] },
        {
            name: "rr not known until apply (a random label), zone unfiled, mainland EIP: blocked, not undecidable",
            resources: [eip("eip"), alidns("rnd", "unfiled.com", UNKNOWN, "A", UNKNOWN, ["eip"])],
            errors: [{ resource: "rnd", messageId: "recordUnfiled", data: { registrable: "unfiled.com", domain: "a name under unfiled.com" }, messageIncludes: ["not known until apply, under unfiled.com"] }],
        },
        {
            name: "Cloudflare record name not known, zone (v4 zone resource) unfiled, mainland EIP",
            resources: [eip("eip"), { name: "zone", type: "cloudflare:index/zone:Zone", props: { zone: "unfiled.com", id: UNKNOWN } }, cloudflare("rnd", UNKNOWN as string, "A", UNKNOWN, { valueFrom: ["eip"], zoneFrom: ["zone"] })],
            errors: [{ resource: "rnd", messageId: "recordUnfiled", data: { registrable: "unfiled.com" } }],
        },
        {
            name: "stack: preview A record to a new mainland EIP (value unknown, followed through propertyDependencies)",
            resources: [eip("web-eip"), alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["web-eip"])],
            errors: [{ resource: "www", messageId: "recordUnfiled", data: { record: "DNS record www.unfiled.com A", endpoint: 'EIP (ecs.EipAddress) ecs.EipAddress "web-eip"', registrable: "unfiled.com" }, messageIncludes: ["cn-hangzhou", "接入阿里云"] }],
        },
        {
            name: "stack: CNAME to an ALB whose regionId output is known",
            resources: [alb("alb", { regionId: "cn-shanghai" }, HONGKONG), alidns("api", "unfiled.com", "api", "CNAME", UNKNOWN, ["alb"])],
            errors: [{ resource: "api", messageId: "recordUnfiled", messageIncludes: ["cn-shanghai"] }],
        },
        {
            name: "stack: refreshed state, Route 53 A record whose literal IP is an EIP's output",
            resources: [eip("eip", "47.100.1.2"), route53("www", "www.unfiled.com", "A", ["47.100.1.2"])],
            errors: [{ resource: "www", messageId: "recordUnfiled", messageIncludes: ['is an output of ecs.EipAddress "eip"'] }],
        },
        {
            name: "stack: Cloudflare CNAME to a CDN domain whose scope is left out (domestic)",
            resources: [cdnDomain("cdn", "static.unfiled.com"), cloudflare("static", "static.unfiled.com", "CNAME", UNKNOWN, { valueFrom: ["cdn"], proxied: false })],
            errors: [{ resource: "static", messageId: "recordUnfiled", messageIncludes: ['defaults to "domestic"'] }],
        },
        {
            name: "stack: Cloudflare v5 record to a literal CDN CNAME that a stack CDN domain outputs",
            resources: [cdnDomain("cdn", "static.unfiled.com", "global", "static.unfiled.com.w.kunlunsl.com"), cloudflare("static", "static.unfiled.com", "CNAME", "static.unfiled.com.w.kunlunsl.com", { v5: true })],
            errors: [{ resource: "static", messageId: "recordUnfiled" }],
        },
        {
            name: "stack: Cloudflare relative name completed from its zone",
            resources: [{ name: "zone", type: "cloudflare:index/zone:Zone", props: { zone: "unfiled.com", accountId: "a" } }, eip("eip"), cloudflare("www", "www", "A", UNKNOWN, { valueFrom: ["eip"], zoneFrom: ["zone"] })],
            errors: [{ resource: "www", messageId: "recordUnfiled", data: { record: "DNS record www.unfiled.com A" } }],
        },
        {
            name: "stack: legacy dns.Record wildcard to an ECS instance",
            resources: [{ name: "vm", type: "alicloud:ecs/instance:Instance", props: { publicIp: UNKNOWN, instanceChargeType: "PrePaid" }, provider: hangzhou }, legacyRecord("star", "unfiled.com", "*", "A", UNKNOWN, ["vm"])],
            errors: [{ resource: "star", messageId: "recordUnfiled", data: { record: "DNS record *.unfiled.com A", registrable: "unfiled.com" } }],
        },
        {
            name: "stack: ESA record proxied through a site with global coverage",
            resources: [
                { name: "site", type: "alicloud:esa/site:Site", props: { siteName: "unfiled.com", coverage: "global", accessType: "NS", instanceId: "i" }, provider: hangzhou },
                { name: "rec", type: "alicloud:esa/record:Record", props: { siteId: UNKNOWN, recordName: "www.unfiled.com", recordType: "A/AAAA", proxied: true, data: { value: "1.2.3.4" } }, dependsOn: { siteId: ["site"] } },
            ],
            errors: [{ resource: "rec", messageId: "recordUnfiled", messageIncludes: ["proxied through ESA"] }],
        },
        {
            name: "stack: CNAME to an OSS bucket in a mainland region",
            resources: [
                { name: "bucket", type: "alicloud:oss/bucket:Bucket", props: { bucket: "shop-img", extranetEndpoint: UNKNOWN, location: UNKNOWN }, provider: hangzhou },
                alidns("img", "unfiled.com", "img", "CNAME", UNKNOWN, ["bucket"]),
            ],
            errors: [{ resource: "img", messageId: "recordUnfiled", messageExcludes: ["接入阿里云"] }],
        },
        {
            name: "stack: record name from a zone resource whose domain is known",
            resources: [
                { name: "zone", type: "alicloud:dns/alidnsDomain:AlidnsDomain", props: { domainName: "unfiled.com" }, provider: hangzhou },
                eip("eip"),
                { ...alidns("www", UNKNOWN, "www", "A", UNKNOWN), dependsOn: { value: ["eip"], domainName: ["zone"] } },
            ],
            errors: [{ resource: "www", messageId: "recordUnfiled", data: { record: "DNS record www.unfiled.com A" } }],
        },
    ],
});
