/**
 * One entry point for the command line's input files: the JSON of `terraform show -json` (a plan
 * or a state) is recognised by its `format_version`, everything else is read as a Pulumi stack
 * export or preview. Each front end produces the same views, so no rule knows where a resource
 * came from.
 */
import { InputFileError, LoadedInput, parseInputFile } from "./pulumi-file";
import { isTerraformJson, parseTerraformJson, TerraformInput, TerraformOptions } from "./terraform/plan";

export type AnyInput = LoadedInput | TerraformInput;

export function parseAnyInput(text: string, file: string, options: TerraformOptions = {}): AnyInput {
    let data: unknown;
    try {
        data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch {
        return parseInputFile(text, file); // reports the JSON error with the Pulumi formats' advice
    }
    if (isTerraformJson(data)) return parseTerraformJson(data as Record<string, unknown>, file, options);
    return parseInputFile(text, file);
}

export const isTerraformInput = (input: AnyInput): input is TerraformInput => input.kind === "terraform-plan" || input.kind === "terraform-state";

export { InputFileError };
