/**
 * The `configuration` half of `terraform show -json`: which resources each attribute refers to
 * (Terraform's stand-in for Pulumi's propertyDependencies) and where each provider's region comes
 * from. Everything is resolved statically, the way Terraform's own JSON states it: references are
 * relative to their module, module inputs (`var.x` inside a module) lead to the module call's
 * expressions, module outputs (`module.app["prod"].ip`) to the module's `outputs`, and
 * `count.index`/`each.key` pick the instance with the referring resource's own key. What cannot be
 * resolved statically (locals, data sources, computed keys) yields no dependency, so the value stays
 * unknown and the rules report it as undecidable, as they do for Pulumi.
 */
import { Read } from "../../model/values";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);
const objectAt = (value: unknown, key: string): Json | undefined => (isObject(value) && isObject(value[key]) ? (value[key] as Json) : undefined);

/** One step of a traversal: `module`, `app` with key `"prod"`, `alicloud_eip_address`, … */
interface Step {
    readonly name: string;
    /** The index as written in the address (`0`, `"prod"`), when constant. */
    readonly key?: string;
}

const STEP = /([A-Za-z_][A-Za-z0-9_-]*)((?:\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\])?)/y;

/** Parses `module.app["prod"].alicloud_eip_address.web[0].ip_address`; undefined if not one. */
export function parseTraversal(text: string): Step[] | undefined {
    const steps: Step[] = [];
    let at = 0;
    while (at < text.length) {
        STEP.lastIndex = at;
        const match = STEP.exec(text);
        if (!match) return steps.length ? steps : undefined; // `x[count.index]` and the like: stop there
        steps.push(match[2] ? { name: match[1], key: match[2].slice(1, -1) } : { name: match[1] });
        at = STEP.lastIndex;
        if (at < text.length) {
            if (text[at] !== ".") return steps;
            at++;
        }
    }
    return steps.length ? steps : undefined;
}

/** `module.app["prod"].module.cdn` → `module.app.module.cdn` (the configuration's path). */
export function configPathOf(moduleInstance: string): string {
    const steps = moduleInstance ? parseTraversal(moduleInstance) ?? [] : [];
    return steps.map((step) => step.name).join(".");
}

/** The references an expression (or a block of expressions) mentions, nested blocks included. */
export function referencesOf(expression: unknown, depth = 0): string[] {
    if (depth > 32) return [];
    if (Array.isArray(expression)) return expression.flatMap((item) => referencesOf(item, depth + 1));
    if (!isObject(expression)) return [];
    if (Array.isArray(expression["references"])) return expression["references"].filter((r): r is string => typeof r === "string");
    return Object.values(expression).flatMap((item) => referencesOf(item, depth + 1));
}

export interface ResourceInstance {
    readonly address: string;
    readonly moduleInstance: string;
    readonly type: string;
    readonly name: string;
    /** The index as written in the address (`0`, `"prod"`), or undefined without count/for_each. */
    readonly key?: string;
}

interface Scope {
    readonly moduleInstance: string;
    /** The referring object's own index, for `count.index` and `each.key`. */
    readonly ownKey?: string;
    /** The references of the referring object's `for_each`, for `each.value` (`for_each = alicloud_eip_address.web`). */
    readonly forEach?: readonly string[];
}

export interface ProviderRegion {
    readonly read: Read<string>;
    /** The region came from a sensitive variable: decide on it, never print it. */
    readonly secret: boolean;
}

export class TerraformConfiguration {
    private readonly modules = new Map<string, Json>();
    private readonly instancesOf = new Map<string, ResourceInstance[]>();
    private readonly moduleInstancesOf = new Map<string, { address: string; key?: string }[]>();
    private readonly seenModuleInstances = new Set<string>();
    private readonly resourceConfigs = new Map<string, Map<string, Json>>();

    constructor(
        private readonly configuration: Json | undefined,
        /** The root module's input values (`variables` of the plan). */
        private readonly variables: Json | undefined,
        instances: readonly ResourceInstance[],
    ) {
        const root = objectAt(configuration, "root_module");
        if (root) this.indexModules(root, "", 0);
        for (const instance of instances) {
            const key = `${instance.moduleInstance}\u0000${instance.type}.${instance.name}`;
            const list = this.instancesOf.get(key);
            if (list) list.push(instance);
            else this.instancesOf.set(key, [instance]);
            this.noteModuleInstance(instance.moduleInstance);
        }
    }

