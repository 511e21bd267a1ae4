/**
 * Which filing hosts serve which filed domains, from the DNS graph: a record pointing at an
 * instance directly, or at an EIP associated with it. Only filings accessed at Alibaba Cloud and
 * hosts that are not outside the mainland count. Shared by the eligibility and quota rules.
 */
import { StackGraph } from "../graph/stack-graph";
import { hostSpecFor, stackHosts } from "../graph/hosts";
import { CheckContext, StackView } from "./policy-kit";
import { StackResourceView } from "../model/resource";
import { ALIBABA } from "../model/registry";

export interface ServedDomains {
    readonly host: StackResourceView;
    /** ASCII registrable domains in the registry that this host serves. */
    readonly domains: ReadonlySet<string>;
}

// Both filing-host rules ask for the same stack: worked out once per stack and registry.
const cache = new WeakMap<StackView, { readonly registry: CheckContext["registry"]; readonly served: ReadonlyMap<string, ServedDomains> }>();

export function filedDomainsByHost(stack: StackView, context: CheckContext): ReadonlyMap<string, ServedDomains> {
    const cached = cache.get(stack);
    if (cached && cached.registry === context.registry) return cached.served;
    const served = servedByHost(stack, context);
    cache.set(stack, { registry: context.registry, served });
    return served;
}

function servedByHost(stack: StackView, context: CheckContext): ReadonlyMap<string, ServedDomains> {
    const hosts = stackHosts(stack, context.regions);
    const served = new Map<string, { host: StackResourceView; domains: Set<string> }>();
    for (const record of StackGraph.of(stack, context.regions, context.shared).records()) {
        if (record.domain.state !== "host") continue;
        // Only filings accessed at Alibaba Cloud use an Alibaba instance's service numbers.
        const filing = context.registry.lookup(record.domain.host.registrable);
        if (!filing || !filing.accessProviders.includes(ALIBABA)) continue;
        for (const target of record.targets) {
            const resource = target.endpoint.resource && stack.byUrn.get(target.endpoint.resource.urn);
            if (!resource) continue;
            const host = hostSpecFor(resource.type) ? resource : hosts.hostOfEip.get(resource.urn);
            if (!host || !hostSpecFor(host.type)) continue;
            // A host outside the mainland cannot be a filing host for these domains at all. An instance
            // with no public address of its own still serves through its associated EIP.
            const hostEndpoint = hosts.endpoint(host);
            const hostServed = host !== resource && hostEndpoint?.servedIfPublic ? hostEndpoint.servedIfPublic : hostEndpoint?.served;
            if (hostServed?.where === "outside") continue;
            const entry = served.get(host.urn) ?? { host, domains: new Set<string>() };
            entry.domains.add(filing.domain);
            served.set(host.urn, entry);
        }
    }
    return served;
}
