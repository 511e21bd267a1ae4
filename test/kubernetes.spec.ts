/**
 * Kubernetes on ACK in the stack graph (lib/graph/kubernetes.ts): which host names an object
 * publishes, which cluster it runs on and where, and whether the cluster publishes it on a public
 * address. Verdicts through the policies are in the policy tables; these pin the graph's reading.
 */
import * as assert from "assert";
import { Binding, Served } from "../lib/graph/bindings";
import { KubernetesClusters, NO_KUBERNETES_CLUSTERS, parseKubernetesClusters } from "../lib/graph/kubernetes";
import { kubernetesKind, kubernetesTypeToken } from "../lib/graph/kubernetes-objects";
import { parseMainlandEndpoints } from "../lib/graph/endpoints";
import { StackGraph } from "../lib/graph/stack-graph";
import { RegionEnvironment } from "../lib/model/region";
import { UNKNOWN } from "../lib/model/values";
import { stackOf, StackResourceSpec } from "./helpers/rule-tester";
import { ackCluster, albConfig, gateway, httpRoute, ingress, ingressClass, k8sProvider, k8sProviderInput, onAckCluster, rules } from "./helpers/kubernetes-fixtures";

function bindingsOf(resources: StackResourceSpec[], env: RegionEnvironment = {}, clusters: KubernetesClusters = NO_KUBERNETES_CLUSTERS): Binding[] {
    return [...StackGraph.of(stackOf(resources), env, { endpoints: parseMainlandEndpoints([], []).settings, kubernetesClusters: clusters }).stackBindings()];
}

const hosts = (bindings: readonly Binding[]) => bindings.map((b) => (b.domain.state === "host" ? b.domain.host.ascii : b.domain.state));
const where = (bindings: readonly Binding[]): Served["where"][] => [...new Set(bindings.map((b) => b.served.where))];

