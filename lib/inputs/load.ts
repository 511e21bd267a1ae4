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
import { BLINDED_CONFIG_VALUE, MisplacedRegionKey, misplacedRegionKeys, ProviderView, RegionEnvironment, regionEnvironmentFrom, regionsFromStackConfig } from "../model/region";
import { ResourceView, StackView } from "../model/resource";
import { BLINDED_SECRET, buildViews, InputFileError, InputRecord, ParsedInput, PULUMI_FORMATS, readPulumiData } from "./pulumi-file";
import { readTerraformData, TERRAFORM_FORMATS, terraformWrapperError } from "./terraform/read";
import { MANIFEST_FORMATS, readManifests } from "./kubernetes/manifests";

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
    /** Stack config keys the inputs set to a secret (a preview blinds them): their values are not in `config`. */
    readonly secretConfigKeys: ReadonlySet<string>;
    /** References that resolve nowhere (only ever non-empty with `partial`). */
    readonly missing: readonly MissingReference[];
    /** Inputs that say they are not whole (an errored or incomplete Terraform plan), each with why (only ever non-empty with `partial`). */
    readonly incomplete: readonly string[];
    /** True when an input is Terraform JSON (its provider reads no Pulumi stack config). */
    readonly terraform: boolean;
    /** How many roots (Pulumi stacks, Terraform root modules) the inputs are of. */
    readonly roots: number;
    /** With several roots: each Pulumi stack's `alicloud:region` (`dev::shop` → region), instead of one in `config`. */
    readonly stackConfigRegions?: ReadonlyMap<string, string>;
    /** With several roots: stack config keys of each Pulumi stack that set a region the provider does not read (`aliyun:region`), each naming its stack. */
    readonly stackMisplacedRegionKeys?: readonly MisplacedRegionKey[];
    /** URN → the input its resource came from (filled when there are several inputs). */
    readonly fileOf: ReadonlyMap<string, string>;
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

/** Reads a named file (relative to `cwd`); a problem is thrown as InputFileError naming the file. */
function readFile(file: string, cwd: string): string {
    try {
        return fs.readFileSync(path.resolve(cwd, file), "utf8");
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
        throw new InputFileError(`cannot read ${file}: ${reason}`);
    }
}

export async function readText(file: string, io: InputIo): Promise<{ name: string; text: string }> {
    if (file === "-") {
        if (!io.readStdin) throw new InputFileError("`-` names standard input, but there is none here");
        return { name: STDIN_NAME, text: await io.readStdin() };
    }
    return { name: file, text: readFile(file, io.cwd) };
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

const KUBERNETES_MANIFESTS: FrontEnd = { formats: MANIFEST_FORMATS, read: (document) => readManifests(document.text, document.jsonError ? undefined : document.json, document.file) };

/** Every front end, tried in order: a reader for another format is added here. */
export const FRONT_ENDS: readonly FrontEnd[] = [PULUMI, TERRAFORM, KUBERNETES_MANIFESTS];

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
    /** Stack config keys set to a secret (their values are not in `config`). */
    readonly secretConfigKeys: Set<string>;
}

/** Kinds of input that hold current state (planned state is merged over them). */
const CURRENT_STATE_KINDS: ReadonlySet<string> = new Set(["stack-export", "terraform-state", "terraform-tfstate"]);

export function mergeInputs(inputs: readonly ParsedInput[]): MergedInputs {
    const ordered = [...inputs.filter((i) => CURRENT_STATE_KINDS.has(i.kind)), ...inputs.filter((i) => !CURRENT_STATE_KINDS.has(i.kind))];
    const records = new Map<string, InputRecord>();
    const fileOf = new Map<string, string>();
    const deleted = new Set<string>();
    const config: Record<string, string> = {};
    const secretConfigKeys = new Set<string>();
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
        addConfig(config, secretConfigKeys, input);
    }
    return { records, fileOf, deleted, config, secretConfigKeys };
}

