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
import type { ErrorObject } from "ajv";
import { CORE_SCHEMA, load as loadYamlQuickly } from "js-yaml";
import type { Document, LineCounter } from "yaml";
import { compiledValidator, REGISTRY_VALIDATOR, schemaErrorLocation } from "./compiled-schemas";
import { closestName } from "./spelling";
import { parseHostname, describeHostnameProblem, showHost } from "./domain";
import { parseIcpNumber, IcpNumber } from "./icp-number";
import { REGISTRY_SCHEMA } from "./registry-schema";
import { isGovernmentDomain, tldTier, TLD_SNAPSHOT } from "./tld";

/**
 * Two YAML parsers, for start-up time. js-yaml (which @pulumi/pulumi already loads, so it costs
 * the pack nothing to load) reads a plain, well-formed registry in a few milliseconds. The `yaml`
 * library, ~80 ms to load and parse cold, loads only when a registry needs what it does better:
 * positions for problems, aliases expanded under a limit, directives, and YAML errors with lines.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadYaml = () => require("yaml") as typeof import("yaml");

export const REGISTRY_ENV_VAR = "ICP_GUARD_FILINGS";
export const REGISTRY_FILE_NAMES = ["icp-filings.yaml", "icp-filings.json"] as const;
/** The access-provider id meaning Alibaba Cloud (接入阿里云). */
export const ALIBABA = "alibaba";
export const MAX_REGISTRY_BYTES = 16 * 1024 * 1024;

export interface FilingEntry {
    /** ASCII registrable domain, the lookup key (a government sub-unit's own sub-domain under .gov.cn / .政务). */
    readonly domain: string;
    /** Position in `filings`, for messages. */
    readonly index: number;
    readonly icp: IcpNumber;
    readonly accessProviders: readonly string[];
    /** Filing date, when the registry gives one (YYYY-MM-DD). */
    readonly filedOn?: string;
}

/** A documented, owned, expiring exception to one policy. */
export interface Waiver {
    /** Position in `waivers`, for messages. */
    readonly index: number;
    readonly policy: string;
    /** A URN or a resource-name glob (`*`, `?`), as written. */
    readonly resource: string;
    /** ASCII registrable domain the waiver is limited to, if any. */
    readonly domain?: string;
    readonly reason: string;
    readonly owner: string;
    /** Last day the waiver applies (YYYY-MM-DD, inclusive, UTC). */
    readonly expires: string;
    readonly expired: boolean;
    matchesResource(urn: string): boolean;
}

/** Something odd in the registry that is not wrong enough to refuse it. */
export interface RegistryWarning {
    readonly where: string;
    readonly message: string;
}

export interface FilingRegistry {
    /** The file it came from, or undefined when no registry exists (nothing is filed). */
    readonly source: string | undefined;
    /** With no registry: how to give one, in the words of the front end that looked (the pack, the command line). */
    readonly missingHint?: string;
    readonly entries: readonly FilingEntry[];
    readonly waivers: readonly Waiver[];
    readonly warnings: readonly RegistryWarning[];
    /** Looks a registrable domain (ASCII) up. */
    lookup(registrableDomain: string): FilingEntry | undefined;
}

export interface RegistryOptions {
    /** Policy ids a waiver may name; unknown ids are errors. */
    readonly knownPolicies?: readonly string[];
    /** "Now", for waiver expiry (tests pass a fixed date). */
    readonly now?: Date;
    /**
     * Whether a plain YAML registry may be read by the quick parser (default true). False reads
     * it with the full parser only: the reference the differential test holds the quick path to.
     */
    readonly quickYaml?: boolean;
}

/** Since 2019-04-22 each website number covers one domain (工信管函〔2019〕633号). */
export const ONE_DOMAIN_PER_WEBSITE_SINCE = "2019-04-22";

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
        /**
         * The entries and waivers that had no problem, when the registry could be read at all: never
         * used to decide anything, only to find, in the same pass, where they conflict with another
         * source (lib/model/registry-sources.ts).
         */
        readonly usable?: FilingRegistry,
    ) {
        super(formatRegistryProblems(file, problems));
        this.name = "RegistryError";
    }
}