describe("Kubernetes on ACK: the stack graph", () => {
    describe("type tokens", () => {
        it("reads group, version, kind and role from @pulumi/kubernetes tokens", () => {
            assert.deepStrictEqual(kubernetesKind("kubernetes:networking.k8s.io/v1:Ingress"), { group: "networking.k8s.io", version: "v1", kind: "Ingress", role: "ingress" });
            assert.strictEqual(kubernetesKind("kubernetes:extensions/v1beta1:Ingress")?.role, "ingress");
            assert.strictEqual(kubernetesKind("kubernetes:gateway.networking.k8s.io/v1beta1:HTTPRoute")?.role, "route");
            assert.strictEqual(kubernetesKind("kubernetes:alibabacloud.com/v1:AlbConfig")?.role, "albConfig");
            assert.deepStrictEqual(kubernetesKind("kubernetes:core/v1:Service"), { group: "", version: "v1", kind: "Service", role: undefined });
            assert.strictEqual(kubernetesKind("alicloud:cs/managedKubernetes:ManagedKubernetes"), undefined);
        });
        it("turns a manifest's apiVersion and kind into the same token", () => {
            assert.strictEqual(kubernetesTypeToken("networking.k8s.io/v1", "Ingress"), "kubernetes:networking.k8s.io/v1:Ingress");
            assert.strictEqual(kubernetesTypeToken("v1", "Service"), "kubernetes:core/v1:Service");
        });
    });

    describe("host names", () => {
        it("rules[].host, and TLS hosts only where a rule has no host", () => {
            const withHosts = bindingsOf(onAckCluster((p) => [ingress("a", rules(["www.unfiled.com", "api.unfiled.com"], "alb", [{ hosts: ["tls-only.unfiled.com"] }]), p)]));
            assert.deepStrictEqual(hosts(withHosts), ["www.unfiled.com", "api.unfiled.com"]);
            const hostless = bindingsOf(onAckCluster((p) => [ingress("a", rules([undefined], "alb", [{ hosts: ["tls.unfiled.com", "TLS.unfiled.com."] }]), p)]));
            assert.deepStrictEqual(hosts(hostless), ["tls.unfiled.com"]);
            assert.deepStrictEqual(hostless.map((b) => b.property), ["spec.tls[0].hosts[0]"]);
        });
        it("unknown spec or rules are unknown reads, never skipped", () => {
            assert.deepStrictEqual(hosts(bindingsOf(onAckCluster((p) => [ingress("a", { rules: UNKNOWN }, p)]))), ["unknown"]);
            assert.deepStrictEqual(hosts(bindingsOf(onAckCluster((p) => [{ ...ingress("a", {}, p), props: { spec: UNKNOWN } }]))), ["unknown"]);
        });
        it("HTTPRoute hostnames and Gateway listener hostnames (a listener without one names nothing)", () => {
            const found = bindingsOf(onAckCluster((p) => [gateway("gw", ["*.unfiled.com", undefined], p), httpRoute("route", ["shop.unfiled.com"], "gw", p)]));
            assert.deepStrictEqual(hosts(found), ["unfiled.com", "shop.unfiled.com"]);
            assert.ok(found[0].domain.state === "host" && found[0].domain.host.wildcard);
        });
    });

    describe("which cluster", () => {
        it("the provider's kubeconfig comes from an ACK cluster of the stack: its region", () => {
            const [binding] = bindingsOf(onAckCluster((p) => [ingress("storefront", rules(["www.unfiled.com"]), p)]));
            assert.strictEqual(binding.served.where, "mainland");
            assert.match(binding.served.because, /^Ingress shop\/storefront runs on ACK managed cluster cs\.ManagedKubernetes "cluster" \(provider 'ack' takes its kubeconfig from it\): region cn-hangzhou/);
        });
        it("a cluster in cn-hongkong serves outside the mainland", () => {
            assert.deepStrictEqual(where(bindingsOf(onAckCluster((p) => [ingress("a", rules(["www.unfiled.com"]), p)], "cn-hongkong"))), ["outside"]);
        });
        it("through a node pool's clusterId", () => {
            const provider = k8sProviderInput("ack");
            const stack = [ackCluster("cluster"), { name: "pool", type: "alicloud:cs/nodePool:NodePool", props: { clusterId: UNKNOWN }, dependsOn: { clusterId: ["cluster"] } }, k8sProvider("ack", { kubeconfig: UNKNOWN }, ["pool"]), ingress("a", rules(["www.unfiled.com"]), provider)];
            assert.deepStrictEqual(where(bindingsOf(stack)), ["mainland"]);
        });
        it("first preview: an unknown kubeconfig with no dependency is the stack's only ACK cluster, and says so", () => {
            const provider = k8sProviderInput("ack", { kubeconfig: UNKNOWN });
            const [binding] = bindingsOf([ackCluster("cluster"), k8sProvider("ack", { kubeconfig: UNKNOWN }), ingress("a", rules(["www.unfiled.com"]), provider)]);
            assert.strictEqual(binding.served.where, "mainland");
            assert.match(binding.served.because, /not known until apply and names no resource/);
            const hk = bindingsOf([ackCluster("cluster", "cn-hongkong"), k8sProvider("ack", { kubeconfig: UNKNOWN }), ingress("a", rules(["www.unfiled.com"]), provider)]);
            assert.deepStrictEqual(where(hk), ["outside"]);
        });
        it("…but clusters on both sides of the border leave it undecidable", () => {
            const provider = k8sProviderInput("ack", { kubeconfig: UNKNOWN });
            const found = bindingsOf([ackCluster("hz"), ackCluster("hk", "cn-hongkong"), k8sProvider("ack", { kubeconfig: UNKNOWN }), ingress("a", rules(["www.unfiled.com"]), provider)]);
            assert.deepStrictEqual(where(found), ["undecidable"]);
            assert.match(found[0].served.because, /not all on the same side/);
        });
        it("a known kubeconfig from no resource (a file, the environment) is not guessed from the stack's clusters", () => {
            const provider = k8sProviderInput("ack", { kubeconfig: "~/.kube/config" });
            const found = bindingsOf([ackCluster("cluster"), k8sProvider("ack", { kubeconfig: "~/.kube/config" }), ingress("a", rules(["www.unfiled.com"]), provider)]);
            assert.deepStrictEqual(where(found), ["undecidable"]);
            assert.match(found[0].served.because, /does not come from an ACK cluster of this stack.*icp-kubernetes-clusters/);
        });
        it("the default provider with no context: undecidable, naming what to configure", () => {
            const found = bindingsOf([ingress("a", rules(["www.unfiled.com"]), k8sProviderInput("default_4_34_2"))]);
            assert.deepStrictEqual(where(found), ["undecidable"]);
            assert.match(found[0].served.because, /ambient kubeconfig.*kubernetes:context/);
        });
        const clusters = parseKubernetesClusters({ clusters: [{ context: "ack-prod-hz", region: "cn-hangzhou" }, { context: "ack-hk", region: "cn-hongkong" }] }).clusters;
        it("a provider context listed in icp-kubernetes-clusters", () => {
            const provider = k8sProviderInput("prod", { context: "ack-prod-hz" });
            const [binding] = bindingsOf([k8sProvider("prod", { context: "ack-prod-hz" }), ingress("a", rules(["www.unfiled.com"]), provider)], {}, clusters);
            assert.strictEqual(binding.served.where, "mainland");
            assert.match(binding.served.because, /context "ack-prod-hz" \(the context of provider 'prod'\).*icp-kubernetes-clusters clusters\[0\]/);
        });
        it("the default provider's context from stack config kubernetes:context", () => {
            const env = { kubernetesContext: "ack-hk", kubernetesContextOrigin: "stack config kubernetes:context" };
            assert.deepStrictEqual(where(bindingsOf([ingress("a", rules(["www.unfiled.com"]), k8sProviderInput("default_4_34_2"))], env, clusters)), ["outside"]);
        });
        it("a context not listed is undecidable and says how to list it", () => {
            const provider = k8sProviderInput("prod", { context: "other" });
            const [binding] = bindingsOf([k8sProvider("prod", { context: "other" }), ingress("a", rules(["www.unfiled.com"]), provider)], {}, clusters);
            assert.strictEqual(binding.served.where, "undecidable");
            assert.match(binding.served.because, /"context": "other", "region": "<region>"/);
        });
        it("objects without a provider (rendered manifests) with --kube-region", () => {
            assert.deepStrictEqual(where(bindingsOf([ingress("a", rules(["www.unfiled.com"]))], { kubernetesRegion: "cn-shanghai", kubernetesRegionOrigin: "--kube-region" })), ["mainland"]);
        });
    });

    describe("public or private", () => {
        const alb = (addressType: unknown, extra: Record<string, unknown> = {}) =>
            bindingsOf(onAckCluster((p) => [ingressClass("alb", "ingress.k8s.alibabacloud/alb", "alb-config", p), albConfig("alb-config", { ...(addressType !== undefined ? { addressType } : {}), ...extra }, p), ingress("a", rules(["www.unfiled.com"], "alb"), p)]));
        it("ALB IngressClass → AlbConfig: Internet by default, Intranet has no public address", () => {
            assert.deepStrictEqual(where(alb(undefined)), ["mainland"]);
            assert.match(alb(undefined)[0].served.because, /AlbConfig "alb-config" \(addressType not set, so Internet \(the default\)\)/);
            assert.deepStrictEqual(where(alb("Internet")), ["mainland"]);
            const intranet = alb("Intranet");
            assert.deepStrictEqual(where(intranet), ["outside"]);
            assert.match(intranet[0].served.because, /no public address \(spec\.config\.addressType "Intranet"/);
        });
        it("an intranet ALB with a public IPv6 address, a reused ALB and an unknown address type are public", () => {
            assert.deepStrictEqual(where(alb("Intranet", { ipv6AddressType: "Internet" })), ["mainland"]);
            assert.deepStrictEqual(where(alb("Intranet", { id: "alb-123" })), ["mainland"]);
            assert.deepStrictEqual(where(alb(UNKNOWN)), ["mainland"]);
        });
        it("the class from the annotation, and the cluster's default IngressClass", () => {
            const annotated = bindingsOf(onAckCluster((p) => [ingressClass("internal", "ingress.k8s.alibabacloud/alb", "internal", p), albConfig("internal", { addressType: "Intranet" }, p), ingress("a", rules(["www.unfiled.com"]), p, { name: "a", annotations: { "kubernetes.io/ingress.class": "internal" } })]));
            assert.deepStrictEqual(where(annotated), ["outside"]);
            const defaulted = bindingsOf(onAckCluster((p) => [ingressClass("internal", "ingress.k8s.alibabacloud/alb", "internal", p, { "ingressclass.kubernetes.io/is-default-class": "true" }), albConfig("internal", { addressType: "Intranet" }, p), ingress("a", rules(["www.unfiled.com"]), p)]));
            assert.deepStrictEqual(where(defaulted), ["outside"]);
        });
        it("IngressClass and AlbConfig of another cluster (provider) do not count", () => {
            const other = k8sProviderInput("other", { context: "x" });
            const found = bindingsOf(onAckCluster((p) => [ingressClass("alb", "ingress.k8s.alibabacloud/alb", "alb-config", other), albConfig("alb-config", { addressType: "Intranet" }, other), ingress("a", rules(["www.unfiled.com"], "alb"), p)]));
            assert.deepStrictEqual(where(found), ["mainland"]);
        });
        it("nginx: private only when the cluster's add-on config says IngressSlbNetworkType intranet", () => {
            const nginx = (config: string) => [
                { ...ackCluster("cluster"), props: { ...ackCluster("cluster").props, addons: [{ name: "nginx-ingress-controller", config }] } },
                k8sProvider("ack", { kubeconfig: UNKNOWN }, ["cluster"]),
                ingress("a", rules(["www.unfiled.com"], "nginx"), k8sProviderInput("ack")),
            ];
            assert.deepStrictEqual(where(bindingsOf(nginx(JSON.stringify({ IngressSlbNetworkType: "intranet" })))), ["outside"]);
            assert.deepStrictEqual(where(bindingsOf(nginx(JSON.stringify({ IngressSlbNetworkType: "internet" })))), ["mainland"]);
            const addon = [ackCluster("cluster"), { name: "addon", type: "alicloud:cs/kubernetesAddon:KubernetesAddon", props: { clusterId: UNKNOWN, name: "nginx-ingress-controller", config: '{"IngressSlbNetworkType":"intranet"}' }, dependsOn: { clusterId: ["cluster"] } }, k8sProvider("ack", { kubeconfig: UNKNOWN }, ["cluster"]), ingress("a", rules(["www.unfiled.com"], "nginx"), k8sProviderInput("ack"))];
            assert.deepStrictEqual(where(bindingsOf(addon)), ["outside"]);
        });
        it("an unresolvable class (MSE, unknown at preview, no IngressClass) is public", () => {
            assert.deepStrictEqual(where(bindingsOf(onAckCluster((p) => [ingress("a", rules(["www.unfiled.com"], "mse"), p)]))), ["mainland"]);
            assert.deepStrictEqual(where(bindingsOf(onAckCluster((p) => [ingress("a", { ...rules(["www.unfiled.com"]), ingressClassName: UNKNOWN }, p)]))), ["mainland"]);
        });
        it("a private load balancer needs no filing even when the cluster is unknown", () => {
            const found = bindingsOf([ingressClass("alb", "ingress.k8s.alibabacloud/alb", "c"), albConfig("c", { addressType: "Intranet" }), ingress("a", rules(["www.unfiled.com"], "alb"))]);
            assert.deepStrictEqual(where(found), ["outside"]);
        });
    });

    describe("icp-kubernetes-clusters", () => {
        it("reads entries by context", () => {
            const { clusters, problems } = parseKubernetesClusters({ clusters: [{ context: "a", region: "cn-hangzhou", note: "prod" }] });
            assert.deepStrictEqual(problems, []);
            assert.strictEqual(clusters.byContext.get("a")?.region, "cn-hangzhou");
        });
        it("names every problem at once, with did-you-mean for regions and fields", () => {
            const { problems } = parseKubernetesClusters({ clusters: [{ context: "a", region: "cn-hangzou" }, { context: "a", region: "cn-beijing" }, { contxt: "b", region: "mars" }, "x"], cluster: [] });
            assert.deepStrictEqual(problems, [
                'icp-kubernetes-clusters: unknown option "cluster"; did you mean "clusters"?',
                'icp-kubernetes-clusters: clusters[0].region "cn-hangzou" is not an Alibaba Cloud region ID; did you mean "cn-hangzhou"?',
                'icp-kubernetes-clusters: clusters[1].context "a" is also clusters[0]; list each context once',
                'icp-kubernetes-clusters: clusters[2]: unknown field "contxt"; did you mean "context"?',
                "icp-kubernetes-clusters: clusters[2].context is missing: the kubeconfig context the provider uses",
                'icp-kubernetes-clusters: clusters[2].region "mars" is not an Alibaba Cloud region ID (e.g. cn-hangzhou, cn-hongkong, ap-southeast-1)',
                'icp-kubernetes-clusters: clusters[3] must be an object {"context": …, "region": …}',
            ]);
        });
        it("accepts an unlisted cn-* region that is no typo (a new mainland region)", () => {
            assert.deepStrictEqual(parseKubernetesClusters({ clusters: [{ context: "a", region: "cn-newcity-1" }] }).problems, []);
        });
    });
});
