/**
 * Builds raw Terraform state files (`terraform.tfstate`, state format version 4) for tests, in the
 * shape Terraform writes them: transcribed from hashicorp/terraform
 * internal/states/statefile/version4.go (commit 883c7221ee2e0bc2fad6912fd4b3cc4b53a598a7) —
 * `writeStateV4` (top level `version`, `terraform_version`, `serial`, `lineage`, `outputs`,
 * `resources`, `check_results`; resources sorted by module, mode, type, name by `normalize`),
 * `resourceStateV4` (`module` omitted at the root, `each` omitted when empty, `provider` as
 * `AbsProviderConfig.String()`, e.g. `provider["registry.terraform.io/aliyun/alicloud"]`,
 * `module.x.provider[…]`, `….alias`) and `appendInstanceObjectStateV4` (`index_key` a number for
 * count and a string for for_each, omitted without either; `status` "tainted" or omitted;
 * `deposed` an 8-character key or omitted; `schema_version`; `attributes`; `sensitive_attributes`
 * as paths of `{"type":"get_attr","value":…}` steps from `marshalPaths`, `[]` when none;
 * `identity_schema_version`; `private`; `dependencies` as resource addresses without instance keys;
 * `create_before_destroy` omitted when false). Never imports product code.
 */
type Json = Record<string, unknown>;

export interface StateInstance {
    readonly indexKey?: number | string;
    readonly attributes: Json;
    /** Top-level attributes marked sensitive (`sensitive_attributes` paths of one get_attr step). */
    readonly sensitive?: readonly string[];
    /** Resource addresses (no instance keys): `alicloud_vpc.main`, `module.net.alicloud_vswitch.a`, `data.alicloud_zones.default`. */
    readonly dependencies?: readonly string[];
    readonly deposed?: string;
    readonly tainted?: boolean;
    readonly createBeforeDestroy?: boolean;
}

export interface StateResource {
    readonly module?: string;
    readonly mode?: "managed" | "data";
    readonly type: string;
    readonly name: string;
    /** Provider source address; default from the type's prefix (aliyun/alicloud for alicloud_*). */
    readonly providerSource?: string;
    /** Module path of the provider configuration, when it is a module's own (`module.own`). */
    readonly providerModule?: string;
    readonly providerAlias?: string;
    readonly each?: "list" | "map";
    readonly instances: readonly StateInstance[];
}

export interface StateSpec {
    readonly lineage?: string;
    readonly serial?: number;
    readonly terraformVersion?: string;
    readonly outputs?: Json;
    readonly resources: readonly StateResource[];
}

const SOURCES: Readonly<Record<string, string>> = {
    alicloud: "registry.terraform.io/aliyun/alicloud",
    aws: "registry.terraform.io/hashicorp/aws",
    cloudflare: "registry.terraform.io/cloudflare/cloudflare",
};

/** `addrs.AbsProviderConfig.String()`: `[module.].provider["<source>"][.alias]`. */
export function providerAddress(resource: Pick<StateResource, "type" | "providerSource" | "providerModule" | "providerAlias">): string {
    const source = resource.providerSource ?? SOURCES[resource.type.split("_")[0]] ?? `registry.terraform.io/hashicorp/${resource.type.split("_")[0]}`;
    return `${resource.providerModule ? `${resource.providerModule}.` : ""}provider[${JSON.stringify(source)}]${resource.providerAlias ? `.${resource.providerAlias}` : ""}`;
}

/** A fixed UUID-shaped lineage for tests (Terraform writes a random UUID per new state). */
export const lineageOf = (seed: string): string => {
    let hash = 0;
    for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    const hex = (hash.toString(16) + "0000000000000000000000000000000000").slice(0, 32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

function compare(a: StateResource, b: StateResource): number {
    const key = (r: StateResource) => [r.module ?? "", r.mode ?? "managed", r.type, r.name];
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
}

export function terraformState(spec: StateSpec): Json {
    const resources = [...spec.resources].sort(compare).map((resource) => ({
        ...(resource.module ? { module: resource.module } : {}),
        mode: resource.mode ?? "managed",
        type: resource.type,
        name: resource.name,
        ...(resource.each ? { each: resource.each } : {}),
        provider: providerAddress(resource),
        instances: resource.instances.map((instance) => ({
            ...(instance.indexKey !== undefined ? { index_key: instance.indexKey } : {}),
            ...(instance.tainted ? { status: "tainted" } : {}),
            ...(instance.deposed ? { deposed: instance.deposed } : {}),
            schema_version: 0,
            attributes: instance.attributes,
            sensitive_attributes: (instance.sensitive ?? []).map((name) => [{ type: "get_attr", value: name }]),
            identity_schema_version: 0,
            private: "bnVsbA==",
            ...(instance.dependencies?.length ? { dependencies: instance.dependencies } : {}),
            ...(instance.createBeforeDestroy ? { create_before_destroy: true } : {}),
        })),
    }));
    return {
        version: 4,
        terraform_version: spec.terraformVersion ?? "1.9.5",
        serial: spec.serial ?? 1,
        lineage: spec.lineage ?? lineageOf(JSON.stringify(spec.resources.map((r) => `${r.module ?? ""}.${r.type}.${r.name}`))),
        outputs: spec.outputs ?? {},
        resources,
        check_results: null,
    };
}
