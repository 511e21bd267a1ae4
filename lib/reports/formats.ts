/**
 * Output formats for the command line: text (as `pulumi preview` shows policy violations), JSON,
 * SARIF 2.1.0 (code scanning), JUnit XML (CI test tabs), Markdown (a pull-request comment) and
 * GitHub workflow annotations.
 */
import { createHash } from "crypto";
import { PolicyDefinition, Severity } from "../kit/policy-kit";
import { ReportedFinding } from "../kit/runner";
import { namingOf } from "../model/naming";
import { locate, ReportedResource, resourceLabel } from "./location";
import { chainDiagram } from "./mermaid";
import { countFindings, summaryLine } from "./summary";

export type { ReportedResource } from "./location";
export { countFindings, summaryLine } from "./summary";

export const FORMATS = ["text", "json", "sarif", "junit", "markdown", "github"] as const;
export type Format = (typeof FORMATS)[number];

export interface ReportInput {
    readonly findings: readonly ReportedFinding[];
    readonly definitions: readonly PolicyDefinition[];
    /** URN → type, name, address and source position, for display and locations. */
    readonly resources: ReadonlyMap<string, ReportedResource>;
    /** The analysed file(s), as given. */
    readonly file: string;
    /** Where results point in code scanning when a resource has no source position (the file by default). */
    readonly source: string;
    /** The Pulumi project's directory relative to the repository root: source positions are relative to it. */
    readonly sourceRoot?: string;
    readonly version: string;
    /** ANSI colour in the text format (only for a terminal, never with NO_COLOR). */
    readonly colour?: boolean;
    /** Set when the inputs referenced resources they did not contain, or an input is an errored or incomplete plan (`--partial`). */
    readonly partial?: { readonly missingReferences: number; readonly incompleteInputs?: number };
}

const TOOL = "icp-guard";
const INFORMATION_URI = "https://github.com/icp-guard/icp-guard";

function where(input: ReportInput, urn: string): string {
    return resourceLabel(input.resources.get(urn), urn);
}

function counts(findings: readonly ReportedFinding[]): { mandatory: number; advisory: number } {
    const { mandatory, advisory } = countFindings(findings);
    return { mandatory, advisory };
}

const located = (input: ReportInput, urn: string) => locate(input.resources.get(urn), input.source, input.sourceRoot);

/** `infra/index.ts:12:5`, for people. */
function showLocation(input: ReportInput, urn: string): string | undefined {
    const place = located(input, urn);
    return place.fromSource ? `${place.uri}:${place.line}${place.column !== undefined ? `:${place.column}` : ""}` : undefined;
}

/** How many records a grouped entry names before "and N more". */
const NAMED_IN_GROUP = 5;

interface SummaryEntry {
    readonly reported: ReportedFinding;
    /** Other findings shown under this one (undecidable records of the same registrable domain). */
    readonly alike: readonly ReportedFinding[];
}

/**
 * The findings as the human-readable reports (text, Markdown) list them: undecidable DNS records
 * (icp-binding-undecidable) of one registrable domain under one entry, the first record's message
 * and the others named — a zone of 85 records with unknown targets is one entry, not 85. The
 * machine formats (JSON, SARIF, JUnit, annotations) keep one result per finding, as the pack does.
 */
export function summaryEntries(findings: readonly ReportedFinding[]): SummaryEntry[] {
    const entries: { reported: ReportedFinding; alike: ReportedFinding[] }[] = [];
    const byZone = new Map<string, { reported: ReportedFinding; alike: ReportedFinding[] }>();
    for (const reported of findings) {
        const { finding, definition, level } = reported;
        const registrable = finding.data["registrable"];
        const groupable = definition.id === "icp-binding-undecidable" && finding.messageId === "recordUndecidable" && registrable && !registrable.startsWith("(");
        if (!groupable) {
            entries.push({ reported, alike: [] });
            continue;
        }
        const key = `${level}\u0000${registrable}`;
        const entry = byZone.get(key);
        if (entry) entry.alike.push(reported);
        else {
            const created = { reported, alike: [] };
            byZone.set(key, created);
            entries.push(created);
        }
    }
    return entries;
}

/** `Also undecidable under example.co (12 more records): … and 7 more.` */
function alikeLine(input: ReportInput, entry: SummaryEntry): string | undefined {
    if (entry.alike.length === 0) return undefined;
    const names = entry.alike.slice(0, NAMED_IN_GROUP).map(({ finding }) => where(input, finding.urn));
    const more = entry.alike.length - names.length;
    return `Also undecidable under ${entry.reported.finding.data["registrable"]} (${entry.alike.length} more DNS record${entry.alike.length === 1 ? "" : "s"}, each its own result in the JSON, SARIF and JUnit reports): ${names.join(", ")}${more > 0 ? ` and ${more} more` : ""}.`;
}

const ANSI = { red: "\u001b[31m", yellow: "\u001b[33m", green: "\u001b[32m", bold: "\u001b[1m", dim: "\u001b[2m", reset: "\u001b[0m" } as const;