export function formatRegistryProblems(file: string, problems: readonly RegistryProblem[]): string {
    const lines = problems.map((p) => `  - ${p.where}${p.line !== undefined ? ` (line ${p.line})` : ""}: ${p.message}`);
    // "this entry" only where the one problem is in an entry: a file that is not YAML, an empty
    // file or a missing `filings` list is a problem of the registry as a whole.
    const oneInEntry = problems.length === 1 && /^(filings|waivers)\[\d+\]/.test(problems[0].where);
    const fix = problems.length === 1 ? (oneInEntry ? "this entry" : "this problem") : `these ${problems.length} problems`;
    return (
        `icp-guard: the filing registry ${file} is invalid, so the policy pack will not run ` +
        `(a broken registry is never read as "filed"). Fix ${fix}:\n` +
        lines.join("\n")
    );
}

/** How to give the policy pack a registry. */
export const PACK_REGISTRY_HINT = "set ICP_GUARD_FILINGS, add icp-filings.yaml to the pack, or give icp-filing-registry in the policy config";

export function emptyRegistry(missingHint: string = PACK_REGISTRY_HINT): FilingRegistry {
    return { source: undefined, missingHint, entries: [], waivers: [], warnings: [], lookup: () => undefined };
}

/**
 * Finds the registry: the file named by ICP_GUARD_FILINGS (a relative name is resolved from `cwd`,
 * else the process's working directory), else icp-filings.yaml or icp-filings.json in `cwd` when
 * given (the command line: where the user keeps it), then in the pack directory; undefined when
 * there is none at all.
 */
export function locateRegistry(env: NodeJS.ProcessEnv, packDir: string, cwd?: string): string | undefined {
    const named = env[REGISTRY_ENV_VAR];
    if (named !== undefined && named !== "") {
        const resolved = path.resolve(cwd ?? process.cwd(), named);
        if (!fs.existsSync(resolved)) {
            const relative = path.isAbsolute(named) ? "" : ` (${named} relative to ${cwd ?? process.cwd()})`;
            throw new RegistryError(resolved, [
                { where: REGISTRY_ENV_VAR, message: `names ${resolved}${relative}, which does not exist; point it at your icp-filings.yaml or unset it` },
            ]);
        }
        return resolved;
    }
    for (const dir of cwd !== undefined && path.resolve(cwd) !== path.resolve(packDir) ? [cwd, packDir] : [packDir]) {
        const present = REGISTRY_FILE_NAMES.map((name) => path.resolve(dir, name)).filter((file) => fs.existsSync(file));
        if (present.length > 1) {
            throw new RegistryError(present[0], [
                { where: dir === packDir ? "pack directory" : "current directory", message: `both ${REGISTRY_FILE_NAMES.join(" and ")} exist; keep one so it is clear which registry applies` },
            ]);
        }
        if (present.length === 1) return present[0];
    }
    return undefined;
}

/** Reads and validates a registry file. Throws RegistryError with every problem found. */
export function loadRegistry(file: string, options: RegistryOptions = {}): FilingRegistry {
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
    return parseRegistry(text, file, options);
}

const ENTRY_FIELDS = Object.keys(REGISTRY_SCHEMA.properties.filings.items.properties);
const WAIVER_FIELDS = Object.keys(REGISTRY_SCHEMA.properties.waivers.items.properties);
const TOP_FIELDS = Object.keys(REGISTRY_SCHEMA.properties);

export const DEFER_TO_FULL_YAML: unique symbol = Symbol("defer to the full YAML parser");

/**
 * The registry's data from js-yaml, or DEFER_TO_FULL_YAML where the full parser must read it:
 * every YAML error (the full parser reports it with a line), directives (`%YAML 1.1` changes the
 * schema), and aliases of collections (js-yaml shares them by reference; the full parser expands
 * them under a limit, so an alias bomb is refused rather than walked). Both read the YAML 1.2
 * core schema. A registry with any problem is read again by the full parser, so the quick path
 * only ever decides which valid registry a file holds; the differential test in
 * test/fuzz-registry.spec.ts holds both paths to the same registry or the same message.
 */
export function quickYamlData(text: string): unknown {
    if (/^%/mu.test(text)) return DEFER_TO_FULL_YAML;
    let data: unknown;
    try {
        data = loadYamlQuickly(text, { schema: CORE_SCHEMA });
    } catch {
        return DEFER_TO_FULL_YAML;
    }
    // Shared collections come only from aliases, and an alias needs an anchor (`&name`): without
    // an `&` anywhere in the text there is nothing to walk.
    return text.includes("&") && sharesCollections(data) ? DEFER_TO_FULL_YAML : data;
}

