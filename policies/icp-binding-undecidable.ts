/**
 * ICP003 icp-binding-undecidable — icp-guard cannot tell whether a binding needs a filing.
 *
 * Why: during preview many values are unknown. icp-guard decides from what is known (type,
 * scope default, region chain, the resource producing a DNS value) and never lets the SDK turn an
 * unknown into "can't run policy"; what remains undecidable is reported here, explicitly, at a
 * level the team chooses: advisory by default, mandatory for teams that want the gate closed.
 *
 * This policy also holds the configured mainland endpoints outside the stack (mainlandCidrs,
 * mainlandHostnameSuffixes) and the age past which the endpoint catalog (icp-endpoint-catalog, the
 * endpoints of other stacks) is reported as due for a rebuild: the ways to turn such records from
 * undecidable into decided.
 */
import { Binding, BINDING_TYPES, perResourceBindingsOf } from "../lib/graph/bindings";
import { decideBinding, decideRecord, filingFor, filingQualifies } from "../lib/kit/decide";
import { bindingData, recordData } from "../lib/kit/explain";
import { RecordAnalysis, StackGraph } from "../lib/graph/stack-graph";
import { CheckContext, definePolicy, Report } from "../lib/kit/policy-kit";
import { accessFor } from "../lib/kit/settings";

type MessageId = "undecidable" | "recordUndecidable" | "catalogStale";

/** The endpoint catalog's age, said once per stack that has web DNS records (the ones it decides), as an advisory. */
function checkCatalogAge(graph: StackGraph, context: CheckContext, report: Report<MessageId>): void {
    const catalog = context.shared.endpoints.catalog;
    const maxAge = Number(context.config["endpointCatalogMaxAgeDays"] ?? 30);
    if (!catalog || catalog.ageDays <= maxAge || graph.records().length === 0) return;
    report("", "catalogStale", { generatedAt: catalog.generatedAt, age: String(catalog.ageDays), maxAge: String(maxAge), entries: String(catalog.entries.length) }, { advisoryOnly: true });
}

/**
 * A proxied record whose origin icp-guard cannot place might be fetching from an Alibaba Cloud
 * mainland server (icp-proxy-mainland-origin): open unless the domain's filing is accessed at
 * Alibaba Cloud, which qualifies wherever the origin is.
 */
function undecidedOrigin(record: RecordAnalysis, context: CheckContext): string | undefined {
    if (!record.proxy || record.originsUndecided.length === 0) return undefined;
    if (record.origins.some((o) => o.endpoint.alibaba && o.endpoint.served.where === "mainland")) return undefined;
    const host = record.domain.state === "host" ? record.domain.host : record.domain.state === "under" ? record.domain.zone : undefined;
    if (!host) return undefined;
    const { filing } = filingFor(host, context.registry);
    if (filingQualifies(filing, "alibaba")) return undefined;
    const state = filing ? "its filing does not list Alibaba Cloud as access provider" : "it has no ICP filing in the registry";
    return `the record is proxied, but the origin the proxy fetches from cannot be placed (${record.originsUndecided.join("; ")}), and ${state}`;
}

function checkBinding(binding: Binding, context: CheckContext, report: Report<MessageId>): void {
    const resource = binding.resource;
    const verdict = decideBinding(binding, context.registry, accessFor(resource.type, binding.product.access, context.shared));
    if (verdict.kind !== "undecidable") return;
    const data = bindingData(binding, context.registry);
    report(resource.urn, "undecidable", {
        ...data,
        domain: binding.domain.state === "host" ? data.domain : binding.domain.state === "unknown" ? "a domain not known until apply" : "a malformed domain",
        why: verdict.why,
    });
}

export default definePolicy<MessageId>({
    id: "icp-binding-undecidable",
    code: "ICP003",
    title: "Cannot decide whether a domain binding needs an ICP filing",
    description:
        "icp-guard could not decide whether a domain binding or DNS record is served from the Chinese mainland without a qualifying ICP filing, because a deciding value (domain, scope, region, record target) is unknown until apply or malformed.",
    severity: "medium",
    defaultLevel: "advisory",
    remediationSteps:
        "Make the deciding value known at preview (a literal domain, an explicit scope or provider region, a record value that comes from a resource in the stack), list mainland servers outside the stack in mainlandCidrs / mainlandHostnameSuffixes, or file the domain so the answer no longer depends on it. Set this policy to mandatory to block until the value is known.",
    tags: ["icp", "china", "preview", "dns"],
    configSchema: {
        properties: {
            mainlandCidrs: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "IPv4/IPv6 CIDRs of Alibaba Cloud mainland servers outside this stack (e.g. 47.96.0.0/16); DNS records pointing into them are decided as mainland, Alibaba-hosted.",
            },
            mainlandHostnameSuffixes: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Hostname suffixes of Alibaba Cloud mainland endpoints outside this stack (e.g. origin.example.com); CNAMEs to them are decided as mainland, Alibaba-hosted.",
            },
            endpointCatalogMaxAgeDays: {
                type: "integer",
                minimum: 1,
                default: 30,
                description: "Days after its generatedAt that the endpoint catalog (icp-endpoint-catalog) is reported, as an advisory, as due for a rebuild (endpoints created or moved since are not in it).",
            },
        },
    },
    resourceTypes: BINDING_TYPES,
    messages: {
        undecidable: (d) =>
            `${d.resource} binds ${d.domain} (${d.property}) to ${d.product}, but icp-guard cannot decide whether it needs an ICP filing: ${d.why}.\n` +
            "Fix: make the value known at preview (a literal domain, an explicit scope or region), or file the domain's registrable domain so it passes wherever it is served.",
        recordUndecidable: (d) =>
            `${d.record} (${d.resource}): icp-guard cannot decide whether it points at a Chinese mainland endpoint without a qualifying ICP filing: ${d.why}.\n` +
            "Fix: take the record's value from the resource that serves it (so preview can follow it), give the gate the endpoint catalog of the stacks that hold it (icp-guard endpoints → icp-endpoint-catalog in the policy config), list mainland servers outside the stack in mainlandCidrs or mainlandHostnameSuffixes, or file the domain with Alibaba Cloud as access provider (接入阿里云) so it passes wherever the record points.",
        catalogStale: (d) =>
            `The endpoint catalog in the policy config "icp-endpoint-catalog" (${d.entries} endpoint addresses) was generated ${d.age} days ago (${d.generatedAt}), more than endpointCatalogMaxAgeDays (${d.maxAge}): endpoints created, moved or released since are not in it, so this stack's DNS records may be judged on old facts or left undecidable.\n` +
            "Fix: rebuild it (icp-guard endpoints --pulumi-org <org>, or over the Terraform states of every root module) and enable it again (pulumi policy enable … --config), e.g. from a scheduled CI job.",
    },
    checkResource(resource, context, report) {
        for (const binding of perResourceBindingsOf(resource, context.regions)) checkBinding(binding, context, report);
    },
    checkStack(stack, context, report) {
        const graph = StackGraph.of(stack, context.regions, context.shared);
        checkCatalogAge(graph, context, report);
        for (const binding of graph.stackBindings()) checkBinding(binding, context, report);
        for (const record of graph.records()) {
            const verdict = record.decidedAlone ? undefined : decideRecord(record, context.registry);
            if (verdict?.kind === "undecidable") report(record.resource.urn, "recordUndecidable", { ...recordData(record, undefined, context.registry), why: verdict.why });
            else {
                const why = undecidedOrigin(record, context);
                if (why) report(record.resource.urn, "recordUndecidable", { ...recordData(record, undefined, context.registry), why });
            }
        }
    },
});
