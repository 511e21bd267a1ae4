import * as assert from "assert";
import policy from "../../policies/icp-binding-undecidable";
import { ruleTester } from "../helpers/rule-tester";
import { provider, testRegistry, urnOf } from "../helpers/fixtures";
import { UNKNOWN, UNKNOWN_SENTINELS } from "../../lib/values";

// Fixture registry: filed-alibaba.com [alibaba], filed-other.com [tencent], 例子.中国 [alibaba],
// shop.com.cn [tencent, alibaba].
const CDN = "alicloud:cdn/domainNew:DomainNew";
const FC = "alicloud:fc/customDomain:CustomDomain";
const OSS = "alicloud:oss/bucketCname:BucketCname";
const SAE = "alicloud:sae/ingress:Ingress";
const ALB = "alicloud:alb/rule:Rule";
const ESA = "alicloud:esa/site:Site";

const hangzhou = provider("cn-hangzhou");
const cdn = (domainName: unknown, scope?: unknown) => ({ domainName, cdnType: "web", sources: [{ content: "1.1.1.1", type: "ipaddr" }], ...(scope === undefined ? {} : { scope }) });
const fc = (domainName: unknown) => ({ domainName, protocol: "HTTP" });
const alb = (ruleConditions: unknown) => ({ listenerId: "l", priority: 1, ruleName: "r", ruleConditions, ruleActions: [] });
const sae = (namespaceId: unknown, rules: unknown) => ({ namespaceId, slbId: "lb", listenerPort: 80, rules });

/** The engine's sentinel for an unknown array (pulumi/pulumi rpc.go), as computed lists arrive. */
const UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";
if (!UNKNOWN_SENTINELS.has(UNKNOWN_ARRAY)) throw new Error("UNKNOWN_ARRAY is not an engine sentinel");

const UNKNOWN_DOMAIN = "a domain not known until apply";
const MALFORMED = "a malformed domain";

