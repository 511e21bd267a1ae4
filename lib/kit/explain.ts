/**
 * Message pieces shared by the policies, so a domain, a place and a fix read the same everywhere.
 */
import { Binding, productLabel } from "../graph/bindings";
import type { RecordAnalysis, ResolvedTarget } from "../graph/stack-graph";
import { showHost } from "../model/domain";
import { FilingRegistry, PACK_REGISTRY_HINT } from "../model/registry";
import { settingOf } from "../model/naming";
import { showResource } from "../model/resource";
import { MessageData } from "./policy-kit";
import * as path from "path";

export const SECRET_DOMAIN = "a secret domain (value hidden)";

/** Message data describing one binding, with secret values hidden. */
export function bindingData(binding: Binding, registry: FilingRegistry): MessageData {
    const host = binding.domain.state === "host" ? binding.domain.host : undefined;
    return {
        resource: showResource(binding.resource),
        property: binding.property,
        product: productLabel(binding),
        domain: binding.secret ? SECRET_DOMAIN : host ? showHost(host.ascii) : "(unknown)",
        registrable: binding.secret ? "(value hidden)" : host ? showHost(host.registrable) : "(unknown)",
        served: binding.served.because,
        family: binding.product.family,
        access: binding.product.access,
        moveAway: binding.moveAway ?? binding.product.moveAway ?? moveAwayFix(binding),
        registry: registryName(registry),
        accessSource: binding.product.accessSource,
    };
}

/**
 * How to stop serving from the mainland: the CDN-family product's scope setting, as the resource's
 * front end writes it (`scope: "overseas"`, `scope = "overseas"`), or a region outside the mainland.
 */
export function moveAwayFix(binding: Binding): string {
    if (binding.product.family === "regional") return "deploy it in a region outside the Chinese mainland (e.g. cn-hongkong or ap-southeast-1)";
    const scopeProperty = binding.product.scopeProperty;
    return scopeProperty
        ? `set ${settingOf(binding.resource, scopeProperty, '"overseas"')} to serve only outside the Chinese mainland`
        : `serve it from a CDN product with scope "overseas" (${binding.product.product} accelerates only in the Chinese mainland)`;
}

export function registryName(registry: FilingRegistry): string {
    return registry.source ? `the filing registry ${path.basename(registry.source)}` : `the filing registry (none found: ${registry.missingHint ?? PACK_REGISTRY_HINT})`;
}

/** Message data describing a DNS record and the target that decided it. */
export function recordData(analysis: RecordAnalysis, target: ResolvedTarget | undefined, registry: FilingRegistry): MessageData {
    const host = analysis.domain.state === "host" ? analysis.domain.host : analysis.domain.state === "under" ? analysis.domain.zone : undefined;
    const endpoint = target?.endpoint;
    const shownDomain = host ? (analysis.domain.state === "under" ? `a name under ${showHost(host.ascii)}` : showHost(host.ascii)) : "(unknown)";
    return {
        record: analysis.secret ? `a DNS record with a secret name (value hidden)` : `DNS record ${analysis.label}`,
        resource: showResource(analysis.resource),
        domain: analysis.secret ? SECRET_DOMAIN : shownDomain,
        registrable: analysis.secret ? "(value hidden)" : host ? showHost(host.registrable) : "(unknown)",
        endpoint: endpoint ? `${endpoint.product}${endpoint.resource ? ` ${showResource(endpoint.resource)}` : ""}` : "(unknown)",
        served: endpoint?.served.because ?? "",
        via: target?.via ?? "",
        access: endpoint?.access ?? "any",
        registry: registryName(registry),
        // Records of the inputs the record leads through to its target (a CNAME to a name they define), for the diagram.
        ...(target?.chain ? { chain: target.chain.records.join(CHAIN_SEPARATOR), chainVia: target.chain.via } : {}),
    };
}

/** Between the records of `chain` in message data: DNS names and record types never contain it. */
export const CHAIN_SEPARATOR = " → ";
