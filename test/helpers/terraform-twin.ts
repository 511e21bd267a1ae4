/**
 * Every policy-table case, again as a Terraform plan: the case's Pulumi resource (or stack) is
 * written the way Terraform would write it — Terraform type and snake_case attributes, MaxItems-1
 * blocks as one-element lists, unknown values in `after_unknown` with a reference in
 * `configuration`, secrets in `after_sensitive`, the provider's region in `provider_config`,
 * dependencies as references — read back through the Terraform front end, and must get the same
 * verdict (message ids, and the resources they are on). So both front ends are held to every
 * case the rules are specified by.
 *
 * Pulumi stack config has no Terraform counterpart: a case's `alicloud:region` becomes
 * `ALICLOUD_REGION`, the default from outside the configuration that Terraform reads (the stack
 * config outranks the environment in Pulumi, so it replaces the case's environment region).
 */
import { parseTerraformJson } from "../../lib/inputs/terraform/read";
import { FieldShape, TERRAFORM_TYPES, TerraformType } from "../../lib/inputs/terraform/mapping";
import { RegionEnvironment } from "../../lib/model/region";
import { StackResourceView, StackView } from "../../lib/model/resource";
import { isUnknown } from "../../lib/model/values";
import { ProviderInput } from "../../tools/engine-client";
import { constant, PlanResource, ref, terraformPlan } from "./terraform-plan";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

const byToken = new Map<string, [string, TerraformType]>();
for (const [terraformType, entry] of Object.entries(TERRAFORM_TYPES)) if (!byToken.has(entry.token)) byToken.set(entry.token, [terraformType, entry]);

/** The Terraform type of a Pulumi token, if both front ends know it. */
export const terraformTypeOf = (token: string): [string, TerraformType] | undefined => byToken.get(token);

/**
 * Types of other providers the cases use that the mapping table leaves out, because no rule reads
 * them: the Terraform front end keeps them as `<provider>:terraform/<type>:<type>`, in the graph
 * (references to them count) but placing nothing, as the Pulumi front end does with their tokens.
 */
const UNMAPPED_TYPES: Readonly<Record<string, string>> = {
    "random:index/randomString:RandomString": "random_string",
    "aws:lb/loadBalancer:LoadBalancer": "aws_lb",
};

const twinTypeOf = (token: string): [string, TerraformType] | undefined =>
    terraformTypeOf(token) ?? (UNMAPPED_TYPES[token] !== undefined ? [UNMAPPED_TYPES[token], { token }] : undefined);

const providerSource = (local: string): string => `registry.terraform.io/${local === "alicloud" ? "aliyun" : local === "aws" ? "hashicorp" : local}/${local}`;

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** `nested`: an attribute of a nested block, which the resource's renames do not apply to. */
function terraformName(pulumiName: string, type: TerraformType, nested = false): string {
    if (!nested) for (const [terraform, pulumi] of Object.entries(type.renames ?? {})) if (pulumi === pulumiName) return terraform;
    return snakeCase(pulumiName);
}

interface Written {
    readonly value: unknown;
    readonly unknown: unknown;
}

/** A Pulumi value → Terraform's value and its `after_unknown` mask. */
function write(value: unknown, shape: FieldShape | undefined, type: TerraformType): Written {
    if (isUnknown(value)) return { value: null, unknown: true };
    if (Array.isArray(value)) {
        const items = value.map((item) => (isObject(item) ? writeBlock(item, shape?.fields, type) : write(item, undefined, type)));
        return { value: items.map((item) => item.value), unknown: items.map((item) => item.unknown ?? false) };
    }
    if (isObject(value)) {
        if (shape?.one) {
            const block = writeBlock(value, shape.fields, type);
            return { value: [block.value], unknown: [block.unknown] };
        }
        // A map (tags): keys as they are.
        const entries = Object.entries(value).map(([key, item]) => [key, write(item, undefined, type)] as const);
        return { value: Object.fromEntries(entries.map(([key, item]) => [key, item.value])), unknown: Object.fromEntries(entries.filter(([, item]) => item.unknown !== false && !isEmptyMask(item.unknown)).map(([key, item]) => [key, item.unknown])) };
    }
    return { value: value ?? null, unknown: false };
}

const KUBERNETES_PROVIDER = "pulumi:providers:kubernetes";