/** Whether an array or object is reachable twice (only an alias does that); iterative, linear. */
function sharesCollections(root: unknown): boolean {
    const seen = new Set<object>();
    const pending: unknown[] = [root];
    while (pending.length > 0) {
        const value = pending.pop();
        if (value === null || typeof value !== "object") continue;
        if (seen.has(value)) return true;
        seen.add(value);
        for (const child of Array.isArray(value) ? value : Object.values(value)) pending.push(child);
    }
    return false;
}

/** Names that people write for Alibaba Cloud; the registry id is `alibaba`. */
const ALIBABA_ALIASES = new Set(["aliyun", "alicloud", "alibabacloud", "alibaba-cloud", "aliyun-com", "alibaba-cloud-cn"]);

/** Parses registry text (YAML or JSON by file extension). Throws RegistryError. */
export function parseRegistry(rawText: string, file: string, options: RegistryOptions = {}): FilingRegistry {
    // Editors on Windows save UTF-8 with a byte-order mark; it is not content.
    const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
    const isJson = file.toLowerCase().endsWith(".json");
    // JSON is YAML 1.2, so one parser gives line positions for both. A JSON registry is parsed
    // strictly with JSON.parse and only handed to the YAML parser when a problem needs a line.
    let positions: { document: Document.Parsed; lineCounter: LineCounter } | undefined;
    const parseWithPositions = () => {
        if (!positions) {
            const { LineCounter: Counter, parseDocument } = loadYaml();
            const lineCounter = new Counter();
            positions = { document: parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, logLevel: "error" }), lineCounter };
        }
        return positions;
    };
    if (!isJson && options.quickYaml !== false) {
        const quick = quickYamlData(text);
        if (quick !== DEFER_TO_FULL_YAML) {
            try {
                return checkedRegistry(quick, file, options, () => undefined);
            } catch (error) {
                if (!(error instanceof RegistryError)) throw error;
                // A problem: the file is read again by the full parser, so that every message
                // has its line and reports the file as the full parser reads it.
            }
        }
    }
    let data: unknown;
    if (isJson) {
        try {
            data = JSON.parse(text);
        } catch (error) {
            throw new RegistryError(file, [{ where: "file", message: `is not valid JSON: ${(error as Error).message}` }]);
        }
    } else {
        const { document, lineCounter } = parseWithPositions();
        if (document.errors.length > 0) {
            // Every syntax error the parser found (it reads on after one); what the entries say
            // cannot be known until the file is YAML, so nothing else is checked.
            throw new RegistryError(
                file,
                document.errors.map((error) => ({ where: "file", line: lineCounter.linePos(error.pos[0]).line, message: `is not valid YAML: ${error.message.split("\n")[0]}` })),
            );
        }
        try {
            data = document.toJS({ maxAliasCount: 1000 });
        } catch (error) {
            // Unresolved aliases and alias bombs surface here, after parsing.
            throw new RegistryError(file, [{ where: "file", message: `is not valid YAML: ${(error as Error).message.split("\n")[0]}` }]);
        }
    }
    const lineOf = (segments: readonly (string | number)[]): number | undefined => {
        const { document, lineCounter } = parseWithPositions();
        const node = document.getIn(segments, true);
        if (loadYaml().isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
        return undefined;
    };
    return checkedRegistry(data, file, options, lineOf);
}

