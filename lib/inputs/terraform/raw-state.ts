/**
 * Reads a raw Terraform state file (`terraform.tfstate`, state format version 4): what
 * `terraform state pull` prints and what remote backends (OSS, S3, …) store. Format:
 * hashicorp/terraform internal/states/statefile/version4.go (`stateV4`, `resourceStateV4`,
 * `instanceObjectStateV4`; commit 883c7221ee2e0bc2fad6912fd4b3cc4b53a598a7), the same shape
 * since Terraform 0.12.
 *
 * - Managed resources are checked; a data source is read by Terraform, not managed by it, so it
 *   binds and serves nothing, but its results may say where its provider configuration is
 *   (`alicloud_regions` with `current = true`, `alicloud_zones`: records.ts). A resource's
 *   `dependencies` on other resources of the state become dependencies (data sources among them
 *   lead nowhere and are dropped).
 * - Instances: `index_key` (a number for count, a string for for_each) makes the address
 *   (`module.web["prod"].alicloud_eip_address.web[0]`); a deposed object (create_before_destroy,
 *   pending deletion) is left out, as Pulumi's `delete: true` copy is; a tainted one still exists.
 * - `attributes` are the provider's snake_case values (all known); `sensitive_attributes` paths
 *   mark their top-level attribute secret. A state upgraded from format 3 may hold
 *   `attributes_flat` (flatmap strings): its top-level plain entries are read, nested ones
 *   (`tags.%`, `list.0`) are not.
 * - The `provider` of each resource is the provider configuration it used
 *   (`module.x.provider["registry.terraform.io/aliyun/alicloud"].hk`); the state stores no
 *   configuration, so no region: regions come from the resources (zones, regional hostnames, the
 *   data sources above) before the environment.
 */
import { InputFileError } from "../pulumi-file";
import { buildTerraformRecords, identityOf, isObject, Json, TerraformDataInstance, TerraformInstance, TerraformOptions, TerraformParsed } from "./records";

/** The state format this reads; `version` in the file. */
export const RAW_STATE_VERSION = 4;

/** True for an object shaped like a raw state of any format version (`version` a number, and `lineage`, `serial` or `resources`). */
export function isRawState(data: unknown): data is Json {
    if (!isObject(data) || typeof data["version"] !== "number") return false;
    if ("deployment" in data || "checkpoint" in data || "steps" in data) return false; // a Pulumi stack export has a `version` too
    return typeof data["lineage"] === "string" || typeof data["serial"] === "number" || Array.isArray(data["resources"]) || Array.isArray(data["modules"]);
}

