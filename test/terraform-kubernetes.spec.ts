/**
 * Kubernetes through Terraform: hashicorp/kubernetes resources (`kubernetes_ingress_v1`,
 * `kubernetes_ingress`, `kubernetes_ingress_class_v1`, `kubernetes_manifest` for Gateway API and
 * AlbConfig) in `terraform show -json` plans, placed by the `provider "kubernetes"` block's references
 * to an ACK cluster (a resource, `data.alicloud_cs_cluster_credential` → its `cluster_id`, or a
 * cluster-listing data source), or by its `config_context` listed in `icp-kubernetes-clusters`.
 * Plans are written as Terraform writes them (test/helpers/terraform-plan.ts); resource and block
 * names from hashicorp/terraform-provider-kubernetes 3a33fb6cc605 (`kubernetes/provider.go`,
 * `resource_kubernetes_ingress_v1.go`, `resource_kubernetes_ingress_class_v1.go`).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/icp-guard";
import { constant, PlanResource, PlanSpec, ref, terraformPlan } from "./helpers/terraform-plan";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-tf-k8s-"));
const REGISTRY = path.join(dir, "icp-filings.yaml");
fs.writeFileSync(REGISTRY, "filings:\n  - domain: filed-example.com\n    icp: 浙ICP备2023012345号-1\n    accessProviders: [alibaba]\n  - domain: filed-elsewhere-example.com\n    icp: 浙ICP备2023054321号-1\n    accessProviders: [tencent]\n");
const ENV = { ICP_GUARD_FILINGS: REGISTRY, ALICLOUD_REGION: undefined, ALIBABA_CLOUD_REGION: undefined, PULUMI_CONFIG: undefined } as NodeJS.ProcessEnv;

const ALICLOUD = { name: "alicloud", full_name: "registry.terraform.io/aliyun/alicloud", expressions: { region: constant("cn-hangzhou") } };
const KUBERNETES = (expressions: Record<string, unknown>) => ({ name: "kubernetes", full_name: "registry.terraform.io/hashicorp/kubernetes", expressions });
const CLUSTER: PlanResource = { type: "alicloud_cs_managed_kubernetes", name: "k8s", values: { cluster_spec: "ack.pro.small", worker_vswitch_ids: ["vsw-1"] }, unknown: { id: true, connections: true } };
const CREDENTIAL = { type: "alicloud_cs_cluster_credential", name: "c", expressions: { cluster_id: ref("alicloud_cs_managed_kubernetes.k8s.id", "alicloud_cs_managed_kubernetes.k8s") } };
const FROM_CREDENTIAL = {
    host: ref("alicloud_cs_managed_kubernetes.k8s.connections.api_server_internet", "alicloud_cs_managed_kubernetes.k8s.connections", "alicloud_cs_managed_kubernetes.k8s"),
    client_certificate: ref("data.alicloud_cs_cluster_credential.c.certificate_authority.client_cert", "data.alicloud_cs_cluster_credential.c"),
};

/** A `kubernetes_ingress_v1` as Terraform writes it: `metadata` and `spec` blocks as one-element lists, `rule` blocks. */
const ingressV1 = (name: string, hosts: string[], ingressClassName = "alb"): PlanResource => ({
    type: "kubernetes_ingress_v1",
    name,
    values: {
        metadata: [{ name, namespace: "shop", annotations: null, labels: null }],
        spec: [{ ingress_class_name: ingressClassName, default_backend: [], rule: hosts.map((host) => ({ host, http: [{ path: [{ path: "/", path_type: "Prefix", backend: [{ service: [{ name: "web", port: [{ number: 80, name: "" }] }] }] }] }] })), tls: [] }],
        wait_for_load_balancer: null,
    },
    unknown: { status: true },
    providerKey: "kubernetes",
});

const manifest = (name: string, object: Record<string, unknown>): PlanResource => ({ type: "kubernetes_manifest", name, values: { manifest: object, computed_fields: null, field_manager: [], timeouts: null, wait: [], wait_for: null }, unknown: { object: true }, providerKey: "kubernetes" });

interface JsonReport {
    summary: { mandatory: number; advisory: number };
    findings: { policy: string; level: string; urn: string; address?: string; message: string }[];
}

