/**
 * Filing hosts (备案服务器): whether an instance qualifies to generate ICP service numbers, from a
 * dated data table (data/filing-hosts.json), and the stack facts eligibility needs — which EIPs are
 * associated with which instance, and which public addresses expose web ports to the Internet.
 */
import hostData from "../../data/filing-hosts.json";
import { endpointOf, Endpoint } from "./endpoints";
import { LINK_TYPES, StackLinks } from "./links";
import { classifyRegion, isMainlandClass, resolveRegion, RegionEnvironment, showRegion, zoneRegionOf } from "../model/region";
import { propertyName, settingOf, typeName } from "../model/naming";
import { ResourceView, StackResourceView, StackView } from "../model/resource";
import { PropertyBag, Read, readBoolean, readNumber, readObject, readString } from "../model/values";

export interface HostSpec {
    readonly type: string;
    readonly product: string;
    readonly minimumMonths: number;
    readonly serviceNumbers: number;
    readonly requiresPublicBandwidth: boolean;
    readonly charge: { readonly property: string; readonly subscription: readonly string[]; readonly defaultCharge?: string };
    readonly period: { readonly property: string; readonly unitProperty?: string; readonly defaultUnit: string };
    readonly regionProperty?: string;
    /** Bulk sets: the input holding how many instances share the spec (their numbers add up). */
    readonly countProperty?: string;
    /** ENS: a level other than `Region` schedules by area and ignores `regionProperty`. */
    readonly scheduleAreaProperty?: string;
    /** A boolean input that turns the public IP off (ENS publicIpIdentification; default on). */
    readonly publicIpFlag?: string;
}

const UNITS_IN_MONTHS: Readonly<Record<string, number>> = hostData.unitsInMonths;
export const HOST_SOURCES: readonly string[] = hostData.sources;

const SPECS: ReadonlyMap<string, HostSpec> = new Map(
    Object.entries(hostData.products as Record<string, Omit<HostSpec, "type">>).map(([type, spec]) => [type, { type, ...spec }]),
);
export const HOST_TYPES: readonly string[] = [...SPECS.keys()];

export function hostSpecFor(type: string): HostSpec | undefined {
    return SPECS.get(type);
}

/** Service numbers a host resource has: per instance, times the instance count of a bulk set. */
export function serviceNumbersOf(resource: ResourceView, spec: HostSpec): number {
    if (!spec.countProperty) return spec.serviceNumbers;
    const count = readNumber(resource.props, spec.countProperty);
    return count.state === "known" && Number.isInteger(count.value) && count.value > 1 ? spec.serviceNumbers * count.value : spec.serviceNumbers;
}

/** True when the instance carries the filing-host tag (any value but "false"). */
export function isTaggedHost(resource: ResourceView, tagKey: string): boolean {
    const tags = readObject(resource.props, "tags");
    if (tags.state !== "known") return false;
    const value = readString(tags.value, tagKey);
    return value.state === "known" ? value.value.toLowerCase() !== "false" : value.state === "unknown";
}

/**
 * True when the instance is named as a filing host in configuration: its resource name, or a
 * glob (`*` any run of characters) over its name or URN. The way to mark hosts that cannot carry
 * tags: Simple Application Server instances have no `tags` input in @pulumi/alicloud.
 *
 * A Terraform resource's name is its address (`module.web.alicloud_simple_application_server_instance.app[0]`),
 * so an entry names it by address, or by a glob over addresses (`alicloud_simple_application_server_instance.*`).
 * So that one config serves both front ends, a glob over Pulumi URNs also matches it as the
 * resource of that Pulumi type named by its address would (`urn:pulumi:terraform::terraform::<type>::<address>`):
 * `*::alicloud:simpleapplicationserver/instance:Instance::*` marks every Simple Application Server either way.
 */
export function isListedHost(resource: ResourceView, patterns: readonly string[]): boolean {
    const names = [resource.name, resource.urn, ...(resource.address !== undefined ? [resource.address] : [])];
    const globbed = resource.address !== undefined ? [...names, `urn:pulumi:terraform::terraform::${resource.type}::${resource.address}`] : names;
    return patterns.some((pattern) => {
        if (!pattern.includes("*")) return names.includes(pattern);
        const glob = new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
        return globbed.some((name) => glob.test(name));
    });
}

export type Condition = "region" | "charge" | "period" | "bandwidth";

export interface EligibilityProblem {
    readonly condition: Condition;
    /** What is wrong and what to change. */
    readonly message: string;
    /** True when the value is unknown until apply (cannot be verified at preview). */
    readonly unknown?: boolean;
}

