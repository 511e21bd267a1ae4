/**
 * The stack graph: for every DNS record that serves web traffic, what it points at and whether
 * that endpoint is in the Chinese mainland.
 *
 * Target resolution, in order (per record value):
 * 1. propertyDependencies of the value → the resource that produces it → an endpoint (or, for a
 *    value taken from another DNS record, that record: see 4);
 * 2. a literal equal to a known output of a stack resource (refreshed or imported state): what
 *    the stack itself says is the current truth;
 * 3. a literal in the endpoint catalog (`icp-endpoint-catalog`): an endpoint of another stack or
 *    root module, as that one decided it (so a catalogued value is decided here, not per resource);
 * 4. a literal Alibaba Cloud hostname that names its region, the configured mainland CIDRs and
 *    hostname suffixes, and well-known hosting of other clouds;
 * 5. a literal name that records of the inputs define (`www` CNAME `example.co`, whose `@` A record
 *    points at a load balancer): the record goes wherever those records go, followed transitively
 *    across zones and DNS hosts, wildcards included (dns-names.ts); loops are reported;
 * 6. otherwise undecidable, reported as such.
 * Steps 2–5 for one literal are `pointsAt`, the one place that says what a value points at.
 *
 * Indexes (by URN, by address/hostname, by DNS name) are built once per stack; each record costs a
 * few map lookups, and chains of records are resolved once per record (memoised; loops found as
 * strongly connected components), so the analysis is linear in the number of resources.
 */
import { isIP } from "net";
import { Binding, BindingDomain, bindingProductFor, bindingsOf, isBehindLoadBalancer, LOAD_BALANCER_CHAINS, servedWhere } from "./bindings";
import { parseHostname } from "../model/domain";
import { DNS_SOURCE_TYPES, DnsRecord, isDnsRecordType, isWebRecord, readDnsRecord, readDnsSource, recordFqdn, recordLabel, recordZone, ZONE_NAME_PROPERTY } from "./dns";
import { DnsNameIndex, dnsNameKey } from "./dns-names";
import { IPV6_HOLDER_TYPES, LINK_TYPES, propertyDependencyResources, StackLinks } from "./links";
import { addressesOf, cdnDomainOfCname, Endpoint, endpointFromLiteral, endpointFromOtherCloud, endpointOf, MainlandEndpointSettings } from "./endpoints";
import { EipExposure } from "./eip-exposure";
import { catalogVia, endpointFromCatalog, isCatalogued } from "./catalog-endpoints";
import type { CatalogEntry } from "../model/endpoint-catalog";
import { KubernetesClusters, KubernetesGraph } from "./kubernetes";
import { RegionEnvironment } from "../model/region";
import { propertyName, typeName } from "../model/naming";
import { ResourceView, showResource, StackResourceView, StackView } from "../model/resource";
import { Read, readString } from "../model/values";

/** What the stack pass reads from outside the stack: configured mainland endpoints and Kubernetes clusters. */
export interface GraphSettings {
    readonly endpoints: MainlandEndpointSettings;
    readonly kubernetesClusters: KubernetesClusters;
}

export interface ResolvedTarget {
    readonly endpoint: Endpoint;
    /** How icp-guard found it, for messages. */
    readonly via: string;
    /**
     * Reached through other records of the inputs (a CNAME to a name they define): the records
     * passed through, in order (`example.co A`), and how the last one's target was found.
     */
    readonly chain?: { readonly records: readonly string[]; readonly via: string };
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
    /**
     * The proxy in front of the name: the record's own (`proxied: true`), or one its chain of
     * records passes through (a CNAME to a proxied record), whose origins are then this record's too.
     */
    readonly proxy?: "cloudflare" | "esa";
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
            // A catalogued value is decided in the stack pass, where the stack's own resources win.
            const endpoint = value.state === "known" && !isCatalogued(value.value, settings) ? endpointFromLiteral(value.value, settings) : undefined;
            if (endpoint && value.state === "known") origins.push({ endpoint, via: `its origin ${value.value}` });
            else originsDecidedAlone = false;
        }
    }
    if (intrinsic) {
        targets.push(intrinsic);
        // A Route 53 alias may name a record of its own hosted zone instead of an AWS resource:
        // only aliases to AWS hostnames are decided from the record alone.
        if (record.awsAlias && !record.values.every((value) => value.state === "known" && endpointFromOtherCloud(value.value) !== undefined)) {
            undecided.push("the alias may name another record of its hosted zone, which needs the stack graph");
        }
    } else if (record.link) undecided.push("the target is behind a linked resource and needs the stack graph");
    else if (record.proxied === "esa") undecided.push("the record is proxied through ESA, whose site coverage decides");
    else {
        for (const value of record.values) {
            const endpoint = value.state === "known" && !isCatalogued(value.value, settings) ? endpointFromLiteral(value.value, settings) : undefined;
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
        proxy: record.proxied,
    };
}

/** The endpoint with a secret value taken out of its texts. */
function hideValue(endpoint: Endpoint, value: string): Endpoint {
    const hide = (text: string) => text.split(value).join("(value hidden)");
    const served = { ...endpoint.served, because: hide(endpoint.served.because) };
    return { ...endpoint, product: hide(endpoint.product), served };
}

