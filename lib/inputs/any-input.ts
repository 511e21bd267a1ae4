/**
 * One entry point for the command line's input file: the JSON of `terraform show -json` (a plan
 * or a state) is recognised by its `format_version`, everything else is read as a Pulumi stack
 * export or preview. Each front end produces the same views, so no rule knows where a resource
 * came from. (Where inputs are read as records and merged, `readTerraformInput` is the Terraform
 * reader to try before the Pulumi one.)
 */
import { InputFileError, LoadedInput, parseInputFile } from "./pulumi-file";
import { readTerraformInput, terraformViews, TerraformInput, TerraformOptions } from "./terraform/plan";

export type AnyInput = LoadedInput | TerraformInput;

export function parseAnyInput(text: string, file: string, options: TerraformOptions = {}): AnyInput {
    const terraform = readTerraformInput(text, file, options);
    if (terraform) return terraformViews(terraform);
    try {
        return parseInputFile(text, file);
    } catch (error) {
        if (!(error instanceof InputFileError) || !/is not valid JSON|is not a JSON object|has neither/.test(error.message)) throw error;
        throw new InputFileError(`${error.message}, or of \`terraform show -json <planfile>\` (Terraform JSON has "format_version")`);
    }
}

export const isTerraformInput = (input: AnyInput): input is TerraformInput => input.kind === "terraform-plan" || input.kind === "terraform-state";

export { InputFileError };
