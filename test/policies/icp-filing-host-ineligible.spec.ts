import * as assert from "assert";
import policy from "../../policies/icp-filing-host-ineligible";
import { contextFor, InvalidCase, ruleTester, StackResourceSpec } from "../helpers/rule-tester";
import { provider, urnOf } from "../helpers/fixtures";
import { UNKNOWN } from "../../lib/model/values";
import { alidns, eip, eipAssociation, HANGZHOU, HONGKONG } from "../helpers/stack-fixtures";

// ICP006 (ICP-RULES.md §4): a filing host needs a mainland region, a subscription of at least the
// product's minimum (ECS, SWAS, ENS: 3 months; NAT: 1 month) and, for ECS and NAT, a public IP.
// Tagged hosts are checked at the policy's level (per resource, and in the stack for bandwidth);
// untagged instances that DNS records of a filed domain point at get an advisory.
// Fixture registry: filed-alibaba.com [alibaba], filed-other.com [tencent], 例子.中国 [alibaba],
// shop.com.cn [tencent, alibaba].

const ECS = "alicloud:ecs/instance:Instance";
const SWAS = "alicloud:simpleapplicationserver/instance:Instance";
const ENS = "alicloud:ens/instance:Instance";
const NAT = "alicloud:vpc/natGateway:NatGateway";
const TAG = { "icp:filing-host": "true" };
const ECS_SET = "alicloud:ecs/ecsInstanceSet:EcsInstanceSet";
const ecsSet = (props: Record<string, unknown>) => ({ amount: 2, instanceType: "ecs.g7.large", imageId: "img", internetMaxBandwidthOut: 5, tags: TAG, ...props });

const ecs = (props: Record<string, unknown>, tags: Record<string, unknown> | null = TAG) => ({
    instanceType: "ecs.g7.large",
    imageId: "aliyun_3_x64_20G_alibase_20240528.vhd",
    ...(tags ? { tags } : {}),
    ...props,
});
const swas = (props: Record<string, unknown>) => ({ planId: "swas.s.c2m1s40b1.linux", imageId: "img", tags: TAG, ...props });
const ens = (props: Record<string, unknown>) => ({ ensRegionId: "cn-wuxi-telecom_unicom_cmcc-2", instanceType: "ens.sn1.stiny", tags: TAG, ...props });
const nat = (props: Record<string, unknown>) => ({ vpcId: "vpc", vswitchId: "vsw", natType: "Enhanced", networkType: "internet", tags: TAG, ...props });

const ineligible = (conditions: string, messageIncludes: string[] = []) => ({ messageId: "hostIneligible", data: { conditions }, messageIncludes });

// Stack builders: outputs as AnalyzeStack sends them.
const ecsNode = (name: string, props: Record<string, unknown>, tags: Record<string, unknown> | null = TAG, withProvider = HANGZHOU): StackResourceSpec => ({
    name,
    type: ECS,
    props: ecs({ publicIp: UNKNOWN, ...props }, tags),
    provider: withProvider,
});
const natNode = (name: string, props: Record<string, unknown>): StackResourceSpec => ({ name, type: NAT, props: nat(props), provider: HANGZHOU });

