/**
 * Links between stack resources that decide where something is served, when the deciding value
 * is not on the resource itself:
 * - a GA accelerator's acceleration areas are its `ga.IpSet`s (`accelerateRegionId`), linked by
 *   `acceleratorId`; a `ga.BasicAccelerateIp` is placed by its `ga.BasicIpSet` (`ipSetId`);
 * - a GTM 2.0 instance answers with the addresses of its `dns.AddressPool`s (`instanceId`);
 * - a GTM 3.0 config (`alidnscloudgtm.InstanceConfig`) has no input naming its pools in
 *   @pulumi/alicloud 3.108.0, so only the address resources it depends on (dependsOn, directly or
 *   through a pool) are known;
 * - a `vpc.Ipv6Address` is reachable from the Internet only with a `vpc.Ipv6InternetBandwidth`.
 *
 * Every index is built in one pass over the stack; each lookup is a map access, so the stack
 * analysis stays linear.
 */
import { ResourceView, StackResourceView, StackView } from "../model/resource";
import { classifyObject, classifyString, readArray, readString } from "../model/values";

export const LINK_TYPES = {
    gaIpSet: "alicloud:ga/ipSet:IpSet",
    gaBasicIpSet: "alicloud:ga/basicIpSet:BasicIpSet",
    gaBasicAccelerateIp: "alicloud:ga/basicAccelerateIp:BasicAccelerateIp",
    gtmAddressPool: "alicloud:dns/addressPool:AddressPool",
    gtm3Pool: "alicloud:alidnscloudgtmaddress/pool:Pool",
    gtm3Address: "alicloud:alidnscloudgtmaddress/alidnsCloudGtmAddress:AlidnsCloudGtmAddress",
    ipv6Address: "alicloud:vpc/ipv6Address:Ipv6Address",
    ipv6InternetBandwidth: "alicloud:vpc/ipv6InternetBandwidth:Ipv6InternetBandwidth",
} as const;

/** What a GTM pool (or GTM 3.0 address resource) answers with. */
export interface PoolAddresses {
    readonly pool: StackResourceView;
    /** Known literal addresses. */
    readonly values: readonly string[];
    /** Some addresses are not known until apply (or the list itself is not). */
    readonly someUnknown: boolean;
    /** Resources that produce the pool's addresses (propertyDependencies). */
    readonly producers: readonly StackResourceView[];
}

/** A link is either a stack resource (by URN) or a literal ID written in the inputs. */
const byUrn = (urn: string): string => `urn:${urn}`;
const byId = (id: string): string => `id:${id}`;

export class StackLinks {
    private readonly ipSets = new Map<string, StackResourceView[]>();
    private readonly gtmPools = new Map<string, StackResourceView[]>();
    private readonly ipv6Bandwidth = new Map<string, StackResourceView[]>();

    private constructor(private readonly stack: StackView) {
        for (const resource of stack.resources) {
            switch (resource.type) {
                case LINK_TYPES.gaIpSet:
                case LINK_TYPES.gaBasicIpSet:
                    this.index(this.ipSets, resource, "acceleratorId");
                    break;
                case LINK_TYPES.gtmAddressPool:
                    this.index(this.gtmPools, resource, "instanceId");
                    break;
                case LINK_TYPES.ipv6InternetBandwidth:
                    this.index(this.ipv6Bandwidth, resource, "ipv6AddressId");
                    break;
            }
        }
    }

    private static readonly cache = new WeakMap<StackView, StackLinks>();

    static of(stack: StackView): StackLinks {
        let links = StackLinks.cache.get(stack);
        if (!links) {
            links = new StackLinks(stack);
            StackLinks.cache.set(stack, links);
        }
        return links;
    }

    private index(into: Map<string, StackResourceView[]>, resource: StackResourceView, property: string): void {
        const keys = (resource.propertyDependencies[property] ?? []).map(byUrn);
        const literal = readString(resource.props, property);
        if (literal.state === "known" && literal.value !== "") keys.push(byId(literal.value));
        for (const key of keys) {
            const list = into.get(key);
            if (list) list.push(resource);
            else into.set(key, [resource]);
        }
    }

    private lookup(from: Map<string, StackResourceView[]>, resource: StackResourceView, property: string): StackResourceView[] {
        const found: StackResourceView[] = [];
        const add = (list: StackResourceView[] | undefined) => list?.forEach((r) => found.includes(r) || found.push(r));
        for (const urn of resource.propertyDependencies[property] ?? []) add(from.get(byUrn(urn)));
        const literal = readString(resource.props, property);
        if (literal.state === "known" && literal.value !== "") add(from.get(byId(literal.value)));
        return found;
    }

