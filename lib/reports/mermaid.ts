/**
 * The chain the gate followed for each blocked domain, as a Mermaid flowchart GitHub renders in a
 * pull-request comment: record → endpoint → where it serves (for DNS records; with the records of
 * the inputs a CNAME leads through in between), or domain → binding → scope/region (for resources
 * that bind a domain themselves). Built from the findings' message data, which the runner has
 * already scrubbed of secrets.
 */
import { CHAIN_SEPARATOR } from "../kit/explain";
import { ReportedFinding } from "../kit/runner";
import { ReportedResource, shortLabel } from "./location";

/** GitHub refuses comments over 65,536 characters; a diagram is a summary, not the full list. */
const MAX_CHAINS = 30;

/** Mermaid label text: no quotes, brackets or backticks that would end the label or start markup. */
function label(text: string): string {
    const flat = text.replace(/\s+/g, " ").trim();
    const clipped = flat.length > 90 ? `${flat.slice(0, 89)}…` : flat;
    return clipped.replace(/"/g, "#quot;").replace(/`/g, "'").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

const known = (value: string | undefined): value is string => value !== undefined && value !== "" && value !== "(unknown)";

/** One chain's nodes and edge labels, or undefined when the finding carries no chain. */
function chainOf(reported: ReportedFinding, resource: ReportedResource | undefined): { nodes: string[]; edges: string[] } | undefined {
    const data = reported.finding.data;
    const domain = known(data["domain"]) ? data["domain"] : reported.finding.domain;
    if (!known(domain)) return undefined;
    const resourceName = shortLabel(resource, reported.finding.urn);
    if (known(data["record"]) && known(data["endpoint"])) {
        const served = known(data["served"]) ? data["served"] : "Chinese mainland";
        if (known(data["chain"])) {
            // www.example.co CNAME → DNS record example.co A → the endpoint: each record of the chain a node.
            // A long chain comes with its middle left out ("…").
            const records = data["chain"].split(CHAIN_SEPARATOR).map((record) => (record === "…" ? record : `DNS record ${record}`));
            return {
                nodes: [domain, `${data["record"]} (${resourceName})`, ...records, data["endpoint"], served],
                edges: ["", ...records.map(() => "points at"), known(data["chainVia"]) ? data["chainVia"] : "", ""],
            };
        }
        return { nodes: [domain, `${data["record"]} (${resourceName})`, data["endpoint"], served], edges: ["", known(data["via"]) ? data["via"] : "", ""] };
    }
    if (known(data["product"])) {
        const served = known(data["served"]) ? data["served"] : "Chinese mainland";
        return { nodes: [domain, `${resourceName}: ${data["product"]}`, served], edges: [known(data["property"]) ? data["property"] : "", ""] };
    }
    return undefined;
}

/** A fenced ```mermaid block, or "" when no mandatory finding has a chain to draw. */
export function chainDiagram(findings: readonly ReportedFinding[], resources: ReadonlyMap<string, ReportedResource>): string {
    const lines: string[] = [];
    let chains = 0;
    let omitted = 0;
    const seen = new Set<string>();
    for (const reported of findings) {
        if (reported.level !== "mandatory") continue;
        const chain = chainOf(reported, resources.get(reported.finding.urn));
        if (!chain) continue;
        const key = `${reported.definition.id}\u0000${chain.nodes.join("\u0000")}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (chains >= MAX_CHAINS) {
            omitted++;
            continue;
        }
        const ids = chain.nodes.map((_node, index) => `c${chains}n${index}`);
        lines.push(`    subgraph g${chains}["${label(`${reported.definition.code} ${reported.definition.id}`)}"]`);
        lines.push(`        ${ids[0]}(["${label(chain.nodes[0])}"])`);
        for (let index = 1; index < chain.nodes.length; index++) {
            const edge = chain.edges[index - 1];
            const shape = index === chain.nodes.length - 1 ? `{{"${label(chain.nodes[index])}"}}` : `["${label(chain.nodes[index])}"]`;
            lines.push(`        ${ids[index - 1]} -->${edge ? `|"${label(edge)}"|` : ""} ${ids[index]}${shape}`);
        }
        lines.push("    end");
        chains++;
    }
    if (chains === 0) return "";
    const note = omitted > 0 ? `\n_${omitted} more blocked chain(s) are in the table above._\n` : "";
    return ["```mermaid", "flowchart LR", ...lines, "```", note].join("\n");
}