/** A web DNS record (or DNS source) of the stack, its name completed from its zone resource. */
interface StackRecord {
    readonly resource: StackResourceView;
    readonly record: DnsRecord;
    /** Its name as the name index keys it (dns-names.ts), when known. */
    readonly name?: string;
    /** The analysis from its own inputs, with the name the stack completes. */
    readonly alone: RecordAnalysis;
}

/** A value that names records of the inputs: the chain goes on there. */
interface ChainEdge {
    /** The name the value holds, shown as the next name in the chain. */
    readonly name: string;
    readonly records: readonly StackRecord[];
    /** A record's value leads to its targets; a proxied record's value, or a CDN source, to its origins. */
    readonly role: "value" | "origin";
}

/** The records a chain passes through, first first; tails are shared between chains. */
interface Hop {
    /** The name that leads to `record` (hidden when the value holding it is secret). */
    readonly name: string;
    readonly record: StackRecord;
    readonly next?: Hop;
    /** The chain's last hop, where its target was found. */
    readonly last: Hop;
}

function hopOnto(name: string, record: StackRecord, next: Hop | undefined): Hop {
    const hop: { -readonly [K in keyof Hop]: Hop[K] } = { name, record, next, last: undefined as unknown as Hop };
    hop.last = next ? next.last : hop;
    return hop;
}

/** Long chains are shown by their first records and their last: enough to act on, and each message stays short. */
const SHOWN_HOPS = 6;
const ELIDED = "…";

interface Reached<T> {
    readonly item: T;
    readonly hops?: Hop;
}

/** What a record reaches: its own targets and those of the records its values lead to. */
interface Reach {
    readonly targets: readonly Reached<ResolvedTarget>[];
    readonly undecided: readonly Reached<string>[];
    readonly origins: readonly Reached<ResolvedTarget>[];
    readonly originsUndecided: readonly Reached<string>[];
    readonly proxy?: "cloudflare" | "esa";
}

/** A record's analysis from its own values, and the records those values lead to. */
interface OwnAnalysis {
    readonly analysis: RecordAnalysis;
    readonly edges: readonly ChainEdge[];
}

/** What one literal value points at (see `pointsAt`). */
export type ValuePlace =
    | { readonly kind: "endpoint"; readonly target: ResolvedTarget; readonly catalogued?: CatalogEntry }
    | { readonly kind: "records"; readonly name: string; readonly records: readonly StackRecord[] }
    | { readonly kind: "unplaced"; readonly why: string };

interface Placed {
    readonly targets: ResolvedTarget[];
    readonly undecided: string[];
    readonly edges: ChainEdge[];
}

const valueIsSecret = (entry: StackRecord): boolean => entry.record.valueProperties.some((property) => entry.resource.secretProps.has(property));

/** A record of a chain as messages show it: `DNS record example.co A (alidns.AlidnsRecord "apex")`. */
const showRecord = (entry: StackRecord): string => `${entry.alone.secret ? "a DNS record with a secret name" : `DNS record ${entry.alone.label}`} (${showResource(entry.resource)})`;

/** The values of a record whose value is secret, taken out of a text a chain carries past it. */
function hideValuesOf(entry: StackRecord, text: string): string {
    let hidden = text;
    for (const value of entry.record.values) if (value.state === "known" && value.value !== "") hidden = hidden.split(value.value).join("(value hidden)");
    return hidden;
}

export class StackGraph {
    private readonly byAddress = new Map<string, StackResourceView>();
    private readonly endpoints = new Map<ResourceView, Endpoint | undefined>();
    private recordsCache: RecordAnalysis[] | undefined;
    private loadBalancerBindingsCache: Binding[] | undefined;
    private stackRecordsCache: StackRecord[] | undefined;
    private readonly recordsOfResource = new Map<ResourceView, StackRecord[]>();
    private readonly names = new DnsNameIndex<StackRecord>();
    /** Zone → records under it whose own name is not known until apply. */
    private readonly unknownNamesUnder = new Map<string, StackRecord[]>();
    private readonly ownCache = new Map<StackRecord, OwnAnalysis>();
    private readonly reachCache = new Map<StackRecord, Reach>();
    private stackBindingsCache: Binding[] | undefined;
    private readonly settings: MainlandEndpointSettings;

    private constructor(
        readonly stack: StackView,
        private readonly env: RegionEnvironment,
        private readonly graphSettings: GraphSettings,
    ) {
        this.settings = graphSettings.endpoints;
        for (const resource of stack.resources) {
            for (const address of addressesOf(resource)) {
                const key = address.toLowerCase().replace(/\.$/, "");
                if (!this.byAddress.has(key)) this.byAddress.set(key, resource);
            }
        }
    }

    private static readonly cache = new WeakMap<StackView, StackGraph>();

