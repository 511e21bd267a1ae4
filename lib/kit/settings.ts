/**
 * Options that more than one check reads. Each lives in the config of the policy it belongs to
 * (so it is documented and validated there) and is shared through the check context.
 */
import { MainlandEndpointSettings, NO_MAINLAND_ENDPOINTS, parseMainlandEndpoints } from "../graph/endpoints";
import { AccessRequirement } from "../graph/bindings";
import type { EndpointCatalog } from "../model/endpoint-catalog";
import { KUBERNETES_CLUSTERS_POLICY_NAME, KubernetesClusters, NO_KUBERNETES_CLUSTERS, parseKubernetesClusters } from "../graph/kubernetes";
import type { GraphSettings } from "../graph/stack-graph";

/** Policy whose config holds `mainlandCidrs` and `mainlandHostnameSuffixes`. */
export const ENDPOINTS_POLICY = "icp-binding-undecidable";
/** Policy whose config holds `alsoRequireAlibabaFor`. */
export const ACCESS_POLICY = "icp-filing-not-accessed-at-alibaba";

export interface SharedSettings extends GraphSettings {
    readonly endpoints: MainlandEndpointSettings;
    /** Clusters the stack does not create, from the config-only `icp-kubernetes-clusters`. */
    readonly kubernetesClusters: KubernetesClusters;
    /** Resource types that must be accessed at Alibaba Cloud although the product accepts any filing. */
    readonly alsoRequireAlibabaFor: ReadonlySet<string>;
}

export const DEFAULT_SHARED: SharedSettings = { endpoints: NO_MAINLAND_ENDPOINTS, alsoRequireAlibabaFor: new Set(), kubernetesClusters: NO_KUBERNETES_CLUSTERS };

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/**
 * Builds the shared settings from the policies' (validated) config, the endpoint catalog of the
 * config (`icp-endpoint-catalog`, validated by the caller) and the config-only
 * `icp-kubernetes-clusters` entry; returns problems too, each naming its entry.
 */
export function sharedSettingsFrom(configOf: (policyId: string) => Readonly<Record<string, unknown>> | undefined, catalog?: EndpointCatalog): { shared: SharedSettings; problems: string[] } {
    const endpointConfig = configOf(ENDPOINTS_POLICY) ?? {};
    const parsed = parseMainlandEndpoints(strings(endpointConfig["mainlandCidrs"]), strings(endpointConfig["mainlandHostnameSuffixes"]));
    const settings = catalog ? { ...parsed.settings, catalog } : parsed.settings;
    const problems = parsed.problems;
    const accessConfig = configOf(ACCESS_POLICY) ?? {};
    const kubernetes = parseKubernetesClusters(configOf(KUBERNETES_CLUSTERS_POLICY_NAME));
    return {
        shared: { endpoints: settings, alsoRequireAlibabaFor: new Set(strings(accessConfig["alsoRequireAlibabaFor"])), kubernetesClusters: kubernetes.clusters },
        problems: [...problems.map((problem) => `${ENDPOINTS_POLICY}: ${problem}`), ...kubernetes.problems],
    };
}

/** The access a product needs, with the team's stricter reading applied. */
export function accessFor(type: string, productAccess: AccessRequirement, shared: SharedSettings): AccessRequirement {
    return shared.alsoRequireAlibabaFor.has(type) ? "alibaba" : productAccess;
}
