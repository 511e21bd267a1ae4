/**
 * Host names published through Kubernetes on ACK, decided as bindings (lib/graph/bindings.ts) so
 * every binding rule applies to them unchanged: where the object runs (its cluster and the
 * cluster's region) and whether the cluster publishes it on a public address.
 *
 * Which cluster, highest first (KUBERNETES-ON-ACK.md A.3):
 * 1. the object's provider (`pulumi:providers:kubernetes`, explicit or default) takes its
 *    kubeconfig — any input — from an ACK cluster of the stack (`alicloud:cs/*`), directly or
 *    through a resource naming the cluster in `clusterId` (a node pool, an add-on): the cluster's
 *    region, resolved like any alicloud resource's;
 * 2. the provider's `context` (for the default provider also the stack config `kubernetes:context`
 *    or `check --kube-context`) listed in the policy config `icp-kubernetes-clusters`;
 * 3. `check --kube-region` for objects on the default provider (rendered manifests);
 * 4. an explicit provider whose kubeconfig is not known until apply and comes from no resource:
 *    in a first preview, `cs.getClusterCredentialOutput({ clusterId: cluster.id })` on a cluster
 *    created in the same update resolves unknown with no dependency (@pulumi/pulumi 3.248.0
 *    runtime/invoke.js, verified). An unknown kubeconfig is computed in this update, so it comes
 *    from a cluster of this stack: when every ACK cluster of the stack is on one side of the
 *    border, that side decides, and the finding says so;
 * 5. otherwise undecidable (icp-binding-undecidable), naming what to configure.
 * A kubeconfig is credentials in plaintext: it is never read beyond whether it is known.
 *
 * Public or private (A.1): an Ingress whose class resolves to the ALB controller
 * (`ingress.k8s.alibabacloud/alb`) is served by the ALB its AlbConfig describes — `Internet` unless
 * `spec.config.addressType` is `Intranet` (alibaba-load-balancer-controller
 * `model_build_load_balancer.go`: empty → Internet); the nginx class by the add-on's load balancer,
 * private only when the cluster's `nginx-ingress-controller` add-on config says
 * `IngressSlbNetworkType: "intranet"`; any class icp-guard cannot resolve is public (ACK's
 * defaults). No public address, no filing (ICP-RULES.md §11.1).
 *
 * Every index is built in one pass over the stack; each object costs a few map lookups.
 */
import type { ManagedKubernetesArgs } from "@pulumi/alicloud/cs/managedKubernetes";
import type { KubernetesAddonArgs } from "@pulumi/alicloud/cs/kubernetesAddon";
import type { input } from "@pulumi/alicloud/types";
import { Binding, BindingDomain, bindingDomainOf, BindingProduct, Served, servedWhere } from "./bindings";
import {
    ALB_CONTROLLER,
    DEFAULT_CLASS_ANNOTATION,
    HOST_ROLES,
    hostsOf,
    identityOf,
    ingressClassOf,
    ingressClassSpec,
    KIND_UNKNOWN_LABEL,
    KUBERNETES_PROVIDER_TYPE,
    kubernetesKind,
    KubernetesRole,
    NGINX_CONTROLLER,
    ObjectIdentity,
    parentGateways,
    providerInput,
    readPath,
} from "./kubernetes-objects";
import { classifyRegion, KNOWN_REGION_IDS, RegionEnvironment, regionName, resolveRegion, showRegion } from "../model/region";
import { closestName } from "../model/spelling";
import { ResourceView, showResource, StackResourceView, StackView } from "../model/resource";
import { classifyObject, clip, Read, readArray, readString } from "../model/values";

const field =
    <T>() =>
    <K extends keyof T & string>(name: K): K =>
        name;
const cluster = field<ManagedKubernetesArgs>();
const addonEntry = field<input.cs.ManagedKubernetesAddon>();
const addon = field<KubernetesAddonArgs>();

/** ACK cluster types (ALICLOUD-RESOURCES.md; KUBERNETES-ON-ACK.md A.3): none has a region input. */
export const ACK_CLUSTER_TYPES: Readonly<Record<string, string>> = {
    "alicloud:cs/managedKubernetes:ManagedKubernetes": "ACK managed cluster",
    "alicloud:cs/kubernetes:Kubernetes": "ACK dedicated cluster",
    "alicloud:cs/serverlessKubernetes:ServerlessKubernetes": "ACK Serverless cluster",
    "alicloud:cs/edgeKubernetes:EdgeKubernetes": "ACK Edge cluster",
    "terraform-data:alicloud_cs/cluster:ClusterDataSource": "ACK cluster read by",
};
/**
 * A cluster a Terraform configuration reads through a `data.alicloud_cs_*` source (a cluster list,
 * a credential whose cluster_id names no resource): in that data source's provider region. The
 * Terraform front end makes a view of this type; no Pulumi resource has it.
 */
