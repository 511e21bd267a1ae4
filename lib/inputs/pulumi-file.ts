/**
 * Reads what the engine would send the pack from files a CI job has at hand:
 *
 * - `pulumi stack export` (deployment version 3): resources with inputs, outputs, provider
 *   reference (`<provider urn>::<id>`), parent, dependencies, property dependencies and, from
 *   recent Pulumi versions, `sourcePosition` (`project:///index.ts#12,5`);
 * - `pulumi preview --json` (pulumi/pulumi `pkg/display/json.go` PreviewDigest): the steps' new
 *   states, with unknown values as the engine's sentinels, and the stack config (for
 *   `alicloud:region`). Deletes are planned removals. A replaced resource may appear as several
 *   steps (`create-replacement`, `replace`, `delete-replaced`, with `--show-replacement-steps`):
 *   it is one resource, its last new state wins.
 *
 * Secrets are recognised by their signature: their top-level property is marked secret, a
 * plaintext value (`--show-secrets`) is used, a ciphertext is treated as unknown. A preview writes
 * every secret as the literal string "[secret]" (`MassageSecrets` in pkg/backend/display/json.go):
 * there it is a secret of unknown value, never a value to decide from or to print.
 *
 * Parsing yields plain records (`InputRecord`); `buildViews` turns records — possibly merged from
 * several files by lib/inputs/load.ts — into the views the rules read.
 */
import type { Naming } from "../model/naming";
import { ProviderView } from "../model/region";
import { ResourceView, SourcePosition, StackResourceView, StackView } from "../model/resource";
import { PropertyBag, SECRET_SIG, SECRET_SIG_KEY, UNKNOWN } from "../model/values";

export class InputFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputFileError";
    }
}

export interface LoadedInput {
    readonly kind: "stack-export" | "preview";
    /** Resources with their inputs, for the per-resource checks. */
    readonly resources: readonly ResourceView[];
    /** Resources with their outputs and dependencies, for the stack checks. */
    readonly stack: StackView;
    /** Stack config found in the file (preview JSON carries it). */
    readonly config: Readonly<Record<string, string>>;
}

/** One resource as an input file describes it, before provider references are resolved. */
export interface InputRecord {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly inputs: PropertyBag;
    readonly inputSecrets: ReadonlySet<string>;
    /** Outputs over inputs (outputs win where both exist), for the stack checks. */
    readonly outputs: PropertyBag;
    readonly outputSecrets: ReadonlySet<string>;
    /** The provider's URN (the `::<id>` of the reference removed), resolved after merging. */
    readonly providerUrn?: string;
    /** A provider view a front end built itself (when it has no provider resources). */
    readonly provider?: ProviderView;
    readonly parent?: string;
    readonly dependencies: readonly string[];
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    readonly address?: string;
    readonly sourcePosition?: SourcePosition;
    /** The input it came from, when inputs of several roots name a resource alike (shown beside its name). */
    readonly inputFile?: string;
    /** How the front end that read the record names types and properties (absent: Pulumi's names). */
    readonly naming?: Naming;
}

/**
 * Which root an input is of: a Pulumi stack, a Terraform root module (and workspace). Inputs of one
 * root overlay (planned state over current state); inputs of different roots are checked jointly
 * but never merge by URN (lib/inputs/load.ts).
 */
export interface RootIdentity {
    /** The front end; inputs of different families are never one root. */
    readonly family: string;
    /** When known: the same key is the same root, different keys are different roots (a stack, a state's lineage). */
    readonly key?: string;
    /** Objects the input knows to exist (address and cloud id): inputs sharing one are of the same root when keys do not tell. */
    readonly identities?: ReadonlySet<string>;
}

/** One input file, parsed. */
export interface ParsedInput {
    /** "stack-export" (or a Terraform state) is current state; any other kind is planned state and is merged over it. */
    readonly kind: string;
    /** The file as the user named it (`standard input` for `-`). */
    readonly file: string;
    readonly records: readonly InputRecord[];
    /** URNs the input plans to delete. */
    readonly deletes: readonly string[];
    readonly config: Readonly<Record<string, string>>;
    /** Stack config keys whose values are secret (a preview blinds them as "[secret]"): their values are not in `config`. */
    readonly secretConfigKeys?: readonly string[];
    /** Which root it is of (absent: a root of its own). */
    readonly root?: RootIdentity;
    /**
     * Why the input is not the whole of what it describes, when it says so itself (an errored or
     * incomplete Terraform plan): like missing references, it is refused unless a partial report is asked for.
     */
    readonly incomplete?: string;
    /** When the input was written, if it says (a stack export's `manifest.time`, a Terraform plan's `timestamp`). */
    readonly writtenAt?: string;
}

