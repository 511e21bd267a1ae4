/**
 * The endpoint catalog in `icp-guard check --config` and `domains --config`: records of every DNS
 * host (Alibaba Cloud DNS, legacy dns.Record, Route 53, Cloudflare DNS-only and proxied) whose
 * value is catalogued are decided as if the endpoint were in the stack; the stack's own resources
 * win over the catalog, the catalog over mainlandCidrs; a broken catalog stops check; and the
 * catalog of three Terraform CLB states decides the records of a separate DNS state.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/icp-guard";

const REPO = path.resolve(__dirname, "..", "..");
const INFRA = path.join(REPO, "test", "fixtures", "pulumi", "infra-state.json");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-catalog-check-"));
const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
    return file;
};
/** Writes `content` to `<dir>/<subdir>/<name>` (a root module's directory). */
const writeIn = (subdir: string, name: string, content: unknown) => {
    fs.mkdirSync(path.join(dir, subdir), { recursive: true });
    return write(path.join(subdir, name), content);
};

/**
 * A raw state file (`terraform.tfstate`, state format version 4: hashicorp/terraform
 * internal/states/statefile/version4.go stateV4/resourceStateV4/instanceObjectStateV4), root
 * module resources only, one instance each.
 */
function rawState(lineage: string, resources: readonly { type: string; name: string; attributes: Record<string, unknown> }[]): unknown {
    return {
        version: 4,
        terraform_version: "1.9.8",
        serial: 7,
        lineage,
        outputs: {},
        resources: resources.map((r) => ({
            mode: "managed",
            type: r.type,
            name: r.name,
            provider: 'provider["registry.terraform.io/aliyun/alicloud"]',
            instances: [{ schema_version: 0, attributes: r.attributes, sensitive_attributes: [] }],
        })),
        check_results: null,
    };
}

const ENV = { ALICLOUD_REGION: undefined, ALIBABA_CLOUD_REGION: undefined, PULUMI_CONFIG: undefined, ICP_GUARD_FILINGS: undefined } as NodeJS.ProcessEnv;

interface JsonReport {
    // A Terraform finding is identified by its address, a Pulumi one by its URN (lib/reports/formats.ts).
    findings: { policy: string; level: string; urn: string; address?: string; message: string }[];
}

const PROVIDER = "urn:pulumi:dns::network::pulumi:providers:alicloud::default_3_108_0";
/** A DNS stack's export: records given as [type, name, outputs], on a cn-hangzhou default provider. */
function dnsStack(records: readonly [string, string, Record<string, unknown>][]): unknown {
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-11-28T00:00:00Z", version: "v3.248.0" },
            resources: [
                { urn: PROVIDER, type: "pulumi:providers:alicloud", custom: true, id: "prov-1", inputs: { region: "cn-hangzhou" }, outputs: { region: "cn-hangzhou" } },
                ...records.map(([type, name, props]) => ({
                    urn: `urn:pulumi:dns::network::${type}::${name}`,
                    type,
                    custom: true,
                    id: `${name}-id`,
                    inputs: props,
                    outputs: props,
                    ...(type.startsWith("alicloud:") ? { provider: `${PROVIDER}::prov-1` } : {}),
                })),
            ],
        },
    };
}

async function catalogConfig(files: string[], extra: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = ENV): Promise<string> {
    const built = await main(["endpoints", ...files], env);
    assert.strictEqual(built.code, 0, built.stderr);
    return write(`config-${Math.random().toString(36).slice(2)}.json`, { "icp-endpoint-catalog": JSON.parse(built.stdout), ...extra });
}