/** Adds one input's stack config over what came before: a later file's value or secret replaces an earlier one's. */
function addConfig(config: Record<string, string>, secretConfigKeys: Set<string>, input: Pick<ParsedInput, "config" | "secretConfigKeys">): void {
    Object.assign(config, input.config);
    for (const key of Object.keys(input.config)) secretConfigKeys.delete(key);
    for (const key of input.secretConfigKeys ?? []) {
        delete config[key];
        secretConfigKeys.add(key);
    }
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

/** The inputs of one root (a Pulumi stack, a Terraform root module and workspace), in the order given. */
export interface Root {
    readonly inputs: readonly ParsedInput[];
    /** How the root is named where it must be told apart: its first input. */
    readonly label: string;
}

/**
 * Groups inputs by the root they are of (RootIdentity): the same key (a stack, a state's lineage)
 * is one root; an input without a key (a Terraform plan, a `show -json` state) joins the root whose
 * inputs know an object it knows (address and cloud id: two root modules never manage one object);
 * anything else is a root of its own. Linear in the inputs' identities. Throws InputFileError when
 * an input ties together two roots whose keys differ (a plan whose objects are in two states).
 */
export function groupRoots(inputs: readonly ParsedInput[]): Root[] {
    const parent = inputs.map((_, index) => index);
    const find = (index: number): number => {
        while (parent[index] !== index) index = parent[index] = parent[parent[index]];
        return index;
    };
    const union = (a: number, b: number): void => {
        const [x, y] = [find(a), find(b)];
        if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
    };
    const byKey = new Map<string, number>();
    // Per object: the first input without a key that knows it, and every input with a key that does (a list as long as the inputs' objects).
    const byIdentity = new Map<string, { unkeyed?: number; keyed: number[] }>();
    inputs.forEach((input, index) => {
        const root = input.root;
        if (!root) return;
        if (root.key !== undefined) {
            const key = `${root.family}\u0000${root.key}`;
            const first = byKey.get(key);
            if (first === undefined) byKey.set(key, index);
            else union(first, index);
        }
        for (const identity of root.identities ?? []) {
            const key = `${root.family}\u0000${identity}`;
            const seen = byIdentity.get(key) ?? { keyed: [] };
            // Two keyed inputs (two states) are one root only by their keys; an input without a key joins every input sharing an object.
            if (seen.unkeyed !== undefined) union(seen.unkeyed, index);
            if (root.key === undefined) {
                for (const keyed of seen.keyed) union(keyed, index);
                if (seen.unkeyed === undefined) seen.unkeyed = index;
            } else {
                seen.keyed.push(index);
            }
            byIdentity.set(key, seen);
        }
    });
    const groups = new Map<number, ParsedInput[]>();
    inputs.forEach((input, index) => {
        const group = groups.get(find(index));
        if (group) group.push(input);
        else groups.set(find(index), [input]);
    });
    const roots: Root[] = [];
    for (const group of groups.values()) {
        const keys = new Map<string, string>();
        for (const input of group) if (input.root?.key !== undefined && !keys.has(input.root.key)) keys.set(input.root.key, input.file);
        if (keys.size > 1) {
            const joined = group.filter((input) => input.root?.key === undefined).map((input) => input.file);
            throw new InputFileError(
                `${[...keys.values()].join(" and ")} are different states (their lineages differ), but ${joined.join(", ")} holds objects of both; ` +
                    "give each root module's plan with its own state, or run check once per root module",
            );
        }
        roots.push({ inputs: group, label: group[0].file });
    }
    return roots;
}

/** `terraform::<address>` → `terraform::<label>::<address>`: URNs of one Terraform root among several. */
function qualifyTerraform(urn: string, label: string): string {
    return urn.startsWith("terraform::") ? `terraform::${label}::${urn.slice("terraform::".length)}` : urn;
}

/**
 * The inputs of a Terraform root with its URNs qualified by the root's label, so that resources of
 * different root modules with the same address (`alicloud_slb_load_balancer.default` in three
 * modules) stay distinct in the joint graph. Waivers still match the address (the name after `::`).
 */
function qualifyRoot(root: Root): ParsedInput[] {
    const label = root.label;
    const providers = new Map<ProviderView, ProviderView>();
    const providerOf = (provider: ProviderView | undefined): ProviderView | undefined => {
        if (!provider) return undefined;
        let qualified = providers.get(provider);
        if (!qualified) {
            qualified = { ...provider, urn: qualifyTerraform(provider.urn, label) };
            providers.set(provider, qualified);
        }
        return qualified;
    };
    return root.inputs.map((input) => ({
        ...input,
        deletes: input.deletes.map((urn) => qualifyTerraform(urn, label)),
        records: input.records.map((record) => ({
            ...record,
            urn: qualifyTerraform(record.urn, label),
            ...(record.providerUrn !== undefined ? { providerUrn: qualifyTerraform(record.providerUrn, label) } : {}),
            ...(record.provider ? { provider: providerOf(record.provider) } : {}),
            ...(record.parent !== undefined ? { parent: qualifyTerraform(record.parent, label) } : {}),
            dependencies: record.dependencies.map((urn) => qualifyTerraform(urn, label)),
            propertyDependencies: Object.fromEntries(Object.entries(record.propertyDependencies).map(([key, urns]) => [key, urns.map((urn) => qualifyTerraform(urn, label))])),
        })),
    }));
}

/** How a resource is named to people, for telling whether two roots name resources alike. */
const shownName = (record: InputRecord): string => record.address ?? `${record.type}\u0000${record.name}`;

/**
 * Several roots checked jointly: each root's inputs merged (planned over current state), the roots
 * side by side in one graph, so a DNS record of one root module is decided against the load
 * balancer another root module's state holds. Terraform URNs are qualified by root when there are
 * several Terraform roots; a resource whose name (address, or type and name) a resource of another
 * root has too carries its input file, so findings say which one it is.
 */
export function mergeRoots(roots: readonly Root[]): MergedInputs {
    const terraformRoots = roots.filter((root) => root.inputs.some((input) => input.root?.family === "terraform")).length;
    const merged = roots.map((root) => mergeInputs(terraformRoots > 1 && root.inputs.some((input) => input.root?.family === "terraform") ? qualifyRoot(root) : root.inputs));
    if (merged.length === 1) return merged[0];
    // Names given to resources of more than one root.
    const rootsOfName = new Map<string, number>();
    merged.forEach((one, index) => {
        for (const record of one.records.values()) {
            const name = shownName(record);
            const seen = rootsOfName.get(name);
            rootsOfName.set(name, seen === undefined || seen === index ? index : -1);
        }
    });
    const records = new Map<string, InputRecord>();
    const fileOf = new Map<string, string>();
    const deleted = new Set<string>();
    const config: Record<string, string> = {};
    const secretConfigKeys = new Set<string>();
    merged.forEach((one, index) => {
        for (const [urn, record] of one.records) {
            const file = one.fileOf.get(urn) ?? roots[index].inputs[0].file;
            records.set(urn, rootsOfName.get(shownName(record)) === -1 ? { ...record, inputFile: file } : record);
            fileOf.set(urn, file);
        }
        for (const urn of one.deleted) deleted.add(urn);
        Object.assign(config, one.config);
        for (const key of one.secretConfigKeys) secretConfigKeys.add(key);
    });
    return { records, fileOf, deleted, config, secretConfigKeys };
}

/**
 * `alicloud:region` of each Pulumi stack whose inputs carry stack config (a preview), by stack
 * (`dev::shop`): stacks checked together each keep their own.
 */
function stackRegions(roots: readonly Root[]): Map<string, string> {
    const regions = new Map<string, string>();
    for (const root of roots) {
        const stack = root.inputs.find((input) => input.root?.family === "pulumi")?.root?.key;
        if (stack === undefined) continue;
        for (const input of root.inputs) {
            if (input.config["alicloud:region"]) regions.set(stack, input.config["alicloud:region"]);
            // A secret region is set but not shown: unknown, never the environment's.
            else if (input.secretConfigKeys?.includes("alicloud:region")) regions.set(stack, BLINDED_CONFIG_VALUE);
        }
    }
    return regions;
}

/** Stack config keys of each Pulumi stack that set a region under a key the provider does not read, each naming its stack. */
function stackMisplacedRegionKeys(roots: readonly Root[]): MisplacedRegionKey[] {
    const found: MisplacedRegionKey[] = [];
    for (const root of roots) {
        const stack = root.inputs.find((input) => input.root?.family === "pulumi")?.root?.key;
        if (stack === undefined) continue;
        const config: Record<string, string> = {};
        const secretConfigKeys = new Set<string>();
        for (const input of root.inputs) addConfig(config, secretConfigKeys, input);
        for (const key of misplacedRegionKeys(withSecretKeys(config, secretConfigKeys), secretConfigKeys)) found.push({ ...key, stack });
    }
    return found;
}

/** One input's text as the user named it (`standard input` for `-`), or why it could not be read. */
export type InputText = { readonly name: string; readonly text: string } | { readonly name: string; readonly problem: string };

/**
 * Parses, groups by root and merges inputs that have been read: what `check`, `domains` and every
 * other command that reads inputs share. Throws InputFileError (exit 2) with one message naming
 * every unreadable input, or IncompleteInputError when references resolve nowhere (unless partial).
 */
export function combineInputs(texts: readonly InputText[], cwd: string, options: LoadOptions = {}): LoadedInputs {
    const parsed: ParsedInput[] = [];
    const problems: string[] = [];
    const sourceRoot = options.sourceRoot !== undefined ? path.resolve(cwd, options.sourceRoot) : undefined;
    for (const input of texts) {
        if ("problem" in input) {
            problems.push(input.problem);
            continue;
        }
        try {
            parsed.push(parseInput(input.text, input.name, { sourceRoot }));
        } catch (error) {
            if (!(error instanceof InputFileError)) throw error;
            problems.push(error.message);
        }
    }
    if (problems.length > 0) throw new InputFileError(problems.join("\n"));
    const names = texts.map((input) => input.name);
    const roots = groupRoots(parsed);
    const merged = mergeRoots(roots);
    const incomplete = parsed.flatMap((input) => (input.incomplete !== undefined ? [input.incomplete] : []));
    if (incomplete.length > 0 && !options.partial) {
        throw new IncompleteInputError(`${incomplete.join("\n")}\nChecking it would say less than the gate says of a complete plan. To accept a report that may miss findings, add --partial.`, []);
    }
    const missing = findMissingReferences(merged, names[0] ?? "");
    if (missing.length > 0 && !options.partial) throw new IncompleteInputError(describeMissing(missing, names), missing);
    const stacks = roots.filter((root) => root.inputs.some((input) => input.root?.family === "pulumi")).length;
    // A stack's alicloud:region is its own: with several roots, each stack keeps its own (by its providers' URNs).
    const perStack = stacks > 0 && roots.length > 1;
    const config = { ...merged.config };
    if (perStack) delete config["alicloud:region"];
    return {
        files: names,
        ...buildViews(merged.records.values()),
        config,
        secretConfigKeys: merged.secretConfigKeys,
        ...(perStack ? { stackConfigRegions: stackRegions(roots), stackMisplacedRegionKeys: stackMisplacedRegionKeys(roots) } : {}),
        missing,
        incomplete,
        terraform: parsed.some((input) => input.kind.startsWith("terraform")),
        roots: roots.length,
        fileOf: merged.fileOf,
    };
}

/** Reads, parses and merges the inputs; throws InputFileError (exit 2) with one message naming every problem. */
export async function loadInputs(files: readonly string[], io: InputIo, options: LoadOptions = {}): Promise<LoadedInputs> {
    if (files.filter((f) => f === "-").length > 1) throw new InputFileError("`-` (standard input) can be given only once");
    const texts: InputText[] = [];
    for (const file of files) {
        try {
            texts.push(await readText(file, io));
        } catch (error) {
            if (!(error instanceof InputFileError)) throw error;
            texts.push({ name: file === "-" ? STDIN_NAME : file, problem: error.message });
        }
    }
    return combineInputs(texts, io.cwd, options);
}

/** loadInputs for named files only (no standard input), for commands that run synchronously. */
export function loadInputFiles(files: readonly string[], cwd: string, options: LoadOptions = {}): LoadedInputs {
    const texts: InputText[] = files.map((file) => {
        try {
            return { name: file, text: readFile(file, cwd) };
        } catch (error) {
            if (!(error instanceof InputFileError)) throw error;
            return { name: file, problem: error.message };
        }
    });
    return combineInputs(texts, cwd, options);
}

/**
 * Where regions default to for these inputs: the environment (`ALICLOUD_REGION`), and the stack
 * config a preview carries (`alicloud:region`, each stack its own when there are several roots).
 * Terraform's provider reads no Pulumi stack config: `ALICLOUD_REGION`, then cn-beijing.
 */
export function regionEnvironmentOf(input: Pick<LoadedInputs, "config" | "secretConfigKeys" | "terraform" | "stackConfigRegions" | "stackMisplacedRegionKeys">, env: NodeJS.ProcessEnv): RegionEnvironment {
    const fromEnvironment = regionEnvironmentFrom(env);
    if (input.stackConfigRegions) {
        const misplaced = input.stackMisplacedRegionKeys ?? [];
        return { ...fromEnvironment, stackConfigRegion: undefined, stackConfigRegions: input.stackConfigRegions, misplacedRegionKeys: misplaced.length > 0 ? misplaced : undefined };
    }
    if (input.terraform) return { ...fromEnvironment, stackConfigRegion: undefined, misplacedRegionKeys: undefined };
    return { ...fromEnvironment, ...regionsFromStackConfig(withSecretKeys(input.config, input.secretConfigKeys), input.secretConfigKeys) };
}

/** The stack config with its secret keys set to "[secret]": a secret key is set all the same, and reported without its value, as the pack reports it. */
function withSecretKeys(config: Readonly<Record<string, string>>, secretConfigKeys: ReadonlySet<string>): Record<string, string> {
    const all: Record<string, string> = { ...config };
    for (const key of secretConfigKeys) all[key] = BLINDED_SECRET;
    return all;
}