interface RawResource {
    urn?: unknown;
    type?: unknown;
    inputs?: unknown;
    outputs?: unknown;
    provider?: unknown;
    parent?: unknown;
    dependencies?: unknown;
    propertyDependencies?: unknown;
    delete?: unknown;
    sourcePosition?: unknown;
}

/** How `pulumi preview --json` writes any secret value, at any depth. */
export const BLINDED_SECRET = "[secret]";

/**
 * Replaces secrets by their plaintext (or unknown), and reports which top-level keys held one.
 * With `blinded`, the preview's "[secret]" string is a secret of unknown value too.
 */
function unwrapSecrets(bag: unknown, blinded: boolean): { props: Record<string, unknown>; secrets: Set<string> } {
    const secrets = new Set<string>();
    const walk = (value: unknown, topLevel: string): unknown => {
        if (blinded && value === BLINDED_SECRET) {
            secrets.add(topLevel);
            return UNKNOWN;
        }
        if (Array.isArray(value)) return value.map((item) => walk(item, topLevel));
        if (value && typeof value === "object") {
            const object = value as Record<string, unknown>;
            if (object[SECRET_SIG_KEY] === SECRET_SIG) {
                secrets.add(topLevel);
                if ("value" in object) return walk(object["value"], topLevel);
                if (typeof object["plaintext"] === "string") {
                    try {
                        return walk(JSON.parse(object["plaintext"]), topLevel);
                    } catch {
                        return object["plaintext"];
                    }
                }
                return UNKNOWN; // encrypted: not readable here
            }
            const copy: Record<string, unknown> = {};
            for (const key of Object.keys(object)) copy[key] = walk(object[key], topLevel);
            return copy;
        }
        return value;
    };
    const props: Record<string, unknown> = {};
    if (bag && typeof bag === "object" && !Array.isArray(bag)) {
        for (const [key, value] of Object.entries(bag as Record<string, unknown>)) props[key] = walk(value, key);
    }
    return { props, secrets };
}

const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/**
 * `project:///index.ts#12,5` (pulumi/pulumi `parseSourcePosition`: the path relative to the
 * project root, `#line[,column]`) → { file: "index.ts", line: 12, column: 5 }. Anything else →
 * undefined: a position is a convenience, never a reason to refuse the file.
 */
