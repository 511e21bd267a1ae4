/**
 * Counts per level and the one-line summary every format and the command line share.
 */
import { ReportedFinding } from "../kit/runner";

export interface Counts {
    readonly mandatory: number;
    readonly advisory: number;
    readonly total: number;
}

/** One pass over the findings (a report may hold hundreds of thousands). */
export function countFindings(findings: readonly ReportedFinding[]): Counts {
    let mandatory = 0;
    for (const finding of findings) if (finding.level === "mandatory") mandatory++;
    return { mandatory, advisory: findings.length - mandatory, total: findings.length };
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** `icp-guard: ❌ 2 mandatory, 1 advisory in preview.json (37 resources)` — one line, for logs and CI summaries. */
export function summaryLine(counts: Counts, files: string, resourceCount: number, partial: boolean): string {
    const mark = counts.mandatory > 0 ? "❌" : "✅";
    return `icp-guard: ${mark} ${counts.mandatory} mandatory, ${counts.advisory} advisory in ${files} (${plural(resourceCount, "resource", "resources")}${partial ? ", partial: some inputs were incomplete" : ""})`;
}
