/**
 * The filing decision for one domain served from one place: pass, unfiled, filed but not accessed
 * at Alibaba Cloud, or undecidable. Shared by the per-resource bindings and the DNS graph so every
 * policy reaches the same verdict for the same facts.
 */
import { Hostname } from "./domain";
import { AccessRequirement, Binding, Served } from "./bindings";
import { ALIBABA, FilingEntry, FilingRegistry } from "./registry";

export type Verdict =
    | { readonly kind: "pass" }
    | { readonly kind: "unfiled"; readonly host: Hostname }
    | { readonly kind: "not-accessed-at-alibaba"; readonly host: Hostname; readonly filing: FilingEntry }
    | { readonly kind: "undecidable"; readonly why: string; readonly host?: Hostname; readonly filing?: FilingEntry };

export function filingQualifies(filing: FilingEntry | undefined, access: AccessRequirement): boolean {
    return filing !== undefined && (access === "any" || filing.accessProviders.includes(ALIBABA));
}

/** Decides a known hostname served where `served` says, for a product needing `access`. */
export function decideHost(host: Hostname, served: Served, access: AccessRequirement, registry: FilingRegistry): Verdict {
    const filing = registry.lookup(host.registrable);
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
