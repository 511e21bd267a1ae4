/**
 * Reads `terraform show -json <planfile>` (and `terraform show -json` of a state) into the views
 * the rules read, so the same rules, registry, config and waivers gate Terraform as they gate
 * Pulumi. Format: Terraform's JSON output format, format_version 1.x (website/docs/internals/
 * json-format.mdx; internal/command/jsonplan, jsonstate, jsonconfig).
 *
 * - Resources come from `planned_values` (state: `values`), every managed resource in every
 *   module, unchanged ones included; a resource only being deleted is not there, so not checked.
 * - Values are the change's `after`, with `after_unknown` leaves as the engine's unknown sentinel.
 *   An Optional+Computed attribute the configuration leaves out is reported unknown by Terraform;
 *   it is read as absent instead, so the provider's documented default decides (CDN scope).
 * - `after_sensitive`/`sensitive_values` mark secret properties (decided on, never printed).
 * - `configuration` references become propertyDependencies (`depends_on`: dependencies), provider configurations the
 *   resources' providers with their resolved region (ALICLOUD_REGION and cn-beijing follow, as in
 *   the Terraform provider).
 * - Names are mapped to the bridged Pulumi names (mapping.ts); the Terraform address is kept in
 *   `address` (and as the name), and `sourcePosition` is found under `--source-root`.
 */
import * as fs from "fs";
import { InputFileError, InputRecord, ParsedInput } from "../pulumi-file";
import { ProviderView } from "../../model/region";
import { SourcePosition, StackResourceView, StackView } from "../../model/resource";
import { referencesOf, ResourceInstance, TerraformConfiguration } from "./configuration";
import { absentWhenLeftOut, anySensitive, convertBlock, pulumiName, pulumiProviderType, typeFor } from "./mapping";
import { SourceIndex } from "./source";
import { UNKNOWN } from "../../model/values";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * One resource as the command line's inputs describe it: the same shape as the Pulumi reader's
 * records (lib/inputs/pulumi-file.ts InputRecord), so Terraform plans merge and report like
 * Pulumi files. Inputs and outputs are the same Terraform values (a plan has no separate inputs).
 */
export interface TerraformRecord extends InputRecord {
    /** Built here: Terraform has provider configurations, not provider resources with URNs. */
    readonly provider?: ProviderView;
    readonly address: string;
}

/** One Terraform file, parsed (the shape of the Pulumi reader's ParsedInput). */
export interface TerraformParsed extends ParsedInput {
    readonly kind: "terraform-plan" | "terraform-state";
    readonly records: readonly TerraformRecord[];
    readonly terraformVersion?: string;
}

export interface TerraformInput {
    readonly kind: "terraform-plan" | "terraform-state";
    readonly resources: readonly StackResourceView[];
    readonly stack: StackView;
    /** No Pulumi stack config in a Terraform file. */
    readonly config: Readonly<Record<string, string>>;
    readonly terraformVersion?: string;
}

export interface TerraformOptions {
    /** Directory holding the root module's .tf files, to point findings at their blocks. */
    readonly sourceRoot?: string;
}

/** True for the JSON `terraform show -json` writes (a plan or a state). */
export function isTerraformJson(data: unknown): boolean {
    if (!isObject(data) || typeof data["format_version"] !== "string") return false;
    return "planned_values" in data || "values" in data || "resource_changes" in data || "prior_state" in data || "terraform_version" in data;
}

function isDirectory(directory: string): boolean {
    try {
        return fs.statSync(directory).isDirectory();
    } catch {
        return false;
    }
}

/** Terraform's own unique name for a resource, made to fit where a URN is expected (waivers match the name after `::`). */
export const terraformUrn = (address: string): string => `terraform::${address}`;

/** Pulumi package names of hosting providers whose Terraform types are not in the table. */
const PULUMI_PACKAGE: Readonly<Record<string, string>> = { google: "gcp", azurerm: "azure", oci: "oci", tencentcloud: "tencentcloud" };

function unmappedToken(terraformType: string, providerName: string): string {
    const local = providerName.split("/").pop() ?? terraformType.split("_")[0];
    const pkg = PULUMI_PACKAGE[local] ?? local;
    // Not a Pulumi token the rules know: the resource is in the graph (references, other clouds) but binds nothing.
    return `${pkg}:terraform/${terraformType}:${terraformType}`;
}

interface RawInstance extends ResourceInstance {
    readonly providerName: string;
    readonly values: unknown;
    readonly sensitive: unknown;
}