export const ACK_CLUSTER_LOOKUP_TYPE = "terraform-data:alicloud_cs/cluster:ClusterDataSource";
export const ACK_ADDON_TYPE = "alicloud:cs/kubernetesAddon:KubernetesAddon";
/** The ACK add-on that runs the nginx ingress controller, and its network-type key. */
export const NGINX_ADDON = "nginx-ingress-controller";
const NGINX_NETWORK_TYPE = "IngressSlbNetworkType";

const isCluster = (type: string): boolean => Object.prototype.hasOwnProperty.call(ACK_CLUSTER_TYPES, type);

// --------------------------------------------------------------------------------------------
// icp-kubernetes-clusters: clusters the stack does not create
// --------------------------------------------------------------------------------------------

/** The policy-config key (a config-only policy, declared to the engine like icp-filing-registry). */
export const KUBERNETES_CLUSTERS_POLICY_NAME = "icp-kubernetes-clusters";

export interface KubernetesClusterEntry {
    readonly context: string;
    readonly region: string;
    readonly index: number;
}

export interface KubernetesClusters {
    readonly byContext: ReadonlyMap<string, KubernetesClusterEntry>;
}

export const NO_KUBERNETES_CLUSTERS: KubernetesClusters = { byContext: new Map() };

/**
 * The schema declared to the engine (gojsonschema checks it; icp-guard checks everything again
 * itself, naming each entry and field). Nothing is required at the top level, because the engine
 * validates every declared policy's schema even when no config is given.
 */
export const KUBERNETES_CLUSTERS_CONFIG_SCHEMA = {
    properties: {
        clusters: {
            type: "array",
            description:
                'Kubernetes clusters the stack does not create, by kubeconfig context: where their load balancers serve. E.g. [{"context": "ack-prod-hz", "region": "cn-hangzhou"}].',
            items: {
                type: "object",
                properties: {
                    context: { type: "string", minLength: 1, description: "The kubeconfig context (the provider's `context` input, the stack config kubernetes:context, or check --kube-context)." },
                    region: { type: "string", minLength: 1, description: "The Alibaba Cloud region the cluster runs in, e.g. cn-hangzhou." },
                    note: { type: "string" },
                },
                required: ["context", "region"],
                additionalProperties: false,
            },
        },
    },
} as const;

/**
 * Reads `icp-kubernetes-clusters` from the policy config: every problem at once, each naming its
 * entry and field; a region that looks like a typo of a known one is refused with a suggestion
 * (an unlisted `cn-*` region far from any known one is accepted, as everywhere, as mainland).
 */