/** A Kubernetes object as `kubernetes_manifest` holds it: keys as written, unknown leaves in the mask. */
function writeManifest(value: unknown): Written {
    if (isUnknown(value)) return { value: null, unknown: true };
    if (Array.isArray(value)) {
        const items = value.map(writeManifest);
        return { value: items.map((item) => item.value), unknown: items.some((item) => !isEmptyMask(item.unknown)) ? items.map((item) => item.unknown) : false };
    }
    if (isObject(value)) {
        const entries = Object.entries(value).map(([key, item]) => [key, writeManifest(item)] as const);
        const masks = entries.filter(([, item]) => !isEmptyMask(item.unknown));
        return { value: Object.fromEntries(entries.map(([key, item]) => [key, item.value])), unknown: masks.length ? Object.fromEntries(masks.map(([key, item]) => [key, item.unknown])) : false };
    }
    return { value: value ?? null, unknown: false };
}

const isEmptyMask = (mask: unknown): boolean => mask === false || (isObject(mask) && Object.keys(mask).length === 0);

function writeBlock(bag: Json, fields: Readonly<Record<string, FieldShape>> | undefined, type: TerraformType, nested = true): Written {
    const value: Json = {};
    const unknown: Json = {};
    for (const [pulumiName, item] of Object.entries(bag)) {
        const name = terraformName(pulumiName, type, nested);
        const written = write(item, fields?.[name], type);
        value[name] = written.value;
        if (!isEmptyMask(written.unknown)) unknown[name] = written.unknown;
    }
    return { value, unknown };
}

export interface TwinResource {
    readonly name: string;
    readonly type: string;
    readonly props: Json;
    readonly provider?: ProviderInput;
    readonly secretProps?: readonly string[];
    readonly dependsOn?: Readonly<Record<string, readonly string[]>>;
    /** Dependencies without a property (Pulumi's dependsOn option): Terraform's `depends_on`. */
    readonly dependsOnResources?: readonly string[];
}

