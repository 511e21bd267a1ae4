/**
 * The domain inventory: every registrable domain a set of stacks serves from the Chinese mainland
 * (or may, where the location is undecidable), with each binding, the filing it needs and its
 * registry status. It walks the same passes as the policies (per-resource bindings and records, the
 * stack graph's load-balancer bindings, records and proxied origins) and takes each binding's status
 * from the same decisions (lib/kit/decide.ts, with lib/kit/settings.ts), so a domain the gate blocks
 * is listed unfiled or filed elsewhere, and one listed filed draws no filing finding.
 * Pure: views, registry and settings in; inventory out. Linear in the number of resources.
 */
import { AccessRequirement, Binding, BindingDomain, perResourceBindingsOf, productLabel, Served } from "../graph/bindings";
import { analyseRecordAlone, RecordAnalysis, ResolvedTarget, StackGraph } from "../graph/stack-graph";
import { Hostname, showHost } from "../model/domain";
import { FilingEntry, FilingRegistry, Waiver } from "../model/registry";
import { RegionEnvironment } from "../model/region";
import { tldTier, TldVerdict } from "../model/tld";
import { clipLongWords, ResourceView, scrubSecrets, secretValuesOf, showResource, StackView } from "../model/resource";
import { decideBinding, decideHost, decideRecord, filingFor, filingQualifies } from "./decide";
import { accessFor, SharedSettings } from "./settings";

/** One place a domain is bound or pointed at. */
export interface InventoryBinding {
    /** The input file (stack export or preview JSON) it was read from. */
    readonly file: string;
    readonly urn: string;
    /** How the input names the resource when that is not a URN (a Terraform address). */
    readonly address?: string;
    /** `cdn.DomainNew "static"` */
    readonly resource: string;
    /** The host name as bound (ASCII), or undefined when it is secret or not known until apply. */
    readonly host?: string;
    /** For a name not known until apply that lies under a known zone: the zone (ASCII), whose registrable domain decides. */
    readonly zone?: string;
    /** `Alibaba Cloud CDN (cdn.DomainNew)`, or for a DNS record the endpoint it points at (and its resource). */
    readonly product: string;
    /** How, before the product: `binds it (domainName) to` or `DNS record www.x.com A points at`. */
    readonly via: string;
    /** Where it is served: mainland, or undecidable (may be the mainland). */
    readonly served: "mainland" | "undecidable";
    /** Region or scope, e.g. `region cn-hangzhou (华东1（杭州）) from provider 'p', a Chinese mainland region`. */
    readonly where: string;
    readonly regionId?: string;
    /** For a host published through Kubernetes: the cluster it runs on (`ACK managed cluster cs.ManagedKubernetes "prod"`, `context "ack-prod-hz"`). */
    readonly cluster?: string;
    readonly needs: AccessRequirement;
    /** The active waiver that covers this binding, as `waivers[N]`. */
    readonly waivedBy?: string;
}

/**
 * `unfileable`: served from the mainland without a filing under a TLD that MIIT has not approved,
 * so no filing can ever exist (the registry refuses an entry for it): the fix is to serve it from
 * outside the mainland or move the site to another domain, not to file it.
 */
export type RegistryStatus = "filed" | "filed-elsewhere" | "unfiled" | "unfileable" | "waived";

export interface InventoryDomain {
    /** ASCII registrable domain; empty for a secret one (its value is never shown). */
    readonly domain: string;
    /** The domain is secret in the stack: decided on, never printed; one such entry per binding. */
    readonly secret: boolean;
    /** As people write it (Unicode for IDNs). */
    readonly display: string;
    /** The strictest filing any binding needs: alibaba (接入阿里云) or any. */
    readonly needs: AccessRequirement;
    readonly status: RegistryStatus;
    readonly filing?: FilingEntry;
    /** The TLD and its tier when it is not approved or not confirmed (never for a secret domain). */
    readonly tld?: TldVerdict;
    readonly bindings: readonly InventoryBinding[];
}

export interface InventoryInput {
    /** The input (or inputs, joined) the resources came from. */
    readonly file: string;
    /** The input each resource came from, when there are several (URN → file); `file` otherwise. */
    readonly fileOf?: ReadonlyMap<string, string>;
    /** Resources with inputs (bindings, records decided alone). */
    readonly resources: readonly ResourceView[];
    /** Resources with outputs (the DNS graph). */
    readonly stack: StackView;
    readonly regions: RegionEnvironment;
}

function mainlandOrUndecidable(served: Served): "mainland" | "undecidable" | undefined {
    return served.where === "outside" ? undefined : served.where;
}

/**
 * Which policies report a binding that lacks a qualifying filing, by the decision's kind: their
 * waivers stand for "this binding may go without a qualifying filing".
 */
