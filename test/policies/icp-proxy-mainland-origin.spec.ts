import policy from "../../policies/icp-proxy-mainland-origin";
import { ruleTester, StackResourceSpec } from "../helpers/rule-tester";
import { UNKNOWN } from "../../lib/model/values";
import { alb, cdnDomain, cloudflare, eip, HANGZHOU, HONGKONG } from "../helpers/stack-fixtures";

// Fixture registry: filed-alibaba.com [alibaba], filed-other.com [tencent], 例子.中国 [alibaba],
// shop.com.cn [tencent, alibaba].
const CLOUDFLARE = "cloudflare:index/record:Record";
const UNFILED = "proxiedUnfiled";
const NOT_ACCESSED = "proxiedNotAccessedAtAlibaba";
const MAINLAND_CIDRS = { "icp-binding-undecidable": { mainlandCidrs: ["47.96.0.0/16"] } };

const esaSite = (name: string, siteName: string, coverage: string): StackResourceSpec => ({
    name,
    type: "alicloud:esa/site:Site",
    props: { siteName, coverage, accessType: "NS", instanceId: "i" },
    provider: HANGZHOU,
});
const esaRecord = (name: string, recordName: string, site: string, value: unknown, valueFrom?: readonly string[], proxied = true): StackResourceSpec => ({
    name,
    type: "alicloud:esa/record:Record",
    props: { siteId: UNKNOWN, recordName, recordType: "A/AAAA", proxied, data: { value } },
    provider: HANGZHOU,
    dependsOn: { siteId: [site], ...(valueFrom ? { data: valueFrom } : {}) },
});
const oss = (name: string): StackResourceSpec => ({
    name,
    type: "alicloud:oss/bucket:Bucket",
    props: { bucket: "assets", location: "oss-cn-hangzhou", extranetEndpoint: "oss-cn-hangzhou.aliyuncs.com" },
    provider: HANGZHOU,
});
const cfProps = (name: string, content: string, proxied = true) => ({ zoneId: "z", name, type: "A", content, proxied });

