/**
 * The endpoint catalog: the public endpoints (addresses and hostnames) that other stacks and root
 * modules hold, with where each serves from, so a DNS-only stack can be judged against endpoints
 * that live elsewhere (`icp-guard endpoints` writes it; the policy config carries it under
 * `icp-endpoint-catalog`).
 *
 * Like the filing registry it is data people act on, so it is validated loudly: every problem at
 * once, each naming the entry and field; a catalog with any problem is refused, never half-read.
 * An address catalogued twice with facts that disagree (another region, public here and intranet
 * there) is an error naming both sources: which one is current is for a person to say.
 */
import { isIP } from "net";
import type { ErrorObject } from "ajv";
import { compiledValidator, schemaErrorLocation } from "./compiled-schemas";
import { classifyRegion, isMainlandClass, showRegion } from "./region";
import { closestName } from "./spelling";

/** The policy whose config carries the catalog (declared to the engine; it runs no checks). */
export const CATALOG_POLICY_NAME = "icp-endpoint-catalog";
/** How messages name the config source. */
export const CATALOG_CONFIG_SOURCE = `in the policy config "${CATALOG_POLICY_NAME}"`;
/** The catalog format this icp-guard writes and reads. */
export const CATALOG_FORMAT_VERSION = 1;
/** The catalog's validator among the compiled schemas (lib/model/compiled-schemas.ts). */
export const CATALOG_VALIDATOR = "endpoint-catalog";
/** Same limit as the registry: far above any real estate (10,000 endpoints ≈ 5 MiB). */
export const MAX_CATALOG_BYTES = 16 * 1024 * 1024;

export type CatalogNetwork = "public" | "intranet";
export type CatalogLocation = "mainland" | "outside" | "undecidable";

/** Where an entry came from: a stack (Pulumi Cloud, or a stack's file) or a file (a Terraform state or plan). */
export interface CatalogSource {
    /** `org/project/stack` from Pulumi Cloud, `project/stack` from a stack's own file. */
    readonly stack?: string;
    /** The input file, as given to `icp-guard endpoints`. */
    readonly file?: string;
    /** When the source was written (ISO 8601): a stack export's manifest time, a plan's timestamp, else the file's modification time. */
    readonly writtenAt?: string;
}

export interface CatalogEntry {
    /** IPv4/IPv6 address or hostname, lower-case, no trailing dot. */
    readonly address: string;
    /** `EIP (ecs.EipAddress)` */
    readonly product: string;
    /** Pulumi type token (Terraform types are read as their bridged Pulumi types). */
    readonly type: string;
    /** The resource's name (Pulumi) or address (Terraform). */
    readonly name: string;
    readonly network: CatalogNetwork;
    /** Where a public endpoint serves from; absent for intranet entries. */
    readonly location?: CatalogLocation;
    /** Region ID, when known. */
    readonly region?: string;
    /** Why it serves there, as icp-guard worked it out from its source. */
    readonly because: string;
    /** `alibaba`: a site it hosts needs a filing accessed at Alibaba Cloud (接入阿里云); `any`: any MIIT filing. */
    readonly access: "alibaba" | "any";
    readonly source: CatalogSource;
    /** The resource's URN (Pulumi). */
    readonly urn?: string;
    /** The resource's Terraform address. */
    readonly resourceAddress?: string;
}

/** The catalog document, as `icp-guard endpoints` writes it and the policy config carries it. */
export interface CatalogDocument {
    readonly tool: "icp-guard";
    readonly toolVersion: string;
    readonly version: number;
    readonly generatedAt: string;
    readonly endpoints: readonly CatalogEntry[];
}

/** A validated catalog, indexed by address. */
export interface EndpointCatalog {
    readonly source: string;
    readonly generatedAt: string;
    /** Whole days between generatedAt and the moment it was read. */
    readonly ageDays: number;
    readonly entries: readonly CatalogEntry[];
    /** The entry for an address or hostname (any case, trailing dot allowed), or undefined. */
    lookup(address: string): CatalogEntry | undefined;
}

export interface CatalogProblem {
    /** `endpoints[3].region`, `generatedAt`, `(top level)`. */
    readonly where: string;
    readonly message: string;
}

export class CatalogError extends Error {
    constructor(
        readonly source: string,
        readonly problems: readonly CatalogProblem[],
    ) {
        super(formatCatalogProblems(source, problems));
        this.name = "CatalogError";
    }
}

