/**
 * Links between stack resources that decide where something is served, when the deciding value
 * is not on the resource itself:
 * - a GA accelerator's acceleration areas are its `ga.IpSet`s (`accelerateRegionId`), linked by
 *   `acceleratorId`; a `ga.BasicAccelerateIp` is placed by its `ga.BasicIpSet` (`ipSetId`);
 * - a GTM 2.0 instance answers with the addresses of its `dns.AddressPool`s (`instanceId`);
 * - a GTM 3.0 config (`alidnscloudgtm.InstanceConfig`) has no input naming its pools in
 *   @pulumi/alicloud 3.108.0, so only the address resources it depends on (dependsOn, directly or
 *   through a pool) are known;
 * - an IPv6 address — a `vpc.Ipv6Address`, or an address of an ECS instance or ENI
 *   (`ipv6Addresses`) — is reachable from the Internet only with a `vpc.Ipv6InternetBandwidth`,
 *   linked by `ipv6AddressId` to the `vpc.Ipv6Address`, or to the instance itself: the provider's
 *   own example looks the address up with `vpc.getIpv6AddressesOutput({ associatedInstanceId:
 *   instance.id })`, so the instance is what `ipv6AddressId`'s propertyDependencies name
 *   (@pulumi/alicloud 3.108.0 vpc/ipv6InternetBandwidth.d.ts, "Basic Usage").
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

/** Resources whose IPv6 addresses are public only with IPv6 Internet bandwidth. */
export const IPV6_HOLDER_TYPES: ReadonlySet<string> = new Set([
    LINK_TYPES.ipv6Address,
    "alicloud:ecs/instance:Instance",
    "alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface",
    "alicloud:vpc/networkInterface:NetworkInterface",
]);

/** Whether an IPv6 address is reachable from the Internet, as far as the stack tells. */
export type Ipv6Reach =
    | { readonly kind: "public"; readonly bandwidth: StackResourceView }
    /** A bandwidth of the stack whose address cannot be told (a literal ID, a lookup): it may be this one's. */
    | { readonly kind: "maybe"; readonly bandwidth: StackResourceView }
    | { readonly kind: "none" };

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
    /** IPv6 address (lower case) of a `vpc.Ipv6Address` → its bandwidth; bandwidth tied to no address of the stack. */
    private ipv6ByAddress: Map<string, StackResourceView> | undefined;
    private ipv6Unattributed: StackResourceView[] | undefined;

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

    /**
     * Whether an IPv6 address of `holder` (a vpc.Ipv6Address, an ECS instance, an ENI) is public:
     * a bandwidth attached to the holder, to the vpc.Ipv6Address holding `address`, or to a
     * vpc.Ipv6Address the holder takes its `ipv6Addresses` from; else, when some bandwidth of the
     * stack is tied to no address icp-guard can tell, maybe; else not.
     */
    ipv6Reach(holder: ResourceView, address?: string): Ipv6Reach {
        // By URN: an address's ID is not in the stack view, so a literal ipv6AddressId cannot be matched.
        const own = this.ipv6Bandwidth.get(byUrn(holder.urn))?.[0];
        if (own) return { kind: "public", bandwidth: own };
        this.indexIpv6();
        const byAddress = address !== undefined ? this.ipv6ByAddress!.get(address.toLowerCase()) : undefined;
        if (byAddress) return { kind: "public", bandwidth: byAddress };
        for (const urn of this.stack.byUrn.get(holder.urn)?.propertyDependencies["ipv6Addresses"] ?? []) {
            const through = this.ipv6Bandwidth.get(byUrn(urn))?.[0];
            if (through) return { kind: "public", bandwidth: through };
        }
        const unattributed = this.ipv6Unattributed![0];
        return unattributed ? { kind: "maybe", bandwidth: unattributed } : { kind: "none" };
    }

    /** The addresses of vpc.Ipv6Addresses with bandwidth, and bandwidth whose ipv6AddressId leads to no IPv6 address of the stack. */
    private indexIpv6(): void {
        if (this.ipv6ByAddress) return;
        this.ipv6ByAddress = new Map();
        this.ipv6Unattributed = [];
        for (const resource of this.stack.resources) {
            if (resource.type !== LINK_TYPES.ipv6InternetBandwidth) continue;
            const holders = this.dependencies(resource, ["ipv6AddressId"]).filter((target) => IPV6_HOLDER_TYPES.has(target.type));
            if (holders.length === 0) this.ipv6Unattributed.push(resource);
            for (const holder of holders) {
                const address = holder.type === LINK_TYPES.ipv6Address ? readString(holder.props, "ipv6Address") : undefined;
                if (address?.state === "known" && address.value !== "" && !this.ipv6ByAddress.has(address.value.toLowerCase())) this.ipv6ByAddress.set(address.value.toLowerCase(), resource);
            }
        }
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