const WAIVABLE_BY: Readonly<Record<Decision, ReadonlySet<string>>> = {
    pass: new Set(),
    unfiled: new Set(["icp-domain-unfiled"]),
    "not-accessed-at-alibaba": new Set(["icp-filing-not-accessed-at-alibaba"]),
    "origin-unfiled": new Set(["icp-proxy-mainland-origin"]),
    "origin-not-accessed-at-alibaba": new Set(["icp-proxy-mainland-origin"]),
    undecidable: new Set(["icp-binding-undecidable", "icp-domain-unfiled", "icp-filing-not-accessed-at-alibaba"]),
};

const TLD_POLICY: ReadonlySet<string> = new Set(["icp-tld-not-fileable"]);

/** The gate's decision for one sighting (lib/kit/decide.ts), with proxied origins apart (ICP013). */
type Decision = "pass" | "unfiled" | "not-accessed-at-alibaba" | "origin-unfiled" | "origin-not-accessed-at-alibaba" | "undecidable";

interface Sighting {
    /** The name the gate decides on: the host, or for a name known only by its zone, the zone. */
    readonly host: Hostname;
    readonly secret: boolean;
    readonly decision: Decision;
    readonly binding: Omit<InventoryBinding, "needs" | "waivedBy">;
    readonly needs: AccessRequirement;
}

/** The host the gate decides a domain on: the name, or the zone a name not known until apply lies under. */
function decidedHost(domain: BindingDomain): { host: Hostname; zoneOnly: boolean } | undefined {
    if (domain.state === "host") return { host: domain.host, zoneOnly: false };
    if (domain.state === "under") return { host: domain.zone, zoneOnly: true };
    return undefined;
}

const addressOf = (resource: ResourceView): { address?: string } => (resource.address !== undefined ? { address: resource.address } : {});

const endpointLabel = (target: ResolvedTarget) => `${target.endpoint.product}${target.endpoint.resource ? ` ${showResource(target.endpoint.resource)}` : ""}`;

/** `DNS record (a name not known until apply, under x.com) A points at`: the label says when only the zone is known. */
function recordVia(record: RecordAnalysis, verb: string): string {
    return `${record.secret ? "a DNS record with a secret name" : `DNS record ${record.label}`} ${verb}`;
}

/** A record's sighting from its targets, decided as icp-domain-unfiled / icp-filing-not-accessed-at-alibaba / icp-binding-undecidable do. */
function recordSighting(file: string, record: RecordAnalysis, registry: FilingRegistry): Sighting | undefined {
    const decided = decidedHost(record.domain);
    if (!decided) return undefined;
    const base = { file, urn: record.resource.urn, ...addressOf(record.resource), resource: showResource(record.resource), ...(record.secret || decided.zoneOnly ? {} : { host: decided.host.ascii }), ...(decided.zoneOnly && !record.secret ? { zone: decided.host.ascii } : {}) };
    const verdict = decideRecord(record, registry);
    const decision: Decision = verdict.kind;
    const mainland = record.targets.filter((t) => t.endpoint.served.where === "mainland");
    const target = mainland.find((t) => t.endpoint.access === "alibaba") ?? mainland[0];
    if (target) {
        return {
            host: decided.host,
            secret: record.secret,
            decision,
            needs: target.endpoint.access,
            binding: {
                ...base,
                product: endpointLabel(target),
                via: recordVia(record, "points at"),
                served: "mainland",
                where: target.endpoint.served.because,
                regionId: target.endpoint.served.where === "mainland" ? target.endpoint.served.regionId : undefined,
            },
        };
    }
    const open = record.targets.filter((t) => t.endpoint.served.where === "undecidable");
    if (open.length === 0 && record.undecided.length === 0) return undefined;
    // An unplaced target might be an Alibaba-hosted server: only 接入阿里云 settles it (as decideRecord).
    const reasons = [...open.map((t) => `${t.endpoint.product}: ${t.endpoint.served.because}`), ...record.undecided];
    return {
        host: decided.host,
        secret: record.secret,
        decision,
        needs: record.undecided.length > 0 || open.some((t) => t.endpoint.access === "alibaba") ? "alibaba" : "any",
        binding: {
            ...base,
            product: open[0]?.endpoint.product ?? "an endpoint icp-guard cannot place",
            via: recordVia(record, "points at"),
            served: "undecidable",
            where: reasons.join("; "),
        },
    };
}

/**
 * A proxied record's origin (icp-proxy-mainland-origin, and icp-binding-undecidable for an origin
 * it cannot place): the site is hosted where the origin is, whatever the proxy's edge does.
 * Not when the edge itself is already blocked (as that rule: one finding per fault); an edge that
 * passes (ESA in the mainland accepts any filing) leaves the origin's stricter need to decide.
 */