export function parseSourcePosition(value: unknown): SourcePosition | undefined {
    if (typeof value !== "string" || value.length > 4096) return undefined;
    const match = /^project:\/\/[^/]*\/([^#?]*)(?:\?[^#]*)?#(\d{1,9})(?:,(\d{1,9}))?$/.exec(value);
    if (!match) return undefined;
    let file: string;
    try {
        file = decodeURIComponent(match[1]);
    } catch {
        return undefined;
    }
    if (file === "") return undefined;
    const line = Number(match[2]);
    const column = match[3] !== undefined ? Number(match[3]) : undefined;
    return { file, line, ...(column !== undefined ? { column } : {}) };
}

/** One state (stack export resource or preview step's new state) → a record. */
function toRecord(raw: RawResource & { urn: string; type: string }, blinded: boolean): InputRecord {
    const reference = typeof raw.provider === "string" && raw.provider !== "" ? raw.provider : undefined;
    // A provider reference is `<urn>::<id>` (a URN has three `::`); the id may be unknown during preview.
    const providerUrn = reference ? (reference.split("::").length > 4 ? reference.slice(0, reference.lastIndexOf("::")) : reference) : undefined;
    const inputs = unwrapSecrets(raw.inputs, blinded);
    const outputs = unwrapSecrets(raw.outputs, blinded);
    const propertyDependencies: Record<string, string[]> = {};
    if (raw.propertyDependencies && typeof raw.propertyDependencies === "object" && !Array.isArray(raw.propertyDependencies)) {
        for (const [key, urns] of Object.entries(raw.propertyDependencies as Record<string, unknown>)) propertyDependencies[key] = strings(urns);
    }
    const outputSecrets = new Set(inputs.secrets);
    for (const key of outputs.secrets) outputSecrets.add(key);
    const sourcePosition = parseSourcePosition(raw.sourcePosition);
    return {
        urn: raw.urn,
        type: raw.type,
        name: nameOf(raw.urn),
        inputs: inputs.props,
        inputSecrets: inputs.secrets,
        outputs: { ...inputs.props, ...outputs.props },
        outputSecrets,
        providerUrn,
        parent: typeof raw.parent === "string" && raw.parent !== "" ? raw.parent : undefined,
        dependencies: strings(raw.dependencies),
        propertyDependencies,
        ...(sourcePosition ? { sourcePosition } : {}),
    };
}

const MAX_LISTED_PROBLEMS = 10;

function refuse(file: string, problems: readonly string[]): never {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `  - ${p}`);
    if (problems.length > MAX_LISTED_PROBLEMS) listed.push(`  - … and ${problems.length - MAX_LISTED_PROBLEMS} more`);
    throw new InputFileError(
        `${file} has ${problems.length === 1 ? "an entry" : `${problems.length} entries`} icp-guard cannot read as a resource; is this a \`pulumi stack export\` or \`pulumi preview --json\` file?\n${listed.join("\n")}`,
    );
}

const isState = (value: unknown): value is RawResource => value !== null && typeof value === "object" && !Array.isArray(value);
const hasIdentity = (raw: RawResource): raw is RawResource & { urn: string; type: string } => typeof raw.urn === "string" && raw.urn !== "" && typeof raw.type === "string" && raw.type !== "";

/** `urn:pulumi:dev::shop::…` → `dev::shop`: the stack (and project) a Pulumi resource belongs to. */
export const stackOfUrn = (urn: string): string | undefined => /^urn:pulumi:([^:]*::[^:]*)::/.exec(urn)?.[1];

/** The stack of the first resource that names one; none for an input without resources. */
function pulumiRoot(resources: readonly (InputRecord | string)[]): { root?: RootIdentity } {
    for (const resource of resources) {
        const stack = stackOfUrn(typeof resource === "string" ? resource : resource.urn);
        if (stack !== undefined) return { root: { family: "pulumi", key: stack } };
    }
    return {};
}

/** Steps whose resource leaves the planned state. `delete-replaced` etc. go with a replacement that stays. */
const DELETE_OPS: ReadonlySet<string> = new Set(["delete", "discard"]);

/** How the formats this front end reads are named to users, for "not a format icp-guard reads". */
export const PULUMI_FORMATS: readonly string[] = ["a Pulumi stack export (`pulumi stack export`)", "`pulumi preview --json`"];

/** Parses the JSON of a stack export or a preview into records. Throws InputFileError naming every bad entry. */
export function readPulumiFile(text: string, file: string): ParsedInput {
    let data: unknown;
    try {
        data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
        throw new InputFileError(`${file} is not valid JSON (${(error as Error).message}); pass the output of \`pulumi stack export\` or \`pulumi preview --json\``);
    }
    const parsed = readPulumiData(data, file);
    if (parsed) return parsed;
    if (!data || typeof data !== "object" || Array.isArray(data)) throw new InputFileError(`${file} is not a JSON object; pass the output of \`pulumi stack export\` or \`pulumi preview --json\``);
    throw new InputFileError(`${file} has neither "deployment" (pulumi stack export) nor "steps" (pulumi preview --json)`);
}

/**
 * Reads a parsed JSON document when it is a stack export or a preview (else undefined, for the
 * next front end to try). Throws InputFileError naming every bad entry of one it cannot read.
 */
export function readPulumiData(data: unknown, file: string): ParsedInput | undefined {
    if (!data || typeof data !== "object" || Array.isArray(data)) return undefined;
    const object = data as Record<string, unknown>;
    const deployment = (object["deployment"] ?? (object["checkpoint"] as Record<string, unknown> | undefined)?.["latest"]) as Record<string, unknown> | undefined;
    if (deployment && typeof deployment === "object") {
        const raw = deployment["resources"] ?? [];
        if (!Array.isArray(raw)) throw new InputFileError(`${file}: deployment.resources is not a list`);
        const problems: string[] = [];
        const byUrn = new Map<string, InputRecord>();
        raw.forEach((entry: unknown, index) => {
            if (!isState(entry) || !hasIdentity(entry)) {
                if (!(isState(entry) && entry.delete === true)) problems.push(`deployment.resources[${index}] has no urn or type`);
                return;
            }
            // `delete: true` marks the old copy of a replaced resource, pending deletion.
            if (entry.delete === true) return;
            byUrn.set(entry.urn, toRecord(entry, false));
        });
        if (problems.length) refuse(file, problems);
        const records = [...byUrn.values()];
        const manifest = deployment["manifest"];
        const time = manifest && typeof manifest === "object" ? (manifest as Record<string, unknown>)["time"] : undefined;
        return { kind: "stack-export", file, records, deletes: [], config: {}, ...pulumiRoot(records), ...(typeof time === "string" && time !== "" ? { writtenAt: time } : {}) };
    }
    if (Array.isArray(object["steps"])) {
        const steps = object["steps"] as unknown[];
        const problems: string[] = [];
        const byUrn = new Map<string, InputRecord>();
        const deleted: string[] = [];
        steps.forEach((step, index) => {
            if (!isState(step)) {
                problems.push(`steps[${index}] is not an object`);
                return;
            }
            const record = step as Record<string, unknown>;
            const op = typeof record["op"] === "string" ? record["op"] : "";
            const state = record["newState"] ?? record["new"];
            if (DELETE_OPS.has(op)) {
                const urn = typeof record["urn"] === "string" ? record["urn"] : isState(record["oldState"]) && typeof record["oldState"].urn === "string" ? record["oldState"].urn : undefined;
                if (urn) deleted.push(urn);
                return;
            }
            if (state === undefined || state === null) return; // e.g. delete-replaced: the replacement carries the state
            if (!isState(state) || !hasIdentity(state)) {
                problems.push(`steps[${index}].newState has no urn or type`);
                return;
            }
            // The replacement steps of one resource share its URN: the last new state wins.
            byUrn.set(state.urn, toRecord(state, true));
        });
        if (problems.length) refuse(file, problems);
        const config: Record<string, string> = {};
        const secretConfigKeys: string[] = [];
        if (object["config"] && typeof object["config"] === "object") {
            for (const [key, value] of Object.entries(object["config"] as Record<string, unknown>)) {
                // Secret config is blinded as "[secret]": its value is unknown, so it is not used; only that the key is set.
                if (value === BLINDED_SECRET) secretConfigKeys.push(key);
                else if (typeof value === "string") config[key] = value;
            }
        }
        const records = [...byUrn.values()];
        return {
            kind: "preview",
            file,
            records,
            deletes: deleted.filter((urn) => !byUrn.has(urn)),
            config,
            ...(secretConfigKeys.length > 0 ? { secretConfigKeys } : {}),
            ...pulumiRoot([...records.map((r) => r.urn), ...deleted]),
        };
    }
    return undefined;
}

/** Records → the views the rules read: provider references resolved, inputs for Analyze, outputs for AnalyzeStack. */
export function buildViews(records: Iterable<InputRecord>): { resources: ResourceView[]; stack: StackView } {
    const all = [...records];
    const providers = new Map<string, ProviderView>();
    for (const record of all) {
        if (record.type.startsWith("pulumi:providers:")) {
            providers.set(record.urn, { urn: record.urn, type: record.type, name: record.name, props: record.inputs, secretProps: record.inputSecrets });
        }
    }
    const resources: ResourceView[] = [];
    const stackResources: StackResourceView[] = [];
    const byUrn = new Map<string, StackResourceView>();
    for (const record of all) {
        const provider = record.provider ?? (record.providerUrn ? providers.get(record.providerUrn) : undefined);
        // Plain object literals of one shape (no spreads): this runs once per resource, 200,000 times in a big stack.
        const resource: { -readonly [K in keyof ResourceView]: ResourceView[K] } = { urn: record.urn, type: record.type, name: record.name, provider, props: record.inputs, secretProps: record.inputSecrets };
        const view: { -readonly [K in keyof StackResourceView]: StackResourceView[K] } = {
            urn: record.urn,
            type: record.type,
            name: record.name,
            provider,
            props: record.outputs,
            secretProps: record.outputSecrets,
            parent: record.parent,
            dependencies: record.dependencies,
            propertyDependencies: record.propertyDependencies,
        };
        if (record.address !== undefined) resource.address = view.address = record.address;
        if (record.inputFile !== undefined) resource.inputFile = view.inputFile = record.inputFile;
        if (record.sourcePosition) resource.sourcePosition = view.sourcePosition = record.sourcePosition;
        if (record.naming) resource.naming = view.naming = record.naming;
        resources.push(resource);
        stackResources.push(view);
        byUrn.set(view.urn, view);
    }
    return { resources, stack: { resources: stackResources, byUrn } };
}

/** Parses one stack export or preview into views. Throws InputFileError with one clear message. */
export function parseInputFile(text: string, file: string): LoadedInput {
    const parsed = readPulumiFile(text, file);
    return { kind: parsed.kind as LoadedInput["kind"], ...buildViews(parsed.records), config: parsed.config };
}