    get present(): boolean {
        return this.modules.size > 0;
    }

    private indexModules(module: Json, path: string, depth: number): void {
        if (depth > 64) return;
        this.modules.set(path, module);
        const calls = objectAt(module, "module_calls") ?? {};
        for (const [name, call] of Object.entries(calls)) {
            const child = objectAt(call, "module");
            if (child) this.indexModules(child, path ? `${path}.module.${name}` : `module.${name}`, depth + 1);
        }
    }

    /** Records `module.a["x"].module.b` and its ancestors as instances of their calls. */
    private noteModuleInstance(moduleInstance: string): void {
        if (!moduleInstance || this.seenModuleInstances.has(moduleInstance)) return;
        this.seenModuleInstances.add(moduleInstance);
        const steps = parseTraversal(moduleInstance) ?? [];
        let parent = "";
        for (let index = 0; index + 1 < steps.length; index += 2) {
            const call = steps[index + 1];
            const address = `${parent ? `${parent}.` : ""}module.${call.name}${call.key !== undefined ? `[${call.key}]` : ""}`;
            const key = `${parent}\u0000${call.name}`;
            const list = this.moduleInstancesOf.get(key) ?? [];
            if (!list.some((item) => item.address === address)) list.push({ address, key: call.key });
            this.moduleInstancesOf.set(key, list);
            parent = address;
        }
    }

    /** The configuration block of a resource (`alicloud_cdn_domain_new.shop` in its module). */
    resourceConfig(instance: Pick<ResourceInstance, "moduleInstance" | "type" | "name">): Json | undefined {
        const path = configPathOf(instance.moduleInstance);
        let index = this.resourceConfigs.get(path);
        if (!index) {
            // Indexed once per module, so a plan of many resources stays linear.
            index = new Map();
            const module = this.modules.get(path);
            for (const resource of module && Array.isArray(module["resources"]) ? (module["resources"] as unknown[]) : []) {
                if (isObject(resource) && typeof resource["address"] === "string" && (resource["mode"] ?? "managed") === "managed") index.set(resource["address"], resource);
            }
            this.resourceConfigs.set(path, index);
        }
        return index.get(`${instance.type}.${instance.name}`);
    }

    /** A data source's configuration block (`data.alicloud_cs_cluster_credential.c` in its module). */
    dataConfig(path: string, address: string): Json | undefined {
        const key = `data:${path}`;
        let index = this.resourceConfigs.get(key);
        if (!index) {
            index = new Map();
            const module = this.modules.get(path);
            for (const resource of module && Array.isArray(module["resources"]) ? (module["resources"] as unknown[]) : []) {
                if (isObject(resource) && typeof resource["address"] === "string" && resource["mode"] === "data") index.set(resource["address"], resource);
            }
            this.resourceConfigs.set(key, index);
        }
        return index.get(address);
    }

    /**
     * The references of a provider configuration's expressions (`host`, `client_certificate`, …), by
     * attribute, with the module they are relative to.
     */
    providerReferences(key: string): { readonly byAttribute: ReadonlyMap<string, string[]>; readonly modulePath: string } {
        const config = this.providerConfig(key);
        const byAttribute = new Map<string, string[]>();
        for (const [name, expression] of Object.entries(objectAt(config, "expressions") ?? {})) {
            const references = referencesOf(expression);
            if (references.length > 0) byAttribute.set(name, references);
        }
        return { byAttribute, modulePath: typeof config?.["module_address"] === "string" ? configPathOf(config["module_address"] as string) : "" };
    }

    /** A provider configuration's constant string attribute (`config_context`). */
    providerConstant(key: string, attribute: string): Read<string> {
        const expression = objectAt(objectAt(this.providerConfig(key), "expressions"), attribute);
        if (!expression) return { state: "absent" };
        return "constant_value" in expression ? stringRead(expression["constant_value"]) : { state: "unknown" };
    }

