/**
 * `icp-kubernetes-clusters`: a policy that only declares the config schema of the Kubernetes
 * clusters a stack does not create (`{"clusters": [{"context": "ack-prod-hz", "region":
 * "cn-hangzhou"}]}`), so the engine and `pulumi policy validate-config` accept the key and send it
 * in Configure. It checks nothing and reports nothing; the pack reads and validates its config
 * itself (lib/kit/settings.ts → lib/graph/kubernetes.ts), like `icp-filing-registry`.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { KUBERNETES_CLUSTERS_POLICY_NAME } from "../../graph/kubernetes";
import { CONFIG_ONLY_DECLARATIONS } from "../../kit/config";

const DECLARATION = CONFIG_ONLY_DECLARATIONS.find((policy) => policy.name === KUBERNETES_CLUSTERS_POLICY_NAME)!;

export const KUBERNETES_CLUSTERS_POLICY_URL = "https://github.com/icp-guard/icp-guard/blob/main/README.md#kubernetes-on-ack";

export function kubernetesClustersConfigPolicy(): ResourceValidationPolicy {
    return {
        name: KUBERNETES_CLUSTERS_POLICY_NAME,
        displayName: "icp-guard Kubernetes clusters (config only)",
        description:
            "Carries the regions of Kubernetes clusters the stack does not create, by kubeconfig context, so icp-guard can place Ingress and Gateway API host names. It runs no check; a broken entry stops the pack.",
        enforcementLevel: DECLARATION.enforcementLevel,
        severity: "low",
        remediationSteps: 'List each cluster as {"context": "<kubeconfig context>", "region": "<region ID>"} under clusters; see the README.',
        url: KUBERNETES_CLUSTERS_POLICY_URL,
        tags: ["icp", "kubernetes", "config"],
        configSchema: { properties: DECLARATION.configSchema!.properties as unknown as NonNullable<ResourceValidationPolicy["configSchema"]>["properties"] },
        validateResource: [],
    };
}
