/**
 * ICP001 icp-domain-unfiled — a domain bound to a Chinese-mainland endpoint has no ICP filing.
 *
 * Why: every website served from the mainland needs an ICP filing (ICP备案); Alibaba Cloud
 * refuses CDN/OSS/FC/WAF bindings for unfiled domains and blocks unfiled domains on its mainland
 * IPs (ICP-RULES.md §1, §10.3). A filing covers the registrable domain and all its subdomains.
 */
import { BINDING_TYPES, bindingsOf } from "../lib/bindings";
import { decideBinding } from "../lib/decide";
import { bindingData } from "../lib/explain";
import { definePolicy } from "../lib/policy-kit";

export default definePolicy({
    id: "icp-domain-unfiled",
    code: "ICP001",
    title: "Domain served from the Chinese mainland has no ICP filing",
    description:
        "A domain bound to an Alibaba Cloud endpoint that serves the Chinese mainland (CDN-family scope domestic/global, or a mainland region) must have an ICP filing (ICP备案) in the registry.",
    severity: "critical",
    defaultLevel: "mandatory",
    remediationSteps:
        "File the registrable domain with MIIT (ICP备案) and add it to the filing registry (icp-filings.yaml), or serve the domain only from outside the Chinese mainland: scope \"overseas\" for CDN-family products, a non-mainland region (cn-hongkong, ap-southeast-1, …) for regional products.",
    tags: ["icp", "china", "domain"],
    configSchema: { properties: {} },
    resourceTypes: BINDING_TYPES,
    messages: {
        unfiled: (d) =>
            `${d.resource} binds ${d.domain} (${d.property}) to ${d.product}: ${d.served}. Its registrable domain ${d.registrable} has no ICP filing (ICP备案) in ${d.registry}; Alibaba Cloud refuses or blocks unfiled domains served from the mainland.\n` +
            `Fix: file the registrable domain ${d.registrable} with MIIT and add it to the registry${d.family === "cdn" ? " (CDN-family products accept a filing at any access provider)" : ""}, or ${d.moveAway}.`,
    },
    checkResource(resource, context, report) {
        for (const binding of bindingsOf(resource, context.regions)) {
            if (decideBinding(binding, context.registry).kind === "unfiled") {
                report(resource.urn, "unfiled", bindingData(binding, context.registry));
            }
        }
    },
});
