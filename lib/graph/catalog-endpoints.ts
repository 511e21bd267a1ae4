/**
 * What a catalogued value is when a record points at it: the endpoint as its own stack or root
 * module decided it (lib/graph/catalog.ts), named with the stack or file it came from.
 */
import { CatalogEntry, catalogKey, EndpointCatalog, showCatalogSource } from "../model/endpoint-catalog";
import { classifyRegion } from "../model/region";
import { cdnDomainOfCname, Endpoint, MainlandEndpointSettings } from "./endpoints";

/** Where a catalogued endpoint serves, as its own stack or file decided it. */
function servedFrom(entry: CatalogEntry): Endpoint["served"] {
    if (entry.network === "intranet") return { where: "outside", because: entry.because, intranet: true };
    if (entry.location === "undecidable" || entry.location === undefined) return { where: "undecidable", because: entry.because };
    const regionClass = entry.region !== undefined ? classifyRegion(entry.region) : undefined;
    return { where: entry.location, because: entry.because, ...(entry.region !== undefined && regionClass !== undefined ? { regionId: entry.region, regionClass } : {}) };
}

/** How a finding says where the catalog's knowledge comes from: `in the endpoint catalog (from stack infra/prod (urn…), written …)`. */
export function catalogVia(entry: CatalogEntry): string {
    return `in the endpoint catalog (from ${showCatalogSource(entry)}${entry.source.writtenAt ? `, written ${entry.source.writtenAt}` : ""})`;
}

/** The catalog entry for a value: an address, a hostname, or a CDN-family CNAME of a catalogued domain. */
function catalogEntryFor(value: string, catalog: EndpointCatalog | undefined): CatalogEntry | undefined {
    if (!catalog || catalog.entries.length === 0) return undefined;
    const key = catalogKey(value);
    const entry = catalog.lookup(key);
    if (entry) return entry;
    const cdnDomain = cdnDomainOfCname(key);
    return cdnDomain === undefined ? undefined : catalog.lookup(cdnDomain);
}

/** The endpoint a catalogued value is, named with the stack or file it came from, or undefined. */
export function endpointFromCatalog(value: string, catalog: EndpointCatalog | undefined): { endpoint: Endpoint; entry: CatalogEntry } | undefined {
    const entry = catalogEntryFor(value, catalog);
    if (!entry) return undefined;
    const endpoint: Endpoint = {
        product: `${entry.product} "${entry.name}" of ${showCatalogSource(entry, false)}`,
        alibaba: true,
        access: entry.access,
        served: servedFrom(entry),
        ...(entry.network === "intranet" ? { notPublic: true } : {}),
    };
    return { endpoint, entry };
}

/**
 * True when a value is in the catalog. The per-resource check then leaves it to the stack pass,
 * where the stack's own resources win over the catalog (and the catalog over mainlandCidrs).
 */
export function isCatalogued(value: string, settings: MainlandEndpointSettings): boolean {
    return catalogEntryFor(value, settings.catalog) !== undefined;
}
