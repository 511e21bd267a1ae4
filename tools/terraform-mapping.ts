/**
 * Regenerates data/terraform-alicloud.json, the Terraform → Pulumi names of the alicloud resources
 * icp-guard reads, from the bridged provider's own metadata: pulumi/pulumi-alicloud
 * `provider/cmd/pulumi-resource-alicloud/bridge-metadata.json`. That file records, for every
 * Terraform resource, its Pulumi type token, which nested blocks are `MaxItems: 1` (a one-element
 * list in Terraform, an object in Pulumi) and every property whose Pulumi name is not the plain
 * camelCase of its Terraform name (pluralised lists such as `cors_rule` → `corsRules`).
 *
 *   node bin/tools/terraform-mapping.js <bridge-metadata.json> [source description]
 *
 * Types the metadata does not list (newer than the snapshot) are kept from the current data file.
 * test/terraform-mapping.spec.ts checks the result against the installed @pulumi/alicloud.
 */
import * as fs from "fs";
import * as path from "path";

/** Terraform resource types icp-guard reads: every type the rules read, plus #11's additions. */
export const TERRAFORM_ALICLOUD_TYPES: readonly string[] = [
    // Bindings (lib/graph/bindings.ts)
    "alicloud_cdn_domain_new", "alicloud_cdn_domain", "alicloud_dcdn_domain", "alicloud_dcdn_ipa_domain", "alicloud_vod_domain",
    "alicloud_scdn_domain", "alicloud_live_domain", "alicloud_esa_site", "alicloud_oss_bucket_cname", "alicloud_fc_custom_domain",
    "alicloud_fcv3_custom_domain", "alicloud_wafv3_domain", "alicloud_waf_domain", "alicloud_apig_domain", "alicloud_sae_ingress",
    "alicloud_alb_rule", "alicloud_slb_rule", "alicloud_slb_domain_extension", "alicloud_ddoscoo_domain_resource",
    // DNS records and zones (lib/graph/dns.ts)
    "alicloud_alidns_record", "alicloud_dns_record", "alicloud_esa_record", "alicloud_alidns_domain", "alicloud_dns_domain", "alicloud_dns",
    // Endpoints (lib/graph/endpoints.ts)
    "alicloud_eip_address", "alicloud_eip", "alicloud_instance", "alicloud_slb_load_balancer", "alicloud_slb", "alicloud_alb_load_balancer",
    "alicloud_nlb_load_balancer", "alicloud_oss_bucket", "alicloud_fcv3_function", "alicloud_fcv3_trigger", "alicloud_ddoscoo_instance",
    "alicloud_simple_application_server_instance", "alicloud_ens_instance", "alicloud_ens_eip", "alicloud_api_gateway_group", "alicloud_apig_gateway",
    "alicloud_sae_load_balancer_internet", "alicloud_eci_container_group", "alicloud_forward_entry", "alicloud_ga_ip_set", "alicloud_ga_basic_ip_set",
    "alicloud_eipanycast_anycast_eip_address",
    // Filing hosts and their stack facts (lib/graph/hosts.ts, data/filing-hosts.json)
    "alicloud_nat_gateway", "alicloud_eip_association", "alicloud_security_group_rule", "alicloud_slb_listener", "alicloud_alb_listener", "alicloud_nlb_listener",
    // Resources the stack facts pass through (security groups of instances and rules; VPCs)
    "alicloud_security_group", "alicloud_vpc",
    // Issue #11 (being added to the rules): Global Accelerator domains and rules, GTM, CR, instance sets
    "alicloud_ga_domain", "alicloud_ga_forwarding_rule", "alicloud_alidns_gtm_instance", "alicloud_cr_ee_instance", "alicloud_ecs_instance_set",
    "alicloud_ga_accelerator", "alicloud_ga_basic_accelerator", "alicloud_ga_listener", "alicloud_ga_endpoint_group", "alicloud_alidns_address_pool",
    "alicloud_alidns_access_strategy", "alicloud_alidns_cloud_gtm_address", "alicloud_alidns_cloud_gtm_address_pool", "alicloud_alidns_cloud_gtm_instance_config",
    "alicloud_esa_origin_pool", "alicloud_esa_load_balancer", "alicloud_esa_edge_container_app_record", "alicloud_esa_routine_related_record",
    // Issue #11's endpoints and bindings: CR custom domains (newer than the metadata snapshot: by hand), Anti-DDoS scheduler
    // rules and the deprecated dns.DdosCooInstance, network interfaces, ESA layer-4 applications, GA basic IPs, MSE gateways, IPv6
    "alicloud_cr_instance_customized_domain", "alicloud_ddoscoo_scheduler_rule", "alicloud_ddoscoo_instance_legacy", "alicloud_ecs_network_interface",
    "alicloud_network_interface", "alicloud_esa_transport_layer_application", "alicloud_ga_basic_accelerate_ip", "alicloud_mse_gateway",
    "alicloud_vpc_ipv6_address", "alicloud_vpc_ipv6_internet_bandwidth",
    // Issue #21: what an EIP is associated with (lib/graph/links.ts): Anycast EIP attachments, HaVips
    "alicloud_eipanycast_anycast_eip_address_attachment", "alicloud_havip", "alicloud_vpc_ha_vip",
    // Issue #19: ACK clusters (Kubernetes hosts are served where their cluster is) and their add-ons (nginx exposure)
    "alicloud_cs_managed_kubernetes", "alicloud_cs_kubernetes", "alicloud_cs_serverless_kubernetes", "alicloud_cs_edge_kubernetes",
    "alicloud_cs_kubernetes_addon", "alicloud_cs_kubernetes_node_pool",
];