/** Reads the JSON object of `terraform show -json` into records. Throws InputFileError listing every problem. */
export function readTerraformPlan(data: Json, file: string, options: TerraformOptions = {}): TerraformParsed {
    const problems: string[] = [];
    const version = String(data["format_version"]);
    if (!/^1\./.test(version)) problems.push(`${file}: format_version "${version}" is not 1.x; icp-guard reads the JSON of Terraform 0.15 and later (format_version 1.x)`);
    const isPlan = "planned_values" in data || "resource_changes" in data;
    const rootKey = isPlan ? "planned_values" : "values";
    const root = isObject(data[rootKey]) ? (data[rootKey] as Json)["root_module"] : undefined;

    // Every managed resource in every module.
    const raw: RawInstance[] = [];
    const walk = (module: unknown, where: string, depth: number): void => {
        if (module === undefined) return;
        if (!isObject(module)) return void problems.push(`${file}: ${where} is not an object`);
        if (depth > 64) return void problems.push(`${file}: ${where} nests modules too deeply`);
        const moduleInstance = typeof module["address"] === "string" ? (module["address"] as string) : "";
        const resources = module["resources"] ?? [];
        if (!Array.isArray(resources)) problems.push(`${file}: ${where}.resources is not a list`);
        else
            resources.forEach((resource, index) => {
                const at = `${where}.resources[${index}]`;
                if (!isObject(resource)) return void problems.push(`${file}: ${at} is not an object`);
                const missing = ["address", "type", "name"].filter((field) => typeof resource[field] !== "string");
                if (missing.length) return void problems.push(`${file}: ${at} has no ${missing.join(", ")}`);
                if ((resource["mode"] ?? "managed") !== "managed") return;
                const index_ = resource["index"];
                raw.push({
                    address: resource["address"] as string,
                    moduleInstance,
                    type: resource["type"] as string,
                    name: resource["name"] as string,
                    key: index_ === undefined || index_ === null ? undefined : JSON.stringify(index_),
                    providerName: typeof resource["provider_name"] === "string" ? (resource["provider_name"] as string) : "",
                    values: resource["values"],
                    sensitive: resource["sensitive_values"],
                });
            });
        const children = module["child_modules"] ?? [];
        if (!Array.isArray(children)) problems.push(`${file}: ${where}.child_modules is not a list`);
        else children.forEach((child, index) => walk(child, `${where}.child_modules[${index}]`, depth + 1));
    };
    if (isPlan && !isObject(data["planned_values"])) problems.push(`${file}: a plan without planned_values; pass the output of \`terraform show -json <planfile>\` unchanged`);
    walk(root, `${rootKey}.root_module`, 0);

    // What changes: after, after_unknown, after_sensitive; deletes are left out.
    const changes = new Map<string, Json>();
    const rawChanges = data["resource_changes"] ?? [];
    if (!Array.isArray(rawChanges)) problems.push(`${file}: resource_changes is not a list`);
    else
        rawChanges.forEach((change, index) => {
            if (!isObject(change) || typeof change["address"] !== "string" || !isObject(change["change"])) {
                return void problems.push(`${file}: resource_changes[${index}] has no address or change`);
            }
            // A deposed object (create_before_destroy) shares its address with the new one: its delete is not the resource's.
            if ((change["mode"] ?? "managed") === "managed" && change["deposed"] === undefined) changes.set(change["address"] as string, change["change"] as Json);
        });
    if (problems.length) throw new InputFileError(problems.join("\n"));

    // A change that creates or updates a resource planned_values does not list (a trimmed file) is still checked.
    const listed = new Set(raw.map((instance) => instance.address));
    for (const change of Array.isArray(rawChanges) ? rawChanges : []) {
        const body = isObject(change) ? change["change"] : undefined;
        if (!isObject(change) || !isObject(body) || listed.has(change["address"] as string) || change["deposed"] !== undefined || (change["mode"] ?? "managed") !== "managed") continue;
        const actions = Array.isArray(body["actions"]) ? body["actions"] : [];
        if (!actions.includes("create") && !actions.includes("update")) continue;
        if (typeof change["type"] !== "string" || typeof change["name"] !== "string" || !isObject(body["after"])) continue;
        const index = change["index"];
        raw.push({
            address: change["address"] as string,
            moduleInstance: typeof change["module_address"] === "string" ? (change["module_address"] as string) : "",
            type: change["type"] as string,
            name: change["name"] as string,
            key: index === undefined || index === null ? undefined : JSON.stringify(index),
            providerName: typeof change["provider_name"] === "string" ? (change["provider_name"] as string) : "",
            values: body["after"],
            sensitive: body["after_sensitive"],
        });
    }

    const configuration = isObject(data["configuration"]) ? (data["configuration"] as Json) : undefined;
    const variables = isObject(data["variables"]) ? (data["variables"] as Json) : undefined;
    const config = new TerraformConfiguration(configuration, variables, raw);
    if (options.sourceRoot !== undefined && !isDirectory(options.sourceRoot)) throw new InputFileError(`--source-root ${options.sourceRoot}: no such directory`);
    const sources = options.sourceRoot ? new SourceIndex(options.sourceRoot, config) : undefined;

    const providers = new Map<string, ProviderView>();
    const providerFor = (key: string, providerName: string): ProviderView | undefined => {
        const type = pulumiProviderType(providerName);
        if (!type) return undefined;
        const id = `${type}\u0000${key}`;
        let provider = providers.get(id);
        if (!provider) {
            const region = config.providerRegion(key);
            const props: Json = {};
            if (region.read.state === "known") props["region"] = region.read.value;
            else if (region.read.state === "unknown") props["region"] = UNKNOWN;
            // Not a string (a number, a list): the rules report it as not a region.
            else if (region.read.state === "invalid") props["region"] = { value: region.read.got };
            // Terraform's own address of the configuration: `module.own.provider["registry.terraform.io/aliyun/alicloud"].hk`.
            const colon = key.lastIndexOf(":");
            const alias = key.slice(colon + 1).split(".")[1];
            const address = `${colon >= 0 ? `${key.slice(0, colon)}.` : ""}provider["${providerName}"]${alias ? `.${alias}` : ""}`;
            provider = { urn: terraformUrn(address), type, name: key, props, secretProps: new Set(region.secret ? ["region"] : []) };
            providers.set(id, provider);
        }
        return provider;
    };

    const records: TerraformRecord[] = [];
    const deletes: string[] = [];
    for (const [address, change] of changes) {
        const actions = Array.isArray(change["actions"]) ? (change["actions"] as unknown[]) : [];
        if (actions.includes("delete") && !actions.includes("create")) deletes.push(terraformUrn(address));
    }
    for (const instance of raw) {
        const change = changes.get(instance.address);
        const actions = Array.isArray(change?.["actions"]) ? (change["actions"] as unknown[]) : [];
        if (actions.includes("delete") && !actions.includes("create")) continue;
        if (actions.includes("forget")) continue;
        const resourceConfig = config.resourceConfig(instance);
        const expressions = isObject(resourceConfig?.["expressions"]) ? (resourceConfig["expressions"] as Json) : undefined;
        const after = change && "after" in change && isObject(change["after"]) ? change["after"] : instance.values;
        const type = typeFor(instance.type);
        let unknown: unknown = change?.["after_unknown"];
        if (isObject(unknown) && resourceConfig) {
            // Left out of the configuration: Optional+Computed, so the provider's default applies.
            unknown = Object.fromEntries(
                Object.entries(unknown).filter(([key, mask]) => mask !== true || (expressions !== undefined && key in expressions) || !absentWhenLeftOut(key, type)),
            );
        }
        const sensitive = change && "after_sensitive" in change ? change["after_sensitive"] : instance.sensitive;
        const props = convertBlock(after, unknown, type?.fields, type);
        const secretProps = new Set<string>();
        if (sensitive === true) Object.keys(props).forEach((key) => secretProps.add(key));
        else if (isObject(sensitive)) for (const [key, mask] of Object.entries(sensitive)) if (anySensitive(mask)) secretProps.add(pulumiName(key, type));

        const propertyDependencies: Record<string, string[]> = {};
        const dependencies = new Set<string>();
        const forEach = referencesOf(resourceConfig?.["for_each_expression"]);
        for (const [key, expression] of Object.entries(expressions ?? {})) {
            const targets = config.resolve(referencesOf(expression), { moduleInstance: instance.moduleInstance, ownKey: instance.key, forEach });
            if (targets.length === 0) continue;
            propertyDependencies[pulumiName(key, type)] = targets.map((target) => terraformUrn(target.address));
            targets.forEach((target) => dependencies.add(terraformUrn(target.address)));
        }
        // `depends_on` (module-relative addresses, as jsonconfig writes them): dependencies without a
        // property, as Pulumi's dependsOn. A whole module (`module.app`) stands for every resource in it.
        const dependsOn = Array.isArray(resourceConfig?.["depends_on"]) ? (resourceConfig["depends_on"] as unknown[]).filter((ref): ref is string => typeof ref === "string") : [];
        for (const target of config.dependsOn(dependsOn, instance.moduleInstance)) dependencies.add(terraformUrn(target.address));
        const providerKey = typeof resourceConfig?.["provider_config_key"] === "string" ? (resourceConfig["provider_config_key"] as string) : instance.providerName.split("/").pop() ?? "";
        const sourcePosition: SourcePosition | undefined = sources?.positionOf(instance);
        records.push({
            urn: terraformUrn(instance.address),
            type: type?.token ?? unmappedToken(instance.type, instance.providerName),
            name: instance.address,
            inputs: props,
            inputSecrets: secretProps,
            outputs: props,
            outputSecrets: secretProps,
            provider: providerFor(providerKey, instance.providerName),
            dependencies: [...dependencies],
            propertyDependencies,
            address: instance.address,
            ...(sourcePosition ? { sourcePosition } : {}),
        });
    }
    // A provider configuration no resource uses is still declared (as a Pulumi provider resource
    // without resources is registered): ICP004 reads its region too.
    const providerConfigs = configuration !== undefined && isObject(configuration["provider_config"]) ? (configuration["provider_config"] as Json) : {};
    for (const [key, entry] of Object.entries(providerConfigs)) {
        if (isObject(entry) && typeof entry["full_name"] === "string") providerFor(key, entry["full_name"] as string);
    }
    // Provider configurations are resources of the stack too, as in Pulumi (ICP004 reads their region).
    for (const provider of providers.values()) {
        const address = provider.urn.slice("terraform::".length);
        const secrets = provider.secretProps ?? new Set<string>();
        const sourcePosition = sources?.providerPositionOf(provider.name);
        records.push({
            urn: provider.urn,
            type: provider.type,
            name: provider.name,
            inputs: provider.props,
            inputSecrets: secrets,
            outputs: provider.props,
            outputSecrets: secrets,
            dependencies: [],
            propertyDependencies: {},
            address,
            ...(sourcePosition ? { sourcePosition } : {}),
        });
    }
    return {
        kind: isPlan ? "terraform-plan" : "terraform-state",
        file,
        records,
        deletes,
        config: {},
        ...(typeof data["terraform_version"] === "string" ? { terraformVersion: data["terraform_version"] as string } : {}),
    };
}

