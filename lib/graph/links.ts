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
 *   (@pulumi/alicloud 3.108.0 vpc/ipv6InternetBandwidth.d.ts, "Basic Usage");
 * - an EIP association (`ecs.EipAssociation`, `eipanycast.AnycastEipAddressAttachment`) gives the
 *   instance it names (a CLB, ECS instance, ENI, HaVip, NAT gateway) a public address: linked by
 *   the target's propertyDependencies, or by a literal ID equal to the target's `id` output (state).
 *
 * Every index is built in one pass over the stack; each lookup is a map access, so the stack
 * analysis stays linear.
 */
import { ResourceView, StackResourceView, StackView } from "../model/resource";
import { classifyObject, classifyString, Read, readArray, readString } from "../model/values";

export const LINK_TYPES = {
    gaIpSet: "alicloud:ga/ipSet:IpSet",
    gaBasicIpSet: "alicloud:ga/basicIpSet:BasicIpSet",
    gaBasicAccelerateIp: "alicloud:ga/basicAccelerateIp:BasicAccelerateIp",
    gtmAddressPool: "alicloud:dns/addressPool:AddressPool",
    gtm3Pool: "alicloud:alidnscloudgtmaddress/pool:Pool",
    gtm3Address: "alicloud:alidnscloudgtmaddress/alidnsCloudGtmAddress:AlidnsCloudGtmAddress",
    ipv6Address: "alicloud:vpc/ipv6Address:Ipv6Address",
    ipv6InternetBandwidth: "alicloud:vpc/ipv6InternetBandwidth:Ipv6InternetBandwidth",
    eipAssociation: "alicloud:ecs/eipAssociation:EipAssociation",
    anycastEipAttachment: "alicloud:eipanycast/anycastEipAddressAttachment:AnycastEipAddressAttachment",
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

/**
 * The inputs of each EIP association type: the address it attaches, the instance it attaches it
 * to, and the instance's type. @pulumi/alicloud 3.108.0 `ecs/eipAssociation.d.ts`
 * (`instanceType`: `Nat`, `SlbInstance`, `EcsInstance` default, `NetworkInterface`, `HaVip`,
 * `IpAddress`) and `eipanycast/anycastEipAddressAttachment.d.ts` (`bindInstanceType`:
 * `SlbInstance` "a private network SLB instance", `NetworkInterface`). `ens.EipInstanceAttachment`
 * is left out: its `SlbInstance` is an ENS edge load balancer, on which no domain binding icp-guard
 * reads lives, and an ENS instance's public IP is its own `publicIpIdentification`.
 */
const ASSOCIATION_INPUTS: Readonly<Record<string, { readonly address: string; readonly target: string; readonly targetType: string }>> = {
    [LINK_TYPES.eipAssociation]: { address: "allocationId", target: "instanceId", targetType: "instanceType" },
    [LINK_TYPES.anycastEipAttachment]: { address: "anycastId", target: "bindInstanceId", targetType: "bindInstanceType" },
};

/**
 * Resource types an EIP can be associated with, by the association's instance type. The
 * Terraform provider the Pulumi one bridges sends `InstanceType` as given, else `SlbInstance` for
 * an `lb-` ID, `Nat` for `ngw-`, `EcsInstance` otherwise (aliyun/terraform-provider-alicloud
 * `alicloud/resource_alicloud_eip_association.go`, commit 579f232f09154a8d6de2c61b623b59b328d240b2),
 * so a target found in the stack decides the type whatever `instanceType` says.
 */
export const EIP_TARGET_TYPES: Readonly<Record<string, string>> = {
    "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer": "SlbInstance",
    "alicloud:slb/loadBalancer:LoadBalancer": "SlbInstance",
    "alicloud:ecs/instance:Instance": "EcsInstance",
    "alicloud:ecs/ecsInstanceSet:EcsInstanceSet": "EcsInstance",
    "alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface": "NetworkInterface",
    "alicloud:vpc/networkInterface:NetworkInterface": "NetworkInterface",
    "alicloud:vpc/hAVip:HAVip": "HaVip",
    "alicloud:vpc/haVipv2:HaVipv2": "HaVip",
    "alicloud:vpc/natGateway:NatGateway": "Nat",
};

/** Resource types whose `id` is an EIP's allocation ID (an association's `allocationId`/`anycastId`). */
const EIP_ADDRESS_TYPES: ReadonlySet<string> = new Set([
    "alicloud:ecs/eipAddress:EipAddress",
    "alicloud:ecs/eip:Eip",
    "alicloud:eipanycast/anycastEipAddress:AnycastEipAddress",
]);

/**
 * Types a literal ID in another resource's inputs may name, indexed by their `id` output (known in
 * state: a Terraform state, or a refreshed Pulumi stack): what an EIP association attaches and
 * the listener → load balancer chain of host rules, which a state links by IDs alone.
 */
const ID_LINKED_TYPES: ReadonlySet<string> = new Set([
    ...Object.keys(EIP_TARGET_TYPES),
    ...EIP_ADDRESS_TYPES,
    "alicloud:alb/loadBalancer:LoadBalancer",
    "alicloud:alb/listener:Listener",
    "alicloud:nlb/loadBalancer:LoadBalancer",
]);

/** One EIP association of the stack, resolved once per stack. */
export interface EipAssociation {
    readonly association: StackResourceView;
    /** The EIP (or Anycast EIP) it attaches, when that is in the stack. */
    readonly eip?: StackResourceView;
    /**
     * Stack resources the EIP may be attached to: the one it is attached to when `certain`;
     * otherwise each resource the target ID may come from. Empty when the target is not in the stack.
     */
    readonly targets: readonly StackResourceView[];
    readonly certain: boolean;
    /**
     * The target ID is not known until apply and comes from no resource an EIP can be attached
     * to: any instance of a matching type may be the target (`instanceType` says which types).
     */
    readonly unplaced: boolean;
    /** `instanceType`/`bindInstanceType` as written (absent: follows the ID at apply). */
    readonly targetType: Read<string>;
    /** The property naming the target, for messages (`instanceId`, `bindInstanceId`). */
    readonly targetProperty: string;
}

/** Whether an association of this instance type can attach to a resource of `resourceType`. */
export function eipTypeMatches(association: EipAssociation, resourceType: string): boolean {
    const wanted = EIP_TARGET_TYPES[resourceType];
    if (wanted === undefined) return false;
    const type = association.targetType;
    // Absent or unknown: the type follows the ID, which is not known either.
    if (type.state !== "known" || type.value === "") return type.state !== "invalid";
    return type.value.toLowerCase() === wanted.toLowerCase();
}

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
    private readonly associations: EipAssociation[] = [];
    private readonly associationsByTarget = new Map<string, EipAssociation[]>();
    private readonly unplaced: EipAssociation[] = [];
    /** Resources of ID_LINKED_TYPES by their literal ID (an EIP also by its `allocationId` output). */
    private readonly byId = new Map<string, StackResourceView>();

    private constructor(private readonly stack: StackView) {
        const associationResources: StackResourceView[] = [];
        const byId = this.byId;
        for (const resource of stack.resources) {
            if (ID_LINKED_TYPES.has(resource.type)) {
                for (const key of ["id", "allocationId"]) {
                    const id = readString(resource.props, key);
                    if (id.state === "known" && id.value !== "" && !byId.has(id.value)) byId.set(id.value, resource);
                }
            }
            switch (resource.type) {
                case LINK_TYPES.eipAssociation:
                case LINK_TYPES.anycastEipAttachment:
                    associationResources.push(resource);
                    break;
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
        for (const resource of associationResources) {
            const association = this.resolveAssociation(resource, byId);
            this.associations.push(association);
            if (association.unplaced) this.unplaced.push(association);
            for (const target of association.targets) {
                const list = this.associationsByTarget.get(target.urn);
                if (list) list.push(association);
                else this.associationsByTarget.set(target.urn, [association]);
            }
        }
    }

    /**
     * Where an association attaches what. Its target is the resource its target ID comes from
     * (propertyDependencies) or whose `id` equals the literal ID; with neither, an ID not known until
     * apply may name any instance of the stack (`unplaced`), and a known one names an instance
     * outside it.
     */
    private resolveAssociation(resource: StackResourceView, byId: ReadonlyMap<string, StackResourceView>): EipAssociation {
        const inputs = ASSOCIATION_INPUTS[resource.type];
        const targets: StackResourceView[] = this.dependencies(resource, [inputs.target]).filter((r) => EIP_TARGET_TYPES[r.type] !== undefined);
        const id = readString(resource.props, inputs.target);
        const named = id.state === "known" && id.value !== "" ? byId.get(id.value) : undefined;
        const literal = named && EIP_TARGET_TYPES[named.type] !== undefined ? named : undefined;
        const fromAddress = this.dependencies(resource, [inputs.address]).find((r) => EIP_ADDRESS_TYPES.has(r.type));
        const address = readString(resource.props, inputs.address);
        const byAddressId = address.state === "known" && address.value !== "" ? byId.get(address.value) : undefined;
        const eip = fromAddress ?? (byAddressId && EIP_ADDRESS_TYPES.has(byAddressId.type) ? byAddressId : undefined);
        return {
            association: resource,
            ...(eip ? { eip } : {}),
            // A known ID names one instance: the one with that ID, or one outside the stack.
            targets: literal ? [literal] : targets,
            certain: literal !== undefined || targets.length === 1,
            unplaced: targets.length === 0 && id.state === "unknown",
            targetType: readString(resource.props, inputs.targetType),
            targetProperty: inputs.target,
        };
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

    /**
     * The stack resource a property names: the one its value comes from (propertyDependencies), else
     * the one whose ID the literal value is (ID_LINKED_TYPES; a state links by IDs only).
     */
    linkedBy(resource: StackResourceView, property: string): StackResourceView | undefined {
        const [dependency] = this.dependencies(resource, [property]);
        if (dependency) return dependency;
        const id = readString(resource.props, property);
        return id.state === "known" && id.value !== "" ? this.byId.get(id.value) : undefined;
    }

    /** Every EIP association of the stack. */
    eipAssociations(): readonly EipAssociation[] {
        return this.associations;
    }

    /** The EIP associations that attach to this resource, for certain or possibly (see `certain`). */
    eipAssociationsOf(resource: ResourceView): readonly EipAssociation[] {
        return this.associationsByTarget.get(resource.urn) ?? [];
    }

    /** Associations whose target is not known until apply and comes from no resource of the stack. */
    unplacedEipAssociations(): readonly EipAssociation[] {
        return this.unplaced;
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