const invalidEcs: InvalidCase[] = [
    {
        name: "tagged ECS, PostPaid",
        type: ECS,
        props: ecs({ instanceChargeType: "PostPaid", internetMaxBandwidthOut: 5 }),
        provider: HANGZHOU,
        errors: [ineligible("charge", ['instanceChargeType is "PostPaid"', "按量付费实例无法申请备案服务号", 'instanceChargeType: "PrePaid"'])],
    },
    {
        name: "tagged ECS, instanceChargeType not set (not proof of a subscription)",
        type: ECS,
        props: ecs({ internetMaxBandwidthOut: 5 }),
        provider: HANGZHOU,
        errors: [ineligible("charge", ["instanceChargeType is not set"])],
    },
    {
        name: "tagged ECS, PrePaid for 1 Month",
        type: ECS,
        props: ecs({ instanceChargeType: "PrePaid", period: 1, periodUnit: "Month" }),
        provider: HANGZHOU,
        errors: [ineligible("period", ["period is 1 Month (1 month(s))", "at least 3 month(s)"])],
    },
    {
        name: "tagged ECS, PrePaid for 2 Weeks (weekly periods never reach 3 months)",
        type: ECS,
        props: ecs({ instanceChargeType: "PrePaid", period: 2, periodUnit: "Week" }),
        provider: HANGZHOU,
        errors: [ineligible("period", ['periodUnit is "Week"', 'periodUnit: "Month"'])],
    },
    {
        name: "tagged ECS, PrePaid with no period (a subscription defaults to 1 month)",
        type: ECS,
        props: ecs({ instanceChargeType: "PrePaid" }),
        provider: HANGZHOU,
        errors: [ineligible("period", ["period is not set"])],
    },
    {
        name: "tagged ECS in cn-hongkong",
        type: ECS,
        props: ecs({ instanceChargeType: "PrePaid", period: 3 }),
        provider: HONGKONG,
        errors: [ineligible("region", ["cn-hongkong", "outside the Chinese mainland"])],
    },
    {
        name: "tagged ECS in cn-hongkong and PostPaid: every condition is named",
        type: ECS,
        props: ecs({ instanceChargeType: "PostPaid" }),
        provider: HONGKONG,
        errors: [ineligible("region, charge")],
    },
    {
        name: "tagged ECS, no region anywhere: provider default cn-beijing is mainland, PostPaid still fails",
        type: ECS,
        props: ecs({ instanceChargeType: "PostPaid" }),
        provider: provider(),
        errors: [ineligible("charge")],
    },
    {
        name: "tagged ECS, PrePaid, period unknown at preview",
        type: ECS,
        props: ecs({ instanceChargeType: "PrePaid", period: UNKNOWN }),
        provider: HANGZHOU,
        errors: [{ messageId: "hostUnverifiable", advisoryOnly: true, data: { conditions: "period" }, messageIncludes: ["cannot verify it qualifies until apply"] }],
    },
    {
        name: "tagged ECS, region unknown at preview",
        type: ECS,
        props: ecs({ instanceChargeType: "PrePaid", period: 3 }),
        provider: provider(UNKNOWN, "unknown-region"),
        errors: [{ messageId: "hostUnverifiable", advisoryOnly: true, data: { conditions: "region" } }],
    },
    {
        name: "tagged ECS, charge type unknown at preview",
        type: ECS,
        props: ecs({ instanceChargeType: UNKNOWN, period: 3 }),
        provider: HANGZHOU,
        errors: [{ messageId: "hostUnverifiable", advisoryOnly: true, data: { conditions: "charge" } }],
    },
    {
        name: "region unknown but PostPaid: the definite problem wins, at the policy's level",
        type: ECS,
        props: ecs({ instanceChargeType: "PostPaid" }),
        provider: provider(UNKNOWN, "unknown-region"),
        errors: [ineligible("charge")],
    },
    {
        name: "tag value unknown at preview counts as tagged",
        type: ECS,
        props: ecs({ instanceChargeType: "PostPaid" }, { "icp:filing-host": UNKNOWN }),
        provider: HANGZHOU,
        errors: [ineligible("charge")],
    },
    {
        name: "custom tagKey: tagged with it, PostPaid",
        type: ECS,
        props: ecs({ instanceChargeType: "PostPaid" }, { beian: "yes" }),
        provider: HANGZHOU,
        config: { tagKey: "beian" },
        errors: [ineligible("charge")],
    },
];

