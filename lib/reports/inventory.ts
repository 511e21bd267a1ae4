/**
 * Output of `icp-guard domains`: the domain inventory as text, JSON, Markdown, or a YAML registry
 * draft for the domains not yet in the registry. The draft never marks anything filed: the ICP
 * number and access providers are left as comments for a person to fill in from the MIIT filing,
 * and until they do, the draft does not even load as a registry (the entries lack `icp`).
 */
import { AccessRequirement } from "../graph/bindings";
import { InventoryBinding, InventoryDomain, RegistryStatus } from "../kit/inventory";

export const INVENTORY_FORMATS = ["text", "json", "markdown", "yaml"] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

export interface InventoryReport {
    readonly domains: readonly InventoryDomain[];
    /** The inputs, as given. */
    readonly files: readonly string[];
    /** How the registry is named in messages. */
    readonly registry: string;
    readonly version: string;
}

const NEEDS: Record<AccessRequirement, string> = {
    alibaba: "a filing with Alibaba Cloud as access provider (接入阿里云)",
    any: "any ICP filing (ICP备案)",
};

const STATUS_LABEL: Record<RegistryStatus, string> = {
    filed: "filed",
    "filed-elsewhere": "filed elsewhere",
    unfiled: "unfiled",
    unfileable: "unfileable",
    waived: "waived",
};

/** What to do about a domain no filing can cover. */
const UNFILEABLE_FIX = 'serve it only from outside the Chinese mainland (scope "overseas", a region or DNS target outside the mainland), or move the site to a domain under an approved suffix such as .cn or .com and file that';

function statusText(domain: InventoryDomain): string {
    const filing = domain.filing;
    switch (domain.status) {
        case "filed":
            return filing ? `filed: ${filing.icp.full}, access providers ${filing.accessProviders.join(", ")}` : "filed";
        case "filed-elsewhere":
            return `filed elsewhere: ${filing?.icp.full ?? "its filing"} lists ${filing?.accessProviders.join(", ") ?? "other access providers"}, not Alibaba Cloud, and a binding needs 接入阿里云`;
        case "unfiled":
            return `unfiled: no ICP filing (ICP备案) in the registry${domain.tld?.tier === "unverified" ? `; check that .${domain.tld.tld} can be filed before you file (${domain.tld.note ?? "not confirmed"})` : ""}`;
        case "unfileable":
            return `unfileable: .${domain.tld?.tld ?? "?"} is not an MIIT-approved suffix, so no ICP filing (ICP备案) can exist for it; ${UNFILEABLE_FIX}`;
        case "waived":
            return `waived: ${[...new Set(domain.bindings.map((b) => b.waivedBy).filter((w) => w))].join(", ")} (no qualifying filing)`;
    }
}

function bindingText(binding: InventoryBinding): string {
    const served = binding.served === "mainland" ? binding.where : `may serve the mainland: ${binding.where}`;
    return `${binding.resource}: ${binding.via} ${binding.product}; ${served}; needs ${binding.needs === "alibaba" ? "接入阿里云" : "any filing"}${binding.waivedBy ? `; waived by ${binding.waivedBy}` : ""} [${binding.file}]`;
}

function summary(domains: readonly InventoryDomain[]): Record<RegistryStatus, number> {
    const counts: Record<RegistryStatus, number> = { filed: 0, "filed-elsewhere": 0, unfiled: 0, unfileable: 0, waived: 0 };
    for (const domain of domains) counts[domain.status]++;
    return counts;
}

function summaryLine(domains: readonly InventoryDomain[]): string {
    const counts = summary(domains);
    return `Summary: ${domains.length} domain(s): ${counts.filed} filed, ${counts["filed-elsewhere"]} filed elsewhere, ${counts.unfiled} unfiled, ${counts.unfileable} unfileable, ${counts.waived} waived.`;
}

function text(report: InventoryReport): string {
    const lines = [`Domains served from the Chinese mainland by ${report.files.join(", ")} (registry: ${report.registry}):`];
    if (report.domains.length === 0) lines.push("", "  none: no stack binds a domain to, or points one at, a mainland endpoint.");
    for (const domain of report.domains) {
        lines.push("", `${domain.display}  [${STATUS_LABEL[domain.status]}]`, `  needs: ${NEEDS[domain.needs]}`, `  registry: ${statusText(domain)}`);
        for (const binding of domain.bindings) lines.push(`  - ${bindingText(binding)}`);
    }
    lines.push("", summaryLine(report.domains));
    return `${lines.join("\n")}\n`;
}

function json(report: InventoryReport): string {
    return `${JSON.stringify(
        {
            tool: "icp-guard",
            version: report.version,
            files: report.files,
            registry: report.registry,
            summary: summary(report.domains),
            domains: report.domains.map((domain) => ({
                domain: domain.secret ? null : domain.display,
                ascii: domain.secret ? null : domain.domain,
                secret: domain.secret,
                needs: domain.needs,
                status: domain.status,
                filing: domain.filing ? { icp: domain.filing.icp.full, accessProviders: domain.filing.accessProviders } : null,
                bindings: domain.bindings.map((b) => ({
                    file: b.file,
                    // A resource its input names by address (Terraform) is identified by it, not by an internal URN.
                    ...(b.address !== undefined ? { address: b.address } : { urn: b.urn }),
                    resource: b.resource,
                    host: b.host ?? null,
                    zone: b.zone ?? null,
                    product: b.product,
                    via: b.via,
                    served: b.served,
                    where: b.where,
                    region: b.regionId ?? null,
                    ...(b.cluster !== undefined ? { cluster: b.cluster } : {}),
                    needs: b.needs,
                    waivedBy: b.waivedBy ?? null,
                })),
            })),
        },
        null,
        2,
    )}\n`;
}