function regionOf(resource: ResourceView, spec: HostSpec, env: RegionEnvironment): { read: Read<string>; origin: string } {
    if (spec.scheduleAreaProperty) {
        // Scheduled by area (Big/Middle/Small): the node is chosen at creation, ensRegionId ignored.
        const level = readString(resource.props, spec.scheduleAreaProperty);
        const shown = propertyName(resource, spec.scheduleAreaProperty);
        if (level.state === "unknown") return { read: level, origin: shown };
        if (level.state === "known" && level.value.toLowerCase() !== "region") {
            return { read: { state: "unknown" }, origin: `${shown} "${level.value}" schedules by area, so the node and its country are chosen at creation` };
        }
    }
    if (spec.regionProperty) {
        const own = readString(resource.props, spec.regionProperty);
        // ENS node IDs (cn-wuxi-telecom_unicom_cmcc-2) carry the country in their prefix.
        if (own.state !== "absent") return { read: own, origin: propertyName(resource, spec.regionProperty) };
    }
    const resolved = resolveRegion(undefined, resource.provider, env, zoneRegionOf(resource));
    return { read: resolved.read, origin: resolved.origin };
}

function inMainland(regionId: string, spec: HostSpec): boolean {
    if (spec.regionProperty) return regionId.startsWith("cn-") && !/^cn-(hongkong|taiwan|macau)/.test(regionId);
    return isMainlandClass(classifyRegion(regionId));
}

/**
 * Checks the conditions that the instance's own inputs decide: region, charge type, period and
 * unit, and — when `hasAssociatedEip` is given — public bandwidth. With `hasAssociatedEip`
 * undefined (per-resource, no stack), a bandwidth condition that an EIP could satisfy is left out.
 */
