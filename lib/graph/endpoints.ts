/**
 * Endpoints a DNS record can point at, and where each is served from.
 *
 * Three ways to know a target: the resource that produces the record's value (from
 * propertyDependencies, or a literal equal to one of its outputs), an Alibaba Cloud hostname that
 * names its region (ICP-RULES.md §8), or the team's configured mainland CIDRs and hostname
 * suffixes for endpoints that live outside the stack.
 */
import { BlockList, isIP } from "net";
import { AccessRequirement, bindingProductFor, Served, servedWhere } from "./bindings";
import { parseHostname } from "../model/domain";
import type { EndpointCatalog } from "../model/endpoint-catalog";
import { classifyRegion, isMainlandClass, resolveRegion, RegionEnvironment, showRegion, zoneRegionOf } from "../model/region";
import { propertyName, typeName } from "../model/naming";
import { ResourceView } from "../model/resource";
import { classifyObject, classifyString, PropertyBag, Read, readNumber, readString } from "../model/values";

export interface Endpoint {
    /** Product name, e.g. `EIP (ecs.EipAddress)` (`EIP (alicloud_eip_address)` for a Terraform resource). */
    readonly product: string;
    /** The stack resource, when the endpoint is one. */
    readonly resource?: ResourceView;
    /** An Alibaba Cloud product (false: another cloud or a proxy such as Cloudflare's edge). */
    readonly alibaba: boolean;
    readonly access: AccessRequirement;
    readonly served: Served;
    /** A private, loopback, link-local, shared or documentation address: no public endpoint at all. */
    readonly notPublic?: boolean;
    /** For a resource with no public address of its own: where it would serve through one (an associated EIP). */
    readonly servedIfPublic?: Served;
}

// --------------------------------------------------------------------------------------------
// Endpoint resource types
// --------------------------------------------------------------------------------------------

interface EndpointType {
    /** Product name for messages, e.g. `EIP`; messages add the type as the resource's front end names it. */
    readonly product: string;
    /** Said before the type: `legacy`, `deprecated`. */
    readonly note?: string;
    readonly access: AccessRequirement;
    /** Public addresses and hostnames from the resource's outputs, for literal matching. */
    addresses(props: PropertyBag): string[];
    /** Where it serves from; default: the region chain of the resource's provider. */
    served?(resource: ResourceView, env: RegionEnvironment): Served;
    /** Why, as configured, it has only an intranet address (undefined: it has a public one). */
    intranet?(resource: ResourceView): string | undefined;
}

const str = (props: PropertyBag, key: string): string[] => {
    const read = readString(props, key);
    return read.state === "known" && read.value !== "" ? [read.value] : [];
};

/** Collects known strings at `path` (arrays and objects walked, e.g. zoneMappings[].address). */
function collect(props: PropertyBag, path: readonly string[]): string[] {
    let current: unknown[] = [props];
    for (const key of path) {
        const next: unknown[] = [];
        for (const item of current) {
            const bag = classifyObject(item);
            if (bag.state !== "known") continue;
            const value = bag.value[key];
            if (Array.isArray(value)) next.push(...value);
            else if (value !== undefined) next.push(value);
        }
        current = next;
    }
    return current.flatMap((item) => {
        const read = classifyString(item);
        return read.state === "known" && read.value !== "" ? [read.value] : [];
    });
}

/** Served from a region: its own region-like output if known, else the provider chain. */
function regional(ownRegion?: (props: PropertyBag) => Read<string>, origin = "regionId"): (resource: ResourceView, env: RegionEnvironment) => Served {
    return (resource, env) => {
        const own = ownRegion ? ownRegion(resource.props) : undefined;
        const usable = own && own.state === "known" ? { read: own, origin: propertyName(resource, origin) } : undefined;
        return servedWhere({ kind: "region", region: resolveRegion(usable, resource.provider, env, zoneRegionOf(resource)) });
    };
}

const privateAddress = (why: string): Served => ({ where: "outside", because: `${why}, which is not reachable from the Internet`, intranet: true });

/**
 * A load balancer serves from its region; with an intranet `addressType` it has no public address
 * of its own (the endpoint's `intranet` reason), though an EIP associated with it gives it one.
 * ALB/NLB have a `regionId` output; CLB (slb.*) has none, so only the provider chain places it.
 */