export function parseKubernetesClusters(properties: Readonly<Record<string, unknown>> | undefined): { clusters: KubernetesClusters; problems: string[] } {
    const problems: string[] = [];
    const byContext = new Map<string, KubernetesClusterEntry>();
    const seen = new Map<string, number>();
    if (properties === undefined) return { clusters: NO_KUBERNETES_CLUSTERS, problems };
    const where = (text: string) => `${KUBERNETES_CLUSTERS_POLICY_NAME}: ${text}`;
    for (const key of Object.keys(properties)) {
        if (key !== "clusters") {
            const suggestion = closestName(key, ["clusters"]);
            problems.push(where(`unknown option "${clip(key, 80)}"${suggestion ? `; did you mean "${suggestion}"?` : `; the only option is "clusters"`}`));
        }
    }
    const list = properties["clusters"];
    if (list === undefined || list === null) return { clusters: NO_KUBERNETES_CLUSTERS, problems };
    if (!Array.isArray(list)) {
        problems.push(where(`clusters must be a list of {"context": …, "region": …}, not ${typeof list}`));
        return { clusters: NO_KUBERNETES_CLUSTERS, problems };
    }
    list.forEach((entry: unknown, index) => {
        const at = `clusters[${index}]`;
        if (!entry || typeof entry !== "object" || Array.isArray(entry)) return void problems.push(where(`${at} must be an object {"context": …, "region": …}`));
        const object = entry as Record<string, unknown>;
        for (const key of Object.keys(object)) {
            if (key === "context" || key === "region" || key === "note") continue;
            const suggestion = closestName(key, ["context", "region", "note"]);
            problems.push(where(`${at}: unknown field "${clip(key, 80)}"${suggestion ? `; did you mean "${suggestion}"?` : "; fields are context, region, note"}`));
        }
        const context = object["context"];
        const region = object["region"];
        let ok = true;
        if (typeof context !== "string" || context.trim() === "") {
            problems.push(where(`${at}.context ${context === undefined ? "is missing" : "must be a non-empty string"}: the kubeconfig context the provider uses`));
            ok = false;
        }
        if (object["note"] !== undefined && typeof object["note"] !== "string") problems.push(where(`${at}.note must be a string`));
        if (typeof region !== "string" || region.trim() === "") {
            problems.push(where(`${at}.region ${region === undefined ? "is missing" : "must be a non-empty string"}: the Alibaba Cloud region the cluster runs in, e.g. cn-hangzhou`));
            ok = false;
        } else {
            const problem = regionProblem(region);
            if (problem) {
                problems.push(where(`${at}.region ${problem}`));
                ok = false;
            }
        }
        if (typeof context === "string" && context.trim() !== "") {
            const previous = seen.get(context);
            if (previous !== undefined) {
                problems.push(where(`${at}.context "${clip(context, 80)}" is also clusters[${previous}]; list each context once`));
                return;
            }
            seen.set(context, index);
        }
        if (!ok || typeof context !== "string" || typeof region !== "string") return;
        byContext.set(context, { context, region, index });
    });
    return { clusters: problems.length > 0 ? NO_KUBERNETES_CLUSTERS : { byContext }, problems };
}

/**
 * Why a region someone typed is refused: not shaped like a region ID, or an unlisted ID close to a
 * listed one (a typo). An unlisted `cn-*` ID far from every listed one is accepted (a new region,
 * treated as mainland as everywhere). Undefined when it is fine.
 */
export function regionProblem(region: string): string | undefined {
    const suggestion = regionName(region) === undefined ? closestName(region, KNOWN_REGION_IDS) : undefined;
    if (classifyRegion(region) !== "not-a-region" && suggestion === undefined) return undefined;
    return `"${clip(region, 80)}" is not an Alibaba Cloud region ID${suggestion ? `; did you mean "${suggestion}"?` : " (e.g. cn-hangzhou, cn-hongkong, ap-southeast-1)"}`;
}

// --------------------------------------------------------------------------------------------
// Products: what publishes the name, and what it needs
// --------------------------------------------------------------------------------------------

const ACCESS_SOURCE =
    "ACK publishes Ingress and Gateway API hosts on Alibaba Cloud load balancers and gateways (ALB, CLB/NLB, MSE) in the cluster's region, so the site is hosted on Alibaba Cloud and the filing must be accessed there (KUBERNETES-ON-ACK.md A.2; Alibaba blocks unfiled hosts on ACK ingresses)";
const MOVE_AWAY = "publish it from a cluster outside the Chinese mainland (e.g. in cn-hongkong), or only on an intranet load balancer (AlbConfig spec.config.addressType: Intranet)";

const products = new Map<string, BindingProduct>();

/** The binding product for a Kubernetes type (one per type token, made on first use). */
function productFor(type: string, role: KubernetesRole, kind: string): BindingProduct {
    let product = products.get(type);
    if (!product) {
        const what = role === "ingress" ? "Kubernetes Ingress on ACK" : role === "gateway" ? "Gateway API Gateway on ACK" : role === "kindUnknown" ? "Kubernetes object on ACK" : `Gateway API ${kind} on ACK`;
        product = {
            type,
            product: what,
            label: role === "kindUnknown" ? `${what} (kind not known until apply)` : `${what} (${kind})`,
            family: "regional",
            access: "alibaba",
            accessSource: ACCESS_SOURCE,
            moveAway: MOVE_AWAY,
            domains: () => [],
            // Placed in the stack pass only (KubernetesGraph): never on its own.
            location: () => ({ kind: "region", region: { read: { state: "unknown" }, source: "resource", origin: "the object's cluster" } }),
        };
        if (products.size < 1_000) products.set(type, product);
    }
    return product;
}

// --------------------------------------------------------------------------------------------
// The graph
// --------------------------------------------------------------------------------------------

