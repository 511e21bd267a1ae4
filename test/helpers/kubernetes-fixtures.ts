/**
 * Builders for Kubernetes-on-ACK stack cases, shaped as `@pulumi/kubernetes` 4.34.2 registers them
 * (type `kubernetes:<apiVersion>:<Kind>`, props `apiVersion`/`kind`/`metadata`/`spec`, the provider
 * `pulumi:providers:kubernetes` with `kubeconfig`/`context` inputs: pulumi/pulumi-kubernetes
 * `sdk/nodejs/networking/v1/ingress.ts`, `sdk/nodejs/provider.ts` at 94977969d641) and ACK clusters
 * as `@pulumi/alicloud` 3.108.0 registers them (`cs/managedKubernetes.d.ts`).
 */
import { StackResourceSpec } from "./rule-tester";
import { provider, urnOf } from "./fixtures";
import { ProviderInput } from "../../tools/engine-client";
import { UNKNOWN } from "../../lib/model/values";

export const K8S_PROVIDER = "pulumi:providers:kubernetes";
export const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
export const INGRESS_CLASS = "kubernetes:networking.k8s.io/v1:IngressClass";
export const ALB_CONFIG = "kubernetes:alibabacloud.com/v1:AlbConfig";
export const HTTP_ROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";
export const GATEWAY = "kubernetes:gateway.networking.k8s.io/v1:Gateway";
export const MANAGED_CLUSTER = "alicloud:cs/managedKubernetes:ManagedKubernetes";

/** An ACK managed cluster in the region of its alicloud provider (it has no region input). */
export const ackCluster = (name: string, region = "cn-hangzhou", extra: Record<string, unknown> = {}): StackResourceSpec => ({
    name,
    type: MANAGED_CLUSTER,
    props: { clusterSpec: "ack.pro.small", workerVswitchIds: ["vsw-1"], id: UNKNOWN, ...extra },
    provider: provider(region, region === "cn-hangzhou" ? "p" : region),
});

/** The provider view objects carry (the engine's AnalyzerProviderResource). */
export const k8sProviderInput = (name: string, props: Record<string, unknown> = {}): ProviderInput => ({ urn: urnOf(K8S_PROVIDER, name), type: K8S_PROVIDER, name, props: { version: "4.34.2", ...props } });

/**
 * A Kubernetes provider resource; `kubeconfigFrom` names resources its kubeconfig comes from
 * (`getClusterCredentialOutput({clusterId: cluster.id})` once the cluster exists, or an `apply`).
 */
export const k8sProvider = (name: string, props: Record<string, unknown> = { kubeconfig: UNKNOWN }, kubeconfigFrom?: readonly string[]): StackResourceSpec => ({
    name,
    type: K8S_PROVIDER,
    props: { version: "4.34.2", ...props },
    dependsOn: kubeconfigFrom ? { kubeconfig: kubeconfigFrom } : undefined,
    secretProps: props["kubeconfig"] !== undefined ? ["kubeconfig"] : [],
});

const object = (apiVersion: string, kind: string, metadata: Record<string, unknown>, spec: unknown) => ({ apiVersion, kind, metadata, spec });

export const ingress = (name: string, spec: Record<string, unknown>, withProvider?: ProviderInput, metadata: Record<string, unknown> = { name, namespace: "shop" }): StackResourceSpec => ({
    name,
    type: INGRESS,
    props: { ...object("networking.k8s.io/v1", "Ingress", metadata, spec), status: UNKNOWN },
    provider: withProvider,
});

/** An Ingress spec with one rule per host, each to one Service. */
export const rules = (hosts: readonly (string | undefined)[], ingressClassName?: string, tls?: { hosts: string[] }[]): Record<string, unknown> => ({
    ...(ingressClassName !== undefined ? { ingressClassName } : {}),
    rules: hosts.map((host) => ({ ...(host !== undefined ? { host } : {}), http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } })),
    ...(tls ? { tls } : {}),
});

export const ingressClass = (name: string, controller: string, albConfigName?: string, withProvider?: ProviderInput, annotations?: Record<string, string>): StackResourceSpec => ({
    name: `class-${name}`,
    type: INGRESS_CLASS,
    props: object("networking.k8s.io/v1", "IngressClass", { name, ...(annotations ? { annotations } : {}) }, { controller, ...(albConfigName ? { parameters: { apiGroup: "alibabacloud.com", kind: "AlbConfig", name: albConfigName } } : {}) }),
    provider: withProvider,
});

export const albConfig = (name: string, config: Record<string, unknown>, withProvider?: ProviderInput): StackResourceSpec => ({
    name: `albconfig-${name}`,
    type: ALB_CONFIG,
    props: object("alibabacloud.com/v1", "AlbConfig", { name }, { config: { zoneMappings: [{ vSwitchId: "vsw-1" }, { vSwitchId: "vsw-2" }], ...config }, listeners: [{ port: 80, protocol: "HTTP" }] }),
    provider: withProvider,
});

export const httpRoute = (name: string, hostnames: unknown, gatewayName?: string, withProvider?: ProviderInput): StackResourceSpec => ({
    name,
    type: HTTP_ROUTE,
    props: object("gateway.networking.k8s.io/v1", "HTTPRoute", { name, namespace: "shop" }, { hostnames, ...(gatewayName ? { parentRefs: [{ name: gatewayName }] } : {}), rules: [{ backendRefs: [{ name: "web", port: 80 }] }] }),
    provider: withProvider,
});

export const gateway = (name: string, hostnames: readonly (string | undefined)[], withProvider?: ProviderInput): StackResourceSpec => ({
    name: `gateway-${name}`,
    type: GATEWAY,
    props: object("gateway.networking.k8s.io/v1", "Gateway", { name, namespace: "shop" }, { gatewayClassName: "alb", listeners: hostnames.map((hostname, index) => ({ name: `l${index}`, port: 80, protocol: "HTTP", ...(hostname ? { hostname } : {}) })) }),
    provider: withProvider,
});

/** The usual stack: a Hangzhou cluster, a provider from its credentials, and the objects given. */
export function onAckCluster(objects: (provider: ProviderInput) => StackResourceSpec[], region = "cn-hangzhou"): StackResourceSpec[] {
    const ack = k8sProviderInput("ack", { kubeconfig: UNKNOWN });
    return [ackCluster("cluster", region), k8sProvider("ack", { kubeconfig: UNKNOWN }, ["cluster"]), ...objects(ack)];
}