function loadBalancer(addressTypeInternet: string, regionOutput = true): Pick<EndpointType, "served" | "intranet"> {
    return {
        served: regionOutput ? regional((props) => readString(props, "regionId")) : regional(),
        intranet: (resource) => {
            const addressType = readString(resource.props, "addressType");
            // An intranet IPv4 address with a public IPv6 address (ALB/NLB ipv6AddressType Internet) still serves the Internet.
            if (addressType.state === "known" && addressType.value.toLowerCase() !== addressTypeInternet.toLowerCase() && !hasPublicIpv6(resource.props)) {
                return `${propertyName(resource, "addressType")} "${addressType.value}" gives an intranet address`;
            }
            return undefined;
        },
    };
}

const ENDPOINT_TYPES: Readonly<Record<string, EndpointType>> = {
    "alicloud:ecs/eipAddress:EipAddress": { product: "EIP", access: "alibaba", addresses: (p) => str(p, "ipAddress") },
    "alicloud:ecs/eip:Eip": { product: "EIP", note: "legacy", access: "alibaba", addresses: (p) => str(p, "ipAddress") },
    "alicloud:ecs/instance:Instance": { product: "ECS instance", access: "alibaba", addresses: (p) => [...str(p, "publicIp"), ...collect(p, ["ipv6Addresses"])] },
    // Elastic network interfaces carry IPv6 addresses of the instance they attach to.
    "alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface": { product: "ENI", access: "alibaba", addresses: (p) => collect(p, ["ipv6Addresses"]) },
    "alicloud:vpc/networkInterface:NetworkInterface": { product: "ENI", note: "legacy", access: "alibaba", addresses: (p) => collect(p, ["ipv6Addresses"]) },
    // Bulk ECS: no public-IP output, so only records whose value comes from it are placed.
    "alicloud:ecs/ecsInstanceSet:EcsInstanceSet": { product: "ECS instances", access: "alibaba", addresses: () => [] },
    "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer": {
        product: "CLB",
        access: "alibaba",
        addresses: (p) => str(p, "address"),
        ...loadBalancer("internet", false),
    },
    "alicloud:slb/loadBalancer:LoadBalancer": { product: "CLB", note: "legacy", access: "alibaba", addresses: (p) => str(p, "address"), ...loadBalancer("internet", false) },
    "alicloud:alb/loadBalancer:LoadBalancer": {
        product: "ALB",
        access: "alibaba",
        addresses: (p) => [
            ...str(p, "dnsName"),
            ...collect(p, ["zoneMappings", "loadBalancerAddresses", "address"]),
            ...collect(p, ["zoneMappings", "address"]),
            ...publicIpv6(p),
        ],
        ...loadBalancer("Internet"),
    },
    "alicloud:nlb/loadBalancer:LoadBalancer": {
        product: "NLB",
        access: "alibaba",
        addresses: (p) => [...str(p, "dnsName"), ...collect(p, ["zoneMappings", "publicIpv4Address"]), ...publicIpv6(p)],
        ...loadBalancer("Internet"),
    },
    "alicloud:oss/bucket:Bucket": {
        product: "OSS bucket",
        access: "any",
        addresses: (p) => {
            const bucket = str(p, "bucket");
            const endpoint = str(p, "extranetEndpoint");
            return bucket.length && endpoint.length ? [`${bucket[0]}.${endpoint[0]}`] : [];
        },
        // `location` reads like `oss-cn-hangzhou`.
        served: regional((p) => {
            const location = readString(p, "location");
            return location.state === "known" ? { state: "known", value: location.value.replace(/^oss-/, "") } : location;
        }, "location"),
    },
    "alicloud:fc/customDomain:CustomDomain": { product: "Function Compute", access: "alibaba", addresses: () => [] },
    "alicloud:fc/v3CustomDomain:V3CustomDomain": { product: "Function Compute", access: "alibaba", addresses: () => [] },
    "alicloud:fc/v3Function:V3Function": { product: "Function Compute", access: "alibaba", addresses: () => [] },
    "alicloud:fc/v3Trigger:V3Trigger": { product: "Function Compute trigger", access: "alibaba", addresses: (p) => collect(p, ["httpTrigger", "urlInternet"]).map(hostOfUrl) },
    "alicloud:wafv3/domain:Domain": { product: "WAF 3.0", access: "any", addresses: (p) => str(p, "cname") },
    "alicloud:waf/domain:Domain": { product: "WAF", access: "any", addresses: (p) => str(p, "cname") },
    "alicloud:ddos/domainResource:DomainResource": { product: "Anti-DDoS", access: "any", addresses: (p) => str(p, "cname") },
    "alicloud:ddos/ddosCooInstance:DdosCooInstance": { product: "Anti-DDoS instance", access: "any", addresses: (p) => str(p, "ip") },
    // The deprecated token of the same product, still accepted by the SDK.
    "alicloud:dns/ddosCooInstance:DdosCooInstance": { product: "Anti-DDoS instance", note: "deprecated", access: "any", addresses: (p) => str(p, "ip") },
    "alicloud:ddos/schedulerRule:SchedulerRule": { product: "Anti-DDoS scheduler rule", access: "any", addresses: (p) => str(p, "cname") },
    "alicloud:mse/gateway:Gateway": { product: "MSE cloud-native gateway", access: "alibaba", addresses: (p) => collect(p, ["slbLists", "slbIp"]) },
    // Public only with a vpc.Ipv6InternetBandwidth; the stack graph checks for one (links.ts).
    "alicloud:vpc/ipv6Address:Ipv6Address": { product: "IPv6 address", access: "alibaba", addresses: (p) => str(p, "ipv6Address") },
    "alicloud:simpleapplicationserver/instance:Instance": { product: "Simple Application Server", access: "alibaba", addresses: () => [] },
    "alicloud:ens/instance:Instance": { product: "ENS instance", access: "alibaba", addresses: () => [], served: ensServed },
    "alicloud:ens/eip:Eip": { product: "ENS EIP", access: "alibaba", addresses: () => [], served: ensServed },
    "alicloud:apigateway/group:Group": { product: "API Gateway", access: "alibaba", addresses: (p) => str(p, "subDomain") },
    "alicloud:apig/gateway:Gateway": {
        product: "Cloud-native API Gateway",
        access: "alibaba",
        addresses: (p) => [...collect(p, ["loadBalancers", "address"]), ...collect(p, ["loadBalancers", "ipv4Addresses"])],
    },
    "alicloud:sae/loadBalancerInternet:LoadBalancerInternet": { product: "SAE Internet load balancer", access: "alibaba", addresses: (p) => str(p, "internetIp") },
    "alicloud:eci/containerGroup:ContainerGroup": { product: "ECI container group", access: "alibaba", addresses: (p) => str(p, "internetIp") },
    "alicloud:vpc/forwardEntry:ForwardEntry": { product: "NAT gateway port mapping", access: "alibaba", addresses: (p) => str(p, "externalIp") },
    "alicloud:ga/ipSet:IpSet": {
        product: "Global Accelerator",
        access: "any",
        addresses: (p) => collect(p, ["ipAddressLists"]),
        served: accelerationArea,
    },
    // Placed by its ga.BasicIpSet (ipSetId) in the stack graph; alone its area is not known.
    "alicloud:ga/basicAccelerateIp:BasicAccelerateIp": {
        product: "Global Accelerator",
        access: "any",
        addresses: (p) => str(p, "accelerateIpAddress"),
        served: (resource) => ({
            where: "undecidable",
            because: `the acceleration region is on its ${typeName(resource, "alicloud:ga/basicIpSet:BasicIpSet")} (${propertyName(resource, "ipSetId")}), which is not in this stack`,
        }),
    },
    "alicloud:ga/basicIpSet:BasicIpSet": {
        product: "Global Accelerator",
        access: "any",
        addresses: () => [],
        served: accelerationArea,
    },
    "alicloud:eipanycast/anycastEipAddress:AnycastEipAddress": {
        product: "Anycast EIP",
        access: "alibaba",
        addresses: () => [],
        served: (resource) => {
            const location = readString(resource.props, "serviceLocation");
            const shown = propertyName(resource, "serviceLocation");
            if (location.state !== "known") return { where: "undecidable", because: `${shown} is not known until apply` };
            return location.value === "international"
                ? { where: "outside", because: `${shown} "international", outside the Chinese mainland` }
                : { where: "mainland", because: `${shown} "${location.value}"` };
        },
    },
};