ruleTester(policy, {
    valid: [
        { name: "proxied record, literal origin in mainlandCidrs, filed at Alibaba", type: CLOUDFLARE, props: cfProps("www.filed-alibaba.com", "47.96.1.2"), policyConfigs: MAINLAND_CIDRS },
        { name: "proxied record, literal origin not placed by the record alone (stack pass decides)", type: CLOUDFLARE, props: cfProps("www.unfiled.com", "47.96.1.2") },
        { name: "unproxied record into mainlandCidrs: icp-domain-unfiled's, not this policy's", type: CLOUDFLARE, props: cfProps("www.unfiled.com", "47.96.1.2", false), policyConfigs: MAINLAND_CIDRS },
        { name: "proxied record to a private origin", type: CLOUDFLARE, props: cfProps("www.unfiled.com", "10.0.0.8") },
        { name: "not a DNS record", type: "alicloud:ecs/eipAddress:EipAddress", props: { ipAddress: "47.96.1.2" } },
    ],
    invalid: [
        {
            name: "proxied record, literal origin in the configured mainlandCidrs, unfiled (per resource, before creation)",
            type: CLOUDFLARE,
            props: cfProps("www.unfiled.com", "47.96.1.2"),
            policyConfigs: MAINLAND_CIDRS,
            errors: [{ messageId: UNFILED, data: { registrable: "unfiled.com" }, messageIncludes: ["Cloudflare's proxy", "no exemption", "托管于大陆境内服务器的网站需备案", "outside the Chinese mainland"] }],
        },
        {
            name: "proxied record, literal mainland ALB hostname as origin, filed at Tencent only",
            type: CLOUDFLARE,
            props: { zoneId: "z", name: "api.filed-other.com", type: "CNAME", content: "alb-abc.cn-hangzhou.alb.aliyuncsslb.com", proxied: true },
            errors: [{ messageId: NOT_ACCESSED, data: { registrable: "filed-other.com", providers: "tencent" }, messageIncludes: ["接入阿里云", "no exemption"] }],
        },
    ],
    stackValid: [
        { name: "Cloudflare proxied to a mainland EIP, filed at Alibaba", resources: [eip("eip"), cloudflare("www", "www.filed-alibaba.com", "A", UNKNOWN, { valueFrom: ["eip"], proxied: true })] },
        { name: "Cloudflare proxied to a mainland EIP, filed at Tencent and Alibaba", resources: [eip("eip"), cloudflare("www", "www.shop.com.cn", "A", UNKNOWN, { valueFrom: ["eip"], proxied: true })] },
        { name: "Cloudflare proxied to a Hong Kong EIP, unfiled (origin outside the mainland)", resources: [eip("eip", UNKNOWN, HONGKONG), cloudflare("www", "www.unfiled.com", "A", UNKNOWN, { valueFrom: ["eip"], proxied: true })] },
        { name: "Cloudflare proxied, origin unknown and from no resource", resources: [cloudflare("www", "www.unfiled.com", "A", UNKNOWN, { proxied: true })] },
        { name: "Cloudflare proxied to a mainland OSS bucket, filed at Tencent (OSS accepts any filing)", resources: [oss("bucket"), cloudflare("img", "img.filed-other.com", "CNAME", "assets.oss-cn-hangzhou.aliyuncs.com", { proxied: true })] },
        { name: "Cloudflare not proxied to a mainland EIP, unfiled (icp-domain-unfiled reports it)", resources: [eip("eip"), cloudflare("www", "www.unfiled.com", "A", UNKNOWN, { valueFrom: ["eip"], proxied: false })] },
        { name: "Cloudflare proxied to another cloud", resources: [cloudflare("www", "www.unfiled.com", "CNAME", "example.github.io", { proxied: true })] },
        {
            name: "ESA proxied with domestic coverage to a mainland EIP, unfiled (icp-domain-unfiled reports the ESA edge; not twice)",
            resources: [esaSite("site", "unfiled.com", "domestic"), eip("eip"), esaRecord("www", "www.unfiled.com", "site", UNKNOWN, ["eip"])],
        },
        { name: "ESA proxied with overseas coverage to a Hong Kong EIP, unfiled", resources: [esaSite("site", "unfiled.com", "overseas"), eip("eip", UNKNOWN, HONGKONG), esaRecord("www", "www.unfiled.com", "site", UNKNOWN, ["eip"])] },
        { name: "ESA proxied with overseas coverage to a mainland EIP, filed at Alibaba", resources: [esaSite("site", "filed-alibaba.com", "overseas"), eip("eip"), esaRecord("www", "www.filed-alibaba.com", "site", UNKNOWN, ["eip"])] },
    ],
    stackInvalid: [
        {
            name: "Cloudflare proxied to a mainland EIP (propertyDependencies), unfiled",
            resources: [eip("eip"), cloudflare("www", "www.unfiled.com", "A", UNKNOWN, { valueFrom: ["eip"], proxied: true })],
            errors: [{ resource: "www", messageId: UNFILED, data: { registrable: "unfiled.com" }, messageIncludes: ["Cloudflare's proxy", 'ecs.EipAddress "eip"', "cn-hangzhou", "no exemption", "接入阿里云"] }],
        },
        {
            name: "Cloudflare (v5 dnsRecord) proxied to a mainland EIP, filed at Tencent only",
            resources: [eip("eip"), cloudflare("www", "www.filed-other.com", "A", UNKNOWN, { valueFrom: ["eip"], proxied: true, v5: true })],
            errors: [{ resource: "www", messageId: NOT_ACCESSED, data: { registrable: "filed-other.com", providers: "tencent" } }],
        },
        {
            name: "Cloudflare proxied to a literal address that is a mainland EIP's output (refreshed state), unfiled",
            resources: [eip("eip", "47.100.1.2"), cloudflare("www", "www.unfiled.com", "A", "47.100.1.2", { proxied: true })],
            errors: [{ resource: "www", messageId: UNFILED }],
        },
        {
            name: "Cloudflare proxied to an Internet ALB in the mainland, unfiled",
            resources: [alb("alb"), cloudflare("app", "app.unfiled.com", "CNAME", UNKNOWN, { valueFrom: ["alb"], proxied: true })],
            errors: [{ resource: "app", messageId: UNFILED }],
        },
        {
            name: "Cloudflare proxied record whose name is not known until apply, zone unfiled, mainland EIP origin",
            resources: [eip("eip"), { name: "zone", type: "cloudflare:index/zone:Zone", props: { zone: "unfiled.com", id: UNKNOWN } }, cloudflare("rnd", UNKNOWN as string, "A", UNKNOWN, { valueFrom: ["eip"], zoneFrom: ["zone"], proxied: true })],
            errors: [{ resource: "rnd", messageId: UNFILED, data: { registrable: "unfiled.com" } }],
        },
        {
            name: "ESA proxied with overseas coverage to a mainland EIP, unfiled",
            resources: [esaSite("site", "unfiled.com", "overseas"), eip("eip"), esaRecord("www", "www.unfiled.com", "site", UNKNOWN, ["eip"])],
            errors: [{ resource: "www", messageId: UNFILED, messageIncludes: ["ESA's proxy"] }],
        },
        {
            name: "ESA proxied with domestic coverage to a mainland EIP, filed at Tencent only (ESA accepts it; the EIP origin does not)",
            resources: [esaSite("site", "filed-other.com", "domestic"), eip("eip"), esaRecord("www", "www.filed-other.com", "site", UNKNOWN, ["eip"])],
            errors: [{ resource: "www", messageId: NOT_ACCESSED }],
        },
        {
            name: "a CDN domain in the stack with domestic scope as origin behind Cloudflare, unfiled",
            resources: [cdnDomain("cdn", "static.unfiled.com", "domestic"), cloudflare("static", "static.unfiled.com", "CNAME", UNKNOWN, { valueFrom: ["cdn"], proxied: true })],
            errors: [{ resource: "static", messageId: UNFILED }],
        },
    ],
});
