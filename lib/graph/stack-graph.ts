/**
 * The stack graph: for every DNS record that serves web traffic, what it points at and whether
 * that endpoint is in the Chinese mainland.
 *
 * Target resolution, in order (per record value):
 * 1. propertyDependencies of the value → the resource that produces it → an endpoint;
 * 2. a literal equal to a known output of a stack resource (refreshed or imported state);
 * 3. a literal Alibaba Cloud hostname that names its region, the configured mainland CIDRs and
 *    hostname suffixes, and well-known hosting of other clouds;
 * 4. otherwise undecidable, reported as such.
 *
 * Indexes (by URN, by address/hostname) are built once per stack; each record costs a few map
 * lookups, so the analysis is linear in the number of resources.
 */
import { isIP } from "net";
import { Binding, BindingDomain, bindingsOf, isBehindLoadBalancer, LOAD_BALANCER_CHAINS } from "./bindings";
import { parseHostname } from "../model/domain";
import { DNS_SOURCE_TYPES, DnsRecord, isDnsRecordType, isWebRecord, readDnsRecord, readDnsSource, recordFqdn, recordLabel, recordZone, ZONE_NAME_PROPERTY } from "./dns";
import { LINK_TYPES, propertyDependencyResources, StackLinks } from "./links";
import { addressesOf, cdnDomainOfCname, Endpoint, endpointFromLiteral, endpointOf, MainlandEndpointSettings } from "./endpoints";
import { RegionEnvironment } from "../model/region";
import { ResourceView, showResource, StackResourceView, StackView } from "../model/resource";
import { Read, readString } from "../model/values";

export interface ResolvedTarget {
    readonly endpoint: Endpoint;
    /** How icp-guard found it, for messages. */
    readonly via: string;
}

export interface RecordAnalysis {
    readonly resource: ResourceView;
    readonly record: DnsRecord;
    /** `www.example.com A` */
    readonly label: string;
    readonly domain: BindingDomain;
    readonly secret: boolean;
    readonly targets: readonly ResolvedTarget[];
    /** Why some values could not be placed. */
    readonly undecided: readonly string[];
    /** Every value was decided from the record alone, so the per-resource check has reported it. */
    readonly decidedAlone: boolean;
    /**
     * For a proxied record (Cloudflare `proxied: true`, ESA `proxied: true`): the origin servers its
     * values name. Visitors reach the proxy, but the origin still receives the site's Host, so a
     * mainland origin hosts the website in the mainland (icp-proxy-mainland-origin). Empty otherwise.
     */
    readonly origins: readonly ResolvedTarget[];
    /** Every origin was placed from the record alone (reported per resource, not again in the stack pass). */
    readonly originsDecidedAlone: boolean;
    /** Why some origins of a proxied record could not be placed (stack pass only). */
    readonly originsUndecided: readonly string[];
}

/**
 * The record's domain: its full name, else — when only the labels on the left are unknown — the
 * zone it lies under (whose registrable domain is the record's), else unknown.
 */
function toDomain(fqdn: Read<string>, zone: Read<string> = { state: "absent" }): BindingDomain {
    if (fqdn.state === "unknown" && zone.state === "known") {
        const parsed = parseHostname(zone.value);
        if (parsed.ok && !parsed.host.wildcard) return { state: "under", zone: parsed.host };
    }
    switch (fqdn.state) {
        case "known": {
            const parsed = parseHostname(fqdn.value);
            if (parsed.ok) return { state: "host", host: parsed.host };
            return { state: "invalid", why: parsed.problem === "public-suffix" ? `is the public suffix .${parsed.suffix ?? "?"}` : "is not a valid hostname" };
        }
        case "unknown":
            return { state: "unknown" };
        case "invalid":
            return { state: "invalid", why: `is a ${fqdn.got}, not a hostname` };
        case "absent":
            return { state: "none" };
    }
}

/** Targets the record names by itself (proxies, aliases, URL forwarding). */
function intrinsicTarget(record: DnsRecord): ResolvedTarget | undefined {
    if (record.proxied === "cloudflare") {
        return {
            endpoint: { product: "Cloudflare's proxy (proxied: true)", alibaba: false, access: "any", served: { where: "outside", because: "the record is proxied by Cloudflare, whose edge serves the traffic" } },
            via: "proxied record",
        };
    }
    if (record.awsAlias) {
        return {
            endpoint: { product: "an AWS resource (Route 53 alias)", alibaba: false, access: "any", served: { where: "outside", because: "Route 53 aliases point at AWS resources" } },
            via: "alias record",
        };
    }
    if (record.urlForwarding) {
        return {
            endpoint: {
                product: "Alibaba Cloud DNS URL forwarding",
                alibaba: true,
                access: "any",
                served: { where: "mainland", because: "URL forwarding records are served by Alibaba Cloud DNS's forwarding servers in the Chinese mainland" },
            },
            via: "URL forwarding record",
        };
    }
    return undefined;
}

