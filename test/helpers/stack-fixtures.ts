/** Builders for stack cases: endpoints and DNS records of every supported host. */
import { StackResourceSpec } from "./rule-tester";
import { provider } from "./fixtures";
import { UNKNOWN } from "../../lib/model/values";

export const HANGZHOU = provider("cn-hangzhou");
export const HONGKONG = provider("cn-hongkong", "hk");

export const eip = (name: string, ipAddress: unknown = UNKNOWN, withProvider = HANGZHOU): StackResourceSpec => ({
    name,
    type: "alicloud:ecs/eipAddress:EipAddress",
    props: { ipAddress, bandwidth: "5", paymentType: "PayAsYouGo" },
    provider: withProvider,
});

/** An EIP association: `eipName`'s address attached to `hostName` (an ECS instance unless told). */
export const eipAssociation = (name: string, eipName: string, hostName: string, instanceType = "EcsInstance"): StackResourceSpec => ({
    name,
    type: "alicloud:ecs/eipAssociation:EipAssociation",
    props: { allocationId: UNKNOWN, instanceId: UNKNOWN, instanceType },
    provider: HANGZHOU,
    dependsOn: { allocationId: [eipName], instanceId: [hostName] },
});

export const alb = (name: string, props: Record<string, unknown> = {}, withProvider = HANGZHOU): StackResourceSpec => ({
    name,
    type: "alicloud:alb/loadBalancer:LoadBalancer",
    props: { addressType: "Internet", dnsName: UNKNOWN, regionId: UNKNOWN, loadBalancerEdition: "Standard", vpcId: "vpc", ...props },
    provider: withProvider,
});

export const cdnDomain = (name: string, domainName: string, scope?: string, cname: unknown = UNKNOWN): StackResourceSpec => ({
    name,
    type: "alicloud:cdn/domainNew:DomainNew",
    props: { domainName, cdnType: "web", cname, ...(scope ? { scope } : {}) },
    provider: HANGZHOU,
});

export const alidns = (name: string, domainName: unknown, rr: string, type: string, value: unknown, valueFrom?: readonly string[], extra: Record<string, unknown> = {}): StackResourceSpec => ({
    name,
    type: "alicloud:dns/alidnsRecord:AlidnsRecord",
    props: { domainName, rr, type, value, ttl: 600, ...extra },
    provider: HANGZHOU,
    dependsOn: valueFrom ? { value: valueFrom } : undefined,
});

export const legacyRecord = (name: string, zone: string, hostRecord: string, type: string, value: unknown, valueFrom?: readonly string[]): StackResourceSpec => ({
    name,
    type: "alicloud:dns/record:Record",
    props: { name: zone, hostRecord, type, value },
    provider: HANGZHOU,
    dependsOn: valueFrom ? { value: valueFrom } : undefined,
});

export const route53 = (name: string, fqdn: string, type: string, records: unknown, valueFrom?: readonly string[], extra: Record<string, unknown> = {}): StackResourceSpec => ({
    name,
    type: "aws:route53/record:Record",
    props: { name: fqdn, type, zoneId: "Z123", ttl: 300, records, ...extra },
    dependsOn: valueFrom ? { records: valueFrom } : undefined,
});

export const cloudflare = (name: string, recordName: string, type: string, content: unknown, options: { valueFrom?: readonly string[]; zoneFrom?: readonly string[]; proxied?: boolean; v5?: boolean } = {}): StackResourceSpec => ({
    name,
    type: options.v5 ? "cloudflare:index/dnsRecord:DnsRecord" : "cloudflare:index/record:Record",
    props: { zoneId: UNKNOWN, name: recordName, type, content, ttl: 1, ...(options.proxied === undefined ? {} : { proxied: options.proxied }) },
    dependsOn: { ...(options.valueFrom ? { content: options.valueFrom } : {}), ...(options.zoneFrom ? { zoneId: options.zoneFrom } : {}) },
});

/** An ALB listener on the load balancer `albName`. */
export const albListener = (name: string, albName: string): StackResourceSpec => ({
    name,
    type: "alicloud:alb/listener:Listener",
    props: { loadBalancerId: UNKNOWN, listenerPort: 443, listenerProtocol: "HTTPS" },
    provider: HANGZHOU,
    dependsOn: { loadBalancerId: [albName] },
});

/** An ALB forwarding rule on `listenerName` with a Host condition. */
export const albHostRule = (name: string, listenerName: string, hosts: unknown[], withProvider = HANGZHOU): StackResourceSpec => ({
    name,
    type: "alicloud:alb/rule:Rule",
    props: { listenerId: UNKNOWN, priority: 1, ruleName: name, ruleConditions: [{ type: "Host", hostConfig: { values: hosts } }], ruleActions: [] },
    provider: withProvider,
    dependsOn: { listenerId: [listenerName] },
});

/** A CLB (slb.ApplicationLoadBalancer, or the legacy slb.LoadBalancer) with an address type. */
export const clb = (name: string, addressType: string, legacy = false, withProvider = HANGZHOU): StackResourceSpec => ({
    name,
    type: legacy ? "alicloud:slb/loadBalancer:LoadBalancer" : "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer",
    props: { addressType, address: UNKNOWN, loadBalancerSpec: "slb.s2.small" },
    provider: withProvider,
});

/** A CLB forwarding rule (slb.Rule) for `domain` on the CLB `clbName`. */
export const clbRule = (name: string, clbName: string, domain: unknown, withProvider = HANGZHOU): StackResourceSpec => ({
    name,
    type: "alicloud:slb/rule:Rule",
    props: { loadBalancerId: UNKNOWN, frontendPort: 80, name, domain, serverGroupId: "sg" },
    provider: withProvider,
    dependsOn: { loadBalancerId: [clbName] },
});

/** An Anycast EIP attached to the instance `targetName` (an intranet CLB unless told). */
export const anycastAttachment = (name: string, anycastName: string, targetName: string, bindInstanceType = "SlbInstance"): StackResourceSpec => ({
    name,
    type: "alicloud:eipanycast/anycastEipAddressAttachment:AnycastEipAddressAttachment",
    props: { anycastId: UNKNOWN, bindInstanceId: UNKNOWN, bindInstanceType, bindInstanceRegionId: "cn-hongkong" },
    provider: HANGZHOU,
    dependsOn: { anycastId: [anycastName], bindInstanceId: [targetName] },
});