/**
 * The front end's entry for the command line: the text of a file, read as Terraform JSON when it
 * is `terraform show -json` output (else undefined, for the next reader to try).
 */
export function readTerraformInput(text: string, file: string, options: TerraformOptions = {}): TerraformParsed | undefined {
    let data: unknown;
    try {
        data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
        // hashicorp/setup-terraform's wrapper prints its own lines around the command's output.
        if (/^\[command\]/.test(text.trimStart())) {
            throw new InputFileError(
                `${file} is not valid JSON (${(error as Error).message}): it starts with \`[command]\`, which hashicorp/setup-terraform's wrapper adds to \`terraform show -json <planfile>\`; set \`terraform_wrapper: false\``,
            );
        }
        return undefined;
    }
    return isTerraformJson(data) ? readTerraformPlan(data as Json, file, options) : undefined;
}

/** Records → the views the rules read (every resource's values for both the per-resource and the stack checks). */
export function terraformViews(parsed: TerraformParsed): TerraformInput {
    const views: StackResourceView[] = parsed.records.map((record) => ({
        urn: record.urn,
        type: record.type,
        name: record.name,
        props: record.outputs,
        secretProps: record.outputSecrets,
        ...(record.provider ? { provider: record.provider } : {}),
        dependencies: record.dependencies,
        propertyDependencies: record.propertyDependencies,
        address: record.address,
        ...(record.sourcePosition ? { sourcePosition: record.sourcePosition } : {}),
    }));
    return {
        kind: parsed.kind,
        resources: views,
        stack: { resources: views, byUrn: new Map(views.map((view) => [view.urn, view])) },
        config: parsed.config,
        ...(parsed.terraformVersion ? { terraformVersion: parsed.terraformVersion } : {}),
    };
}

/** Parses the JSON object of `terraform show -json` into views. Throws InputFileError listing every problem. */
export function parseTerraformJson(data: Json, file: string, options: TerraformOptions = {}): TerraformInput {
    return terraformViews(readTerraformPlan(data, file, options));
}

