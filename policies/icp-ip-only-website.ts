/**
 * ICP010 icp-ip-only-website — a mainland public address serves web ports to the whole Internet,
 * and no domain in the stack points at it.
 *
 * Why: a website reached by IP address alone also needs an ICP filing, and it cannot be filed
 * through Alibaba Cloud (only domains are); it goes through the provincial system
 * (ICP-RULES.md §4.2). Often it is a forgotten test server — worth a look either way.
 */
import { StackGraph } from "../lib/graph/stack-graph";
import { stackHosts } from "../lib/graph/hosts";
import { definePolicy } from "../lib/kit/policy-kit";
import { showResource, StackResourceView } from "../lib/model/resource";
import { readNumber } from "../lib/model/values";

/** Resources that are a public address of their own. */
const ADDRESS_TYPES: ReadonlySet<string> = new Set([
    "alicloud:ecs/eipAddress:EipAddress",
    "alicloud:ecs/eip:Eip",
    "alicloud:ecs/instance:Instance",
    "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer",
    "alicloud:slb/loadBalancer:LoadBalancer",
    "alicloud:alb/loadBalancer:LoadBalancer",
    "alicloud:nlb/loadBalancer:LoadBalancer",
]);

/** An ECS instance is a public address itself only with its own public bandwidth. */
function isPublicAddress(resource: StackResourceView): boolean {
    if (resource.type !== "alicloud:ecs/instance:Instance") return true;
    const bandwidth = readNumber(resource.props, "internetMaxBandwidthOut");
    return bandwidth.state === "known" && bandwidth.value > 0;
}

export default definePolicy<"ipOnlyWebsite">({
    id: "icp-ip-only-website",
    code: "ICP010",
    title: "Mainland public address serves web ports with no domain pointing at it",
    description:
        "A mainland public address (EIP, ECS public IP, internet-facing CLB/ALB/NLB) exposes HTTP ports to 0.0.0.0/0 through its security group rules or listeners while no domain in the stack points at it: serving a website by IP also needs an ICP filing, through the provincial system rather than Alibaba Cloud.",
    severity: "low",
    defaultLevel: "advisory",
    remediationSteps:
        "Close the web ports to 0.0.0.0/0 if nothing should be served, serve the site under a filed domain, or file the IP-only website through the provincial communications administration's system.",
    tags: ["icp", "china", "ip"],
    configSchema: {
        properties: {
            webPorts: {
                type: "array",
                items: { type: "integer", minimum: 1, maximum: 65535 },
                default: [80, 443, 8080, 8443],
                description: "TCP ports that serve websites.",
            },
        },
    },
    messages: {
        ipOnlyWebsite: (d) =>
            `${d.resource} is a public address in the Chinese mainland (${d.served}) that serves TCP port(s) ${d.ports} to 0.0.0.0/0${d.via}, and no DNS record in this stack points at it. A website served by IP address alone also needs an ICP filing, which Alibaba Cloud cannot file (only domains); it goes through the provincial system.\n` +
            "Fix: close these ports to the Internet if nothing should be served there, serve the site under a filed domain, or file the IP-only website with the provincial communications administration.",
    },
    checkStack(stack, context, report) {
        const webPorts = context.config["webPorts"] as readonly number[];
        const hosts = stackHosts(stack, context.regions);
        const pointedAt = new Set<string>();
        for (const record of StackGraph.of(stack, context.regions, context.shared).records()) {
            for (const target of record.targets) if (target.endpoint.resource) pointedAt.add(target.endpoint.resource.urn);
        }
        for (const resource of stack.resources) {
            if (!ADDRESS_TYPES.has(resource.type) || !isPublicAddress(resource) || pointedAt.has(resource.urn)) continue;
            const endpoint = hosts.endpoint(resource);
            if (!endpoint || endpoint.served.where !== "mainland") continue;
            const ports = hosts.exposedWebPorts(resource, webPorts);
            if (ports.length === 0) continue;
            const host = hosts.hostOfEip.get(resource.urn);
            if (host && pointedAt.has(host.urn)) continue;
            report(resource.urn, "ipOnlyWebsite", {
                resource: showResource(resource),
                served: endpoint.served.because,
                ports: ports.join(", "),
                via: host ? ` (through ${showResource(host)}, which it is associated with)` : "",
            });
        }
    },
});
