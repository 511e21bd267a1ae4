/**
 * Every place a known domain is served from the Chinese mainland: bindings on the resource
 * itself, DNS records decided from the record alone (per resource), and DNS records decided
 * through the stack graph. Rules about the domain itself (its TLD, government domains) read these.
 */
import { Binding, bindingsOf, productLabel } from "../graph/bindings";
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

function recordUsage(record: RecordAnalysis): DomainUsage | undefined {
    if (record.domain.state !== "host") return undefined;
    const target = record.targets.find((t) => t.endpoint.served.where === "mainland");
    if (!target) return undefined;
    const endpoint = `${target.endpoint.product}${target.endpoint.resource ? ` ${showResource(target.endpoint.resource)}` : ""}`;
    return {
        urn: record.resource.urn,
        host: record.domain.host,
        secret: record.secret,
        how: `${record.secret ? "a DNS record with a secret name" : `DNS record ${record.label}`} (${showResource(record.resource)}) points at ${endpoint}: ${target.endpoint.served.because}`,
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
    bindingUsages(bindingsOf(resource, context.regions), usages);
    const record = analyseRecordAlone(resource, context.shared.endpoints);
    if (record?.decidedAlone) {
        const usage = recordUsage(record);
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
        if (record.decidedAlone) continue;
        const usage = recordUsage(record);
        if (usage) usages.push(usage);
    }
    return usages;
}
