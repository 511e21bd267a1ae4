/**
 * The one record builder every Terraform reader feeds (plan.ts, show-state.ts, raw-state.ts): each
 * reader turns its format into resource instances (address, type, values, sensitive mask, provider)
 * plus, for a plan, the changes and the configuration; this turns them into the records the rules
 * read, the same shape as the Pulumi reader's (lib/inputs/pulumi-file.ts InputRecord), so Terraform
 * inputs merge and report like Pulumi files.
 *
 * - Values are the change's `after` (else the instance's own values), with `after_unknown` leaves
 *   as the engine's unknown sentinel. An Optional+Computed attribute the configuration leaves out
 *   is reported unknown by Terraform; it is read as absent instead, so the provider's documented
 *   default decides (CDN scope).
 * - The sensitive mask marks secret properties (decided on, never printed).
 * - `configuration` references become propertyDependencies (`depends_on` and a raw state's
 *   `dependencies`: dependencies), provider configurations the resources' providers with their
 *   resolved region. A configuration that sets no region (every one, in a state) takes the region
 *   its resources and data sources agree on (inferProviderRegions), before ALICLOUD_REGION and
 *   cn-beijing, the Terraform provider's own fallbacks; a resource's own zone places it first of
 *   all (lib/model/region.ts zoneRegionOf).
 * - Names are mapped to the bridged Pulumi names (mapping.ts); the Terraform address is kept in
 *   `address` (and as the name), and `sourcePosition` is found under `--source-root`.
 */
import * as fs from "fs";
import { InputFileError, InputRecord, ParsedInput } from "../pulumi-file";
import { classifyRegion, ProviderView, regionOfZone, zoneRegionOf } from "../../model/region";
import { endpointFromHostname } from "../../graph/endpoints";
import { SourcePosition } from "../../model/resource";
import { UNKNOWN } from "../../model/values";
import { configPathOf, parseTraversal, referencesOf, ResourceInstance, TerraformConfiguration } from "./configuration";
import { isKubernetesTerraformType, kubernetesObjectOf } from "./kubernetes";
import { TERRAFORM_NAMING } from "./naming";
import { absentWhenLeftOut, anySensitive, camelCase, convertBlock, pulumiName, pulumiProviderType, typeFor } from "./mapping";
import { ACK_CLUSTER_LOOKUP_TYPE } from "../../graph/kubernetes";
import { KUBERNETES_PROVIDER_TYPE } from "../../graph/kubernetes-objects";
import { SourceIndex } from "./source";

export type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

/** The kinds of Terraform input: `terraform show -json` of a plan or of a state, and a raw state file. */
export type TerraformKind = "terraform-plan" | "terraform-state" | "terraform-tfstate";

/**
 * One resource as the command line's inputs describe it. Inputs and outputs are the same Terraform
 * values (Terraform has no separate inputs).
 */
export interface TerraformRecord extends InputRecord {
    /** Built here: Terraform has provider configurations, not provider resources with URNs. */
    readonly provider?: ProviderView;
    readonly address: string;
}

/** One Terraform file, parsed (the shape of the Pulumi reader's ParsedInput). */
export interface TerraformParsed extends ParsedInput {
    readonly kind: TerraformKind;
    readonly records: readonly TerraformRecord[];
    readonly terraformVersion?: string;
    /** A raw state's `lineage`: the same lineage is the same state (one root module and workspace). */
    readonly lineage?: string;
    /**
     * `address` + NUL + cloud `id` of every managed instance the file knows to exist (a state's
     * instances, a plan's prior state): files sharing one are of the same root module.
     */
    readonly identities: ReadonlySet<string>;
}

export interface TerraformOptions {
    /** Directory holding the root module's .tf files, to point findings at their blocks. */
    readonly sourceRoot?: string;
}

