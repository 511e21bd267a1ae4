/**
 * Intranet load balancers made public by an EIP. A CLB with `addressType: "intranet"` has only a
 * private address, so its host rules serve no website (no public address, no filing) — until an
 * EIP is associated with it (`ecs.EipAssociation` with `instanceType: "SlbInstance"`, or an Anycast
 * EIP through `eipanycast.AnycastEipAddressAttachment`, whose `SlbInstance` is "a private network
 * SLB instance"): then it answers on the EIP's public address, and its rules serve their domains
 * from its region. ALB and NLB take EIPs only by turning Internet-facing (`addressType`), which the
 * endpoint already reads.
 *
 * Decided from what is known: an association linked to the balancer (propertyDependencies or its
 * `id`) makes it public where the EIP and the balancer are (the worse of the two: the EIP, its
 * association and the balancer are in one region, the API's); one whose target is not known until
 * apply, or may be one of several resources, makes it undecidable — never private. Each balancer
 * costs a few map lookups (the associations are indexed by target once per stack, links.ts).
 */
import { Served, servedWhere } from "./bindings";
import { Endpoint } from "./endpoints";
import { EIP_TARGET_TYPES, EipAssociation, eipTypeMatches, LINK_TYPES, StackLinks } from "./links";
import { propertyName } from "../model/naming";
import { resolveRegion, RegionEnvironment } from "../model/region";
import { ResourceView, scrubSecrets, secretValuesOf, showResource, StackResourceView } from "../model/resource";
import { readString } from "../model/values";

export interface Exposure {
    /** Where the balancer's rules are served, with the EIP and association named in `because`. */
    readonly served: Served;
    /** The fix that takes the public address away, when an association is certain. */
    readonly moveAway?: string;
}

const RANK: Readonly<Record<Served["where"], number>> = { outside: 0, undecidable: 1, mainland: 2 };

/** The worse of two places for a filing: mainland over undecidable over outside; the first on a tie. */
function worseOf(first: Served, second: Served): Served {
    return RANK[second.where] > RANK[first.where] ? second : first;
}

export class EipExposure {
    /** Per balancer type and region (`` for unknown): the first unplaced association that may attach to it. */
    private unplacedIndex: Map<string, EipAssociation> | undefined;

    constructor(
        private readonly links: StackLinks,
        private readonly env: RegionEnvironment,
        /** The stack graph's endpoint of a resource (EIPs placed once per stack). */
        private readonly endpointOf: (resource: ResourceView) => Endpoint | undefined,
    ) {}

    /**
     * Where an intranet balancer's rules are served once its associations are counted, or
     * undefined when no association changes anything (not intranet, not a type an EIP attaches
     * to, or no association that may attach).
     */
    exposure(balancer: StackResourceView, endpoint: Endpoint): Exposure | undefined {
        const ifPublic = endpoint.servedIfPublic;
        if (!ifPublic || endpoint.served.where !== "outside") return undefined;
        const addressType = readString(balancer.props, "addressType");
        // As the balancer's front end names it (`addressType`, `address_type`).
        const addressTypeName = propertyName(balancer, "addressType");
        const intranet = addressType.state === "known" ? `${addressTypeName} "${addressType.value}"` : addressTypeName;
        const candidates: (Exposure & { readonly association: EipAssociation })[] = [];
        for (const association of this.links.eipAssociationsOf(balancer)) {
            const served = worseOf(this.addressServed(association), ifPublic);
            const named = `${this.addressLabel(association)} (${showResource(association.association)})`;
            if (association.certain) {
                candidates.push({
                    association,
                    served: { ...served, because: `its load balancer ${showResource(balancer)} is intranet (${intranet}), but ${named} is associated with it, so it answers on a public address: ${served.because}` },
                    moveAway: `remove ${named} from the intranet load balancer ${showResource(balancer)}, so that it has no public address`,
                });
            } else if (served.where !== "outside") {
                const sources = association.targets.map(showResource).join(", ");
                candidates.push({
                    association,
                    served: {
                        where: "undecidable",
                        because: `its load balancer ${showResource(balancer)} is intranet (${intranet}), but ${showResource(association.association)} associates ${this.addressLabel(association)} with an instance whose ID (${propertyName(association.association, association.targetProperty)}) comes from ${sources} and is not known until apply, so it may be this load balancer, which would then serve from ${served.because}`,
                    },
                });
            }
        }
        const unplaced = this.unplacedFor(balancer, ifPublic);
        if (unplaced) {
            const served = worseOf(this.addressServed(unplaced), ifPublic);
            if (served.where !== "outside") {
                candidates.push({
                    association: unplaced,
                    served: {
                        where: "undecidable",
                        because: `its load balancer ${showResource(balancer)} is intranet (${intranet}), but ${showResource(unplaced.association)} associates ${this.addressLabel(unplaced)} with an instance (${propertyName(unplaced.association, unplaced.targetProperty)}) not known until apply and from no resource in this stack, so it may be this load balancer, which would then serve from ${served.because}`,
                    },
                });
            }
        }
        if (candidates.length === 0) return undefined;
        const { association, ...chosen } = candidates.reduce((worst, next) => (RANK[next.served.where] > RANK[worst.served.where] ? next : worst));
        return withoutSecrets(chosen, [balancer, association.association, association.eip]);
    }