ruleTester(policy, {
    valid: [
        { name: "CDN, scope unknown, domain filed at another provider (any filing is enough)", type: CDN, props: cdn("static.filed-other.com", UNKNOWN) },
        { name: "CDN, scope unknown, domain filed at Alibaba", type: CDN, props: cdn("static.filed-alibaba.com", UNKNOWN) },
        { name: "CDN, domain unknown, overseas scope", type: CDN, props: cdn(UNKNOWN, "overseas") },
        { name: "FC, domain unknown, non-mainland provider region", type: FC, props: fc(UNKNOWN), provider: provider("cn-hongkong") },
        { name: "OSS, domain unknown, region ap-southeast-1 from stack config", type: OSS, props: { bucket: "b", domain: UNKNOWN }, provider: provider(), regions: { stackConfigRegion: "ap-southeast-1" } },
        { name: "FC, region unknown, domain filed at Alibaba", type: FC, props: fc("api.filed-alibaba.com"), provider: provider(UNKNOWN) },
        { name: "FC, region unknown, domain filed at Tencent and Alibaba", type: FC, props: fc("api.shop.com.cn"), provider: provider(UNKNOWN) },
        { name: "OSS, region unknown, domain filed at another provider (any filing is enough)", type: OSS, props: { bucket: "b", domain: "img.filed-other.com" }, provider: provider(UNKNOWN) },
        { name: "known everything: unfiled in the mainland is ICP001, not this policy", type: CDN, props: cdn("static.unfiled.com") },
        { name: "known everything: other-only on FC in the mainland is ICP002, not this policy", type: FC, props: fc("api.filed-other.com"), provider: hangzhou },
        { name: "known everything: unfiled outside the mainland", type: FC, props: fc("api.unfiled.com"), provider: provider("ap-southeast-1") },
        { name: "malformed domain, overseas scope", type: CDN, props: cdn(42, "overseas") },
        { name: "public-suffix domain outside the mainland", type: OSS, props: { bucket: "b", domain: "com.cn" }, provider: provider("cn-hongkong") },
        { name: "invalid scope value, domain filed", type: CDN, props: cdn("static.filed-other.com", "worldwide") },
        { name: "IP address instead of a domain", type: "alicloud:slb/rule:Rule", props: { domain: "10.0.0.1", loadBalancerId: "lb" }, provider: hangzhou },
        { name: "empty optional domain", type: "alicloud:slb/rule:Rule", props: { domain: "", loadBalancerId: "lb" }, provider: hangzhou },
        { name: "ALB rule with only a path condition", type: ALB, props: alb([{ type: "Path", pathConfig: { values: ["/a"] } }]), provider: hangzhou },
        { name: "ALB rule conditions unknown, outside the mainland", type: ALB, props: alb(UNKNOWN), provider: provider("ap-southeast-1") },
        { name: "SAE rules unknown, Hong Kong namespace", type: SAE, props: sae("cn-hongkong:prod", UNKNOWN), provider: hangzhou },
        { name: "resource type that binds no domain, unknown props", type: "alicloud:ecs/instance:Instance", props: { instanceType: UNKNOWN }, provider: provider(UNKNOWN) },
    ],
    invalid: [
        {
            name: "FC, domain unknown at preview in a mainland region",
            type: FC,
            props: fc(UNKNOWN),
            provider: hangzhou,
            errors: [{ messageId: "undecidable", data: { domain: UNKNOWN_DOMAIN, property: "domainName" }, messageIncludes: ["not known until apply", "cn-hangzhou"] }],
        },
        {
            name: "CDN, domain unknown at preview, scope left out (defaults to domestic)",
            type: CDN,
            props: cdn(UNKNOWN),
            errors: [{ messageId: "undecidable", data: { domain: UNKNOWN_DOMAIN }, messageIncludes: ['defaults to "domestic"'] }],
        },
        {
            name: "OSS, domain unknown at preview, provider default region cn-beijing",
            type: OSS,
            props: { bucket: "b", domain: UNKNOWN },
            provider: provider(),
            errors: [{ messageId: "undecidable", messageIncludes: ["cn-beijing"] }],
        },
        {
            name: "CDN, scope unknown at preview, unfiled domain",
            type: CDN,
            props: cdn("static.unfiled.com", UNKNOWN),
            errors: [{ messageId: "undecidable", data: { domain: "static.unfiled.com" }, messageIncludes: ["scope is not known until apply", "no ICP filing"] }],
        },
        {
            name: "ESA, coverage unknown at preview, unfiled site",
            type: ESA,
            props: { siteName: "unfiled.com", accessType: "NS", instanceId: "i", coverage: UNKNOWN },
            errors: [{ messageId: "undecidable", messageIncludes: ["coverage is not known until apply"] }],
        },
        {
            name: "OSS, provider region unknown at preview, unfiled domain",
            type: OSS,
            props: { bucket: "b", domain: "img.unfiled.com" },
            provider: provider(UNKNOWN),
            errors: [{ messageId: "undecidable", data: { domain: "img.unfiled.com" }, messageIncludes: ["region", "not known until apply"] }],
        },
        {
            name: "FC, provider region unknown at preview, domain filed only at another provider",
            type: FC,
            props: fc("api.filed-other.com"),
            provider: provider(UNKNOWN),
            errors: [{ messageId: "undecidable", messageIncludes: ["does not list Alibaba Cloud"] }],
        },
        {
            name: "SAE, namespace unknown at preview, unfiled domain",
            type: SAE,
            props: sae(UNKNOWN, [{ appId: "a", appName: "a", containerPort: 80, domain: "app.unfiled.com", path: "/" }]),
            provider: hangzhou,
            errors: [{ messageId: "undecidable", data: { property: "rules[0].domain" }, messageIncludes: ["namespaceId"] }],
        },
        {
            name: "malformed domain: a number instead of a string",
            type: CDN,
            props: cdn(42),
            errors: [{ messageId: "undecidable", data: { domain: MALFORMED, property: "domainName" }, messageIncludes: ["number"] }],
        },
        {
            name: "malformed domain: a public suffix",
            type: FC,
            props: fc("com.cn"),
            provider: hangzhou,
            errors: [{ messageId: "undecidable", data: { domain: MALFORMED }, messageIncludes: [".com.cn", "cannot be filed"] }],
        },
        {
            name: "malformed domain: not a hostname",
            type: OSS,
            props: { bucket: "b", domain: "img unfiled com" },
            provider: hangzhou,
            errors: [{ messageId: "undecidable", data: { domain: MALFORMED }, messageIncludes: ["not a valid hostname"] }],
        },
        {
            name: "invalid scope value, unfiled domain",
            type: CDN,
            props: cdn("static.unfiled.com", "worldwide"),
            errors: [{ messageId: "undecidable", messageIncludes: ['"worldwide" is not one of domestic, global, overseas'] }],
        },
        {
            name: "scope of the wrong type, unfiled domain",
            type: CDN,
            props: cdn("static.unfiled.com", 1),
            errors: [{ messageId: "undecidable", messageIncludes: ["not a scope"] }],
        },
        {
            name: "provider region is not a region ID, unfiled domain",
            type: OSS,
            props: { bucket: "b", domain: "img.unfiled.com" },
            provider: provider("hangzhou"),
            errors: [{ messageId: "undecidable", messageIncludes: ["not an Alibaba Cloud region ID"] }],
        },
        {
            name: "ALB rule conditions unknown at preview",
            type: ALB,
            props: alb(UNKNOWN),
            provider: hangzhou,
            errors: [{ messageId: "undecidable", data: { domain: UNKNOWN_DOMAIN, property: "ruleConditions" } }],
        },
        {
            name: "ALB rule conditions unknown at preview (array sentinel)",
            type: ALB,
            props: alb(UNKNOWN_ARRAY),
            provider: hangzhou,
            errors: [{ messageId: "undecidable", data: { domain: UNKNOWN_DOMAIN, property: "ruleConditions" } }],
        },
        {
            name: "SAE rules unknown at preview (array sentinel), mainland namespace",
            type: SAE,
            props: sae("cn-hangzhou:prod", UNKNOWN_ARRAY),
            provider: hangzhou,
            errors: [{ messageId: "undecidable", data: { property: "rules" } }],
        },
        {
            name: "ALB rule condition element unknown at preview",
            type: ALB,
            props: alb([{ type: "Path", pathConfig: { values: ["/a"] } }, UNKNOWN]),
            provider: hangzhou,
            errors: [{ messageId: "undecidable", data: { property: "ruleConditions[1]" } }],
        },
        {
            name: "ALB condition type unknown at preview, no host config",
            type: ALB,
            props: alb([{ type: UNKNOWN }]),
            provider: hangzhou,
            errors: [{ messageId: "undecidable", data: { property: "ruleConditions[0].hostConfig.values" } }],
        },
        {
            name: "ALB host values unknown at preview",
            type: ALB,
            props: alb([{ type: "Host", hostConfig: { values: UNKNOWN } }]),
            provider: hangzhou,
            errors: [{ messageId: "undecidable", data: { property: "ruleConditions[0].hostConfig.values" } }],
        },
        {
            name: "ALB one host unknown, one unfiled (the unfiled one is ICP001)",
            type: ALB,
            props: alb([{ type: "Host", hostConfig: { values: [UNKNOWN, "www.unfiled.com"] } }]),
            provider: hangzhou,
            errors: [{ messageId: "undecidable", data: { property: "ruleConditions[0].hostConfig.values[0]" } }],
        },
        {
            name: "DCDN list with one malformed item",
            type: "alicloud:dcdn/domain:Domain",
            props: { domainName: "a.filed-alibaba.com, -bad-.com", scope: "domestic" },
            errors: [{ messageId: "undecidable", data: { property: "domainName (item 2)", domain: MALFORMED } }],
        },
    ],
});

describe("ICP003 icp-binding-undecidable: known bugs", () => {
    const run = (props: Record<string, unknown>) =>
        policy.runResource!(
            { urn: urnOf(CDN, "bug"), type: CDN, name: "bug", props, secretProps: new Set() },
            { registry: testRegistry, regions: {}, config: policy.withDefaults(undefined) },
        ).map((finding) => finding.messageId);

    it("a URL or host:port as a mainland CDN domain is reported as malformed", () => {
        assert.deepStrictEqual(run(cdn("https://static.unfiled.com")), ["undecidable"]);
        assert.deepStrictEqual(run(cdn("static.unfiled.com:443")), ["undecidable"]);
    });
});