/** One managed resource instance as a reader found it. */
export interface TerraformInstance extends ResourceInstance {
    /** The provider's source address, `registry.terraform.io/aliyun/alicloud`. */
    readonly providerName: string;
    /**
     * The provider configuration, as a plan's `provider_config_key` writes it (`alicloud`,
     * `alicloud.hk`, `module.own:alicloud`); a plan's configuration overrides it.
     */
    readonly providerKey?: string;
    readonly values: unknown;
    /** `sensitive_values`-shaped: `true` leaves where the value is sensitive. */
    readonly sensitive: unknown;
    /** Addresses of resources (not instances) it depends on, as a raw state's `dependencies` lists them. */
    readonly dependsOnResources?: readonly string[];
}

/** A data source's instance: read by Terraform, never checked, but its results can say where its provider is. */
export interface TerraformDataInstance {
    readonly address: string;
    readonly type: string;
    readonly providerName: string;
    readonly providerKey?: string;
    readonly values: unknown;
}

/** What a reader hands the builder. */
export interface TerraformDocument {
    readonly kind: TerraformKind;
    readonly file: string;
    readonly instances: readonly TerraformInstance[];
    readonly dataSources?: readonly TerraformDataInstance[];
    /** A plan's `resource_changes[].change` by address (managed, not deposed). */
    readonly changes?: ReadonlyMap<string, Json>;
    readonly configuration?: Json;
    readonly variables?: Json;
    readonly terraformVersion?: string;
    readonly lineage?: string;
    readonly identities: ReadonlySet<string>;
    /** When the document was written, if it says (a plan's `timestamp`, Terraform 1.5+). */
    readonly writtenAt?: string;
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

/** `module.a["x"].alicloud_eip.web[0]` → the resource it is an instance of, `module.a.alicloud_eip.web` (as state `dependencies` name them). */
export function configResourceOf(instance: Pick<ResourceInstance, "moduleInstance" | "type" | "name">): string {
    const path = configPathOf(instance.moduleInstance);
    return `${path ? `${path}.` : ""}${instance.type}.${instance.name}`;
}

/** A managed instance read and converted, waiting for its provider. */
interface PendingRecord {
    readonly instance: TerraformInstance;
    /** The Pulumi type token (or a token of its own for an unmapped type). */
    readonly token: string;
    readonly props: Json;
    readonly secretProps: ReadonlySet<string>;
    readonly dependencies: ReadonlySet<string>;
    readonly propertyDependencies: Record<string, string[]>;
    readonly providerKey: string;
}

const ALICLOUD_PROVIDER = "pulumi:providers:alicloud";

/** Attributes (bridged names) holding a resource's own regional hostname: an ALB/NLB's `dnsName`, an OSS bucket's endpoints, an API Gateway group's `subDomain`. */
const OWN_HOSTNAMES: readonly string[] = ["dnsName", "extranetEndpoint", "intranetEndpoint", "subDomain"];

/**
 * The region of each alicloud provider configuration that its resources agree on, for
 * configurations that set none (a state records no provider configuration; a plan's may leave the
 * region to ALICLOUD_REGION): a provider configuration has one region, and every resource it
 * manages, and every data source it reads, is in it. Evidence, strongest first: an
 * `alicloud_regions` data source with `current = true`; an `alicloud_zones` data source; a
 * resource's zone (`master_zone_id`, `availability_zone`, `zone_id`, …); a resource's own regional
 * hostname. Configurations whose evidence disagrees get none.
 */
function inferProviderRegions(pending: readonly PendingRecord[], dataSources: readonly TerraformDataInstance[], kind: TerraformKind): Map<string, { region: string; why: string }> {
    const unset = kind === "terraform-plan" ? "region is not configured" : "region a state does not record";
    const evidence = new Map<string, { region: string; why: string }[]>();
    const note = (key: string, region: string, why: string) => {
        const list = evidence.get(key);
        if (list) list.push({ region, why: `${unset}, is ${region}: ${why}` });
        else evidence.set(key, [{ region, why: `${unset}, is ${region}: ${why}` }]);
    };
    for (const data of dataSources) {
        if (!data.type.startsWith("alicloud_") || !isObject(data.values)) continue;
        const key = data.providerKey ?? data.providerName.split("/").pop() ?? "";
        const values = data.values;
        if (data.type === "alicloud_regions" && values["current"] === true) {
            const ids = Array.isArray(values["ids"]) ? values["ids"] : [];
            if (ids.length === 1 && typeof ids[0] === "string" && classifyRegion(ids[0]) !== "not-a-region") note(key, ids[0], `${data.address} (current = true) reads it`);
        } else if (data.type === "alicloud_zones") {
            const zone = (Array.isArray(values["ids"]) ? values["ids"] : []).find((id): id is string => typeof id === "string" && regionOfZone(id) !== undefined);
            if (zone) note(key, regionOfZone(zone)!, `${data.address} lists its zone ${zone}`);
        }
    }
    for (const entry of pending) {
        if (!entry.token.startsWith("alicloud:")) continue;
        const zone = zoneRegionOf({ type: entry.token, props: entry.props, secretProps: entry.secretProps });
        if (zone && zone.read.state === "known") {
            note(entry.providerKey, zone.read.value, `${entry.instance.address} is in ${zone.origin.replace(/^its /, "")}`);
            continue;
        }
        for (const attribute of OWN_HOSTNAMES) {
            const value = entry.props[attribute];
            if (typeof value !== "string" || entry.secretProps.has(attribute)) continue;
            const served = endpointFromHostname(value)?.served;
            if (served && "regionId" in served && served.regionId !== undefined) note(entry.providerKey, served.regionId, `${entry.instance.address} has the hostname ${value}`);
        }
    }
    const inferred = new Map<string, { region: string; why: string }>();
    for (const [key, found] of evidence) if (found.every((item) => item.region === found[0].region)) inferred.set(key, found[0]);
    return inferred;
}

const actionsOf = (change: Json | undefined): unknown[] => (Array.isArray(change?.["actions"]) ? (change["actions"] as unknown[]) : []);
const removes = (actions: readonly unknown[]): boolean => actions.includes("delete") && !actions.includes("create");

/** Builds the records of one Terraform input. Throws InputFileError for a --source-root that is no directory. */
export function buildTerraformRecords(document: TerraformDocument, options: TerraformOptions = {}): TerraformParsed {
    const { instances, configuration } = document;
    const changes = document.changes ?? new Map<string, Json>();
    const config = new TerraformConfiguration(configuration, document.variables, instances);
    if (options.sourceRoot !== undefined && !isDirectory(options.sourceRoot)) throw new InputFileError(`--source-root ${options.sourceRoot}: no such directory`);
    const sources = options.sourceRoot ? new SourceIndex(options.sourceRoot, config) : undefined;

    // A raw state's dependencies name resources (`module.app.alicloud_eip.web`), not instances: every instance of one.
    const instancesOfResource = new Map<string, string[]>();
    for (const instance of instances) {
        const resource = configResourceOf(instance);
        const list = instancesOfResource.get(resource);
        if (list) list.push(instance.address);
        else instancesOfResource.set(resource, [instance.address]);
    }

    // Every managed instance's values, references and provider configuration, before providers are built.
    const pending: PendingRecord[] = [];
    const deletes: string[] = [];
    for (const [address, change] of changes) if (removes(actionsOf(change))) deletes.push(terraformUrn(address));
    for (const instance of instances) {
        const change = changes.get(instance.address);
        const actions = actionsOf(change);
        if (removes(actions) || actions.includes("forget")) continue;
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
        let props = convertBlock(after, unknown, type?.fields, type);
        let secretProps = new Set<string>();
        if (sensitive === true) Object.keys(props).forEach((key) => secretProps.add(key));
        else if (isObject(sensitive)) for (const [key, mask] of Object.entries(sensitive)) if (anySensitive(mask)) secretProps.add(pulumiName(key, type));
        // hashicorp/kubernetes resources: the Kubernetes object they declare, as @pulumi/kubernetes carries it.
        const kubernetesObject = isKubernetesTerraformType(instance.type) ? kubernetesObjectOf(instance.type, props, secretProps) : undefined;
        if (kubernetesObject) {
            props = kubernetesObject.props;
            secretProps = new Set(kubernetesObject.secretProps);
        }

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
        // A raw state's dependencies: resources of this state (data sources and resources no longer there resolve to nothing).
        for (const resource of instance.dependsOnResources ?? []) for (const address of instancesOfResource.get(resource) ?? []) dependencies.add(terraformUrn(address));
        dependencies.delete(terraformUrn(instance.address));
        const providerKey =
            typeof resourceConfig?.["provider_config_key"] === "string" ? (resourceConfig["provider_config_key"] as string) : instance.providerKey ?? instance.providerName.split("/").pop() ?? "";
        pending.push({ instance, token: kubernetesObject?.token ?? type?.token ?? unmappedToken(instance.type, instance.providerName), props, secretProps, dependencies, propertyDependencies, providerKey });
    }

    const inferred = inferProviderRegions(pending, document.dataSources ?? [], document.kind);
    const providers = new Map<string, ProviderView>();
    const providerFor = (key: string, providerName: string): ProviderView | undefined => {
        const type = pulumiProviderType(providerName);
        if (!type) return undefined;
        const id = `${type}\u0000${key}`;
        let provider = providers.get(id);
        if (!provider) {
            const region = type === KUBERNETES_PROVIDER_TYPE ? { read: { state: "absent" } as const, secret: false } : config.providerRegion(key);
            const props: Json = {};
            let regionOrigin: string | undefined;
            if (type === KUBERNETES_PROVIDER_TYPE) {
                // `config_context` is the Pulumi provider's `context` (matched in icp-kubernetes-clusters).
                const context = config.providerConstant(key, "config_context");
                if (context.state === "known") props["context"] = context.value;
                else if (context.state === "unknown") props["context"] = UNKNOWN;
            }
            if (region.read.state === "known") props["region"] = region.read.value;
            else if (region.read.state === "unknown") props["region"] = UNKNOWN;
            // Not a string (a number, a list): the rules report it as not a region.
            else if (region.read.state === "invalid") props["region"] = { value: region.read.got };
            else if (type === ALICLOUD_PROVIDER && inferred.has(key)) {
                // No region configured (or none recorded, in a state): the one its resources' zones agree on.
                const found = inferred.get(key)!;
                props["region"] = found.region;
                regionOrigin = `provider '${key}', whose ${found.why}`;
            }
            // Terraform's own address of the configuration: `module.own.provider["registry.terraform.io/aliyun/alicloud"].hk`.
            const colon = key.lastIndexOf(":");
            const alias = key.slice(colon + 1).split(".")[1];
            const address = `${colon >= 0 ? `${key.slice(0, colon)}.` : ""}provider["${providerName}"]${alias ? `.${alias}` : ""}`;
            provider = { urn: terraformUrn(address), type, name: key, props, secretProps: new Set(region.secret ? ["region"] : []), ...(regionOrigin ? { regionOrigin } : {}) };
            providers.set(id, provider);
        }
        return provider;
    };

    const records: TerraformRecord[] = [];
    for (const { instance, token, props, secretProps, dependencies, propertyDependencies, providerKey } of pending) {
        const sourcePosition: SourcePosition | undefined = sources?.positionOf(instance);
        records.push({
            urn: terraformUrn(instance.address),
            type: token,
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
            naming: TERRAFORM_NAMING,
        });
    }
    // A provider configuration no resource uses is still declared (as a Pulumi provider resource
    // without resources is registered): ICP004 reads its region too.
    const providerConfigs = configuration !== undefined && isObject(configuration["provider_config"]) ? (configuration["provider_config"] as Json) : {};
    for (const [key, entry] of Object.entries(providerConfigs)) {
        if (isObject(entry) && typeof entry["full_name"] === "string") providerFor(key, entry["full_name"] as string);
    }
    // A kubernetes provider configuration's references to ACK clusters (resources, or data sources
    // reading one) are its property dependencies, as a Pulumi provider's kubeconfig has them.
    const clusterDependencies = new Map<string, Record<string, string[]>>();
    const lookups = new Set<string>();
    for (const provider of [...providers.values()]) {
        if (provider.type !== KUBERNETES_PROVIDER_TYPE || !config.present) continue;
        clusterDependencies.set(provider.urn, kubernetesProviderDependencies(config, provider.name, (address, dataConfig) => {
            const dataKey = typeof dataConfig?.["provider_config_key"] === "string" ? (dataConfig["provider_config_key"] as string) : "alicloud";
            const fullName = config.providerConfig(dataKey)?.["full_name"];
            const urn = terraformUrn(address);
            if (!lookups.has(urn)) {
                lookups.add(urn);
                records.push({
                    urn,
                    type: ACK_CLUSTER_LOOKUP_TYPE,
                    name: address,
                    inputs: {},
                    inputSecrets: new Set(),
                    outputs: {},
                    outputSecrets: new Set(),
                    provider: providerFor(dataKey, typeof fullName === "string" ? fullName : "registry.terraform.io/aliyun/alicloud"),
                    dependencies: [],
                    propertyDependencies: {},
                    address,
                });
            }
            return urn;
        }));
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
            dependencies: [...new Set(Object.values(clusterDependencies.get(provider.urn) ?? {}).flat())],
            propertyDependencies: clusterDependencies.get(provider.urn) ?? {},
            address,
            ...(sourcePosition ? { sourcePosition } : {}),
            naming: TERRAFORM_NAMING,
        });
    }
    return {
        kind: document.kind,
        file: document.file,
        records,
        deletes,
        config: {},
        identities: document.identities,
        root: { family: "terraform", ...(document.lineage !== undefined ? { key: document.lineage } : {}), identities: document.identities },
        ...(document.terraformVersion !== undefined ? { terraformVersion: document.terraformVersion } : {}),
        ...(document.lineage !== undefined ? { lineage: document.lineage } : {}),
        ...(document.writtenAt !== undefined ? { writtenAt: document.writtenAt } : {}),
    };
}

