/**
 * The values tree `terraform show -json` writes for a plan's `planned_values` and `prior_state`
 * and for a state's `values` (internal/command/jsonstate stateValues/Module/Resource): a
 * `root_module` with `resources[]` (`address`, `mode`, `type`, `name`, `index`, `provider_name`,
 * `values`, `sensitive_values`) and nested `child_modules[]` (each with its `address`).
 */
import { identityOf, isObject, Json, TerraformDataInstance, TerraformInstance } from "./records";

const keyOf = (index: unknown): string | undefined => (index === undefined || index === null ? undefined : JSON.stringify(index));

/**
 * Every managed resource instance of a values tree, every module included; malformed parts are
 * added to `problems`, data source instances to `data` when given.
 */
export function instancesOfValues(root: unknown, where: string, file: string, problems: string[], data?: TerraformDataInstance[]): TerraformInstance[] {
    const found: TerraformInstance[] = [];
    const walk = (module: unknown, at: string, depth: number): void => {
        if (module === undefined) return;
        if (!isObject(module)) return void problems.push(`${file}: ${at} is not an object`);
        if (depth > 64) return void problems.push(`${file}: ${at} nests modules too deeply`);
        const moduleInstance = typeof module["address"] === "string" ? (module["address"] as string) : "";
        const resources = module["resources"] ?? [];
        if (!Array.isArray(resources)) problems.push(`${file}: ${at}.resources is not a list`);
        else
            resources.forEach((resource: unknown, index) => {
                const here = `${at}.resources[${index}]`;
                if (!isObject(resource)) return void problems.push(`${file}: ${here} is not an object`);
                const missing = ["address", "type", "name"].filter((field) => typeof resource[field] !== "string");
                if (missing.length) return void problems.push(`${file}: ${here} has no ${missing.join(", ")}`);
                if ((resource["mode"] ?? "managed") !== "managed") {
                    if (resource["mode"] === "data") {
                        data?.push({ address: resource["address"] as string, type: resource["type"] as string, providerName: typeof resource["provider_name"] === "string" ? (resource["provider_name"] as string) : "", values: resource["values"] });
                    }
                    return;
                }
                const key = keyOf(resource["index"]);
                found.push({
                    address: resource["address"] as string,
                    moduleInstance,
                    type: resource["type"] as string,
                    name: resource["name"] as string,
                    ...(key !== undefined ? { key } : {}),
                    providerName: typeof resource["provider_name"] === "string" ? (resource["provider_name"] as string) : "",
                    values: resource["values"],
                    sensitive: resource["sensitive_values"],
                });
            });
        const children = module["child_modules"] ?? [];
        if (!Array.isArray(children)) problems.push(`${file}: ${at}.child_modules is not a list`);
        else children.forEach((child: unknown, index) => walk(child, `${at}.child_modules[${index}]`, depth + 1));
    };
    walk(root, where, 0);
    return found;
}

/** `address` + NUL + `id` of every instance with a known id (see TerraformParsed.identities). */
export function identitiesOf(instances: readonly TerraformInstance[], into: Set<string> = new Set()): Set<string> {
    for (const instance of instances) {
        const identity = identityOf(instance.address, instance.values);
        if (identity !== undefined) into.add(identity);
    }
    return into;
}

/** `{root_module: …}` of a values tree, or undefined. */
export const rootModuleOf = (values: unknown): unknown => (isObject(values) ? (values as Json)["root_module"] : undefined);