/** A stack of Pulumi-shaped resources as a Terraform plan, read back; undefined if a type has no Terraform name. */
export function terraformTwin(resources: readonly TwinResource[], regions: RegionEnvironment = {}): { stack: StackView; nameOf: (view: StackResourceView) => string; regions: RegionEnvironment } | undefined {
    const providerKeys = new Map<string, string>();
    const providerConfig: Json = {};
    const addressName = new Map<string, string>();
    const planResources: PlanResource[] = [];
    const terraformNames = new Map(resources.map((r, index) => [r.name, `r${index}_${r.name.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 40)}`]));
    // Kubernetes provider configurations first: the objects name them.
    const kubernetesKeys = new Map<string, string>();
    const ordered = [...resources.filter((r) => r.type === KUBERNETES_PROVIDER), ...resources.filter((r) => r.type !== KUBERNETES_PROVIDER)];
    for (const resource of ordered) {
        if (resource.type.startsWith("pulumi:providers:")) {
            // A provider resource is a provider configuration (with no resources using it, Terraform still declares it).
            const local = resource.type.split(":")[2];
            const key = [...providerKeys.values(), ...Object.keys(providerConfig)].some((k) => k.split(".")[0] === local) ? `${local}.p${Object.keys(providerConfig).length}` : local;
            const region = resource.props["region"];
            const expressions: Json = {};
            if (region !== undefined && isUnknown(region)) expressions["region"] = ref("data.alicloud_regions.current.regions");
            else if (region !== undefined) expressions["region"] = constant(region);
            if (resource.type === KUBERNETES_PROVIDER) {
                // A kubeconfig not known until apply that names no resource (a Pulumi invoke on an unknown
                // input) has no Terraform counterpart: Terraform records every reference statically.
                if (isUnknown(resource.props["kubeconfig"]) && !resource.dependsOn?.["kubeconfig"]?.length) return undefined;
                // The provider block takes `host` (and the credentials) from the resources the kubeconfig came from.
                const sources = resource.dependsOn?.["kubeconfig"] ?? [];
                const targets = sources.flatMap((source) => {
                    const target = resources.find((r) => r.name === source);
                    const targetType = target ? twinTypeOf(target.type)?.[0] : undefined;
                    return targetType ? [`${targetType}.${terraformNames.get(source)}.connections.api_server_internet`, `${targetType}.${terraformNames.get(source)}`] : [];
                });
                if (targets.length) expressions["host"] = ref(...targets);
                if (typeof resource.props["context"] === "string") expressions["config_context"] = constant(resource.props["context"]);
                kubernetesKeys.set(resource.name, key);
            }
            providerConfig[key] = { name: local, full_name: providerSource(local), ...(key.includes(".") ? { alias: key.split(".")[1] } : {}), ...(Object.keys(expressions).length ? { expressions } : {}) };
            addressName.set(`provider["${providerSource(local)}"]${key.includes(".") ? `.${key.split(".")[1]}` : ""}`, resource.name);
            continue;
        }
        if (resource.type.startsWith("kubernetes:")) {
            // A Kubernetes object is a `kubernetes_manifest` holding it as written (status is the cluster's, not the program's).
            const key = resource.provider && kubernetesKeys.has(resource.provider.name) ? kubernetesKeys.get(resource.provider.name)! : "kubernetes";
            if (!providerConfig[key]) providerConfig[key] = { name: "kubernetes", full_name: providerSource("kubernetes") };
            const { status: _status, ...object } = resource.props;
            const written = writeManifest(object);
            const name = terraformNames.get(resource.name)!;
            addressName.set(`kubernetes_manifest.${name}`, resource.name);
            planResources.push({
                type: "kubernetes_manifest",
                name,
                values: { manifest: written.value },
                unknown: { object: true, ...(isEmptyMask(written.unknown) ? {} : { manifest: written.unknown }) },
                sensitive: (resource.secretProps ?? []).length ? { manifest: true } : {},
                expressions: { manifest: isEmptyMask(written.unknown) ? constant(written.value) : ref("random_string.computed.result", "random_string.computed") },
                providerKey: key,
            });
            continue;
        }
        const mapped = twinTypeOf(resource.type);
        // No case reaches this today: a type a case adds without a Terraform name fails the mapping spec instead.
        if (!mapped) return undefined;
        const [terraformType, entry] = mapped;
        // A resource of one package under another package's provider cannot be written in Terraform (its provider is its type's).
        if (resource.provider && resource.provider.type !== `pulumi:providers:${resource.type.split(":")[0]}`) return undefined;
        // Provider configuration: the Pulumi provider's region, else the stack config's.
        const providerId = resource.provider?.urn ?? `default:${terraformType.split("_")[0]}`;
        let key = providerKeys.get(providerId);
        if (!key) {
            const local = terraformType.split("_")[0];
            key = [...providerKeys.values()].some((k) => k.split(".")[0] === local) ? `${local}.p${providerKeys.size}` : local;
            providerKeys.set(providerId, key);
            const own = resource.provider ? resource.provider.props["region"] : undefined;
            const region = own === "" ? undefined : own;
            const expressions: Json = {};
            if (region !== undefined && isUnknown(region)) expressions["region"] = ref("data.alicloud_regions.current.regions");
            else if (region !== undefined) expressions["region"] = constant(region);
            providerConfig[key] = { name: local, full_name: providerSource(local), ...(key.includes(".") ? { alias: key.split(".")[1] } : {}), ...(Object.keys(expressions).length ? { expressions } : {}) };
        }
        const block = writeBlock(resource.props, entry.fields, entry, false);
        const values = block.value as Json;
        const unknown = block.unknown as Json;
        // Every attribute the case sets is in the configuration; dependencies are references.
        const expressions: Json = {};
        for (const [pulumiName, item] of Object.entries(resource.props)) {
            const name = terraformName(pulumiName, entry);
            const sources = resource.dependsOn?.[pulumiName];
            if (sources?.length) {
                expressions[name] = ref(
                    ...sources.flatMap((source) => {
                        const target = resources.find((r) => r.name === source);
                        const targetType = target ? twinTypeOf(target.type)?.[0] : undefined;
                        return targetType ? [`${targetType}.${terraformNames.get(source)}.id`, `${targetType}.${terraformNames.get(source)}`] : [];
                    }),
                );
            } else expressions[name] = unknown[name] === true ? ref("random_string.computed.result", "random_string.computed") : constant(item);
        }
        const name = terraformNames.get(resource.name)!;
        const dependsOn = (resource.dependsOnResources ?? []).flatMap((source) => {
            const target = resources.find((r) => r.name === source);
            const targetType = target ? twinTypeOf(target.type)?.[0] : undefined;
            return targetType ? [`${targetType}.${terraformNames.get(source)}`] : [];
        });
        addressName.set(`${terraformType}.${name}`, resource.name);
        planResources.push({
            type: terraformType,
            name,
            values,
            unknown,
            sensitive: Object.fromEntries((resource.secretProps ?? []).map((p) => [terraformName(p, entry), true])),
            expressions,
            providerKey: key,
            ...(dependsOn.length ? { dependsOn } : {}),
        });
    }
    const plan = terraformPlan({ resources: planResources, providerConfig });
    const { stack } = parseTerraformJson(plan, "twin.json");
    // Terraform reads no Pulumi stack config: its region becomes ALICLOUD_REGION, misplaced keys go.
    const { stackConfigRegion, misplacedRegionKeys: _misplaced, ...rest } = regions;
    void _misplaced;
    const terraformRegions: RegionEnvironment = stackConfigRegion ? { ...rest, environmentRegion: stackConfigRegion, environmentVariable: "ALICLOUD_REGION" } : rest;
    return { stack, nameOf: (view) => addressName.get(view.address ?? "") ?? view.name, regions: terraformRegions };
}
