/**
 * The filing registry: the platform team's list of domains with an ICP filing.
 *
 * It is validated as a whole before the pack serves anything: a JSON schema (ajv) for shape, then
 * semantic checks (registrable domain, ICP number format, duplicates, access providers). Any
 * problem refuses the whole file — a malformed entry is never treated as filed, and no partial
 * registry is ever used.
 */
import * as fs from "fs";
import * as path from "path";
import Ajv, { ErrorObject } from "ajv";
import { LineCounter, parseDocument, isNode } from "yaml";
import { parseHostname, describeHostnameProblem, showHost } from "./domain";
import { parseIcpNumber, IcpNumber } from "./icp-number";

export const REGISTRY_ENV_VAR = "ICP_GUARD_FILINGS";
export const REGISTRY_FILE_NAMES = ["icp-filings.yaml", "icp-filings.json"] as const;
/** The access-provider id meaning Alibaba Cloud (接入阿里云). */
export const ALIBABA = "alibaba";
const MAX_REGISTRY_BYTES = 16 * 1024 * 1024;

export interface FilingEntry {
    /** ASCII registrable domain, the lookup key. */
    readonly domain: string;
    /** Position in `filings`, for messages. */
    readonly index: number;
    readonly icp: IcpNumber;
    readonly accessProviders: readonly string[];
}

export interface FilingRegistry {
    /** The file it came from, or undefined when no registry exists (nothing is filed). */
    readonly source: string | undefined;
    readonly entries: readonly FilingEntry[];
    /** Looks a registrable domain (ASCII) up. */
    lookup(registrableDomain: string): FilingEntry | undefined;
}

export interface RegistryProblem {
    /** JSON-path-like location, e.g. `filings[3].icp`. */
    readonly where: string;
    readonly line?: number;
    readonly message: string;
}

export class RegistryError extends Error {
    constructor(
        readonly file: string,
        readonly problems: readonly RegistryProblem[],
    ) {
        super(formatRegistryProblems(file, problems));
        this.name = "RegistryError";
    }
}

export function formatRegistryProblems(file: string, problems: readonly RegistryProblem[]): string {
    const lines = problems.map((p) => `  - ${p.where}${p.line !== undefined ? ` (line ${p.line})` : ""}: ${p.message}`);
    return (
        `icp-guard: the filing registry ${file} is invalid, so the policy pack will not run ` +
        `(a broken registry is never read as "filed"). Fix ${problems.length === 1 ? "this entry" : `these ${problems.length} problems`}:\n` +
        lines.join("\n")
    );
}

export function emptyRegistry(): FilingRegistry {
    return { source: undefined, entries: [], lookup: () => undefined };
}

/**
 * Finds the registry: the file named by ICP_GUARD_FILINGS, else icp-filings.yaml or
 * icp-filings.json in the pack directory; undefined when there is none at all.
 */
export function locateRegistry(env: NodeJS.ProcessEnv, packDir: string): string | undefined {
    const named = env[REGISTRY_ENV_VAR];
    if (named !== undefined && named !== "") {
        const resolved = path.resolve(named);
        if (!fs.existsSync(resolved)) {
            throw new RegistryError(resolved, [
                { where: REGISTRY_ENV_VAR, message: `names ${resolved}, which does not exist; point it at your icp-filings.yaml or unset it` },
            ]);
        }
        return resolved;
    }
    const present = REGISTRY_FILE_NAMES.map((name) => path.join(packDir, name)).filter((file) => fs.existsSync(file));
    if (present.length > 1) {
        throw new RegistryError(present[0], [
            { where: "pack directory", message: `both ${REGISTRY_FILE_NAMES.join(" and ")} exist; keep one so it is clear which registry applies` },
        ]);
    }
    return present[0];
}

/** Reads and validates a registry file. Throws RegistryError with every problem found. */
export function loadRegistry(file: string): FilingRegistry {
    let text: string;
    try {
        const size = fs.statSync(file).size;
        if (size > MAX_REGISTRY_BYTES) {
            throw new RegistryError(file, [{ where: "file", message: `is ${size} bytes; the registry is limited to ${MAX_REGISTRY_BYTES} bytes` }]);
        }
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        if (error instanceof RegistryError) throw error;
        throw new RegistryError(file, [{ where: "file", message: `cannot be read: ${(error as Error).message}` }]);
    }
    return parseRegistry(text, file);
}

const REGISTRY_SCHEMA = {
    type: "object",
    additionalProperties: false,
    required: ["filings"],
    properties: {
        $schema: { type: "string" },
        filings: {
            type: "array",
            items: {
                type: "object",
                additionalProperties: false,
                required: ["domain", "icp", "accessProviders"],
                properties: {
                    domain: { type: "string", minLength: 1, maxLength: 253 },
                    icp: { type: "string", minLength: 1, maxLength: 64 },
                    accessProviders: {
                        type: "array",
                        minItems: 1,
                        uniqueItems: true,
                        items: { type: "string", pattern: "^[a-z][a-z0-9-]{0,39}$" },
                    },
                    note: { type: "string", maxLength: 2000 },
                },
            },
        },
    },
} as const;