export function formatCatalogProblems(source: string, problems: readonly CatalogProblem[]): string {
    const lines = problems.map((p) => `  - ${p.where}: ${p.message}`);
    const fix = problems.length === 1 ? (/^endpoints\[\d+\]/.test(problems[0].where) ? "this entry" : "this problem") : `these ${problems.length} problems`;
    return (
        `icp-guard: the endpoint catalog ${source} is invalid, so the policy pack will not run ` +
        `(a broken catalog is never half-read: a record could be passed on a wrong entry). Fix ${fix}, or rebuild it with \`icp-guard endpoints\`:\n` +
        lines.join("\n")
    );
}

/** The normalised lookup key of an address or hostname. */
export const catalogKey = (address: string): string => address.trim().toLowerCase().replace(/\.$/, "");

const LOCATIONS: readonly CatalogLocation[] = ["mainland", "outside", "undecidable"];
const ISO_TIME = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:\\d{2})$";

const SOURCE_SCHEMA = {
    type: "object",
    additionalProperties: false,
    description: "Where the entry came from: a stack (`org/project/stack` from Pulumi Cloud, `project/stack` from a stack's file) and/or the file it was read from, and when that source was written.",
    properties: {
        stack: { type: "string", minLength: 1, maxLength: 400 },
        file: { type: "string", minLength: 1, maxLength: 4096 },
        writtenAt: { type: "string", pattern: ISO_TIME, description: "ISO 8601 time the source was written: a stack export's manifest time, a Terraform plan's timestamp, else the file's modification time." },
    },
} as const;

/**
 * The catalog's shape (semantic checks follow in parseEndpointCatalog). The config schema declared
 * for `icp-endpoint-catalog` is these properties with nothing required (the engine validates every
 * policy's schema even when no config is given); the shipped JSON Schema
 * (schemas/icp-guard-endpoints.schema.json) is them with `required`, and a test holds the two together.
 * Only keywords the engine's gojsonschema supports: type, enum, properties, additionalProperties,
 * required, minLength, maxLength, minimum, RE2 patterns.
 */
export const CATALOG_SCHEMA = {
    type: "object",
    additionalProperties: false,
    required: ["version", "generatedAt", "endpoints"],
    properties: {
        $schema: { type: "string" },
        tool: { type: "string", enum: ["icp-guard"], description: "The tool that wrote the catalog." },
        toolVersion: { type: "string", maxLength: 100, description: "icp-guard's version (semver) that wrote it." },
        version: { type: "integer", minimum: 1, description: "The catalog format version (1). A later format is refused, not guessed at." },
        generatedAt: { type: "string", pattern: ISO_TIME, description: "When the catalog was built (ISO 8601). Older than icp-endpoint-catalog-stale's maxAgeDays gives an advisory to rebuild it." },
        endpoints: {
            type: "array",
            description: "Every public or intranet endpoint address and hostname the sources hold, sorted by address, then source, then resource.",
            items: {
                type: "object",
                additionalProperties: false,
                required: ["address", "product", "type", "name", "network", "because", "access", "source"],
                properties: {
                    address: { type: "string", minLength: 1, maxLength: 253, description: "IPv4 or IPv6 address, or hostname (lower-case, no trailing dot)." },
                    product: { type: "string", minLength: 1, maxLength: 300, description: "The product, e.g. `EIP (ecs.EipAddress)`." },
                    type: { type: "string", minLength: 1, maxLength: 300, description: "The resource's Pulumi type token (Terraform types as their bridged Pulumi types)." },
                    name: { type: "string", maxLength: 1000, description: "The resource's name (Pulumi) or address (Terraform)." },
                    network: { type: "string", enum: ["public", "intranet"], description: "`intranet`: not reachable from the Internet, so a record pointing at it needs no filing." },
                    location: { type: "string", enum: LOCATIONS, description: "Where a public endpoint serves from: the Chinese mainland (a filing is needed), outside it, or undecidable." },
                    region: { type: "string", minLength: 1, maxLength: 64, description: "The region ID, when known (cn-hangzhou, cn-hongkong…)." },
                    because: { type: "string", maxLength: 2000, description: "Why it serves there, as icp-guard worked it out from its source." },
                    access: { type: "string", enum: ["alibaba", "any"], description: "`alibaba`: an Alibaba-hosted site (a filing accessed at Alibaba Cloud, 接入阿里云, is needed); `any`: any MIIT filing qualifies." },
                    source: SOURCE_SCHEMA,
                    urn: { type: "string", minLength: 1, maxLength: 4096, description: "The resource's URN (Pulumi sources)." },
                    resourceAddress: { type: "string", minLength: 1, maxLength: 4096, description: "The resource's Terraform address (Terraform sources)." },
                },
            },
        },
    },
} as const;