    /** Module path of a configuration module → its `module_calls` entry in the parent. */
    moduleCall(path: string): Json | undefined {
        const steps = path.split(".");
        if (steps.length < 2) return undefined;
        const parent = this.modules.get(steps.slice(0, -2).join("."));
        return objectAt(objectAt(parent, "module_calls"), steps[steps.length - 1]);
    }

    /** Resource instances an attribute's references lead to, resolved through modules. */
    resolve(references: readonly string[], scope: Scope, depth = 0): ResourceInstance[] {
        if (depth > 32) return [];
        const found = new Map<string, ResourceInstance>();
        const add = (instances: readonly ResourceInstance[]) => instances.forEach((instance) => found.set(instance.address, instance));
        const usesOwnKey = references.some((ref) => ref === "count.index" || ref.startsWith("each."));
        const parsed = references.map(parseTraversal).filter((steps): steps is Step[] => steps !== undefined && steps.length > 0);
        // Terraform lists `a.b[0].attr`, `a.b[0]` and `a.b`: the keyed forms say which instance.
        const keyed = new Set(parsed.filter((steps) => steps.length >= 2 && steps[1].key !== undefined).map((steps) => `${steps[0].name}.${steps[1].name}`));
        for (const steps of parsed) {
            const [head, second, third] = steps;
            if (!second) continue;
            if (head.name === "var") {
                add(this.resolveVariable(second.name, scope.moduleInstance, depth + 1));
            } else if (head.name === "module") {
                if (!third) continue; // the containing module call, listed beside the output
                const key = `${scope.moduleInstance}\u0000${second.name}`;
                const instances = (this.moduleInstancesOf.get(key) ?? []).filter((instance) => second.key === undefined || instance.key === second.key);
                const outputs = objectAt(this.modules.get(configPathOf(scope.moduleInstance) ? `${configPathOf(scope.moduleInstance)}.module.${second.name}` : `module.${second.name}`), "outputs");
                const expression = objectAt(objectAt(outputs, third.name), "expression");
                for (const instance of instances) add(this.resolve(referencesOf(expression), { moduleInstance: instance.address }, depth + 1));
            } else if (head.name === "each" && second.name === "value" && scope.forEach?.length) {
                // `each.value` of a for_each over a resource's instances: the instance with the same key.
                const candidates = this.resolve(scope.forEach, { moduleInstance: scope.moduleInstance }, depth + 1);
                const same = candidates.filter((instance) => instance.key !== undefined && instance.key === scope.ownKey);
                add(same.length ? same : candidates);
            } else if (["data", "local", "count", "each", "path", "terraform", "self"].includes(head.name)) {
                continue;
            } else {
                const all = this.instancesOf.get(`${scope.moduleInstance}\u0000${head.name}.${second.name}`) ?? [];
                if (second.key !== undefined) add(all.filter((instance) => instance.key === second.key));
                else if (keyed.has(`${head.name}.${second.name}`)) continue;
                else if (all.length <= 1) add(all);
                else if (usesOwnKey && scope.ownKey !== undefined && all.some((instance) => instance.key === scope.ownKey)) add(all.filter((instance) => instance.key === scope.ownKey));
                // Several instances and no way to tell which: every one is a possible target.
                else add(all);
            }
        }
        return [...found.values()];
    }

    /**
     * The resource instances a `depends_on` list names, in the referring resource's module instance:
     * resources (every instance of a counted one unless keyed) and whole module calls (every
     * resource in every instance of the call, nested modules included).
     */
    dependsOn(references: readonly string[], moduleInstance: string): ResourceInstance[] {
        const found = new Map<string, ResourceInstance>();
        for (const reference of references) {
            const steps = parseTraversal(reference);
            if (!steps || steps.length === 0) continue;
            if (steps[0].name === "module" && steps.length === 2) {
                const calls = (this.moduleInstancesOf.get(`${moduleInstance}\u0000${steps[1].name}`) ?? []).filter((call) => steps[1].key === undefined || call.key === steps[1].key);
                for (const call of calls) {
                    for (const list of this.instancesOf.values()) {
                        for (const instance of list) {
                            if (instance.moduleInstance === call.address || instance.moduleInstance.startsWith(`${call.address}.`)) found.set(instance.address, instance);
                        }
                    }
                }
            } else {
                this.resolve([reference], { moduleInstance }).forEach((instance) => found.set(instance.address, instance));
            }
        }
        return [...found.values()];
    }

