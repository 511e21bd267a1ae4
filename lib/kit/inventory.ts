/**
 * The domain inventory: every registrable domain a set of stacks serves from the Chinese mainland
 * (or may, where the location is undecidable), with each binding, the filing it needs and its
 * registry status. It reads the same bindings, DNS graph and access rules as the policies
 * (lib/graph, lib/kit/settings.ts), so the inventory and the gate agree on what is served where.
 * Pure: views, registry and settings in; inventory out. Linear in the number of resources.
 */
import { AccessRequirement, bindingsOf, productLabel, Served } from "../graph/bindings";
import { analyseRecordAlone, RecordAnalysis, StackGraph } from "../graph/stack-graph";
import { Hostname, showHost } from "../model/domain";
import { ALIBABA, FilingEntry, FilingRegistry, Waiver } from "../model/registry";
import { RegionEnvironment } from "../model/region";
import { clipLongWords, ResourceView, scrubSecrets, secretValuesOf, showResource, StackView } from "../model/resource";
import { accessFor, SharedSettings } from "./settings";

/** One place a domain is bound or pointed at. */
export interface InventoryBinding {
    /** The input file (stack export or preview JSON) it was read from. */
    readonly file: string;
    readonly urn: string;
    /** `cdn.DomainNew "static"` */
    readonly resource: string;
    /** The host name as bound (ASCII), or undefined when it is secret. */
    readonly host?: string;
    /** `Alibaba Cloud CDN (cdn.DomainNew)`, or for a DNS record the endpoint it points at (and its resource). */
    readonly product: string;
    /** How, before the product: `binds it (domainName) to` or `DNS record www.x.com A points at`. */
    readonly via: string;
    /** Where it is served: mainland, or undecidable (may be the mainland). */
    readonly served: "mainland" | "undecidable";
    /** Region or scope, e.g. `region cn-hangzhou (华东1（杭州）) from provider 'p', a Chinese mainland region`. */
    readonly where: string;
    readonly regionId?: string;
    readonly needs: AccessRequirement;
    /** The active waiver that covers this binding, as `waivers[N]`. */
    readonly waivedBy?: string;
}

export type RegistryStatus = "filed" | "filed-elsewhere" | "unfiled" | "waived";

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
    readonly bindings: readonly InventoryBinding[];
}

export interface InventoryInput {
    readonly file: string;
    /** Resources with inputs (bindings, records decided alone). */
    readonly resources: readonly ResourceView[];
    /** Resources with outputs (the DNS graph). */
    readonly stack: StackView;
    readonly regions: RegionEnvironment;
}

/** The policies whose waivers stand for "this binding may go without a qualifying filing". */
const FILING_POLICIES = new Set(["icp-domain-unfiled", "icp-filing-not-accessed-at-alibaba"]);

function mainlandOrUndecidable(served: Served): "mainland" | "undecidable" | undefined {
    return served.where === "outside" ? undefined : served.where;
}

interface Sighting {
    readonly host: Hostname;
    readonly binding: Omit<InventoryBinding, "needs" | "waivedBy"> & { readonly type: string; readonly productAccess: AccessRequirement };
}

function recordSighting(file: string, record: RecordAnalysis): Sighting | undefined {
    if (record.domain.state !== "host") return undefined;
    const host = record.domain.host;
    const mainland = record.targets.filter((t) => t.endpoint.served.where === "mainland");
    const target = mainland.find((t) => t.endpoint.access === "alibaba") ?? mainland[0];
    const base = { file, urn: record.resource.urn, resource: showResource(record.resource), host: record.secret ? undefined : host.ascii, type: record.resource.type };
    if (target) {
        return {
            host,
            binding: {
                ...base,
                product: `${target.endpoint.product}${target.endpoint.resource ? ` ${showResource(target.endpoint.resource)}` : ""}`,
                via: `${record.secret ? "a DNS record with a secret name" : `DNS record ${record.label}`} points at`,
                served: "mainland",
                where: target.endpoint.served.because,
                regionId: target.endpoint.served.where === "mainland" ? target.endpoint.served.regionId : undefined,
                productAccess: target.endpoint.access,
            },
        };
    }
    const open = record.targets.filter((t) => t.endpoint.served.where === "undecidable");
    if (open.length === 0 && record.undecided.length === 0) return undefined;
    // An unplaced target might be an Alibaba-hosted server: only 接入阿里云 settles it (as decideRecord).
    const reasons = [...open.map((t) => `${t.endpoint.product}: ${t.endpoint.served.because}`), ...record.undecided];
    return {
        host,
        binding: {
            ...base,
            product: open[0]?.endpoint.product ?? "an endpoint icp-guard cannot place",
            via: `${record.secret ? "a DNS record with a secret name" : `DNS record ${record.label}`} points at`,
            served: "undecidable",
            where: reasons.join("; "),
            productAccess: record.undecided.length > 0 || open.some((t) => t.endpoint.access === "alibaba") ? "alibaba" : "any",
        },
    };
}

