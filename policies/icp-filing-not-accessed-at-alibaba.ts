/**
 * ICP002 icp-filing-not-accessed-at-alibaba — the domain is filed, but not with Alibaba Cloud as
 * access provider (接入阿里云), and the product hosts the site on Alibaba Cloud's mainland servers.
 *
 * Why: products that host the site itself (ECS, EIP, SLB/ALB/NLB, FC, API Gateway, SAE…) need the
 * filing to list Alibaba Cloud as access provider; CDN-family products, OSS and WAF accept any MIIT
 * filing (ICP-RULES.md §2). Which products need which is data in lib/graph/bindings.ts and
 * lib/graph/endpoints.ts, with sources.
 */
import { Binding, BINDING_TYPES, perResourceBindingsOf } from "../lib/graph/bindings";
import { DNS_TYPES } from "../lib/graph/dns";
import { decideBinding, decideRecord } from "../lib/kit/decide";
import { bindingData, recordData } from "../lib/kit/explain";
import { analyseRecordAlone, RecordAnalysis, StackGraph } from "../lib/graph/stack-graph";
import { CheckContext, definePolicy, Report } from "../lib/kit/policy-kit";
import { accessFor } from "../lib/kit/settings";

type MessageId = "notAccessedAtAlibaba" | "recordNotAccessedAtAlibaba";

function checkRecord(analysis: RecordAnalysis, context: CheckContext, report: Report<MessageId>): void {
    const verdict = decideRecord(analysis, context.registry);
    if (verdict.kind !== "not-accessed-at-alibaba") return;
    report(analysis.resource.urn, "recordNotAccessedAtAlibaba", {
        ...recordData(analysis, verdict.target, context.registry),
        icp: verdict.filing.icp.full,
        providers: verdict.filing.accessProviders.join(", "),
    }, { domain: verdict.host.registrable });
}

function checkBinding(binding: Binding, context: CheckContext, report: Report<MessageId>): void {
    const resource = binding.resource;
    const access = accessFor(resource.type, binding.product.access, context.shared);
    const verdict = decideBinding(binding, context.registry, access);
    if (verdict.kind !== "not-accessed-at-alibaba") return;
    const data = bindingData(binding, context.registry);
    report(resource.urn, "notAccessedAtAlibaba", {
        ...data,
        icp: verdict.filing.icp.full,
        providers: verdict.filing.accessProviders.join(", "),
        accessSource: access === binding.product.access ? data.accessSource : "required by this pack's alsoRequireAlibabaFor setting",
    }, { domain: verdict.host.registrable });
}

export default definePolicy<MessageId>({
    id: "icp-filing-not-accessed-at-alibaba",
    code: "ICP002",
    title: "Filing is not accessed at Alibaba Cloud (接入阿里云)",
    description:
        "A domain hosted by an Alibaba Cloud product in the Chinese mainland (ECS, EIP, load balancers, Function Compute, API Gateway, SAE, …) must have a filing that lists Alibaba Cloud as access provider (接入阿里云).",
    severity: "high",
    defaultLevel: "mandatory",
    remediationSteps:
        "Add Alibaba Cloud as access provider to the domain's filing (接入备案 in the Alibaba Cloud ICP console) and list \"alibaba\" in the entry's accessProviders, or serve the domain from outside the Chinese mainland.",
    tags: ["icp", "china", "domain", "access-provider", "dns"],
    configSchema: {
        properties: {
            alsoRequireAlibabaFor: {
                type: "array",
                items: { type: "string" },
                default: [],
                description:
                    "Extra resource type tokens that should require 接入阿里云 although icp-guard accepts any filing for them (e.g. alicloud:wafv3/domain:Domain, where Alibaba's documents conflict). Applies to icp-binding-undecidable too.",
            },
        },
    },
    resourceTypes: [...BINDING_TYPES, ...DNS_TYPES],
    messages: {
        notAccessedAtAlibaba: (d) =>
            `${d.resource} binds ${d.domain} (${d.property}) to ${d.product}: ${d.served}. ${d.registrable} is filed as ${d.icp}, but the filing lists only ${d.providers} as access provider (接入商); this product needs the filing accessed at Alibaba Cloud (接入阿里云): ${d.accessSource}.\n` +
            `Fix: add Alibaba Cloud as access provider to the filing (接入备案 in the Alibaba Cloud ICP console), then add "alibaba" to accessProviders for ${d.registrable} in the registry; or ${d.moveAway}.`,
        recordNotAccessedAtAlibaba: (d) =>
            `${d.record} (${d.resource}) points at ${d.endpoint} (${d.via}): ${d.served}. ${d.registrable} is filed as ${d.icp}, but the filing lists only ${d.providers} as access provider (接入商); a site hosted on Alibaba Cloud in the mainland needs the filing accessed at Alibaba Cloud (接入阿里云) before traffic arrives, or Alibaba blocks it.\n` +
            `Fix: add Alibaba Cloud as access provider to the filing (接入备案 in the Alibaba Cloud ICP console), then add "alibaba" to accessProviders for ${d.registrable}; or point the record at an endpoint outside the Chinese mainland.`,
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