    /** One graph per stack view, shared by every stack check. */
    static of(stack: StackView, env: RegionEnvironment, settings: GraphSettings): StackGraph {
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
            for (const entry of this.stackRecords()) this.recordsCache.push(this.analysisOf(entry));
        }
        return this.recordsCache;
    }

    /**
     * Bindings behind a load balancer (alb.Rule, slb.Rule, slb.DomainExtension, sae.Ingress), served where their
     * load balancer serves: an intranet balancer has no public address, so its host rules serve no
     * website — unless an EIP is associated with it (eip-exposure.ts); an Internet one serves from
     * its region. The chain is followed through
     * propertyDependencies, or literal IDs known in state; when it does not reach a load balancer in
     * the stack, the binding's own region decides (as for any regional product).
     */
    loadBalancerBindings(): readonly Binding[] {
        if (!this.loadBalancerBindingsCache) {
            this.loadBalancerBindingsCache = [];
            for (const resource of this.stack.resources) {
                if (!isBehindLoadBalancer(resource.type)) continue;
                let current: StackResourceView | undefined = resource;
                for (const property of LOAD_BALANCER_CHAINS[resource.type]) current = current && this.links.linkedBy(current, property);
                const endpoint = current ? this.endpointOf(current) : undefined;
                const exposure = endpoint && current ? this.eipExposure.exposure(current, endpoint) : undefined;
                const loadBalancerServed = exposure?.served ?? (endpoint && current ? { ...endpoint.served, because: `its load balancer ${showResource(current)}: ${endpoint.served.because}` } : undefined);
                this.loadBalancerBindingsCache.push(...bindingsOf(resource, this.env, { loadBalancerServed, moveAway: exposure?.moveAway }));
            }
        }
        return this.loadBalancerBindingsCache;
    }

    /**
     * Every binding only the stack pass can place: host rules behind a load balancer, and host
     * names published through Kubernetes (lib/graph/kubernetes.ts), where their cluster serves.
     */
    stackBindings(): readonly Binding[] {
        if (!this.stackBindingsCache) {
            const kubernetes = KubernetesGraph.of(this.stack, this.env, this.graphSettings.kubernetesClusters).bindings();
            const loadBalancers = this.loadBalancerBindings();
            this.stackBindingsCache = kubernetes.length === 0 ? [...loadBalancers] : [...loadBalancers, ...kubernetes];
        }
        return this.stackBindingsCache;
    }

    /** The endpoint a stack resource is (used by other stack checks); worked out once per resource. */
    endpointOf(resource: ResourceView): Endpoint | undefined {
        if (this.endpoints.has(resource)) return this.endpoints.get(resource);
        const own = endpointOf(resource, this.env);
        const endpoint = own && this.linkedEndpoint(resource, own);
        this.endpoints.set(resource, endpoint);
        return endpoint;
    }

    /**
     * Every address and hostname a stack resource publishes as an endpoint (the outputs literal
     * record values are matched against), with the endpoint as this graph decides it: what an
     * endpoint catalog lists for other stacks.
     */
    addressedEndpoints(): { address: string; resource: StackResourceView; endpoint: Endpoint }[] {
        const found: { address: string; resource: StackResourceView; endpoint: Endpoint }[] = [];
        for (const resource of this.stack.resources) {
            const addresses = addressesOf(resource);
            if (addresses.length === 0) continue;
            const endpoint = this.endpointOf(resource);
            if (!endpoint) continue;
            for (const address of addresses) {
                // An IPv6 address is public only with IPv6 Internet bandwidth (ipv6Endpoint): without it, intranet.
                found.push({ address, resource, endpoint: isIP(address) === 6 ? this.ipv6Endpoint(resource, endpoint, address) : endpoint });
            }
        }
        return found;
    }

    /** Endpoints whose location is decided by a linked resource (see links.ts). */
    private linkedEndpoint(resource: ResourceView, own: Endpoint): Endpoint {
        if (resource.type === LINK_TYPES.gaBasicAccelerateIp) {
            const ipSet = this.links.basicIpSetOf(resource);
            const placed = ipSet && endpointOf(ipSet, this.env);
            return placed ? { ...own, served: placed.served } : own;
        }
        if (resource.type === LINK_TYPES.ipv6Address) return this.ipv6Endpoint(resource, own);
        return this.scopeLeftAtDefault(resource, own);
    }

    /**
     * An IPv6 address — a vpc.Ipv6Address's, or an ECS instance's or ENI's (`ipv6Addresses`) — is
     * public only with IPv6 Internet bandwidth (vpc.Ipv6InternetBandwidth, ipv6AddressId); IPv4
     * bandwidth says nothing about it. With it, the address serves where its holder does; without
     * any in the inputs, it is reachable only inside the VPC (no public address, no filing); with a
     * bandwidth of the stack whose address cannot be told, it is undecidable.
     */
    private ipv6Endpoint(holder: ResourceView, endpoint: Endpoint, address?: string): Endpoint {
        if (!IPV6_HOLDER_TYPES.has(holder.type)) return endpoint;
        const reach = this.links.ipv6Reach(holder, address);
        const served = endpoint.servedIfPublic ?? endpoint.served;
        const shown = address === undefined ? "its IPv6 address" : `the IPv6 address ${address}`;
        if (reach.kind === "public") {
            return { ...endpoint, notPublic: false, served: served.where === "undecidable" ? served : { ...served, because: `${served.because}; ${shown} is public through ${showResource(reach.bandwidth)}` } };
        }
        if (reach.kind === "maybe") {
            return {
                ...endpoint,
                notPublic: false,
                served: {
                    where: "undecidable",
                    because: `${shown} is public only with IPv6 Internet bandwidth, and ${showResource(reach.bandwidth)} in this stack may be attached to it (its ${propertyName(reach.bandwidth, "ipv6AddressId")} leads to no IPv6 address icp-guard can tell)`,
                },
            };
        }
        return {
            ...endpoint,
            notPublic: true,
            servedIfPublic: served,
            served: {
                where: "outside",
                because: `${shown} has no IPv6 Internet bandwidth (no ${typeName(holder, LINK_TYPES.ipv6InternetBandwidth)} attached to it by ${propertyName(holder, "ipv6AddressId", LINK_TYPES.ipv6InternetBandwidth)}), so it is reachable only inside its VPC and serves no website`,
            },
        };
    }

    /**
     * A CDN-family binding whose scope output is not known at preview, when no value flows into the
     * scope (no propertyDependencies): the program left it out — only a resource's output could
     * make an input unknown — so it takes its default, as the per-resource check of the binding's
     * inputs decided. A CNAME to the binding is then decided like the binding.
     */
    private scopeLeftAtDefault(resource: ResourceView, own: Endpoint): Endpoint {
        if (own.served.where !== "undecidable") return own;
        const binding = bindingProductFor(resource.type);
        const stackResource = this.stack.byUrn.get(resource.urn);
        if (!binding || binding.family !== "cdn" || !stackResource) return own;
        const location = binding.location(resource, this.env);
        if (location.kind !== "scope" || location.read.state !== "unknown" || (stackResource.propertyDependencies[location.property] ?? []).length > 0) return own;
        const served = servedWhere({ ...location, read: { state: "absent" } });
        return { ...own, served: { ...served, because: `${served.because} (its output is not known until apply, but nothing in the program sets it)` } };
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

    private exposureCache: EipExposure | undefined;

    /** EIPs that make intranet load balancers public, worked out once per stack. */
    private get eipExposure(): EipExposure {
        this.exposureCache ??= new EipExposure(this.links, this.env, (resource) => this.endpointOf(resource));
        return this.exposureCache;
    }

    // ----------------------------------------------------------------------------------------
    // The DNS records of the stack and the names they define
    // ----------------------------------------------------------------------------------------

    /** Every web DNS record (and DNS source) of the stack with its name; indexes the names the inputs define. */
    private stackRecords(): readonly StackRecord[] {
        if (this.stackRecordsCache) return this.stackRecordsCache;
        const entries: StackRecord[] = [];
        for (const resource of this.stack.resources) {
            if (!isDnsRecordType(resource.type)) continue;
            // DNS sources that are not records may answer for several hostnames.
            for (const source of readDnsSource(resource.type, resource.props) ?? [undefined]) {
                const alone = analyseRecordAlone(resource, this.settings, source);
                const record = alone?.record ?? source ?? readDnsRecord(resource.type, resource.props);
                if (!record) continue;
                const zone = this.zoneName(resource, record);
                const fqdn = zone === undefined ? recordFqdn(record) : recordFqdn(record, zone);
                const name = fqdn.state === "known" ? dnsNameKey(fqdn.value) : undefined;
                if (!alone) {
                    // Not a web record (TXT, MX…): the name exists, so no wildcard answers for it.
                    if (name !== undefined && !record.disabled) this.names.add(name);
                    continue;
                }
                const zoneRead = recordZone(record, zone);
                const entry: StackRecord = { resource, record, name, alone: { ...alone, label: recordLabel(fqdn, record.recordType, zoneRead), domain: toDomain(fqdn, zoneRead) } };
                entries.push(entry);
                const list = this.recordsOfResource.get(resource);
                if (list) list.push(entry);
                else this.recordsOfResource.set(resource, [entry]);
                if (name !== undefined) this.names.add(name, entry);
                else if (zoneRead.state === "known") {
                    const zoneKey = dnsNameKey(zoneRead.value);
                    const under = zoneKey === undefined ? undefined : this.unknownNamesUnder.get(zoneKey);
                    if (under) under.push(entry);
                    else if (zoneKey !== undefined) this.unknownNamesUnder.set(zoneKey, [entry]);
                }
            }
        }
        this.stackRecordsCache = entries;
        return entries;
    }

    /** The web records a DNS resource of the stack defines. */
    private stackRecordsOf(resource: StackResourceView): readonly StackRecord[] {
        this.stackRecords();
        return this.recordsOfResource.get(resource) ?? [];
    }

    /** A record's analysis: its own targets, and — when its values name records of the inputs — theirs, through the chain. */
    private analysisOf(entry: StackRecord): RecordAnalysis {
        const own = this.own(entry);
        if (own.edges.length === 0) return own.analysis;
        const reach = this.reach(entry);
        return {
            ...own.analysis,
            targets: reach.targets.map((reached) => this.shownTarget(reached, entry)),
            undecided: reach.undecided.map((reached) => this.shownReason(reached, entry)),
            origins: reach.origins.map((reached) => this.shownTarget(reached, entry)),
            originsUndecided: reach.originsUndecided.map((reached) => this.shownReason(reached, entry)),
            originsDecidedAlone: own.analysis.originsDecidedAlone && !own.edges.some((edge) => edge.role === "origin"),
            proxy: reach.proxy,
        };
    }

    /** A record's analysis from its own values; where they name records of the inputs, the edges to those. */
    private own(entry: StackRecord): OwnAnalysis {
        const cached = this.ownCache.get(entry);
        if (cached) return cached;
        const own = this.ownUncached(entry);
        this.ownCache.set(entry, own);
        return own;
    }

    private ownUncached({ resource, record, alone }: StackRecord): OwnAnalysis {
        const placed: Placed = record.proxied && !alone.originsDecidedAlone ? this.resolveValues(resource, record.values, record.valueProperties, "origin") : { targets: [...alone.origins], undecided: [], edges: [] };
        const base: RecordAnalysis = { ...alone, origins: placed.targets, originsUndecided: placed.undecided };
        if (alone.decidedAlone) return { analysis: base, edges: placed.edges };
        if (record.link) {
            const linked = this.linkedTargets(resource, record.link);
            return { analysis: { ...base, targets: linked.targets, undecided: linked.undecided, decidedAlone: false }, edges: [...placed.edges, ...linked.edges] };
        }

        if (record.proxied === "esa") {
            const targets: ResolvedTarget[] = [];
            const sites = this.dependencies(resource, ["siteId"]).map((site) => ({ site, endpoint: this.endpointOf(site) }));
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
            return { analysis: { ...base, targets, undecided: [], decidedAlone: false }, edges: placed.edges };
        }

        if (record.awsAlias) {
            // An alias to another record of its hosted zone goes where that record goes; any other alias names an AWS resource.
            const edges: ChainEdge[] = [];
            let elsewhere = false;
            for (const value of record.values) {
                const lookup = value.state === "known" ? this.namesDefining(value.value) : undefined;
                if (lookup) edges.push({ ...lookup, role: "value" });
                else elsewhere = true;
            }
            return { analysis: { ...base, targets: elsewhere || edges.length === 0 ? alone.targets : [], undecided: [], decidedAlone: false }, edges: [...placed.edges, ...edges] };
        }

        const aaaa = record.recordType.state === "known" && record.recordType.value.toUpperCase() === "AAAA";
        const resolved = this.resolveValues(resource, record.values, record.valueProperties, "value", aaaa);
        return { analysis: { ...base, targets: resolved.targets, undecided: resolved.undecided, decidedAlone: false }, edges: [...placed.edges, ...resolved.edges] };
    }

    /** The records of the inputs that answer for a literal name (its own, or the wildcard covering it). */
    private namesDefining(value: string): { name: string; records: readonly StackRecord[] } | undefined {
        if (isIP(value) !== 0) return undefined;
        const name = dnsNameKey(value);
        if (name === undefined) return undefined;
        this.stackRecords();
        const lookup = this.names.lookup(name);
        return lookup.kind === "records" ? { name, records: lookup.entries } : undefined;
    }

    // ----------------------------------------------------------------------------------------
    // Chains of records
    // ----------------------------------------------------------------------------------------

    /**
     * Everything a record reaches through the records its values name, transitively. Records are
     * the nodes, values naming records the edges; each strongly connected component is settled once
     * (Tarjan's algorithm, iterative so a long chain cannot overflow the stack), and a component of
     * more than one record — or one naming itself — is a loop, reported as such.
     */
    private reach(start: StackRecord): Reach {
        const done = this.reachCache.get(start);
        if (done) return done;
        const index = new Map<StackRecord, number>();
        const low = new Map<StackRecord, number>();
        const stack: StackRecord[] = [];
        const onStack = new Set<StackRecord>();
        const frames: { node: StackRecord; successors: StackRecord[]; next: number }[] = [];
        const enter = (node: StackRecord) => {
            index.set(node, index.size);
            low.set(node, index.get(node)!);
            stack.push(node);
            onStack.add(node);
            frames.push({ node, successors: this.own(node).edges.flatMap((edge) => edge.records), next: 0 });
        };
        enter(start);
        while (frames.length > 0) {
            const frame = frames[frames.length - 1];
            if (frame.next < frame.successors.length) {
                const successor = frame.successors[frame.next++];
                if (this.reachCache.has(successor)) continue;
                if (!index.has(successor)) enter(successor);
                else if (onStack.has(successor)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(successor)!));
                continue;
            }
            frames.pop();
            if (frames.length > 0) {
                const parent = frames[frames.length - 1].node;
                low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
            }
            if (low.get(frame.node) !== index.get(frame.node)) continue;
            const members: StackRecord[] = [];
            let member: StackRecord;
            do {
                member = stack.pop()!;
                onStack.delete(member);
                members.push(member);
            } while (member !== frame.node);
            members.reverse();
            if (members.length === 1 && !frame.successors.includes(frame.node)) this.settle(frame.node);
            else this.settleLoop(members);
        }
        return this.reachCache.get(start)!;
    }

    /** A record outside any loop: its own targets, then each edge's records' (already settled), one hop further. */
    private settle(node: StackRecord): void {
        const own = this.own(node);
        const reach = this.emptyReach(own.analysis);
        for (const edge of own.edges) for (const next of edge.records) this.extend(reach, edge, next, this.reachCache.get(next)!, node);
        this.reachCache.set(node, reach);
    }

    /**
     * Records that name each other in a loop: resolvers give up on the loop (SERVFAIL), so it
     * reaches no address itself, but every record in it reaches whatever any of them names outside it.
     */
    private settleLoop(members: readonly StackRecord[]): void {
        const inLoop = new Set(members);
        const nameOf = (member: StackRecord) => (member.alone.secret ? "(a secret name)" : member.name ?? member.alone.label);
        const names = members.length > SHOWN_HOPS + 2 ? [...members.slice(0, SHOWN_HOPS).map(nameOf), `${ELIDED} (${members.length} records)`] : members.map(nameOf);
        const loop = `the records ${[...names, names[0]].join(" → ")} name each other in a loop, so resolvers reach no address through it (they answer SERVFAIL); fix the loop`;
        const combined: MutableReach = { targets: [], undecided: [], origins: [], originsUndecided: [], proxy: undefined };
        for (const member of members) {
            const own = this.own(member);
            const through = (hops: Hop | undefined): Hop => hopOnto(nameOf(member), member, hops);
            combined.targets.push(...own.analysis.targets.map((item) => ({ item, hops: through(undefined) })));
            combined.undecided.push(...own.analysis.undecided.map((item) => ({ item, hops: through(undefined) })));
            combined.origins.push(...own.analysis.origins.map((item) => ({ item, hops: through(undefined) })));
            combined.originsUndecided.push(...own.analysis.originsUndecided.map((item) => ({ item, hops: through(undefined) })));
            combined.proxy ??= own.analysis.proxy;
            for (const edge of own.edges) {
                for (const next of edge.records) {
                    if (inLoop.has(next)) continue;
                    const outside = this.emptyReach();
                    this.extend(outside, edge, next, this.reachCache.get(next)!, member);
                    combined.targets.push(...outside.targets.map((r) => ({ item: r.item, hops: through(r.hops) })));
                    combined.undecided.push(...outside.undecided.map((r) => ({ item: r.item, hops: through(r.hops) })));
                    combined.origins.push(...outside.origins.map((r) => ({ item: r.item, hops: through(r.hops) })));
                    combined.originsUndecided.push(...outside.originsUndecided.map((r) => ({ item: r.item, hops: through(r.hops) })));
                    combined.proxy ??= outside.proxy;
                }
            }
        }
        combined.undecided.push({ item: loop });
        for (const member of members) this.reachCache.set(member, combined);
    }

    private emptyReach(analysis?: RecordAnalysis): MutableReach {
        return {
            targets: (analysis?.targets ?? []).map((item) => ({ item })),
            undecided: (analysis?.undecided ?? []).map((item) => ({ item })),
            origins: (analysis?.origins ?? []).map((item) => ({ item })),
            originsUndecided: (analysis?.originsUndecided ?? []).map((item) => ({ item })),
            proxy: analysis?.proxy,
        };
    }

    /**
     * Adds what `next` reaches to `reach`, one hop further: its targets as targets (a value) or as
     * origins (an origin). `owner` is the record whose value names `next`.
     */
    private extend(reach: MutableReach, edge: ChainEdge, next: StackRecord, reached: Reach, owner?: StackRecord): void {
        // The name a secret value holds is not shown (the runner only knows the reported record's secrets).
        const name = owner !== undefined && valueIsSecret(owner) ? "(value hidden)" : edge.name;
        const hop = <T>(r: Reached<T>): Reached<T> => ({ item: r.item, hops: hopOnto(name, next, r.hops) });
        if (edge.role === "value") {
            reach.targets.push(...reached.targets.map(hop));
            reach.undecided.push(...reached.undecided.map(hop));
            reach.origins.push(...reached.origins.map(hop));
            reach.originsUndecided.push(...reached.originsUndecided.map(hop));
            reach.proxy ??= reached.proxy;
        } else {
            // The origin of a proxy is wherever the named records send visitors, through any proxy of theirs to its origin.
            reach.origins.push(...reached.targets.map(hop), ...reached.origins.map(hop));
            reach.originsUndecided.push(...reached.undecided.map(hop), ...reached.originsUndecided.map(hop));
        }
    }

    /**
     * The hops of a chain to show: without repeats (a loop's record reached from itself), the first
     * few and the last; `elided` when records between them are left out.
     */
    private hopsOf(reached: Reached<unknown>, from?: StackRecord): { shown: Hop[]; elided: boolean } {
        const shown: Hop[] = [];
        let elided = false;
        let previous = from;
        for (let hop = reached.hops; hop !== undefined; hop = hop.next) {
            if (hop.record === previous) continue;
            if (shown.length === SHOWN_HOPS && hop.last !== hop) {
                elided = true;
                hop = hop.last;
            }
            shown.push(hop);
            previous = hop.record;
        }
        return { shown, elided };
    }

    /** `through www.example.co → example.co to DNS record example.co A (…), where …`, and the last part alone. */
    private chainText(from: StackRecord | undefined, shown: readonly Hop[], elided: boolean, where: string): { text: string; where: string } {
        const start = from?.name !== undefined && !from.alone.secret ? [from.name] : [];
        const names = shown.map((hop) => hop.name);
        if (elided) names.splice(names.length - 1, 0, ELIDED);
        const last = shown[shown.length - 1].record;
        // The last record's own explanation names its values: hidden when they are secret.
        const text = valueIsSecret(last) ? hideValuesOf(last, where) : where;
        return { text: `through ${[...start, ...names].join(" → ")} to ${showRecord(last)}, where ${text}`, where: text };
    }

    private shownTarget(reached: Reached<ResolvedTarget>, from?: StackRecord): ResolvedTarget {
        const { shown, elided } = this.hopsOf(reached, from);
        if (shown.length === 0) return reached.item;
        const last = shown[shown.length - 1].record;
        let endpoint = reached.item.endpoint;
        if (valueIsSecret(last)) for (const value of last.record.values) if (value.state === "known" && value.value !== "") endpoint = hideValue(endpoint, value.value);
        const { text, where } = this.chainText(from, shown, elided, reached.item.via);
        const records = shown.map((hop) => (hop.record.alone.secret ? "a DNS record with a secret name" : hop.record.alone.label));
        if (elided) records.splice(records.length - 1, 0, ELIDED);
        return { endpoint, via: text, chain: { records, via: where } };
    }

    private shownReason(reached: Reached<string>, from?: StackRecord): string {
        const { shown, elided } = this.hopsOf(reached, from);
        return shown.length === 0 ? reached.item : this.chainText(from, shown, elided, reached.item).text;
    }

    /** Follows chain edges of a resource that is not a record (a CDN source, a GTM pool): the targets they reach, shown. */
    private followEdges(edges: readonly ChainEdge[]): { targets: ResolvedTarget[]; undecided: string[] } {
        const reach = this.emptyReach();
        for (const edge of edges) for (const next of edge.records) this.extend(reach, edge, next, this.reach(next));
        return {
            targets: [...reach.targets, ...reach.origins].map((reached) => this.shownTarget(reached)),
            undecided: [...reach.undecided, ...reach.originsUndecided].map((reached) => this.shownReason(reached)),
        };
    }

    // ----------------------------------------------------------------------------------------
    // Values
    // ----------------------------------------------------------------------------------------

    /** Targets of a source linked to other resources: GA acceleration areas, GTM address pools. */
    private linkedTargets(resource: StackResourceView, link: NonNullable<DnsRecord["link"]>): Placed {
        const targets: ResolvedTarget[] = [];
        const undecided: string[] = [];
        const edges: ChainEdge[] = [];
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
                            because: `no ${typeName(resource, LINK_TYPES.gaIpSet)} of this accelerator (${propertyName(resource, "acceleratorId", LINK_TYPES.gaIpSet)}) is in this stack, so its acceleration region (${propertyName(resource, "accelerateRegionId", LINK_TYPES.gaIpSet)}) is unknown`,
                        },
                    },
                    via: `the accelerator (${propertyName(resource, "acceleratorId")})`,
                });
            }
            return { targets, undecided, edges };
        }
        const pools = this.links.gtmAddresses(resource, link);
        const kind =
            link === "gtm-instance"
                ? `${typeName(resource, LINK_TYPES.gtmAddressPool)} (${propertyName(resource, "instanceId", LINK_TYPES.gtmAddressPool)})`
                : `${typeName(resource, LINK_TYPES.gtm3Address)} (${propertyName(resource, "dependsOn")})`;
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
                const place = this.pointsAt(value, `address pool ${poolName}`);
                if (place.kind === "endpoint") {
                    const endpoint = secret ? hideValue(place.target.endpoint, value) : place.target.endpoint;
                    const via = place.target.endpoint.resource
                        ? `its address pool ${poolName} holds ${shown}, an output of ${showResource(place.target.endpoint.resource)}`
                        : place.catalogued
                          ? `its address pool ${poolName} holds ${shown}, ${catalogVia(place.catalogued)}`
                          : `its address pool ${poolName} holds ${shown}`;
                    targets.push({ endpoint, via });
                } else if (place.kind === "records" && !secret) edges.push({ name: place.name, records: place.records, role: "value" });
                else undecided.push(`its address pool ${poolName} holds ${shown}, which icp-guard cannot place`);
            }
        }
        return { targets, undecided, edges };
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

    /**
     * Places origin addresses or hostnames a resource names (e.g. a CDN domain's `sources`), the
     * way a record's values are placed, records of the inputs followed.
     */
    placeValues(resource: StackResourceView, values: readonly Read<string>[], properties: readonly string[]): { targets: ResolvedTarget[]; undecided: string[] } {
        const placed = this.resolveValues(resource, values, properties, "origin");
        if (placed.edges.length === 0) return placed;
        const followed = this.followEdges(placed.edges);
        return { targets: [...placed.targets, ...followed.targets], undecided: [...placed.undecided, ...followed.undecided] };
    }

    /**
     * What one literal value points at, in order: a stack resource with that output (refreshed or
     * imported state: the current truth), an endpoint of another stack or root module in the endpoint
     * catalog, an endpoint the value names by itself (an Alibaba Cloud hostname naming its region,
     * the configured mainland CIDRs and suffixes, a non-public address, another cloud), the records
     * of the inputs that define the name. The one place a new source of answers plugs in.
     */
    pointsAt(value: string, what: string, ipv6 = false): ValuePlace {
        const owner = this.ownerOf(value);
        const ownerEndpoint = owner ? this.endpointOf(owner) : undefined;
        if (owner && ownerEndpoint) {
            const endpoint = ipv6 || isIP(value) === 6 ? this.ipv6Endpoint(owner, ownerEndpoint, isIP(value) === 6 ? value : undefined) : ownerEndpoint;
            return { kind: "endpoint", target: { endpoint, via: `its ${what} ${value} is an output of ${showResource(owner)}` } };
        }
        const catalogued = endpointFromCatalog(value, this.settings.catalog);
        if (catalogued) return { kind: "endpoint", target: { endpoint: catalogued.endpoint, via: `its ${what} ${value} is ${catalogVia(catalogued.entry)}` }, catalogued: catalogued.entry };
        const literal = endpointFromLiteral(value, this.settings);
        if (literal) return { kind: "endpoint", target: { endpoint: literal, via: `its ${what} ${value}` } };
        const named = this.namesDefining(value);
        if (named) return { kind: "records", ...named };
        const catalog = this.settings.catalog ? "not in the endpoint catalog" : "no endpoint catalog is configured (icp-endpoint-catalog)";
        return {
            kind: "unplaced",
            why: `its ${what} ${value} is not an address or hostname icp-guard can place (not in this stack, ${catalog}, not a recognised Alibaba Cloud hostname, not in mainlandCidrs or mainlandHostnameSuffixes${this.nameNote(value)})`,
        };
    }

    /** Why the records of the inputs do not answer for a name: it has none that serve, or a record whose name is not known yet may be it. */
    private nameNote(value: string): string {
        const name = isIP(value) === 0 ? dnsNameKey(value) : undefined;
        if (name === undefined) return "";
        const lookup = this.names.lookup(name);
        if (lookup.kind === "no-web-records") return `; the inputs define ${lookup.owner}, but ${lookup.why}`;
        for (let zone: string | undefined = name; zone !== undefined; zone = zone.includes(".") ? zone.slice(zone.indexOf(".") + 1) : undefined) {
            const unknown = this.unknownNamesUnder.get(zone);
            if (unknown) return `; it may be the name of ${showResource(unknown[0].resource)}${unknown.length > 1 ? ` (or ${unknown.length - 1} more)` : ""}, a record under ${zone} whose name is not known until apply`;
        }
        return "";
    }

    /** Places values: the resource producing them, else each literal (`pointsAt`); values naming records of the inputs become edges. */
    private resolveValues(resource: StackResourceView, values: readonly Read<string>[], valueProperties: readonly string[], what: "value" | "origin", ipv6 = false): Placed {
        const targets: ResolvedTarget[] = [];
        const undecided: string[] = [];
        const edges: ChainEdge[] = [];
        // 1. The resource that produces the value.
        const producers = this.dependencies(resource, valueProperties);
        for (const producer of producers) {
            if (producer.type === DNS_SOURCE_TYPES.gtmInstance) {
                // A CNAME to a GTM instance's access domain goes where its address pools point.
                const viaGtm = this.linkedTargets(producer, "gtm-instance");
                targets.push(...viaGtm.targets.map((t) => ({ ...t, via: `its ${what} comes from ${showResource(producer)}, and ${t.via}` })));
                undecided.push(...viaGtm.undecided.map((why) => `its ${what} comes from ${showResource(producer)}, and ${why}`));
                edges.push(...viaGtm.edges.map((edge) => ({ ...edge, role: what })));
                continue;
            }
            if (isDnsRecordType(producer.type)) {
                // A value taken from another record (its name — Route 53 `fqdn`, Cloudflare `hostname` — or
                // its value) goes where that name goes: to every record of the name, when the name is known.
                const named = this.stackRecordsOf(producer);
                if (named.length === 0) undecided.push(`its ${what} comes from ${showResource(producer)}, a DNS record that serves no web traffic`);
                for (const next of named) {
                    const lookup = next.name !== undefined ? this.names.lookup(next.name) : undefined;
                    edges.push({ name: next.name ?? next.alone.label, records: lookup?.kind === "records" ? lookup.entries : [next], role: what });
                }
                continue;
            }
            const endpoint = this.endpointOf(producer);
            if (endpoint) targets.push({ endpoint: ipv6 ? this.ipv6Endpoint(producer, endpoint) : endpoint, via: `its ${what} comes from ${showResource(producer)}` });
        }
        if (targets.length > 0 || undecided.length > 0 || edges.length > 0) return { targets, undecided, edges };

        // 2-4. Each literal value.
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
            const place = this.pointsAt(value.value, what, ipv6);
            if (place.kind === "endpoint") targets.push(place.target);
            else if (place.kind === "records") edges.push({ name: place.name, records: place.records, role: what });
            else undecided.push(place.why);
        }
        return { targets, undecided, edges };
    }
}

type MutableReach = {
    targets: Reached<ResolvedTarget>[];
    undecided: Reached<string>[];
    origins: Reached<ResolvedTarget>[];
    originsUndecided: Reached<string>[];
    proxy: "cloudflare" | "esa" | undefined;
};
