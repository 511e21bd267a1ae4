/**
 * ICP013 icp-proxy-mainland-origin — a proxied DNS record (Cloudflare `proxied: true`, ESA
 * `proxied: true`) whose origin is an Alibaba Cloud server in the Chinese mainland, for a domain
 * without a filing that qualifies for that server.
 *
 * Why: visitors reach the proxy's edge, but the proxy fetches from the origin with the site's
 * Host, so the website is hosted on a mainland server (托管于大陆境内服务器的网站需备案, ICP-RULES.md
 * §2.1), and Alibaba Cloud's monitoring blocks unfiled domains on its mainland servers (§1).
 * Proxying is no exemption; an origin outside the mainland, or the filing, is.
 *
 * Its own policy so teams can tune it. Records whose origin the record alone places (a configured
 * mainland CIDR, an Alibaba hostname naming its region) are checked per resource; the rest in the
 * stack pass, following propertyDependencies to the resource that produces the origin.
 */
import { DNS_TYPES } from "../lib/graph/dns";
import { decideHost, decideRecord } from "../lib/kit/decide";
import { recordData } from "../lib/kit/explain";
import { analyseRecordAlone, RecordAnalysis, StackGraph } from "../lib/graph/stack-graph";
import { CheckContext, definePolicy, Report } from "../lib/kit/policy-kit";
import { Hostname } from "../lib/model/domain";
import { tldTier } from "../lib/model/tld";

type MessageId = "proxiedUnfiled" | "proxiedNotAccessedAtAlibaba";

/** Under a TLD that can never be filed, "file it" is no fix: icp-tld-not-fileable reports those. */
const fileable = (host: Hostname) => tldTier(host).tier !== "not-approved";

const PROXY_NAMES = { cloudflare: "Cloudflare's proxy", esa: "ESA's proxy" } as const;

function checkRecord(analysis: RecordAnalysis, context: CheckContext, report: Report<MessageId>): void {
    // The record's own proxy, or one its chain of records passes through (a CNAME to a proxied record).
    const proxy = analysis.proxy;
    if (!proxy) return;
    // A name not known until apply under a known zone is decided from the zone's registrable domain.
    const host = analysis.domain.state === "host" ? analysis.domain.host : analysis.domain.state === "under" ? analysis.domain.zone : undefined;
    if (!host) return;
    const origin = analysis.origins.find((o) => o.endpoint.alibaba && o.endpoint.served.where === "mainland");
    if (!origin) return;
    // The proxy itself serving the mainland (ESA with mainland coverage) is already judged by
    // icp-domain-unfiled / icp-filing-not-accessed-at-alibaba: one finding per fault.
    const edge = decideRecord(analysis, context.registry);
    if (edge.kind === "unfiled" || edge.kind === "not-accessed-at-alibaba") return;
    const verdict = decideHost(host, origin.endpoint.served, origin.endpoint.access, context.registry);
    const data = { ...recordData(analysis, origin, context.registry), proxy: PROXY_NAMES[proxy] };
    if (verdict.kind === "unfiled" && fileable(host)) report(analysis.resource.urn, "proxiedUnfiled", data, { domain: host.registrable });
    if (verdict.kind === "not-accessed-at-alibaba") {
        report(analysis.resource.urn, "proxiedNotAccessedAtAlibaba", { ...data, icp: verdict.filing.icp.full, providers: verdict.filing.accessProviders.join(", ") }, { domain: host.registrable });
    }
}

const NO_EXEMPTION =
    "Proxying is no exemption: visitors reach the proxy, but it fetches every page from the origin with the site's Host, so the website is hosted on a mainland server (托管于大陆境内服务器的网站需备案), and Alibaba Cloud blocks unfiled domains on its mainland servers.";

export default definePolicy<MessageId>({
    id: "icp-proxy-mainland-origin",
    code: "ICP013",
    title: "Proxied record whose origin is an Alibaba Cloud mainland server lacks a qualifying ICP filing",
    description:
        "A DNS record proxied by Cloudflare or ESA (proxied: true) whose origin is an Alibaba Cloud server in the Chinese mainland (EIP, ECS, load balancer, …) still hosts the site in the mainland: the domain needs an ICP filing (ICP备案), accessed at Alibaba Cloud (接入阿里云) when the origin hosts the site on Alibaba Cloud.",
    severity: "critical",
    defaultLevel: "mandatory",
    remediationSteps:
        "File the registrable domain with MIIT with Alibaba Cloud as access provider (接入阿里云) and add it to the registry, or move the origin outside the Chinese mainland (cn-hongkong, ap-southeast-1, …). Turning the proxy on or off does not change the answer.",
    tags: ["icp", "china", "dns", "proxy", "cloudflare", "esa"],
    configSchema: {
        properties: {
            allowWaivers: {
                type: "boolean",
                default: true,
                description: "Whether registry waivers may turn this policy's findings into advisories.",
            },
        },
    },
    resourceTypes: DNS_TYPES,
    messages: {
        proxiedUnfiled: (d) =>
            `${d.record} (${d.resource}) is proxied by ${d.proxy}, and its origin is ${d.endpoint} (${d.via}): ${d.served}. Its registrable domain ${d.registrable} has no ICP filing (ICP备案) in ${d.registry}. ${NO_EXEMPTION}\n` +
            `Fix: file ${d.registrable} with MIIT${d.access === "alibaba" ? " with Alibaba Cloud as access provider (接入阿里云)" : ""} and add it to the registry, or move the origin to a server outside the Chinese mainland (e.g. cn-hongkong or ap-southeast-1).`,
        proxiedNotAccessedAtAlibaba: (d) =>
            `${d.record} (${d.resource}) is proxied by ${d.proxy}, and its origin is ${d.endpoint} (${d.via}): ${d.served}. ${d.registrable} is filed as ${d.icp}, but the filing lists only ${d.providers} as access provider (接入商); a site hosted on Alibaba Cloud's mainland servers needs it accessed at Alibaba Cloud (接入阿里云). ${NO_EXEMPTION}\n` +
            `Fix: add Alibaba Cloud as access provider to the filing (接入备案 in the Alibaba Cloud ICP console) and add "alibaba" to accessProviders for ${d.registrable}, or move the origin outside the Chinese mainland.`,
    },
    checkResource(resource, context, report) {
        const record = analyseRecordAlone(resource, context.shared.endpoints);
        if (record?.originsDecidedAlone && record.decidedAlone) checkRecord(record, context, report);
    },
    checkStack(stack, context, report) {
        for (const record of StackGraph.of(stack, context.regions, context.shared).records()) {
            if (!(record.originsDecidedAlone && record.decidedAlone)) checkRecord(record, context, report);
        }
    },
});