function originSighting(file: string, record: RecordAnalysis, registry: FilingRegistry): Sighting | undefined {
    if (!record.proxy) return undefined;
    const decided = decidedHost(record.domain);
    if (!decided) return undefined;
    const edge = decideRecord(record, registry).kind;
    if (edge === "unfiled" || edge === "not-accessed-at-alibaba") return undefined;
    const base = { file, urn: record.resource.urn, ...addressOf(record.resource), resource: showResource(record.resource), ...(record.secret || decided.zoneOnly ? {} : { host: decided.host.ascii }), ...(decided.zoneOnly && !record.secret ? { zone: decided.host.ascii } : {}) };
    const origin = record.origins.find((o) => o.endpoint.alibaba && o.endpoint.served.where === "mainland");
    if (origin) {
        const verdict = decideHost(decided.host, origin.endpoint.served, origin.endpoint.access, registry);
        return {
            host: decided.host,
            secret: record.secret,
            decision: verdict.kind === "unfiled" ? "origin-unfiled" : verdict.kind === "not-accessed-at-alibaba" ? "origin-not-accessed-at-alibaba" : verdict.kind === "undecidable" ? "undecidable" : "pass",
            needs: origin.endpoint.access,
            binding: {
                ...base,
                product: endpointLabel(origin),
                via: recordVia(record, "is proxied to its origin"),
                served: "mainland",
                where: origin.endpoint.served.because,
                regionId: origin.endpoint.served.where === "mainland" ? origin.endpoint.served.regionId : undefined,
            },
        };
    }
    if (record.originsUndecided.length === 0) return undefined;
    // An origin it cannot place might be an Alibaba mainland server: only 接入阿里云 settles it.
    const { filing } = filingFor(decided.host, registry);
    return {
        host: decided.host,
        secret: record.secret,
        decision: filingQualifies(filing, "alibaba") ? "pass" : "undecidable",
        needs: "alibaba",
        binding: {
            ...base,
            product: "an origin icp-guard cannot place",
            via: recordVia(record, "is proxied to"),
            served: "undecidable",
            where: record.originsUndecided.join("; "),
        },
    };
}

/** A binding's sighting, decided as the binding rules decide it (with alsoRequireAlibabaFor). */
function bindingSighting(file: string, binding: Binding, registry: FilingRegistry, shared: SharedSettings): Sighting | undefined {
    const decided = decidedHost(binding.domain);
    const served = mainlandOrUndecidable(binding.served);
    if (!decided || !served) return undefined;
    const needs = accessFor(binding.resource.type, binding.product.access, shared);
    const verdict = decideBinding(binding, registry, needs);
    return {
        host: decided.host,
        secret: binding.secret,
        decision: verdict.kind,
        needs,
        binding: {
            file,
            urn: binding.resource.urn,
            ...addressOf(binding.resource),
            resource: showResource(binding.resource),
            ...(binding.secret || decided.zoneOnly ? {} : { host: decided.host.ascii }),
            ...(decided.zoneOnly && !binding.secret ? { zone: decided.host.ascii } : {}),
            product: productLabel(binding),
            via: `binds it (${binding.property}) to`,
            served,
            where: binding.served.because,
            regionId: binding.served.where === "mainland" ? binding.served.regionId : undefined,
            ...(binding.cluster !== undefined ? { cluster: binding.cluster } : {}),
        },
    };
}

/**
 * Every sighting of a known domain at a mainland (or undecidable) endpoint in one input, from the
 * same passes as the rules: per resource (bindings on the resource, records decided alone) and the
 * stack pass (load-balancer bindings, records and proxied origins only the graph decides).
 */
