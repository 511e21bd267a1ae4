/**
 * Output formats for the command line: text (as `pulumi preview` shows policy violations), JSON,
 * SARIF 2.1.0 (code scanning), JUnit XML (CI test tabs), Markdown (a pull-request comment) and
 * GitHub workflow annotations.
 */
import { createHash } from "crypto";
import { PolicyDefinition, Severity } from "../kit/policy-kit";
import { ReportedFinding } from "../kit/runner";
import type { SourcePosition } from "../model/resource";

export const FORMATS = ["text", "json", "sarif", "junit", "markdown", "github"] as const;
export type Format = (typeof FORMATS)[number];

export interface ReportInput {
    readonly findings: readonly ReportedFinding[];
    readonly definitions: readonly PolicyDefinition[];
    /** URN → type and name, for display; a Terraform address and a source position when the input has them. */
    readonly resources: ReadonlyMap<string, { readonly type: string; readonly name: string; readonly address?: string; readonly sourcePosition?: SourcePosition }>;
    /** The analysed file, as given. */
    readonly file: string;
    /** Where results point in code scanning (the file by default). */
    readonly source: string;
    readonly version: string;
}

const TOOL = "icp-guard";
const INFORMATION_URI = "https://github.com/icp-guard/icp-guard";

function where(input: ReportInput, urn: string): string {
    if (urn === "") return "stack";
    const resource = input.resources.get(urn);
    // A front end's own name (a Terraform address) stands for type and name.
    return resource ? (resource.address ?? `${resource.type}: ${resource.name}`) : urn;
}

function counts(findings: readonly ReportedFinding[]): { mandatory: number; advisory: number } {
    const mandatory = findings.filter((f) => f.level === "mandatory").length;
    return { mandatory, advisory: findings.length - mandatory };
}

function text(input: ReportInput): string {
    const { mandatory, advisory } = counts(input.findings);
    const lines = [`Policies:`, `    ${mandatory > 0 ? "❌" : "✅"} ${TOOL}@v${input.version} (${input.file})`];
    for (const { definition, finding, level } of input.findings) {
        lines.push(`        - [${level}]  ${definition.id}  (${where(input, finding.urn)})`);
        for (const line of finding.message.split("\n")) lines.push(`          ${line}`);
    }
    lines.push("", `Summary: ${input.findings.length} finding(s): ${mandatory} mandatory, ${advisory} advisory.`);
    return `${lines.join("\n")}\n`;
}

function json(input: ReportInput): string {
    return `${JSON.stringify(
        {
            tool: TOOL,
            version: input.version,
            file: input.file,
            summary: counts(input.findings),
            findings: input.findings.map(({ definition, finding, level }) => ({
                policy: definition.id,
                code: definition.code,
                level,
                severity: definition.severity,
                urn: finding.urn,
                type: input.resources.get(finding.urn)?.type,
                name: input.resources.get(finding.urn)?.name,
                messageId: finding.messageId,
                message: finding.message,
                url: definition.url,
            })),
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
        return {
            ruleId: definition.id,
            ruleIndex: ruleIndex.get(definition.id) ?? 0,
            level: sarifLevel(level),
            message: { text: finding.message },
            locations: [
                {
                    physicalLocation: resource?.sourcePosition
                        ? {
                              artifactLocation: { uri: resource.sourcePosition.file.split("\\").join("/") },
                              region: { startLine: resource.sourcePosition.line, ...(resource.sourcePosition.column ? { startColumn: resource.sourcePosition.column } : {}) },
                          }
                        : { artifactLocation: { uri: input.source }, region: { startLine: 1 } },
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
    const suites = input.definitions.map((definition) => {
        const own = input.findings.filter((f) => f.definition.id === definition.id);
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
    const tests = input.definitions.reduce((sum, d) => sum + Math.max(1, input.findings.filter((f) => f.definition.id === d.id).length), 0);
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${TOOL}" tests="${tests}" failures="${mandatory}" errors="0">\n${suites.join("\n")}\n</testsuites>\n`;
}

const cell = (value: string) => value.replace(/\|/g, "\\|").replace(/\n/g, " ");

function markdown(input: ReportInput): string {
    const { mandatory, advisory } = counts(input.findings);
    const heading = mandatory > 0 ? `### ❌ icp-guard: ${mandatory} mandatory, ${advisory} advisory` : `### ✅ icp-guard: no mandatory findings${advisory ? ` (${advisory} advisory)` : ""}`;
    if (input.findings.length === 0) return `${heading}\n\nNo domain without an ICP filing is bound to a Chinese mainland endpoint in \`${input.file}\`.\n`;
    const rows = input.findings.map(
        ({ definition, finding, level }) =>
            `| ${level === "mandatory" ? "❌ mandatory" : "⚠️ advisory"} | [${definition.code} ${definition.id}](${definition.url}) | \`${cell(where(input, finding.urn))}\` | ${cell(finding.message.split("\n")[0])} |`,
    );
    const details = input.findings.map(({ definition, finding }) => `<details><summary>${definition.id} — ${xml(where(input, finding.urn))}</summary>\n\n${finding.message}\n\n</details>`);
    return [heading, "", "| Level | Policy | Resource | Finding |", "|---|---|---|---|", ...rows, "", ...details, ""].join("\n");
}

/** GitHub workflow commands: the message needs %, CR and LF escaped; properties also : and ,. */
const escapeData = (value: string) => value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (value: string) => escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");

function github(input: ReportInput): string {
    const lines = input.findings.map(({ definition, finding, level }) => {
        const command = level === "mandatory" ? "error" : "warning";
        const title = escapeProperty(`${definition.code} ${definition.id}: ${where(input, finding.urn)}`);
        const position = input.resources.get(finding.urn)?.sourcePosition;
        const location = position ? `file=${escapeProperty(position.file.split("\\").join("/"))},line=${position.line}` : `file=${escapeProperty(input.source)}`;
        return `::${command} ${location},title=${title}::${escapeData(finding.message)}`;
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

