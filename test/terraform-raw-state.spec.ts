/**
 * Raw Terraform state files (`terraform.tfstate`, `terraform state pull`, a remote backend's object;
 * state format version 4) read by `check` and `domains` (issue #17 item 2). States are built in
 * Terraform's own layout by test/helpers/terraform-state.ts (transcribed from version4.go).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/icp-guard";
import { parseInput } from "../lib/inputs/load";
import { InputFileError } from "../lib/inputs/pulumi-file";
import { parseTerraformJson } from "../lib/inputs/terraform/read";
import { StackResourceView } from "../lib/model/resource";
import { EXAMPLES_REGISTRY } from "../tools/examples";
import { terraformState } from "./helpers/terraform-state";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-tfstate-"));
const write = (name: string, content: unknown): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
    return file;
};
const ENV = { ICP_GUARD_FILINGS: EXAMPLES_REGISTRY, ALICLOUD_REGION: undefined, ALIBABA_CLOUD_REGION: undefined } as NodeJS.ProcessEnv;
const byAddress = (views: readonly StackResourceView[], address: string): StackResourceView => {
    const found = views.find((view) => view.address === address);
    assert.ok(found, `${address} not among ${views.map((v) => v.address).join(", ")}`);
    return found;
};

const EIP = (ip: string) => ({ id: `eip-${ip.replace(/\./g, "")}`, ip_address: ip, bandwidth: "5", internet_charge_type: "PayByTraffic", status: "InUse" });

const STATE = terraformState({
    resources: [
        { type: "alicloud_eip_address", name: "web", each: "list", instances: [{ indexKey: 0, attributes: EIP("47.96.1.10") }, { indexKey: 1, attributes: EIP("47.96.1.11") }] },
        { module: 'module.site["shop"]', type: "alicloud_eip_address", name: "this", instances: [{ attributes: EIP("47.96.1.12") }] },
        { type: "alicloud_alidns_record", name: "www", each: "map", instances: [
            { indexKey: "unfiled", attributes: { id: "100", domain_name: "unfiled-example.com", rr: "www", type: "A", value: "47.96.1.10", ttl: 600 }, dependencies: ["alicloud_eip_address.web", "data.alicloud_zones.default"] },
            { indexKey: "filed", attributes: { id: "101", domain_name: "shop-example.com", rr: "www", type: "A", value: "47.96.1.11", ttl: 600 }, dependencies: ["alicloud_eip_address.web"] },
        ] },
        { type: "alicloud_alidns_record", name: "secret", instances: [{ attributes: { id: "102", domain_name: "hush-unfiled-example.com", rr: "@", type: "A", value: "47.96.1.12" }, sensitive: ["domain_name"] }] },
        // Data sources are read by Terraform, not managed: never checked.
        { mode: "data", type: "alicloud_zones", name: "default", instances: [{ attributes: { id: "1", ids: ["cn-hangzhou-h"] } }] },
        // The old object of a create_before_destroy replacement, pending deletion: not checked.
        { type: "alicloud_alidns_record", name: "old", instances: [
            { attributes: { id: "103", domain_name: "also-unfiled-example.com", rr: "new", type: "A", value: "8.8.8.8" } },
            { deposed: "00000001", attributes: { id: "104", domain_name: "also-unfiled-example.com", rr: "old", type: "A", value: "47.96.1.10" } },
        ] },
    ],
});

describe("raw Terraform state (terraform.tfstate, format version 4)", () => {
    it("reads managed instances with count/for_each keys and module paths, leaves data sources and deposed objects out", () => {
        const parsed = parseInput(JSON.stringify(STATE), "terraform.tfstate");
        assert.strictEqual(parsed.kind, "terraform-tfstate");
        const views = parseTerraformJson(STATE, "terraform.tfstate").resources;
        const addresses = views.filter((view) => !view.type.startsWith("pulumi:providers:")).map((view) => view.address).sort();
        assert.deepStrictEqual(addresses, [
            "alicloud_alidns_record.old",
            "alicloud_alidns_record.secret",
            'alicloud_alidns_record.www["filed"]',
            'alicloud_alidns_record.www["unfiled"]',
            "alicloud_eip_address.web[0]",
            "alicloud_eip_address.web[1]",
            'module.site["shop"].alicloud_eip_address.this',
        ]);
        const record = byAddress(views, 'alicloud_alidns_record.www["unfiled"]');
        assert.strictEqual(record.type, "alicloud:dns/alidnsRecord:AlidnsRecord");
        assert.deepStrictEqual(record.props, { id: "100", domainName: "unfiled-example.com", rr: "www", type: "A", value: "47.96.1.10", ttl: 600 });
        // dependencies name resources: every instance of one, data sources dropped.
        assert.deepStrictEqual([...record.dependencies].sort(), ["terraform::alicloud_eip_address.web[0]", "terraform::alicloud_eip_address.web[1]"]);
        assert.deepStrictEqual(record.propertyDependencies, {});
        assert.strictEqual(record.provider?.type, "pulumi:providers:alicloud");
        assert.strictEqual(record.provider?.urn, 'terraform::provider["registry.terraform.io/aliyun/alicloud"]');
        assert.deepStrictEqual(byAddress(views, "alicloud_alidns_record.secret").secretProps, new Set(["domainName"]));
    });

    it("blocks a record whose literal value is an address of the state, and never prints a sensitive value", async () => {
        const file = write("terraform.tfstate", STATE);
        const result = await main(["check", file, "--format", "json"], ENV);
        assert.strictEqual(result.code, 1, result.stderr);
        const findings = JSON.parse(result.stdout).findings as { policy: string; name: string; message: string }[];
        const unfiled = findings.filter((f) => f.policy === "icp-domain-unfiled").map((f) => f.name).sort();
        assert.deepStrictEqual(unfiled, ["alicloud_alidns_record.secret", 'alicloud_alidns_record.www["unfiled"]']);
        assert.match(findings.find((f) => f.name === 'alicloud_alidns_record.www["unfiled"]')?.message ?? "", /points at EIP \(alicloud_eip_address\) alicloud_eip_address\.web\[0\]/);
        for (const format of ["text", "json", "sarif", "junit", "markdown", "github"]) {
            const shown = await main(["check", file, "--format", format], ENV);
            assert.ok(!shown.stdout.includes("hush-unfiled"), `${format} printed a sensitive value`);
        }
        const domains = await main(["domains", file, "--format", "json"], ENV);
        assert.strictEqual(domains.code, 0, domains.stderr);
        assert.match(domains.stdout, /unfiled-example\.com/);
    });

    it("reads states upgraded from format 3 (attributes_flat) and the legacy provider address", () => {
        const upgraded = {
            version: 4,
            terraform_version: "0.12.0",
            serial: 0,
            lineage: "f2968801-fa14-41ab-a044-224f3a4adf04",
            outputs: {},
            resources: [{ mode: "managed", type: "alicloud_eip", name: "old", provider: "provider.alicloud", instances: [{ schema_version: 0, attributes_flat: { id: "eip-1", ip_address: "47.96.1.20", "tags.%": "0" } }] }],
        };
        const eip = byAddress(parseTerraformJson(upgraded, "old.tfstate").resources, "alicloud_eip.old");
        assert.deepStrictEqual(eip.props, { id: "eip-1", ipAddress: "47.96.1.20" });
        assert.strictEqual(eip.provider?.type, "pulumi:providers:alicloud");
    });

    it("refuses what it cannot read, naming the fix, and never crashes", async () => {
        const cases: [unknown, RegExp][] = [
            [{ version: 3, serial: 1, lineage: "x", modules: [] }, /format version 3, written by Terraform 0\.11 or earlier.*terraform state pull` with Terraform 0\.12 or later/],
            [{ version: 5, serial: 1, lineage: "x", resources: [] }, /format version 5, newer than the format version 4/],
            [{ version: 4, serial: 1, lineage: "x", resources: {} }, /resources is not a list/],
            [{ version: 4, serial: 1, lineage: "x", resources: [{ mode: "managed", type: "a_b", name: "c" }, { mode: "weird", type: "a", name: "b", provider: 'provider["x/y/a"]' }, 7] }, /resources\[0\] has no provider[\s\S]*resources\[1\] has mode "weird"[\s\S]*resources\[2\] is not an object/],
            [{ version: 4, lineage: "x", resources: [{ mode: "managed", type: "a_b", name: "c", provider: "nonsense", instances: [] }] }, /provider "nonsense" is not a provider configuration address/],
            [{ version: 4, lineage: "x", resources: [{ mode: "managed", type: "a_b", name: "c", provider: 'provider["x/y/a"]', instances: [{ index_key: 1.5 }, { index_key: 0 }, { index_key: 0 }] }] }, /instances\[0\]\.index_key is neither a whole number nor a string[\s\S]*a_b\.c\[0\] appears twice/],
            [{ format_version: "0.1", terraform_version: "0.12.31", planned_values: {} }, /format_version "0\.1" is the JSON output of Terraform 0\.12 to 0\.14 \(this file: Terraform 0\.12\.31\).*with Terraform 0\.15 or later.*raw state/],
            [{ format_version: "0.2", values: {} }, /run `terraform show -json` with Terraform 0\.15 or later/],
            [[1, 2], /is not in a format icp-guard reads: it is a JSON array, not an object\. icp-guard reads:[\s\S]*raw Terraform state/],
        ];
        for (const [content, message] of cases) {
            const result = await main(["check", write("bad.tfstate", content)], ENV);
            assert.strictEqual(result.code, 2, `${JSON.stringify(content)}: ${result.stdout}`);
            assert.match(result.stderr, message);
            assert.throws(() => parseInput(JSON.stringify(content), "bad.tfstate"), InputFileError);
        }
    });

    it("reads `terraform show -json` with no state as an empty state, and other Terraform JSON as no format it reads", async () => {
        const empty = await main(["check", write("empty.json", { format_version: "1.0" })], ENV);
        assert.strictEqual(empty.code, 0, empty.stderr);
        assert.match(empty.stdout, /\(0 resources\)/);
        const schema = await main(["check", write("schema.json", { format_version: "1.0", provider_schemas: {} })], ENV);
        assert.strictEqual(schema.code, 2);
        assert.match(schema.stderr, /is not in a format icp-guard reads/);
    });

    describe("regions: a state holds no provider configuration, its resources say where they are", () => {
        const record = (name: string, ip: string) => ({ type: "alicloud_alidns_record", name, instances: [{ attributes: { id: `rr-${name}`, domain_name: "unfiled-example.com", rr: name, type: "A", value: ip } }] });
        const region = (views: readonly StackResourceView[], address: string) => byAddress(views, address).provider?.props["region"];
        const served = async (state: unknown, env: Record<string, string | undefined> = {}) => {
            const result = await main(["check", write("regions.tfstate", state), "--format", "json"], { ...ENV, ...env });
            return (JSON.parse(result.stdout) as { findings: { policy: string; name: string; message: string }[] }).findings.filter((f) => f.policy === "icp-domain-unfiled" || f.policy === "icp-binding-undecidable");
        };

        it("a load balancer's own zone names its region, before ALICLOUD_REGION and the provider's default", async () => {
            const state = terraformState({
                resources: [
                    { type: "alicloud_slb_load_balancer", name: "default", instances: [{ attributes: { id: "lb-uf6x", address: "47.101.1.1", address_type: "internet", master_zone_id: "cn-shanghai-n", slave_zone_id: "cn-shanghai-m" } }] },
                    record("www", "47.101.1.1"),
                ],
            });
            for (const env of [{}, { ALICLOUD_REGION: "ap-southeast-1" }]) {
                const [finding] = await served(state, env);
                assert.strictEqual(finding?.policy, "icp-domain-unfiled", JSON.stringify(env));
                assert.match(finding.message, /alicloud_slb_load_balancer\.default \(its value 47\.101\.1\.1 is an output of alicloud_slb_load_balancer\.default\): region cn-shanghai \(华东2（上海）\) from its zone cn-shanghai-n \(master_zone_id\), a Chinese mainland region/);
            }
        });

        it("a resource without a zone takes the region its provider configuration's other resources and data sources agree on", async () => {
            const eip = { type: "alicloud_eip_address", name: "web", instances: [{ attributes: { ...EIP("47.102.1.1"), id: "eip-1" } }] };
            const instance = { type: "alicloud_instance", name: "web", instances: [{ attributes: { id: "i-1", availability_zone: "ap-southeast-1a", instance_charge_type: "PostPaid" } }] };
            const byZone = parseTerraformJson(terraformState({ resources: [eip, instance, record("www", "47.102.1.1")] }), "a.tfstate").resources;
            assert.strictEqual(region(byZone, "alicloud_eip_address.web"), "ap-southeast-1");
            assert.match(byZone.find((v) => v.address === "alicloud_eip_address.web")?.provider?.regionOrigin ?? "", /^provider 'alicloud', whose region a state does not record, is ap-southeast-1: alicloud_instance\.web is in zone ap-southeast-1a \(availabilityZone\)$/);
            const [outside] = await served(terraformState({ resources: [eip, instance, record("www", "47.102.1.1")] }), { ALICLOUD_REGION: "cn-hangzhou" });
            assert.strictEqual(outside, undefined, "served from Singapore: no filing needed");
            const regions = { mode: "data" as const, type: "alicloud_regions", name: "current", instances: [{ attributes: { id: "1", current: true, ids: ["cn-shenzhen"], regions: [{ id: "cn-shenzhen" }] } }] };
            assert.strictEqual(region(parseTerraformJson(terraformState({ resources: [eip, regions] }), "b.tfstate").resources, "alicloud_eip_address.web"), "cn-shenzhen");
            const zones = { mode: "data" as const, type: "alicloud_zones", name: "default", instances: [{ attributes: { id: "2", ids: ["cn-qingdao-b", "cn-qingdao-c"] } }] };
            assert.strictEqual(region(parseTerraformJson(terraformState({ resources: [eip, zones] }), "c.tfstate").resources, "alicloud_eip_address.web"), "cn-qingdao");
            // Another provider configuration's zones say nothing about this one's region.
            const aliased = { ...instance, providerAlias: "sg" };
            assert.strictEqual(region(parseTerraformJson(terraformState({ resources: [eip, aliased] }), "d.tfstate").resources, "alicloud_eip_address.web"), undefined);
            // Evidence that disagrees decides nothing: ALICLOUD_REGION, then the provider's default.
            const conflicting = parseTerraformJson(terraformState({ resources: [eip, instance, regions] }), "e.tfstate").resources;
            assert.strictEqual(region(conflicting, "alicloud_eip_address.web"), undefined);
        });
    });
});
