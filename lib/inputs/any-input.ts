/**
 * One entry point for the command line's input file: the JSON of `terraform show -json` (a plan
 * or a state) is recognised by its `format_version`, everything else is read as a Pulumi stack
 * export or preview. Each front end produces the same views, so no rule knows where a resource
 * came from. (Where inputs are read as records and merged, `readTerraformInput` is the Terraform
 * reader to try before the Pulumi one.)
 */
import { InputFileError, LoadedInput, parseInputFile } from "./pulumi-file";
import { isTerraformJson, readTerraformPlan, terraformViews, TerraformInput, TerraformOptions } from "./terraform/plan";

export type AnyInput = LoadedInput | TerraformInput;

export function parseAnyInput(text: string, file: string, options: TerraformOptions = {}): AnyInput {
    let data: unknown;
    try {
        data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch {
        data = undefined;
    }
    if (isTerraformJson(data)) {
        return terraformViews(readTerraformPlan(data as Record<string, unknown>, file, options));
    }
    try {
        return parseInputFile(text, file);
    } catch (error) {
        if (!(error instanceof InputFileError) || !/is not valid JSON|is not a JSON object|has neither/.test(error.message)) throw error;
        // hashicorp/setup-terraform's wrapper prints its own lines around the command's output.
        const wrapper = /^\[command\]/.test(text.trimStart()) ? "; the file starts with `[command]`, which hashicorp/setup-terraform's wrapper adds: set `terraform_wrapper: false`" : "";
        throw new InputFileError(`${error.message}, or of \`terraform show -json <planfile>\` (Terraform JSON has "format_version")${wrapper}`);
    }
}

export const isTerraformInput = (input: AnyInput): input is TerraformInput => input.kind === "terraform-plan" || input.kind === "terraform-state";

export { InputFileError };
