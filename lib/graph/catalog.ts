/**
 * What a stack contributes to the endpoint catalog: every address or hostname its stack graph
 * knows as an endpoint, decided exactly as a record in that stack would be (catalog-endpoints.ts
 * reads the catalog back when a record of another stack points at one).
 */
import { CatalogEntry, CatalogSource, catalogKey, isCatalogAddress } from "../model/endpoint-catalog";
import { clip } from "../model/values";
import { classifyRegion, RegionEnvironment } from "../model/region";
import { secretValuesOf, StackView } from "../model/resource";
import { MainlandEndpointSettings } from "./endpoints";
import { StackGraph } from "./stack-graph";
import { NO_KUBERNETES_CLUSTERS } from "./kubernetes";

/** Settings with no catalog: what the per-stack graph uses while building one (a catalog never feeds itself). */
const NO_CATALOG = (settings: MainlandEndpointSettings): MainlandEndpointSettings => (settings.catalog ? { ...settings, catalog: undefined } : settings);

/**
 * The catalog entries of one source (a stack's files merged, or one Terraform file): each
 * address and hostname of an endpoint resource, with its product, where it serves and why.
 * Values held in secret properties are left out (a catalog is shared data) and counted.
 */
export function catalogEntriesOf(stack: StackView, env: RegionEnvironment, settings: MainlandEndpointSettings, source: CatalogSource): { entries: CatalogEntry[]; secretsLeftOut: number } {
    // Kubernetes host names are bindings, not endpoints a record can name: no clusters needed here.
    const graph = StackGraph.of(stack, env, { endpoints: NO_CATALOG(settings), kubernetesClusters: NO_KUBERNETES_CLUSTERS });
    const entries: CatalogEntry[] = [];
    let secretsLeftOut = 0;
    const secretsOf = new Map<string, ReadonlySet<string>>();
    for (const { address, resource, endpoint } of graph.addressedEndpoints()) {
        if (resource.secretProps.size > 0 || (resource.provider?.secretProps?.size ?? 0) > 0) {
            let secrets = secretsOf.get(resource.urn);
            if (!secrets) secretsOf.set(resource.urn, (secrets = secretValuesOf(resource)));
            if ([...secrets].some((secret) => secret.includes(address) || address.includes(secret))) {
                secretsLeftOut++;
                continue;
            }
        }
        // An output that is no address or hostname (malformed, or a placeholder) is nothing a record can name.
        if (!isCatalogAddress(catalogKey(address))) continue;
        const served = endpoint.served;
        const intranet = endpoint.notPublic === true || (served.where === "outside" && served.intranet === true);
        const region = served.where !== "undecidable" && served.regionId !== undefined && classifyRegion(served.regionId) !== "not-a-region" ? served.regionId : undefined;
        entries.push({
            address: catalogKey(address),
            // Cut to the catalog's field limits (schemas/icp-guard-endpoints.schema.json): odd input never stops the build.
            product: clip(endpoint.product, 299),
            type: clip(resource.type, 299),
            name: clip(resource.address ?? resource.name, 999),
            network: intranet ? "intranet" : "public",
            ...(intranet ? {} : { location: served.where }),
            ...(region !== undefined && !intranet ? { region } : {}),
            because: clip(served.because, 1999),
            access: endpoint.access,
            source,
            ...(resource.address !== undefined ? { resourceAddress: resource.address } : { urn: resource.urn }),
        });
    }
    return { entries, secretsLeftOut };
}
