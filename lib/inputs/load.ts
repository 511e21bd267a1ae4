/**
 * `icp-guard check`'s inputs: one or more files (or `-` for standard input), each read by the
 * front end that recognises it, merged the way the engine sees the stack — planned state (a
 * preview) over current state (a stack export) — and checked for completeness.
 *
 * Completeness matters because the engine analyses the whole stack while a file may hold only a
 * part of it: `pulumi preview --json` leaves unchanged resources out unless given `--show-sames`.
 * A record whose propertyDependencies point at an unchanged EIP would then look undecidable
 * (an advisory, exit 0) where the gate blocks it. So every reference a resource makes (provider,
 * parent, dependencies, property dependencies) must resolve inside the inputs, or `check` stops
 * with exit 2 — unless the user asks for a partial report.
 */
import * as fs from "fs";
import * as path from "path";
import { ResourceView, StackView } from "../model/resource";
import { buildViews, InputFileError, InputRecord, ParsedInput, PULUMI_FORMATS, readPulumiData } from "./pulumi-file";
import { readTerraformData, TERRAFORM_FORMATS, terraformWrapperError } from "./terraform/read";

/** The name `-` (standard input) is shown as. */
export const STDIN_NAME = "standard input";

export interface InputIo {
    /** Standard input, read whole; absent where there is none. */
    readonly readStdin?: () => Promise<string>;
    /** The directory relative file names are resolved from. */
    readonly cwd: string;
}

export interface LoadOptions {
    /** Accept inputs that reference resources they do not contain (a partial report). */
    readonly partial?: boolean;
    /** Terraform: the root module's directory, so findings point at each resource's .tf block. */
    readonly sourceRoot?: string;
}

export interface MissingReference {
    /** The URN referenced and not found in any input. */
    readonly urn: string;
    /** The first resource found referencing it, and how. */
    readonly referrer: string;
    readonly relation: string;
    readonly file: string;
}

export interface LoadedInputs {
    /** The inputs as the user named them, in the order given. */
    readonly files: readonly string[];
    readonly resources: readonly ResourceView[];
    readonly stack: StackView;
    /** Stack config the inputs carry (a preview's), later files winning. */
    readonly config: Readonly<Record<string, string>>;
    /** References that resolve nowhere (only ever non-empty with `partial`). */
    readonly missing: readonly MissingReference[];
    /** True when an input is Terraform JSON (its provider reads no Pulumi stack config). */
    readonly terraform: boolean;
}

/** Raised when inputs reference resources they do not contain and no partial report was asked for. */
export class IncompleteInputError extends InputFileError {
    constructor(
        message: string,
        readonly missing: readonly MissingReference[],
    ) {
        super(message);
        this.name = "IncompleteInputError";
    }
}

async function readText(file: string, io: InputIo): Promise<{ name: string; text: string }> {
    if (file === "-") {
        if (!io.readStdin) throw new InputFileError("`-` names standard input, but there is none here");
        return { name: STDIN_NAME, text: await io.readStdin() };
    }
    try {
        return { name: file, text: fs.readFileSync(path.resolve(io.cwd, file), "utf8") };
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
        throw new InputFileError(`cannot read ${file}: ${reason}`);
    }
}

/** One input as front ends see it: its text, and the JSON in it when it is JSON. */
export interface InputDocument {
    readonly text: string;
    readonly file: string;
    /** The parsed JSON, or undefined when the text is not JSON (then `jsonError` says why). */
    readonly json: unknown;
    readonly jsonError?: Error;
}

export interface FrontEndOptions {
    /** Terraform: the root module's directory, so findings point at each resource's .tf block. */
    readonly sourceRoot?: string;
}

/**
 * One family of input formats: how they are named to users, and a reader that returns undefined
 * for a document not in them (and throws InputFileError for one in them it cannot read).
 */
export interface FrontEnd {
    readonly formats: readonly string[];
    read(document: InputDocument, options: FrontEndOptions): ParsedInput | undefined;
}

