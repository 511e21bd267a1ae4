/**
 * Estates of several roots checked together (issue #17 item 3, issue #18 first item): Terraform
 * root modules and Pulumi stacks never merge by address or URN; only a plan and the state of its own
 * root module overlay (told by a raw state's lineage, else by the objects they share). Plans and
 * states come from the transcribed builders in test/helpers (terraform-plan.ts, terraform-state.ts).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/icp-guard";
import { EXAMPLES_REGISTRY, recordProgram, REPO_DIR } from "../tools/examples";
import { terraformPlan, terraformState as showJsonState } from "./helpers/terraform-plan";
import { lineageOf, terraformState } from "./helpers/terraform-state";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-estates-"));
const write = (name: string, content: unknown): string => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
    return name;
};
const ENV = { env: { ICP_GUARD_FILINGS: EXAMPLES_REGISTRY, ALICLOUD_REGION: undefined, ALIBABA_CLOUD_REGION: undefined } as NodeJS.ProcessEnv, cwd: dir };

interface Finding {
    readonly policy: string;
    readonly level: string;
    /** A Pulumi finding's URN; a Terraform finding has its `address` instead (lib/reports/formats.ts). */
    readonly urn: string;
    readonly address?: string;
    readonly name: string;
    readonly message: string;
}
const findings = (stdout: string): Finding[] => (JSON.parse(stdout) as { findings: Finding[] }).findings;
const mandatory = (stdout: string): string[] => findings(stdout).filter((f) => f.level === "mandatory").map((f) => `${f.policy} ${f.name}`).sort();

const EIP = { bandwidth: "5", internet_charge_type: "PayByTraffic" };

/** One root module's plan: an EIP and an A record to it, the same addresses in every module. */
const rootPlan = (domain: string, ip: string) =>
    terraformPlan({
        resources: [
            { type: "alicloud_eip_address", name: "web", values: { ...EIP, id: `eip-${domain}`, ip_address: ip }, actions: ["no-op"] },
            { type: "alicloud_alidns_record", name: "www", values: { id: `rr-${domain}`, domain_name: domain, rr: "www", type: "A", value: ip }, actions: ["no-op"] },
        ],
    });