export function eligibilityProblems(resource: ResourceView, spec: HostSpec, env: RegionEnvironment, hasAssociatedEip?: boolean): EligibilityProblem[] {
    const problems: EligibilityProblem[] = [];
    const props = resource.props;
    // Inputs named as the resource's front end names them (`instanceChargeType: "PrePaid"`, `instance_charge_type = "PrePaid"`).
    const name = (property: string): string => propertyName(resource, property);
    const set = (property: string, value: string): string => settingOf(resource, property, value);

    const region = regionOf(resource, spec, env);
    if (region.read.state === "known") {
        if (!inMainland(region.read.value, spec)) {
            problems.push({ condition: "region", message: `it is in ${showRegion(region.read.value)} (${region.origin}), outside the Chinese mainland; a filing host must be in a mainland region` });
        }
    } else if (region.read.state === "unknown") {
        problems.push({ condition: "region", message: `its region (${region.origin}) is not known until apply`, unknown: true });
    }

    const charge = readString(props, spec.charge.property);
    const chargeValue = charge.state === "known" ? charge.value : charge.state === "absent" ? spec.charge.defaultCharge : undefined;
    const chargeName = name(spec.charge.property);
    const setSubscription = set(spec.charge.property, `"${spec.charge.subscription[0]}"`);
    if (charge.state === "unknown") {
        problems.push({ condition: "charge", message: `${chargeName} is not known until apply`, unknown: true });
    } else if (chargeValue === undefined) {
        problems.push({
            condition: "charge",
            message: `${chargeName} is not set, which is not proof of a subscription (the API falls back to pay-as-you-go); set ${setSubscription}`,
        });
    } else if (!spec.charge.subscription.includes(chargeValue)) {
        problems.push({
            condition: "charge",
            message: `${chargeName} is "${chargeValue}"${charge.state === "absent" ? " (the default)" : ""}; pay-as-you-go instances cannot generate service numbers (按量付费实例无法申请备案服务号), set ${setSubscription}`,
        });
    }

    // Only subscriptions have a period worth checking.
    if (chargeValue !== undefined && spec.charge.subscription.includes(chargeValue)) {
        const period = readNumber(props, spec.period.property);
        const unitRead = spec.period.unitProperty ? readString(props, spec.period.unitProperty) : ({ state: "absent" } as Read<string>);
        const unit = unitRead.state === "known" ? unitRead.value : spec.period.defaultUnit;
        const unitName = spec.period.unitProperty ? name(spec.period.unitProperty) : "unit";
        const periodName = name(spec.period.property);
        if (period.state === "unknown" || unitRead.state === "unknown") {
            problems.push({ condition: "period", message: `${periodName} or ${unitName} is not known until apply`, unknown: true });
        } else if (period.state !== "known") {
            problems.push({
                condition: "period",
                message: `${periodName} is not set (a subscription defaults to 1 month); a filing host needs at least ${spec.minimumMonths} month(s): set ${set(spec.period.property, String(spec.minimumMonths))}`,
            });
        } else {
            const perUnit = UNITS_IN_MONTHS[unit];
            if (perUnit === undefined) {
                problems.push({ condition: "period", message: `${unitName} "${unit}" is not a unit icp-guard knows (Month, Year, Week, Day)` });
            } else if (perUnit === 0) {
                problems.push({
                    condition: "period",
                    message: `${unitName} is "${unit}": a ${unit.toLowerCase()}ly subscription never reaches ${spec.minimumMonths} month(s); use ${spec.period.unitProperty ? set(spec.period.unitProperty, '"Month"') : 'the unit "Month"'} with ${periodName} ≥ ${spec.minimumMonths}`,
                });
            } else if (period.value * perUnit < spec.minimumMonths) {
                problems.push({
                    condition: "period",
                    message: `${periodName} is ${period.value} ${unit}${period.value === 1 ? "" : "s"} (${period.value * perUnit} month(s)); a filing host needs at least ${spec.minimumMonths} month(s) (${spec.product})`,
                });
            }
        }
    }

    // No public IP, no service number (无公网 IP 的云产品…无法生成备案服务号; ICP-RULES.md §4.2).
    if (spec.publicIpFlag) {
        const flag = readBoolean(props, spec.publicIpFlag);
        const bandwidth = readNumber(props, "internetMaxBandwidthOut");
        if (flag.state === "known" && !flag.value) {
            problems.push({ condition: "bandwidth", message: `${name(spec.publicIpFlag)} is false, so it has no public IP; a filing host needs one (无公网 IP 无法生成备案服务号): set ${set(spec.publicIpFlag, "true")}` });
        } else if (bandwidth.state === "known" && bandwidth.value === 0) {
            problems.push({ condition: "bandwidth", message: `${name("internetMaxBandwidthOut")} is 0, so it has no public bandwidth; set it above 0` });
        }
    }
    // Public bandwidth: the instance's own (ECS internetMaxBandwidthOut > 0) or an associated EIP,
    // which only the stack shows; per resource (hasAssociatedEip undefined) it is left to the stack.
    if (spec.requiresPublicBandwidth && hasAssociatedEip === false) {
        const bandwidth = readNumber(props, "internetMaxBandwidthOut");
        const bandwidthName = name("internetMaxBandwidthOut");
        const association = "alicloud:ecs/eipAssociation:EipAssociation";
        if (bandwidth.state === "unknown") {
            problems.push({ condition: "bandwidth", message: `${bandwidthName} is not known until apply`, unknown: true });
        } else if (!(bandwidth.state === "known" && bandwidth.value > 0)) {
            problems.push({
                condition: "bandwidth",
                message:
                    spec.type === "alicloud:ecs/instance:Instance" || spec.type === "alicloud:ecs/ecsInstanceSet:EcsInstanceSet"
                        ? `it has no public bandwidth (${bandwidthName} is 0 or not set) and no EIP is associated with it in this stack; set ${bandwidthName} > 0 or associate an EIP (${typeName(resource, association)})`
                        : `no EIP is associated with it in this stack (${typeName(resource, association)} with ${settingOf(resource, "instanceType", '"Nat"', association)}); a filing host needs a public IP`,
            });
        }
    }
    return problems;
}

/** Needs the stack to decide bandwidth (an EIP association could give the public IP). */
export function bandwidthNeedsStack(resource: ResourceView, spec: HostSpec): boolean {
    if (!spec.requiresPublicBandwidth) return false;
    const bandwidth = readNumber(resource.props, "internetMaxBandwidthOut");
    return !(bandwidth.state === "known" && bandwidth.value > 0);
}

// --------------------------------------------------------------------------------------------
// Stack facts: EIP associations and public exposure on web ports
// --------------------------------------------------------------------------------------------

const SECURITY_GROUP_RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";
const LISTENERS: Readonly<Record<string, string>> = {
    "alicloud:slb/listener:Listener": "frontendPort",
    "alicloud:alb/listener:Listener": "listenerPort",
    "alicloud:nlb/listener:Listener": "listenerPort",
};

function dependenciesOf(stack: StackView, resource: StackResourceView, property: string): StackResourceView[] {
    return (resource.propertyDependencies[property] ?? []).map((urn) => stack.byUrn.get(urn)).filter((r): r is StackResourceView => r !== undefined);
}

/** `80/80`, `1/65535`, `-1/-1` (all) → does the range include `port`? */
function rangeIncludes(range: string, port: number): boolean {
    const match = /^(-?\d+)\/(-?\d+)$/.exec(range.trim());
    if (!match) return false;
    const [low, high] = [Number(match[1]), Number(match[2])];
    if (low === -1 && high === -1) return true;
    return low <= port && port <= high;
}