const TERRAFORM: FrontEnd = {
    formats: TERRAFORM_FORMATS,
    read: (document, options) => {
        if (document.jsonError) {
            const wrapped = terraformWrapperError(document.text, document.file, document.jsonError);
            if (wrapped) throw wrapped;
            return undefined;
        }
        return readTerraformData(document.json, document.file, options);
    },
};

const PULUMI: FrontEnd = { formats: PULUMI_FORMATS, read: (document) => (document.jsonError ? undefined : readPulumiData(document.json, document.file)) };

/** Every front end, tried in order: a reader for another format is added here. */
export const FRONT_ENDS: readonly FrontEnd[] = [PULUMI, TERRAFORM];

/** Every format icp-guard reads, as named in "not a format icp-guard reads". */
export const ACCEPTED_FORMATS: readonly string[] = FRONT_ENDS.flatMap((frontEnd) => frontEnd.formats);

/** Why a document is in none of the formats, for the message. */
function notRecognised(document: InputDocument): string {
    if (document.text.trim() === "") return "it is empty";
    if (document.jsonError) return `it is not valid JSON (${document.jsonError.message})`;
    const json = document.json;
    if (json === null || typeof json !== "object") return `it is JSON, but ${json === null ? "null" : `a ${typeof json}`}, not an object`;
    if (Array.isArray(json)) return "it is a JSON array, not an object";
    const keys = Object.keys(json).slice(0, 8).map((key) => JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key));
    return keys.length === 0 ? "it is an empty JSON object" : `it is a JSON object with none of their top-level fields (it has ${keys.join(", ")}${Object.keys(json).length > 8 ? ", …" : ""})`;
}

/**
 * Recognises one input and parses it: the one place a front end is chosen. Throws InputFileError
 * naming every accepted format when the input is in none of them.
 */
export function parseInput(text: string, file: string, options: FrontEndOptions = {}): ParsedInput {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    let json: unknown;
    let jsonError: Error | undefined;
    try {
        json = JSON.parse(body);
    } catch (error) {
        jsonError = error as Error;
    }
    const document: InputDocument = { text: body, file, json, ...(jsonError ? { jsonError } : {}) };
    for (const frontEnd of FRONT_ENDS) {
        const parsed = frontEnd.read(document, options);
        if (parsed) return parsed;
    }
    throw new InputFileError(`${file} is not in a format icp-guard reads: ${notRecognised(document)}. icp-guard reads:\n${ACCEPTED_FORMATS.map((format) => `  - ${format}`).join("\n")}`);
}

/** Planned state over current state: stack exports and Terraform states first, then everything else, each in the order given. */
export interface MergedInputs {
    readonly records: Map<string, InputRecord>;
    /** URN → the input its record came from. */
    readonly fileOf: Map<string, string>;
    readonly deleted: Set<string>;
    readonly config: Record<string, string>;
}

/** Kinds of input that hold current state (planned state is merged over them). */
const CURRENT_STATE_KINDS: ReadonlySet<string> = new Set(["stack-export", "terraform-state", "terraform-tfstate"]);

export function mergeInputs(inputs: readonly ParsedInput[]): MergedInputs {
    const ordered = [...inputs.filter((i) => CURRENT_STATE_KINDS.has(i.kind)), ...inputs.filter((i) => !CURRENT_STATE_KINDS.has(i.kind))];
    const records = new Map<string, InputRecord>();
    const fileOf = new Map<string, string>();
    const deleted = new Set<string>();
    const config: Record<string, string> = {};
    for (const input of ordered) {
        for (const urn of input.deletes) {
            records.delete(urn);
            deleted.add(urn);
        }
        for (const record of input.records) {
            records.set(record.urn, record);
            if (inputs.length > 1) fileOf.set(record.urn, input.file);
            deleted.delete(record.urn);
        }
        Object.assign(config, input.config);
    }
    return { records, fileOf, deleted, config };
}