describe("estates of several roots (Terraform root modules, Pulumi stacks)", () => {
    it("two root modules with the same addresses give the findings of each alone, in either order (check */plan.json), and domains agrees", async () => {
        const acme = write("acme/plan.json", rootPlan("unfiled-example.com", "47.96.1.10"));
        const shop = write("shop/plan.json", rootPlan("shop-example.com", "47.96.1.11"));
        const alone = await main(["check", acme, "--format", "json"], ENV);
        assert.strictEqual(alone.code, 1, alone.stderr);
        for (const order of [
            [acme, shop],
            [shop, acme],
        ]) {
            const both = await main(["check", ...order, "--format", "json"], ENV);
            assert.strictEqual(both.code, 1, `${order.join(" ")}: ${both.stderr}`);
            assert.deepStrictEqual(mandatory(both.stdout), mandatory(alone.stdout));
            const record = findings(both.stdout).find((f) => f.policy === "icp-domain-unfiled");
            // The same address in both root modules: the finding says which file the record and its EIP came from.
            assert.match(record?.message ?? "", /alicloud_alidns_record\.www \(from acme\/plan\.json\)\) points at EIP \(alicloud_eip_address\) alicloud_eip_address\.web \(from acme\/plan\.json\)/);
            const text = await main(["check", ...order], ENV);
            assert.match(text.stdout, /icp-domain-unfiled {2}\(alicloud_alidns_record\.www \(from acme\/plan\.json\)\)/);
            const domains = await main(["domains", ...order, "--format", "json"], ENV);
            assert.strictEqual(domains.code, 0, domains.stderr);
            const listed = JSON.parse(domains.stdout) as { domains: { domain: string; status: string; bindings: { file: string }[] }[] };
            const unfiled = listed.domains.find((d) => d.domain === "unfiled-example.com");
            assert.ok(unfiled, domains.stdout);
            assert.deepStrictEqual(unfiled.bindings.map((b) => b.file), [acme]);
            assert.ok(listed.domains.some((d) => d.domain === "shop-example.com"), "the other root's domain is listed too");
        }
    });

    it("a DNS record in one root module's state is decided against an endpoint another root module's state holds", async () => {
        const dns = write("estate/dns.tfstate", terraformState({ resources: [{ type: "alicloud_alidns_record", name: "www", instances: [{ attributes: { id: "1", domain_name: "unfiled-example.com", rr: "www", type: "A", value: "47.96.2.20" } }] }] }));
        const web = write("estate/web.tfstate", terraformState({ resources: [{ type: "alicloud_eip_address", name: "web", instances: [{ attributes: { ...EIP, id: "eip-web", ip_address: "47.96.2.20" } }] }] }));
        const dnsAlone = await main(["check", dns, "--format", "json"], ENV);
        assert.deepStrictEqual(mandatory(dnsAlone.stdout), [], "alone, the value is an address icp-guard cannot place");
        const estate = await main(["check", dns, web, "--format", "json"], ENV);
        assert.strictEqual(estate.code, 1, estate.stderr);
        assert.deepStrictEqual(mandatory(estate.stdout), ["icp-domain-unfiled alicloud_alidns_record.www"]);
        // Distinct addresses need no file beside them.
        assert.match(findings(estate.stdout)[0].message, /\(alicloud_alidns_record\.www\) points at EIP \(alicloud_eip_address\) alicloud_eip_address\.web \(its value/);
    });

    it("a plan overlays the state of its own root module (its prior state's objects), never another's", async () => {
        const state = (domain: string) =>
            terraformState({
                lineage: lineageOf(domain),
                resources: [
                    { type: "alicloud_eip_address", name: "web", instances: [{ attributes: { ...EIP, id: `eip-${domain}`, ip_address: "47.96.3.30" } }] },
                    { type: "alicloud_alidns_record", name: "www", instances: [{ attributes: { id: `rr-${domain}`, domain_name: domain, rr: "www", type: "A", value: "47.96.3.30" } }] },
                ],
            });
        const acmeState = write("overlay/acme.tfstate", state("unfiled-example.com"));
        const otherState = write("overlay/other.tfstate", state("also-unfiled-example.com"));
        // acme's plan deletes its record; its prior state holds acme's objects (as `terraform show -json <planfile>` writes it).
        const plan = terraformPlan({
            resources: [
                { type: "alicloud_eip_address", name: "web", values: { ...EIP, id: "eip-unfiled-example.com", ip_address: "47.96.3.30" }, actions: ["no-op"] },
                { type: "alicloud_alidns_record", name: "www", values: { id: "rr-unfiled-example.com", domain_name: "unfiled-example.com", rr: "www", type: "A", value: "47.96.3.30" }, actions: ["delete"] },
            ],
        });
        plan["prior_state"] = showJsonState([
            { type: "alicloud_eip_address", name: "web", values: { ...EIP, id: "eip-unfiled-example.com", ip_address: "47.96.3.30" } },
            { type: "alicloud_alidns_record", name: "www", values: { id: "rr-unfiled-example.com", domain_name: "unfiled-example.com", rr: "www", type: "A", value: "47.96.3.30" } },
        ]);
        const acmePlan = write("overlay/acme-plan.json", plan);
        for (const order of [
            [acmeState, otherState, acmePlan],
            [acmePlan, otherState, acmeState],
        ]) {
            const result = await main(["check", ...order, "--format", "json"], ENV);
            assert.strictEqual(result.code, 1, result.stderr);
            // acme's record is deleted by acme's plan; the other root module's record with the same address stays.
            assert.deepStrictEqual(
                findings(result.stdout).filter((f) => f.policy === "icp-domain-unfiled").map((f) => f.message.split(" ")[2]),
                ["www.also-unfiled-example.com"],
            );
        }
    });

    it("states with one lineage are one state; a plan holding objects of two different states is refused", async () => {
        const resources = [{ type: "alicloud_alidns_record", name: "www", instances: [{ attributes: { id: "9", domain_name: "unfiled-example.com", rr: "www", type: "A", value: "8.8.8.8" } }] }];
        const a = write("lineage/a.tfstate", terraformState({ lineage: lineageOf("one"), serial: 1, resources }));
        const b = write("lineage/b.tfstate", terraformState({ lineage: lineageOf("one"), serial: 2, resources }));
        const c = write("lineage/c.tfstate", terraformState({ lineage: lineageOf("two"), resources }));
        const same = await main(["check", a, b], ENV);
        assert.match(same.stderr + same.stdout, /\(2 resources\)/, "one record and its provider configuration");
        const different = await main(["check", a, c], ENV);
        assert.match(different.stderr + different.stdout, /\(4 resources\)/);
        const plan = terraformPlan({ resources: [{ type: "alicloud_alidns_record", name: "www", values: { id: "9", domain_name: "unfiled-example.com", rr: "www", type: "A", value: "8.8.8.8" }, actions: ["no-op"] }] });
        const both = await main(["check", a, c, write("lineage/plan.json", plan)], ENV);
        assert.strictEqual(both.code, 2);
        assert.match(both.stderr, /lineage\/a\.tfstate and lineage\/c\.tfstate are different states \(their lineages differ\), but lineage\/plan\.json holds objects of both/);
    });

    it("domains refuses the partial preview check refuses, and lists it with --partial as check reports it (issue #18)", async () => {
        const preview = path.resolve(__dirname, "..", "..", "test", "fixtures", "pulumi", "preview.json");
        for (const command of ["check", "domains"]) {
            const refused = await main([command, preview], ENV);
            assert.strictEqual(refused.code, 2, `${command}: ${refused.stdout}`);
            assert.match(refused.stderr, /preview\.json references 2 resources that no input contains/);
            assert.notStrictEqual((await main([command, preview, "--partial"], ENV)).code, 2, command);
        }
    });

    it("an errored or incomplete plan is refused (exit 2) unless --partial, in check and in domains alike (issue #18)", async () => {
        const base = rootPlan("unfiled-example.com", "47.96.4.40");
        // internal/command/jsonplan plan.go: `errored` (Terraform 1.5+), `complete` (1.8+), `deferred_changes`.
        const cases: [string, Record<string, unknown>, RegExp][] = [
            ["errored.json", { ...base, errored: true, complete: false, applyable: false }, /errored\.json is an errored plan \("errored": true\): `terraform plan` failed part-way/],
            ["incomplete.json", { ...base, complete: false }, /incomplete\.json is an incomplete plan \("complete": false\)/],
            ["deferred.json", { ...base, deferred_changes: [{ reason: "resource_config_unknown", resource_change: {} }] }, /deferred\.json is an incomplete plan \(1 deferred change\(s\)\)/],
        ];
        for (const [name, plan, message] of cases) {
            const file = write(`partial/${name}`, plan);
            const refused = await main(["check", file], ENV);
            assert.strictEqual(refused.code, 2, `${name}: ${refused.stdout}`);
            assert.match(refused.stderr, message);
            assert.match(refused.stderr, /add --partial/);
            const listed = await main(["domains", file], ENV);
            assert.strictEqual(listed.code, 2, `domains ${name}`);
            assert.match(listed.stderr, message);
            const partial = await main(["check", file, "--partial", "--format", "json"], ENV);
            assert.strictEqual(partial.code, 1, partial.stderr);
            assert.strictEqual((JSON.parse(partial.stdout) as { partial: boolean }).partial, true);
            assert.match(partial.stderr, /partial report \(--partial\)/);
            const markdown = await main(["check", file, "--partial", "--format", "markdown"], ENV);
            assert.match(markdown.stdout, /Partial report: an input is an errored or incomplete Terraform plan/);
            assert.strictEqual((await main(["domains", file, "--partial"], ENV)).code, 0);
        }
        // A complete plan, and one from before Terraform wrote these fields, are checked as they are.
        const older: Record<string, unknown> = { ...base };
        delete older["complete"];
        delete older["errored"];
        for (const plan of [base, older]) assert.strictEqual((await main(["check", write("partial/ok.json", plan)], ENV)).code, 1);
    });
    it("each stack's stack config is its own: a region under aliyun:region is reported on that stack's default provider only, and its resources say the key was not read (issue #17 §7)", async () => {
        // The same real example program as two stacks: one sets its region under a key the provider does not read.
        const program = path.join(REPO_DIR, "bin", "examples", "dns-to-mainland-eip", "index.js");
        const shop = write("stacks/shop.json", recordProgram(program, "shop", { "aliyun:region": "cn-hongkong" }));
        const blog = write("stacks/blog.json", recordProgram(program, "blog", { "alicloud:region": "cn-hongkong" }));
        for (const order of [
            [shop, blog],
            [blog, shop],
        ]) {
            const result = await main(["check", ...order, "--format", "json"], ENV);
            assert.strictEqual(result.code, 1, result.stderr);
            const all = findings(result.stdout);
            const advisories = all.filter((f) => f.policy === "icp-region-unrecognised");
            assert.deepStrictEqual(advisories.map((f) => f.urn.replace(/::default_.*$/, "")), ["urn:pulumi:dev::shop::pulumi:providers:alicloud"], result.stdout);
            assert.match(advisories[0].message, /sets aliyun:region = cn-hongkong, but the alicloud provider reads its region from alicloud:region only/);
            // shop's EIP went to the provider's default (mainland): its record is blocked, and says why; blog's is in Hong Kong.
            const eipRecords = all.filter((f) => f.policy === "icp-domain-unfiled" && / A \(dns\.AlidnsRecord "app"/.test(f.message));
            assert.deepStrictEqual(eipRecords.map((f) => f.urn.split("::")[1]), ["shop"], result.stdout);
            assert.match(eipRecords[0].message, /cn-beijing .*the provider's default .*the stack config's aliyun:region \(cn-hongkong\) is not read by the provider, which reads alicloud:region/);
        }
        // A secret key (a preview blinds its value as "[secret]") is set all the same: reported without its value, alone and beside another stack.
        const secret = recordProgram(program, "vault", { "aliyun:region": "cn-hongkong" }) as { config: Record<string, string> };
        const vault = write("stacks/vault.json", { ...secret, config: { "aliyun:region": "[secret]" } });
        for (const files of [[vault], [vault, blog]]) {
            const result = await main(["check", ...files, "--format", "json"], ENV);
            const told = findings(result.stdout).filter((f) => f.policy === "icp-region-unrecognised");
            assert.deepStrictEqual(told.map((f) => f.urn.split("::")[1]), ["vault"], result.stdout);
            assert.match(told[0].message, /^The stack config sets aliyun:region, but [\s\S]* \(pulumi config set alicloud:region <region>\)/);
            for (const finding of findings(result.stdout).filter((f) => f.urn.includes("::vault::"))) assert.doesNotMatch(finding.message, /\[secret\]|cn-hongkong/);
        }
        // A secret alicloud:region is set but not shown: where the provider's own input does not say
        // it either, the region is unknown (undecidable), never ALICLOUD_REGION of the checking machine.
        const hidden = recordProgram(program, "hidden", { "alicloud:region": "cn-hangzhou" }) as { config: Record<string, string>; steps: { urn?: string; newState?: { inputs?: Record<string, unknown> } }[] };
        for (const step of hidden.steps) if (step.urn?.includes("pulumi:providers:alicloud") && step.newState?.inputs) delete step.newState.inputs["region"];
        const hiddenFile = write("stacks/hidden.json", { ...hidden, config: { "alicloud:region": "[secret]" } });
        for (const files of [[hiddenFile], [hiddenFile, blog]]) {
            const result = await main(["check", ...files, "--format", "json"], { ...ENV, env: { ...ENV.env, ALICLOUD_REGION: "cn-hongkong" } });
            const eip = findings(result.stdout).filter((f) => f.urn.includes("::hidden::") && / A \(dns\.AlidnsRecord "app"/.test(f.message));
            assert.deepStrictEqual(eip.map((f) => f.policy), ["icp-binding-undecidable"], result.stdout);
            assert.match(eip[0].message, /stack config alicloud:region \(a secret: the preview does not show its value\)/);
        }
        // A Terraform root module has no Pulumi stack config: checked beside shop, only shop's default provider is told.
        const plan = write("stacks/plan.json", rootPlan("tf-example.com", "47.96.1.12"));
        const mixed = await main(["check", plan, shop, "--format", "json"], ENV);
        const told = findings(mixed.stdout).filter((f) => f.policy === "icp-region-unrecognised");
        assert.deepStrictEqual(told.map((f) => f.urn.replace(/::default_.*$/, "")), ["urn:pulumi:dev::shop::pulumi:providers:alicloud"], mixed.stdout);
        assert.ok(!findings(mixed.stdout).some((f) => f.address !== undefined && /aliyun:region/.test(f.message)), mixed.stdout);
    });
});