const ENTRY_FIELDS = Object.keys(REGISTRY_SCHEMA.properties.filings.items.properties);
const TOP_FIELDS = Object.keys(REGISTRY_SCHEMA.properties);

let compiledValidator: ReturnType<Ajv["compile"]> | undefined;
function schemaValidator(): ReturnType<Ajv["compile"]> {
    compiledValidator ??= new Ajv({ allErrors: true, strict: true }).compile(REGISTRY_SCHEMA);
    return compiledValidator;
}

/** Names that people write for Alibaba Cloud; the registry id is `alibaba`. */
const ALIBABA_ALIASES = new Set(["aliyun", "alicloud", "alibabacloud", "alibaba-cloud", "aliyun-com", "alibaba-cloud-cn"]);

/** Parses registry text (YAML or JSON by file extension). Throws RegistryError. */
export function parseRegistry(rawText: string, file: string): FilingRegistry {
    // Editors on Windows save UTF-8 with a byte-order mark; it is not content.
    const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
    const isJson = file.toLowerCase().endsWith(".json");
    const lineCounter = new LineCounter();
    // JSON is YAML 1.2, so one parser gives positions for both; JSON files are also checked strictly.
    const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
    if (isJson) {
        try {
            JSON.parse(text);
        } catch (error) {
            throw new RegistryError(file, [{ where: "file", message: `is not valid JSON: ${(error as Error).message}` }]);
        }
    }
    if (document.errors.length > 0) {
        const first = document.errors[0];
        const line = lineCounter.linePos(first.pos[0]).line;
        throw new RegistryError(file, [{ where: "file", line, message: `is not valid YAML: ${first.message.split("\n")[0]}` }]);
    }
    const data: unknown = document.toJS({ maxAliasCount: 1000 });
    const lineOf = (segments: readonly (string | number)[]): number | undefined => {
        const node = document.getIn(segments, true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
        return undefined;
    };
    if (data === null || data === undefined) {
        throw new RegistryError(file, [{ where: "file", message: "is empty; write `filings: []` for a registry with no filed domains" }]);
    }

    const validate = schemaValidator();
    const problems: RegistryProblem[] = [];
    // Entries with a schema problem are reported and skipped; the others still get their semantic
    // checks, so one run lists every problem in the file.
    const brokenEntries = new Set<number>();
    if (!validate(data)) {
        const schemaErrors = validate.errors ?? [];
        const entryIndex = (error: ErrorObject) => /^\/filings\/(\d+)(?:\/|$)/.exec(error.instancePath)?.[1];
        if (schemaErrors.some((error) => entryIndex(error) === undefined)) {
            throw new RegistryError(file, schemaErrors.map((error) => schemaProblem(error, data, lineOf)));
        }
        for (const error of schemaErrors) {
            brokenEntries.add(Number(entryIndex(error)));
            problems.push(schemaProblem(error, data, lineOf));
        }
    }

    const entries: FilingEntry[] = [];
    const byDomain = new Map<string, FilingEntry>();
    const filings = (data as { filings: { domain: string; icp: string; accessProviders: string[] }[] }).filings;
    filings.forEach((raw, index) => {
        if (brokenEntries.has(index)) return;
        const where = (field: string) => `filings[${index}].${field}`;
        const line = (field: string) => lineOf(["filings", index, field]);
        let entryOk = true;

        const parsedDomain = parseHostname(raw.domain);
        let domain = "";
        if (!parsedDomain.ok) {
            entryOk = false;
            problems.push({
                where: where("domain"),
                line: line("domain"),
                message:
                    parsedDomain.problem === "public-suffix"
                        ? `"${truncate(raw.domain)}" ${describeHostnameProblem(parsedDomain.problem, parsedDomain.suffix)}; list the filed domain itself, e.g. example.${parsedDomain.suffix}`
                        : `"${truncate(raw.domain)}" ${describeHostnameProblem(parsedDomain.problem)}; list the filed registrable domain, e.g. example.com`,
            });
        } else {
            const host = parsedDomain.host;
            domain = host.registrable;
            if (host.wildcard || host.ascii !== host.registrable) {
                entryOk = false;
                problems.push({
                    where: where("domain"),
                    line: line("domain"),
                    message: `"${truncate(raw.domain)}" is ${host.wildcard ? "a wildcard" : "a subdomain"}; a filing covers the registrable domain and all its subdomains, so list ${showHost(host.registrable)}`,
                });
            } else if (!host.icannSuffix) {
                entryOk = false;
                problems.push({
                    where: where("domain"),
                    line: line("domain"),
                    message: `"${truncate(raw.domain)}" does not end in a public top-level domain (.${host.publicSuffix} is not on the Public Suffix List), so it cannot have an ICP filing`,
                });
            }
        }

        const parsedIcp = parseIcpNumber(raw.icp);
        if (!parsedIcp.ok) {
            entryOk = false;
            problems.push({ where: where("icp"), line: line("icp"), message: `"${truncate(raw.icp)}" ${parsedIcp.problem}` });
        }

        raw.accessProviders.forEach((provider, providerIndex) => {
            if (ALIBABA_ALIASES.has(provider)) {
                entryOk = false;
                problems.push({
                    where: `${where("accessProviders")}[${providerIndex}]`,
                    line: lineOf(["filings", index, "accessProviders", providerIndex]),
                    message: `"${provider}": write "${ALIBABA}" for Alibaba Cloud as access provider (接入阿里云)`,
                });
            }
        });

        if (!entryOk || !parsedIcp.ok) return;
        const previous = byDomain.get(domain);
        if (previous) {
            problems.push({
                where: where("domain"),
                line: line("domain"),
                message: `${showHost(domain)} is already listed at filings[${previous.index}]; keep one entry per domain (list every access provider in that entry)`,
            });
            return;
        }
        const entry: FilingEntry = { domain, index, icp: parsedIcp.number, accessProviders: Object.freeze([...raw.accessProviders]) };
        byDomain.set(domain, entry);
        entries.push(entry);
    });
    if (problems.length > 0) {
        // In file order, so the message reads top to bottom like the file.
        const order = (problem: RegistryProblem) => problem.line ?? Number.MAX_SAFE_INTEGER;
        throw new RegistryError(file, [...problems].sort((a, b) => order(a) - order(b)));
    }

    return { source: file, entries: Object.freeze(entries), lookup: (registrableDomain) => byDomain.get(registrableDomain) };
}

function schemaProblem(
    error: ErrorObject,
    data: unknown,
    lineOf: (segments: readonly (string | number)[]) => number | undefined,
): RegistryProblem {
    const segments = error.instancePath
        .split("/")
        .slice(1)
        .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
        .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
    const where = segments.length === 0 ? "(top level)" : segments.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
    const line = lineOf(segments);
    const field = segments[segments.length - 1];
    const inEntry = segments[0] === "filings" && typeof segments[1] === "number";
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
        case "required": {
            const missing = String(params["missingProperty"]);
            const hint: Record<string, string> = {
                filings: "add `filings:` with a list of filed domains (an empty list means nothing is filed)",
                domain: "add the filed registrable domain, e.g. domain: example.com",
                icp: "add the website's ICP number, e.g. icp: 浙ICP备2023012345号-1",
                accessProviders: "add the access providers (接入商), e.g. accessProviders: [alibaba] for 接入阿里云",
            };
            return { where, line, message: `missing field "${missing}": ${hint[missing] ?? "add it"}` };
        }
        case "additionalProperties": {
            const extra = String(params["additionalProperty"]);
            const allowed = inEntry ? ENTRY_FIELDS : TOP_FIELDS;
            const suggestion = closest(extra, allowed);
            return {
                where: `${where === "(top level)" ? "" : where}${where === "(top level)" ? extra : `.${extra}`}`,
                line: lineOf([...segments, extra]),
                message: `unknown field "${extra}"${suggestion ? `; did you mean "${suggestion}"?` : `; allowed fields are ${allowed.join(", ")}`}`,
            };
        }
        case "type": {
            const expected = String(params["type"]);
            const noun = expected === "array" ? "a list" : expected === "object" ? "a mapping (an object)" : `a ${expected}`;
            return { where, line, message: `must be ${noun}${typeHint(field, inEntry && segments.length === 2)}` };
        }
        case "minItems":
            return { where, line, message: "is empty: list at least one access provider (接入商), e.g. [alibaba] for 接入阿里云" };
        case "uniqueItems":
            return { where, line, message: "lists the same access provider twice; list each once" };
        case "pattern":
            return {
                where,
                line,
                message: `"${truncate(String(valueAt(data, segments)))}" is not an access-provider id: use a lower-case id such as "alibaba" (接入阿里云), "tencent" or "huawei"`,
            };
        case "minLength":
            return { where, line, message: "is empty" };
        case "maxLength":
            return { where, line, message: `is longer than ${String(params["limit"])} characters` };
        default:
            return { where, line, message: error.message ?? "is invalid" };
    }
}

function typeHint(field: string | number | undefined, isEntry = false): string {
    if (isEntry) return " with fields domain, icp and accessProviders, e.g. { domain: example.com, icp: 浙ICP备2023012345号-1, accessProviders: [alibaba] }";
    if (field === undefined) return " with a filings list, e.g. filings: [{ domain: example.com, icp: 浙ICP备2023012345号-1, accessProviders: [alibaba] }]";
    switch (field) {
        case "filings":
            return " of entries with domain, icp and accessProviders";
        case "accessProviders":
            return ", e.g. [alibaba]";
        case "domain":
            return ", e.g. example.com";
        case "icp":
            return ", e.g. 浙ICP备2023012345号-1";
        default:
            return "";
    }
}

function valueAt(data: unknown, segments: readonly (string | number)[]): unknown {
    let current: unknown = data;
    for (const segment of segments) {
        if (current === null || typeof current !== "object") return undefined;
        current = (current as Record<string | number, unknown>)[segment];
    }
    return current;
}

function truncate(text: string, limit = 80): string {
    return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length} characters)`;
}

/** The allowed name closest to a misspelt one, if any is close enough to be a likely typo. */
function closest(word: string, candidates: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
    if (a.length > 64 || b.length > 64) return Infinity;
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}
