/**
 * Reads what the engine would send the pack from files a CI job has at hand:
 *
 * - `pulumi stack export` (deployment version 3): resources with inputs, outputs, provider
 *   reference (`<provider urn>::<id>`), parent, dependencies and property dependencies;
 * - `pulumi preview --json`: the steps' new states (deletes are left out), with unknown values as
 *   the engine's sentinels, and the stack config (for `alicloud:region`).
 *
 * Secrets are recognised by their signature: their top-level property is marked secret, a
 * plaintext value (`--show-secrets`) is used, a ciphertext is treated as unknown.
 */
import { ProviderView } from "../model/region";
import { ResourceView, StackResourceView, StackView } from "../model/resource";
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
}

/** Replaces secrets by their plaintext (or unknown), and reports which top-level keys held one. */
function unwrapSecrets(bag: unknown): { props: Record<string, unknown>; secrets: Set<string> } {
    const secrets = new Set<string>();
    const walk = (value: unknown, topLevel: string): unknown => {
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
            return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, walk(item, topLevel)]));
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

function toViews(raw: readonly RawResource[], where: string): { resources: ResourceView[]; stack: StackView } {
    const valid = raw.filter((r): r is RawResource & { urn: string; type: string } => typeof r.urn === "string" && typeof r.type === "string" && r.delete !== true);
    if (valid.length !== raw.filter((r) => r.delete !== true).length) {
        const index = raw.findIndex((r) => typeof r.urn !== "string" || typeof r.type !== "string");
        throw new InputFileError(`${where}[${index}] has no urn or type; is this a \`pulumi stack export\` or \`pulumi preview --json\` file?`);
    }
    const providers = new Map<string, ProviderView>();
    for (const r of valid) {
        if (!r.type.startsWith("pulumi:providers:")) continue;
        const { props, secrets } = unwrapSecrets(r.inputs);
        providers.set(r.urn, { urn: r.urn, type: r.type, name: nameOf(r.urn), props, secretProps: secrets });
    }
    const resources: ResourceView[] = [];
    const stackResources: StackResourceView[] = [];
    for (const r of valid) {
        const reference = typeof r.provider === "string" ? r.provider : undefined;
        // A provider reference is `<urn>::<id>`; the id may be unknown during preview.
        const provider = reference ? providers.get(reference.slice(0, reference.lastIndexOf("::"))) ?? providers.get(reference) : undefined;
        const inputs = unwrapSecrets(r.inputs);
        const outputs = unwrapSecrets(r.outputs);
        const base = { urn: r.urn, type: r.type, name: nameOf(r.urn), provider };
        resources.push({ ...base, props: inputs.props, secretProps: inputs.secrets });
        const propertyDependencies: Record<string, string[]> = {};
        if (r.propertyDependencies && typeof r.propertyDependencies === "object") {
            for (const [key, urns] of Object.entries(r.propertyDependencies as Record<string, unknown>)) propertyDependencies[key] = strings(urns);
        }
        // Outputs carry the inputs over (as in a preview); outputs win where both exist.
        const merged: PropertyBag = { ...inputs.props, ...outputs.props };
        stackResources.push({
            ...base,
            props: merged,
            secretProps: new Set([...inputs.secrets, ...outputs.secrets]),
            parent: typeof r.parent === "string" ? r.parent : undefined,
            dependencies: strings(r.dependencies),
            propertyDependencies,
        });
    }
    return { resources, stack: { resources: stackResources, byUrn: new Map(stackResources.map((r) => [r.urn, r])) } };
}

/** Parses the JSON of a stack export or a preview. Throws InputFileError with one clear message. */
export function parseInputFile(text: string, file: string): LoadedInput {
    let data: unknown;
    try {
        data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
        throw new InputFileError(`${file} is not valid JSON (${(error as Error).message}); pass the output of \`pulumi stack export\` or \`pulumi preview --json\``);
    }
    if (!data || typeof data !== "object") throw new InputFileError(`${file} is not a JSON object; pass the output of \`pulumi stack export\` or \`pulumi preview --json\``);
    const object = data as Record<string, unknown>;
    const deployment = (object["deployment"] ?? (object["checkpoint"] as Record<string, unknown> | undefined)?.["latest"]) as Record<string, unknown> | undefined;
    if (deployment && typeof deployment === "object") {
        const raw = deployment["resources"] ?? [];
        if (!Array.isArray(raw)) throw new InputFileError(`${file}: deployment.resources is not a list`);
        return { kind: "stack-export", ...toViews(raw as RawResource[], `${file}: deployment.resources`), config: {} };
    }
    if (Array.isArray(object["steps"])) {
        const steps = object["steps"] as Record<string, unknown>[];
        const raw: RawResource[] = [];
        steps.forEach((step, index) => {
            if (!step || typeof step !== "object") throw new InputFileError(`${file}: steps[${index}] is not an object`);
            if (step["op"] === "delete" || step["op"] === "discard" || step["op"] === "remove-pending-replace") return;
            const state = (step["newState"] ?? step["new"]) as RawResource | undefined;
            if (state && typeof state === "object") raw.push(state);
        });
        const config: Record<string, string> = {};
        if (object["config"] && typeof object["config"] === "object") {
            for (const [key, value] of Object.entries(object["config"] as Record<string, unknown>)) if (typeof value === "string") config[key] = value;
        }
        return { kind: "preview", ...toViews(raw, `${file}: steps`), config };
    }
    throw new InputFileError(`${file} has neither "deployment" (pulumi stack export) nor "steps" (pulumi preview --json)`);
}
