/**
 * ICP014 icp-overseas-cdn-mainland-origin — a CDN-family domain with `overseas` scope whose origin
 * (sources) is an Alibaba Cloud server of this stack in the Chinese mainland, for a domain without
 * a filing accessed at Alibaba Cloud.
 *
 * Why (contested, hence advisory by default): Alibaba Cloud documents overseas-only acceleration
 * as needing no ICP filing, and it does not check one. But back-to-origin requests (回源) carry
 * the site's Host to the mainland server, which then hosts the site's content in the mainland
 * (托管于大陆境内服务器的网站需备案, ICP-RULES.md §2.1), and Alibaba Cloud's monitoring of its
 * mainland servers does not know the request came from an overseas edge (§1). OSS origins are not
 * reported: a bucket serves objects, and OSS accepts any filing.
 *
 * Stack pass only: the origin is usually another resource's output (an EIP's address, an ALB's
 * DNS name), found through propertyDependencies or stack outputs.
 */
import { bindingsOf } from "../lib/graph/bindings";
import { cdnSourcesOf, CDN_SOURCES_PROPERTY } from "../lib/graph/cdn-origins";
import { decideHost } from "../lib/kit/decide";
import { bindingData } from "../lib/kit/explain";
import { StackGraph } from "../lib/graph/stack-graph";
import { definePolicy } from "../lib/kit/policy-kit";
import { showResource } from "../lib/model/resource";

type MessageId = "overseasCdnMainlandOrigin";

const OSS_SOURCE_KINDS: ReadonlySet<string> = new Set(["oss"]);

export default definePolicy<MessageId>({
    id: "icp-overseas-cdn-mainland-origin",
    code: "ICP014",
    title: "Overseas-only CDN domain fetches from an Alibaba Cloud mainland server",
    description:
        "A CDN-family domain with overseas scope (no filing checked by Alibaba Cloud) whose origin is an Alibaba Cloud server of this stack in the Chinese mainland, reached by IP or hostname, while the domain has no filing accessed at Alibaba Cloud (接入阿里云): back-to-origin requests carry the site's Host to a mainland server.",
    severity: "medium",
    defaultLevel: "advisory",
    remediationSteps:
        "Serve the origin from outside the Chinese mainland (e.g. an EIP or load balancer in cn-hongkong), or file the domain with Alibaba Cloud as access provider (接入阿里云) and add it to the registry. Set this policy to mandatory to block such stacks, or disabled if your compliance team accepts Alibaba's reading.",
    tags: ["icp", "china", "cdn", "origin"],
    configSchema: { properties: {} },
    messages: {
        overseasCdnMainlandOrigin: (d) =>
            `${d.resource} binds ${d.domain} (${d.property}) to ${d.product} with ${d.served}, and fetches from ${d.origin}: ${d.originServed}. ${d.filingState}. Alibaba Cloud documents overseas acceleration as needing no ICP filing, but back-to-origin requests (回源) carry the site's Host to a server in the Chinese mainland, which hosts the site there (托管于大陆境内服务器的网站需备案) and is watched by Alibaba's monitoring of unfiled domains.\n` +
            `Fix: move the origin outside the Chinese mainland (e.g. cn-hongkong), or file ${d.registrable} with Alibaba Cloud as access provider (接入阿里云) and add it to the registry.`,
    },
    checkStack(stack, context, report) {
        const graph = StackGraph.of(stack, context.regions, context.shared);
        for (const resource of stack.resources) {
            const sources = cdnSourcesOf(resource.type, resource.props);
            if (!sources || sources.length === 0) continue;
            const overseas = bindingsOf(resource, context.regions).filter((b) => b.product.family === "cdn" && b.served.where === "outside" && b.domain.state === "host");
            if (overseas.length === 0) continue;
            const servers = sources.filter((source) => !(source.kind && OSS_SOURCE_KINDS.has(source.kind.toLowerCase())));
            const origin = graph
                .placeValues(resource, servers.map((source) => source.read), [CDN_SOURCES_PROPERTY])
                .targets.find((t) => t.endpoint.resource && t.endpoint.alibaba && t.endpoint.access === "alibaba" && t.endpoint.served.where === "mainland");
            if (!origin?.endpoint.resource) continue;
            for (const binding of overseas) {
                if (binding.domain.state !== "host") continue;
                const verdict = decideHost(binding.domain.host, origin.endpoint.served, "alibaba", context.registry);
                if (verdict.kind !== "unfiled" && verdict.kind !== "not-accessed-at-alibaba") continue;
                const data = bindingData(binding, context.registry);
                report(resource.urn, "overseasCdnMainlandOrigin", {
                    ...data,
                    origin: `${origin.endpoint.product} ${showResource(origin.endpoint.resource)}`,
                    originServed: origin.endpoint.served.because,
                    filingState:
                        verdict.kind === "unfiled"
                            ? `Its registrable domain ${data.registrable} has no ICP filing (ICP备案) in ${data.registry}`
                            : `${data.registrable} is filed as ${verdict.filing.icp.full}, but not with Alibaba Cloud as access provider (接入阿里云; it lists ${verdict.filing.accessProviders.join(", ")})`,
                }, { domain: binding.domain.host.registrable });
            }
        }
    },
});
