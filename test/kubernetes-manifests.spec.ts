/**
 * `icp-guard check` and `domains` over rendered Kubernetes manifests (lib/inputs/kubernetes/
 * manifests.ts): multi-document YAML as `helm template`, `kustomize build` and `kubectl get -o yaml`
 * print it, placed on a cluster by --kube-region or --kube-context, with IngressClass and AlbConfig
 * of the same files deciding exposure, and `# Source:` comments as the findings' locations.
 *
 * Real samples (test/fixtures/kubernetes/PROVENANCE.md): Helm's golden `helm template` output and
 * ingress-nginx's rendered deploy.yaml. Documents written here follow the format helm/helm
 * pkg/cmd/template.go writes (`"---\n# Source: %s\n%s\n"`, at e9b85e4de16a) and the `List` that
 * kubectl prints for `get -o yaml` (apiVersion v1, kind List, items).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/icp-guard";

const FIXTURES = path.resolve(__dirname, "..", "..", "test", "fixtures", "kubernetes");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-manifests-"));
const REGISTRY = path.join(dir, "icp-filings.yaml");
fs.writeFileSync(REGISTRY, "filings:\n  - domain: filed-example.com\n    icp: 浙ICP备2023012345号-1\n    accessProviders: [alibaba]\n");
const ENV = { ICP_GUARD_FILINGS: REGISTRY, ALICLOUD_REGION: undefined, ALIBABA_CLOUD_REGION: undefined, PULUMI_CONFIG: undefined } as NodeJS.ProcessEnv;
const CONFIG = path.join(dir, "config.json");
fs.writeFileSync(CONFIG, JSON.stringify({ "icp-kubernetes-clusters": { clusters: [{ context: "ack-prod-hz", region: "cn-hangzhou" }, { context: "ack-hk", region: "cn-hongkong" }] } }));

const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
};

/** A chart's output as `helm template shop ./shop` prints it. */
const HELM_OUTPUT = [
    "---",
    "# Source: shop/templates/service.yaml",
    "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n",
    "---",
    "# Source: shop/templates/secret.yaml",
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\nstringData:\n  token: s3cr3t-value-never-shown\n",
    "---",
    "# Source: shop/templates/ingress.yaml",
    "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: storefront\n  namespace: shop\nspec:\n  ingressClassName: alb\n  rules:\n  - host: shop.unfiled-example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n  - host: www.filed-example.com\n",
    "",
].join("\n");

interface JsonReport {
    summary: { mandatory: number; advisory: number };
    findings: { policy: string; level: string; message: string; location?: { file: string; line: number } }[];
}

async function check(files: string[], args: string[]): Promise<{ code: number; stdout: string; stderr: string; report?: JsonReport }> {
    const result = await main(["check", ...files, ...args], { env: ENV, cwd: dir });
    let report: JsonReport | undefined;
    try {
        report = JSON.parse(result.stdout) as JsonReport;
    } catch {
        report = undefined;
    }
    return { code: result.code, stdout: result.stdout, stderr: result.stderr, report };
}

