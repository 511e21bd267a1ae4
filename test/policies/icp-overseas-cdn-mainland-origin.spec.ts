import policy from "../../policies/icp-overseas-cdn-mainland-origin";
import { ruleTester, StackResourceSpec } from "../helpers/rule-tester";
import { UNKNOWN } from "../../lib/model/values";
import { alb, clb, eip, HANGZHOU, HONGKONG } from "../helpers/stack-fixtures";

// Fixture registry: filed-alibaba.com [alibaba], filed-other.com [tencent], 例子.中国 [alibaba],
// shop.com.cn [tencent, alibaba]. ICP014 is a stack check only, advisory by default.
const ADVISORY = "overseasCdnMainlandOrigin";

const cdn = (name: string, domainName: string, scope: string | undefined, sources: unknown, sourcesFrom?: readonly string[], type = "alicloud:cdn/domainNew:DomainNew"): StackResourceSpec => ({
    name,
    type,
    props: { domainName, cdnType: "web", sources, cname: UNKNOWN, ...(scope ? { scope } : {}) },
    provider: HANGZHOU,
    dependsOn: sourcesFrom ? { sources: sourcesFrom } : undefined,
});
const bucket: StackResourceSpec = {
    name: "bucket",
    type: "alicloud:oss/bucket:Bucket",
    props: { bucket: "assets", location: "oss-cn-hangzhou", extranetEndpoint: "oss-cn-hangzhou.aliyuncs.com" },
    provider: HANGZHOU,
};

ruleTester(policy, {
    valid: [],
    invalid: [],
    stackValid: [
        { name: "overseas CDN, origin a mainland EIP, filed at Alibaba", resources: [eip("eip"), cdn("cdn", "static.filed-alibaba.com", "overseas", [{ type: "ipaddr", content: UNKNOWN }], ["eip"])] },
        { name: "overseas CDN, origin a Hong Kong EIP, unfiled", resources: [eip("eip", UNKNOWN, HONGKONG), cdn("cdn", "static.unfiled.com", "overseas", [{ type: "ipaddr", content: UNKNOWN }], ["eip"])] },
        { name: "overseas CDN, origin a mainland OSS bucket (type oss), unfiled", resources: [bucket, cdn("cdn", "static.unfiled.com", "overseas", [{ type: "oss", content: "assets.oss-cn-hangzhou.aliyuncs.com" }])] },
        { name: "overseas CDN, origin a mainland OSS bucket through propertyDependencies, unfiled", resources: [bucket, cdn("cdn", "static.unfiled.com", "overseas", [{ type: "domain", content: UNKNOWN }], ["bucket"])] },
        { name: "domestic CDN with a mainland EIP origin (icp-domain-unfiled's, not this policy's)", resources: [eip("eip"), cdn("cdn", "static.unfiled.com", "domestic", [{ type: "ipaddr", content: UNKNOWN }], ["eip"])] },
        { name: "overseas CDN, origin a literal server outside the stack", resources: [cdn("cdn", "static.unfiled.com", "overseas", [{ type: "domain", content: "origin.example.net" }])] },
        { name: "overseas CDN, origin on an intranet CLB (no public address)", resources: [clb("clb", "intranet"), cdn("cdn", "static.unfiled.com", "overseas", [{ type: "ipaddr", content: UNKNOWN }], ["clb"])] },
        { name: "overseas CDN, sources unknown at preview and from no resource", resources: [cdn("cdn", "static.unfiled.com", "overseas", UNKNOWN)] },
    ],
    stackInvalid: [
        {
            name: "overseas CDN, origin a mainland EIP (propertyDependencies), unfiled",
            resources: [eip("eip"), cdn("cdn", "static.unfiled.com", "overseas", [{ type: "ipaddr", content: UNKNOWN, port: 80 }], ["eip"])],
            errors: [{ resource: "cdn", messageId: ADVISORY, data: { registrable: "unfiled.com" }, messageIncludes: ['ecs.EipAddress "eip"', "回源", "no ICP filing", "cn-hongkong"] }],
        },
        {
            name: "overseas CDN, origin a literal address that is a mainland EIP's output (refreshed state), filed at Tencent only",
            resources: [eip("eip", "47.100.1.2"), cdn("cdn", "static.filed-other.com", "overseas", [{ type: "ipaddr", content: "47.100.1.2" }])],
            errors: [{ resource: "cdn", messageId: ADVISORY, messageIncludes: ["接入阿里云", "tencent"] }],
        },
        {
            name: "overseas DCDN, origin an Internet ALB's DNS name, unfiled",
            resources: [alb("alb", { dnsName: "alb-x.cn-hangzhou.alb.aliyuncsslb.com" }), cdn("dcdn", "api.unfiled.com", "overseas", [{ type: "domain", content: "alb-x.cn-hangzhou.alb.aliyuncsslb.com" }], undefined, "alicloud:dcdn/domain:Domain")],
            errors: [{ resource: "dcdn", messageId: ADVISORY }],
        },
        {
            name: "overseas legacy cdn.Domain, origin a mainland EIP, unfiled",
            resources: [eip("eip"), { ...cdn("legacy", "img.unfiled.com", "overseas", [UNKNOWN], ["eip"], "alicloud:cdn/domain:Domain"), props: { domainName: "img.unfiled.com", cdnType: "web", scope: "overseas", sources: [UNKNOWN], sourceType: "ipaddr" } }],
            errors: [{ resource: "legacy", messageId: ADVISORY }],
        },
    ],
});
