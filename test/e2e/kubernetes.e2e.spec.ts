/**
 * End to end: host names published through Kubernetes on ACK, through the real pack started as the
 * engine starts it. AnalyzeStack carries what the engine sends for a `@pulumi/kubernetes` program
 * (objects with their provider `pulumi:providers:kubernetes`, the provider's kubeconfig as a secret
 * with its property dependency on the ACK cluster); the config-only `icp-kubernetes-clusters` is
 * declared, validated by the engine's rules, sent in Configure and refused by the pack when broken.
 */
import * as assert from "assert";
import { AnalyzerInfo, Diagnostic, isCantRunDiagnostic, PackProcess, PolicyConfigError, ProviderInput, ResourceInput, reconcileConfig } from "../../tools/engine-client";
import { provider, urnOf } from "../helpers/fixtures";
import { startedForPreview, writeTempFile } from "../helpers/e2e";
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN } from "../../lib/model/values";

const FILINGS = "filings:\n  - domain: filed-example.com\n    icp: 浙ICP备2023012345号-1\n    accessProviders: [alibaba]\n";
const CLUSTER = "alicloud:cs/managedKubernetes:ManagedKubernetes";
const K8S = "pulumi:providers:kubernetes";
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const KUBECONFIG_TEXT = "apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    client-key-data: c2VjcmV0LWtleS1tYXRlcmlhbA==\n";
const secret = (value: unknown) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });

const cluster: ResourceInput = { urn: urnOf(CLUSTER, "prod"), type: CLUSTER, name: "prod", props: { clusterSpec: "ack.pro.small", id: UNKNOWN }, provider: provider("cn-hangzhou") };
const providerProps = { kubeconfig: secret(KUBECONFIG_TEXT), version: "4.34.2" };
const ack: ResourceInput = { urn: urnOf(K8S, "ack"), type: K8S, name: "ack", props: providerProps, propertyDependencies: { kubeconfig: [cluster.urn] }, dependencies: [cluster.urn] };
const ackProvider: ProviderInput = { urn: ack.urn, type: K8S, name: "ack", props: providerProps };
const storefront = (hosts: string[], withProvider: ProviderInput = ackProvider): ResourceInput => ({
    urn: urnOf(INGRESS, "storefront"),
    type: INGRESS,
    name: "storefront",
    props: {
        apiVersion: "networking.k8s.io/v1",
        kind: "Ingress",
        metadata: { name: "storefront", namespace: "shop" },
        spec: { ingressClassName: "alb", rules: hosts.map((host) => ({ host, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } })) },
        status: UNKNOWN,
    },
    provider: withProvider,
});
const found = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.urn]);