describe("check: rendered Kubernetes manifests", function () {
    this.timeout(120_000);

    it("helm template output on a mainland cluster (--kube-region): the unfiled host is blocked at its template's path; the Secret is never read", async () => {
        const file = write("rendered.yaml", HELM_OUTPUT);
        const { code, report, stdout } = await check([file], ["--kube-region", "cn-hangzhou", "--format", "json"]);
        assert.strictEqual(code, 1);
        assert.deepStrictEqual(
            report!.findings.map((f) => [f.policy, f.location]),
            [["icp-domain-unfiled", { file: "shop/templates/ingress.yaml", line: 1 }]],
        );
        assert.match(report!.findings[0].message, /Ingress shop\/storefront runs on the cluster given by --kube-region.*cn-hangzhou/);
        assert.doesNotMatch(stdout, /s3cr3t/);
        const sarif = await check([file], ["--kube-region", "cn-hangzhou", "--format", "sarif"]);
        assert.match(sarif.stdout, /"uri": ?"shop\/templates\/ingress.yaml"/);
        const github = await check([file], ["--kube-region", "cn-hangzhou", "--format", "github", "--source-root", "charts"]);
        assert.match(github.stdout, /^::error file=charts\/shop\/templates\/ingress.yaml,line=1/m);
    });

    it("--kube-context from icp-kubernetes-clusters; a Hong Kong cluster needs no filing; a context not listed, or both options, is refused", async () => {
        const file = write("rendered-ctx.yaml", HELM_OUTPUT);
        assert.strictEqual((await check([file], ["--kube-context", "ack-prod-hz", "--config", CONFIG, "--format", "json"])).code, 1);
        const hk = await check([file], ["--kube-context", "ack-hk", "--config", CONFIG, "--format", "json"]);
        assert.deepStrictEqual([hk.code, hk.report!.findings], [0, []]);
        const unknown = await check([file], ["--kube-context", "ack-prod-bj", "--config", CONFIG]);
        assert.strictEqual(unknown.code, 2);
        assert.match(unknown.stderr, /--kube-context "ack-prod-bj" is not listed in icp-kubernetes-clusters of --config \(it lists "ack-prod-hz", "ack-hk"\)/);
        assert.match((await check([file], ["--kube-region", "cn-hangzou"])).stderr, /did you mean "cn-hangzhou"/);
        assert.strictEqual((await check([file], ["--kube-region", "cn-hangzhou", "--kube-context", "ack-hk", "--config", CONFIG])).code, 2);
    });

    it("without a cluster, the unfiled host is undecidable (never a silent pass), naming --kube-region; the filed one needs nothing wherever it runs", async () => {
        const { code, report } = await check([write("rendered-none.yaml", HELM_OUTPUT)], ["--format", "json"]);
        assert.strictEqual(code, 0);
        assert.deepStrictEqual(report!.findings.map((f) => [f.policy, f.level]), [["icp-binding-undecidable", "advisory"]]);
        assert.match(report!.findings[0].message, /shop\.unfiled-example\.com/);
        assert.match(report!.findings[0].message, /--kube-region/);
    });

    it("IngressClass and AlbConfig in the same files (a kubectl List): an Intranet ALB publishes nothing", async () => {
        const list = {
            apiVersion: "v1",
            kind: "List",
            items: [
                { apiVersion: "networking.k8s.io/v1", kind: "IngressClass", metadata: { name: "internal" }, spec: { controller: "ingress.k8s.alibabacloud/alb", parameters: { apiGroup: "alibabacloud.com", kind: "AlbConfig", name: "internal" } } },
                { apiVersion: "alibabacloud.com/v1", kind: "AlbConfig", metadata: { name: "internal" }, spec: { config: { addressType: "Intranet" } } },
                { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "admin", namespace: "ops" }, spec: { ingressClassName: "internal", rules: [{ host: "admin.unfiled-example.com" }] }, status: { loadBalancer: {} } },
            ],
            metadata: { resourceVersion: "" },
        };
        const yaml = `apiVersion: v1\nitems:\n${list.items.map((item) => `- ${JSON.stringify(item)}`).join("\n")}\nkind: List\nmetadata:\n  resourceVersion: ""\n`;
        const fromYaml = await check([write("kubectl-list.yaml", yaml)], ["--kube-region", "cn-hangzhou", "--format", "json"]);
        assert.deepStrictEqual([fromYaml.code, fromYaml.report!.findings], [0, []]);
        const fromJson = await check([write("kubectl-list.json", JSON.stringify(list))], ["--kube-region", "cn-hangzhou", "--format", "json"]);
        assert.deepStrictEqual([fromJson.code, fromJson.report!.findings], [0, []]);
    });

    it("real samples: Helm's golden `helm template` output and ingress-nginx's rendered deploy.yaml are read whole, with no finding; ingress-nginx's IngressClass serves an nginx Ingress given beside it", async () => {
        const helm = await check([path.join(FIXTURES, "helm-template", "template.txt")], ["--kube-region", "cn-hangzhou", "--format", "json"]);
        assert.deepStrictEqual([helm.code, helm.report!.findings], [0, []]);
        assert.match(helm.stderr, /\b8 resources\b/);
        const nginx = await check([path.join(FIXTURES, "ingress-nginx", "deploy.yaml")], ["--kube-region", "cn-hangzhou", "--format", "json"]);
        assert.deepStrictEqual([nginx.code, nginx.report!.findings], [0, []]);
        assert.match(nginx.stderr, /\b19 resources\b/);
        const shop = write("shop-ingress.yaml", "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: storefront\n  namespace: shop\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: shop.unfiled-example.com\n");
        const both = await check([path.join(FIXTURES, "ingress-nginx", "deploy.yaml"), shop], ["--kube-region", "cn-hangzhou", "--format", "json"]);
        assert.strictEqual(both.code, 1);
        assert.deepStrictEqual(both.report!.findings.map((f) => [f.policy, f.location]), [["icp-domain-unfiled", { file: shop, line: 1 }]]);
        assert.match(both.report!.findings[0].message, /IngressClass nginx, controller k8s\.io\/ingress-nginx/);
    });

    it("manifests that cannot be read are refused naming the document; other YAML is not taken for manifests", async () => {
        const broken = await check([write("broken.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: [unclosed\n")], ["--kube-region", "cn-hangzhou"]);
        assert.strictEqual(broken.code, 2);
        assert.match(broken.stderr, /broken\.yaml: document 2 \(line 6\)/);
        const values = await check([write("values.yaml", "replicaCount: 1\ningress:\n  enabled: true\n")], ["--kube-region", "cn-hangzhou"]);
        assert.strictEqual(values.code, 2);
        assert.match(values.stderr, /not in a format icp-guard reads[\s\S]*rendered Kubernetes manifests/);
    });

    it("domains lists a Kubernetes host with its cluster, region and status", async () => {
        const file = write("rendered-domains.yaml", HELM_OUTPUT);
        const result = await main(["domains", file, "--kube-region", "cn-hangzhou", "--format", "json"], { env: ENV, cwd: dir });
        assert.strictEqual(result.code, 0, result.stderr);
        const text = result.stdout;
        assert.match(text, /unfiled-example\.com/);
        assert.match(text, /cn-hangzhou/);
        assert.match(text, /--kube-region/);
        assert.match(text, /"status": ?"unfiled"/);
    });
});