/** Where an object's cluster is, and how icp-guard knows. */
interface Placement {
    readonly served: Served;
    /** The cluster as messages and inventories name it, when known. */
    readonly label?: string;
    /** Key of the cluster for IngressClass/AlbConfig lookups: the provider's URN, or "" for the default. */
    readonly key: string;
    /** The ACK clusters of the stack it runs on, when known (their add-ons decide nginx exposure). */
    readonly clusters: readonly StackResourceView[];
}

interface Exposure {
    /** Why it has no public address; undefined when public. */
    readonly privateBecause?: string;
    /** How it is published, for messages. */
    readonly via: string;
}

const nameKey = (key: string, namespace: string | undefined, name: string) => `${key}\u0000${namespace ?? ""}\u0000${name}`;

export class KubernetesGraph {
    private readonly hosts: { resource: StackResourceView; role: KubernetesRole; kind: string }[] = [];
    private readonly clusters: StackResourceView[] = [];
    private readonly ingressClasses = new Map<string, StackResourceView>();
    private readonly defaultClasses = new Map<string, StackResourceView>();
    private readonly albConfigs = new Map<string, StackResourceView>();
    private readonly gateways = new Map<string, StackResourceView>();
    private readonly addonsOf = new Map<string, StackResourceView[]>();
    private readonly placements = new Map<string, Placement>();
    private bindingsCache: Binding[] | undefined;

    private constructor(
        private readonly stack: StackView,
        private readonly env: RegionEnvironment,
        private readonly configured: KubernetesClusters,
    ) {
        for (const resource of stack.resources) {
            const type = resource.type;
            if (type.startsWith("alicloud:cs/")) {
                if (isCluster(type)) this.clusters.push(resource);
                else if (type === ACK_ADDON_TYPE) for (const urn of resource.propertyDependencies[addon("clusterId")] ?? []) push(this.addonsOf, urn, resource);
                continue;
            }
            const kind = kubernetesKind(type);
            if (!kind?.role) continue;
            const key = clusterKey(resource);
            if (kind.role === "ingressClass" || kind.role === "albConfig" || kind.role === "gateway") {
                const identity = identityOf(resource, kind.kind);
                if (identity.name === undefined) continue;
                // IngressClass and AlbConfig are cluster-scoped; Gateways are looked up by namespace.
                const index = kind.role === "ingressClass" ? this.ingressClasses : kind.role === "albConfig" ? this.albConfigs : this.gateways;
                index.set(nameKey(key, kind.role === "gateway" ? identity.namespace : undefined, identity.name), resource);
                const isDefault = readString(identity.annotations, DEFAULT_CLASS_ANNOTATION);
                if (kind.role === "ingressClass" && isDefault.state === "known" && isDefault.value === "true") this.defaultClasses.set(key, resource);
            }
            if (HOST_ROLES.has(kind.role)) this.hosts.push({ resource, role: kind.role, kind: kind.role === "kindUnknown" ? KIND_UNKNOWN_LABEL : kind.kind });
        }
    }

    private static readonly cache = new WeakMap<StackView, KubernetesGraph>();

    /** One graph per stack view. */
    static of(stack: StackView, env: RegionEnvironment, configured: KubernetesClusters): KubernetesGraph {
        let graph = KubernetesGraph.cache.get(stack);
        if (!graph) {
            graph = new KubernetesGraph(stack, env, configured);
            KubernetesGraph.cache.set(stack, graph);
        }
        return graph;
    }

    /** Every host name a Kubernetes object of the stack publishes, served where its cluster publishes it. */
    bindings(): readonly Binding[] {
        if (this.bindingsCache) return this.bindingsCache;
        const bindings: Binding[] = [];
        for (const { resource, role, kind } of this.hosts) {
            const reads = hostsOf(resource, role);
            if (reads.length === 0) continue;
            const identity = identityOf(resource, kind);
            const placement = this.placementOf(resource);
            const exposure = this.exposureOf(resource, role, identity, placement);
            const served = this.servedOf(identity, placement, exposure);
            const product = productFor(resource.type, role, kind);
            for (const read of reads) {
                const domain: BindingDomain = bindingDomainOf(read.read);
                bindings.push({ resource, product, property: read.property, domain, secret: resource.secretProps.has(read.topLevel), served, ...(placement.label !== undefined ? { cluster: placement.label } : {}) });
            }
        }
        this.bindingsCache = bindings;
        return bindings;
    }

