/**
 * The Terraform front end: `terraform show -json` plans and states read into the same views the
 * rules read from Pulumi, and `icp-guard check plan.json` giving the same verdicts. Plans are built
 * in Terraform 1.9's format (format_version 1.2) by test/helpers/terraform-plan.ts.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/icp-guard";
import { parseTerraformJson, isTerraformJson } from "../lib/inputs/terraform/read";
import { InputFileError } from "../lib/inputs/pulumi-file";
import { isUnknown } from "../lib/model/values";
import { StackResourceView } from "../lib/model/resource";
import { EXAMPLES_REGISTRY } from "../tools/examples";
import { constant, ref, terraformPlan, terraformState } from "./helpers/terraform-plan";
import { TERRAFORM_TYPES } from "../lib/inputs/terraform/mapping";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-terraform-"));
const write = (name: string, content: unknown): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
    return file;
};
const ENV = { ICP_GUARD_FILINGS: EXAMPLES_REGISTRY } as NodeJS.ProcessEnv;
const parse = (plan: Record<string, unknown>) => parseTerraformJson(plan, "plan.json");
const byAddress = (views: readonly StackResourceView[], address: string): StackResourceView => {
    const found = views.find((view) => view.address === address);
    assert.ok(found, `${address} not among ${views.map((v) => v.address).join(", ")}`);
    return found;
};

const EIP = { bandwidth: "5", internet_charge_type: "PayByTraffic", address_name: "web", tags: { team_name: "web" } };

describe("Terraform plans (lib/inputs/terraform)", () => {
    describe("names and values", () => {
        it("maps types to Pulumi tokens and attributes to camelCase, MaxItems-1 blocks to objects, maps left as they are", () => {
            const { resources } = parse(
                terraformPlan({
                    resources: [
                        {
                            type: "alicloud_alb_rule",
                            name: "shop",
                            values: {
                                rule_name: "shop",
                                listener_id: "lsn-1",
                                priority: 1,
                                rule_conditions: [{ type: "Host", host_config: [{ values: ["www.shop-example.com"] }], cookie_config: [] }],
                                rule_actions: [{ order: 1, type: "ForwardGroup", forward_group_config: [{ server_group_tuples: [{ server_group_id: "sgp-1" }] }] }],
                            },
                        },
                        { type: "alicloud_eip_address", name: "web", values: EIP, unknown: { ip_address: true, id: true }, expressions: { bandwidth: constant("5") } },
                        {
                            type: "aws_route53_record",
                            name: "www",
                            values: { name: "www.example.org", type: "A", zone_id: "Z1", alias: [{ name: "d1.cloudfront.net", zone_id: "Z2", evaluate_target_health: false }] },
                        },
                    ],
                }),
            );
            const rule = byAddress(resources, "alicloud_alb_rule.shop");
            assert.strictEqual(rule.type, "alicloud:alb/rule:Rule");
            assert.deepStrictEqual(rule.props["ruleConditions"], [{ type: "Host", hostConfig: { values: ["www.shop-example.com"] } }]);
            assert.deepStrictEqual((rule.props["ruleActions"] as any)[0].forwardGroupConfig, { serverGroupTuples: [{ serverGroupId: "sgp-1" }] });
            const eip = byAddress(resources, "alicloud_eip_address.web");
            assert.strictEqual(eip.type, "alicloud:ecs/eipAddress:EipAddress");
            assert.deepStrictEqual(eip.props["tags"], { team_name: "web" });
            assert.strictEqual(eip.props["internetChargeType"], "PayByTraffic");
            // ip_address is computed and not configured: not known, never read as a value.
            assert.ok(!("ipAddress" in eip.props) || isUnknown(eip.props["ipAddress"]));
            const record = byAddress(resources, "aws_route53_record.www");
            assert.strictEqual(record.type, "aws:route53/record:Record");
            assert.deepStrictEqual(record.props["aliases"], [{ name: "d1.cloudfront.net", zoneId: "Z2", evaluateTargetHealth: false }]);
            assert.strictEqual(record.name, "aws_route53_record.www");
            assert.strictEqual(record.urn, "terraform::aws_route53_record.www");
        });

        it("marks configured values that are unknown until apply, and reads left-out Optional+Computed attributes as absent", () => {
            const { resources } = parse(
                terraformPlan({
                    resources: [
                        {
                            type: "alicloud_cdn_domain_new",
                            name: "shop",
                            values: { domain_name: "cdn.shop-example.com", cdn_type: "web", sources: [{ content: "1.1.1.1", type: "ipaddr", port: 80, priority: 20, weight: 10 }] },
                            unknown: { scope: true, cname: true, id: true, sources: [{}] },
                            expressions: { domain_name: constant("cdn.shop-example.com"), cdn_type: constant("web"), sources: [{ content: constant("1.1.1.1") }] },
                        },
                        {
                            type: "alicloud_oss_bucket_cname",
                            name: "img",
                            values: { bucket: "img" },
                            unknown: { domain: true, id: true },
                            expressions: { bucket: constant("img"), domain: ref("random_pet.name.id", "random_pet.name") },
                        },
                    ],
                }),
            );
            const cdn = byAddress(resources, "alicloud_cdn_domain_new.shop");
            assert.ok(!("scope" in cdn.props), "scope left out of the configuration is absent (the provider's default applies)");
            const cname = byAddress(resources, "alicloud_oss_bucket_cname.img");
            assert.ok(isUnknown(cname.props["domain"]), "a configured value computed from another resource is unknown");
        });

        it("keeps blocks unknown when the configuration shows no expression (dynamic blocks are left out of Terraform's JSON)", () => {
            const { resources } = parse(
                terraformPlan({
                    resources: [
                        {
                            type: "alicloud_alb_rule",
                            name: "dynamic",
                            values: { rule_name: "dynamic", listener_id: "lsn-1", priority: 1 },
                            unknown: { rule_conditions: true, id: true, status: true },
                            expressions: { rule_name: constant("dynamic"), listener_id: constant("lsn-1"), priority: constant(1) },
                        },
                    ],
                }),
            );
            const rule = byAddress(resources, "alicloud_alb_rule.dynamic");
            assert.ok(isUnknown(rule.props["ruleConditions"]), "a dynamic block's unknown value is not read as left out");
            assert.ok(!("status" in rule.props), "a left-out computed scalar is absent");
        });

        it("marks sensitive attributes secret (after_sensitive), and leaves resources being deleted out", () => {
            const { resources } = parse(
                terraformPlan({
                    resources: [
                        { type: "alicloud_alidns_record", name: "api", values: { domain_name: "hidden-example.com", rr: "api", type: "A", value: "8.8.8.8" }, sensitive: { domain_name: true } },
                        { type: "alicloud_cdn_domain_new", name: "old", values: { domain_name: "old.unfiled-example.com", scope: "domestic" }, actions: ["delete"] },
                        { type: "alicloud_cdn_domain_new", name: "replaced", values: { domain_name: "new.unfiled-example.com", scope: "domestic" }, actions: ["delete", "create"] },
                    ],
                }),
            );
            assert.deepStrictEqual([...byAddress(resources, "alicloud_alidns_record.api").secretProps], ["domainName"]);
            // create_before_destroy: the deposed object's delete does not hide the new object.
            const replaced = terraformPlan({ resources: [{ type: "alicloud_cdn_domain_new", name: "cbd", values: { domain_name: "cbd.unfiled-example.com", scope: "domestic" }, actions: ["create", "delete"] }] }) as { resource_changes: Record<string, unknown>[] };
            replaced.resource_changes.push({ ...replaced.resource_changes[0], deposed: "00000001", change: { actions: ["delete"], before: {}, after: null, after_unknown: false, before_sensitive: {}, after_sensitive: false } });
            byAddress(parse(replaced).resources, "alicloud_cdn_domain_new.cbd");
            // A change planned_values does not list (a trimmed file) is still checked; a plan without planned_values is refused.
            const trimmed = terraformPlan({ resources: [{ type: "alicloud_cdn_domain_new", name: "trimmed", values: { domain_name: "t.unfiled-example.com" } }] }) as Record<string, unknown>;
            byAddress(parse({ ...trimmed, planned_values: { root_module: {} } }).resources, "alicloud_cdn_domain_new.trimmed");
            const { planned_values: _dropped, ...withoutPlannedValues } = trimmed;
            void _dropped;
            assert.throws(() => parse(withoutPlannedValues), /a plan without planned_values/);
            assert.ok(!resources.some((r) => r.address === "alicloud_cdn_domain_new.old"));
            byAddress(resources, "alicloud_cdn_domain_new.replaced");
        });
    });

    describe("references as propertyDependencies", () => {
        const plan = terraformPlan({
            resources: [
                { type: "alicloud_eip_address", name: "web", index: 0, values: EIP, unknown: { ip_address: true }, count: 2 },
                { type: "alicloud_eip_address", name: "web", index: 1, values: EIP, unknown: { ip_address: true }, count: 2 },
                ...[0, 1].map((index) => ({
                    type: "alicloud_alidns_record",
                    name: "www",
                    index,
                    count: 2,
                    values: { domain_name: "unfiled-example.com", rr: `www${index}`, type: "A" },
                    unknown: { value: true },
                    expressions: { domain_name: constant("unfiled-example.com"), rr: ref("count.index"), type: constant("A"), value: ref("alicloud_eip_address.web", "count.index") },
                })),
                {
                    type: "alicloud_alidns_record",
                    name: "first",
                    values: { domain_name: "unfiled-example.com", rr: "first", type: "A" },
                    unknown: { value: true },
                    expressions: { value: ref("alicloud_eip_address.web[0].ip_address", "alicloud_eip_address.web[0]", "alicloud_eip_address.web") },
                },
                ...["prod", "staging"].map((key) => ({
                    type: "alicloud_slb_load_balancer",
                    name: "this",
                    module: `module.app["${key}"]`,
                    values: { load_balancer_name: key, address_type: "internet" },
                    unknown: { address: true },
                    expressions: { load_balancer_name: ref("var.name"), address_type: constant("internet") },
                })),
                {
                    type: "alicloud_alidns_record",
                    name: "shop",
                    module: 'module.dns',
                    values: { domain_name: "unfiled-example.com", rr: "shop", type: "A" },
                    unknown: { value: true },
                    expressions: { value: ref("var.target") },
                },
                {
                    type: "alicloud_alidns_record",
                    name: "staging",
                    values: { domain_name: "unfiled-example.com", rr: "staging", type: "A" },
                    unknown: { value: true },
                    expressions: { value: ref('module.app["staging"].address', "module.app") },
                },
                ...["a", "b"].map((key) => ({ type: "alicloud_eip_address", name: "site", index: key, values: EIP, unknown: { ip_address: true }, forEach: ref("local.sites") })),
                ...["a", "b"].map((key) => ({
                    type: "alicloud_alidns_record",
                    name: "site",
                    index: key,
                    values: { domain_name: "unfiled-example.com", rr: key, type: "A" },
                    unknown: { value: true },
                    forEach: ref("alicloud_eip_address.site"),
                    expressions: { domain_name: constant("unfiled-example.com"), rr: ref("each.key"), type: constant("A"), value: ref("each.value.ip_address", "each.value") },
                })),
                {
                    type: "alicloud_alidns_record",
                    name: "local",
                    values: { domain_name: "unfiled-example.com", rr: "local", type: "A" },
                    unknown: { value: true },
                    expressions: { value: ref("local.target") },
                },
            ],
            modules: {
                "module.app": {
                    source: "./modules/app",
                    forEach: ref("local.apps"),
                    expressions: { name: ref("each.key") },
                    outputs: { address: { expression: ref("alicloud_slb_load_balancer.this.address", "alicloud_slb_load_balancer.this") } },
                },
                "module.dns": { source: "./modules/dns", expressions: { target: ref('module.app["prod"].address', "module.app") } },
            },
        });
        const { stack } = parse(plan);
        const dependency = (address: string, property: string) => stack.byUrn.get(`terraform::${address}`)?.propertyDependencies[property];

        it("picks the instance with the referring resource's own count.index", () => {
            assert.deepStrictEqual(dependency("alicloud_alidns_record.www[0]", "value"), ["terraform::alicloud_eip_address.web[0]"]);
            assert.deepStrictEqual(dependency("alicloud_alidns_record.www[1]", "value"), ["terraform::alicloud_eip_address.web[1]"]);
        });

        it("follows each.value of a for_each over a resource's instances to the instance with the same key", () => {
            assert.deepStrictEqual(dependency('alicloud_alidns_record.site["a"]', "value"), ['terraform::alicloud_eip_address.site["a"]']);
            assert.deepStrictEqual(dependency('alicloud_alidns_record.site["b"]', "value"), ['terraform::alicloud_eip_address.site["b"]']);
        });

        it("follows a constant index, not every instance", () => {
            assert.deepStrictEqual(dependency("alicloud_alidns_record.first", "value"), ["terraform::alicloud_eip_address.web[0]"]);
        });

        it("follows module outputs of for_each instances and module inputs into the caller", () => {
            assert.deepStrictEqual(dependency("alicloud_alidns_record.staging", "value"), ['terraform::module.app["staging"].alicloud_slb_load_balancer.this']);
            assert.deepStrictEqual(dependency('module.dns.alicloud_alidns_record.shop', "value"), ['terraform::module.app["prod"].alicloud_slb_load_balancer.this']);
        });

        it("leaves what cannot be resolved statically without a dependency (undecidable, as in Pulumi)", () => {
            assert.strictEqual(dependency("alicloud_alidns_record.local", "value"), undefined);
        });

        it("blocks records pointing at mainland endpoints through those references, naming Terraform addresses", async () => {
            const result = await main(["check", write("refs.json", plan)], ENV);
            assert.strictEqual(result.code, 1, result.stdout + result.stderr);
            for (const address of ["alicloud_alidns_record.www[0]", "alicloud_alidns_record.www[1]", "alicloud_alidns_record.first", "alicloud_alidns_record.staging", "module.dns.alicloud_alidns_record.shop"]) {
                assert.ok(result.stdout.includes(`icp-domain-unfiled  (${address})`), `${address}\n${result.stdout}`);
            }
            assert.match(result.stdout, /icp-binding-undecidable  \(alicloud_alidns_record\.local\)/);
        });
    });

    describe("regions like the provider", () => {
        const cdnIn = (name: string, providerKey: string, module?: string) => ({
            type: "alicloud_oss_bucket_cname",
            name,
            ...(module ? { module } : {}),
            providerKey,
            values: { bucket: name, domain: `${name}.unfiled-example.com` },
        });
        const regionOf = async (spec: Parameters<typeof terraformPlan>[0], env: NodeJS.ProcessEnv = ENV) => {
            const result = await main(["check", write("regions.json", terraformPlan(spec)), "--format", "json"], env);
            return JSON.parse(result.stdout).findings as { name: string; message: string; policy: string }[];
        };

        it("uses aliases, providers passed into modules, and a region given as a variable", async () => {
            const findings = await regionOf({
                resources: [cdnIn("main", "alicloud"), cdnIn("hk", "alicloud.hk"), cdnIn("passed", "alicloud.hk", "module.intl"), cdnIn("own", "module.own:alicloud", "module.own")],
                variables: { region: { value: "cn-shanghai" } },
                rootVariables: { region: { default: "cn-hongkong" } },
                providerConfig: {
                    alicloud: { name: "alicloud", full_name: "registry.terraform.io/aliyun/alicloud", expressions: { region: ref("var.region") } },
                    "alicloud.hk": { name: "alicloud", full_name: "registry.terraform.io/aliyun/alicloud", alias: "hk", expressions: { region: constant("cn-hongkong") } },
                    "module.own:alicloud": { name: "alicloud", full_name: "registry.terraform.io/aliyun/alicloud", module_address: "module.own", expressions: { region: ref("var.region") } },
                },
                modules: {
                    "module.intl": { source: "./intl" },
                    "module.own": { source: "./own", expressions: { region: constant("cn-shenzhen") }, variables: { region: {} } },
                },
            });
            const names = findings.filter((f) => f.policy === "icp-domain-unfiled").map((f) => f.name).sort();
            assert.deepStrictEqual(names, ["alicloud_oss_bucket_cname.main", "module.own.alicloud_oss_bucket_cname.own"]);
            assert.match(findings.find((f) => f.name === "alicloud_oss_bucket_cname.main")!.message, /cn-shanghai/);
            assert.match(findings.find((f) => f.name === "module.own.alicloud_oss_bucket_cname.own")!.message, /cn-shenzhen/);
        });

        it("falls back to ALICLOUD_REGION, then cn-beijing (never the Pulumi stack config)", async () => {
            const spec = { resources: [cdnIn("plain", "alicloud")] };
            const hk = await regionOf(spec, { ...ENV, ALICLOUD_REGION: "cn-hongkong", PULUMI_CONFIG: JSON.stringify({ "alicloud:region": "cn-hangzhou" }) });
            assert.deepStrictEqual(hk.filter((f) => f.policy === "icp-domain-unfiled"), []);
            const beijing = await regionOf(spec, ENV);
            assert.match(beijing.find((f) => f.policy === "icp-domain-unfiled")!.message, /cn-beijing/);
        });

        it("reports a provider configuration's unrecognised cn-* region at its Terraform address (ICP004)", async () => {
            const findings = await regionOf({
                resources: [cdnIn("new", "alicloud.new")],
                providerConfig: { "alicloud.new": { name: "alicloud", full_name: "registry.terraform.io/aliyun/alicloud", alias: "new", expressions: { region: constant("cn-newcity-1") } } },
            });
            const provider = findings.find((f) => f.policy === "icp-region-unrecognised");
            assert.ok(provider, JSON.stringify(findings));
            assert.strictEqual(provider.name, "alicloud.new");
            // With --source-root, its SARIF result points at the aliased provider block.
            const root = fs.mkdtempSync(path.join(dir, "providers-"));
            fs.writeFileSync(path.join(root, "providers.tf"), 'provider "alicloud" {\n  region = "cn-hangzhou"\n}\n\nprovider "alicloud" {\n  alias  = "new"\n  region = "cn-newcity-1"\n}\n');
            const sarif = await main(["check", path.join(dir, "regions.json"), "--format", "sarif", "--source-root", root], ENV);
            const result = (JSON.parse(sarif.stdout).runs[0].results as any[]).find((r) => r.ruleId === "icp-region-unrecognised");
            assert.strictEqual(result.locations[0].physicalLocation.region.startLine, 5);
            assert.strictEqual(result.locations[0].logicalLocations[0].name, 'provider["registry.terraform.io/aliyun/alicloud"].new');
            assert.ok(findings.some((f) => f.policy === "icp-domain-unfiled" && f.name === "alicloud_oss_bucket_cname.new"), "treated as mainland");
        });

        it("never prints a region that comes from a sensitive variable", async () => {
            const result = await main(["check", write("sensitive-region.json", terraformPlan({
                resources: [cdnIn("hidden", "alicloud")],
                variables: { region: { value: "cn-newcity-9" } },
                rootVariables: { region: { sensitive: true } },
                providerConfig: { alicloud: { name: "alicloud", full_name: "registry.terraform.io/aliyun/alicloud", expressions: { region: ref("var.region") } } },
            }))], ENV);
            assert.strictEqual(result.code, 1, result.stdout);
            assert.ok(!result.stdout.includes("cn-newcity-9"), result.stdout);
        });

        it("a region that is not known statically is undecidable, not a pass", async () => {
            const findings = await regionOf({
                resources: [cdnIn("computed", "alicloud")],
                providerConfig: { alicloud: { name: "alicloud", full_name: "registry.terraform.io/aliyun/alicloud", expressions: { region: ref("local.region") } } },
            });
            assert.deepStrictEqual(findings.map((f) => f.policy), ["icp-binding-undecidable"]);
        });
    });

    it("reads every mapped type, known and unknown, without an internal error", async () => {
        const resources = Object.keys(TERRAFORM_TYPES).flatMap((type) => [
            { type, name: "known", values: { domain_name: "www.unfiled-example.com", name: "www.unfiled-example.com", domain: "www.unfiled-example.com", site_name: "unfiled-example.com", rr: "www", type: "A", value: "47.96.1.2", content: "47.96.1.2", scope: "domestic", tags: { web: "true" } } },
            { type, name: "unknown", values: { name: "x" }, unknown: { domain_name: true, domain: true, value: true, records: true, rule_conditions: true, rules: true, id: true }, expressions: { domain_name: ref("random_pet.a.id"), domain: ref("random_pet.a.id"), value: ref("random_pet.a.id"), records: ref("random_pet.a.id"), rule_conditions: ref("random_pet.a.id"), rules: ref("random_pet.a.id") } },
        ]);
        const plan = terraformPlan({ resources });
        const { resources: views } = parse(plan);
        for (const [type, entry] of Object.entries(TERRAFORM_TYPES)) assert.strictEqual(byAddress(views, `${type}.known`).type, entry.token);
        const result = await main(["check", write("every-type.json", plan), "--format", "json"], ENV);
        assert.notStrictEqual(result.code, 2, result.stderr);
        const findings = JSON.parse(result.stdout).findings as { messageId: string; message: string }[];
        assert.deepStrictEqual(findings.filter((f) => f.messageId === "internalError").map((f) => f.message), []);
        assert.ok(findings.some((f) => f.messageId !== "internalError"));
    });

    describe("issue #11's types (GA, GTM, CR custom domains, ECS instance sets, IPv6)", () => {
        const HANGZHOU_PROVIDER = { alicloud: { name: "alicloud", full_name: "registry.terraform.io/aliyun/alicloud", expressions: { region: constant("cn-hangzhou") } } };
        const plan = terraformPlan({
            providerConfig: HANGZHOU_PROVIDER,
            resources: [
                // Global Accelerator: the domain's acceleration area is its accelerator's IP set, linked by accelerator_id.
                { type: "alicloud_ga_accelerator", name: "ga", values: { spec: "1", payment_type: "Subscription", duration: 1 }, unknown: { id: true } },
                {
                    type: "alicloud_ga_ip_set",
                    name: "area",
                    values: { accelerate_region_id: "cn-hangzhou", bandwidth: 5 },
                    unknown: { accelerator_id: true, ip_address_list: true },
                    expressions: { accelerate_region_id: constant("cn-hangzhou"), bandwidth: constant(5), accelerator_id: ref("alicloud_ga_accelerator.ga.id", "alicloud_ga_accelerator.ga") },
                },
                {
                    type: "alicloud_ga_domain",
                    name: "shop",
                    values: { domain: "ga.unfiled-example.com" },
                    unknown: { accelerator_id: true },
                    expressions: { domain: constant("ga.unfiled-example.com"), accelerator_id: ref("alicloud_ga_accelerator.ga.id", "alicloud_ga_accelerator.ga") },
                },
                // GTM 2.0: the instance answers with its pools' addresses (pool → instance by instance_id; `address` blocks).
                { type: "alicloud_eip_address", name: "pool", values: EIP, unknown: { ip_address: true, id: true } },
                {
                    type: "alicloud_alidns_gtm_instance",
                    name: "gtm",
                    values: { instance_name: "gtm", public_user_domain_name: "gtm.unfiled-example.com", public_zone_name: "gtm-zone.example.net", payment_type: "Subscription", package_edition: "standard", period: 1 },
                    unknown: { id: true },
                },
                {
                    type: "alicloud_alidns_address_pool",
                    name: "pool",
                    values: { address_pool_name: "pool", lba_strategy: "RATIO", type: "IPV4", address: [{ attribute_info: "{}", mode: "SMART", lba_weight: 1 }] },
                    unknown: { instance_id: true, address: [{ address: true }] },
                    expressions: {
                        address_pool_name: constant("pool"),
                        instance_id: ref("alicloud_alidns_gtm_instance.gtm.id", "alicloud_alidns_gtm_instance.gtm"),
                        address: [{ address: ref("alicloud_eip_address.pool.ip_address", "alicloud_eip_address.pool"), mode: constant("SMART") }],
                    },
                },
                // GTM 3.0: no input names the config's pools, so depends_on says which (config → pool → address).
                { type: "alicloud_eip_address", name: "gtm3", values: EIP, unknown: { ip_address: true, id: true } },
                {
                    type: "alicloud_alidns_cloud_gtm_address",
                    name: "addr",
                    values: { name: "addr", type: "IPv4", available_mode: "auto", enable_status: "enable", health_judgement: "any_ok" },
                    unknown: { address: true },
                    expressions: { name: constant("addr"), address: ref("alicloud_eip_address.gtm3.ip_address", "alicloud_eip_address.gtm3") },
                },
                { type: "alicloud_alidns_cloud_gtm_address_pool", name: "pool", values: { address_pool_name: "p", address_pool_type: "IPv4" }, dependsOn: ["alicloud_alidns_cloud_gtm_address.addr"] },
                {
                    type: "alicloud_alidns_cloud_gtm_instance_config",
                    name: "cfg",
                    values: { instance_id: "gtm-cn-1", schedule_host_name: "www", schedule_zone_name: "gtm3.unfiled-example.com", schedule_zone_mode: "custom", schedule_rr_type: "A", enable_status: "enable" },
                    dependsOn: ["alicloud_alidns_cloud_gtm_address_pool.pool"],
                },
                // Container Registry custom domain, in the provider's region.
                { type: "alicloud_cr_ee_instance", name: "cr", values: { instance_name: "cr", instance_type: "Advanced", payment_type: "Subscription" }, unknown: { id: true } },
                {
                    type: "alicloud_cr_instance_customized_domain",
                    name: "registry",
                    values: { domain: "registry.unfiled-example.com", module_name: "Registry" },
                    unknown: { instance_id: true },
                    expressions: { domain: constant("registry.unfiled-example.com"), module_name: constant("Registry"), instance_id: ref("alicloud_cr_ee_instance.cr.id", "alicloud_cr_ee_instance.cr") },
                },
                // A bulk ECS instance set a record takes its value from.
                { type: "alicloud_ecs_instance_set", name: "web", values: { amount: 2 }, unknown: { instance_ids: true } },
                {
                    type: "alicloud_alidns_record",
                    name: "set",
                    values: { domain_name: "unfiled-example.com", rr: "set", type: "A" },
                    unknown: { value: true },
                    expressions: { domain_name: constant("unfiled-example.com"), rr: constant("set"), type: constant("A"), value: ref("alicloud_ecs_instance_set.web.instance_ids[0]", "alicloud_ecs_instance_set.web.instance_ids", "alicloud_ecs_instance_set.web") },
                },
                // IPv6: public with Internet bandwidth (v6), private without (v6private).
                ...["v6", "v6private"].map((name) => ({ type: "alicloud_vpc_ipv6_address", name, values: { vswitch_id: "vsw" }, unknown: { ipv6_address: true, id: true } })),
                {
                    type: "alicloud_vpc_ipv6_internet_bandwidth",
                    name: "v6",
                    values: { ipv6_gateway_id: "ipv6gw", bandwidth: 10 },
                    unknown: { ipv6_address_id: true },
                    expressions: { ipv6_gateway_id: constant("ipv6gw"), bandwidth: constant(10), ipv6_address_id: ref("alicloud_vpc_ipv6_address.v6.id", "alicloud_vpc_ipv6_address.v6") },
                },
                ...["v6", "v6private"].map((name) => ({
                    type: "alicloud_alidns_record",
                    name,
                    values: { domain_name: "unfiled-example.com", rr: name, type: "AAAA" },
                    unknown: { value: true },
                    expressions: { domain_name: constant("unfiled-example.com"), rr: constant(name), type: constant("AAAA"), value: ref(`alicloud_vpc_ipv6_address.${name}.ipv6_address`, `alicloud_vpc_ipv6_address.${name}`) },
                })),
            ],
        });

        it("maps them to the Pulumi types and links: GTM pool blocks keep `address`, depends_on becomes dependencies", () => {
            const { stack } = parse(plan);
            const view = (address: string) => byAddress(stack.resources, address);
            assert.strictEqual(view("alicloud_cr_instance_customized_domain.registry").type, "alicloud:cr/instanceCustomizedDomain:InstanceCustomizedDomain");
            assert.strictEqual(view("alicloud_ecs_instance_set.web").type, "alicloud:ecs/ecsInstanceSet:EcsInstanceSet");
            assert.strictEqual(view("alicloud_vpc_ipv6_internet_bandwidth.v6").type, "alicloud:vpc/ipv6InternetBandwidth:Ipv6InternetBandwidth");
            const pool = view("alicloud_alidns_address_pool.pool");
            const addresses = pool.props["addresses"] as Record<string, unknown>[];
            assert.ok(Array.isArray(addresses) && isUnknown(addresses[0]["address"]), JSON.stringify(pool.props));
            assert.strictEqual(addresses[0]["lbaWeight"], 1);
            assert.deepStrictEqual(pool.propertyDependencies["instanceId"], ["terraform::alicloud_alidns_gtm_instance.gtm"]);
            assert.deepStrictEqual(pool.propertyDependencies["addresses"], ["terraform::alicloud_eip_address.pool"]);
            assert.deepStrictEqual(view("alicloud_alidns_cloud_gtm_instance_config.cfg").dependencies, ["terraform::alicloud_alidns_cloud_gtm_address_pool.pool"]);
            assert.deepStrictEqual(view("alicloud_alidns_cloud_gtm_address_pool.pool").dependencies, ["terraform::alicloud_alidns_cloud_gtm_address.addr"]);
        });

        it("gives the verdicts the Pulumi front end gives", async () => {
            const result = await main(["check", write("issue-11.json", plan), "--format", "json"], ENV);
            const findings = JSON.parse(result.stdout).findings as { name: string; policy: string }[];
            const unfiled = findings.filter((f) => f.policy === "icp-domain-unfiled").map((f) => f.name).sort();
            assert.deepStrictEqual(unfiled, [
                "alicloud_alidns_cloud_gtm_instance_config.cfg",
                "alicloud_alidns_gtm_instance.gtm",
                "alicloud_alidns_record.set",
                "alicloud_alidns_record.v6",
                "alicloud_cr_instance_customized_domain.registry",
                "alicloud_ga_domain.shop",
            ], result.stdout);
            assert.ok(!findings.some((f) => f.name === "alicloud_alidns_record.v6private" && f.policy === "icp-domain-unfiled"), "an IPv6 address without Internet bandwidth is not public");
            assert.strictEqual(result.code, 1);
        });

        it("reads depends_on on a whole module as every resource in it", () => {
            const { stack } = parse(
                terraformPlan({
                    resources: [
                        { type: "alicloud_eip_address", name: "a", module: "module.net", values: EIP },
                        { type: "alicloud_eip_address", name: "b", module: "module.net.module.inner", values: EIP },
                        { type: "alicloud_alidns_cloud_gtm_instance_config", name: "cfg", values: { instance_id: "gtm-cn-1", schedule_host_name: "www" }, dependsOn: ["module.net"] },
                    ],
                    modules: { "module.net": { source: "./net" }, "module.net.module.inner": { source: "./inner" } },
                }),
            );
            assert.deepStrictEqual([...byAddress(stack.resources, "alicloud_alidns_cloud_gtm_instance_config.cfg").dependencies].sort(), [
                "terraform::module.net.alicloud_eip_address.a",
                "terraform::module.net.module.inner.alicloud_eip_address.b",
            ]);
        });

        it("checks a provider configuration no resource uses (ICP004), as a Pulumi provider resource is", async () => {
            const result = await main(["check", write("unused-provider.json", terraformPlan({
                resources: [{ type: "alicloud_oss_bucket_cname", name: "img", values: { bucket: "img", domain: "img.shop-example.com" } }],
                providerConfig: {
                    alicloud: { name: "alicloud", full_name: "registry.terraform.io/aliyun/alicloud", expressions: { region: constant("cn-hangzhou") } },
                    "alicloud.spare": { name: "alicloud", full_name: "registry.terraform.io/aliyun/alicloud", alias: "spare", expressions: { region: constant("cn-newcity-2") } },
                },
            })), "--format", "json"], ENV);
            const findings = JSON.parse(result.stdout).findings as { name: string; policy: string }[];
            assert.deepStrictEqual(findings.filter((f) => f.policy === "icp-region-unrecognised").map((f) => f.name), ["alicloud.spare"], result.stdout);
        });

        it("names a Simple Application Server filing host in filingHosts by address, address glob or Pulumi-type URN glob (ICP006)", async () => {
            const swas = terraformPlan({
                providerConfig: HANGZHOU_PROVIDER,
                resources: ["web", "api", "other"].map((name) => ({ type: "alicloud_simple_application_server_instance", name, module: name === "api" ? "module.api" : undefined, values: { plan_id: "swas.s.c2m1s40b1.linux", image_id: "img", period: 1 } })),
                modules: { "module.api": { source: "./api" } },
            });
            const file = write("swas.json", swas);
            const hostsFlagged = async (filingHosts: string[]) => {
                const config = write("swas-config.json", { "icp-filing-host-ineligible": { filingHosts } });
                const result = await main(["check", file, "--config", config, "--format", "json"], ENV);
                return (JSON.parse(result.stdout).findings as { name: string; policy: string }[]).filter((f) => f.policy === "icp-filing-host-ineligible").map((f) => f.name).sort();
            };
            assert.deepStrictEqual(await hostsFlagged(["alicloud_simple_application_server_instance.web"]), ["alicloud_simple_application_server_instance.web"]);
            assert.deepStrictEqual(await hostsFlagged(["module.api.*"]), ["module.api.alicloud_simple_application_server_instance.api"]);
            assert.deepStrictEqual(await hostsFlagged(["*::alicloud:simpleapplicationserver/instance:Instance::*"]), [
                "alicloud_simple_application_server_instance.other",
                "alicloud_simple_application_server_instance.web",
                "module.api.alicloud_simple_application_server_instance.api",
            ]);
            assert.deepStrictEqual(await hostsFlagged(["web"]), [], "a bare Terraform resource name is not its address");
        });
    });

    describe("icp-guard check over Terraform JSON", () => {
        const plan = terraformPlan({
            resources: [
                { type: "alicloud_cdn_domain_new", name: "shop", module: "module.web", values: { domain_name: "cdn.unfiled-example.com", cdn_type: "web" }, unknown: { scope: true }, expressions: { domain_name: ref("var.domain"), cdn_type: constant("web") } },
                { type: "alicloud_alidns_record", name: "secret", values: { domain_name: "secret-unfiled-example.com", rr: "@", type: "A", value: "8.8.8.8" }, sensitive: { domain_name: true } },
                { type: "alicloud_eip_address", name: "ip", values: EIP, unknown: { ip_address: true } },
                { type: "alicloud_alidns_record", name: "secret_to_eip", values: { domain_name: "secret-unfiled-example.com", rr: "www", type: "A" }, sensitive: { domain_name: true }, unknown: { value: true }, expressions: { value: ref("alicloud_eip_address.ip.ip_address", "alicloud_eip_address.ip") } },
            ],
            modules: { "module.web": { source: "./web", expressions: { domain: constant("cdn.unfiled-example.com") } } },
        });

        it("is detected next to the Pulumi formats, and finds the left-out CDN scope to default to the mainland", async () => {
            assert.ok(isTerraformJson(plan));
            const result = await main(["check", write("plan.json", plan)], ENV);
            assert.strictEqual(result.code, 1, result.stderr);
            assert.match(result.stdout, /icp-domain-unfiled  \(module\.web\.alicloud_cdn_domain_new\.shop\)/);
            assert.match(result.stdout, /scope not set \(defaults to "domestic"\)/);
        });

        it("never prints a sensitive value, in any format", async () => {
            const file = write("secret.json", plan);
            for (const format of ["text", "json", "sarif", "junit", "markdown", "github"]) {
                const result = await main(["check", file, "--format", format], ENV);
                assert.ok(result.stdout.includes("secret_to_eip"), `${format}: the finding is reported`);
                assert.ok(!result.stdout.includes("secret-unfiled-example"), `${format} printed a sensitive value`);
            }
        });

        it("points SARIF results at the .tf block with --source-root and names the address as a logical location", async () => {
            const root = fs.mkdtempSync(path.join(dir, "src-"));
            fs.mkdirSync(path.join(root, "web"));
            fs.writeFileSync(path.join(root, "main.tf"), 'module "web" {\n  source = "./web"\n}\n\nresource "alicloud_eip_address" "ip" {}\n');
            fs.writeFileSync(path.join(root, "web", "cdn.tf"), 'variable "domain" {}\n\nresource "alicloud_cdn_domain_new" "shop" {\n  domain_name = var.domain\n}\n');
            const result = await main(["check", write("sarif.json", plan), "--format", "sarif", "--source-root", root], ENV);
            const results = JSON.parse(result.stdout).runs[0].results as any[];
            const cdn = results.find((r) => r.locations[0].logicalLocations[0].name === "module.web.alicloud_cdn_domain_new.shop");
            assert.ok(cdn, JSON.stringify(results.map((r) => r.locations[0].logicalLocations)));
            assert.strictEqual(cdn.locations[0].physicalLocation.artifactLocation.uri, path.join(root, "web", "cdn.tf").split(path.sep).join("/"));
            assert.strictEqual(cdn.locations[0].physicalLocation.region.startLine, 3);
        });

        it("applies waivers to Terraform addresses (globs on the address)", async () => {
            const registry = write("waivers.yaml", [
                "filings: []",
                "waivers:",
                "  - policy: icp-domain-unfiled",
                "    resource: 'module.web.*'",
                "    reason: filing in progress, ticket OPS-12",
                "    owner: web-team",
                "    expires: 2099-01-01",
            ].join("\n"));
            const result = await main(["check", write("waived.json", plan), "--filings", registry, "--format", "json"], ENV);
            const findings = JSON.parse(result.stdout).findings as { name: string; level: string; policy: string; message: string }[];
            const cdn = findings.find((f) => f.name === "module.web.alicloud_cdn_domain_new.shop" && f.policy === "icp-domain-unfiled");
            assert.ok(cdn && cdn.level === "advisory" && /Waived until 2099-01-01/.test(cdn.message), JSON.stringify(findings));
        });

        it("reads `terraform show -json` of a state (no plan) for audits", async () => {
            const state = terraformState([
                { type: "alicloud_eip_address", name: "ip", values: { ...EIP, ip_address: "47.96.1.2" } },
                { type: "alicloud_alidns_record", name: "www", values: { domain_name: "unfiled-example.com", rr: "www", type: "A", value: "47.96.1.2" } },
                { type: "alicloud_alidns_record", name: "filed", values: { domain_name: "shop-example.com", rr: "www", type: "A", value: "47.96.1.2" } },
            ]);
            const result = await main(["check", write("state.json", state), "--format", "json"], ENV);
            const findings = JSON.parse(result.stdout).findings as { name: string; policy: string }[];
            assert.deepStrictEqual(findings.filter((f) => f.policy === "icp-domain-unfiled").map((f) => f.name), ["alicloud_alidns_record.www"]);
        });

        it("refuses malformed Terraform JSON naming every problem, and never crashes", async () => {
            const bad = {
                format_version: "1.2",
                planned_values: { root_module: { resources: [{ address: "a.b", type: "a" }, "nope"], child_modules: {} } },
                resource_changes: [{}],
            };
            assert.throws(() => parse(bad), (error: unknown) => error instanceof InputFileError && /resources\[0\] has no name/.test(error.message) && /resources\[1\] is not an object/.test(error.message) && /child_modules is not a list/.test(error.message) && /resource_changes\[0\]/.test(error.message));
            const result = await main(["check", write("bad.json", bad)], ENV);
            assert.strictEqual(result.code, 2);
            assert.match(result.stderr, /bad\.json: planned_values\.root_module\.resources\[0\] has no name/);
            const future = await main(["check", write("future.json", { format_version: "2.0", planned_values: {} })], ENV);
            assert.strictEqual(future.code, 2);
            assert.match(future.stderr, /format_version "2\.0" is not 1\.x/);
            const wrapped = await main(["check", write("wrapped.json", `[command]/home/runner/work/_temp/terraform-bin show -json tfplan\n${JSON.stringify(plan)}`)], ENV);
            assert.strictEqual(wrapped.code, 2);
            assert.match(wrapped.stderr, /wrapped\.json is not valid JSON .*setup-terraform's wrapper.*terraform_wrapper: false/);
            const typo = await main(["check", write("typo.json", plan), "--source-root", path.join(dir, "no-such-dir")], ENV);
            assert.strictEqual(typo.code, 2);
            assert.match(typo.stderr, /--source-root .*no-such-dir: no such directory/);
        });
    });
});
