/**
 * ICP001 icp-domain-unfiled — a domain bound to a Chinese-mainland endpoint has no ICP filing.
 *
 * Why: every website served from the mainland needs an ICP filing (ICP备案); Alibaba Cloud
 * refuses CDN/OSS/FC/WAF bindings for unfiled domains and blocks unfiled domains on its mainland
 * IPs (ICP-RULES.md §1, §10.3). A filing covers the registrable domain and all its subdomains.
 *
 * Bindings that carry their own domain are checked per resource. DNS records are checked per
 * resource when the record alone names its target (a literal Alibaba hostname, a configured
 * mainland CIDR) — so `pulumi up --skip-preview` stops before the record is created — and
 * otherwise in the stack pass, which follows propertyDependencies to the producing resource.
 */
import { Binding, BINDING_TYPES, perResourceBindingsOf } from "../lib/graph/bindings";
import { DNS_TYPES } from "../lib/graph/dns";
import { decideBinding, decideRecord } from "../lib/kit/decide";
import { bindingData, recordData } from "../lib/kit/explain";
import { analyseRecordAlone, RecordAnalysis, StackGraph } from "../lib/graph/stack-graph";
import { CheckContext, definePolicy, Report } from "../lib/kit/policy-kit";
import { Hostname } from "../lib/model/domain";
import { tldTier } from "../lib/model/tld";

/** Under a TLD that can never be filed, "file it" is no fix: icp-tld-not-fileable reports those. */
const fileable = (host: Hostname) => tldTier(host).tier !== "not-approved";

type MessageId = "unfiled" | "recordUnfiled";

function checkRecord(analysis: RecordAnalysis, context: CheckContext, report: Report<MessageId>): void {
    const verdict = decideRecord(analysis, context.registry);
    if (verdict.kind === "unfiled" && fileable(verdict.host)) {
        report(analysis.resource.urn, "recordUnfiled", recordData(analysis, verdict.target, context.registry), { domain: verdict.host.registrable });
    }
}

function checkBinding(binding: Binding, context: CheckContext, report: Report<MessageId>): void {
    const verdict = decideBinding(binding, context.registry);
    if (verdict.kind === "unfiled" && fileable(verdict.host)) report(binding.resource.urn, "unfiled", bindingData(binding, context.registry), { domain: verdict.host.registrable });
}

export default definePolicy<MessageId>({
    id: "icp-domain-unfiled",
    code: "ICP001",
    title: "Domain served from the Chinese mainland has no ICP filing",
    description:
        "A domain bound to an Alibaba Cloud endpoint that serves the Chinese mainland (CDN-family scope domestic/global, a mainland region, or a DNS record pointing at a mainland endpoint) must have an ICP filing (ICP备案) in the registry.",
    severity: "critical",
    defaultLevel: "mandatory",
    remediationSteps:
        "File the registrable domain with MIIT (ICP备案) and add it to the filing registry (icp-filings.yaml), or serve the domain only from outside the Chinese mainland: scope \"overseas\" for CDN-family products, a non-mainland region (cn-hongkong, ap-southeast-1, …) for regional products, or a DNS target outside the mainland.",
    tags: ["icp", "china", "domain", "dns"],
    configSchema: {
        properties: {
            allowWaivers: {
                type: "boolean",
                default: true,
                description: "Whether registry waivers may turn this policy's findings into advisories. Set false to make an unfiled domain at a mainland endpoint impossible to waive.",
            },
        },
    },
    resourceTypes: [...BINDING_TYPES, ...DNS_TYPES],
    messages: {
        unfiled: (d) =>
            `${d.resource} binds ${d.domain} (${d.property}) to ${d.product}: ${d.served}. Its registrable domain ${d.registrable} has no ICP filing (ICP备案) in ${d.registry}; Alibaba Cloud refuses or blocks unfiled domains served from the mainland.\n` +
            `Fix: file the registrable domain ${d.registrable} with MIIT${d.access === "alibaba" ? " with Alibaba Cloud as access provider (接入阿里云), since this product hosts the site on Alibaba Cloud," : ""} and add it to the registry${d.family === "cdn" ? " (CDN-family products accept a filing at any access provider)" : ""}, or ${d.moveAway}.`,
        recordUnfiled: (d) =>
            `${d.record} (${d.resource}) points at ${d.endpoint} (${d.via}): ${d.served}. Its registrable domain ${d.registrable} has no ICP filing (ICP备案) in ${d.registry}; Alibaba Cloud blocks unfiled domains on its mainland servers.\n` +
            `Fix: file the registrable domain ${d.registrable} with MIIT${d.access === "alibaba" ? " with Alibaba Cloud as access provider (接入阿里云), since this endpoint hosts the site on Alibaba Cloud," : ""} and add it to the registry, or point the record at an endpoint outside the Chinese mainland.`,
    },
    checkResource(resource, context, report) {
        for (const binding of perResourceBindingsOf(resource, context.regions)) checkBinding(binding, context, report);
        const record = analyseRecordAlone(resource, context.shared.endpoints);
        if (record?.decidedAlone) checkRecord(record, context, report);
    },
    checkStack(stack, context, report) {
        const graph = StackGraph.of(stack, context.regions, context.shared);
        for (const record of graph.records()) {
            if (!record.decidedAlone) checkRecord(record, context, report);
        }
        for (const binding of graph.stackBindings()) checkBinding(binding, context, report);
    },
});
