/**
 * Builds `terraform show -json <planfile>` documents for tests, in the shape Terraform 1.9 writes
 * (format_version 1.2; internal/command/jsonplan and jsonconfig): `planned_values` grouped by module
 * instance (unknown attributes left out, as Terraform omits them), `resource_changes` with `after`,
 * `after_unknown` and `after_sensitive`, and `configuration` with module-relative addresses,
 * `provider_config_key`s as Terraform normalises them, and expressions as constants or references.
 */
type Json = Record<string, unknown>;

export interface PlanResource {
    readonly type: string;
    readonly name: string;
    /** Module instance, e.g. `module.app["prod"]` (root when absent). */
    readonly module?: string;
    /** count/for_each key: a number or a string. */
    readonly index?: number | string;
    readonly values: Json;
    /** `after_unknown`: attributes not known until apply. */
    readonly unknown?: Json;
    /** `after_sensitive`/`sensitive_values`. */
    readonly sensitive?: Json;
    /** Configuration expressions by attribute; default: a constant for each known value. */
    readonly expressions?: Json;
    readonly providerKey?: string;
    /** `depends_on`, as written in the configuration (`alicloud_eip_address.web`, `module.app`). */
    readonly dependsOn?: readonly string[];
    readonly actions?: readonly string[];
    readonly count?: number;
    readonly forEach?: Json;
}

export interface PlanModuleCall {
    readonly source: string;
    readonly expressions?: Json;
    readonly outputs?: Json;
    readonly variables?: Json;
    readonly forEach?: Json;
    readonly count?: Json;
}

export interface PlanSpec {
    readonly resources: readonly PlanResource[];
    readonly providerConfig?: Json;
    readonly variables?: Json;
    /** Root variable declarations (`configuration.root_module.variables`). */
    readonly rootVariables?: Json;
    /** Module calls by path, e.g. `module.app` or `module.app.module.cdn`. */
    readonly modules?: Readonly<Record<string, PlanModuleCall>>;
    /** Leave `configuration` out (as in an old plan), to test the fallbacks. */
    readonly withoutConfiguration?: boolean;
    /** Data sources of the root module's configuration (jsonconfig writes them with `mode: "data"`). */
    readonly dataSources?: readonly { readonly type: string; readonly name: string; readonly expressions?: Json; readonly providerKey?: string }[];
}

const PROVIDERS: Readonly<Record<string, string>> = {
    alicloud: "registry.terraform.io/aliyun/alicloud",
    aws: "registry.terraform.io/hashicorp/aws",
    cloudflare: "registry.terraform.io/cloudflare/cloudflare",
    kubernetes: "registry.terraform.io/hashicorp/kubernetes",
};

export const providerNameOf = (type: string): string => PROVIDERS[type.split("_")[0]] ?? `registry.terraform.io/hashicorp/${type.split("_")[0]}`;

const addressOf = (r: PlanResource): string => `${r.module ? `${r.module}.` : ""}${r.type}.${r.name}${r.index === undefined ? "" : `[${JSON.stringify(r.index)}]`}`;
const configPath = (moduleInstance: string): string => moduleInstance.replace(/\[[^\]]*\]/g, "");

/** Terraform leaves unknown attributes out of `after` and `planned_values`. */
function withoutUnknown(values: Json, unknown: Json | undefined): Json {
    if (!unknown) return values;
    return Object.fromEntries(Object.entries(values).filter(([key]) => unknown[key] !== true));
}