/** Checks parsed registry data against the schema and the semantic rules. Throws RegistryError. */
function checkedRegistry(data: unknown, file: string, options: RegistryOptions, lineOf: (segments: readonly (string | number)[]) => number | undefined): FilingRegistry {
    if (data === null || data === undefined) {
        throw new RegistryError(file, [{ where: "file", message: "is empty; write `filings: []` for a registry with no filed domains" }]);
    }

    const validate = compiledValidator(REGISTRY_VALIDATOR);
    const problems: RegistryProblem[] = [];
    // One pass finds every problem, whatever the first ones are: an entry with a schema problem is
    // reported and never used, but its other fields still get their semantic checks, and so do the
    // other entries and the waivers, even when the file as a whole has a problem (an unknown
    // top-level field, `waivers` that is not a list): fixing the first problems never reveals more.
    const broken = new BrokenParts();
    if (!validate(data)) {
        for (const error of validate.errors ?? []) {
            broken.add(error.instancePath);
            problems.push(schemaProblem(error, data, lineOf));
        }
    }

    const entries: FilingEntry[] = [];
    const byDomain = new Map<string, FilingEntry>();
    /** The first entry of each domain, used or not: a second entry is a duplicate even when the first is broken. */
    const firstOfDomain = new Map<string, number>();
    const top = data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
    const filings = (Array.isArray(top["filings"]) ? top["filings"] : []) as { domain: string; icp: string; accessProviders: string[]; filedOn?: string }[];
    filings.forEach((raw, index) => {
        if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return;
        const usable = (field: "domain" | "icp" | "filedOn") => typeof raw[field] === "string" && !broken.field("filings", index, field);
        const where = (field: string) => `filings[${index}].${field}`;
        const line = (field: string) => lineOf(["filings", index, field]);
        let entryOk = !broken.entry("filings", index);

        // A field the schema found wrong is not parsed: an empty string stands in and is reported no further.
        const parsedDomain = parseHostname(usable("domain") ? raw.domain : "");
        let domain = "";
        if (!usable("domain")) {
            entryOk = false;
        } else if (!parsedDomain.ok) {
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
            // Under .gov.cn / .政务 a department files its own AAA.XXX.gov.cn (ICP-RULES.md §2.2),
            // so sub-domain entries are accepted there, and only there.
            const subUnit = !host.wildcard && host.ascii !== host.registrable && isGovernmentDomain(host);
            domain = subUnit ? host.ascii : host.registrable;
            if (host.wildcard || (host.ascii !== host.registrable && !subUnit)) {
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
            } else if (tldTier(host).tier === "not-approved") {
                entryOk = false;
                problems.push({
                    where: where("domain"),
                    line: line("domain"),
                    message: `"${truncate(raw.domain)}": .${tldTier(host).tld} is not an MIIT-approved suffix, so no ICP filing can exist for it (icp-guard's TLD table, snapshot ${TLD_SNAPSHOT}); remove the entry or correct the domain`,
                });
            }
        }

        const parsedIcp = parseIcpNumber(usable("icp") ? raw.icp : "");
        if (usable("icp") && !parsedIcp.ok) {
            entryOk = false;
            problems.push({ where: where("icp"), line: line("icp"), message: `"${truncate(raw.icp)}" ${parsedIcp.problem}` });
        }

        if (usable("filedOn") && !isRealDate(raw.filedOn!)) {
            entryOk = false;
            problems.push({ where: where("filedOn"), line: line("filedOn"), message: `"${raw.filedOn}" is not a real date; write YYYY-MM-DD` });
        }

        (Array.isArray(raw.accessProviders) ? raw.accessProviders : []).forEach((provider, providerIndex) => {
            if (typeof provider === "string" && ALIBABA_ALIASES.has(provider)) {
                entryOk = false;
                problems.push({
                    where: `${where("accessProviders")}[${providerIndex}]`,
                    line: lineOf(["filings", index, "accessProviders", providerIndex]),
                    message: `"${provider}": write "${ALIBABA}" for Alibaba Cloud as access provider (接入阿里云)`,
                });
            }
        });

        if (domain !== "") {
            const previous = firstOfDomain.get(domain);
            if (previous !== undefined) {
                problems.push({
                    where: where("domain"),
                    line: line("domain"),
                    message: `${showHost(domain)} is already listed at filings[${previous}]; keep one entry per domain (list every access provider in that entry)`,
                });
                return;
            }
            firstOfDomain.set(domain, index);
        }
        if (!entryOk || !parsedIcp.ok) return;
        const entry: FilingEntry = { domain, index, icp: parsedIcp.number, accessProviders: Object.freeze([...raw.accessProviders]), filedOn: raw.filedOn };
        byDomain.set(domain, entry);
        entries.push(entry);
    });
    const waivers = parseWaivers(data, options, broken, problems, lineOf);
    // In file order, so the message reads top to bottom like the file.
    // Without lines (JSON on one line, a registry from the policy config), entry by entry.
    const order = (problem: RegistryProblem) => problem.line ?? Number.MAX_SAFE_INTEGER;
    const entryRank = (problem: RegistryProblem) => {
        const match = /^(filings|waivers)\[(\d+)\]/.exec(problem.where);
        return match ? (match[1] === "waivers" ? 1e9 : 0) + Number(match[2]) : -1;
    };
    const fieldRank = (problem: RegistryProblem) => {
        const match = /^(filings|waivers)\[\d+\]\.([A-Za-z]+)/.exec(problem.where);
        return match ? (match[1] === "waivers" ? WAIVER_FIELDS : ENTRY_FIELDS).indexOf(match[2]) : -1;
    };
    const registry: FilingRegistry = {
        source: file,
        entries: Object.freeze(entries),
        waivers: Object.freeze(waivers),
        warnings: Object.freeze(problems.length > 0 ? [] : websiteNumberWarnings(entries)),
        lookup: (registrableDomain) => byDomain.get(registrableDomain),
    };
    if (problems.length > 0) {
        throw new RegistryError(file, [...problems].sort((a, b) => order(a) - order(b) || entryRank(a) - entryRank(b) || fieldRank(a) - fieldRank(b)), registry);
    }
    return registry;
}