/** The config schema declared for `icp-endpoint-catalog`: the catalog's fields, nothing required, no `$schema`. */
export const CATALOG_CONFIG_SCHEMA = {
    properties: {
        tool: CATALOG_SCHEMA.properties.tool,
        toolVersion: CATALOG_SCHEMA.properties.toolVersion,
        version: CATALOG_SCHEMA.properties.version,
        generatedAt: CATALOG_SCHEMA.properties.generatedAt,
        endpoints: CATALOG_SCHEMA.properties.endpoints,
    },
} as const;

const TOP_FIELDS = Object.keys(CATALOG_SCHEMA.properties);
const ENTRY_FIELDS = Object.keys(CATALOG_SCHEMA.properties.endpoints.items.properties);
const SOURCE_FIELDS = Object.keys(SOURCE_SCHEMA.properties);

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** True for what a catalog can list: an IP address or a hostname (after catalogKey). */
export const isCatalogAddress = (key: string): boolean => isIP(key) !== 0 || HOSTNAME.test(key);

/** How an entry's source reads in messages: `stack acme/infra/prod`, `file clb-a.tfstate`. */
export function showCatalogSource(entry: Pick<CatalogEntry, "source" | "urn" | "resourceAddress">, withResource = true): string {
    const where = entry.source.stack !== undefined ? `stack ${entry.source.stack}` : `file ${entry.source.file ?? "(unnamed)"}`;
    const resource = withResource ? (entry.resourceAddress ?? entry.urn) : undefined;
    return resource ? `${where} (${resource})` : where;
}

/** How an entry's place reads in messages: `cn-hangzhou (华东1（杭州）), mainland`, `intranet`. */
function showPlace(entry: CatalogEntry): string {
    if (entry.network === "intranet") return "intranet (not reachable from the Internet)";
    const region = entry.region !== undefined ? `${entry.region}, ` : "";
    return `${region}${entry.location === "mainland" ? "Chinese mainland" : entry.location === "outside" ? "outside the Chinese mainland" : "location undecidable"}`;
}

function sameFacts(a: CatalogEntry, b: CatalogEntry): boolean {
    if (a.network !== b.network) return false;
    // Private addresses repeat across VPCs: two intranet entries never disagree on a verdict.
    if (a.network === "intranet") return true;
    return a.location === b.location && a.region === b.region;
}

/** A value as a message quotes it: strings in quotes, cut at 80 characters. */
const truncate = (value: unknown): string => {
    const text = typeof value === "string" ? (value.length > 80 ? `${value.slice(0, 77)}…` : value) : undefined;
    if (text !== undefined) return JSON.stringify(text);
    const json = JSON.stringify(value) ?? String(value);
    return json.length > 80 ? `${json.slice(0, 77)}…` : json;
};

