/**
 * ICP009 icp-government-domain — a .gov.cn or .政务 domain is served from the Chinese mainland.
 *
 * Why: government websites use .gov.cn or .政务, which only government bodies may register, and
 * Alibaba Cloud's filing system cannot file them directly: a support ticket is needed
 * (ICP-RULES.md §3.4, "政府网站域名备案"). Worth a look before launch either way.
 * A DNS record whose name is not known until apply is decided from its zone where the zone
 * decides (checkZoneOnly), and reported as undecidable where the name would matter.
 */
import { showHost } from "../lib/model/domain";
import { definePolicy } from "../lib/kit/policy-kit";
import { isGovernmentDomain } from "../lib/model/tld";
import { DomainUsage, resourceUsages, stackUsages } from "../lib/kit/usages";
import { BINDING_TYPES } from "../lib/graph/bindings";
import { DNS_TYPES } from "../lib/graph/dns";
import { SECRET_DOMAIN } from "../lib/kit/explain";
import { Report } from "../lib/kit/policy-kit";
import { FilingRegistry } from "../lib/model/registry";
import { filingFor } from "../lib/kit/decide";

type MessageId = "governmentDomain" | "subUnitFiling" | "subUnitUndecidable";

/**
 * A record whose name is not known until apply, under a government zone. The zone tells that it is
 * a government domain; which entry covers the name is decided when it matters the same for every
 * name under the zone: a department's own entry covering the zone covers them all; with no entry
 * at or under the zone none is filed; with only the parent's entry and none under the zone, a
 * department zone is covered by the parent only. Otherwise (the parent's own zone, or department
 * entries under the zone) the answer depends on the name: an advisory says so.
 */
function checkZoneOnly(usage: DomainUsage, registry: FilingRegistry, report: Report<MessageId>): void {
    const zone = usage.host;
    const { filing, ownEntry } = filingFor(zone, registry);
    if (filing && ownEntry && zone.ascii !== zone.registrable) return;
    const shown = usage.secret ? SECRET_DOMAIN : `a name under ${showHost(zone.ascii)} (not known until apply)`;
    const entriesUnder = registry.entries.some((entry) => entry.domain.endsWith(`.${zone.ascii}`));
    if (!entriesUnder && !filing) {
        report(usage.urn, "governmentDomain", { domain: shown, how: usage.how }, { domain: zone.registrable });
        return;
    }
    const parent = usage.secret ? "its parent domain" : showHost(zone.registrable);
    if (!entriesUnder && filing && !ownEntry) {
        report(usage.urn, "subUnitFiling", { domain: shown, how: usage.how, parent, icp: filing.icp.full }, { domain: zone.registrable });
        return;
    }
    const state = filing
        ? `the registry covers it through ${parent}'s entry (${filing.icp.full}), which does not cover a department's own sub-domain`
        : `the registry has entries for departments under ${usage.secret ? "its zone" : showHost(zone.ascii)}, but none covering the zone itself`;
    report(usage.urn, "subUnitUndecidable", { domain: shown, how: usage.how, state }, { domain: zone.registrable });
}

function check(usage: DomainUsage, registry: FilingRegistry, report: Report<MessageId>): void {
    if (!isGovernmentDomain(usage.host)) return;
    if (usage.zoneOnly) {
        checkZoneOnly(usage, registry, report);
        return;
    }
    const { filing, ownEntry } = filingFor(usage.host, registry);
    const domain = usage.secret ? SECRET_DOMAIN : showHost(usage.host.ascii);
    if (!filing) {
        report(usage.urn, "governmentDomain", { domain, how: usage.how }, { domain: usage.host.registrable });
        return;
    }
    // A department's sub-domain is filed by the department (ICP-RULES.md §2.2); www is the parent's own site.
    if (ownEntry || usage.host.ascii === `www.${usage.host.registrable}`) return;
    report(usage.urn, "subUnitFiling", { domain, how: usage.how, parent: usage.secret ? "its parent domain" : showHost(usage.host.registrable), icp: filing.icp.full }, { domain: usage.host.registrable });
}

export default definePolicy<MessageId>({
    id: "icp-government-domain",
    code: "ICP009",
    title: "Government domain (.gov.cn / .政务) served from the Chinese mainland",
    description:
        "A .gov.cn or .政务 domain that is not in the filing registry is served from the Chinese mainland: Alibaba Cloud's filing system cannot file government domains directly (a support ticket is needed), and non-government entities may not use them. A department's sub-domain covered only by its parent's filing is reported too: departments file their own sub-domains.",
    severity: "medium",
    defaultLevel: "advisory",
    remediationSteps:
        "If you are a government body, open an Alibaba Cloud support ticket for the government-website filing (政府网站域名备案) and record the filing in the registry; if you are not, use a domain of your own.",
    tags: ["icp", "china", "domain", "government"],
    configSchema: { properties: {} },
    resourceTypes: [...BINDING_TYPES, ...DNS_TYPES],
    // About the domain itself: at advisory, once per registrable domain per stack (runner.ts).
    perDomainMessages: ["governmentDomain", "subUnitUndecidable"],
    messages: {
        governmentDomain: (d) =>
            `${d.domain} is a government domain served from the Chinese mainland — ${d.how}. Alibaba Cloud's filing system cannot file .gov.cn/.政务 domains directly (a support ticket is needed), and only government bodies may use them.\n` +
            "Fix: government bodies: file it through an Alibaba Cloud support ticket (政府网站域名备案) and add it to the registry; others: use a domain of your own.",
        subUnitFiling: (d) =>
            `${d.domain} is served from the Chinese mainland — ${d.how} — and is covered in the registry only by its parent ${d.parent} (${d.icp}). Under .gov.cn and .政务 a government department's sub-domain (AAA.XXX.gov.cn) is filed by that department itself, so the parent's filing does not cover it (部门子域名由该部门自行备案).\n` +
            `Fix: if ${d.domain} belongs to a separate department, file it for that department and list it in the registry as its own entry (sub-domain entries are accepted under .gov.cn/.政务); if it is the parent body's own site, list it with the parent's filing number.`,
        subUnitUndecidable: (d) =>
            `${d.domain} is a government domain served from the Chinese mainland — ${d.how} — and which filing covers it depends on the name, which is not known until apply: under .gov.cn and .政务 a government department's sub-domain (AAA.XXX.gov.cn) is filed by that department itself (部门子域名由该部门自行备案), and ${d.state}.\n` +
            "Fix: give the record a name known at preview (a literal rr), so the entry that covers it can be checked; if it names a separate department's sub-domain, list that department's own filing in the registry.",
    },
    checkResource(resource, context, report) {
        for (const usage of resourceUsages(resource, context)) check(usage, context.registry, report);
    },
    checkStack(stack, context, report) {
        for (const usage of stackUsages(stack, context)) check(usage, context.registry, report);
    },
});