function text(input: ReportInput): string {
    const { mandatory } = counts(input.findings);
    const paint = (code: string, value: string) => (input.colour ? `${code}${value}${ANSI.reset}` : value);
    const lines = [`Policies:`, `    ${mandatory > 0 ? "❌" : "✅"} ${TOOL}@v${input.version} (${input.file})`];
    for (const entry of summaryEntries(input.findings)) {
        const { definition, finding, level } = entry.reported;
        const tag = paint(level === "mandatory" ? ANSI.red : ANSI.yellow, `[${level}]`);
        const place = showLocation(input, finding.urn);
        lines.push(`        - ${tag}  ${paint(ANSI.bold, definition.id)}  (${where(input, finding.urn)}${place ? ` at ${place}` : ""})`);
        for (const line of finding.message.split("\n")) lines.push(`          ${line}`);
        const alike = alikeLine(input, entry);
        if (alike) lines.push(`          ${alike}`);
    }
    const resourceCount = input.resources.size;
    const summary = summaryLine(countFindings(input.findings), input.file, resourceCount, input.partial !== undefined);
    lines.push("", paint(mandatory > 0 ? ANSI.red : ANSI.green, summary));
    return `${lines.join("\n")}\n`;
}

function json(input: ReportInput): string {
    return `${JSON.stringify(
        {
            tool: TOOL,
            version: input.version,
            file: input.file,
            partial: input.partial !== undefined,
            ...(input.partial ? { missingReferences: input.partial.missingReferences } : {}),
            summary: countFindings(input.findings),
            findings: input.findings.map(({ definition, finding, level }) => {
                const resource = input.resources.get(finding.urn);
                const place = located(input, finding.urn);
                return {
                    policy: definition.id,
                    code: definition.code,
                    level,
                    severity: definition.severity,
                    // A resource its front end names by address (Terraform) is identified by it, not by an internal URN.
                    ...(resource?.address !== undefined ? { address: resource.address } : { urn: finding.urn }),
                    ...(resource ? { type: namingOf(resource).typeId(resource.type), name: resource.name } : {}),
                    ...(finding.domain !== undefined ? { domain: finding.domain } : {}),
                    ...(place.fromSource ? { location: { file: place.uri, line: place.line, ...(place.column !== undefined ? { column: place.column } : {}) } } : {}),
                    messageId: finding.messageId,
                    message: finding.message,
                    url: definition.url,
                };
            }),
        },
        null,
        2,
    )}\n`;
}

const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };
const sarifLevel = (level: string) => (level === "mandatory" ? "error" : "warning");

function sarif(input: ReportInput): string {
    const rules = input.definitions.map((definition) => ({
        id: definition.id,
        name: definition.id.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) => letter.toUpperCase()),
        shortDescription: { text: definition.title },
        fullDescription: { text: definition.description },
        helpUri: definition.url,
        help: { text: definition.remediationSteps, markdown: `${definition.remediationSteps}\n\n[Documentation](${definition.url})` },
        defaultConfiguration: { level: sarifLevel(definition.defaultLevel) },
        properties: { tags: [...definition.tags], precision: "high", "security-severity": SECURITY_SEVERITY[definition.severity], code: definition.code },
    }));
    const ruleIndex = new Map(input.definitions.map((definition, index) => [definition.id, index]));
    const results = input.findings.map(({ definition, finding, level }) => {
        const resource = input.resources.get(finding.urn);
        const place = located(input, finding.urn);
        return {
            ruleId: definition.id,
            ruleIndex: ruleIndex.get(definition.id) ?? 0,
            level: sarifLevel(level),
            message: { text: finding.message },
            locations: [
                {
                    physicalLocation: {
                        artifactLocation: { uri: place.uri },
                        region: { startLine: place.line, ...(place.column !== undefined ? { startColumn: place.column } : {}) },
                    },
                    logicalLocations: finding.urn
                        ? [{ name: resource?.address ?? resource?.name ?? finding.urn, fullyQualifiedName: resource?.address ?? finding.urn, kind: "resource" }]
                        : [{ name: "stack", fullyQualifiedName: "stack", kind: "module" }],
                },
            ],
            partialFingerprints: {
                "icpGuardFinding/v1": createHash("sha256").update(`${definition.id}\u0000${finding.urn}\u0000${finding.messageId}\u0000${finding.domain ?? ""}`).digest("hex"),
            },
        };
    });
    return `${JSON.stringify(
        {
            $schema: "https://json.schemastore.org/sarif-2.1.0.json",
            version: "2.1.0",
            runs: [{ tool: { driver: { name: TOOL, version: input.version, semanticVersion: input.version, informationUri: INFORMATION_URI, rules } }, results }],
        },
        null,
        2,
    )}\n`;
}

const xml = (value: string) =>
    value
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        // XML 1.0 forbids most control characters even as references.
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd");