    private servedOf(identity: ObjectIdentity, placement: Placement, exposure: Exposure): Served {
        if (exposure.privateBecause !== undefined) {
            return { where: "outside", because: `${identity.label} is published ${exposure.via}, which has no public address (${exposure.privateBecause}), so it is not reachable from the Internet` };
        }
        const because = `${identity.label} ${placement.served.because}; it is published ${exposure.via}`;
        return { ...placement.served, because };
    }

    // ---------------------------------------------------------------------------------------
    // Which cluster
    // ---------------------------------------------------------------------------------------

    /** Where an object's cluster serves (worked out once per provider). */
    private placementOf(resource: StackResourceView): Placement {
        const key = clusterKey(resource);
        let placement = this.placements.get(key);
        if (!placement) {
            placement = this.place(resource, key);
            this.placements.set(key, placement);
        }
        return placement;
    }

    private place(resource: StackResourceView, key: string): Placement {
        const provider = resource.provider;
        const providerResource = provider ? this.stack.byUrn.get(provider.urn) : undefined;
        const isDefault = !provider || provider.name.startsWith("default");
        const providerName = provider ? `provider '${clip(provider.name, 120)}'` : "the default provider";

        // 1. The provider's inputs come from an ACK cluster of the stack.
        if (providerResource) {
            const linked = this.clustersBehind(providerResource);
            if (linked.length > 0) {
                const how = `(${providerName} takes its ${providerResource.address !== undefined ? "host and credentials" : "kubeconfig"} from ${linked.length === 1 ? "it" : "them"})`;
                return { served: this.onClusters(linked, how), key, clusters: linked, label: linked.map(clusterLabel).join(", ") };
            }
        }
        // 2. A context listed in icp-kubernetes-clusters.
        // The provider resource's own inputs where the stack has it (the view carries the same inputs).
        const props = providerResource?.props ?? provider?.props ?? {};
        const ownContext = readString(props, providerInput("context"));
        const context =
            ownContext.state === "known" && ownContext.value !== ""
                ? { name: ownContext.value, origin: `the context of ${providerName}` }
                : isDefault && this.env.kubernetesContext
                  ? { name: this.env.kubernetesContext, origin: this.env.kubernetesContextOrigin ?? "stack config kubernetes:context" }
                  : undefined;
        const secretContext = provider?.secretProps?.has(providerInput("context")) === true && context?.origin.startsWith("the context");
        const shownContext = context ? (secretContext ? "(secret)" : `"${clip(context.name, 120)}"`) : "";
        if (context) {
            const entry = this.configured.byContext.get(context.name);
            if (entry) {
                const region = servedWhere({ kind: "region", region: { read: { state: "known", value: entry.region }, source: "provider", origin: `${KUBERNETES_CLUSTERS_POLICY_NAME} clusters[${entry.index}]` } });
                return { served: { ...region, because: `runs on the cluster of context ${shownContext} (${context.origin}): ${region.because}` }, key, clusters: [], label: `context ${shownContext}` };
            }
        }
        // 3. check --kube-region, for objects on the default provider.
        if (isDefault && this.env.kubernetesRegion) {
            const region = servedWhere({ kind: "region", region: { read: { state: "known", value: this.env.kubernetesRegion }, source: "provider", origin: this.env.kubernetesRegionOrigin ?? "--kube-region" } });
            return { served: { ...region, because: `runs on the cluster given by ${this.env.kubernetesRegionOrigin ?? "--kube-region"}: ${region.because}` }, key, clusters: [], label: `the cluster of ${this.env.kubernetesRegionOrigin ?? "--kube-region"}` };
        }
        // 4. A kubeconfig computed in this update with no dependency: a cluster of this stack.
        const kubeconfig = readString(props, providerInput("kubeconfig"));
        const dependencies = providerResource ? Object.values(providerResource.propertyDependencies).reduce((n, urns) => n + urns.length, 0) : 0;
        if (!isDefault && kubeconfig.state === "unknown" && dependencies === 0 && this.clusters.length > 0) {
            const served = this.onClusters(this.clusters, `(the kubeconfig of ${providerName} is not known until apply and names no resource — as cs.getClusterCredentialOutput does for a cluster created in this update — so it comes from the stack's ACK ${this.clusters.length === 1 ? "cluster" : "clusters"})`);
            if (served.where !== "undecidable") return { served, key, clusters: this.clusters, label: this.clusters.map(clusterLabel).join(" or ") };
            return { served: { where: "undecidable", because: `${served.because}; ${this.clusterFix(false, undefined)}` }, key, clusters: this.clusters };
        }
        // 5. Unknown.
        if (!provider) {
            // Objects of rendered manifests (check's Kubernetes input) have no provider: only the command line names their cluster.
            return {
                served: { where: "undecidable", because: `cannot be placed: rendered manifests name no cluster; give check --kube-region <region>, or --kube-context <name> with the context listed in the policy config as {"${KUBERNETES_CLUSTERS_POLICY_NAME}": {"clusters": [{"context": "<name>", "region": "<region>"}]}}` },
                key,
                clusters: [],
            };
        }
        return { served: { where: "undecidable", because: this.unknownCluster(providerName, isDefault, context ? shownContext : undefined, props, kubeconfig, providerResource?.address !== undefined) }, key, clusters: [] };
    }