/** Every reference that resolves to no resource of the merged inputs (deleted ones count as known). */
export function findMissingReferences({ records, fileOf, deleted }: MergedInputs, onlyFile: string): MissingReference[] {
    const missing = new Map<string, MissingReference>();
    for (const record of records.values()) {
        const note = (urn: string | undefined, relation: string) => {
            if (urn === undefined || urn === "" || records.has(urn) || deleted.has(urn) || missing.has(urn)) return;
            // The root stack resource holds nothing a check reads (and a preview always lists it).
            if (urn.includes("::pulumi:pulumi:Stack::")) return;
            missing.set(urn, { urn, referrer: `${record.type} "${record.name}"`, relation, file: fileOf.get(record.urn) ?? onlyFile });
        };
        note(record.providerUrn, "provider");
        note(record.parent, "parent");
        for (const urn of record.dependencies) note(urn, "dependency");
        for (const [property, urns] of Object.entries(record.propertyDependencies)) for (const urn of urns) note(urn, `property dependency "${property}"`);
    }
    return [...missing.values()];
}

const MAX_LISTED = 10;

export function describeMissing(missing: readonly MissingReference[], files: readonly string[]): string {
    const where = [...new Set(missing.map((m) => m.file))].join(", ");
    const listed = missing.slice(0, MAX_LISTED).map((m) => `  - ${m.urn} (${m.relation} of ${m.referrer})`);
    if (missing.length > MAX_LISTED) listed.push(`  - … and ${missing.length - MAX_LISTED} more`);
    const example = files.length === 1 && files[0] !== STDIN_NAME ? files[0] : "preview.json";
    return (
        `${where} ${missing.length === 1 ? "references a resource" : `references ${missing.length} resources`} that no input contains, so this report could say less than \`pulumi preview --policy-pack\`, which sees the whole stack:\n` +
        `${listed.join("\n")}\n` +
        `\`pulumi preview --json\` leaves unchanged resources out unless given --show-sames. Fix: run \`pulumi preview --json --show-sames\`, ` +
        `or pass the stack export too (\`pulumi stack export --file state.json\`, then \`icp-guard check state.json ${example}\`). ` +
        `To accept a report that may miss findings, add --partial.`
    );
}

/** `urn:pulumi:dev::shop::…` → `dev::shop`: which stack a Pulumi resource belongs to. */
const stackOf = (urn: string): string | undefined => /^urn:pulumi:([^:]*::[^:]*)::/.exec(urn)?.[1];

/** Merging inputs from two stacks would check a stack that exists nowhere. */
function refuseMixedStacks(inputs: readonly ParsedInput[]): void {
    if (inputs.length < 2) return;
    const stacks = new Map<string, string>();
    for (const input of inputs) {
        const first = input.records.find((record) => stackOf(record.urn) !== undefined);
        const stack = first ? stackOf(first.urn) : undefined;
        if (stack !== undefined && !stacks.has(stack)) stacks.set(stack, input.file);
    }
    if (stacks.size > 1) {
        const listed = [...stacks].map(([stack, file]) => `${file} is stack ${stack.replace("::", ", project ")}`).join("; ");
        throw new InputFileError(`the inputs are from different stacks (${listed}); give the stack export and the preview of one stack, or run check once per stack`);
    }
}

/** Reads, parses and merges the inputs; throws InputFileError (exit 2) with one message naming every problem. */
export async function loadInputs(files: readonly string[], io: InputIo, options: LoadOptions = {}): Promise<LoadedInputs> {
    if (files.filter((f) => f === "-").length > 1) throw new InputFileError("`-` (standard input) can be given only once");
    const parsed: ParsedInput[] = [];
    const names: string[] = [];
    for (const file of files) {
        const { name, text } = await readText(file, io);
        names.push(name);
        parsed.push(parseInput(text, name, { sourceRoot: options.sourceRoot !== undefined ? path.resolve(io.cwd, options.sourceRoot) : undefined }));
    }
    refuseMixedStacks(parsed);
    const merged = mergeInputs(parsed);
    const missing = findMissingReferences(merged, names[0] ?? "");
    if (missing.length > 0 && !options.partial) throw new IncompleteInputError(describeMissing(missing, names), missing);
    return { files: names, ...buildViews(merged.records.values()), config: merged.config, missing, terraform: parsed.some((input) => input.kind.startsWith("terraform")) };
}
