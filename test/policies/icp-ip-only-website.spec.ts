import policy from "../../policies/icp-ip-only-website";
import { ruleTester, StackResourceSpec } from "../helpers/rule-tester";
import { UNKNOWN } from "../../lib/model/values";
import { alidns, eip, eipAssociation, HANGZHOU, HONGKONG } from "../helpers/stack-fixtures";

// ICP010 (ICP-RULES.md §4.2): a website reached by IP alone also needs a filing, and Alibaba Cloud
// files only domains. A stack check: a mainland public address (EIP, ECS with its own bandwidth,
// internet-facing CLB/ALB/NLB) exposing web ports to 0.0.0.0/0 with no DNS record pointing at it.

const ECS = "alicloud:ecs/instance:Instance";
const CLB = "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer";

const securityGroup = (name = "sg"): StackResourceSpec => ({ name, type: "alicloud:ecs/securityGroup:SecurityGroup", props: { vpcId: "vpc", securityGroupName: name }, provider: HANGZHOU });
const rule = (name: string, props: Record<string, unknown> = {}, group = "sg"): StackResourceSpec => ({
    name,
    type: "alicloud:ecs/securityGroupRule:SecurityGroupRule",
    // A property given as undefined is left out.
    props: Object.fromEntries(Object.entries({ type: "ingress", ipProtocol: "tcp", portRange: "80/80", cidrIp: "0.0.0.0/0", policy: "accept", securityGroupId: UNKNOWN, ...props }).filter(([, v]) => v !== undefined)),
    provider: HANGZHOU,
    dependsOn: { securityGroupId: [group] },
});
const ecs = (name: string, props: Record<string, unknown> = {}, groups = ["sg"], withProvider = HANGZHOU): StackResourceSpec => ({
    name,
    type: ECS,
    props: { instanceType: "ecs.g7.large", internetMaxBandwidthOut: 0, publicIp: UNKNOWN, securityGroups: [UNKNOWN], ...props },
    provider: withProvider,
    dependsOn: { securityGroups: groups },
});
const clb = (name: string, addressType: string): StackResourceSpec => ({ name, type: CLB, props: { addressType, address: UNKNOWN, loadBalancerName: name }, provider: HANGZHOU });
const listener = (name: string, balancer: string, frontendPort: unknown, type = "alicloud:slb/listener:Listener", portProperty = "frontendPort"): StackResourceSpec => ({
    name,
    type,
    props: { loadBalancerId: UNKNOWN, [portProperty]: frontendPort, backendPort: 80, protocol: "http" },
    provider: HANGZHOU,
    dependsOn: { loadBalancerId: [balancer] },
});

/** EIP → ECS (no bandwidth of its own) whose security group opens TCP 80 to the world. */
const eipWebServer = (ruleProps: Record<string, unknown> = {}, eipProvider = HANGZHOU): StackResourceSpec[] => [
    securityGroup(),
    rule("http", ruleProps),
    ecs("web"),
    eip("web-eip", UNKNOWN, eipProvider),
    eipAssociation("assoc", "web-eip", "web"),
];

const ipOnly = (resource: string, ports: string, extra: { data?: Record<string, string>; messageIncludes?: string[] } = {}) => ({
    resource,
    messageId: "ipOnlyWebsite",
    data: { ports, ...extra.data },
    messageIncludes: ["no DNS record in this stack points at it", "provincial", ...(extra.messageIncludes ?? [])],
});