    /** What to configure so that the cluster is known. */
    private clusterFix(isDefault: boolean, context: string | undefined, terraform = false): string {
        const listIt = (name: string) => `list it in the policy config as {"${KUBERNETES_CLUSTERS_POLICY_NAME}": {"clusters": [{"context": ${name}, "region": "<region>"}]}}`;
        return context !== undefined
            ? listIt(context)
            : terraform
              ? `take the provider block's host and credentials from the cluster (alicloud_cs_managed_kubernetes, or data.alicloud_cs_cluster_credential on its id), or set its config_context and ${listIt('"<context>"')}`
              : isDefault
              ? `set the stack config kubernetes:context (or check --kube-context) and ${listIt('"<context>"')}, or give check --kube-region`
              : `take the provider's kubeconfig from the cluster resource (alicloud.cs.getClusterCredentialOutput({ clusterId: cluster.id })), or give the provider a context and ${listIt('"<context>"')}`;
    }

    private unknownCluster(providerName: string, isDefault: boolean, context: string | undefined, props: Readonly<Record<string, unknown>>, kubeconfig: Read<string>, terraform: boolean): string {
        const rendering = readString(props, providerInput("renderYamlToDirectory"));
        const why =
            rendering.state === "known" && rendering.value !== ""
                ? `${providerName} renders manifests to a directory (renderYamlToDirectory), so the cluster they are applied to is not in the program`
                : context !== undefined
                  ? `the cluster of context ${context} (${providerName}) is not in this stack and not in ${KUBERNETES_CLUSTERS_POLICY_NAME}`
                  : terraform
                    ? `the ${providerName} block takes its host and credentials from no ACK cluster of this configuration`
                    : isDefault
                    ? `${providerName} uses the ambient kubeconfig, which names no cluster the policy can see`
                    : kubeconfig.state === "unknown"
                      ? `the kubeconfig of ${providerName} is not known until apply and does not come from an ACK cluster of this stack`
                      : `the kubeconfig of ${providerName} does not come from an ACK cluster of this stack`;
        return `cannot be placed: the cluster it runs on is unknown (${why}); ${this.clusterFix(isDefault, context, terraform)}`;
    }

    /** ACK clusters a provider's inputs come from: directly, or through a resource's `clusterId`. */
    private clustersBehind(provider: StackResourceView): StackResourceView[] {
        const found: StackResourceView[] = [];
        const add = (resource: StackResourceView | undefined) => resource && isCluster(resource.type) && !found.includes(resource) && found.push(resource);
        for (const urns of Object.values(provider.propertyDependencies)) {
            for (const urn of urns) {
                const target = this.stack.byUrn.get(urn);
                if (!target) continue;
                if (isCluster(target.type)) add(target);
                else for (const inner of target.propertyDependencies[addon("clusterId")] ?? []) add(this.stack.byUrn.get(inner));
            }
        }
        return found;
    }

    /** Where a set of ACK clusters serve: one side of the border when all agree, else undecidable. */
    private onClusters(clusters: readonly StackResourceView[], how: string): Served {
        const placed = clusters.map((resource) => ({ resource, served: servedWhere({ kind: "region", region: resolveRegion(undefined, resource.provider, this.env) }) }));
        const label = clusterLabel;
        if (placed.length === 1) {
            const [{ resource, served }] = placed;
            return { ...served, because: `runs on ${label(resource)} ${how}: ${served.because}` };
        }
        const sides = new Set(placed.map((p) => p.served.where));
        const listed = placed.map((p) => `${label(p.resource)} (${p.served.where === "undecidable" ? p.served.because : p.served.regionId !== undefined ? showRegion(p.served.regionId) : p.served.because})`).join(", ");
        if (sides.size === 1 && !sides.has("undecidable")) {
            const first = placed[0].served;
            return { ...first, because: `runs on one of ${listed} ${how}, all ${first.where === "mainland" ? "in the Chinese mainland" : "outside the Chinese mainland"}` };
        }
        return { where: "undecidable", because: `may run on any of ${listed} ${how}, which are not all on the same side of the mainland border` };
    }

