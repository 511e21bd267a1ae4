/**
 * The filing decision for one domain served from one place: pass, unfiled, filed but not accessed
 * at Alibaba Cloud, or undecidable. Shared by the per-resource bindings and the DNS graph so every
 * policy reaches the same verdict for the same facts.
 */
import { Hostname } from "../model/domain";
import { AccessRequirement, Binding, Served } from "../graph/bindings";
import { ALIBABA, FilingEntry, FilingRegistry } from "../model/registry";
import { isGovernmentDomain } from "../model/tld";
import type { RecordAnalysis, ResolvedTarget } from "../graph/stack-graph";

export type Verdict =
    | { readonly kind: "pass" }
    | { readonly kind: "unfiled"; readonly host: Hostname }
    | { readonly kind: "not-accessed-at-alibaba"; readonly host: Hostname; readonly filing: FilingEntry }
    | { readonly kind: "undecidable"; readonly why: string; readonly host?: Hostname; readonly filing?: FilingEntry };

export function filingQualifies(filing: FilingEntry | undefined, access: AccessRequirement): boolean {
    return filing !== undefined && (access === "any" || filing.accessProviders.includes(ALIBABA));
}

/**
 * The filing that covers a hostname. A filing covers its registrable domain and every subdomain,
 * except under government suffixes (.gov.cn, .政务), where a department's `AAA.XXX.gov.cn` is
 * filed by that department (ICP-RULES.md §2.2): there the most specific entry wins, and
 * `ownEntry` says whether the hostname has an entry of its own (or under a sub-unit's).
 */
export function filingFor(host: Hostname, registry: FilingRegistry): { filing: FilingEntry | undefined; ownEntry: boolean } {
    if (host.ascii !== host.registrable && isGovernmentDomain(host)) {
        const labels = host.ascii.split(".");
        const registrableLabels = host.registrable.split(".").length;
        for (let i = 0; labels.length - i > registrableLabels; i++) {
            const entry = registry.lookup(labels.slice(i).join("."));
            if (entry) return { filing: entry, ownEntry: true };
        }
        return { filing: registry.lookup(host.registrable), ownEntry: false };
    }
    return { filing: registry.lookup(host.registrable), ownEntry: true };
}

/** Decides a known hostname served where `served` says, for a product needing `access`. */
export function decideHost(host: Hostname, served: Served, access: AccessRequirement, registry: FilingRegistry): Verdict {
    const { filing } = filingFor(host, registry);
    if (served.where === "outside") return { kind: "pass" };
    if (filingQualifies(filing, access)) return { kind: "pass" };
    if (served.where === "undecidable") {
        const state = filing ? "its filing does not list Alibaba Cloud as access provider" : "it has no ICP filing in the registry";
        return { kind: "undecidable", why: `${served.because}, and ${state}`, host, filing };
    }
    if (!filing) return { kind: "unfiled", host };
    return { kind: "not-accessed-at-alibaba", host, filing };
}

export function decideBinding(binding: Binding, registry: FilingRegistry, access: AccessRequirement = binding.product.access): Verdict {
    const { domain, served } = binding;
    switch (domain.state) {
        case "none":
            return { kind: "pass" };
        case "host":
            return decideHost(domain.host, served, access, registry);
        case "under":
            // Only the labels on the left are open: the zone's registrable domain is the binding's.
            return decideHost(domain.zone, served, access, registry);
        case "invalid":
            return served.where === "outside" ? { kind: "pass" } : { kind: "undecidable", why: `${binding.property} ${domain.why}` };
        case "unknown":
            if (served.where === "outside") return { kind: "pass" };
            return {
                kind: "undecidable",
                why:
                    served.where === "mainland"
                        ? `${binding.property} is not known until apply, and it is served from the mainland (${served.because})`
                        : `${binding.property} is not known until apply, and ${served.because}`,
            };
    }
}

// --------------------------------------------------------------------------------------------
// DNS records
// --------------------------------------------------------------------------------------------

export type RecordVerdict =
    | { readonly kind: "pass" }
    | { readonly kind: "unfiled"; readonly host: Hostname; readonly target: ResolvedTarget }
    | { readonly kind: "not-accessed-at-alibaba"; readonly host: Hostname; readonly filing: FilingEntry; readonly target: ResolvedTarget }
    | { readonly kind: "undecidable"; readonly why: string };

/**
 * Decides a web DNS record: a mainland target needs a filing that qualifies for that endpoint
 * (接入阿里云 for Alibaba-hosted products); undecided targets pass only when the domain's filing
 * qualifies wherever the record might point.
 */
export function decideRecord(analysis: RecordAnalysis, registry: FilingRegistry): RecordVerdict {
    const { domain } = analysis;
    if (domain.state === "none") return { kind: "pass" };
    const mainland = analysis.targets.filter((t) => t.endpoint.served.where === "mainland");
    if (mainland.length > 0) {
        const target = mainland.find((t) => t.endpoint.access === "alibaba") ?? mainland[0];
        if (domain.state === "unknown") {
            return { kind: "undecidable", why: `the record's name is not known until apply, and it points at ${target.endpoint.product} in the Chinese mainland (${target.endpoint.served.because})` };
        }
        if (domain.state === "invalid") return { kind: "undecidable", why: `the record's name ${domain.why}, and it points at the Chinese mainland` };
        // A name not known until apply under a known zone is decided from the zone's registrable domain.
        const host = domain.state === "host" ? domain.host : domain.zone;
        const verdict = decideHost(host, target.endpoint.served, target.endpoint.access, registry);
        if (verdict.kind === "unfiled") return { kind: "unfiled", host, target };
        if (verdict.kind === "not-accessed-at-alibaba") return { kind: "not-accessed-at-alibaba", host, filing: verdict.filing, target };
        return { kind: "pass" };
    }
    const open = analysis.targets.filter((t) => t.endpoint.served.where === "undecidable");
    const reasons = [...open.map((t) => `${t.endpoint.product}: ${t.endpoint.served.because}`), ...analysis.undecided];
    if (reasons.length === 0) return { kind: "pass" };
    // An unplaced target might be an Alibaba-hosted server, so only a filing accessed at Alibaba settles it.
    const access: AccessRequirement = analysis.undecided.length > 0 || open.some((t) => t.endpoint.access === "alibaba") ? "alibaba" : "any";
    if (domain.state === "host" || domain.state === "under") {
        const { filing } = filingFor(domain.state === "host" ? domain.host : domain.zone, registry);
        if (filingQualifies(filing, access)) return { kind: "pass" };
        const state = filing ? "its filing does not list Alibaba Cloud as access provider" : "it has no ICP filing in the registry";
        return { kind: "undecidable", why: `${reasons.join("; ")}; and ${state}` };
    }
    return { kind: "undecidable", why: `${reasons.join("; ")}; and the record's name ${domain.state === "invalid" ? domain.why : "is not known until apply"}` };
}