function schemaProblem(error: ErrorObject, data: unknown): CatalogProblem {
    const { where, segments } = schemaErrorLocation(error.instancePath);
    const field = segments[segments.length - 1];
    const params = error.params as Record<string, unknown>;
    const value = segments.reduce<unknown>((current, segment) => (current && typeof current === "object" ? (current as Record<string | number, unknown>)[segment] : undefined), data);
    switch (error.keyword) {
        case "required":
            return { where: where === "(top level)" ? String(params["missingProperty"]) : `${where}.${String(params["missingProperty"])}`, message: "is missing; rebuild the catalog with `icp-guard endpoints`" };
        case "additionalProperties": {
            const extra = String(params["additionalProperty"]);
            const allowed = segments.length === 0 ? TOP_FIELDS : field === "source" ? SOURCE_FIELDS : ENTRY_FIELDS;
            const suggestion = closestName(extra, allowed);
            const name = /^[A-Za-z_$][\w$-]*$/.test(extra) ? extra : JSON.stringify(extra);
            return { where: where === "(top level)" ? name : `${where}.${name}`, message: `unknown field${suggestion ? `; did you mean "${suggestion}"?` : `; allowed fields are ${allowed.join(", ")}`}` };
        }
        case "type":
            return { where, message: `must be ${String(params["type"]) === "array" ? "a list" : String(params["type"]) === "object" ? "an object" : `a ${String(params["type"])}`}, not ${value === null ? "null" : Array.isArray(value) ? "a list" : typeof value}` };
        case "enum":
            return { where, message: `${truncate(value)} is not one of ${((params["allowedValues"] as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(", ")}` };
        case "pattern":
            return { where, message: `${truncate(value)} is not an ISO 8601 time such as 2026-11-29T08:00:00Z` };
        case "minLength":
            return { where, message: "is empty" };
        case "maxLength":
            return { where, message: `is longer than ${String(params["limit"])} characters` };
        case "minimum":
            return { where, message: `${truncate(value)} is not a catalog format version (1 or later)` };
        default:
            return { where, message: error.message ?? "is invalid" };
    }
}

export interface CatalogOptions {
    /** The moment the catalog is read (its age is measured from it); default now. */
    readonly now?: Date;
}

/**
 * Validates catalog data (the JSON of `icp-guard endpoints`, or the `icp-endpoint-catalog` config)
 * and indexes it by address. Throws CatalogError listing every problem.
 */
export function parseEndpointCatalog(data: unknown, source: string, options: CatalogOptions = {}): EndpointCatalog {
    let size: number;
    try {
        size = Buffer.byteLength(JSON.stringify(data) ?? "", "utf8");
    } catch {
        size = Infinity;
    }
    if (size > MAX_CATALOG_BYTES) throw new CatalogError(source, [{ where: "(top level)", message: `is ${size} bytes; a catalog is limited to ${MAX_CATALOG_BYTES} bytes` }]);
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
        throw new CatalogError(source, [{ where: "(top level)", message: "must be an object with version, generatedAt and endpoints, as `icp-guard endpoints` writes it" }]);
    }
    const validate = compiledValidator(CATALOG_VALIDATOR);
    const problems: CatalogProblem[] = [];
    // Entries with a shape problem are reported and not used; every other entry is still checked.
    const brokenEntries = new Set<number>();
    let brokenTop = false;
    if (!validate(data)) {
        for (const error of validate.errors ?? []) {
            problems.push(schemaProblem(error, data));
            const match = /^\/endpoints\/(\d+)/.exec(error.instancePath);
            if (match) brokenEntries.add(Number(match[1]));
            else brokenTop = true;
        }
    }
    const document = data as Partial<CatalogDocument>;
    const now = options.now ?? new Date();
    if (typeof document.version === "number" && Number.isInteger(document.version) && document.version > CATALOG_FORMAT_VERSION) {
        problems.push({ where: "version", message: `${document.version} is a newer catalog format than this icp-guard reads (${CATALOG_FORMAT_VERSION}); upgrade icp-guard, or rebuild the catalog with this version` });
    }
    let ageDays = 0;
    const generatedAt = typeof document.generatedAt === "string" ? document.generatedAt : "";
    if (generatedAt !== "" && new RegExp(ISO_TIME).test(generatedAt)) {
        const time = Date.parse(generatedAt);
        if (Number.isNaN(time)) problems.push({ where: "generatedAt", message: `${truncate(generatedAt)} is not a real time` });
        else if (time > now.getTime() + 24 * 3600 * 1000) problems.push({ where: "generatedAt", message: `${generatedAt} is in the future; check the clock of the machine that built the catalog` });
        else ageDays = Math.max(0, Math.floor((now.getTime() - time) / (24 * 3600 * 1000)));
    }

    const entries: CatalogEntry[] = [];
    const byKey = new Map<string, { entry: CatalogEntry; index: number }>();
    const raw = Array.isArray(document.endpoints) ? (document.endpoints as unknown[]) : [];
    raw.forEach((item, index) => {
        if (brokenEntries.has(index) || item === null || typeof item !== "object" || Array.isArray(item)) return;
        const entry = item as CatalogEntry;
        const at = `endpoints[${index}]`;
        const before = problems.length;
        const key = catalogKey(entry.address);
        if (!isCatalogAddress(key)) problems.push({ where: `${at}.address`, message: `${truncate(entry.address)} is neither an IP address nor a hostname` });
        if (entry.source.stack === undefined && entry.source.file === undefined) problems.push({ where: `${at}.source`, message: "names neither a stack nor a file; every entry says where it came from" });
        if (entry.source.writtenAt !== undefined && Number.isNaN(Date.parse(entry.source.writtenAt))) problems.push({ where: `${at}.source.writtenAt`, message: `${truncate(entry.source.writtenAt)} is not a real time` });
        if (entry.region !== undefined) {
            const cls = classifyRegion(entry.region);
            if (cls === "not-a-region") problems.push({ where: `${at}.region`, message: `${truncate(entry.region)} is not an Alibaba Cloud region ID such as cn-hangzhou or cn-hongkong` });
            else if (entry.network === "public" && entry.location !== undefined && entry.location !== "undecidable") {
                const mainland = isMainlandClass(cls);
                if (mainland !== (entry.location === "mainland")) {
                    problems.push({ where: `${at}.location`, message: `"${entry.location}" contradicts region ${showRegion(entry.region)}, which is ${mainland ? "in" : "outside"} the Chinese mainland` });
                }
            }
        }
        if (entry.network === "public" && entry.location === undefined) problems.push({ where: `${at}.location`, message: 'is missing: a public endpoint says where it serves from ("mainland", "outside" or "undecidable")' });
        if (problems.length > before) return;
        const normalised: CatalogEntry = { ...entry, address: key };
        const seen = byKey.get(key);
        if (seen && !sameFacts(seen.entry, normalised)) {
            problems.push({
                where: `${at}.address`,
                message:
                    `${key} is catalogued as ${showPlace(normalised)} from ${showCatalogSource(normalised)}, and as ${showPlace(seen.entry)} from ${showCatalogSource(seen.entry)} (endpoints[${seen.index}]); ` +
                    "an address lives in one place, so one of the two sources is out of date",
            });
            return;
        }
        entries.push(normalised);
        if (!seen) byKey.set(key, { entry: normalised, index });
    });
    if (brokenTop && problems.length === 0) problems.push({ where: "(top level)", message: "is not a catalog" });
    if (problems.length > 0) throw new CatalogError(source, problems);
    return { source, generatedAt, ageDays, entries, lookup: (address) => byKey.get(catalogKey(address))?.entry };
}

