/**
 * Reads `terraform show -json <planfile>` (format_version 1.x: website/docs/internals/
 * json-format.mdx; internal/command/jsonplan) into the instances and changes the record builder
 * (records.ts) turns into records.
 *
 * - Resources come from `planned_values`, every managed resource in every module, unchanged ones
 *   included; a resource only being deleted is not there, so not checked. A change that creates or
 *   updates a resource `planned_values` does not list (a trimmed file) is still checked.
 * - `resource_changes` give `after`, `after_unknown` and `after_sensitive`; deletes are planned removals.
 * - `prior_state` (and the ids `planned_values` keeps) say which root module the plan is of
 *   (TerraformParsed.identities), so a plan overlays the state of its own root module only.
 */
import { InputFileError } from "../pulumi-file";
import { identitiesOf, instancesOfValues, rootModuleOf } from "./module-values";
import { buildTerraformRecords, isObject, Json, TerraformDataInstance, TerraformInstance, TerraformOptions, TerraformParsed } from "./records";

const keyOf = (index: unknown): string | undefined => (index === undefined || index === null ? undefined : JSON.stringify(index));

/** `resource_changes` by address (managed, not deposed); malformed entries are added to `problems`. */
function changesOf(rawChanges: unknown, file: string, problems: string[]): Map<string, Json> {
    const changes = new Map<string, Json>();
    if (!Array.isArray(rawChanges)) {
        problems.push(`${file}: resource_changes is not a list`);
        return changes;
    }
    rawChanges.forEach((change: unknown, index) => {
        if (!isObject(change) || typeof change["address"] !== "string" || !isObject(change["change"])) {
            return void problems.push(`${file}: resource_changes[${index}] has no address or change`);
        }
        // A deposed object (create_before_destroy) shares its address with the new one: its delete is not the resource's.
        if ((change["mode"] ?? "managed") === "managed" && change["deposed"] === undefined) changes.set(change["address"] as string, change["change"] as Json);
    });
    return changes;
}

/** Creates and updates of resources `planned_values` leaves out (a trimmed file), as instances. */
function unlistedChanges(rawChanges: unknown, listed: ReadonlySet<string>): TerraformInstance[] {
    const found: TerraformInstance[] = [];
    for (const change of Array.isArray(rawChanges) ? rawChanges : []) {
        const body = isObject(change) ? change["change"] : undefined;
        if (!isObject(change) || !isObject(body) || listed.has(change["address"] as string) || change["deposed"] !== undefined || (change["mode"] ?? "managed") !== "managed") continue;
        const actions = Array.isArray(body["actions"]) ? body["actions"] : [];
        if (!actions.includes("create") && !actions.includes("update")) continue;
        if (typeof change["type"] !== "string" || typeof change["name"] !== "string" || !isObject(body["after"])) continue;
        const key = keyOf(change["index"]);
        found.push({
            address: change["address"] as string,
            moduleInstance: typeof change["module_address"] === "string" ? (change["module_address"] as string) : "",
            type: change["type"] as string,
            name: change["name"] as string,
            ...(key !== undefined ? { key } : {}),
            providerName: typeof change["provider_name"] === "string" ? (change["provider_name"] as string) : "",
            values: body["after"],
            sensitive: body["after_sensitive"],
        });
    }
    return found;
}

/**
 * Why a plan is not what apply would do, when it says so (internal/command/jsonplan plan.go:
 * `errored` since Terraform 1.5, `complete` since 1.8, `deferred_changes` with deferred actions);
 * older plans have neither field and are complete.
 */
export function planIncompleteness(data: Json): string | undefined {
    if (data["errored"] === true) {
        return "an errored plan (\"errored\": true): `terraform plan` failed part-way, so resources it did not get to are missing or unplanned. Fix the errors and plan again";
    }
    const deferred = Array.isArray(data["deferred_changes"]) ? data["deferred_changes"].length : 0;
    if (data["complete"] === false || deferred > 0) {
        return `an incomplete plan (${data["complete"] === false ? '"complete": false' : `${deferred} deferred change(s)`}): Terraform deferred ${deferred > 0 ? `${deferred} change(s)` : "some changes"} (values not known until another apply), so applying it needs another plan. Apply, then plan again`;
    }
    return undefined;
}

/** Reads the JSON object of `terraform show -json <planfile>` into records. Throws InputFileError listing every problem. */
export function readTerraformPlan(data: Json, file: string, options: TerraformOptions = {}): TerraformParsed {
    const problems: string[] = [];
    if (!isObject(data["planned_values"])) problems.push(`${file}: a plan without planned_values; pass the output of \`terraform show -json <planfile>\` unchanged`);
    const dataSources: TerraformDataInstance[] = [];
    const instances = instancesOfValues(rootModuleOf(data["planned_values"]), "planned_values.root_module", file, problems, dataSources);
    const rawChanges = data["resource_changes"] ?? [];
    const changes = changesOf(rawChanges, file, problems);
    if (problems.length) throw new InputFileError(problems.join("\n"));
    instances.push(...unlistedChanges(rawChanges, new Set(instances.map((instance) => instance.address))));

    // What existed before the plan says which root module it is of; a malformed prior state only loses that.
    const prior = isObject(data["prior_state"]) ? rootModuleOf((data["prior_state"] as Json)["values"]) : undefined;
    const identities = identitiesOf(instancesOfValues(prior, "prior_state.values.root_module", file, [], dataSources));
    identitiesOf(instances, identities);
    const incomplete = planIncompleteness(data);
    const parsed = buildTerraformRecords(
        {
            kind: "terraform-plan",
            file,
            instances,
            dataSources,
            changes,
            identities,
            ...(isObject(data["configuration"]) ? { configuration: data["configuration"] as Json } : {}),
            ...(isObject(data["variables"]) ? { variables: data["variables"] as Json } : {}),
            ...(typeof data["terraform_version"] === "string" ? { terraformVersion: data["terraform_version"] as string } : {}),
            // A plan's creation time (Terraform 1.5+); a state carries none.
            ...(typeof data["timestamp"] === "string" ? { writtenAt: data["timestamp"] as string } : {}),
        },
        options,
    );
    return incomplete ? { ...parsed, incomplete: `${file} is ${incomplete}` } : parsed;
}
