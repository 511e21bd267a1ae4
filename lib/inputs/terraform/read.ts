/**
 * The Terraform front end's entry: recognises which Terraform format a parsed JSON document is and
 * hands it to that format's reader, all of which feed one record builder (records.ts):
 *
 * - `terraform show -json <planfile>` (plan.ts) and `terraform show -json` of a state
 *   (show-state.ts): the JSON output format, format_version 1.x (Terraform 0.15 and later);
 * - a raw state file, `terraform.tfstate` / `terraform state pull` (raw-state.ts): format version 4
 *   (Terraform 0.12 and later).
 */
import { InputFileError } from "../pulumi-file";
import { StackResourceView, StackView } from "../../model/resource";
import { readTerraformPlan } from "./plan";
import { isRawState, readRawState } from "./raw-state";
import { isObject, Json, TerraformKind, TerraformOptions, TerraformParsed } from "./records";
import { readTerraformShowState } from "./show-state";

export type { TerraformOptions, TerraformParsed, TerraformRecord } from "./records";
export { terraformUrn } from "./records";

/** How the formats this front end reads are named to users, for "not a format icp-guard reads". */
export const TERRAFORM_FORMATS: readonly string[] = [
    "`terraform show -json <planfile>` (a plan, Terraform 0.15 or later)",
    "`terraform show -json` (a state, Terraform 0.15 or later)",
    "a raw Terraform state (`terraform.tfstate`, `terraform state pull`, a remote backend's state object; Terraform 0.12 or later)",
];

/**
 * True for the JSON `terraform show -json` writes (a plan or a state). With no state at all it
 * writes only `{"format_version": "1.0"}` (internal/command/testdata/show-json-state/empty): an
 * empty state. Other Terraform JSON (`terraform providers schema -json`, `validate -json`) has
 * `format_version` too, with fields of its own, and is not a state.
 */
export function isTerraformJson(data: unknown): boolean {
    if (!isObject(data) || typeof data["format_version"] !== "string") return false;
    if ("planned_values" in data || "values" in data || "resource_changes" in data || "prior_state" in data) return true;
    return Object.keys(data).every((key) => key === "format_version" || key === "terraform_version");
}

const isPlanJson = (data: Json): boolean => "planned_values" in data || "resource_changes" in data;

/** format_version 0.x: Terraform 0.12 to 0.14, whose output differs; say which Terraform to use. */
function refuseFormatVersion(data: Json, file: string): void {
    const version = String(data["format_version"]);
    if (/^1\./.test(version)) return;
    const plan = isPlanJson(data);
    if (/^0\./.test(version)) {
        throw new InputFileError(
            `${file}: format_version "${version}" is the JSON output of Terraform 0.12 to 0.14${typeof data["terraform_version"] === "string" ? ` (this file: Terraform ${data["terraform_version"] as string})` : ""}; ` +
                `icp-guard reads format_version 1.x, written by Terraform 0.15 and later. Fix: ${
                    plan
                        ? "make the plan with Terraform 0.15 or later and pass `terraform show -json <planfile>` of it (a plan file can only be shown by the Terraform version that made it)"
                        : "run `terraform show -json` with Terraform 0.15 or later"
                }, or pass the raw state (\`terraform state pull\`), which icp-guard reads from Terraform 0.12 on`,
        );
    }
    throw new InputFileError(`${file}: format_version "${version}" is not 1.x; icp-guard reads the JSON of Terraform 0.15 and later (format_version 1.x)`);
}

/**
 * Reads a parsed JSON document when it is in a Terraform format (else undefined, for the next
 * front end to try). Throws InputFileError naming every problem of a Terraform file it cannot read.
 */
export function readTerraformData(data: unknown, file: string, options: TerraformOptions = {}): TerraformParsed | undefined {
    if (isTerraformJson(data)) {
        const json = data as Json;
        refuseFormatVersion(json, file);
        return isPlanJson(json) ? readTerraformPlan(json, file, options) : readTerraformShowState(json, file, options);
    }
    if (isRawState(data)) return readRawState(data, file, options);
    return undefined;
}

/**
 * The text of a file that is not valid JSON: hashicorp/setup-terraform's wrapper prints its own
 * lines around the command's output, which deserves its own fix. Undefined for any other text.
 */
export function terraformWrapperError(text: string, file: string, parseError: Error): InputFileError | undefined {
    if (!/^\[command\]/.test(text.trimStart())) return undefined;
    return new InputFileError(
        `${file} is not valid JSON (${parseError.message}): it starts with \`[command]\`, which hashicorp/setup-terraform's wrapper adds to \`terraform show -json <planfile>\`; set \`terraform_wrapper: false\``,
    );
}

/**
 * The text of a file, read as Terraform JSON when it is in a Terraform format (else undefined).
 * lib/inputs/load.ts parseInput is the entry for the command line; this reads Terraform only.
 */
export function readTerraformInput(text: string, file: string, options: TerraformOptions = {}): TerraformParsed | undefined {
    let data: unknown;
    try {
        data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
        const wrapped = terraformWrapperError(text, file, error as Error);
        if (wrapped) throw wrapped;
        return undefined;
    }
    return readTerraformData(data, file, options);
}

export interface TerraformInput {
    readonly kind: TerraformKind;
    readonly resources: readonly StackResourceView[];
    readonly stack: StackView;
    /** No Pulumi stack config in a Terraform file. */
    readonly config: Readonly<Record<string, string>>;
    readonly terraformVersion?: string;
}

/** Records → the views the rules read (every resource's values for both the per-resource and the stack checks). */
export function terraformViews(parsed: TerraformParsed): TerraformInput {
    const views: StackResourceView[] = parsed.records.map((record) => ({
        urn: record.urn,
        type: record.type,
        name: record.name,
        props: record.outputs,
        secretProps: record.outputSecrets,
        ...(record.provider ? { provider: record.provider } : {}),
        dependencies: record.dependencies,
        propertyDependencies: record.propertyDependencies,
        address: record.address,
        ...(record.sourcePosition ? { sourcePosition: record.sourcePosition } : {}),
        ...(record.naming ? { naming: record.naming } : {}),
    }));
    return {
        kind: parsed.kind,
        resources: views,
        stack: { resources: views, byUrn: new Map(views.map((view) => [view.urn, view])) },
        config: parsed.config,
        ...(parsed.terraformVersion ? { terraformVersion: parsed.terraformVersion } : {}),
    };
}

/** Parses a Terraform JSON object (any Terraform format) into views. Throws InputFileError listing every problem. */
export function parseTerraformJson(data: Json, file: string, options: TerraformOptions = {}): TerraformInput {
    const parsed = readTerraformData(data, file, options);
    if (!parsed) throw new InputFileError(`${file} is not in a Terraform format icp-guard reads: ${TERRAFORM_FORMATS.join("; ")}`);
    return terraformViews(parsed);
}