/** Every sighting of a known domain at a mainland (or undecidable) endpoint in one input. */
function sightingsOf(input: InventoryInput, shared: SharedSettings): Sighting[] {
    const sightings: Sighting[] = [];
    const seen = new Set<string>();
    const add = (found: Sighting | undefined, resource: ResourceView) => {
        if (!found) return;
        // As in the runner: whatever a text was built from, no secret value of the resource leaves.
        const secrets = secretValuesOf(resource);
        const scrub = (text: string) => clipLongWords(scrubSecrets(text, secrets));
        const sighting: Sighting = { host: found.host, binding: { ...found.binding, product: scrub(found.binding.product), via: scrub(found.binding.via), where: scrub(found.binding.where) } };
        const key = `${sighting.binding.urn}\u0000${sighting.host.ascii}\u0000${sighting.binding.via}\u0000${sighting.binding.product}`;
        if (seen.has(key)) return;
        seen.add(key);
        sightings.push(sighting);
    };
    for (const resource of input.resources) {
        for (const binding of bindingsOf(resource, input.regions)) {
            const served = mainlandOrUndecidable(binding.served);
            if (binding.domain.state !== "host" || !served) continue;
            add({
                host: binding.domain.host,
                binding: {
                    file: input.file,
                    urn: resource.urn,
                    resource: showResource(resource),
                    host: binding.secret ? undefined : binding.domain.host.ascii,
                    product: productLabel(binding),
                    via: `binds it (${binding.property}) to`,
                    served,
                    where: binding.served.because,
                    regionId: binding.served.where === "mainland" ? binding.served.regionId : undefined,
                    type: resource.type,
                    productAccess: binding.product.access,
                },
            }, resource);
        }
        const record = analyseRecordAlone(resource, shared.endpoints);
        if (record?.decidedAlone) add(recordSighting(input.file, record), resource);
    }
    for (const record of StackGraph.of(input.stack, input.regions, shared.endpoints).records()) {
        if (record.decidedAlone) continue;
        add(recordSighting(input.file, record), record.resource);
    }
    return sightings;
}

function qualifies(filing: FilingEntry | undefined, needs: AccessRequirement): boolean {
    return filing !== undefined && (needs === "any" || filing.accessProviders.includes(ALIBABA));
}

function activeWaiver(waivers: readonly Waiver[], urn: string, domain: string): Waiver | undefined {
    return waivers.find((waiver) => !waiver.expired && FILING_POLICIES.has(waiver.policy) && waiver.matchesResource(urn) && (waiver.domain === undefined || waiver.domain === domain));
}

/** The inventory of every input, by registrable domain (sorted), bindings in input order. */
export function buildInventory(inputs: readonly InventoryInput[], registry: FilingRegistry, shared: SharedSettings): InventoryDomain[] {
    // Secret domains are keyed per binding (after every named domain), so that no secret value
    // is shown and none is tied to a named domain in the output.
    const byDomain = new Map<string, { registrable: string; secret: boolean; bindings: InventoryBinding[] }>();
    let secrets = 0;
    for (const input of inputs) {
        for (const { host, binding } of sightingsOf(input, shared)) {
            const { type, productAccess, ...rest } = binding;
            const needs = accessFor(type, productAccess, shared);
            const filing = registry.lookup(host.registrable);
            const waiver = qualifies(filing, needs) ? undefined : activeWaiver(registry.waivers, binding.urn, host.registrable);
            const secret = binding.host === undefined;
            const key = secret ? `\uffff${String(++secrets).padStart(9, "0")}` : host.registrable;
            const entry = byDomain.get(key) ?? { registrable: host.registrable, secret, bindings: [] };
            entry.bindings.push({ ...rest, needs, ...(waiver ? { waivedBy: `waivers[${waiver.index}]` } : {}) });
            byDomain.set(key, entry);
        }
    }
    return [...byDomain.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, { registrable, secret, bindings }]) => {
            const needs: AccessRequirement = bindings.some((b) => b.needs === "alibaba") ? "alibaba" : "any";
            const filing = registry.lookup(registrable);
            const open = bindings.filter((b) => !qualifies(filing, b.needs));
            const status: RegistryStatus = open.length === 0 ? "filed" : open.every((b) => b.waivedBy) ? "waived" : filing ? "filed-elsewhere" : "unfiled";
            if (secret) return { domain: "", secret, display: "(a secret domain: value hidden)", needs, status, bindings };
            return { domain: registrable, secret, display: showHost(registrable), needs, status, ...(filing ? { filing } : {}), bindings };
        });
}
