/**
 * Both front ends cover the same resources: every Pulumi type the rules read has its Terraform
 * name in the mapping table, and every mapping names a real class of the installed bridged SDKs
 * (`@pulumi/alicloud`, `@pulumi/cloudflare`), with `MaxItems: 1` blocks that are single objects
 * there. The set is derived from the rules' own exports and from the type tokens in their source,
 * so a type added to a rule without a Terraform name fails here.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { BINDING_TYPES } from "../lib/graph/bindings";
import { DNS_TYPES, ZONE_NAME_PROPERTY } from "../lib/graph/dns";
import { ENDPOINT_RESOURCE_TYPES } from "../lib/graph/endpoints";
import { HOST_TYPES } from "../lib/graph/hosts";
import { camelCase, pulumiName, TERRAFORM_TYPES } from "../lib/inputs/terraform/mapping";
import { declaredOutput, sdkClass } from "../tools/terraform-mapping";

const ROOT = path.resolve(__dirname, "..", "..");
const TOKEN = /"((?:alicloud|aws|cloudflare):[a-z0-9]+\/[A-Za-z0-9]+:[A-Za-z0-9]+)"/g;

/** Type tokens written in the rules' source (the graph, the kit, the policies) and data files. */
function tokensInSource(): Set<string> {
    const found = new Set<string>();
    const scan = (dir: string, ext: string) => {
        for (const name of fs.readdirSync(path.join(ROOT, dir))) {
            if (!name.endsWith(ext)) continue;
            const text = fs.readFileSync(path.join(ROOT, dir, name), "utf8");
            for (const match of text.matchAll(TOKEN)) found.add(match[1]);
        }
    };
    scan("lib/graph", ".ts");
    scan("lib/kit", ".ts");
    scan("policies", ".ts");
    scan("data", "filing-hosts.json");
    return found;
}

describe("Terraform → Pulumi mapping table", () => {
    const mapped = new Map<string, string[]>();
    for (const [terraformType, entry] of Object.entries(TERRAFORM_TYPES)) mapped.set(entry.token, [...(mapped.get(entry.token) ?? []), terraformType]);

    it("gives every Pulumi type the rules read a Terraform name", () => {
        const read = new Set([...BINDING_TYPES, ...DNS_TYPES, ...ENDPOINT_RESOURCE_TYPES, ...HOST_TYPES, ...Object.keys(ZONE_NAME_PROPERTY), ...tokensInSource()]);
        const missing = [...read].filter((token) => !mapped.has(token)).sort();
        assert.deepStrictEqual(
            missing,
            [],
            "add their Terraform names to TERRAFORM_ALICLOUD_TYPES in tools/terraform-mapping.ts and regenerate data/terraform-alicloud.json from the provider's bridge-metadata.json (or to OTHER_TYPES in lib/inputs/terraform/mapping.ts)",
        );
    });

    it("names the Terraform types the issue lists", () => {
        for (const terraformType of [
            "alicloud_cdn_domain_new", "alicloud_cdn_domain", "alicloud_dcdn_domain", "alicloud_oss_bucket_cname", "alicloud_alidns_record", "alicloud_dns_record",
            "alicloud_eip_address", "alicloud_instance", "alicloud_alb_rule", "alicloud_slb_load_balancer", "alicloud_ga_domain",
            "aws_route53_record", "cloudflare_record", "cloudflare_dns_record",
        ]) {
            assert.ok(TERRAFORM_TYPES[terraformType], terraformType);
        }
    });

    it("maps every Terraform type to a class of the installed bridged SDK", () => {
        const wrong: string[] = [];
        for (const [terraformType, entry] of Object.entries(TERRAFORM_TYPES)) {
            let found: ReturnType<typeof sdkClass>;
            try {
                found = sdkClass(entry.token);
            } catch (error) {
                wrong.push(`${terraformType} → ${entry.token}: ${(error as Error).message.split("\n")[0]}`);
                continue;
            }
            if (found && found.type !== entry.token) wrong.push(`${terraformType} → ${entry.token}: the SDK class is ${found.type}`);
        }
        assert.deepStrictEqual(wrong, []);
    });

    it("names properties the SDK declares, MaxItems-1 blocks as single objects", () => {
        const wrong: string[] = [];
        for (const [terraformType, entry] of Object.entries(TERRAFORM_TYPES)) {
            const found = sdkClass(entry.token);
            if (!found) continue;
            for (const [terraformName, pulumi] of Object.entries(entry.renames ?? {})) {
                if (declaredOutput(found.declaration, pulumi) === undefined) wrong.push(`${terraformType}.${terraformName} → ${pulumi}: not a property of ${entry.token}`);
            }
            for (const [terraformName, shape] of Object.entries(entry.fields ?? {})) {
                const name = pulumiName(terraformName, entry);
                const output = declaredOutput(found.declaration, name);
                if (output === undefined) wrong.push(`${terraformType}.${terraformName} → ${name}: not a property of ${entry.token}`);
                else if (shape.one && output.endsWith("[]")) wrong.push(`${terraformType}.${terraformName}: a list in the SDK, not MaxItems 1`);
                else if (!shape.one && !output.endsWith("[]") && !output.includes("[] |")) wrong.push(`${terraformType}.${terraformName}: a single object in the SDK, so MaxItems 1`);
            }
        }
        assert.deepStrictEqual(wrong, []);
    });

    it("is listed truthfully in the README's Terraform section", () => {
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        const section = readme.slice(readme.indexOf("\n## Terraform\n"), readme.indexOf("\n## ", readme.indexOf("\n## Terraform\n") + 1));
        const listed = new Set([...section.matchAll(/`((?:alicloud|aws|cloudflare)_[a-z0-9_]+)`/g)].map((match) => match[1]));
        const mappedTypes = Object.keys(TERRAFORM_TYPES);
        assert.deepStrictEqual(mappedTypes.filter((type) => !listed.has(type)).sort(), [], "mapped but not listed");
        assert.deepStrictEqual([...listed].filter((type) => !mappedTypes.includes(type)).sort(), [], "listed but not mapped");
    });

    it("names the properties the rules read the way the bridge does", () => {
        assert.strictEqual(pulumiName("rule_conditions", TERRAFORM_TYPES["alicloud_alb_rule"]), "ruleConditions");
        assert.strictEqual(pulumiName("ip_address_list", TERRAFORM_TYPES["alicloud_ga_ip_set"]), "ipAddressLists");
        assert.strictEqual(pulumiName("alias", TERRAFORM_TYPES["aws_route53_record"]), "aliases");
        assert.strictEqual(camelCase("internet_max_bandwidth_out"), "internetMaxBandwidthOut");
        assert.strictEqual(camelCase("ipv6_cidr_ip"), "ipv6CidrIp");
    });
});
