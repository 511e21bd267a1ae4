/**
 * Every place a known domain is served from the Chinese mainland: bindings on the resource
 * itself, DNS records decided from the record alone (per resource), and DNS records decided
 * through the stack graph. Rules about the domain itself (its TLD, government domains) read these.
 * A record whose name is not known until apply but whose zone is (`rr` unknown, `domainName`
 * known) is a usage of its zone, marked `zoneOnly`: the zone gives the registrable domain and TLD,
 * not the full name.
 */
import { Binding, BindingDomain, perResourceBindingsOf, productLabel } from "../graph/bindings";
import { Hostname } from "../model/domain";
import { analyseRecordAlone, RecordAnalysis, StackGraph } from "../graph/stack-graph";
import { CheckContext, StackView } from "./policy-kit";
import { ResourceView, showResource } from "../model/resource";

export interface DomainUsage {
    readonly urn: string;
    /** The name served, or for a `zoneOnly` usage the zone the unknown name lies at or under. */
    readonly host: Hostname;
    /** Only the zone is known: the name is the zone or a name under it, not known until apply. */
    readonly zoneOnly: boolean;
    readonly secret: boolean;
    /** `cdn.DomainNew "x" binds … to …: scope …` or `DNS record www.x.com A (…) points at …: …`. */
    readonly how: string;
}

/** The known name, else the zone a name not known until apply lies under. */
function hostOf(domain: BindingDomain): { host: Hostname; zoneOnly: boolean } | undefined {
    if (domain.state === "host") return { host: domain.host, zoneOnly: false };
    if (domain.state === "under") return { host: domain.zone, zoneOnly: true };
    return undefined;
}

/**
 * A record's usage: its target in the mainland, else — for a proxied record — its origin at an
 * Alibaba Cloud mainland server (the site is hosted there, through the proxy). `parts` says which
 * of the two this pass decides.
 */
function recordUsage(record: RecordAnalysis, parts: { targets: boolean; origins: boolean } = { targets: true, origins: true }): DomainUsage | undefined {
    const decided = hostOf(record.domain);
    if (!decided) return undefined;
    const target = parts.targets ? record.targets.find((t) => t.endpoint.served.where === "mainland") : undefined;
    const origin = parts.origins && !target ? record.origins.find((t) => t.endpoint.alibaba && t.endpoint.served.where === "mainland") : undefined;
    const chosen = target ?? origin;
    if (!chosen) return undefined;
    const endpoint = `${chosen.endpoint.product}${chosen.endpoint.resource ? ` ${showResource(chosen.endpoint.resource)}` : ""}`;
    return {
        urn: record.resource.urn,
        ...decided,
        secret: record.secret,
        how: `${record.secret ? "a DNS record with a secret name" : `DNS record ${record.label}`} (${showResource(record.resource)}) ${target ? "points at" : "is proxied to its origin"} ${endpoint}: ${chosen.endpoint.served.because}`,
    };
}

/** Usages decided from one resource's inputs. */
function bindingUsages(bindings: readonly Binding[], usages: DomainUsage[]): void {
    for (const binding of bindings) {
        const decided = hostOf(binding.domain);
        if (!decided || binding.served.where !== "mainland") continue;
        usages.push({
            urn: binding.resource.urn,
            ...decided,
            secret: binding.secret,
            how: `${showResource(binding.resource)} binds it (${binding.property}) to ${productLabel(binding)}: ${binding.served.because}`,
        });
    }
}

export function resourceUsages(resource: ResourceView, context: CheckContext): DomainUsage[] {
    const usages: DomainUsage[] = [];
    bindingUsages(perResourceBindingsOf(resource, context.regions), usages);
    const record = analyseRecordAlone(resource, context.shared.endpoints);
    if (record?.decidedAlone) {
        const usage = recordUsage(record, { targets: true, origins: record.originsDecidedAlone });
        if (usage) usages.push(usage);
    }
    return usages;
}

/** Usages only the stack graph decides (the rest were reported per resource). */
export function stackUsages(stack: StackView, context: CheckContext): DomainUsage[] {
    const usages: DomainUsage[] = [];
    const graph = StackGraph.of(stack, context.regions, context.shared);
    bindingUsages(graph.stackBindings(), usages);
    for (const record of graph.records()) {
        // Decided per resource, except a proxied record's origins that need the graph.
        const usage = !record.decidedAlone ? recordUsage(record) : !record.originsDecidedAlone && record.origins.length > 0 ? recordUsage(record, { targets: false, origins: true }) : undefined;
        if (usage) usages.push(usage);
    }
    return usages;
}