/** `module.x.provider["registry.terraform.io/aliyun/alicloud"].hk` → its parts; also the legacy `provider.alicloud.hk`. */
export function parseProviderConfig(text: string): { readonly module: string; readonly providerName: string; readonly alias?: string } | undefined {
    const modern = /^(?:(.+)\.)?provider\["([^"]+)"\](?:\.([A-Za-z0-9_-]+))?$/.exec(text);
    if (modern) return { module: modern[1] ?? "", providerName: modern[2], ...(modern[3] ? { alias: modern[3] } : {}) };
    // Terraform parses the legacy form as an HCL traversal, which allows spaces around the dots (`provider. null`).
    const legacy = /^(?:(.+)\.)?provider\.([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?$/.exec(text.replace(/\s*\.\s*/g, "."));
    if (legacy) return { module: legacy[1] ?? "", providerName: legacy[2], ...(legacy[3] ? { alias: legacy[3] } : {}) };
    return undefined;
}

/** `[[{"type":"get_attr","value":"password"}], …]` → `{password: true}` (the top-level attribute of each path). */
function sensitiveMask(paths: unknown): Json {
    const mask: Json = {};
    for (const path of Array.isArray(paths) ? paths : []) {
        const first: unknown = Array.isArray(path) ? path[0] : undefined;
        if (isObject(first) && first["type"] === "get_attr" && typeof first["value"] === "string") mask[first["value"]] = true;
    }
    return mask;
}

/** `attributes_flat` of an upgraded state: its top-level plain entries (nested ones are flatmap keys such as `tags.%`). */
function flatAttributes(flat: Json): Json {
    return Object.fromEntries(Object.entries(flat).filter(([key, value]) => !key.includes(".") && typeof value === "string"));
}

function keyText(key: unknown): string | undefined {
    if (typeof key === "number" && Number.isInteger(key)) return String(key);
    if (typeof key === "string") return JSON.stringify(key);
    return undefined;
}

/** Reads a raw state object (see isRawState) into records. Throws InputFileError naming every problem. */
export function readRawState(data: Json, file: string, options: TerraformOptions = {}): TerraformParsed {
    const version = data["version"] as number;
    if (version !== RAW_STATE_VERSION) {
        throw new InputFileError(
            version < RAW_STATE_VERSION
                ? `${file} is a Terraform state of format version ${version}, written by Terraform 0.11 or earlier; icp-guard reads format version 4 (Terraform 0.12 and later). Fix: run \`terraform state pull\` with Terraform 0.12 or later, which upgrades the state, and pass its output`
                : `${file} is a Terraform state of format version ${version}, newer than the format version 4 icp-guard reads (Terraform 0.12 and later). Fix: pass the output of \`terraform show -json\` (the state's JSON output format) instead`,
        );
    }
    const problems: string[] = [];
    const rawResources = data["resources"] ?? [];
    if (!Array.isArray(rawResources)) throw new InputFileError(`${file}: resources is not a list`);
    const instances: TerraformInstance[] = [];
    const dataSources: TerraformDataInstance[] = [];
    const identities = new Set<string>();
    const seen = new Set<string>();
    rawResources.forEach((resource: unknown, index) => {
        const at = `resources[${index}]`;
        if (!isObject(resource)) return void problems.push(`${file}: ${at} is not an object`);
        const missing = ["type", "name", "provider"].filter((field) => typeof resource[field] !== "string" || resource[field] === "");
        if (missing.length) return void problems.push(`${file}: ${at} has no ${missing.join(", ")}`);
        const mode = resource["mode"] ?? "managed";
        if (mode !== "managed" && mode !== "data") return void problems.push(`${file}: ${at} has mode ${JSON.stringify(mode)}, neither "managed" nor "data"`);
        const module = resource["module"] ?? "";
        if (typeof module !== "string") return void problems.push(`${file}: ${at}.module is not a string`);
        const provider = parseProviderConfig(resource["provider"] as string);
        if (!provider) return void problems.push(`${file}: ${at}.provider ${JSON.stringify(resource["provider"])} is not a provider configuration address`);
        const rawInstances = resource["instances"] ?? [];
        if (!Array.isArray(rawInstances)) return void problems.push(`${file}: ${at}.instances is not a list`);
        const type = resource["type"] as string;
        const name = resource["name"] as string;
        const local = provider.providerName.split("/").pop() ?? provider.providerName;
        const providerKey = `${provider.module ? `${provider.module}:` : ""}${local}${provider.alias ? `.${provider.alias}` : ""}`;
        if (mode === "data") {
            // Never checked; its results may say where its provider configuration is (records.ts).
            rawInstances.forEach((instance: unknown) => {
                if (!isObject(instance) || !isObject(instance["attributes"])) return;
                const key = keyText(instance["index_key"]);
                dataSources.push({ address: `${module ? `${module}.` : ""}data.${type}.${name}${key !== undefined ? `[${key}]` : ""}`, type, providerName: provider.providerName, providerKey, values: instance["attributes"] });
            });
            return;
        }
        rawInstances.forEach((instance: unknown, instanceIndex) => {
            const where = `${at}.instances[${instanceIndex}]`;
            if (!isObject(instance)) return void problems.push(`${file}: ${where} is not an object`);
            // An old object of a create_before_destroy replacement, pending deletion.
            if (instance["deposed"] !== undefined && instance["deposed"] !== "") return;
            const rawKey = instance["index_key"];
            const key = rawKey === undefined || rawKey === null ? undefined : keyText(rawKey);
            if (rawKey !== undefined && rawKey !== null && key === undefined) return void problems.push(`${file}: ${where}.index_key is neither a whole number nor a string`);
            const address = `${module ? `${module}.` : ""}${type}.${name}${key !== undefined ? `[${key}]` : ""}`;
            if (seen.has(address)) return void problems.push(`${file}: ${where}: ${address} appears twice`);
            seen.add(address);
            const attributes = isObject(instance["attributes"]) ? instance["attributes"] : isObject(instance["attributes_flat"]) ? flatAttributes(instance["attributes_flat"]) : {};
            const dependencies = Array.isArray(instance["dependencies"]) ? instance["dependencies"].filter((dependency): dependency is string => typeof dependency === "string") : [];
            instances.push({
                address,
                moduleInstance: module,
                type,
                name,
                ...(key !== undefined ? { key } : {}),
                providerName: provider.providerName,
                providerKey,
                values: attributes,
                sensitive: sensitiveMask(instance["sensitive_attributes"]),
                dependsOnResources: dependencies,
            });
            const identity = identityOf(address, attributes);
            if (identity !== undefined) identities.add(identity);
        });
    });
    if (problems.length) throw new InputFileError(problems.join("\n"));
    return buildTerraformRecords(
        {
            kind: "terraform-tfstate",
            file,
            instances,
            dataSources,
            identities,
            ...(typeof data["terraform_version"] === "string" ? { terraformVersion: data["terraform_version"] as string } : {}),
            ...(typeof data["lineage"] === "string" && data["lineage"] !== "" ? { lineage: data["lineage"] as string } : {}),
        },
        options,
    );
}
