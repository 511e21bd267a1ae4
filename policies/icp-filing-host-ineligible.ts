/**
 * ICP006 icp-filing-host-ineligible — an instance used as the ICP filing host (备案服务器) does not
 * qualify to generate service identification numbers (备案服务号).
 *
 * Why: filing through Alibaba Cloud needs a qualifying mainland instance: ECS on subscription
 * (PrePaid) for at least 3 months with public bandwidth, Simple Application Server and ENS for at
 * least 3 months, NAT gateway for at least 1 month (ICP-RULES.md §4). The minimums are data in
 * data/filing-hosts.json, with sources. Instances tagged as filing hosts are checked at this
 * policy's level; instances the DNS graph shows serving a filed domain are checked as advisory.
 */
import { bandwidthNeedsStack, EligibilityProblem, eligibilityProblems, HOST_TYPES, hostSpecFor, isListedHost, isTaggedHost, stackHosts } from "../lib/graph/hosts";
import { definePolicy, MessageData } from "../lib/kit/policy-kit";
import { ResourceView, showResource } from "../lib/model/resource";
import { filedDomainsByHost } from "../lib/kit/serving";
import { showHost } from "../lib/model/domain";

type MessageId = "hostIneligible" | "hostUnverifiable" | "servingHostIneligible";

/** A filing host by tag, or by name/URN glob in `filingHosts` (for hosts without tags, e.g. SWAS). */
function isDesignatedHost(resource: ResourceView, config: Readonly<Record<string, unknown>>): boolean {
    const listed = Array.isArray(config["filingHosts"]) ? (config["filingHosts"] as unknown[]).filter((v): v is string => typeof v === "string") : [];
    return isTaggedHost(resource, config["tagKey"] as string) || (listed.length > 0 && isListedHost(resource, listed));
}

function describe(resource: ResourceView, problems: readonly EligibilityProblem[], extra: MessageData = {}): MessageData {
    const spec = hostSpecFor(resource.type)!;
    return {
        resource: showResource(resource),
        product: spec.product,
        conditions: problems.map((p) => p.condition).join(", "),
        problems: problems.map((p) => `${p.condition}: ${p.message}`).join("; "),
        minimum: `${spec.minimumMonths} month(s)`,
        article: /^[AEIOU]/.test(spec.product) ? "an" : "a",
        ...extra,
    };
}

export default definePolicy<MessageId>({
    id: "icp-filing-host-ineligible",
    code: "ICP006",
    title: "Filing host does not qualify for ICP service numbers",
    description:
        "An instance used as the ICP filing host (备案服务器) must qualify to generate service numbers (备案服务号): a mainland region, a subscription (no pay-as-you-go) of at least the product's minimum (ECS, Simple Application Server, ENS: 3 months; NAT gateway: 1 month), and a public IP for ECS and NAT.",
    severity: "high",
    defaultLevel: "mandatory",
    remediationSteps:
        "Make the host a mainland subscription: instanceChargeType \"PrePaid\" (or paymentType \"Subscription\") with period ≥ the product's minimum in months (periodUnit \"Month\"; weekly periods never qualify), public bandwidth (internetMaxBandwidthOut > 0 or an associated EIP); or file through another qualifying instance and remove the filing-host tag.",
    tags: ["icp", "china", "filing-host"],
    configSchema: {
        properties: {
            tagKey: {
                type: "string",
                default: "icp:filing-host",
                description: "Tag key that marks an instance as a filing host (any value but \"false\"). Tagged hosts are checked at this policy's level.",
            },
            filingHosts: {
                type: "array",
                items: { type: "string" },
                default: [],
                description:
                    "Filing hosts named instead of tagged: resource names or globs (* matches anything) over names or URNs, e.g. \"web-swas\" or \"*::alicloud:simpleapplicationserver/instance:Instance::*\"; for Terraform, addresses or globs over addresses (\"alicloud_simple_application_server_instance.*\"), and a Pulumi-type URN glob matches Terraform resources of that type too. Simple Application Server instances have no tags in @pulumi/alicloud, so this is how to mark them.",
            },
        },
    },
    resourceTypes: HOST_TYPES,
    messages: {
        hostIneligible: (d) =>
            `${d.resource} is tagged as an ICP filing host (备案服务器) but cannot generate service numbers (备案服务号): ${d.problems}.\n` +
            `Fix: ${d.article} ${d.product} filing host needs a mainland region, a subscription of at least ${d.minimum}${d.product === "ECS instance" ? " and public bandwidth" : ""}; change ${d.conditions} accordingly, or file through another qualifying instance.`,
        hostUnverifiable: (d) =>
            `${d.resource} is tagged as an ICP filing host, but icp-guard cannot verify it qualifies until apply: ${d.problems}.\n` +
            "Fix: set these values literally so preview can check them, or check the instance after apply.",
        servingHostIneligible: (d) =>
            `${d.resource} serves filed domain(s) ${d.domains} (per this stack's DNS records), so it is likely their filing host, but it could not generate service numbers (备案服务号): ${d.problems}.\n` +
            `Fix: if it is the filing host, make it a mainland subscription of at least ${d.minimum}${d.product === "ECS instance" ? " with public bandwidth" : ""}; if another instance is, tag that one with the filing-host tag.`,
    },
    checkResource(resource, context, report) {
        const spec = hostSpecFor(resource.type);
        if (!spec || !isDesignatedHost(resource, context.config)) return;
        const problems = eligibilityProblems(resource, spec, context.regions);
        const definite = problems.filter((p) => !p.unknown);
        if (definite.length > 0) report(resource.urn, "hostIneligible", describe(resource, definite));
        else if (problems.length > 0) report(resource.urn, "hostUnverifiable", describe(resource, problems), { advisoryOnly: true });
    },
    checkStack(stack, context, report) {
        const hosts = stackHosts(stack, context.regions);
        // Tagged hosts: only public bandwidth is left, which needs the stack's EIP associations.
        for (const resource of stack.resources) {
            const spec = hostSpecFor(resource.type);
            if (!spec || !isDesignatedHost(resource, context.config) || !bandwidthNeedsStack(resource, spec)) continue;
            const problems = eligibilityProblems(resource, spec, context.regions, hosts.eipsOfHost.has(resource.urn)).filter((p) => p.condition === "bandwidth");
            const definite = problems.filter((p) => !p.unknown);
            if (definite.length > 0) report(resource.urn, "hostIneligible", describe(resource, definite));
            else if (problems.length > 0) report(resource.urn, "hostUnverifiable", describe(resource, problems), { advisoryOnly: true });
        }
        // Untagged instances the DNS graph shows serving filed domains: advisory.
        for (const { host, domains } of filedDomainsByHost(stack, context).values()) {
            const spec = hostSpecFor(host.type)!;
            if (isDesignatedHost(host, context.config)) continue;
            const problems = eligibilityProblems(host, spec, context.regions, hosts.eipsOfHost.has(host.urn)).filter((p) => !p.unknown);
            if (problems.length === 0) continue;
            report(host.urn, "servingHostIneligible", describe(host, problems, { domains: [...domains].map(showHost).join(", ") }), { advisoryOnly: true });
        }
    },
});
