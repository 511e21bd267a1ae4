/**
 * Reads `terraform show -json` of a state (no plan; format_version 1.x, internal/command/jsonstate):
 * `values.root_module` with every managed resource in every module. There is no configuration,
 * so no references and no provider regions: the region comes from the resources (zones) or the
 * environment, as for a raw state.
 */
import { InputFileError } from "../pulumi-file";
import { identitiesOf, instancesOfValues, rootModuleOf } from "./module-values";
import { buildTerraformRecords, Json, TerraformDataInstance, TerraformOptions, TerraformParsed } from "./records";

/** Reads the JSON object of `terraform show -json` (a state) into records. Throws InputFileError listing every problem. */
export function readTerraformShowState(data: Json, file: string, options: TerraformOptions = {}): TerraformParsed {
    const problems: string[] = [];
    const dataSources: TerraformDataInstance[] = [];
    const instances = instancesOfValues(rootModuleOf(data["values"]), "values.root_module", file, problems, dataSources);
    if (problems.length) throw new InputFileError(problems.join("\n"));
    return buildTerraformRecords(
        {
            kind: "terraform-state",
            file,
            instances,
            dataSources,
            identities: identitiesOf(instances),
            ...(typeof data["terraform_version"] === "string" ? { terraformVersion: data["terraform_version"] as string } : {}),
        },
        options,
    );
}