async function check(spec: PlanSpec, args: string[] = []): Promise<{ code: number; report: JsonReport; stderr: string }> {
    const file = path.join(dir, `plan-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, JSON.stringify(terraformPlan(spec)));
    const result = await main(["check", file, "--format", "json", ...args], { env: ENV, cwd: dir });
    return { code: result.code, report: result.stdout ? (JSON.parse(result.stdout) as JsonReport) : { summary: { mandatory: 0, advisory: 0 }, findings: [] }, stderr: result.stderr };
}
const found = (report: JsonReport) => report.findings.map((f) => [f.policy, f.level, f.address]);

describe("Terraform: Kubernetes on ACK (hashicorp/kubernetes)", function () {
    this.timeout(120_000);

    it("kubernetes_ingress_v1 on a provider whose host and credentials come from the cluster (and its credential data source): the unfiled host is blocked, the filed one passes", async () => {
        const { code, report } = await check({
            resources: [CLUSTER, ingressV1("storefront", ["shop.unfiled-example.com", "www.filed-example.com"])],
            providerConfig: { alicloud: ALICLOUD, kubernetes: KUBERNETES(FROM_CREDENTIAL) },
            dataSources: [CREDENTIAL],
        });
        assert.strictEqual(code, 1);
        assert.deepStrictEqual(found(report), [["icp-domain-unfiled", "mandatory", "kubernetes_ingress_v1.storefront"]]);
        assert.match(report.findings[0].message, /Ingress shop\/storefront runs on ACK managed cluster alicloud_cs_managed_kubernetes\.k8s .*region cn-hangzhou/);
    });

    it("through data.alicloud_cs_cluster_credential's cluster_id alone", async () => {
        const { report } = await check({
            resources: [CLUSTER, ingressV1("storefront", ["shop.unfiled-example.com"])],
            providerConfig: { alicloud: ALICLOUD, kubernetes: KUBERNETES({ client_certificate: FROM_CREDENTIAL.client_certificate }) },
            dataSources: [CREDENTIAL],
        });
        assert.deepStrictEqual(found(report), [["icp-domain-unfiled", "mandatory", "kubernetes_ingress_v1.storefront"]]);
    });

    // The shape of NewbMiao/terraform-koans `tfe/tfe-agent/providers.tf` and `data.tf` (commit 0bbd3f0c6ccd1bd51e131b4a589174e563c0a59b):
    // provider "alicloud" {} and a kubernetes provider whose host comes from data.alicloud_cs_managed_kubernetes_clusters.cluster
    // and whose certificates come from data.alicloud_cs_cluster_credential, itself on that data source's cluster id.
    const lookedUp = (alicloud: Record<string, unknown>): PlanSpec => ({
        resources: [ingressV1("storefront", ["shop.unfiled-example.com"])],
        providerConfig: {
            alicloud,
            kubernetes: KUBERNETES({
                host: ref("data.alicloud_cs_managed_kubernetes_clusters.cluster.clusters[0].connections.api_server_internet", "data.alicloud_cs_managed_kubernetes_clusters.cluster"),
                client_certificate: ref("data.alicloud_cs_cluster_credential.cluster_credential.certificate_authority.client_cert", "data.alicloud_cs_cluster_credential.cluster_credential"),
            }),
        },
        dataSources: [
            { type: "alicloud_cs_managed_kubernetes_clusters", name: "cluster", expressions: { name_regex: constant("ack-tfc-agent"), enable_details: constant(true) } },
            { type: "alicloud_cs_cluster_credential", name: "cluster_credential", expressions: { cluster_id: ref("data.alicloud_cs_managed_kubernetes_clusters.cluster.clusters[0].id", "data.alicloud_cs_managed_kubernetes_clusters.cluster") } },
        ],
    });
    it("a cluster looked up by a data source is placed in that data source's provider region (provider \"alicloud\" {}: cn-beijing, the provider's default)", async () => {
        const { report } = await check(lookedUp({ name: "alicloud", full_name: "registry.terraform.io/aliyun/alicloud" }));
        assert.deepStrictEqual(found(report), [["icp-domain-unfiled", "mandatory", "kubernetes_ingress_v1.storefront"]]);
        assert.match(report.findings[0].message, /data\.alicloud_cs_managed_kubernetes_clusters\.cluster.*cn-beijing/);
        const hongkong = await check(lookedUp({ name: "alicloud", full_name: "registry.terraform.io/aliyun/alicloud", expressions: { region: constant("cn-hongkong") } }));
        assert.deepStrictEqual(found(hongkong.report), []);
    });

    it("kubernetes_manifest: an ALB IngressClass whose AlbConfig is Intranet leaves the host unpublished; Gateway API routes are read from their manifest", async () => {
        const base = { providerConfig: { alicloud: ALICLOUD, kubernetes: KUBERNETES(FROM_CREDENTIAL) }, dataSources: [CREDENTIAL] };
        const intranet = await check({
            ...base,
            resources: [
                CLUSTER,
                manifest("albconfig", { apiVersion: "alibabacloud.com/v1", kind: "AlbConfig", metadata: { name: "internal" }, spec: { config: { addressType: "Intranet" } } }),
                { type: "kubernetes_ingress_class_v1", name: "internal", values: { metadata: [{ name: "internal" }], spec: [{ controller: "ingress.k8s.alibabacloud/alb", parameters: [{ api_group: "alibabacloud.com", kind: "AlbConfig", name: "internal", namespace: null, scope: "Cluster" }] }] }, providerKey: "kubernetes" },
                ingressV1("admin", ["admin.unfiled-example.com"], "internal"),
            ],
        });
        assert.deepStrictEqual(found(intranet.report), []);
        const routes = await check({
            ...base,
            resources: [
                CLUSTER,
                manifest("gateway", { apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", metadata: { name: "gw", namespace: "shop" }, spec: { gatewayClassName: "alb", listeners: [{ name: "http", port: 80, protocol: "HTTP", hostname: "*.unfiled-example.com" }] } }),
                manifest("route", { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "shop", namespace: "shop" }, spec: { parentRefs: [{ name: "gw" }], hostnames: ["www.filed-example.com"] } }),
            ],
        });
        assert.deepStrictEqual(found(routes.report), [["icp-domain-unfiled", "mandatory", "kubernetes_manifest.gateway"]]);
    });

    it("legacy kubernetes_ingress (annotation class, TLS hosts of a rule without host) and the provider's Gateway API resources; a filing not accessed at Alibaba is named", async () => {
        const base = { providerConfig: { alicloud: ALICLOUD, kubernetes: KUBERNETES(FROM_CREDENTIAL) }, dataSources: [CREDENTIAL] };
        const { report } = await check({
            ...base,
            resources: [
                CLUSTER,
                {
                    type: "kubernetes_ingress",
                    name: "legacy",
                    values: {
                        metadata: [{ name: "legacy", namespace: "shop", annotations: { "kubernetes.io/ingress.class": "nginx" } }],
                        spec: [{ backend: [], rule: [{ host: "", http: [{ path: [{ path: "/", backend: [{ service_name: "web", service_port: "80" }] }] }] }], tls: [{ hosts: ["tls.unfiled-example.com"], secret_name: "tls" }] }],
                    },
                    providerKey: "kubernetes",
                },
                {
                    type: "kubernetes_gateway_v1",
                    name: "gw",
                    values: { metadata: [{ name: "gw", namespace: "shop" }], spec: [{ gateway_class_name: "alb", listeners: [{ name: "https", port: 443, protocol: "HTTPS", hostname: "*.filed-elsewhere-example.com" }] }] },
                    providerKey: "kubernetes",
                },
                {
                    type: "kubernetes_http_route_v1",
                    name: "route",
                    values: { metadata: [{ name: "route", namespace: "shop" }], spec: [{ hostnames: ["api.unfiled-example.com"], parent_refs: [{ name: "gw" }] }] },
                    providerKey: "kubernetes",
                },
            ],
        });
        assert.deepStrictEqual(found(report).sort(), [
            ["icp-domain-unfiled", "mandatory", "kubernetes_http_route_v1.route"],
            ["icp-domain-unfiled", "mandatory", "kubernetes_ingress.legacy"],
            ["icp-filing-not-accessed-at-alibaba", "mandatory", "kubernetes_gateway_v1.gw"],
        ]);
        assert.match(report.findings.find((f) => f.address === "kubernetes_http_route_v1.route")!.message, /Gateway shop\/gw/);
    });

    it("a manifest whose hosts are not known until apply is undecidable, not passed", async () => {
        const { report } = await check({
            resources: [CLUSTER, { ...manifest("route", { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "shop", namespace: "shop" }, spec: { hostnames: null } }), unknown: { object: true, manifest: { spec: { hostnames: true } } } }],
            providerConfig: { alicloud: ALICLOUD, kubernetes: KUBERNETES(FROM_CREDENTIAL) },
            dataSources: [CREDENTIAL],
        });
        assert.deepStrictEqual(found(report), [["icp-binding-undecidable", "advisory", "kubernetes_manifest.route"]]);
    });

    it("a manifest whose kind is not known until apply may be an Ingress or a route: undecidable on a mainland cluster, passed on a Hong Kong one; a known kind without hosts is not", async () => {
        const base = { providerConfig: { alicloud: ALICLOUD, kubernetes: KUBERNETES(FROM_CREDENTIAL) }, dataSources: [CREDENTIAL] };
        // The whole manifest unknown at plan time (e.g. yamldecode of a file rendered at apply).
        const wholeUnknown = { ...manifest("generated", {}), values: { manifest: null, computed_fields: null, field_manager: [], timeouts: null, wait: [], wait_for: null }, unknown: { object: true, manifest: true } };
        const whole = await check({ ...base, resources: [CLUSTER, wholeUnknown] });
        assert.deepStrictEqual(found(whole.report), [["icp-binding-undecidable", "advisory", "kubernetes_manifest.generated"]]);
        assert.match(whole.report.findings[0].message, /kind not known until apply/);
        // Only the kind unknown.
        const kindUnknown = { ...manifest("routed", { apiVersion: "gateway.networking.k8s.io/v1", kind: null, metadata: { name: "shop", namespace: "shop" }, spec: { hostnames: ["www.unfiled-example.com"] } }), unknown: { object: true, manifest: { kind: true } } };
        const kind = await check({ ...base, resources: [CLUSTER, kindUnknown] });
        assert.deepStrictEqual(found(kind.report), [["icp-binding-undecidable", "advisory", "kubernetes_manifest.routed"]]);
        // Decided from what is known: the cluster is in Hong Kong, so whatever the object is, no filing is needed.
        const hongkong = await check({ ...base, providerConfig: { ...base.providerConfig, alicloud: { ...ALICLOUD, expressions: { region: constant("cn-hongkong") } } }, resources: [CLUSTER, wholeUnknown] });
        assert.deepStrictEqual(found(hongkong.report), []);
        // A known kind that publishes no host (a ConfigMap whose apiVersion is unknown) is not a binding.
        const configMap = { ...manifest("settings", { apiVersion: null, kind: "ConfigMap", metadata: { name: "settings" }, data: { a: "b" } }), unknown: { object: true, manifest: { apiVersion: true } } };
        assert.deepStrictEqual(found((await check({ ...base, resources: [CLUSTER, configMap] })).report), []);
    });

    it("a provider with config_context: placed by icp-kubernetes-clusters, else undecidable naming the provider block's fix", async () => {
        const spec: PlanSpec = { resources: [ingressV1("storefront", ["shop.unfiled-example.com"])], providerConfig: { alicloud: ALICLOUD, kubernetes: KUBERNETES({ config_path: constant("~/.kube/config"), config_context: constant("ack-prod-hz") }) } };
        const config = path.join(dir, "clusters.json");
        fs.writeFileSync(config, JSON.stringify({ "icp-kubernetes-clusters": { clusters: [{ context: "ack-prod-hz", region: "cn-hangzhou" }] } }));
        assert.deepStrictEqual(found((await check(spec, ["--config", config])).report), [["icp-domain-unfiled", "mandatory", "kubernetes_ingress_v1.storefront"]]);
        const unplaced = await check(spec);
        assert.deepStrictEqual(found(unplaced.report), [["icp-binding-undecidable", "advisory", "kubernetes_ingress_v1.storefront"]]);
        assert.match(unplaced.report.findings[0].message, /icp-kubernetes-clusters/);
        const noContext = await check({ ...spec, providerConfig: { alicloud: ALICLOUD, kubernetes: KUBERNETES({ config_path: constant("~/.kube/config") }) } });
        assert.match(noContext.report.findings[0].message, /take the provider block's host and credentials from the cluster/);
    });
});