describe("e2e: Kubernetes on ACK", function () {
    this.timeout(120_000);
    let pack: PackProcess | undefined;
    afterEach(async () => {
        await pack?.close();
        pack = undefined;
    });

    async function started(env: Record<string, string | undefined> = {}): Promise<{ pack: PackProcess; info: AnalyzerInfo }> {
        const started = await startedForPreview({ ICP_GUARD_FILINGS: writeTempFile("icp-filings.yaml", FILINGS), ...env });
        pack = started.pack;
        return started;
    }

    it("blocks an unfiled Ingress host on a mainland cluster, naming the object, the cluster and its region; never prints the kubeconfig", async () => {
        const { pack, info } = await started();
        await pack.configure(info, {});
        for (const resource of [cluster, ack, storefront(["shop.unfiled-example.com", "www.filed-example.com"])]) assert.deepStrictEqual(await pack.analyze(resource), []);
        const diagnostics = await pack.analyzeStack([cluster, ack, storefront(["shop.unfiled-example.com", "www.filed-example.com"])]);
        assert.deepStrictEqual(found(diagnostics), [["icp-domain-unfiled", "mandatory", urnOf(INGRESS, "storefront")]]);
        const [message] = diagnostics.map((d) => d.message);
        for (const text of ["shop.unfiled-example.com", "Ingress shop/storefront", 'cs.ManagedKubernetes "prod"', "cn-hangzhou", "接入阿里云"]) assert.ok(message.includes(text), `${text} in:\n${message}`);
        for (const diagnostic of diagnostics) {
            assert.ok(!isCantRunDiagnostic(diagnostic));
            assert.ok(!diagnostic.message.includes("c2VjcmV0LWtleS1tYXRlcmlhbA=="), "no kubeconfig content in messages");
        }
    });

    it("declares icp-kubernetes-clusters; the engine refuses an entry without a region before Configure", async () => {
        const { info } = await started();
        const declared = info.policies.find((p) => p.name === "icp-kubernetes-clusters");
        assert.ok(declared, "declared to the engine");
        assert.deepStrictEqual(Object.keys(declared.configSchema?.properties ?? {}), ["clusters"]);
        assert.ok(!declared.configSchema?.required || declared.configSchema.required.length === 0);
        reconcileConfig(info, {});
        reconcileConfig(info, { "icp-kubernetes-clusters": { clusters: [{ context: "ack-prod-hz", region: "cn-hangzhou" }] } });
        assert.throws(() => reconcileConfig(info, { "icp-kubernetes-clusters": { clusters: [{ context: "ack-prod-hz" }] } }), PolicyConfigError);
    });

    it("places the default provider's objects by the stack config kubernetes:context listed in icp-kubernetes-clusters", async () => {
        const defaultProvider = { urn: urnOf(K8S, "default_4_34_2"), type: K8S, name: "default_4_34_2", props: { version: "4.34.2", context: "ack-prod-hz" } };
        const { pack, info } = await started({ PULUMI_CONFIG: JSON.stringify({ "kubernetes:context": "ack-prod-hz" }) });
        await pack.configure(info, { "icp-kubernetes-clusters": { clusters: [{ context: "ack-prod-hz", region: "cn-hangzhou" }] } });
        const diagnostics = await pack.analyzeStack([{ ...defaultProvider, props: defaultProvider.props }, storefront(["shop.unfiled-example.com"], defaultProvider)]);
        assert.deepStrictEqual(found(diagnostics), [["icp-domain-unfiled", "mandatory", urnOf(INGRESS, "storefront")]]);
        assert.match(diagnostics[0].message, /context "ack-prod-hz".*icp-kubernetes-clusters clusters\[0\]/);
    });

    it("without a cluster it can place: advisory icp-binding-undecidable naming what to configure (never a silent pass)", async () => {
        const defaultProvider = { urn: urnOf(K8S, "default_4_34_2"), type: K8S, name: "default_4_34_2", props: { version: "4.34.2" } };
        const { pack, info } = await started();
        await pack.configure(info, {});
        const diagnostics = await pack.analyzeStack([{ ...defaultProvider }, storefront(["shop.unfiled-example.com"], defaultProvider)]);
        assert.deepStrictEqual(found(diagnostics), [["icp-binding-undecidable", "advisory", urnOf(INGRESS, "storefront")]]);
        assert.match(diagnostics[0].message, /icp-kubernetes-clusters/);
    });

    it("refuses to analyse with a broken icp-kubernetes-clusters, naming every problem", async () => {
        const { pack, info } = await started();
        const broken = { clusters: [{ context: "a", region: "cn-hangzou" }, { context: "a", region: "cn-beijing" }] };
        reconcileConfig(info, { "icp-kubernetes-clusters": broken });
        await pack.configure(info, { "icp-kubernetes-clusters": broken });
        await assert.rejects(pack.analyzeStack([cluster, ack, storefront(["shop.unfiled-example.com"])]), (error: Error) => {
            assert.match(error.message, /clusters\[0\]\.region "cn-hangzou" is not an Alibaba Cloud region ID; did you mean "cn-hangzhou"\?/);
            assert.match(error.message, /clusters\[1\]\.context "a" is also clusters\[0\]/);
            return true;
        });
    });
});
