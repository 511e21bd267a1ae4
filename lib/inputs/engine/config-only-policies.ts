/**
 * The config-only policies: policies that only declare a config schema, so the engine and
 * `pulumi policy validate-config` accept the key in `--policy-pack-config` and in Pulumi Cloud
 * policy-group config, and send its value in Configure. They check nothing and report nothing;
 * the pack reads and validates each value fully itself (the SDK does no validation), and a broken
 * value stops the pack. They have no ICP code: codes name checks, and these are not.
 *
 * - `icp-filing-registry`: the filing registry (index.ts → RegistryHolder);
 * - `icp-endpoint-catalog`: the endpoints of other stacks (`icp-guard endpoints`; lib/kit/config.ts);
 * - `icp-kubernetes-clusters`: the regions of clusters a stack does not create, by kubeconfig
 *   context (lib/kit/settings.ts → lib/graph/kubernetes.ts).
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { REGISTRY_POLICY_NAME } from "../../model/registry-sources";
import { CATALOG_POLICY_NAME } from "../../model/endpoint-catalog";
import { KUBERNETES_CLUSTERS_POLICY_NAME } from "../../graph/kubernetes";
import { CONFIG_ONLY_DECLARATIONS } from "../../kit/config";

const README = "https://github.com/icp-guard/icp-guard/blob/main/README.md";

type ConfigOnlyMetadata = Pick<ResourceValidationPolicy, "displayName" | "description" | "remediationSteps" | "url" | "tags">;

const METADATA: Readonly<Record<string, ConfigOnlyMetadata>> = {
    [REGISTRY_POLICY_NAME]: {
        displayName: "icp-guard filing registry (config only)",
        description:
            "Carries the ICP filing registry (ICP备案 filings and waivers) in the policy config, so policy groups can set it without republishing the pack. It runs no check; a broken registry stops the pack.",
        remediationSteps: "Put the filings under icp-filing-registry in the policy config, in the format of icp-filings.yaml; see the README.",
        url: `${README}#the-registry-in-the-policy-config-org-wide`,
        tags: ["icp", "registry", "config"],
    },
    [CATALOG_POLICY_NAME]: {
        displayName: "icp-guard endpoint catalog (config only)",
        description:
            "Carries the endpoint catalog (icp-guard endpoints: the public endpoints of other stacks and root modules) in the policy config, so DNS records pointing at them are judged. It runs no check; a broken catalog stops the pack.",
        remediationSteps: "Put the JSON of `icp-guard endpoints` under icp-endpoint-catalog in the policy config; see the README.",
        url: `${README}#endpoints-in-other-stacks-the-endpoint-catalog`,
        tags: ["icp", "dns", "config"],
    },
    [KUBERNETES_CLUSTERS_POLICY_NAME]: {
        displayName: "icp-guard Kubernetes clusters (config only)",
        description:
            "Carries the regions of Kubernetes clusters the stack does not create, by kubeconfig context, so icp-guard can place Ingress and Gateway API host names. It runs no check; a broken entry stops the pack.",
        remediationSteps: 'List each cluster as {"context": "<kubeconfig context>", "region": "<region ID>"} under clusters; see the README.',
        url: `${README}#kubernetes-on-ack`,
        tags: ["icp", "kubernetes", "config"],
    },
};

/** One declaring policy per config-only key, in the order CONFIG_ONLY_DECLARATIONS lists them. */
export function configOnlyPolicies(): ResourceValidationPolicy[] {
    return CONFIG_ONLY_DECLARATIONS.map((declaration) => {
        const metadata = METADATA[declaration.name];
        if (!metadata) throw new Error(`config-only policy ${declaration.name} has no metadata in config-only-policies.ts`);
        return {
            name: declaration.name,
            ...metadata,
            enforcementLevel: declaration.enforcementLevel,
            severity: "low",
            configSchema: { properties: declaration.configSchema!.properties as unknown as NonNullable<ResourceValidationPolicy["configSchema"]>["properties"] },
            validateResource: [],
        };
    });
}