    /** `EIP ecs.EipAddress "web"`, or what the association says when its EIP is not in the stack. */
    private addressLabel(association: EipAssociation): string {
        const anycast = association.association.type === LINK_TYPES.anycastEipAttachment;
        if (association.eip) return `${anycast ? "Anycast EIP" : "EIP"} ${showResource(association.eip)}`;
        return anycast
            ? `an Anycast EIP not in this stack (${propertyName(association.association, "anycastId")})`
            : `an EIP not in this stack (${propertyName(association.association, "allocationId")})`;
    }

    /**
     * Where the associated address serves: the EIP's own place when it is in the stack; else an
     * EIP is in the association's region (AssociateEipAddress runs in the provider's region), and
     * an Anycast EIP's access area is not known.
     */
    private addressServed(association: EipAssociation): Served {
        const placed = association.eip ? this.endpointOf(association.eip)?.served : undefined;
        if (placed) return placed;
        if (association.association.type === LINK_TYPES.anycastEipAttachment) {
            const serviceLocation = propertyName(association.association, "serviceLocation", "alicloud:eipanycast/anycastEipAddress:AnycastEipAddress");
            return { where: "undecidable", because: `the Anycast EIP's access area (${serviceLocation}) is not in this stack` };
        }
        return servedWhere({ kind: "region", region: resolveRegion(undefined, association.association.provider, this.env) });
    }

    /** The region an association works in, when known: the balancer must be in it. */
    private regionOf(association: EipAssociation): string {
        if (association.association.type === LINK_TYPES.anycastEipAttachment) {
            const region = readString(association.association.props, "bindInstanceRegionId");
            return region.state === "known" ? region.value : "";
        }
        const served = this.addressServed(association);
        return served.where !== "undecidable" && served.regionId !== undefined ? served.regionId : "";
    }

    /** The first association whose target is unknown that may attach to this balancer (its type, its region). */
    private unplacedFor(balancer: StackResourceView, ifPublic: Served): EipAssociation | undefined {
        if (this.links.unplacedEipAssociations().length === 0) return undefined;
        if (!this.unplacedIndex) {
            this.unplacedIndex = new Map();
            for (const association of this.links.unplacedEipAssociations()) {
                for (const type of Object.keys(EIP_TARGET_TYPES)) {
                    if (!eipTypeMatches(association, type)) continue;
                    const key = `${type}\u0000${this.regionOf(association)}`;
                    if (!this.unplacedIndex.has(key)) this.unplacedIndex.set(key, association);
                    if (!this.unplacedIndex.has(`${type}\u0000*`)) this.unplacedIndex.set(`${type}\u0000*`, association);
                }
            }
        }
        const region = ifPublic.where !== "undecidable" ? ifPublic.regionId : undefined;
        // A balancer in a known region: an association in that region or in one not known; else any.
        if (region === undefined) return this.unplacedIndex.get(`${balancer.type}\u0000*`);
        return this.unplacedIndex.get(`${balancer.type}\u0000${region}`) ?? this.unplacedIndex.get(`${balancer.type}\u0000`);
    }
}

/** The texts name the EIP's, the association's and the balancer's regions: their secret values are hidden. */
function withoutSecrets(exposure: Exposure, sources: readonly (ResourceView | undefined)[]): Exposure {
    const secrets = new Set<string>();
    for (const source of sources) secretValuesOf(source, secrets);
    if (secrets.size === 0) return exposure;
    const scrub = (text: string) => scrubSecrets(text, secrets);
    return { served: { ...exposure.served, because: scrub(exposure.served.because) }, ...(exposure.moveAway ? { moveAway: scrub(exposure.moveAway) } : {}) };
}
