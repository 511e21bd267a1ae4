/**
 * ICP007 icp-filing-host-quota — one filing host serves more filed websites than it has service
 * numbers (备案服务号) for.
 *
 * Why: each website filed through Alibaba Cloud uses one service number of its host; the quota per
 * instance is fixed (ECS, Simple Application Server, ENS: 5; NAT gateway: 2) and renewing does not
 * add numbers (ICP-RULES.md §4). Quotas are data in data/filing-hosts.json.
 */
import { showHost } from "../lib/model/domain";
import { hostSpecFor, serviceNumbersOf } from "../lib/graph/hosts";
import { definePolicy } from "../lib/kit/policy-kit";
import { showResource } from "../lib/model/resource";
import { filedDomainsByHost } from "../lib/kit/serving";

export default definePolicy<"quotaExceeded">({
    id: "icp-filing-host-quota",
    code: "ICP007",
    title: "Filing host serves more websites than its service-number quota",
    description:
        "An ECS, Simple Application Server or ENS instance (or NAT gateway) serves more filed websites (distinct registrable domains) than its product's quota of service numbers (备案服务号): 5 for ECS, Simple Application Server and ENS, 2 for NAT gateways.",
    severity: "low",
    defaultLevel: "advisory",
    remediationSteps:
        "Spread the websites over more qualifying instances (each gives its own service numbers), or check that the extra domains were filed through another host.",
    tags: ["icp", "china", "filing-host"],
    configSchema: { properties: {} },
    messages: {
        quotaExceeded: (d) =>
            `${d.resource} serves ${d.count} filed websites (${d.domains}) per this stack's DNS records, but ${/^[AEIOU]/.test(d.product) ? "an" : "a"} ${d.product} has ${d.quota} service numbers (备案服务号) at most, and renewing does not add more.\n` +
            "Fix: file the extra websites through another qualifying instance, or confirm they were filed through a different host.",
    },
    checkStack(stack, context, report) {
        for (const { host, domains } of filedDomainsByHost(stack, context).values()) {
            const spec = hostSpecFor(host.type)!;
            const quota = serviceNumbersOf(host, spec);
            if (domains.size <= quota) continue;
            report(host.urn, "quotaExceeded", {
                resource: showResource(host),
                count: String(domains.size),
                domains: [...domains].sort().map(showHost).join(", "),
                product: spec.product,
                quota: String(quota),
            });
        }
    },
});