    // ---------------------------------------------------------------------------------------
    // Public or private
    // ---------------------------------------------------------------------------------------

    private exposureOf(resource: StackResourceView, role: KubernetesRole, identity: ObjectIdentity, placement: Placement): Exposure {
        if (role === "ingress") return this.ingressExposure(resource, identity, placement);
        if (role === "route") {
            // A route is published on the Gateways it attaches to; on any public one, it is public.
            const gateways = parentGateways(resource, identity)
                .map((ref) => this.gateways.get(nameKey(placement.key, ref.namespace, ref.name)))
                .filter((gateway): gateway is StackResourceView => gateway !== undefined);
            if (gateways.length === 0) return { via: "through Gateway API (its Gateway is not among the inputs, so it is taken as public, ACK's default)" };
            return { via: `through ${gateways.map((gateway) => identityOf(gateway, "Gateway").label).join(", ")} (Gateway API on an Internet-facing load balancer, ACK's default)` };
        }
        if (role === "kindUnknown") return { via: "in a way not known until apply (its kind is not known, so it is taken as public)" };
        return { via: "through Gateway API (on an Internet-facing load balancer, ACK's default)" };
    }

    /** Exposure depends only on the cluster and the class: worked out once per (cluster, class). */
    private readonly exposures = new Map<string, Exposure>();

    private ingressExposure(resource: StackResourceView, identity: ObjectIdentity, placement: Placement): Exposure {
        const className = ingressClassOf(resource, identity);
        const cacheKey = className.state === "known" ? `${placement.key}\u0000k\u0000${className.value}` : `${placement.key}\u0000${className.state}`;
        let exposure = this.exposures.get(cacheKey);
        if (!exposure) {
            exposure = this.classExposure(className, placement);
            if (this.exposures.size < 100_000) this.exposures.set(cacheKey, exposure);
        }
        return exposure;
    }

    private classExposure(className: Read<string>, placement: Placement): Exposure {
        const classResource =
            className.state === "known" && className.value !== ""
                ? this.ingressClasses.get(nameKey(placement.key, undefined, className.value))
                : className.state === "absent"
                  ? this.defaultClasses.get(placement.key)
                  : undefined;
        const shownClass = className.state === "known" ? `ingress class "${clip(className.value, 63)}"` : className.state === "unknown" ? "an ingress class not known until apply" : classResource ? "the default ingress class" : "no ingress class";
        if (!classResource) {
            if (className.state === "known" && className.value === "nginx") return this.nginxExposure(shownClass, placement);
            const why = className.state === "known" ? `its IngressClass is not among the inputs` : className.state === "unknown" ? "it cannot be resolved at preview" : "no default IngressClass is among the inputs";
            return { via: `through ${shownClass} (${why}, so it is taken as public: ACK's load balancers are Internet-facing by default)` };
        }
        const classLabel = identityOf(classResource, "IngressClass").label;
        const { controller, parametersKind, parametersName } = ingressClassSpec(classResource);
        if (controller.state === "known" && controller.value === NGINX_CONTROLLER) return this.nginxExposure(`${shownClass} (${classLabel}, controller ${NGINX_CONTROLLER})`, placement);
        if (!(controller.state === "known" && controller.value === ALB_CONTROLLER)) {
            const what = controller.state === "known" ? `controller "${clip(controller.value, 80)}"` : "a controller not known until apply";
            return { via: `through ${shownClass} (${classLabel}, ${what}; taken as public, ACK's default)` };
        }
        const head = `through ${shownClass} (${classLabel}, the ALB Ingress controller)`;
        if (parametersName.state !== "known" || (parametersKind !== undefined && parametersKind !== "AlbConfig")) {
            return { via: `${head}, whose AlbConfig ${parametersName.state === "unknown" ? "is not known until apply" : "is not named"}: an Internet-facing ALB by default` };
        }
        const albConfig = this.albConfigs.get(nameKey(placement.key, undefined, parametersName.value));
        const configName = `AlbConfig "${clip(parametersName.value, 63)}"`;
        if (!albConfig) return { via: `${head} → ${configName}, which is not among the inputs: an Internet-facing ALB by default` };
        const reused = readPath(albConfig.props, ["spec", "config", "id"]);
        if (reused.state === "known" && reused.value !== "") return { via: `${head} → ${configName}, which reuses the existing ALB ${clip(reused.value, 63)} (its address type is not in the inputs: taken as Internet-facing)` };
        const addressType = readPath(albConfig.props, ["spec", "config", "addressType"]);
        if (addressType.state === "known" && addressType.value.toLowerCase() === "intranet") {
            const ipv6 = readPath(albConfig.props, ["spec", "config", "ipv6AddressType"]);
            if (ipv6.state === "known" && ipv6.value.toLowerCase() === "internet") {
                return { via: `${head} → ${configName} (addressType Intranet, but ipv6AddressType Internet: public over IPv6)` };
            }
            return { via: `${head} → ${configName}`, privateBecause: `spec.config.addressType "${addressType.value}" gives the ALB an intranet address` };
        }
        const shown =
            addressType.state === "known" && addressType.value !== ""
                ? `addressType "${clip(addressType.value, 40)}"`
                : addressType.state === "unknown"
                  ? "addressType not known until apply"
                  : "addressType not set, so Internet (the default)";
        return { via: `${head} → ${configName} (${shown}), an Internet-facing ALB` };
    }