const invalidOthers: InvalidCase[] = [
    {
        name: "SWAS for 1 month",
        type: SWAS,
        props: swas({ period: 1 }),
        provider: HANGZHOU,
        errors: [{ messageId: "hostIneligible", data: { conditions: "period", product: "Simple Application Server", minimum: "3 month(s)" }, messageIncludes: ["Simple Application Server"] }],
    },
    {
        name: "SWAS in ap-southeast-1",
        type: SWAS,
        props: swas({ period: 12 }),
        provider: provider("ap-southeast-1", "sg"),
        errors: [ineligible("region")],
    },
    { name: "ENS, PayAsYouGo", type: ENS, props: ens({ paymentType: "PayAsYouGo", period: 3 }), errors: [ineligible("charge", ['paymentType is "PayAsYouGo"'])] },
    { name: "ENS, subscription by the Day (3 Days, the only Day period)", type: ENS, props: ens({ paymentType: "Subscription", period: 3, periodUnit: "Day" }), errors: [ineligible("period", ['periodUnit is "Day"'])] },
    { name: "ENS, Subscription for 1 Month", type: ENS, props: ens({ paymentType: "Subscription", period: 1, periodUnit: "Month" }), errors: [ineligible("period", ["ENS instance"])] },
    {
        name: "ENS node in Hong Kong (ensRegionId decides, not the provider)",
        type: ENS,
        props: ens({ ensRegionId: "cn-hongkong-telecom", paymentType: "Subscription", period: 3 }),
        provider: HANGZHOU,
        errors: [ineligible("region", ["ensRegionId"])],
    },
    { name: "NAT gateway, paymentType left out (PayAsYouGo by default)", type: NAT, props: nat({}), provider: HANGZHOU, errors: [ineligible("charge", ['paymentType is "PayAsYouGo" (the default)'])] },
    { name: "tagged bulk ECS instance set, PostPaid", type: ECS_SET, props: ecsSet({ instanceChargeType: "PostPaid" }), provider: HANGZHOU, errors: [ineligible("charge", ['instanceChargeType is "PostPaid"'])] },
    { name: "tagged bulk ECS instance set in cn-hongkong", type: ECS_SET, props: ecsSet({ instanceChargeType: "PrePaid", period: 3 }), provider: HONGKONG, errors: [ineligible("region")] },
    {
        name: "ENS scheduled by area: ensRegionId is ignored, so the country is not known",
        type: ENS,
        props: ens({ scheduleAreaLevel: "Big", paymentType: "Subscription", period: 3 }),
        errors: [{ messageId: "hostUnverifiable", advisoryOnly: true, data: { conditions: "region" }, messageIncludes: ['scheduleAreaLevel "Big"'] }],
    },
    {
        name: "SWAS named in filingHosts (no tags in the SDK), 1 month",
        type: SWAS,
        props: { planId: "swas.s.c2m1s40b1.linux", imageId: "img", period: 1 },
        provider: HANGZHOU,
        config: { filingHosts: ["*::alicloud:simpleapplicationserver/instance:Instance::*"] },
        errors: [ineligible("period", ["Simple Application Server"])],
    },
];