// Several per-resource checks analyse the same record: once per resource view and settings.
const recordsAlone = new WeakMap<ResourceView, { readonly settings: MainlandEndpointSettings; readonly analysis: RecordAnalysis | undefined }>();

/** Analyses a record from its own inputs only (the per-resource check before creation). */
export function analyseRecordAlone(resource: ResourceView, settings: MainlandEndpointSettings, record?: DnsRecord): RecordAnalysis | undefined {
    if (record !== undefined) return analyseRecordAloneUncached(resource, settings, record);
    const cached = recordsAlone.get(resource);
    if (cached && cached.settings === settings) return cached.analysis;
    const analysis = analyseRecordAloneUncached(resource, settings, readDnsRecord(resource.type, resource.props));
    recordsAlone.set(resource, { settings, analysis });
    return analysis;
}

function analyseRecordAloneUncached(resource: ResourceView, settings: MainlandEndpointSettings, record: DnsRecord | undefined): RecordAnalysis | undefined {
    if (!record || !isWebRecord(record)) return undefined;
    const fqdn = recordFqdn(record);
    const intrinsic = intrinsicTarget(record);
    const targets: ResolvedTarget[] = [];
    const undecided: string[] = [];
    const origins: ResolvedTarget[] = [];
    let originsDecidedAlone = record.proxied !== undefined;
    if (record.proxied) {
        for (const value of record.values) {
            const endpoint = value.state === "known" ? endpointFromLiteral(value.value, settings) : undefined;
            if (endpoint && value.state === "known") origins.push({ endpoint, via: `its origin ${value.value}` });
            else originsDecidedAlone = false;
        }
    }
    if (intrinsic) targets.push(intrinsic);
    else if (record.link) undecided.push("the target is behind a linked resource and needs the stack graph");
    else if (record.proxied === "esa") undecided.push("the record is proxied through ESA, whose site coverage decides");
    else {
        for (const value of record.values) {
            const endpoint = value.state === "known" ? endpointFromLiteral(value.value, settings) : undefined;
            if (endpoint) targets.push({ endpoint, via: `its value ${value.state === "known" ? value.value : ""}` });
            else undecided.push("the target needs the stack graph");
        }
    }
    return {
        resource,
        record,
        label: recordLabel(fqdn, record.recordType, recordZone(record)),
        domain: toDomain(fqdn, recordZone(record)),
        secret: record.nameProperties.some((property) => resource.secretProps.has(property)),
        targets,
        undecided,
        // Decided only when every target's location is known; a CDN CNAME (scope unknown) may
        // still be placed by the stack (the CDN resource with that CNAME).
        decidedAlone: undecided.length === 0 && targets.every((t) => t.endpoint.served.where !== "undecidable"),
        origins,
        originsDecidedAlone,
        originsUndecided: [],
    };
}

/** The endpoint with a secret value taken out of its texts. */
function hideValue(endpoint: Endpoint, value: string): Endpoint {
    const hide = (text: string) => text.split(value).join("(value hidden)");
    const served = { ...endpoint.served, because: hide(endpoint.served.because) };
    return { ...endpoint, product: hide(endpoint.product), served };
}

/**
 * An ECS instance without public IPv4 bandwidth has no public IPv4 address, but its IPv6
 * addresses are governed by IPv6 Internet bandwidth, which the instance does not show: an IPv6
 * value taken from it is judged where the instance serves, not as a private address. (An address
 * published in a public AAAA record is meant to be reached; passing it as private would open the
 * gate on the instance's IPv4 setting, which says nothing about IPv6.)
 */
function publicIpv6(endpoint: Endpoint): Endpoint {
    return endpoint.notPublic && endpoint.servedIfPublic ? { ...endpoint, served: endpoint.servedIfPublic, notPublic: false } : endpoint;
}

export class StackGraph {
    private readonly byAddress = new Map<string, StackResourceView>();
    private readonly endpoints = new Map<ResourceView, Endpoint | undefined>();
    private recordsCache: RecordAnalysis[] | undefined;
    private loadBalancerBindingsCache: Binding[] | undefined;