    /** ACK's nginx add-on: private only when its config sets IngressSlbNetworkType to intranet. */
    private nginxExposure(shownClass: string, placement: Placement): Exposure {
        for (const clusterResource of placement.clusters) {
            const setting = nginxNetworkType(clusterResource, this.addonsOf.get(clusterResource.urn) ?? []);
            if (setting?.toLowerCase() === "intranet") {
                return {
                    via: `through ${shownClass}, served by the ${NGINX_ADDON} add-on of ${showResource(clusterResource)}`,
                    privateBecause: `its add-on config sets ${NGINX_NETWORK_TYPE} "${setting}", an intranet load balancer`,
                };
            }
        }
        return { via: `through ${shownClass}, served by the ${NGINX_ADDON} add-on's load balancer (Internet-facing unless its config sets ${NGINX_NETWORK_TYPE} "intranet")` };
    }
}

/** `ACK managed cluster cs.ManagedKubernetes "prod"` */
const clusterLabel = (resource: StackResourceView): string => `${ACK_CLUSTER_TYPES[resource.type]} ${showResource(resource)}`;

function push(map: Map<string, StackResourceView[]>, key: string, resource: StackResourceView): void {
    const list = map.get(key);
    if (list) list.push(resource);
    else map.set(key, [resource]);
}

/** The cluster an object is sent to: its provider's URN, or "" for objects without a provider resource. */
function clusterKey(resource: ResourceView): string {
    return resource.provider?.type === KUBERNETES_PROVIDER_TYPE ? resource.provider.urn : "";
}

/** `IngressSlbNetworkType` from the cluster's `addons[]` entry or a `cs.KubernetesAddon` for it. */
function nginxNetworkType(clusterResource: StackResourceView, addons: readonly StackResourceView[]): string | undefined {
    const fromConfig = (config: Read<string>): string | undefined => {
        if (config.state !== "known" || config.value.length > 100_000) return undefined;
        try {
            const parsed: unknown = JSON.parse(config.value);
            const value = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>)[NGINX_NETWORK_TYPE] : undefined;
            return typeof value === "string" ? value : undefined;
        } catch {
            return undefined;
        }
    };
    for (const resource of addons) {
        const name = readString(resource.props, addon("name"));
        if (name.state === "known" && name.value === NGINX_ADDON) {
            const found = fromConfig(readString(resource.props, addon("config")));
            if (found !== undefined) return found;
        }
    }
    const entries = readArray(clusterResource.props, cluster("addons"));
    if (entries.state !== "known") return undefined;
    for (const entry of entries.value) {
        const bag = classifyObject(entry);
        if (bag.state !== "known") continue;
        const name = readString(bag.value, addonEntry("name"));
        if (name.state === "known" && name.value === NGINX_ADDON) return fromConfig(readString(bag.value, addonEntry("config")));
    }
    return undefined;
}