ruleTester(policy, {
    valid: [],
    invalid: [],
    stackValid: [
        { name: "EIP → ECS with port 80 open, and a DNS record points at the EIP", resources: [...eipWebServer(), alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["web-eip"])] },
        { name: "EIP → ECS with port 80 open, and a DNS record points at the ECS", resources: [...eipWebServer(), alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["web"])] },
        { name: "EIP → ECS with only SSH (22/22) open", resources: eipWebServer({ portRange: "22/22" }) },
        { name: "EIP → ECS with port 80 open to 10.0.0.0/8 only", resources: eipWebServer({ cidrIp: "10.0.0.0/8" }) },
        { name: "EIP → ECS with an egress rule on port 80", resources: eipWebServer({ type: "egress" }) },
        { name: "EIP → ECS with a drop rule on port 80", resources: eipWebServer({ policy: "drop" }) },
        { name: "EIP → ECS with UDP 80 open", resources: eipWebServer({ ipProtocol: "udp" }) },
        { name: "EIP → ECS with the port range unknown at preview", resources: eipWebServer({ portRange: UNKNOWN }) },
        { name: "EIP in Hong Kong → ECS with port 80 open", resources: eipWebServer({}, HONGKONG) },
        { name: "ECS with no bandwidth and no EIP (no public address)", resources: [securityGroup(), rule("http"), ecs("web")] },
        { name: "ECS with bandwidth unknown at preview (not known to be public)", resources: [securityGroup(), rule("http"), ecs("web", { internetMaxBandwidthOut: UNKNOWN })] },
        { name: "ECS with bandwidth in cn-hongkong, port 443 open", resources: [securityGroup(), rule("https", { portRange: "443/443" }), ecs("web", { internetMaxBandwidthOut: 5 }, ["sg"], HONGKONG)] },
        { name: "EIP associated with nothing", resources: [eip("lonely-eip")] },
        { name: "intranet CLB with an HTTP listener on 80", resources: [clb("clb", "intranet"), listener("http", "clb", 80)] },
        { name: "internet CLB with a listener on 22 only", resources: [clb("clb", "internet"), listener("ssh", "clb", 22)] },
        { name: "internet CLB on 80 with a DNS record pointing at it", resources: [clb("clb", "internet"), listener("http", "clb", 80), alidns("www", "filed-alibaba.com", "www", "A", UNKNOWN, ["clb"])] },
        { name: "port 8000 open is not a web port by default", resources: eipWebServer({ portRange: "8000/8000" }) },
        { name: "webPorts [8000]: port 80 open is no longer a web port", resources: eipWebServer(), config: { webPorts: [8000] } },
        { name: "empty stack", resources: [] },
    ],
    stackInvalid: [
        {
            name: "EIP → ECS (no bandwidth of its own) with TCP 80 open to 0.0.0.0/0",
            resources: eipWebServer(),
            errors: [ipOnly("web-eip", "80", { data: { resource: 'ecs.EipAddress "web-eip"', via: ' (through ecs.Instance "web", which it is associated with)' }, messageIncludes: ["cn-hangzhou"] })],
        },
        {
            name: "EIP → ECS with a DNS record for another EIP only",
            resources: [...eipWebServer(), eip("other-eip"), alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["other-eip"])],
            errors: [ipOnly("web-eip", "80")],
        },
        { name: "EIP → ECS with every port open (1/65535)", resources: eipWebServer({ portRange: "1/65535" }), errors: [ipOnly("web-eip", "80, 443, 8080, 8443")] },
        { name: "EIP → ECS with all protocols open (-1/-1)", resources: eipWebServer({ ipProtocol: "all", portRange: "-1/-1" }), errors: [ipOnly("web-eip", "80, 443, 8080, 8443")] },
        { name: "EIP → ECS with port 80 open to ::/0", resources: eipWebServer({ cidrIp: undefined, ipv6CidrIp: "::/0" }), errors: [ipOnly("web-eip", "80")] },
        {
            name: "ECS with internetMaxBandwidthOut 5 and port 443 open",
            resources: [securityGroup(), rule("https", { portRange: "443/443" }), ecs("web", { internetMaxBandwidthOut: 5 })],
            errors: [ipOnly("web", "443", { data: { resource: 'ecs.Instance "web"', via: "" } })],
        },
        {
            name: "ECS in two security groups, the second opens 8080",
            resources: [securityGroup("sg"), securityGroup("sg-2"), rule("ssh", { portRange: "22/22" }), rule("alt", { portRange: "8080/8080" }, "sg-2"), ecs("web", { internetMaxBandwidthOut: 5 }, ["sg", "sg-2"])],
            errors: [ipOnly("web", "8080")],
        },
        {
            name: "internet-facing CLB with a listener on 80",
            resources: [clb("clb", "internet"), listener("http", "clb", 80)],
            errors: [ipOnly("clb", "80", { data: { resource: 'slb.ApplicationLoadBalancer "clb"' } })],
        },
        {
            name: "internet ALB with a listener on 443",
            resources: [
                { name: "alb", type: "alicloud:alb/loadBalancer:LoadBalancer", props: { addressType: "Internet", dnsName: UNKNOWN, regionId: UNKNOWN, vpcId: "vpc" }, provider: HANGZHOU },
                listener("https", "alb", 443, "alicloud:alb/listener:Listener", "listenerPort"),
            ],
            errors: [ipOnly("alb", "443")],
        },
        { name: "webPorts [8000]: port 8000 open is a web port", resources: eipWebServer({ portRange: "8000/8000" }), config: { webPorts: [8000] }, errors: [ipOnly("web-eip", "8000")] },
    ],
});