function sightingsOf(input: InventoryInput, registry: FilingRegistry, shared: SharedSettings): Sighting[] {
    const sightings: Sighting[] = [];
    const seen = new Set<string>();
    const add = (found: Sighting | undefined, resource: ResourceView) => {
        if (!found) return;
        // As in the runner: whatever a text was built from, no secret value of the resource leaves.
        const secrets = secretValuesOf(resource);
        const scrub = (text: string) => clipLongWords(scrubSecrets(text, secrets));
        const sighting: Sighting = { ...found, binding: { ...found.binding, product: scrub(found.binding.product), via: scrub(found.binding.via), where: scrub(found.binding.where) } };
        const key = `${sighting.binding.urn}\u0000${sighting.host.ascii}\u0000${sighting.binding.via}\u0000${sighting.binding.product}`;
        if (seen.has(key)) return;
        seen.add(key);
        sightings.push(sighting);
    };
    const fileOf = (resource: ResourceView): string => input.fileOf?.get(resource.urn) ?? input.file;
    for (const resource of input.resources) {
        for (const binding of perResourceBindingsOf(resource, input.regions)) add(bindingSighting(fileOf(resource), binding, registry, shared), resource);
        const record = analyseRecordAlone(resource, shared.endpoints);
        if (record?.decidedAlone) add(recordSighting(fileOf(resource), record, registry), resource);
        if (record?.decidedAlone && record.originsDecidedAlone) add(originSighting(fileOf(resource), record, registry), resource);
    }
    const graph = StackGraph.of(input.stack, input.regions, shared);
    for (const binding of graph.stackBindings()) add(bindingSighting(fileOf(binding.resource), binding, registry, shared), binding.resource);
    for (const record of graph.records()) {
        if (!record.decidedAlone) add(recordSighting(fileOf(record.resource), record, registry), record.resource);
        if (!(record.decidedAlone && record.originsDecidedAlone)) add(originSighting(fileOf(record.resource), record, registry), record.resource);
    }
    return sightings;
}

function activeWaiver(waivers: readonly Waiver[], decision: Decision, host: Hostname, urn: string, allowsWaivers: (policyId: string) => boolean): Waiver | undefined {
    // Under a TLD that can never be filed, icp-tld-not-fileable reports the unfiled domain instead.
    const unfileable = (decision === "unfiled" || decision === "origin-unfiled") && tldTier(host).tier === "not-approved";
    const policies = new Set([...(unfileable ? TLD_POLICY : WAIVABLE_BY[decision])].filter(allowsWaivers));
    const domain = host.registrable;
    return waivers.find((waiver) => !waiver.expired && policies.has(waiver.policy) && waiver.matchesResource(urn) && (waiver.domain === undefined || waiver.domain === domain));
}

/**
 * The key a sighting is listed under: its registrable domain, or under .gov.cn / .政务 the
 * government sub-unit's own entry that covers it (the most specific entry, as the gate decides).
 */
function filingUnitOf(host: Hostname, registry: FilingRegistry): { unit: string; filing: FilingEntry | undefined } {
    const { filing } = filingFor(host, registry);
    return { unit: filing ? filing.domain : host.registrable, filing };
}

/**
 * The inventory of every input, by registrable domain (a government sub-unit's own entry apart),
 * sorted, bindings in input order. Each binding's status is the gate's decision on it.
 */
export function buildInventory(
    inputs: readonly InventoryInput[],
    registry: FilingRegistry,
    shared: SharedSettings,
    /** Whether a policy accepts waivers (its `allowWaivers` config); all do unless told. */
    allowsWaivers: (policyId: string) => boolean = () => true,
): InventoryDomain[] {
    // Secret domains are keyed per binding (after every named domain), so that no secret value
    // is shown and none is tied to a named domain in the output.
    const byDomain = new Map<string, { unit: string; host: Hostname; filing: FilingEntry | undefined; secret: boolean; bindings: InventoryBinding[]; open: boolean[] }>();
    let secrets = 0;
    for (const input of inputs) {
        for (const { host, secret, decision, needs, binding } of sightingsOf(input, registry, shared)) {
            const { unit, filing } = filingUnitOf(host, registry);
            const open = decision !== "pass";
            const waiver = open ? activeWaiver(registry.waivers, decision, host, binding.urn, allowsWaivers) : undefined;
            const key = secret ? `\uffff${String(++secrets).padStart(9, "0")}` : unit;
            const entry = byDomain.get(key) ?? { unit, host, filing, secret, bindings: [], open: [] };
            entry.bindings.push({ ...binding, needs, ...(waiver ? { waivedBy: `waivers[${waiver.index}]` } : {}) });
            entry.open.push(open);
            byDomain.set(key, entry);
        }
    }
    return [...byDomain.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, { unit, host, filing, secret, bindings, open }]) => {
            const needs: AccessRequirement = bindings.some((b) => b.needs === "alibaba") ? "alibaba" : "any";
            const unsettled = bindings.filter((_, i) => open[i]);
            // The TLD of a secret domain would tell part of its value: secret domains keep the plain status.
            const tld = secret ? undefined : tldTier(host);
            const status: RegistryStatus =
                unsettled.length === 0 ? "filed" : unsettled.every((b) => b.waivedBy) ? "waived" : filing ? "filed-elsewhere" : tld?.tier === "not-approved" ? "unfileable" : "unfiled";
            if (secret) return { domain: "", secret, display: "(a secret domain: value hidden)", needs, status, bindings };
            return { domain: unit, secret, display: showHost(unit), needs, status, ...(filing ? { filing } : {}), ...(tld && tld.tier !== "approved" ? { tld } : {}), bindings };
        });
}