interface FieldMeta {
    maxItemsOne?: boolean;
    elem?: { fields?: Record<string, FieldMeta> };
}

/**
 * List, set and block attributes as the data file keeps them (`{}` for a plain list): `one` for a
 * `MaxItems: 1` block, `fields` for nested ones. Terraform's JSON configuration leaves `dynamic`
 * blocks out, so only attributes not listed here can be told "left out of the configuration".
 */
export interface FieldShape {
    readonly one?: true;
    readonly fields?: Record<string, FieldShape>;
}

export interface TerraformTypeEntry {
    readonly token: string;
    readonly fields?: Record<string, FieldShape>;
    /** Terraform name → Pulumi name, only where the Pulumi name is not the plain camelCase. */
    readonly renames?: Record<string, string>;
}

export function camelCase(name: string): string {
    return name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

function shapes(fields: Record<string, FieldMeta> | undefined): Record<string, FieldShape> | undefined {
    if (!fields) return undefined;
    const out: Record<string, FieldShape> = {};
    for (const [name, meta] of Object.entries(fields)) {
        const nested = shapes(meta.elem?.fields);
        out[name] = { ...(meta.maxItemsOne ? { one: true as const } : {}), ...(nested ? { fields: nested } : {}) };
    }
    return Object.keys(out).length ? out : undefined;
}

const SDK_PACKAGE: Readonly<Record<string, string>> = { alicloud: "@pulumi/alicloud", cloudflare: "@pulumi/cloudflare" };

/**
 * The installed SDK's class for a type token (its `__pulumiType`) and its .d.ts text; undefined
 * for SDKs not installed here (aws). Throws when the SDK has no such module.
 */
export function sdkClass(token: string): { type: string | undefined; declaration: string } | undefined {
    const [pkg, modulePath, className] = token.split(":");
    const sdk = SDK_PACKAGE[pkg];
    if (!sdk) return undefined;
    const [module, file] = modulePath.split("/");
    const directory = path.dirname(require.resolve(`${sdk}/package.json`));
    const folder = module === "index" ? directory : path.join(directory, module);
    // File names do not always follow the token's case (fc/v3CustomDomain is fc/v3customDomain.js).
    const declaration = fs.readdirSync(folder).find((name) => name.toLowerCase() === `${file.toLowerCase()}.d.ts`);
    if (!declaration) throw new Error(`no ${module}/${file}.d.ts in ${sdk}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path.join(folder, declaration.replace(/\.d\.ts$/, ".js")))[className] as { __pulumiType?: string } | undefined;
    return { type: exported?.__pulumiType, declaration: fs.readFileSync(path.join(folder, declaration), "utf8") };
}

/** The Pulumi output type of a property in a class's .d.ts (`outputs.alb.RuleRuleCondition[]`), if declared. */
export function declaredOutput(declaration: string, name: string): string | undefined {
    return new RegExp(`readonly ${name}\\??: pulumi\\.Output<([^;]*)>;`).exec(declaration)?.[1].trim();
}

function main(): void {
    const [metadataFile, source] = process.argv.slice(2);
    if (!metadataFile) throw new Error("usage: node bin/tools/terraform-mapping.js <bridge-metadata.json> [source description]");
    const metadata = JSON.parse(fs.readFileSync(metadataFile, "utf8")) as {
        "auto-aliasing": { resources: Record<string, { current: string; fields?: Record<string, FieldMeta> }> };
        renames: { renamedProperties: Record<string, Record<string, string>> };
    };
    const target = path.resolve(__dirname, "..", "..", "data", "terraform-alicloud.json");
    const previous = fs.existsSync(target) ? (JSON.parse(fs.readFileSync(target, "utf8")) as { resources: Record<string, TerraformTypeEntry> }).resources : {};
    const resources: Record<string, TerraformTypeEntry> = {};
    for (const terraformType of TERRAFORM_ALICLOUD_TYPES) {
        const entry = metadata["auto-aliasing"].resources[terraformType];
        if (!entry) {
            if (previous[terraformType]) resources[terraformType] = previous[terraformType];
            else console.error(`${terraformType}: not in the bridge metadata and not in the current data file; add it by hand`);
            continue;
        }
        let installed: ReturnType<typeof sdkClass>;
        try {
            installed = sdkClass(entry.current);
        } catch {
            console.error(`${terraformType}: ${entry.current} is not in the installed SDK; left out`);
            continue;
        }
        // Renames of the resource and of its nested types (`alicloud:alb/RuleRuleCondition:…`).
        const [module, className] = entry.current.split(":")[1].split("/");
        const renames: Record<string, string> = {};
        for (const [token, properties] of Object.entries(metadata.renames.renamedProperties)) {
            const own = token === entry.current;
            const nested = token.startsWith(`alicloud:${module}/${className}`) && !token.startsWith(`alicloud:${module}/${className}:`);
            if (!own && !nested) continue;
            for (const [pulumiName, terraformName] of Object.entries(properties)) {
                if (camelCase(terraformName) === pulumiName) continue;
                if (renames[terraformName] && renames[terraformName] !== pulumiName) console.error(`${terraformType}: ${terraformName} is both ${renames[terraformName]} and ${pulumiName}`);
                else renames[terraformName] = pulumiName;
            }
        }
        let fields = shapes(entry.fields);
        // Blocks and renames the installed SDK does not declare (the metadata may be newer) are left out.
        const declaration = installed?.declaration;
        for (const [name, pulumiName] of Object.entries(renames)) {
            if (declaration && declaredOutput(declaration, pulumiName) === undefined) {
                console.error(`${terraformType}.${name} → ${pulumiName}: not in the installed SDK's ${entry.current}; left out`);
                delete renames[name];
            }
        }
        if (fields && declaration) {
            for (const name of Object.keys(fields)) {
                if (declaredOutput(declaration, renames[name] ?? camelCase(name)) === undefined) {
                    console.error(`${terraformType}.${name}: not in the installed SDK's ${entry.current}; left out`);
                    delete fields[name];
                }
            }
            if (Object.keys(fields).length === 0) fields = undefined;
        }
        resources[terraformType] = { token: entry.current, ...(fields ? { fields } : {}), ...(Object.keys(renames).length ? { renames } : {}) };
    }
    const sorted = Object.fromEntries(Object.keys(resources).sort().map((key) => [key, resources[key]]));
    const data = { source: source ?? path.basename(metadataFile), resources: sorted };
    fs.writeFileSync(target, `${JSON.stringify(data, null, 2)}\n`);
    console.log(`${Object.keys(resources).length} Terraform types written to ${path.relative(process.cwd(), target)}`);
}

if (require.main === module) main();