export function terraformPlan(spec: PlanSpec): Json {
    const modules = new Map<string, { address: string; resources: Json[] }>();
    const changes: Json[] = [];
    for (const resource of spec.resources) {
        const address = addressOf(resource);
        const values = withoutUnknown(resource.values, resource.unknown);
        const actions = resource.actions ?? ["create"];
        const deleting = actions.includes("delete") && !actions.includes("create");
        const common = {
            address,
            mode: "managed",
            type: resource.type,
            name: resource.name,
            ...(resource.index !== undefined ? { index: resource.index } : {}),
            provider_name: providerNameOf(resource.type),
        };
        if (!deleting) {
            const key = resource.module ?? "";
            const module = modules.get(key) ?? { address: key, resources: [] };
            module.resources.push({ ...common, schema_version: 0, values, sensitive_values: resource.sensitive ?? {} });
            modules.set(key, module);
        }
        changes.push({
            ...common,
            ...(resource.module ? { module_address: resource.module } : {}),
            change: {
                actions,
                before: actions.includes("create") && !actions.includes("delete") ? null : values,
                after: deleting ? null : values,
                after_unknown: deleting ? false : (resource.unknown ?? {}),
                before_sensitive: actions.includes("create") && !actions.includes("delete") ? false : (resource.sensitive ?? {}),
                after_sensitive: deleting ? false : (resource.sensitive ?? {}),
            },
        });
    }
    const moduleJson = (address: string): Json => {
        const own = modules.get(address);
        const prefix = address ? `${address}.` : "";
        const children = [...modules.keys()].filter((key) => key.startsWith(prefix) && /^module\.[A-Za-z0-9_-]+(\[[^\]]*\])?$/.test(key.slice(prefix.length)));
        return {
            ...(own ? { resources: own.resources } : {}),
            ...(address ? { address } : {}),
            ...(children.length ? { child_modules: children.map(moduleJson) } : {}),
        };
    };
    // Intermediate module instances with no resources of their own still appear as child modules.
    for (const key of [...modules.keys()]) {
        const parts = key.split(/\.(?=module\.)/);
        for (let i = 1; i < parts.length; i++) {
            const parent = parts.slice(0, i).join(".");
            if (!modules.has(parent)) modules.set(parent, { address: parent, resources: [] });
        }
    }
    const plan: Json = {
        format_version: "1.2",
        terraform_version: "1.9.8",
        ...(spec.variables ? { variables: spec.variables } : {}),
        planned_values: { root_module: moduleJson("") },
        resource_changes: changes,
    };
    if (!spec.withoutConfiguration) {
        const configModules = new Map<string, Json>([["", { resources: [] as Json[] }]]);
        for (const path of Object.keys(spec.modules ?? {})) configModules.set(path, { resources: [] as Json[] });
        const seen = new Set<string>();
        for (const resource of spec.resources) {
            const path = configPath(resource.module ?? "");
            const key = `${path}|${resource.type}.${resource.name}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const expressions =
                resource.expressions ??
                Object.fromEntries(Object.entries(resource.values).filter(([, value]) => value !== null).map(([name, value]) => [name, { constant_value: value }]));
            (configModules.get(path)!["resources"] as Json[]).push({
                address: `${resource.type}.${resource.name}`,
                mode: "managed",
                type: resource.type,
                name: resource.name,
                provider_config_key: resource.providerKey ?? resource.type.split("_")[0],
                expressions,
                schema_version: 0,
                ...(resource.count !== undefined ? { count_expression: { constant_value: resource.count } } : {}),
                ...(resource.forEach ? { for_each_expression: resource.forEach } : {}),
                ...(resource.dependsOn ? { depends_on: resource.dependsOn } : {}),
            });
        }
        for (const data of spec.dataSources ?? []) {
            (configModules.get("")!["resources"] as Json[]).push({
                address: `data.${data.type}.${data.name}`,
                mode: "data",
                type: data.type,
                name: data.name,
                provider_config_key: data.providerKey ?? data.type.split("_")[0],
                expressions: data.expressions ?? {},
                schema_version: 0,
            });
        }
        const build = (path: string): Json => {
            const module = { ...configModules.get(path)! };
            if (path === "" && spec.rootVariables) module["variables"] = spec.rootVariables;
            const calls: Json = {};
            for (const [childPath, call] of Object.entries(spec.modules ?? {})) {
                const name = childPath.slice(path ? path.length + 1 : 0);
                if (!childPath.startsWith(path ? `${path}.module.` : "module.") || name.split(".").length !== 2) continue;
                const child = build(childPath);
                if (call.outputs) child["outputs"] = call.outputs;
                if (call.variables) child["variables"] = call.variables;
                calls[name.split(".")[1]] = {
                    source: call.source,
                    ...(call.expressions ? { expressions: call.expressions } : {}),
                    ...(call.count ? { count_expression: call.count } : {}),
                    ...(call.forEach ? { for_each_expression: call.forEach } : {}),
                    module: child,
                };
            }
            if (Object.keys(calls).length) module["module_calls"] = calls;
            return module;
        };
        plan["configuration"] = {
            provider_config: spec.providerConfig ?? { alicloud: { name: "alicloud", full_name: PROVIDERS["alicloud"] } },
            root_module: build(""),
        };
    }
    return { ...plan, timestamp: "2026-11-29T10:00:00Z", applyable: true, complete: true, errored: false };
}

/** `terraform show -json` of a state: `values` only, no plan, no configuration. */
export function terraformState(resources: readonly PlanResource[]): Json {
    const plan = terraformPlan({ resources, withoutConfiguration: true }) as { planned_values: Json };
    return { format_version: "1.0", terraform_version: "1.9.8", values: plan.planned_values };
}

export const ref = (...references: string[]): Json => ({ references });
export const constant = (value: unknown): Json => ({ constant_value: value });