/** The cloud `id` of an instance's values, when it is a known non-empty string (or number). */
export function identityOf(address: string, values: unknown): string | undefined {
    if (!isObject(values)) return undefined;
    const id = values["id"];
    if ((typeof id === "string" && id !== "") || (typeof id === "number" && Number.isFinite(id))) return `${address}\u0000${String(id)}`;
    return undefined;
}

/**
 * Which ACK clusters a kubernetes provider configuration takes its endpoint or credentials from, by
 * attribute (KUBERNETES-ON-ACK.md A.3, the Terraform equivalent): references to resources (an
 * `alicloud_cs_managed_kubernetes`, a node pool naming one), and to `data.alicloud_cs_*` sources —
 * followed through their `cluster_id` (`data.alicloud_cs_cluster_credential.c` on
 * `alicloud_cs_managed_kubernetes.k8s.id`), else standing for a cluster read through their own
 * provider (`data.alicloud_cs_managed_kubernetes_clusters`), which `lookup` makes a record of.
 */
function kubernetesProviderDependencies(config: TerraformConfiguration, key: string, lookup: (address: string, dataConfig: Json | undefined) => string): Record<string, string[]> {
    const { byAttribute, modulePath } = config.providerReferences(key);
    const prefix = modulePath ? `${modulePath}.` : "";
    const collect = (references: readonly string[], into: Set<string>, depth: number): void => {
        for (const target of config.resolve(references, { moduleInstance: modulePath })) into.add(terraformUrn(target.address));
        if (depth > 8) return;
        const seen = new Set<string>();
        for (const reference of references) {
            const steps = parseTraversal(reference);
            if (!steps || steps.length < 3 || steps[0].name !== "data" || !steps[1].name.startsWith("alicloud_cs_")) continue;
            const address = `data.${steps[1].name}.${steps[2].name}`;
            if (seen.has(address)) continue;
            seen.add(address);
            const dataConfig = config.dataConfig(modulePath, address);
            const expressions = isObject(dataConfig?.["expressions"]) ? (dataConfig["expressions"] as Json) : {};
            const behind = new Set<string>();
            collect(referencesOf(expressions["cluster_id"]), behind, depth + 1);
            if (behind.size === 0) behind.add(lookup(`${prefix}${address}`, dataConfig));
            behind.forEach((urn) => into.add(urn));
        }
    };
    const dependencies: Record<string, string[]> = {};
    for (const [attribute, references] of byAttribute) {
        const found = new Set<string>();
        collect(references, found, 0);
        if (found.size > 0) dependencies[camelCase(attribute)] = [...found];
    }
    return dependencies;
}