    /** `var.x` inside a module instance: the module call's expression for `x`, in the caller. */
    private resolveVariable(name: string, moduleInstance: string, depth: number): ResourceInstance[] {
        if (!moduleInstance) return []; // a root variable is a value, not a resource
        const steps = parseTraversal(moduleInstance) ?? [];
        const own = steps[steps.length - 1];
        const parentSteps = steps.slice(0, -2);
        const parent = parentSteps.map((step) => `${step.name}${step.key !== undefined ? `[${step.key}]` : ""}`).join(".");
        const call = this.moduleCall(configPathOf(moduleInstance));
        const expression = objectAt(objectAt(call, "expressions"), name);
        const forEach = referencesOf(objectAt(call, "for_each_expression"));
        return this.resolve(referencesOf(expression), { moduleInstance: parent, ownKey: own?.key, forEach }, depth);
    }

    /** A variable's value in a configuration module: the module call's constant, or the root's value. */
    variableValue(name: string, path: string, depth = 0): ProviderRegion {
        const unknown: ProviderRegion = { read: { state: "unknown" }, secret: false };
        if (depth > 32) return unknown;
        const module = this.modules.get(path);
        const declared = objectAt(objectAt(module, "variables"), name);
        const sensitive = declared?.["sensitive"] === true;
        const fromDefault = (): ProviderRegion =>
            declared && "default" in declared ? { read: stringRead(declared["default"]), secret: sensitive } : { read: { state: "absent" }, secret: sensitive };
        if (!path) {
            const given = objectAt(this.variables, name);
            if (given && "value" in given) return { read: stringRead(given["value"]), secret: sensitive };
            return fromDefault();
        }
        const expression = objectAt(objectAt(this.moduleCall(path), "expressions"), name);
        if (!expression) return fromDefault();
        if ("constant_value" in expression) return { read: stringRead(expression["constant_value"]), secret: sensitive };
        const references = referencesOf(expression);
        const variable = references.map(parseTraversal).find((steps) => steps?.[0]?.name === "var" && steps.length >= 2);
        if (variable && references.length === 1) {
            const result = this.variableValue(variable[1].name, path.split(".").slice(0, -2).join("."), depth + 1);
            return { read: result.read, secret: result.secret || sensitive };
        }
        return unknown;
    }

    /** The `provider_config` entry a resource's `provider_config_key` names (passed-in ones resolved by Terraform). */
    providerConfig(key: string): Json | undefined {
        const configs = objectAt(this.configuration, "provider_config");
        const direct = objectAt(configs, key);
        if (direct) return direct;
        // A key of a module whose provider is configured outside it: the root configuration.
        const colon = key.lastIndexOf(":");
        return colon >= 0 ? objectAt(configs, key.slice(colon + 1)) : undefined;
    }

    /** The region a provider configuration sets: constant, a variable, or unknown. */
    providerRegion(key: string): ProviderRegion {
        const config = this.providerConfig(key);
        const expression = objectAt(objectAt(config, "expressions"), "region");
        if (!expression) return { read: { state: "absent" }, secret: false };
        if ("constant_value" in expression) return { read: stringRead(expression["constant_value"]), secret: false };
        const references = referencesOf(expression);
        const variable = references.map(parseTraversal).find((steps) => steps?.[0]?.name === "var" && steps.length >= 2);
        if (variable && references.length === 1) {
            const modulePath = typeof config?.["module_address"] === "string" ? (config["module_address"] as string) : "";
            return this.variableValue(variable[1].name, configPathOf(modulePath));
        }
        return { read: { state: "unknown" }, secret: false };
    }
}

function stringRead(value: unknown): Read<string> {
    if (value === undefined || value === null) return { state: "absent" };
    if (typeof value === "string") return { state: "known", value };
    return { state: "invalid", got: Array.isArray(value) ? `array of ${value.length}` : typeof value };
}