    /** The accelerator's IP sets (acceleration areas) for a GA domain or forwarding rule. */
    acceleratorIpSets(resource: StackResourceView): StackResourceView[] {
        return this.lookup(this.ipSets, resource, "acceleratorId");
    }

    /** The basic IP set a basic accelerate IP belongs to. */
    basicIpSetOf(resource: ResourceView): StackResourceView | undefined {
        const stackResource = this.stack.byUrn.get(resource.urn);
        if (!stackResource) return undefined;
        for (const urn of stackResource.propertyDependencies["ipSetId"] ?? []) {
            const target = this.stack.byUrn.get(urn);
            if (target?.type === LINK_TYPES.gaBasicIpSet) return target;
        }
        return undefined;
    }

    /** Internet bandwidth resources that make an IPv6 address public. */
    ipv6BandwidthOf(resource: ResourceView): StackResourceView[] {
        // By URN only: an address's ID is not in the stack view, so a literal ipv6AddressId cannot be matched.
        return this.ipv6Bandwidth.get(byUrn(resource.urn)) ?? [];
    }

    /** The addresses a GTM source answers with: pools linked by instanceId (2.0) or dependsOn (3.0). */
    gtmAddresses(resource: StackResourceView, link: "gtm-instance" | "gtm3-config"): PoolAddresses[] {
        const pools = link === "gtm-instance" ? this.gtmPoolsOf(resource) : this.gtm3AddressResources(resource);
        return pools.map((pool) => ({
            pool,
            producers: this.dependencies(pool, ["addresses", "address"]),
            ...(pool.type === LINK_TYPES.gtmAddressPool ? poolAddressValues(pool) : addressValue(pool)),
        }));
    }

    /** Pools of a GTM 2.0 instance: pools whose instanceId comes from it. */
    private gtmPoolsOf(instance: StackResourceView): StackResourceView[] {
        return this.gtmPools.get(byUrn(instance.urn)) ?? [];
    }

    /** GTM 3.0 address resources a config depends on, directly or through a pool it depends on. */
    private gtm3AddressResources(config: StackResourceView): StackResourceView[] {
        const found: StackResourceView[] = [];
        for (const urn of config.dependencies) {
            const target = this.stack.byUrn.get(urn);
            if (!target) continue;
            if (target.type === LINK_TYPES.gtm3Address && !found.includes(target)) found.push(target);
            if (target.type === LINK_TYPES.gtm3Pool) {
                for (const inner of target.dependencies) {
                    const address = this.stack.byUrn.get(inner);
                    if (address?.type === LINK_TYPES.gtm3Address && !found.includes(address)) found.push(address);
                }
            }
        }
        return found;
    }

    private dependencies(resource: StackResourceView, properties: readonly string[]): StackResourceView[] {
        return propertyDependencyResources(this.stack, resource, properties);
    }
}

/** `addresses[].address` of a `dns.AddressPool`. */
function poolAddressValues(pool: StackResourceView): { values: string[]; someUnknown: boolean } {
    const list = readArray(pool.props, "addresses");
    if (list.state !== "known") return { values: [], someUnknown: list.state === "unknown" };
    const values: string[] = [];
    let someUnknown = false;
    for (const entry of list.value) {
        const bag = classifyObject(entry);
        const address = bag.state === "known" ? classifyString(bag.value["address"]) : bag;
        if (address.state === "known" && address.value !== "") values.push(address.value);
        else if (address.state === "unknown") someUnknown = true;
    }
    return { values, someUnknown };
}

function addressValue(resource: StackResourceView): { values: string[]; someUnknown: boolean } {
    const address = readString(resource.props, "address");
    return address.state === "known" && address.value !== "" ? { values: [address.value], someUnknown: false } : { values: [], someUnknown: address.state === "unknown" };
}

/** The stack resources a resource's `properties` were computed from (propertyDependencies), each once. */
export function propertyDependencyResources(stack: StackView, resource: StackResourceView, properties: readonly string[]): StackResourceView[] {
    const found: StackResourceView[] = [];
    for (const property of properties) {
        for (const urn of resource.propertyDependencies[property] ?? []) {
            const target = stack.byUrn.get(urn);
            if (target && !found.includes(target)) found.push(target);
        }
    }
    return found;
}