const cell = (value: string) => value.replace(/\|/g, "\\|").replace(/\n/g, " ");

function markdown(report: InventoryReport): string {
    const icon: Record<RegistryStatus, string> = { filed: "✅", "filed-elsewhere": "⚠️", unfiled: "❌", unfileable: "🚫", waived: "⏳" };
    const lines = [
        `### icp-guard: domains served from the Chinese mainland`,
        "",
        `Inputs: ${report.files.map((f) => `\`${cell(f)}\``).join(", ")} · registry: ${cell(report.registry)}`,
        "",
        "| Domain | Status | Needs | Bindings |",
        "|---|---|---|---|",
    ];
    for (const domain of report.domains) {
        lines.push(
            `| ${cell(domain.display)} | ${icon[domain.status]} ${cell(statusText(domain))} | ${domain.needs === "alibaba" ? "接入阿里云" : "any filing"} | ${domain.bindings.map((b) => cell(bindingText(b))).join("<br>")} |`,
        );
    }
    lines.push("", summaryLine(report.domains));
    return `${lines.join("\n")}\n`;
}

/** Quotes a string for YAML (JSON strings are YAML double-quoted scalars). */
const quoted = (value: string) => JSON.stringify(value);
const commentSafe = (value: string) => value.replace(/[\r\n]+/g, " ");

function yamlDraft(report: InventoryReport): string {
    // A domain under a TLD MIIT has not approved can never be filed, and the registry refuses an
    // entry for it: it is named in a comment with its fix, never drafted as an entry.
    const unfileable = report.domains.filter((d) => !d.secret && !d.filing && d.tld?.tier === "not-approved");
    const missing = report.domains.filter((d) => !d.secret && !d.filing && d.tld?.tier !== "not-approved");
    const secretOpen = report.domains.filter((d) => d.secret && d.status !== "filed").length;
    const lines = [
        `# icp-guard registry draft: domains ${report.files.join(", ")} serve from the Chinese mainland that are not in ${report.registry}.`,
        "# Nothing here is filed. For each domain, copy its ICP number (网站备案号) and access providers (接入商) from its",
        "# MIIT filing (https://beian.miit.gov.cn), uncomment the two lines, and add the entry to your registry; or stop serving",
        "# the domain from the mainland. Until then these entries lack `icp`, so this draft does not load as a registry.",
    ];
    if (secretOpen > 0) lines.push(`# ${secretOpen} secret domain(s) without a qualifying filing are not listed (values hidden); see \`icp-guard domains\` text output.`);
    for (const domain of unfileable) {
        lines.push(`# Not drafted: ${commentSafe(domain.display)} can never be filed (.${domain.tld?.tld ?? "?"} is not an MIIT-approved suffix); ${UNFILEABLE_FIX}.`);
    }
    if (missing.length === 0) {
        lines.push(unfileable.length > 0 ? "# No other domain the stacks serve from the mainland is missing from the registry." : "# Every domain the stacks serve from the mainland is in the registry.", "filings: []");
        return `${lines.join("\n")}\n`;
    }
    lines.push("filings:");
    for (const domain of missing) {
        lines.push(`  # needs ${NEEDS[domain.needs]}${domain.status === "waived" ? `; now waived (${statusText(domain).replace(/^waived: /, "")})` : ""}`);
        if (domain.tld?.tier === "unverified") lines.push(`  # check that .${domain.tld.tld} can be filed before you file: ${commentSafe(domain.tld.note ?? "not confirmed")}`);
        for (const binding of domain.bindings.slice(0, 5)) lines.push(`  #   ${commentSafe(`${binding.resource}: ${binding.via} ${binding.product}`)}`);
        if (domain.bindings.length > 5) lines.push(`  #   … and ${domain.bindings.length - 5} more binding(s)`);
        // The ASCII (punycode) form: what the registry reads for any domain; the display form of an IDN adds its punycode in brackets.
        if (domain.display !== domain.domain) lines.push(`  # ${commentSafe(domain.display)}`);
        lines.push(`  - domain: ${quoted(domain.domain)}`);
        lines.push(`    # icp: "<ICP number, e.g. 浙ICP备2023012345号-1>"`);
        lines.push(`    # accessProviders: [${domain.needs === "alibaba" ? "alibaba" : "<access provider id, e.g. alibaba, tencent, huawei>"}]`);
    }
    return `${lines.join("\n")}\n`;
}

export function renderInventory(format: InventoryFormat, report: InventoryReport): string {
    switch (format) {
        case "text":
            return text(report);
        case "json":
            return json(report);
        case "markdown":
            return markdown(report);
        case "yaml":
            return yamlDraft(report);
    }
}