    private constructor(
        readonly stack: StackView,
        private readonly env: RegionEnvironment,
        private readonly settings: MainlandEndpointSettings,
    ) {
        for (const resource of stack.resources) {
            for (const address of addressesOf(resource)) {
                const key = address.toLowerCase().replace(/\.$/, "");
                if (!this.byAddress.has(key)) this.byAddress.set(key, resource);
            }
        }
    }

    private static readonly cache = new WeakMap<StackView, StackGraph>();

    /** One graph per stack view, shared by every stack check. */
    static of(stack: StackView, env: RegionEnvironment, settings: MainlandEndpointSettings): StackGraph {
        let graph = StackGraph.cache.get(stack);
        if (!graph) {
            graph = new StackGraph(stack, env, settings);
            StackGraph.cache.set(stack, graph);
        }
        return graph;
    }

    /** Every web DNS record in the stack, analysed. */
    records(): readonly RecordAnalysis[] {
        if (!this.recordsCache) {
            this.recordsCache = [];
            for (const resource of this.stack.resources) {
                if (!isDnsRecordType(resource.type)) continue;
                // DNS sources that are not records may answer for several hostnames.
                for (const record of readDnsSource(resource.type, resource.props) ?? [undefined]) {
                    const analysis = this.analyse(resource, record);
                    if (analysis) this.recordsCache.push(analysis);
                }
            }
        }
        return this.recordsCache;
    }

    /**
     * Bindings behind a load balancer (alb.Rule, slb.Rule, slb.DomainExtension, sae.Ingress), served where their
     * load balancer serves: an intranet balancer has no public address, so its host rules serve no
     * website; an Internet one serves from its region. The chain is followed through
     * propertyDependencies; when it does not reach a load balancer in the stack, the binding's own
     * region decides (as for any regional product).
     */
    loadBalancerBindings(): readonly Binding[] {
        if (!this.loadBalancerBindingsCache) {
            this.loadBalancerBindingsCache = [];
            for (const resource of this.stack.resources) {
                if (!isBehindLoadBalancer(resource.type)) continue;
                let current: StackResourceView | undefined = resource;
                for (const property of LOAD_BALANCER_CHAINS[resource.type]) current = current && this.dependencies(current, [property])[0];
                const endpoint = current ? this.endpointOf(current) : undefined;
                const loadBalancerServed = endpoint && current ? { ...endpoint.served, because: `its load balancer ${showResource(current)}: ${endpoint.served.because}` } : undefined;
                this.loadBalancerBindingsCache.push(...bindingsOf(resource, this.env, { loadBalancerServed }));
            }
        }
        return this.loadBalancerBindingsCache;
    }

    /** The endpoint a stack resource is (used by other stack checks); worked out once per resource. */
    endpointOf(resource: ResourceView): Endpoint | undefined {
        if (this.endpoints.has(resource)) return this.endpoints.get(resource);
        const own = endpointOf(resource, this.env);
        const endpoint = own && this.linkedEndpoint(resource, own);
        this.endpoints.set(resource, endpoint);
        return endpoint;
    }

    /** Endpoints whose location is decided by a linked resource (see links.ts). */
    private linkedEndpoint(resource: ResourceView, own: Endpoint): Endpoint {
        if (resource.type === LINK_TYPES.gaBasicAccelerateIp) {
            const ipSet = this.links.basicIpSetOf(resource);
            const placed = ipSet && endpointOf(ipSet, this.env);
            return placed ? { ...own, served: placed.served } : own;
        }
        if (resource.type === LINK_TYPES.ipv6Address) {
            // Public only with Internet bandwidth; without it the address is VPC-internal.
            const bandwidth = this.links.ipv6BandwidthOf(resource);
            if (bandwidth.length > 0) return own;
            return {
                ...own,
                served: {
                    where: "undecidable",
                    because: "an IPv6 address is public only with a vpc.Ipv6InternetBandwidth, and none in this stack is attached to it (ipv6AddressId)",
                },
            };
        }
        return own;
    }

    /** The stack resource with this output address, or the CDN-family binding a CDN CNAME names. */
    private ownerOf(value: string): StackResourceView | undefined {
        const key = value.toLowerCase().replace(/\.$/, "");
        const direct = this.byAddress.get(key);
        if (direct) return direct;
        const cdnDomain = cdnDomainOfCname(key);
        return cdnDomain === undefined ? undefined : this.byAddress.get(cdnDomain);
    }

