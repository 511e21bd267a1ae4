/**
 * ICP008 icp-tld-not-fileable — a domain whose TLD can never be ICP-filed (or may not be) is
 * served from the Chinese mainland.
 *
 * Why: only domains under MIIT-approved suffixes can be filed (信管〔2017〕264号; ICP-RULES.md §9).
 * For .io, .dev, .app, .ai and the like, filing is impossible, so "file the domain" is no fix:
 * the choices are serving from outside the mainland or using another domain. The TLD table is
 * data (data/tlds.json) with a snapshot date and sources; TLDs it does not list need a manual check.
 * A DNS record whose name is not known until apply is decided from its zone: the TLD is the zone's.
 */
import { showHost } from "../lib/model/domain";
import { definePolicy, MessageData, Report } from "../lib/kit/policy-kit";
import { FilingRegistry } from "../lib/model/registry";
import { TLD_SNAPSHOT, tldTier } from "../lib/model/tld";
import { DomainUsage, resourceUsages, stackUsages } from "../lib/kit/usages";
import { BINDING_TYPES } from "../lib/graph/bindings";
import { DNS_TYPES } from "../lib/graph/dns";
import { SECRET_DOMAIN } from "../lib/kit/explain";

type MessageId = "tldNotFileable" | "tldUnverified";

function check(usage: DomainUsage, registry: FilingRegistry, report: Report<MessageId>): void {
    // A filed domain is filed: the registry rejects entries whose TLD cannot be filed.
    if (registry.lookup(usage.host.registrable)) return;
    const verdict = tldTier(usage.host);
    if (verdict.tier === "approved") return;
    // A name known only by its zone has the zone's TLD, so the zone decides.
    const data: MessageData = {
        domain: usage.secret ? SECRET_DOMAIN : usage.zoneOnly ? `a name under ${showHost(usage.host.ascii)} (not known until apply)` : showHost(usage.host.ascii),
        tld: `.${usage.secret ? "(hidden)" : verdict.tld}`,
        how: usage.how,
        note: usage.secret ? "the suffix is hidden with the secret domain" : (verdict.note ?? ""),
        snapshot: TLD_SNAPSHOT,
    };
    if (verdict.tier === "not-approved") report(usage.urn, "tldNotFileable", data, { domain: usage.host.registrable });
    else report(usage.urn, "tldUnverified", data, { advisoryOnly: true, domain: usage.host.registrable });
}

export default definePolicy<MessageId>({
    id: "icp-tld-not-fileable",
    code: "ICP008",
    title: "Domain under a TLD that cannot be ICP-filed is served from the Chinese mainland",
    description:
        "A domain served from the Chinese mainland is under a top-level domain that MIIT has not approved (e.g. .io, .dev, .app, .ai), so it can never get an ICP filing; TLDs not confirmed either way are reported as advisory.",
    severity: "critical",
    defaultLevel: "mandatory",
    remediationSteps:
        "Filing is impossible for this TLD: serve the site from outside the Chinese mainland (scope \"overseas\", a non-mainland region or DNS target), or use a domain under an approved suffix (.cn, .com, .net, …) and file that.",
    tags: ["icp", "china", "domain", "tld"],
    configSchema: { properties: {} },
    resourceTypes: [...BINDING_TYPES, ...DNS_TYPES],
    // About the domain itself: at advisory, once per registrable domain per stack (runner.ts).
    perDomainMessages: ["tldNotFileable", "tldUnverified"],
    messages: {
        tldNotFileable: (d) =>
            `${d.domain} is served from the Chinese mainland — ${d.how} — but ${d.tld} is not an MIIT-approved suffix, so no ICP filing is possible for it (icp-guard TLD table, snapshot ${d.snapshot}).\n` +
            "Fix: serve it from outside the Chinese mainland (scope \"overseas\", a non-mainland region or DNS target), or move the site to a domain under an approved suffix such as .cn or .com and file that.",
        tldUnverified: (d) =>
            `${d.domain} is served from the Chinese mainland — ${d.how} — and whether ${d.tld} domains can be filed is not confirmed: ${d.note}.\n` +
            "Fix: check with your filing agent (接入商) that the province accepts this suffix before you file, or use a domain under a confirmed suffix.",
    },
    checkResource(resource, context, report) {
        for (const usage of resourceUsages(resource, context)) check(usage, context.registry, report);
    },
    checkStack(stack, context, report) {
        for (const usage of stackUsages(stack, context)) check(usage, context.registry, report);
    },
});