ruleTester(policy, {
    valid: [
        { name: "untagged PostPaid ECS is not a filing host", type: ECS, props: ecs({ instanceChargeType: "PostPaid" }, null), provider: HANGZHOU },
        { name: "tag value false means not a filing host", type: ECS, props: ecs({ instanceChargeType: "PostPaid" }, { "icp:filing-host": "False" }), provider: HANGZHOU },
        { name: "tagged ECS, PrePaid 3 Months with public bandwidth", type: ECS, props: ecs({ instanceChargeType: "PrePaid", period: 3, periodUnit: "Month", internetMaxBandwidthOut: 5 }), provider: HANGZHOU },
        { name: "tagged ECS, PrePaid 3, periodUnit left out (Month)", type: ECS, props: ecs({ instanceChargeType: "PrePaid", period: 3 }), provider: HANGZHOU },
        { name: "tagged ECS, PrePaid 12 Months", type: ECS, props: ecs({ instanceChargeType: "PrePaid", period: 12, periodUnit: "Month" }), provider: HANGZHOU },
        { name: "tagged ECS, PrePaid 1 Year (12 months)", type: ECS, props: ecs({ instanceChargeType: "PrePaid", period: 1, periodUnit: "Year" }), provider: HANGZHOU },
        {
            name: "tagged ECS without bandwidth: an EIP may give it a public IP, so the stack decides",
            type: ECS,
            props: ecs({ instanceChargeType: "PrePaid", period: 6, internetMaxBandwidthOut: 0 }),
            provider: HANGZHOU,
        },
        { name: "tagged ECS in cn-shanghai from stack config", type: ECS, props: ecs({ instanceChargeType: "PrePaid", period: 3 }), provider: provider(), regions: { stackConfigRegion: "cn-shanghai" } },
        {
            name: "custom tagKey: the default tag key no longer marks a host",
            type: ECS,
            props: ecs({ instanceChargeType: "PostPaid" }),
            provider: HANGZHOU,
            config: { tagKey: "beian" },
        },
        { name: "custom tagKey: tagged with it, PrePaid 3 months", type: ECS, props: ecs({ instanceChargeType: "PrePaid", period: 3 }, { beian: "yes" }), provider: HANGZHOU, config: { tagKey: "beian" } },
        { name: "SWAS for 3 months (paymentType defaults to Subscription)", type: SWAS, props: swas({ period: 3 }), provider: HANGZHOU },
        { name: "ENS, Subscription 3 Months", type: ENS, props: ens({ paymentType: "Subscription", period: 3, periodUnit: "Month" }) },
        { name: "NAT gateway, Subscription 1 month", type: NAT, props: nat({ paymentType: "Subscription", period: 1 }), provider: HANGZHOU },
        { name: "tagged bulk ECS instance set, PrePaid 3 months with bandwidth", type: ECS_SET, props: ecsSet({ instanceChargeType: "PrePaid", period: 3, periodUnit: "Month" }), provider: HANGZHOU },
        { name: "SWAS not named in filingHosts and without tags is not a filing host", type: SWAS, props: { planId: "p", imageId: "img", period: 1 }, provider: HANGZHOU, config: { filingHosts: ["other-host"] } },
        { name: "ENS scheduled by Region level: ensRegionId decides", type: ENS, props: ens({ scheduleAreaLevel: "Region", paymentType: "Subscription", period: 3 }) },
        { name: "resource type that is no filing host", type: "alicloud:cdn/domainNew:DomainNew", props: { domainName: "www.unfiled.com", tags: TAG } },
    ],
    invalid: [...invalidEcs, ...invalidOthers],
    stackValid: [
        {
            name: "stack: tagged ECS with internetMaxBandwidthOut 0 and an associated EIP",
            resources: [ecsNode("web", { instanceChargeType: "PrePaid", period: 3, internetMaxBandwidthOut: 0 }), eip("web-eip"), eipAssociation("assoc", "web-eip", "web")],
        },
        {
            name: "stack: refreshed state, tagged ECS with internetMaxBandwidthOut 0 and an EIP associated by IDs (no dependencies)",
            resources: [
                { ...ecsNode("web", { instanceChargeType: "PrePaid", period: 3, internetMaxBandwidthOut: 0 }), props: { ...ecsNode("web", { instanceChargeType: "PrePaid", period: 3, internetMaxBandwidthOut: 0, publicIp: "" }).props, id: "i-bp1web" } },
                { ...eip("web-eip", "47.96.1.2"), props: { ipAddress: "47.96.1.2", bandwidth: "5", id: "eip-bp1web" } },
                { ...eipAssociation("assoc", "web-eip", "web"), props: { allocationId: "eip-bp1web", instanceId: "i-bp1web", instanceType: "EcsInstance" }, dependsOn: undefined },
            ],
        },
        { name: "stack: tagged ECS with its own public bandwidth", resources: [ecsNode("web", { instanceChargeType: "PrePaid", period: 3, internetMaxBandwidthOut: 5 })] },
        {
            name: "stack: tagged NAT gateway, Subscription 1 month, with an associated EIP",
            resources: [natNode("nat", { paymentType: "Subscription", period: 1 }), eip("nat-eip"), eipAssociation("assoc", "nat-eip", "nat", "Nat")],
        },
        {
            name: "stack: untagged, eligible ECS serving a filed domain",
            resources: [
                ecsNode("web", { instanceChargeType: "PrePaid", period: 3, internetMaxBandwidthOut: 0 }, null),
                eip("web-eip"),
                eipAssociation("assoc", "web-eip", "web"),
                alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["web-eip"]),
            ],
        },
        {
            name: "stack: untagged PostPaid ECS serving only unfiled domains",
            resources: [
                ecsNode("web", { instanceChargeType: "PostPaid", internetMaxBandwidthOut: 5 }, null),
                alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["web"]),
                eip("web-eip"),
                eipAssociation("assoc", "web-eip", "web"),
                alidns("api", "unfiled.com", "api", "A", UNKNOWN, ["web-eip"]),
            ],
        },
        {
            name: "stack: untagged PostPaid ECS with no DNS record is nobody's filing host",
            resources: [ecsNode("web", { instanceChargeType: "PostPaid", internetMaxBandwidthOut: 5 }, null)],
        },
        {
            name: "stack: tagged PostPaid ECS with bandwidth (charge is reported per resource, not again by the stack)",
            resources: [ecsNode("web", { instanceChargeType: "PostPaid", internetMaxBandwidthOut: 5 })],
        },
    ],
    stackInvalid: [
        {
            name: "stack: tagged ECS with internetMaxBandwidthOut 0 and no EIP",
            resources: [ecsNode("web", { instanceChargeType: "PrePaid", period: 3, internetMaxBandwidthOut: 0 }), eip("other-eip")],
            errors: [{ resource: "web", ...ineligible("bandwidth", ["no public bandwidth", "ecs.EipAssociation"]) }],
        },
        {
            name: "stack: tagged ECS with no bandwidth and an EIP associated with another instance",
            resources: [
                ecsNode("web", { instanceChargeType: "PrePaid", period: 3 }),
                ecsNode("other", { instanceChargeType: "PrePaid", period: 3 }, null),
                eip("other-eip"),
                eipAssociation("assoc", "other-eip", "other"),
            ],
            errors: [{ resource: "web", ...ineligible("bandwidth") }],
        },
        {
            name: "stack: tagged ECS whose bandwidth is unknown at preview, no EIP",
            resources: [ecsNode("web", { instanceChargeType: "PrePaid", period: 3, internetMaxBandwidthOut: UNKNOWN })],
            errors: [{ resource: "web", messageId: "hostUnverifiable", advisoryOnly: true, data: { conditions: "bandwidth" } }],
        },
        {
            name: "stack: tagged NAT gateway, Subscription 1 month, without an EIP",
            resources: [natNode("nat", { paymentType: "Subscription", period: 1 })],
            errors: [{ resource: "nat", ...ineligible("bandwidth", ['instanceType: "Nat"']) }],
        },
        {
            name: "stack: untagged PostPaid ECS behind an EIP that a filed domain's record points at",
            resources: [
                ecsNode("web", { instanceChargeType: "PostPaid", internetMaxBandwidthOut: 0 }, null),
                eip("web-eip"),
                eipAssociation("assoc", "web-eip", "web"),
                alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["web-eip"]),
            ],
            errors: [
                {
                    resource: "web",
                    messageId: "servingHostIneligible",
                    advisoryOnly: true,
                    data: { conditions: "charge", domains: "filed-alibaba.com", resource: 'ecs.Instance "web"' },
                    messageIncludes: ["likely their filing host"],
                },
            ],
        },
        {
            name: "stack: untagged PostPaid ECS whose publicIp a filed domain's record points at",
            resources: [ecsNode("web", { instanceChargeType: "PostPaid", internetMaxBandwidthOut: 10 }, null), alidns("www", "shop.com.cn", "www", "A", UNKNOWN, ["web"])],
            errors: [{ resource: "web", messageId: "servingHostIneligible", advisoryOnly: true, data: { conditions: "charge", domains: "shop.com.cn" } }],
        },
        {
            name: "stack: untagged ECS on a 1-month subscription serving two filed domains, one an IDN",
            resources: [
                ecsNode("web", { instanceChargeType: "PrePaid", period: 1, internetMaxBandwidthOut: 10 }, null),
                alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["web"]),
                alidns("idn", "例子.中国", "www", "A", UNKNOWN, ["web"]),
            ],
            errors: [{ resource: "web", messageId: "servingHostIneligible", advisoryOnly: true, data: { conditions: "period", domains: "filed-alibaba.com, 例子.中国 (xn--fsqu00a.xn--fiqs8s)" } }],
        },
        {
            name: "stack: untagged PostPaid ECS with no bandwidth serving a filed domain: charge and bandwidth",
            resources: [ecsNode("web", { instanceChargeType: "PostPaid" }, null), alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["web"])],
            errors: [{ resource: "web", messageId: "servingHostIneligible", advisoryOnly: true, data: { conditions: "charge, bandwidth" } }],
        },
        {
            name: "stack: custom tagKey, tagged NAT gateway without an EIP",
            resources: [{ ...natNode("nat", { paymentType: "Subscription", period: 1 }), props: nat({ paymentType: "Subscription", period: 1, tags: { beian: "1" } }) }],
            config: { tagKey: "beian" },
            errors: [{ resource: "nat", ...ineligible("bandwidth") }],
        },
    ],
});

describe("ICP006 icp-filing-host-ineligible: known gaps", () => {
    // BUG (gap): ICP-RULES.md §4.2 "No public IP → no number" ([BSN-API]: 无公网 IP 的云产品…无法生成备案服务号)
    // and §4.3 maps ENS to internetMaxBandwidthOut / publicIpIdentification, but data/filing-hosts.json
    // has requiresPublicBandwidth: false for ENS, so a tagged ENS subscription with
    // publicIpIdentification: false passes. Expected ["hostIneligible"] (condition bandwidth), actual [].
    it("a tagged ENS subscription without a public IP (publicIpIdentification: false) cannot be a filing host", () => {
        const props = ens({ paymentType: "Subscription", period: 3, publicIpIdentification: false, internetMaxBandwidthOut: 0 });
        const findings = policy.runResource!({ urn: urnOf(ENS, "no-ip"), type: ENS, name: "no-ip", props, secretProps: new Set() }, contextFor(policy, {}));
        assert.deepStrictEqual(findings.map((f) => f.messageId), ["hostIneligible"]);
    });
});