    private get links(): StackLinks {
        return StackLinks.of(this.stack);
    }

    /** Targets of a source linked to other resources: GA acceleration areas, GTM address pools. */
    private linkedTargets(resource: StackResourceView, link: NonNullable<DnsRecord["link"]>): { targets: ResolvedTarget[]; undecided: string[] } {
        const targets: ResolvedTarget[] = [];
        const undecided: string[] = [];
        if (link === "ga-accelerator") {
            for (const ipSet of this.links.acceleratorIpSets(resource)) {
                const endpoint = this.endpointOf(ipSet);
                if (endpoint) targets.push({ endpoint, via: `the accelerator's acceleration area ${showResource(ipSet)}` });
            }
            if (targets.length === 0) {
                // Still Global Accelerator, which accepts any MIIT filing: only the area is open.
                targets.push({
                    endpoint: {
                        product: "Global Accelerator (acceleration areas not in this stack)",
                        alibaba: true,
                        access: "any",
                        served: {
                            where: "undecidable",
                            because: "no ga.IpSet of this accelerator (acceleratorId) is in this stack, so its acceleration region (accelerateRegionId) is unknown",
                        },
                    },
                    via: "the accelerator (acceleratorId)",
                });
            }
            return { targets, undecided };
        }
        const pools = this.links.gtmAddresses(resource, link);
        const kind = link === "gtm-instance" ? "dns.AddressPool (instanceId)" : "alidnscloudgtmaddress address (dependsOn)";
        if (pools.length === 0) undecided.push(`no GTM address pool of it is in this stack (${kind}), so the addresses it answers with are unknown`);
        for (const { pool, values, someUnknown, producers } of pools) {
            const poolName = showResource(pool);
            // Addresses taken from stack resources (an EIP's ipAddress): those resources decide.
            for (const producer of producers) {
                const endpoint = this.endpointOf(producer);
                if (endpoint) targets.push({ endpoint, via: `its address pool ${poolName} takes an address from ${showResource(producer)}` });
                else undecided.push(`its address pool ${poolName} takes an address from ${showResource(producer)}, which icp-guard cannot place`);
            }
            if (someUnknown && producers.length === 0) undecided.push(`the addresses of ${poolName} are not known until apply and come from no resource in this stack`);
            // A secret pool address is decided on but never printed.
            const secret = pool.secretProps.has("addresses") || pool.secretProps.has("address");
            for (const value of values) {
                const shown = secret ? "an address (value hidden)" : value;
                const owner = this.ownerOf(value);
                const ownerEndpoint = owner ? this.endpointOf(owner) : undefined;
                if (owner && ownerEndpoint) {
                    targets.push({ endpoint: ownerEndpoint, via: `its address pool ${poolName} holds ${shown}, an output of ${showResource(owner)}` });
                    continue;
                }
                const literal = endpointFromLiteral(value, this.settings);
                if (literal) targets.push({ endpoint: secret ? hideValue(literal, value) : literal, via: `its address pool ${poolName} holds ${shown}` });
                else undecided.push(`its address pool ${poolName} holds ${shown}, which icp-guard cannot place`);
            }
        }
        return { targets, undecided };
    }

    private dependencies(resource: StackResourceView, properties: readonly string[]): StackResourceView[] {
        return propertyDependencyResources(this.stack, resource, properties);
    }

    private zoneName(resource: StackResourceView, record: DnsRecord): string | undefined {
        if (record.name.kind === "fqdn" || record.name.zone.state === "known") return undefined;
        for (const zone of this.dependencies(resource, [record.name.zoneProperty])) {
            const property = ZONE_NAME_PROPERTY[zone.type];
            if (!property) continue;
            for (const key of [property, "name"]) {
                const name = readString(zone.props, key);
                if (name.state === "known" && name.value !== "") return name.value;
            }
        }
        return undefined;
    }