async function check(files: string[], config: string): Promise<{ code: number; report: JsonReport; stderr: string }> {
    const result = await main(["check", ...files, "--config", config, "--format", "json"], ENV);
    assert.ok([0, 1].includes(result.code), result.stderr);
    return { code: result.code, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
}

const outcome = (report: JsonReport) => report.findings.map((f) => [f.urn.split("::").pop(), f.policy, f.level]).sort((a, b) => String(a).localeCompare(String(b)));

describe("the endpoint catalog in check and domains", () => {
    let config: string;
    before(async () => {
        config = await catalogConfig([INFRA]);
    });

    it("decides records of every DNS host to catalogued endpoints (Alidns, legacy dns.Record, Route 53, Cloudflare DNS-only and proxied)", async () => {
        const stack = write(
            "dns.json",
            dnsStack([
                ["alicloud:dns/alidnsRecord:AlidnsRecord", "alidns", { domainName: "unfiled-example.com", rr: "app", type: "A", value: "47.97.10.1" }],
                ["alicloud:dns/record:Record", "legacy", { name: "unfiled-example.com", hostRecord: "legacy", type: "A", value: "47.97.10.2" }],
                ["aws:route53/record:Record", "route53", { zoneId: "Z123", name: "r53.unfiled-example.com", type: "A", ttl: 300, records: ["47.97.10.1"] }],
                ["cloudflare:index/record:Record", "cf-dns-only", { zoneId: "abc", name: "cf.unfiled-example.com", type: "A", content: "47.97.10.2", proxied: false }],
                ["cloudflare:index/record:Record", "cf-proxied", { zoneId: "abc", name: "edge.unfiled-example.com", type: "A", content: "47.97.10.1", proxied: true }],
                ["aws:route53/record:Record", "route53-hk", { zoneId: "Z123", name: "hk.unfiled-example.com", type: "A", ttl: 300, records: ["47.242.10.3"] }],
                ["cloudflare:index/record:Record", "cf-intranet", { zoneId: "abc", name: "in.unfiled-example.com", type: "A", content: "30.10.1.5", proxied: false }],
            ]),
        );
        const { code, report } = await check([stack], config);
        assert.strictEqual(code, 1);
        assert.deepStrictEqual(
            outcome(report).filter(([, , level]) => level === "mandatory"),
            [
                ["alidns", "icp-domain-unfiled", "mandatory"],
                ["cf-dns-only", "icp-domain-unfiled", "mandatory"],
                ["cf-proxied", "icp-proxy-mainland-origin", "mandatory"],
                ["legacy", "icp-domain-unfiled", "mandatory"],
                ["route53", "icp-domain-unfiled", "mandatory"],
            ],
        );
        assert.ok(!report.findings.some((f) => /route53-hk|cf-intranet/.test(f.urn)), "Hong Kong and intranet pass");
        const proxied = report.findings.find((f) => f.urn.endsWith("::cf-proxied"))!;
        assert.match(proxied.message, /EIP \(ecs\.EipAddress\) "web-eip" of stack infra\/prod/);
    });

    it("the stack's own resources win over the catalog; the catalog wins over mainlandCidrs", async () => {
        // The stack itself holds 47.242.10.3 as a mainland EIP (the catalog says a Hong Kong CLB): the stack is the current truth.
        const stack = dnsStack([
            ["alicloud:ecs/eipAddress:EipAddress", "moved-eip", { ipAddress: "47.242.10.3", bandwidth: "5" }],
            ["alicloud:dns/alidnsRecord:AlidnsRecord", "to-moved", { domainName: "unfiled-example.com", rr: "moved", type: "A", value: "47.242.10.3" }],
            ["alicloud:dns/alidnsRecord:AlidnsRecord", "to-hk", { domainName: "unfiled-example.com", rr: "hk", type: "A", value: "47.242.10.9" }],
        ]);
        const { report } = await check([write("stack-wins.json", stack)], config);
        const moved = report.findings.find((f) => f.urn.endsWith("::to-moved") && f.policy === "icp-domain-unfiled");
        assert.ok(moved, JSON.stringify(outcome(report)));
        assert.match(moved.message, /is an output of ecs\.EipAddress "moved-eip"/);
        assert.doesNotMatch(moved.message, /endpoint catalog/);

        // mainlandCidrs says every 47.242.0.0/16 address is mainland; the catalog knows 47.242.10.3 is Hong Kong.
        const withCidrs = await catalogConfig([INFRA], { "icp-binding-undecidable": { mainlandCidrs: ["47.242.0.0/16"] } });
        const records = dnsStack([
            ["alicloud:dns/alidnsRecord:AlidnsRecord", "hk-clb", { domainName: "unfiled-example.com", rr: "hk", type: "A", value: "47.242.10.3" }],
            ["alicloud:dns/alidnsRecord:AlidnsRecord", "in-range", { domainName: "unfiled-example.com", rr: "other", type: "A", value: "47.242.99.1" }],
        ]);
        const cidrs = await check([write("cidrs.json", records)], withCidrs);
        assert.deepStrictEqual(outcome(cidrs.report), [["in-range", "icp-domain-unfiled", "mandatory"]]);
    });

    it("domains lists the domains the catalogued endpoints serve, as check blocks them", async () => {
        const stack = write(
            "dns-domains.json",
            dnsStack([
                ["alicloud:dns/alidnsRecord:AlidnsRecord", "app", { domainName: "unfiled-example.com", rr: "app", type: "A", value: "47.97.10.1" }],
                ["alicloud:dns/alidnsRecord:AlidnsRecord", "hk", { domainName: "hk-only-example.com", rr: "www", type: "A", value: "47.242.10.3" }],
            ]),
        );
        const result = await main(["domains", stack, "--config", config, "--format", "json"], ENV);
        assert.strictEqual(result.code, 0, result.stderr);
        const inventory = JSON.parse(result.stdout) as { domains: { domain: string; status: string; needs: string; bindings: { product: string; region: string | null }[] }[] };
        assert.deepStrictEqual(inventory.domains.map((d) => [d.domain, d.status, d.needs]), [["unfiled-example.com", "unfiled", "alibaba"]]);
        assert.match(inventory.domains[0].bindings[0].product, /EIP \(ecs\.EipAddress\) "web-eip" of stack infra\/prod/);
        assert.strictEqual(inventory.domains[0].bindings[0].region, "cn-hangzhou");
    });

    it("check --config with a broken catalog stops with every problem (exit 2)", async () => {
        const broken = write("broken.json", { "icp-endpoint-catalog": { version: 1, generatedAt: "soon", endpoints: [{ address: "47.97.10.1" }] } });
        const result = await main(["check", INFRA, "--config", broken], ENV);
        assert.strictEqual(result.code, 2);
        assert.match(result.stderr, /the endpoint catalog in the policy config "icp-endpoint-catalog" is invalid/);
        assert.match(result.stderr, /generatedAt: "soon" is not an ISO 8601 time/);
        assert.match(result.stderr, /endpoints\[0\]\.product: is missing/);
    });

    it("the catalog of three CLB states (raw terraform.tfstate) decides the records of a separate DNS state", async () => {
        // Three root modules, each with its own alicloud_slb_load_balancer.default, each its own state (its own lineage).
        // A state carries no provider configuration: each balancer's region comes from its zone id (clb-c is in Hong Kong).
        const zones = ["cn-shanghai-e", "cn-shanghai-f", "cn-hongkong-b"];
        const clb = (address: string, name: string, lineage: string, zone: string) =>
            rawState(lineage, [{ type: "alicloud_slb_load_balancer", name: "default", attributes: { id: `lb-uf6${name}`, load_balancer_name: name, address, address_type: "internet", load_balancer_spec: "slb.s2.small", master_zone_id: zone } }]);
        const states = ["a", "b", "c"].map((x, i) => writeIn(`clb-${x}`, "terraform.tfstate", clb(`106.14.1.${i + 1}`, `clb-${x}`, `0f6e2c1${i}-7a3b-4c5d-9e8f-1a2b3c4d5e6f`, zones[i])));
        const record = (name: string, rr: string, value: string) => ({ type: "alicloud_alidns_record", name, attributes: { id: `8000000${rr.length}${name.length}`, domain_name: "unfiled-example.com", rr, type: "A", value, ttl: 600, status: "ENABLE" } });
        const dns = writeIn("dns", "terraform.tfstate", rawState("5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a", [record("www", "www", "106.14.1.1"), record("api", "api", "106.14.1.2"), record("shop", "shop", "106.14.1.3"), record("mail", "mail", "121.40.1.1")]));
        const cfg = await catalogConfig(states);
        const catalog = JSON.parse(fs.readFileSync(cfg, "utf8"))["icp-endpoint-catalog"] as { endpoints: { address: string; source: { file: string }; resourceAddress: string; region: string }[] };
        assert.deepStrictEqual(catalog.endpoints.map((e) => [e.address, path.relative(dir, e.source.file), e.resourceAddress, e.region]), [
            ["106.14.1.1", path.join("clb-a", "terraform.tfstate"), "alicloud_slb_load_balancer.default", "cn-shanghai"],
            ["106.14.1.2", path.join("clb-b", "terraform.tfstate"), "alicloud_slb_load_balancer.default", "cn-shanghai"],
            ["106.14.1.3", path.join("clb-c", "terraform.tfstate"), "alicloud_slb_load_balancer.default", "cn-hongkong"],
        ]);
        const { code, report } = await check([dns], cfg);
        assert.strictEqual(code, 1);
        assert.deepStrictEqual(
            report.findings.filter((f) => f.level === "mandatory").map((f) => [f.address ?? f.urn, f.policy]).sort(),
            [
                ["alicloud_alidns_record.api", "icp-domain-unfiled"],
                ["alicloud_alidns_record.www", "icp-domain-unfiled"],
            ],
        );
        const api = report.findings.find((f) => (f.address ?? f.urn ?? "").endsWith(".api") && f.level === "mandatory")!;
        assert.match(api.message, /CLB \(alicloud_slb_load_balancer\) "alicloud_slb_load_balancer\.default" of file .*clb-b\/terraform\.tfstate/);
        assert.match(api.message, /region cn-shanghai \(华东2（上海）\) from its zone cn-shanghai-f/);
        // The record to the Hong Kong balancer passes: nothing about it at all.
        assert.ok(!report.findings.some((f) => (f.address ?? f.urn ?? "").endsWith(".shop")), JSON.stringify(report.findings.map((f) => f.address ?? f.urn)));
        // The record to an address no catalog knows stays undecidable (advisory), as without a catalog.
        assert.ok(report.findings.some((f) => (f.address ?? f.urn ?? "").endsWith(".mail") && f.policy === "icp-binding-undecidable" && f.level === "advisory"));
    });
});