/** Which entries, and which of their fields, the schema found wrong (from ajv's instance paths). */
class BrokenParts {
    private readonly parts = new Set<string>();

    /** Records a schema error's path (a problem outside any entry marks no entry). */
    add(instancePath: string): void {
        const match = /^\/(filings|waivers)\/(\d+)(?:\/([^/]+))?/.exec(instancePath);
        if (!match) return;
        const [, list, index, field] = match;
        this.parts.add(`${list}/${index}`);
        if (field !== undefined) this.parts.add(`${list}/${index}/${field}`);
    }

    // The usual registry has no schema problem: then no key is built at all.
    entry(list: "filings" | "waivers", index: number): boolean {
        return this.parts.size > 0 && this.parts.has(`${list}/${index}`);
    }

    field(list: "filings" | "waivers", index: number, field: string): boolean {
        return this.parts.size > 0 && this.parts.has(`${list}/${index}/${field}`);
    }
}

function isRealDate(text: string): boolean {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return false;
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    return date.toISOString().slice(0, 10) === text;
}

/**
 * One website number (…号-N) per domain since 2019-04-22; filings made before could list several
 * domains. The same number on two registrable domains is therefore a warning, not an error —
 * unless every entry sharing it says it was filed before that date.
 */
export function websiteNumberWarnings(entries: readonly FilingEntry[], whereOf: (entry: FilingEntry) => string = (entry) => `filings[${entry.index}]`): RegistryWarning[] {
    const byNumber = new Map<string, FilingEntry[]>();
    for (const entry of entries) {
        if (entry.icp.website === undefined) continue;
        const list = byNumber.get(entry.icp.full) ?? [];
        list.push(entry);
        byNumber.set(entry.icp.full, list);
    }
    const warnings: RegistryWarning[] = [];
    for (const [number, sharing] of byNumber) {
        if (sharing.length < 2) continue;
        if (sharing.every((entry) => entry.filedOn !== undefined && entry.filedOn < ONE_DOMAIN_PER_WEBSITE_SINCE)) continue;
        warnings.push({
            where: sharing.map(whereOf).join(", "),
            message:
                `website number ${number} is given to ${sharing.map((entry) => showHost(entry.domain)).join(" and ")}; since ${ONE_DOMAIN_PER_WEBSITE_SINCE} each website number covers one domain, ` +
                `so each domain should have its own -N number (filings made earlier could list several: add filedOn: YYYY-MM-DD to say so)`,
        });
    }
    return warnings;
}