    private analyse(resource: StackResourceView, source?: DnsRecord): RecordAnalysis | undefined {
        const alone = analyseRecordAlone(resource, this.settings, source);
        if (!alone) return undefined;
        const record = alone.record;
        const zone = this.zoneName(resource, record);
        const fqdn = zone === undefined ? recordFqdn(record) : recordFqdn(record, zone);
        const placed = record.proxied && !alone.originsDecidedAlone ? this.resolveValues(resource, record.values, record.valueProperties, "origin") : { targets: alone.origins, undecided: [] };
        const zoneRead = recordZone(record, zone);
        const base = { ...alone, label: recordLabel(fqdn, record.recordType, zoneRead), domain: toDomain(fqdn, zoneRead), origins: placed.targets, originsUndecided: placed.undecided };
        if (alone.decidedAlone) return base;
        if (record.link) return { ...base, ...this.linkedTargets(resource, record.link), decidedAlone: false };

        const targets: ResolvedTarget[] = [];
        const undecided: string[] = [];
        if (record.proxied === "esa") {
            const sites = this.dependencies(resource, ["siteId"]).map((site) => ({ site, endpoint: endpointOf(site, this.env) }));
            const found = sites.find((s) => s.endpoint);
            if (found?.endpoint) targets.push({ endpoint: found.endpoint, via: `proxied through ESA site ${showResource(found.site)}` });
            else {
                // Still ESA, which accepts any MIIT filing: only its coverage is open.
                targets.push({
                    endpoint: {
                        product: "Alibaba Cloud ESA (site not in this stack)",
                        alibaba: true,
                        access: "any",
                        served: { where: "undecidable", because: "the record is proxied through an ESA site that is not in this stack, so its coverage is unknown" },
                    },
                    via: "proxied record",
                });
            }
            return { ...base, targets, undecided, decidedAlone: false };
        }

        const aaaa = record.recordType.state === "known" && record.recordType.value.toUpperCase() === "AAAA";
        return { ...base, ...this.resolveValues(resource, record.values, record.valueProperties, "value", aaaa), decidedAlone: false };
    }

    /**
     * Places origin addresses or hostnames a resource names (e.g. a CDN domain's `sources`), the
     * way a record's values are placed.
     */
    placeValues(resource: StackResourceView, values: readonly Read<string>[], properties: readonly string[]): { targets: ResolvedTarget[]; undecided: string[] } {
        return this.resolveValues(resource, values, properties, "origin");
    }

    /** Places values: the resource producing them, else each literal (a stack output, then the literal recognisers). */
    private resolveValues(resource: StackResourceView, values: readonly Read<string>[], valueProperties: readonly string[], what: "value" | "origin", ipv6 = false): { targets: ResolvedTarget[]; undecided: string[] } {
        const targets: ResolvedTarget[] = [];
        const undecided: string[] = [];
        // 1. The resource that produces the value.
        const producers = this.dependencies(resource, valueProperties);
        for (const producer of producers) {
            if (producer.type === DNS_SOURCE_TYPES.gtmInstance) {
                // A CNAME to a GTM instance's access domain goes where its address pools point.
                const viaGtm = this.linkedTargets(producer, "gtm-instance");
                targets.push(...viaGtm.targets.map((t) => ({ ...t, via: `its ${what} comes from ${showResource(producer)}, and ${t.via}` })));
                undecided.push(...viaGtm.undecided.map((why) => `its ${what} comes from ${showResource(producer)}, and ${why}`));
                continue;
            }
            const endpoint = this.endpointOf(producer);
            if (endpoint) targets.push({ endpoint: ipv6 ? publicIpv6(endpoint) : endpoint, via: `its ${what} comes from ${showResource(producer)}` });
        }
        if (targets.length > 0 || undecided.length > 0) return { targets, undecided };

        // 2-3. Each literal value: a known stack output, then the record-alone recognisers.
        for (const value of values) {
            if (value.state !== "known") {
                undecided.push(
                    producers.length > 0
                        ? `its ${what} comes from ${producers.map(showResource).join(", ")}, which icp-guard cannot place`
                        : value.state === "unknown"
                          ? `its ${what} is not known until apply and comes from no resource in this stack`
                          : "it has no target value",
                );
                continue;
            }
            const owner = this.ownerOf(value.value);
            const ownerEndpoint = owner ? this.endpointOf(owner) : undefined;
            if (owner && ownerEndpoint) {
                const endpoint = ipv6 || isIP(value.value) === 6 ? publicIpv6(ownerEndpoint) : ownerEndpoint;
                targets.push({ endpoint, via: `its ${what} ${value.value} is an output of ${showResource(owner)}` });
                continue;
            }
            const literal = endpointFromLiteral(value.value, this.settings);
            if (literal) targets.push({ endpoint: literal, via: `its ${what} ${value.value}` });
            else undecided.push(`its ${what} ${value.value} is not an address or hostname icp-guard can place (not in this stack, not a recognised Alibaba Cloud hostname, not in mainlandCidrs or mainlandHostnameSuffixes)`);
        }
        return { targets, undecided };
    }
}