import policy from "../../policies/icp-filing-host-quota";
import { ruleTester, StackResourceSpec } from "../helpers/rule-tester";
import { parseRegistry } from "../../lib/model/registry";
import { UNKNOWN } from "../../lib/model/values";
import { alidns, eip, eipAssociation, HANGZHOU } from "../helpers/stack-fixtures";

// ICP007 (ICP-RULES.md §4): each website filed through Alibaba Cloud uses one service number of its
// host; ECS, Simple Application Server and ENS have 5, NAT gateways 2, and renewing adds none.
// A stack check: which filed domains the DNS records point at each host (directly or via an EIP).

const ECS = "alicloud:ecs/instance:Instance";
const SWAS = "alicloud:simpleapplicationserver/instance:Instance";
const NAT = "alicloud:vpc/natGateway:NatGateway";

/** Six filed sites, each with its own website number (no website-number warnings). */
const SITES = ["site-a.com", "site-b.com", "site-c.cn", "site-d.net", "例子.中国", "site-f.com.cn"];
const sixFiled = parseRegistry(
    `filings:\n${SITES.map((domain, index) => `  - domain: ${domain}\n    icp: 浙ICP备2023012345号-${index + 1}\n    accessProviders: [alibaba]\n`).join("")}`,
    "/registry/six-sites.yaml",
);

const ecsNode = (name: string): StackResourceSpec => ({
    name,
    type: ECS,
    props: { instanceType: "ecs.g7.large", instanceChargeType: "PrePaid", period: 12, internetMaxBandwidthOut: 10, publicIp: UNKNOWN },
    provider: HANGZHOU,
});
const ecsSet = (name: string, amount: number): StackResourceSpec => ({
    name,
    type: "alicloud:ecs/ecsInstanceSet:EcsInstanceSet",
    props: { amount, instanceType: "ecs.g7.large", instanceChargeType: "PrePaid", period: 12, internetMaxBandwidthOut: 10, instanceIds: UNKNOWN },
    provider: HANGZHOU,
});
const natNode = (name: string): StackResourceSpec => ({ name, type: NAT, props: { vpcId: "vpc", paymentType: "Subscription", period: 1, networkType: "internet" }, provider: HANGZHOU });
/** One `www` A record per domain, each pointing at `target`. */
const records = (domains: readonly string[], target: string, prefix = "www"): StackResourceSpec[] =>
    domains.map((domain, index) => alidns(`${prefix}-${index}`, domain, prefix, "A", UNKNOWN, [target]));

ruleTester(policy, {
    valid: [],
    invalid: [],
    stackValid: [
        { name: "a bulk ECS instance set of 2 has 10 service numbers: 6 filed websites fit", resources: [ecsSet("set", 2), ...records(SITES, "set")], registry: sixFiled },
        { name: "ECS serving 5 filed websites (exactly its quota)", resources: [ecsNode("web"), ...records(SITES.slice(0, 5), "web")], registry: sixFiled },
        {
            name: "several records of the same filed domains count once each",
            resources: [ecsNode("web"), ...records(SITES.slice(0, 5), "web"), ...records(SITES.slice(0, 5), "web", "api"), alidns("apex", "site-a.com", "@", "A", UNKNOWN, ["web"])],
            registry: sixFiled,
        },
        {
            name: "ECS serving 5 filed and 3 unfiled domains (unfiled ones use no service number)",
            resources: [ecsNode("web"), ...records(SITES.slice(0, 5), "web"), ...records(["unfiled-1.com", "unfiled-2.com", "unfiled-3.com"], "web", "x")],
            registry: sixFiled,
        },
        {
            name: "six filed websites spread over two ECS instances",
            resources: [ecsNode("web-1"), ecsNode("web-2"), ...records(SITES.slice(0, 3), "web-1"), ...records(SITES.slice(3), "web-2", "api")],
            registry: sixFiled,
        },
        { name: "NAT gateway serving 2 filed websites through its EIP", resources: [natNode("nat"), eip("nat-eip"), eipAssociation("assoc", "nat-eip", "nat", "Nat"), ...records(SITES.slice(0, 2), "nat-eip")], registry: sixFiled },
        { name: "six filed domains on an EIP associated with nothing (no host)", resources: [eip("lonely-eip"), ...records(SITES, "lonely-eip")], registry: sixFiled },
        { name: "records with names unknown at preview count for nothing", resources: [ecsNode("web"), ...records([UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN], "web")], registry: sixFiled },
        { name: "empty stack", resources: [], registry: sixFiled },
    ],
    stackInvalid: [
        {
            name: "a bulk ECS instance set of 1 serving 6 filed websites",
            resources: [ecsSet("set", 1), ...records(SITES, "set")],
            registry: sixFiled,
            errors: [{ resource: "set", messageId: "quotaExceeded", data: { count: "6", quota: "5" } }],
        },
        {
            name: "ECS serving 6 filed websites",
            resources: [ecsNode("web"), ...records(SITES, "web")],
            registry: sixFiled,
            errors: [
                {
                    resource: "web",
                    messageId: "quotaExceeded",
                    data: {
                        resource: 'ecs.Instance "web"',
                        count: "6",
                        quota: "5",
                        product: "ECS instance",
                        domains: "site-a.com, site-b.com, site-c.cn, site-d.net, site-f.com.cn, 例子.中国 (xn--fsqu00a.xn--fiqs8s)",
                    },
                    messageIncludes: ["备案服务号", "renewing does not add more"],
                },
            ],
        },
        {
            name: "ECS serving 6 filed websites, half through an associated EIP",
            resources: [ecsNode("web"), eip("web-eip"), eipAssociation("assoc", "web-eip", "web"), ...records(SITES.slice(0, 3), "web"), ...records(SITES.slice(3), "web-eip", "api")],
            registry: sixFiled,
            errors: [{ resource: "web", messageId: "quotaExceeded", data: { count: "6", quota: "5" } }],
        },
        {
            name: "NAT gateway serving 3 filed websites through its EIP",
            resources: [natNode("nat"), eip("nat-eip"), eipAssociation("assoc", "nat-eip", "nat", "Nat"), ...records(SITES.slice(0, 3), "nat-eip")],
            registry: sixFiled,
            errors: [{ resource: "nat", messageId: "quotaExceeded", data: { count: "3", quota: "2", product: "NAT gateway", domains: "site-a.com, site-b.com, site-c.cn" } }],
        },
        {
            name: "Simple Application Server serving 6 filed websites",
            resources: [{ name: "swas", type: SWAS, props: { planId: "p", imageId: "i", period: 12 }, provider: HANGZHOU }, ...records(SITES, "swas")],
            registry: sixFiled,
            errors: [{ resource: "swas", messageId: "quotaExceeded", data: { count: "6", quota: "5", product: "Simple Application Server" } }],
        },
        {
            name: "two hosts over quota are each reported",
            resources: [ecsNode("web"), natNode("nat"), eip("nat-eip"), eipAssociation("assoc", "nat-eip", "nat", "Nat"), ...records(SITES, "web"), ...records(SITES.slice(0, 3), "nat-eip", "api")],
            registry: sixFiled,
            errors: [
                { resource: "web", messageId: "quotaExceeded", data: { count: "6" } },
                { resource: "nat", messageId: "quotaExceeded", data: { count: "3" } },
            ],
        },
    ],
});