function junit(input: ReportInput): string {
    const { mandatory } = counts(input.findings);
    // Grouped in one pass: a report may hold hundreds of thousands of findings.
    const byPolicy = new Map<string, ReportedFinding[]>(input.definitions.map((definition) => [definition.id, []]));
    for (const reported of input.findings) byPolicy.get(reported.definition.id)?.push(reported);
    const suites = input.definitions.map((definition) => {
        const own = byPolicy.get(definition.id) ?? [];
        const cases = own.length
            ? own.map(({ finding, level }) => {
                  const name = xml(where(input, finding.urn));
                  const body =
                      level === "mandatory"
                          ? `<failure message="${xml(finding.message.split("\n")[0])}" type="${definition.id}">${xml(finding.message)}</failure>`
                          : `<system-out>${xml(`[advisory] ${finding.message}`)}</system-out>`;
                  return `    <testcase classname="${definition.id}" name="${name}">${body}</testcase>`;
              })
            : [`    <testcase classname="${definition.id}" name="no findings"/>`];
        const failures = own.filter((f) => f.level === "mandatory").length;
        return `  <testsuite name="${definition.code} ${definition.id}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n${cases.join("\n")}\n  </testsuite>`;
    });
    const tests = input.definitions.reduce((sum, d) => sum + Math.max(1, byPolicy.get(d.id)?.length ?? 0), 0);
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${TOOL}" tests="${tests}" failures="${mandatory}" errors="0">\n${suites.join("\n")}\n</testsuites>\n`;
}

const cell = (value: string) => value.replace(/\|/g, "\\|").replace(/\n/g, " ");

function markdown(input: ReportInput): string {
    const { mandatory, advisory } = counts(input.findings);
    const heading = mandatory > 0 ? `### ❌ icp-guard: ${mandatory} mandatory, ${advisory} advisory` : `### ✅ icp-guard: no mandatory findings${advisory ? ` (${advisory} advisory)` : ""}`;
    const partial = !input.partial
        ? []
        : input.partial.missingReferences > 0
          ? [`> ⚠️ Partial report: the inputs referenced ${input.partial.missingReferences} resource(s) they did not contain, so findings may be missing. Run \`pulumi preview --json --show-sames\`.`, ""]
          : [`> ⚠️ Partial report: an input is an errored or incomplete Terraform plan, so findings may be missing. Fix the plan's errors (or apply its deferred changes) and plan again.`, ""];
    if (input.findings.length === 0) return [heading, "", ...partial, `No domain without an ICP filing is bound to a Chinese mainland endpoint in \`${input.file}\`.`, ""].join("\n");
    const entries = summaryEntries(input.findings);
    const rows = entries.map((entry) => {
        const { definition, finding, level } = entry.reported;
        const place = showLocation(input, finding.urn);
        const alike = entry.alike.length > 0 ? ` (and ${entry.alike.length} more under ${finding.data["registrable"]})` : "";
        return `| ${level === "mandatory" ? "❌ mandatory" : "⚠️ advisory"} | [${definition.code} ${definition.id}](${definition.url}) | \`${cell(where(input, finding.urn))}\`${place ? ` at \`${cell(place)}\`` : ""}${cell(alike)} | ${cell(finding.message.split("\n")[0])} |`;
    });
    const details = entries.map((entry) => {
        const { definition, finding } = entry.reported;
        const alike = alikeLine(input, entry);
        return `<details><summary>${definition.id} — ${xml(where(input, finding.urn))}</summary>\n\n${finding.message}${alike ? `\n\n${alike}` : ""}\n\n</details>`;
    });
    const diagram = chainDiagram(input.findings, input.resources);
    const chains = diagram ? ["#### What the gate followed", "", "For each blocked domain: the record or binding, the endpoint and where it serves.", "", diagram, ""] : [];
    return [heading, "", ...partial, "| Level | Policy | Resource | Finding |", "|---|---|---|---|", ...rows, "", ...chains, ...details, ""].join("\n");
}

/** GitHub workflow commands: the message needs %, CR and LF escaped; properties also : and ,. */
const escapeData = (value: string) => value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (value: string) => escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");

function github(input: ReportInput): string {
    const lines = input.findings.map(({ definition, finding, level }) => {
        const command = level === "mandatory" ? "error" : "warning";
        const title = escapeProperty(`${definition.code} ${definition.id}: ${where(input, finding.urn)}`);
        const place = located(input, finding.urn);
        const position = place.fromSource ? `,line=${place.line}${place.column !== undefined ? `,col=${place.column}` : ""}` : "";
        return `::${command} file=${escapeProperty(place.uri)}${position},title=${title}::${escapeData(finding.message)}`;
    });
    return lines.length ? `${lines.join("\n")}\n` : "";
}

export function render(format: Format, input: ReportInput): string {
    switch (format) {
        case "text":
            return text(input);
        case "json":
            return json(input);
        case "sarif":
            return sarif(input);
        case "junit":
            return junit(input);
        case "markdown":
            return markdown(input);
        case "github":
            return github(input);
    }
}

