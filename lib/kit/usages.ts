/**
 * Every place a known domain is served from the Chinese mainland: bindings on the resource
 * itself, DNS records decided from the record alone (per resource), and DNS records decided
 * through the stack graph. Rules about the domain itself (its TLD, government domains) read these.
 */
import { Binding, perResourceBindingsOf, productLabel } from "../graph/bindings";
import { Hostname } from "../model/domain";
import { analyseRecordAlone, RecordAnalysis, StackGraph } from "../graph/stack-graph";
import { CheckContext, StackView } from "./policy-kit";
import { ResourceView, showResource } from "../model/resource";

export interface DomainUsage {
    readonly urn: string;
    readonly host: Hostname;
    readonly secret: boolean;
    /** `cdn.DomainNew "x" binds … to …: scope …` or `DNS record www.x.com A (…) points at …: …`. */
    readonly how: string;
}

/**
 * A record's usage: its target in the mainland, else — for a proxied record — its origin at an
 * Alibaba Cloud mainland server (the site is hosted there, through the proxy). `parts` says which
 * of the two this pass decides.
 */
function recordUsage(record: RecordAnalysis, parts: { targets: boolean; origins: boolean } = { targets: true, origins: true }): DomainUsage | undefined {
    if (record.domain.state !== "host") return undefined;
    const target = parts.targets ? record.targets.find((t) => t.endpoint.served.where === "mainland") : undefined;
    const origin = parts.origins && !target ? record.origins.find((t) => t.endpoint.alibaba && t.endpoint.served.where === "mainland") : undefined;
    const chosen = target ?? origin;
    if (!chosen) return undefined;
    const endpoint = `${chosen.endpoint.product}${chosen.endpoint.resource ? ` ${showResource(chosen.endpoint.resource)}` : ""}`;
    return {
        urn: record.resource.urn,
        host: record.domain.host,
        secret: record.secret,
        how: `${record.secret ? "a DNS record with a secret name" : `DNS record ${record.label}`} (${showResource(record.resource)}) ${target ? "points at" : "is proxied to its origin"} ${endpoint}: ${chosen.endpoint.served.because}`,
    };
}

/** Usages decided from one resource's inputs. */
function bindingUsages(bindings: readonly Binding[], usages: DomainUsage[]): void {
    for (const binding of bindings) {
        if (binding.domain.state !== "host" || binding.served.where !== "mainland") continue;
        usages.push({
            urn: binding.resource.urn,
            host: binding.domain.host,
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
    const graph = StackGraph.of(stack, context.regions, context.shared.endpoints);
    bindingUsages(graph.loadBalancerBindings(), usages);
    for (const record of graph.records()) {
        // Decided per resource, except a proxied record's origins that need the graph.
        const usage = !record.decidedAlone ? recordUsage(record) : !record.originsDecidedAlone && record.origins.length > 0 ? recordUsage(record, { targets: false, origins: true }) : undefined;
        if (usage) usages.push(usage);
    }
    return usages;
}