/**
 * The catalog the policy config carries under `icp-endpoint-catalog`, or undefined when it carries
 * none (no properties, or only empty ones). Throws CatalogError, every problem at once.
 */
export function catalogFromConfig(properties: Readonly<Record<string, unknown>> | undefined, options: CatalogOptions = {}): EndpointCatalog | undefined {
    if (properties === undefined) return undefined;
    const given = Object.entries(properties).filter(([, value]) => value !== undefined && value !== null);
    if (given.length === 0) return undefined;
    return parseEndpointCatalog(Object.fromEntries(given), CATALOG_CONFIG_SOURCE, options);
}

/** Orders entries as the catalog is written: by address, then source, then resource. */
export function sortCatalogEntries(entries: readonly CatalogEntry[]): CatalogEntry[] {
    const text = (entry: CatalogEntry) => [entry.address, entry.source.stack ?? "", entry.source.file ?? "", entry.resourceAddress ?? entry.urn ?? "", entry.name];
    return [...entries].sort((a, b) => {
        const [x, y] = [text(a), text(b)];
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
        return 0;
    });
}

/**
 * The catalog document for entries: sorted, identical entries from the same place collapsed.
 * Throws CatalogError when two sources disagree about an address (the same check the pack makes).
 */
export function catalogDocument(entries: readonly CatalogEntry[], generatedAt: Date, toolVersion: string): CatalogDocument {
    const seen = new Set<string>();
    const unique = sortCatalogEntries(entries).filter((entry) => {
        const identity = JSON.stringify([entry.address, entry.source, entry.urn, entry.resourceAddress, entry.type]);
        if (seen.has(identity)) return false;
        seen.add(identity);
        return true;
    });
    const document: CatalogDocument = { tool: "icp-guard", toolVersion, version: CATALOG_FORMAT_VERSION, generatedAt: generatedAt.toISOString(), endpoints: unique };
    parseEndpointCatalog(document, "built from these sources", { now: generatedAt });
    return document;
}
