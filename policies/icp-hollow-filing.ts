/**
 * ICP005 icp-hollow-filing — a domain filed with Alibaba Cloud as access provider whose web
 * records in this stack all point away from Alibaba Cloud's mainland.
 *
 * Why: Alibaba Cloud's access accuracy checks (接入信息准确性核查) flag filed domains that do not
 * resolve to an Alibaba Cloud mainland instance serving content; after a rectification period
 * Alibaba withdraws as access provider (取消接入), and a filing with no access provider left is a
 * hollow filing (空壳网站) that MIIT may cancel (ICP-RULES.md §3.6). Hong Kong does not count.
 */
import { showHost } from "../lib/model/domain";
import { ResolvedTarget, RecordAnalysis, StackGraph } from "../lib/graph/stack-graph";
import { definePolicy } from "../lib/kit/policy-kit";
import { ALIBABA } from "../lib/model/registry";
import { showResource } from "../lib/model/resource";

type Placement = "alibaba-mainland" | "away" | "open";

function placement(record: RecordAnalysis): Placement {
    const atAlibabaMainland = (t: ResolvedTarget) => t.endpoint.alibaba && t.endpoint.served.where === "mainland";
    // A proxied record whose origin is an Alibaba mainland server is served from there, through the proxy.
    if (record.targets.some(atAlibabaMainland) || record.origins.some(atAlibabaMainland)) return "alibaba-mainland";
    if (record.undecided.length > 0 || record.targets.length === 0 || record.targets.some((t) => t.endpoint.served.where === "undecidable")) return "open";
    return "away";
}

export default definePolicy<"hollowFiling">({
    id: "icp-hollow-filing",
    code: "ICP005",
    title: "Filing accessed at Alibaba Cloud, but the site is not served from Alibaba Cloud's mainland (空壳 risk)",
    description:
        "A registry domain filed with Alibaba Cloud as access provider (接入阿里云) whose web DNS records in this stack all point away from Alibaba Cloud's Chinese mainland risks losing that access and becoming a hollow filing (空壳网站).",
    severity: "medium",
    defaultLevel: "advisory",
    remediationSteps:
        "Point at least one web record of the domain at an Alibaba Cloud mainland endpoint that serves the site, or — if the site has moved — cancel Alibaba Cloud's access (取消接入) or move the filing to the new access provider, and update accessProviders in the registry.",
    tags: ["icp", "china", "dns", "hollow-filing"],
    configSchema: { properties: {} },
    // About the domain itself: at advisory, once per registrable domain per stack (runner.ts).
    perDomainMessages: ["hollowFiling"],
    messages: {
        hollowFiling: (d) =>
            `${d.record} (${d.resource}) points away from Alibaba Cloud's mainland (${d.target}), and ${d.count === "1" ? "it is the only web record" : `so do all ${d.count} web records`} for ${d.registrable} in this stack. ${d.registrable} is filed as ${d.icp} with Alibaba Cloud as access provider (接入阿里云); Alibaba's access accuracy checks (接入信息准确性核查) can withdraw that access, and a filing left without an access provider is a hollow filing (空壳网站) that MIIT may cancel.\n` +
            `Fix: serve ${d.registrable} from an Alibaba Cloud mainland endpoint, or move the filing's access to the provider that now hosts the site and update accessProviders in the registry.`,
    },
    checkStack(stack, context, report) {
        const byDomain = new Map<string, RecordAnalysis[]>();
        for (const record of StackGraph.of(stack, context.regions, context.shared).records()) {
            // A name not known until apply under a known zone belongs to the zone's registrable domain.
            const host = record.domain.state === "host" ? record.domain.host : record.domain.state === "under" ? record.domain.zone : undefined;
            if (!host) continue;
            // Internal records (private, loopback … addresses) serve no website: they neither
            // serve the site from elsewhere nor count as serving it.
            if (record.targets.length > 0 && record.undecided.length === 0 && record.targets.every((t) => t.endpoint.notPublic)) continue;
            const filing = context.registry.lookup(host.registrable);
            if (!filing || !filing.accessProviders.includes(ALIBABA)) continue;
            const list = byDomain.get(filing.domain) ?? [];
            list.push(record);
            byDomain.set(filing.domain, list);
        }
        for (const [domain, records] of byDomain) {
            if (!records.every((record) => placement(record) === "away")) continue;
            const filing = context.registry.lookup(domain)!;
            for (const record of records) {
                const target = record.targets[0];
                report(record.resource.urn, "hollowFiling", {
                    record: record.secret ? "A DNS record with a secret name (value hidden)" : `DNS record ${record.label}`,
                    resource: showResource(record.resource),
                    target: `${target.endpoint.product}${target.endpoint.resource ? ` ${showResource(target.endpoint.resource)}` : ""}: ${target.endpoint.served.because}`,
                    count: String(records.length),
                    registrable: record.secret ? "the domain" : showHost(domain),
                    icp: filing.icp.full,
                }, { domain });
            }
        }
    },
});
