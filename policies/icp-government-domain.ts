/**
 * ICP009 icp-government-domain — a .gov.cn or .政务 domain is served from the Chinese mainland.
 *
 * Why: government websites use .gov.cn or .政务, which only government bodies may register, and
 * Alibaba Cloud's filing system cannot file them directly: a support ticket is needed
 * (ICP-RULES.md §3.4, "政府网站域名备案"). Worth a look before launch either way.
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

function check(usage: DomainUsage, registry: FilingRegistry, report: Report<"governmentDomain">): void {
    // A government domain in the registry has been filed (through the ticket): nothing left to say.
    if (!isGovernmentDomain(usage.host) || registry.lookup(usage.host.registrable)) return;
    report(usage.urn, "governmentDomain", { domain: usage.secret ? SECRET_DOMAIN : showHost(usage.host.ascii), how: usage.how }, { domain: usage.host.registrable });
}

export default definePolicy<"governmentDomain">({
    id: "icp-government-domain",
    code: "ICP009",
    title: "Government domain (.gov.cn / .政务) served from the Chinese mainland",
    description:
        "A .gov.cn or .政务 domain that is not in the filing registry is served from the Chinese mainland: Alibaba Cloud's filing system cannot file government domains directly (a support ticket is needed), and non-government entities may not use them.",
    severity: "medium",
    defaultLevel: "advisory",
    remediationSteps:
        "If you are a government body, open an Alibaba Cloud support ticket for the government-website filing (政府网站域名备案) and record the filing in the registry; if you are not, use a domain of your own.",
    tags: ["icp", "china", "domain", "government"],
    configSchema: { properties: {} },
    resourceTypes: [...BINDING_TYPES, ...DNS_TYPES],
    messages: {
        governmentDomain: (d) =>
            `${d.domain} is a government domain served from the Chinese mainland — ${d.how}. Alibaba Cloud's filing system cannot file .gov.cn/.政务 domains directly (a support ticket is needed), and only government bodies may use them.\n` +
            "Fix: government bodies: file it through an Alibaba Cloud support ticket (政府网站域名备案) and add it to the registry; others: use a domain of your own.",
    },
    checkResource(resource, context, report) {
        for (const usage of resourceUsages(resource, context)) check(usage, context.registry, report);
    },
    checkStack(stack, context, report) {
        for (const usage of stackUsages(stack, context)) check(usage, context.registry, report);
    },
});