export interface StackHosts {
    /** EIP URN → the instance (ECS, NAT, …) it is associated with. */
    readonly hostOfEip: ReadonlyMap<string, StackResourceView>;
    /** Instance URN → its associated EIPs. */
    readonly eipsOfHost: ReadonlyMap<string, readonly StackResourceView[]>;
    /** Web ports each public address (ECS, EIP, load balancer) exposes to 0.0.0.0/0. */
    exposedWebPorts(address: StackResourceView, webPorts: readonly number[]): number[];
    endpoint(resource: StackResourceView): Endpoint | undefined;
}

const cache = new WeakMap<StackView, StackHosts>();

/** Stack facts for hosts, computed once per stack (linear). */
export function stackHosts(stack: StackView, env: RegionEnvironment): StackHosts {
    const cached = cache.get(stack);
    if (cached) return cached;
    const hostOfEip = new Map<string, StackResourceView>();
    const eipsOfHost = new Map<string, StackResourceView[]>();
    const rulesOfGroup = new Map<string, PropertyBag[]>();
    const listenerPorts = new Map<string, number[]>();
    for (const resource of stack.resources) {
        if (resource.type === SECURITY_GROUP_RULE) {
            for (const group of dependenciesOf(stack, resource, "securityGroupId")) {
                const rules = rulesOfGroup.get(group.urn);
                if (rules) rules.push(resource.props);
                else rulesOfGroup.set(group.urn, [resource.props]);
            }
        } else if (LISTENERS[resource.type]) {
            const port = readNumber(resource.props, LISTENERS[resource.type]);
            if (port.state !== "known") continue;
            for (const balancer of dependenciesOf(stack, resource, "loadBalancerId")) {
                const ports = listenerPorts.get(balancer.urn);
                if (ports) ports.push(port.value);
                else listenerPorts.set(balancer.urn, [port.value]);
            }
        }
    }
    // EIPs and the instances they are associated with (propertyDependencies or IDs in state), from
    // the stack's one index of associations.
    for (const association of StackLinks.of(stack).eipAssociations()) {
        const [host] = association.targets;
        if (association.association.type !== LINK_TYPES.eipAssociation || !association.certain || !association.eip || !host) continue;
        hostOfEip.set(association.eip.urn, host);
        const eips = eipsOfHost.get(host.urn);
        if (eips) eips.push(association.eip);
        else eipsOfHost.set(host.urn, [association.eip]);
    }
    const openToWorld = (rule: PropertyBag, port: number): boolean => {
        const type = readString(rule, "type");
        const policy = readString(rule, "policy");
        const protocol = readString(rule, "ipProtocol");
        const cidr = readString(rule, "cidrIp");
        const ipv6 = readString(rule, "ipv6CidrIp");
        const range = readString(rule, "portRange");
        return (
            type.state === "known" && type.value === "ingress" &&
            !(policy.state === "known" && policy.value === "drop") &&
            protocol.state === "known" && ["tcp", "all"].includes(protocol.value.toLowerCase()) &&
            ((cidr.state === "known" && cidr.value === "0.0.0.0/0") || (ipv6.state === "known" && ipv6.value === "::/0")) &&
            range.state === "known" && rangeIncludes(range.value, port)
        );
    };
    const instancePorts = (instance: StackResourceView, webPorts: readonly number[]): number[] => {
        const groups = dependenciesOf(stack, instance, "securityGroups");
        return webPorts.filter((port) => groups.some((group) => (rulesOfGroup.get(group.urn) ?? []).some((rule) => openToWorld(rule, port))));
    };
    const endpoints = new Map<StackResourceView, Endpoint | undefined>();
    const facts: StackHosts = {
        hostOfEip,
        eipsOfHost,
        exposedWebPorts(address, webPorts) {
            if (address.type === "alicloud:ecs/instance:Instance") return instancePorts(address, webPorts);
            const host = hostOfEip.get(address.urn);
            if (host?.type === "alicloud:ecs/instance:Instance") return instancePorts(host, webPorts);
            if (host && listenerPorts.has(host.urn)) return webPorts.filter((port) => listenerPorts.get(host.urn)!.includes(port));
            const ports = listenerPorts.get(address.urn);
            return ports ? webPorts.filter((port) => ports.includes(port)) : [];
        },
        endpoint: (resource) => {
            if (!endpoints.has(resource)) endpoints.set(resource, endpointOf(resource, env));
            return endpoints.get(resource);
        },
    };
    cache.set(stack, facts);
    return facts;
}

