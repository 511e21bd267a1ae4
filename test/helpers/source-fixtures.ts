/**
 * Builders for the DNS sources that are not records (GA, GTM, ESA sub-hostnames) and the
 * endpoints added with them (lib/graph/dns.ts DNS_SOURCE_TYPES, lib/graph/links.ts).
 */
import { StackResourceSpec } from "./rule-tester";
import { HANGZHOU, HONGKONG } from "./stack-fixtures";
import { UNKNOWN } from "../../lib/model/values";

export const accelerator = (name: string): StackResourceSpec => ({
    name,
    type: "alicloud:ga/accelerator:Accelerator",
    props: { spec: "1", paymentType: "Subscription", duration: 1 },
    provider: HANGZHOU,
});

/** A GA IP set (acceleration area) of `acceleratorName`, or of a literal accelerator ID. */
export const ipSet = (name: string, accelerateRegionId: unknown, acceleratorName?: string, acceleratorId: unknown = UNKNOWN): StackResourceSpec => ({
    name,
    type: "alicloud:ga/ipSet:IpSet",
    props: { accelerateRegionId, acceleratorId, bandwidth: 5, ipAddressLists: UNKNOWN },
    provider: HANGZHOU,
    dependsOn: acceleratorName ? { acceleratorId: [acceleratorName] } : undefined,
});

export const gaDomain = (name: string, domain: unknown, acceleratorName?: string, acceleratorId: unknown = UNKNOWN): StackResourceSpec => ({
    name,
    type: "alicloud:ga/domain:Domain",
    props: { domain, acceleratorId },
    provider: HANGZHOU,
    dependsOn: acceleratorName ? { acceleratorId: [acceleratorName] } : undefined,
});

export const gaForwardingRule = (name: string, ruleConditions: unknown, acceleratorName: string): StackResourceSpec => ({
    name,
    type: "alicloud:ga/forwardingRule:ForwardingRule",
    props: { acceleratorId: UNKNOWN, listenerId: UNKNOWN, ruleConditions, ruleActions: [{ order: 1, ruleActionType: "ForwardGroup" }] },
    provider: HANGZHOU,
    dependsOn: { acceleratorId: [acceleratorName] },
});

export const gtmInstance = (name: string, publicUserDomainName: unknown): StackResourceSpec => ({
    name,
    type: "alicloud:dns/gtmInstance:GtmInstance",
    props: { instanceName: name, publicUserDomainName, publicZoneName: "gtm-zone.example.net", paymentType: "Subscription", packageEdition: "standard", period: 1 },
    provider: HANGZHOU,
});

/** A GTM 2.0 address pool of `instanceName`; `addressFrom` names resources its addresses come from. */
export const addressPool = (name: string, instanceName: string, addresses: unknown[], type = "IPV4", addressFrom?: readonly string[]): StackResourceSpec => ({
    name,
    type: "alicloud:dns/addressPool:AddressPool",
    props: { addressPoolName: name, instanceId: UNKNOWN, lbaStrategy: "RATIO", type, addresses: addresses.map((address) => ({ address, attributeInfo: "{}", mode: "SMART", lbaWeight: 1 })) },
    provider: HANGZHOU,
    dependsOn: { instanceId: [instanceName], ...(addressFrom ? { addresses: addressFrom } : {}) },
});

export const gtm3Config = (name: string, scheduleHostName: string, scheduleZoneName: string, dependsOnResources: readonly string[], extra: Record<string, unknown> = {}): StackResourceSpec => ({
    name,
    type: "alicloud:alidnscloudgtm/instanceConfig:InstanceConfig",
    props: { instanceId: "gtm-cn-1", scheduleHostName, scheduleZoneName, scheduleZoneMode: "custom", scheduleRrType: "A", enableStatus: "enable", ...extra },
    provider: HANGZHOU,
    dependsOnResources,
});

export const gtm3Address = (name: string, address: unknown, addressFrom?: readonly string[]): StackResourceSpec => ({
    name,
    type: "alicloud:alidnscloudgtmaddress/alidnsCloudGtmAddress:AlidnsCloudGtmAddress",
    props: { name, address, type: "IPv4", availableMode: "auto", enableStatus: "enable", healthJudgement: "any_ok" },
    provider: HANGZHOU,
    dependsOn: addressFrom ? { address: addressFrom } : undefined,
});

export const esaSite = (name: string, siteName: string, coverage: unknown): StackResourceSpec => ({
    name,
    type: "alicloud:esa/site:Site",
    props: { siteName, coverage, accessType: "NS", instanceId: "esa-i" },
    provider: HANGZHOU,
});

/** An ESA sub-resource naming a hostname under `siteName`'s site. */
export const esaHostname = (name: string, type: string, nameProperty: string, hostname: unknown, siteName: string): StackResourceSpec => ({
    name,
    type,
    props: { siteId: UNKNOWN, [nameProperty]: hostname },
    provider: HANGZHOU,
    dependsOn: { siteId: [siteName] },
});

export const ESA_HOSTNAME_TYPES: readonly [string, string][] = [
    ["alicloud:esa/edgeContainerAppRecord:EdgeContainerAppRecord", "recordName"],
    ["alicloud:esa/routineRelatedRecord:RoutineRelatedRecord", "recordName"],
    ["alicloud:esa/transportLayerApplication:TransportLayerApplication", "recordName"],
    ["alicloud:esa/loadBalancer:LoadBalancer", "loadBalancerName"],
];

export const ipv6Address = (name: string, address: unknown = UNKNOWN, withProvider = HANGZHOU): StackResourceSpec => ({
    name,
    type: "alicloud:vpc/ipv6Address:Ipv6Address",
    props: { vswitchId: "vsw", ipv6Address: address },
    provider: withProvider,
});

export const ipv6Bandwidth = (name: string, addressName: string): StackResourceSpec => ({
    name,
    type: "alicloud:vpc/ipv6InternetBandwidth:Ipv6InternetBandwidth",
    props: { ipv6AddressId: UNKNOWN, ipv6GatewayId: "ipv6gw", bandwidth: 10 },
    provider: HANGZHOU,
    dependsOn: { ipv6AddressId: [addressName] },
});

export { HANGZHOU, HONGKONG };
