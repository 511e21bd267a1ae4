/**
 * What a catalogued value is when a record points at it: the endpoint as its own stack or root
 * module decided it (lib/graph/catalog.ts), named with the stack or file it came from.
 */
import { CatalogEntry, catalogKey, EndpointCatalog, showCatalogSource } from "../model/endpoint-catalog";
import { classifyRegion, showRegion } from "../model/region";
import { cdnDomainOfCname, Endpoint, MainlandEndpointSettings } from "./endpoints";

/** How a catalogued endpoint's location reads in a finding: where it serves, and that the catalog says so. */
function servedFrom(entry: CatalogEntry): Endpoint["served"] {
    const from = `as catalogued from ${showCatalogSource(entry, false)}${entry.source.writtenAt ? ` (written ${entry.source.writtenAt})` : ""}`;
    if (entry.network === "intranet") {
        return { where: "outside", because: `it is an intranet address (${entry.because}), ${from}, so no visitor on the Internet reaches it`, intranet: true };
    }
    if (entry.location === "undecidable" || entry.location === undefined) return { where: "undecidable", because: `${entry.because}, ${from}` };
    const regionClass = entry.region !== undefined ? classifyRegion(entry.region) : undefined;
    const region = entry.region !== undefined ? `region ${showRegion(entry.region)}` : "its location";
    const because = `${region}, ${entry.location === "mainland" ? "a Chinese mainland region" : "outside the Chinese mainland"}, ${from}: ${entry.because}`;
    return { where: entry.location, because, ...(entry.region !== undefined && regionClass !== undefined ? { regionId: entry.region, regionClass } : {}) };
}

/** The endpoint a catalogued value is (an address, a hostname, or a CDN-family CNAME of a catalogued domain), or undefined. */
export function endpointFromCatalog(value: string, catalog: EndpointCatalog | undefined): { endpoint: Endpoint; entry: CatalogEntry } | undefined {
    if (!catalog) return undefined;
    const key = catalogKey(value);
    let entry = catalog.lookup(key);
    if (!entry) {
        const cdnDomain = cdnDomainOfCname(key);
        if (cdnDomain !== undefined) entry = catalog.lookup(cdnDomain);
    }
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

/** True when a value is in the catalog: it is decided in the stack pass, where the stack's own resources win. */
export function isCatalogued(value: string, settings: MainlandEndpointSettings): boolean {
    return endpointFromCatalog(value, settings.catalog) !== undefined;
}
