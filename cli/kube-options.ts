/**
 * `--kube-region` / `--kube-context` of `check` and `domains`: the cluster that Kubernetes objects
 * without a provider of their own (rendered manifests, objects on the default provider) are applied
 * to. A region is taken as given (checked like every region someone types); a context must be
 * listed in `icp-kubernetes-clusters` of `--config`, which says its region.
 */
import { Command } from "commander";
import { KUBERNETES_CLUSTERS_POLICY_NAME, KubernetesClusters, regionProblem } from "../lib/graph/kubernetes";
import { RegionEnvironment } from "../lib/model/region";
import { clip } from "../lib/model/values";
import { UsageError } from "./context";

export interface KubeOptions {
    readonly kubeRegion?: string;
    readonly kubeContext?: string;
}

export function addKubeOptions(command: Command): Command {
    return command
        .option("--kube-region <region>", "Kubernetes objects without a provider of their own (rendered manifests) run on a cluster in this Alibaba Cloud region, e.g. cn-hangzhou")
        .option("--kube-context <name>", `as --kube-region, with the region of this kubeconfig context from ${KUBERNETES_CLUSTERS_POLICY_NAME} in --config`);
}

/** The region environment with the cluster the options name; throws a UsageError for a bad one. */
export function withKubeTarget(regions: RegionEnvironment, options: KubeOptions, clusters: KubernetesClusters): RegionEnvironment {
    if (options.kubeRegion !== undefined && options.kubeContext !== undefined) throw new UsageError("give --kube-region or --kube-context, not both");
    if (options.kubeRegion !== undefined) {
        const problem = regionProblem(options.kubeRegion);
        if (problem) throw new UsageError(`--kube-region ${problem}`);
        return { ...regions, kubernetesRegion: options.kubeRegion, kubernetesRegionOrigin: "--kube-region" };
    }
    if (options.kubeContext !== undefined) {
        if (!clusters.byContext.has(options.kubeContext)) {
            const listed = [...clusters.byContext.keys()].slice(0, 10).map((context) => `"${clip(context, 80)}"`);
            throw new UsageError(
                `--kube-context "${clip(options.kubeContext, 80)}" is not listed in ${KUBERNETES_CLUSTERS_POLICY_NAME} of --config${listed.length ? ` (it lists ${listed.join(", ")})` : ""}; ` +
                    `add {"context": "${clip(options.kubeContext, 80)}", "region": "<region>"} to its clusters, or give --kube-region`,
            );
        }
        return { ...regions, kubernetesContext: options.kubeContext, kubernetesContextOrigin: "--kube-context" };
    }
    return regions;
}