/**
 * A GA IP set serves from its acceleration region. GA's API is global and the provider region says
 * nothing about the area, so an unknown `accelerateRegionId` is undecidable, not the provider's.
 */
function accelerationArea(resource: ResourceView): Served {
    const area = readString(resource.props, "accelerateRegionId");
    const shown = propertyName(resource, "accelerateRegionId");
    if (area.state !== "known" || area.value === "") {
        return { where: "undecidable", because: area.state === "unknown" ? `${shown} is not known until apply` : `${shown} is not set` };
    }
    return servedWhere({ kind: "region", region: resolveRegion({ read: area, origin: shown }, undefined, {}) });
}

function hasPublicIpv6(props: PropertyBag): boolean {
    const type = readString(props, "ipv6AddressType");
    return type.state === "known" && type.value.toLowerCase() === "internet";
}

/** IPv6 addresses of ALB/NLB zones, public only when the load balancer's IPv6 address type is Internet. */
function publicIpv6(props: PropertyBag): string[] {
    return hasPublicIpv6(props) ? collect(props, ["zoneMappings", "ipv6Address"]) : [];
}

/** `https://name-xyz.cn-hangzhou.fcapp.run/path` → `name-xyz.cn-hangzhou.fcapp.run`. */
function hostOfUrl(url: string): string {
    const match = /^[a-z]+:\/\/([^/:?#]+)/i.exec(url);
    return match ? match[1] : url;
}

/**
 * ENS node IDs look like `cn-wuxi-telecom_unicom_cmcc-2`; the country prefix tells mainland. An
 * instance scheduled by area (`scheduleAreaLevel` Big/Middle/Small) ignores `ensRegionId`, and
 * the area is not an input, so it is undecidable.
 */
function ensServed(resource: ResourceView): Served {
    const level = readString(resource.props, "scheduleAreaLevel");
    const [levelName, nodeName] = [propertyName(resource, "scheduleAreaLevel"), propertyName(resource, "ensRegionId")];
    if (level.state === "unknown") return { where: "undecidable", because: `${levelName} is not known until apply` };
    if (level.state === "known" && level.value.toLowerCase() !== "region") {
        return { where: "undecidable", because: `${levelName} "${level.value}" schedules the instance by area and ignores ${nodeName}, so where it runs is not known` };
    }
    const node = readString(resource.props, "ensRegionId");
    if (node.state !== "known") return { where: "undecidable", because: `${nodeName} is not known until apply` };
    const value = node.value;
    if (value.startsWith("cn-hongkong") || value.startsWith("cn-taiwan") || value.startsWith("cn-macau")) {
        return { where: "outside", because: `ENS node ${value}, outside the Chinese mainland` };
    }
    if (value.startsWith("cn-")) return { where: "mainland", because: `ENS node ${value} in the Chinese mainland` };
    return { where: "outside", because: `ENS node ${value}, outside the Chinese mainland` };
}

export const ENDPOINT_RESOURCE_TYPES: readonly string[] = Object.keys(ENDPOINT_TYPES);

/** Pulumi packages of hosting clouds outside Alibaba Cloud; their resources are not Alibaba endpoints. */
const OTHER_HOSTING_PROVIDERS: ReadonlySet<string> = new Set([
    "aws",
    "aws-native",
    "azure",
    "azure-native",
    "gcp",
    "google-native",
    "digitalocean",
    "cloudflare",
    "fastly",
    "vercel",
    "netlify",
    "linode",
    "hcloud",
    "vultr",
    "oci",
    "ovh",
    "scaleway",
    "akamai",
]);

/** The endpoint a stack resource is, if it is one (CDN-family bindings included). */
/**
 * Endpoint resources that, as configured, have no public address: a DNS record whose value comes
 * from one can only carry a private address (e.g. `instance.privateIp`), so it points at no public
 * endpoint. Decided only from known values; an unknown keeps the resource a public endpoint.
 */
const NO_PUBLIC_ADDRESS: Readonly<Record<string, (props: PropertyBag) => ((resource: ResourceView) => string) | undefined>> = {
    // A VPC instance gets a public IP only with public bandwidth (default 0); an associated EIP is
    // its own endpoint resource, so a record taking its value from the instance takes its private IP.
    "alicloud:ecs/instance:Instance": (props) => {
        const bandwidth = readNumber(props, "internetMaxBandwidthOut");
        const publicIp = readString(props, "publicIp");
        if (publicIp.state === "known" && publicIp.value !== "") return undefined;
        // Left out, internetMaxBandwidthOut defaults to 0, but an address still to be assigned
        // (publicIp unknown) keeps the instance a public endpoint unless the bandwidth says 0.
        if (publicIp.state === "unknown" && bandwidth.state !== "known") return undefined;
        if (bandwidth.state === "absent" || (bandwidth.state === "known" && bandwidth.value === 0)) {
            return (resource) =>
                `the ECS instance has no public bandwidth (${propertyName(resource, "internetMaxBandwidthOut")} 0) and so no public IP: a record taking its value from it carries its private address`;
        }
        return undefined;
    },
};

export function endpointOf(resource: ResourceView, env: RegionEnvironment): Endpoint | undefined {
    const known = ENDPOINT_TYPES[resource.type];
    const noPublicAddress = NO_PUBLIC_ADDRESS[resource.type]?.(resource.props);
    if (known) {
        const served = known.served ? known.served(resource, env) : regional()(resource, env);
        const product = `${known.product} (${known.note ? `${known.note} ` : ""}${typeName(resource)})`;
        // An intranet load balancer: where it would serve through an associated EIP (the stack pass
        // looks for one; ALB/NLB get public addresses only by turning Internet-facing).
        const intranet = known.intranet?.(resource);
        if (intranet) return { product, resource, alibaba: true, access: known.access, served: privateAddress(intranet), servedIfPublic: served };
        if (noPublicAddress) return { product, resource, alibaba: true, access: known.access, served: privateAddress(noPublicAddress(resource)), notPublic: true, servedIfPublic: served };
        return { product, resource, alibaba: true, access: known.access, served };
    }
    const binding = bindingProductFor(resource.type);
    if (binding && binding.family === "cdn") {
        return { product: `${binding.product} (${typeName(resource)})`, resource, alibaba: true, access: "any", served: servedWhere(binding.location(resource, env)) };
    }
    const provider = resource.type.split(":")[0];
    if (OTHER_HOSTING_PROVIDERS.has(provider)) {
        // AWS China (cn-north-1, cn-northwest-1) is in the mainland, just not at Alibaba Cloud:
        // icp-guard does not judge it, so it stays undecidable rather than "outside".
        const region = resource.provider?.type === "pulumi:providers:aws" ? readString(resource.provider.props, "region") : { state: "absent" as const };
        if (provider === "aws" && region.state === "known" && region.value.startsWith("cn-")) return undefined;
        return { product: `${provider} resource (${typeName(resource)})`, resource, alibaba: false, access: "any", served: { where: "outside", because: `a ${provider} resource, not an Alibaba Cloud endpoint` } };
    }
    // Anything else (random strings, commands, Kubernetes services that may run on a mainland
    // ACK cluster, stack references…) is not an endpoint icp-guard can place.
    return undefined;
}

/** Known public addresses and hostnames of an endpoint resource (outputs), for literal matching. */
export function addressesOf(resource: ResourceView): string[] {
    const known = ENDPOINT_TYPES[resource.type];
    if (known) return known.addresses(resource.props);
    const binding = bindingProductFor(resource.type);
    if (binding && binding.family === "cdn") {
        // Only cdn.DomainNew, dcdn.Domain and vod.Domain have a `cname` output. Every CDN-family
        // binding is also found by its domain: a record naming the domain itself, or the
        // product's CNAME `<domain>.w.kunlunsl.com` (cdnDomainOfCname strips the suffix).
        const cname = CDN_CNAME_OUTPUT.has(resource.type) ? str(resource.props, "cname") : [];
        // An ESA site is a whole zone, not one accelerated hostname: a CNAME to its apex goes
        // wherever the apex's own record says, so it is not matched here.
        if (resource.type === "alicloud:esa/site:Site") return cname;
        const domains = binding.domains(resource.props).flatMap((d) => (d.read.state === "known" && d.read.value !== "" ? [d.read.value] : []));
        return [...cname, ...domains];
    }
    return [];
}

/** CDN-family types with a `cname` output in @pulumi/alicloud 3.108.0. */
const CDN_CNAME_OUTPUT: ReadonlySet<string> = new Set(["alicloud:cdn/domainNew:DomainNew", "alicloud:dcdn/domain:Domain", "alicloud:vod/domain:Domain"]);

/**
 * CNAMEs Alibaba Cloud CDN-family products hand out are the accelerated domain followed by a
 * product suffix (CDN/DCDN/VOD `.w.kunlunsl.com` and siblings, SCDN `.w.kunlunaq.com`, Live
 * `.alivecdn.com`); returns the domain, or undefined for other values.
 */
export function cdnDomainOfCname(value: string): string | undefined {
    const match = /^(.+?)\.(?:w\.kunlun[a-z]*\.com|w\.alikunlun\.(?:com|net)|w\.cdngslb\.com|alivecdn\.com|livecdn\.com)$/.exec(value.toLowerCase().replace(/\.$/, ""));
    return match ? match[1] : undefined;
}

// --------------------------------------------------------------------------------------------
// Alibaba Cloud hostnames that name their region (ICP-RULES.md §8)
// --------------------------------------------------------------------------------------------

interface HostnamePattern {
    readonly pattern: RegExp;
    readonly product: string;
    readonly access: AccessRequirement;
    /** Served from the region captured as group 1, or a fixed answer. */
    readonly served: (match: RegExpExecArray) => Served;
}

function fromRegionInName(regionId: string, product: string): Served {
    const cls = classifyRegion(regionId);
    if (cls === "not-a-region") return { where: "undecidable", because: `the ${product} hostname names "${regionId}", which is not a region ID` };
    return isMainlandClass(cls)
        ? { where: "mainland", because: `the ${product} hostname names region ${showRegion(regionId)}, a Chinese mainland region`, regionId, regionClass: cls }
        : { where: "outside", because: `the ${product} hostname names region ${showRegion(regionId)}, outside the Chinese mainland`, regionId, regionClass: cls };
}

const undecidableScope = (product: string): Served => ({
    where: "undecidable",
    because: `the target is an ${product} hostname, which does not say whether its scope covers the Chinese mainland`,
});

const HOSTNAME_PATTERNS: readonly HostnamePattern[] = [
    {
        pattern: /(?:^|\.)oss-accelerate-overseas\.aliyuncs\.com$/,
        product: "OSS (accelerate-overseas endpoint)",
        access: "any",
        served: () => ({ where: "outside", because: "the OSS accelerate-overseas endpoint serves outside the Chinese mainland" }),
    },
    { pattern: /(?:^|\.)oss-accelerate\.aliyuncs\.com$/, product: "OSS (global accelerate endpoint)", access: "any", served: () => undecidableScope("OSS global acceleration") },
    { pattern: /(?:^|\.)oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$/, product: "OSS", access: "any", served: (m) => fromRegionInName(m[1], "OSS") },
    { pattern: /^[^.]+\.([a-z0-9-]+)\.oss\.aliyuncs\.com$/, product: "OSS", access: "any", served: (m) => fromRegionInName(m[1], "OSS") },
    {
        pattern: /\.(?:internal\.)?([a-z0-9-]+)\.(?:alb|nlb)\.aliyuncsslbintl\.com$/,
        product: "ALB/NLB",
        access: "alibaba",
        served: (m) => ({ where: "outside", because: `the load balancer hostname ends in aliyuncsslbintl.com (region ${m[1]}), outside the Chinese mainland` }),
    },
    { pattern: /\.(?:internal\.)?([a-z0-9-]+)\.(?:alb|nlb)\.aliyuncs(?:slb)?\.com$/, product: "ALB/NLB", access: "alibaba", served: (m) => fromRegionInName(m[1], "ALB/NLB") },
    { pattern: /\.([a-z0-9-]+?)(?:-vpc)?\.fcapp\.run$/, product: "Function Compute", access: "alibaba", served: (m) => fromRegionInName(m[1], "Function Compute") },
    { pattern: /\.([a-z0-9-]+)\.fc\.aliyuncs\.com$/, product: "Function Compute", access: "alibaba", served: (m) => fromRegionInName(m[1], "Function Compute") },
    { pattern: /-((?:cn|ap|us|eu|me|na)-[a-z0-9-]+)\.alicloudapi\.com$/, product: "API Gateway", access: "alibaba", served: (m) => fromRegionInName(m[1], "API Gateway") },
    {
        pattern: /(?:\.w\.kunlun[a-z]+\.com|\.alikunlun\.(?:com|net)|\.cdngslb\.com|\.queniu[a-z0-9]*\.com|\.tbcache\.com|\.alicdn\.com)$/,
        product: "Alibaba Cloud CDN/DCDN",
        access: "any",
        served: () => undecidableScope("Alibaba Cloud CDN"),
    },
    { pattern: /\.yundunwaf\d*\.com$/, product: "WAF", access: "any", served: () => ({ where: "undecidable", because: "the target is a WAF CNAME, which does not name its region" }) },
    { pattern: /\.aliyunddos\d+\.com$/, product: "Anti-DDoS", access: "any", served: () => ({ where: "undecidable", because: "the target is an Anti-DDoS CNAME, which does not say whether it is Pro (mainland) or Premium" }) },
];

/** An Alibaba Cloud endpoint recognised from a literal hostname, or undefined. */
export function endpointFromHostname(hostname: string): Endpoint | undefined {
    const host = hostname.toLowerCase().replace(/\.$/, "");
    for (const candidate of HOSTNAME_PATTERNS) {
        const match = candidate.pattern.exec(host);
        if (match) return { product: `${candidate.product} (hostname ${host})`, alibaba: true, access: candidate.access, served: candidate.served(match) };
    }
    return undefined;
}

// --------------------------------------------------------------------------------------------
// Configured mainland endpoints outside the stack
// --------------------------------------------------------------------------------------------

export interface MainlandEndpointSettings {
    readonly cidrs: BlockList;
    readonly cidrTexts: readonly string[];
    readonly hostnameSuffixes: readonly string[];
    /** Endpoints of other stacks and root modules (`icp-endpoint-catalog`), decided in the stack pass. */
    readonly catalog?: EndpointCatalog;
}

export const NO_MAINLAND_ENDPOINTS: MainlandEndpointSettings = { cidrs: new BlockList(), cidrTexts: [], hostnameSuffixes: [] };

/** Parses configured CIDRs and suffixes; returns problems for the ones that are not valid. */
export function parseMainlandEndpoints(cidrs: readonly string[], suffixes: readonly string[]): { settings: MainlandEndpointSettings; problems: string[] } {
    const list = new BlockList();
    const problems: string[] = [];
    for (const cidr of cidrs) {
        const [address, prefixText] = cidr.split("/");
        const family = isIP(address);
        const prefix = prefixText === undefined ? (family === 6 ? 128 : 32) : Number(prefixText);
        if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
            problems.push(`mainlandCidrs: "${cidr.slice(0, 60)}" is not an IPv4 or IPv6 CIDR such as 47.96.0.0/16`);
            continue;
        }
        list.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
    }
    const hostnameSuffixes: string[] = [];
    for (const suffix of suffixes) {
        const parsed = parseHostname(suffix.replace(/^\./, ""));
        if (!parsed.ok && parsed.problem !== "public-suffix") {
            problems.push(`mainlandHostnameSuffixes: "${suffix.slice(0, 60)}" is not a hostname suffix such as internal.example.com`);
            continue;
        }
        hostnameSuffixes.push(parsed.ok ? parsed.host.ascii : suffix.replace(/^\./, "").toLowerCase());
    }
    return { settings: { cidrs: list, cidrTexts: [...cidrs], hostnameSuffixes }, problems };
}

export function endpointFromConfiguration(value: string, settings: MainlandEndpointSettings): Endpoint | undefined {
    const family = isIP(value);
    if (family !== 0) {
        if (settings.cidrTexts.length > 0 && settings.cidrs.check(value, family === 6 ? "ipv6" : "ipv4")) {
            return {
                product: `a mainland server outside this stack (${value} is in the configured mainlandCidrs)`,
                alibaba: true,
                access: "alibaba",
                served: { where: "mainland", because: `${value} is in the configured mainlandCidrs` },
            };
        }
        return undefined;
    }
    const host = value.toLowerCase().replace(/\.$/, "");
    const suffix = settings.hostnameSuffixes.find((s) => host === s || host.endsWith(`.${s}`));
    if (!suffix) return undefined;
    return {
        product: `a mainland endpoint outside this stack (${host} matches the configured suffix ${suffix})`,
        alibaba: true,
        access: "alibaba",
        served: { where: "mainland", because: `${host} matches the configured mainlandHostnameSuffixes entry ${suffix}` },
    };
}

/**
 * Hosting services of other clouds. A record pointing at one is decided — not an Alibaba Cloud
 * endpoint — instead of being reported as undecidable. (AWS China's `.amazonaws.com.cn` is left
 * out on purpose: it is in the mainland, just not at Alibaba Cloud.)
 */
const OTHER_CLOUD_SUFFIXES: readonly [string, string][] = [
    ["cloudfront.net", "Amazon CloudFront"],
    ["amazonaws.com", "AWS"],
    ["github.io", "GitHub Pages"],
    ["vercel.app", "Vercel"],
    ["vercel-dns.com", "Vercel"],
    ["netlify.app", "Netlify"],
    ["azurewebsites.net", "Azure App Service"],
    ["azureedge.net", "Azure CDN"],
    ["azurefd.net", "Azure Front Door"],
    ["cloudflare.net", "Cloudflare"],
    ["pages.dev", "Cloudflare Pages"],
    ["fastly.net", "Fastly"],
    ["herokuapp.com", "Heroku"],
    ["googlehosted.com", "Google"],
    ["appspot.com", "Google App Engine"],
    ["run.app", "Google Cloud Run"],
    ["akamaiedge.net", "Akamai"],
    ["edgekey.net", "Akamai"],
];

export function endpointFromOtherCloud(hostname: string): Endpoint | undefined {
    const host = hostname.toLowerCase().replace(/\.$/, "");
    const match = OTHER_CLOUD_SUFFIXES.find(([suffix]) => host === suffix || host.endsWith(`.${suffix}`));
    if (!match) return undefined;
    return {
        product: `${match[1]} (hostname ${host})`,
        alibaba: false,
        access: "any",
        served: { where: "outside", because: `${host} is ${match[1]}, not an Alibaba Cloud endpoint` },
    };
}

/**
 * Address blocks that are never a public web endpoint (RFC 6890 special-purpose registries): a
 * record pointing into one reaches no server on the Internet, so it needs no filing wherever the
 * address lives. Documentation ranges are included: they are placeholders, not servers.
 */
export const NOT_PUBLIC_BLOCKS: readonly [string, number, "ipv4" | "ipv6", string][] = [
    ["0.0.0.0", 8, "ipv4", "a \"this network\" address (0.0.0.0/8)"],
    ["10.0.0.0", 8, "ipv4", "a private address (RFC 1918)"],
    ["100.64.0.0", 10, "ipv4", "a carrier-grade NAT shared address (RFC 6598)"],
    ["127.0.0.0", 8, "ipv4", "a loopback address"],
    ["169.254.0.0", 16, "ipv4", "a link-local address"],
    ["172.16.0.0", 12, "ipv4", "a private address (RFC 1918)"],
    ["192.0.0.0", 24, "ipv4", "an IETF protocol assignment (192.0.0.0/24)"],
    ["192.0.2.0", 24, "ipv4", "a documentation address (RFC 5737)"],
    ["192.168.0.0", 16, "ipv4", "a private address (RFC 1918)"],
    ["198.18.0.0", 15, "ipv4", "a benchmarking address (RFC 2544)"],
    ["198.51.100.0", 24, "ipv4", "a documentation address (RFC 5737)"],
    ["203.0.113.0", 24, "ipv4", "a documentation address (RFC 5737)"],
    ["224.0.0.0", 4, "ipv4", "a multicast address"],
    ["240.0.0.0", 4, "ipv4", "a reserved address (240.0.0.0/4)"],
    ["::", 128, "ipv6", "the unspecified address"],
    ["::1", 128, "ipv6", "a loopback address"],
    ["fc00::", 7, "ipv6", "a unique local address (fc00::/7)"],
    ["fe80::", 10, "ipv6", "a link-local address"],
    ["2001:db8::", 32, "ipv6", "a documentation address (RFC 3849)"],
    ["ff00::", 8, "ipv6", "a multicast address"],
];
const NOT_PUBLIC = NOT_PUBLIC_BLOCKS.map(([address, prefix, family, why]) => {
    const list = new BlockList();
    list.addSubnet(address, prefix, family);
    return { list, family, why };
});
// Every block of a family in one list: one check (one SocketAddress) per value in the common case,
// a public address; the block that matched is looked up only for the rare address that is not.
const NOT_PUBLIC_ANY = { ipv4: new BlockList(), ipv6: new BlockList() };
for (const [address, prefix, family] of NOT_PUBLIC_BLOCKS) NOT_PUBLIC_ANY[family].addSubnet(address, prefix, family);

/** The endpoint of an address that is not public (private, loopback, …), or undefined. */
export function endpointFromNonPublicAddress(value: string): Endpoint | undefined {
    const family = isIP(value);
    if (family === 0) return undefined;
    let address = value;
    let type: "ipv4" | "ipv6" = family === 6 ? "ipv6" : "ipv4";
    // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is its IPv4 address.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
    if (mapped) [address, type] = [mapped[1], "ipv4"];
    if (!NOT_PUBLIC_ANY[type].check(address, type)) return undefined;
    const block = NOT_PUBLIC.find((candidate) => candidate.family === type && candidate.list.check(address, type));
    if (!block) return undefined;
    return {
        product: `${block.why} (${value})`,
        alibaba: false,
        access: "any",
        served: { where: "outside", because: `${value} is ${block.why}, which no visitor on the Internet can reach, so no website is served through it` },
        notPublic: true,
    };
}

/**
 * Recognises a target from the value alone: an Alibaba Cloud hostname that names its region, the
 * configured mainland CIDRs and hostname suffixes, an address that is not public, then well-known
 * hosting of other clouds.
 */
export function endpointFromLiteral(value: string, settings: MainlandEndpointSettings): Endpoint | undefined {
    const isAddress = isIP(value) !== 0;
    // The team's configured mainland CIDRs win: they may list a range icp-guard would call non-public.
    if (isAddress) return endpointFromConfiguration(value, settings) ?? endpointFromNonPublicAddress(value);
    return endpointFromHostname(value) ?? endpointFromConfiguration(value, settings) ?? endpointFromOtherCloud(value);
}