/** Turns `*` and `?` globs into an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
    const escaped = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${escaped}$`, "s");
}

function parseWaivers(
    data: unknown,
    options: RegistryOptions,
    broken: BrokenParts,
    problems: RegistryProblem[],
    lineOf: (segments: readonly (string | number)[]) => number | undefined,
): Waiver[] {
    const given = data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>)["waivers"] : undefined;
    // A `waivers` that is not a list is a schema problem already reported.
    const raw = (Array.isArray(given) ? given : []) as { policy: string; resource: string; domain?: string; reason: string; owner: string; expires: string }[];
    const today = (options.now ?? new Date()).toISOString().slice(0, 10);
    const waivers: Waiver[] = [];
    raw.forEach((waiver, index) => {
        if (waiver === null || typeof waiver !== "object" || Array.isArray(waiver)) return;
        // Fields with a schema problem were reported already; the others are still checked.
        const usable = (field: "policy" | "domain" | "reason" | "expires") => typeof waiver[field] === "string" && !broken.field("waivers", index, field);
        const where = (field: string) => `waivers[${index}].${field}`;
        const line = (field: string) => lineOf(["waivers", index, field]);
        let ok = !broken.entry("waivers", index);
        if (usable("policy") && options.knownPolicies && !options.knownPolicies.includes(waiver.policy)) {
            ok = false;
            const suggestion = closestName(waiver.policy, options.knownPolicies);
            problems.push({
                where: where("policy"),
                line: line("policy"),
                message: `"${truncate(waiver.policy)}" is not an icp-guard policy${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
            });
        }
        if (usable("expires") && !isRealDate(waiver.expires)) {
            ok = false;
            problems.push({ where: where("expires"), line: line("expires"), message: `"${waiver.expires}" is not a real date; write the last day the waiver applies as YYYY-MM-DD` });
        }
        let domain: string | undefined;
        if (usable("domain") && waiver.domain !== undefined) {
            const parsed = parseHostname(waiver.domain);
            if (!parsed.ok || parsed.host.ascii !== parsed.host.registrable || parsed.host.wildcard) {
                ok = false;
                problems.push({
                    where: where("domain"),
                    line: line("domain"),
                    message: parsed.ok
                        ? `"${truncate(waiver.domain)}" is not a registrable domain; waivers name the registrable domain (${showHost(parsed.host.registrable)})`
                        : `"${truncate(waiver.domain)}" ${describeHostnameProblem(parsed.problem, parsed.suffix)}`,
                });
            } else domain = parsed.host.registrable;
        }
        if (usable("reason") && waiver.reason.trim().length < 10) {
            ok = false;
            problems.push({ where: where("reason"), line: line("reason"), message: "is too short to explain the exception; say why, and what closes it" });
        }
        if (!ok) return;
        // A URN (globs allowed) matches the whole URN; anything else is a glob on the resource name.
        const pattern = globToRegExp(waiver.resource);
        const byUrn = waiver.resource.startsWith("urn:pulumi:");
        waivers.push({
            index,
            policy: waiver.policy,
            resource: waiver.resource,
            domain,
            reason: waiver.reason.trim(),
            owner: waiver.owner,
            expires: waiver.expires,
            expired: waiver.expires < today,
            matchesResource: (urn) => pattern.test(byUrn ? urn : urn.slice(urn.lastIndexOf("::") + 2)),
        });
    });
    return waivers;
}

function schemaProblem(
    error: ErrorObject,
    data: unknown,
    lineOf: (segments: readonly (string | number)[]) => number | undefined,
): RegistryProblem {
    const { where, segments } = schemaErrorLocation(error.instancePath);
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
                policy: "name the policy the waiver applies to, e.g. policy: icp-hollow-filing",
                resource: "name the resource: its URN, or a name glob such as www-*",
                reason: "say why the exception is acceptable and what closes it",
                owner: "name who owns the exception (a person or team)",
                expires: "give the last day it applies, e.g. expires: 2026-12-31; waivers do not last forever",
            };
            return { where, line, message: `missing field "${missing}": ${hint[missing] ?? "add it"}` };
        }
        case "additionalProperties": {
            const extra = String(params["additionalProperty"]);
            const allowed = segments[0] === "waivers" && typeof segments[1] === "number" ? WAIVER_FIELDS : inEntry ? ENTRY_FIELDS : TOP_FIELDS;
            const suggestion = closestName(extra, allowed);
            const name = /^[A-Za-z_$][\w$-]*$/.test(extra) ? extra : JSON.stringify(extra);
            return {
                where: `${where === "(top level)" ? "" : where}${where === "(top level)" ? name : `.${name}`}`,
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
            if (field === "expires" || field === "filedOn") return { where, line, message: `"${truncate(String(valueAt(data, segments)))}" is not a date; write YYYY-MM-DD` };
            return {
                where,
                line,
                message: `"${truncate(String(valueAt(data, segments)))}" is not an access-provider id: use a lower-case id such as "alibaba" (接入阿里云), "tencent" or "huawei"`,
            };
        case "minLength":
            return { where, line, message: field === "reason" ? "is too short to explain the exception; say why, and what closes it" : "is empty" };
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

/**
 * Checks registry data that did not come from a file (the policy config's `icp-filing-registry`):
 * the same schema and semantic checks, every problem at once; problems carry no line. Throws
 * RegistryError with `source` as the registry's name.
 */
export function registryFromData(data: unknown, source: string, options: RegistryOptions = {}): FilingRegistry {
    return checkedRegistry(data, source, options, () => undefined);
}
