/**
 * ICP003 icp-binding-undecidable — icp-guard cannot tell whether a binding needs a filing.
 *
 * Why: during preview many values are unknown. icp-guard decides from what is known (type,
 * scope default, region chain) and never lets the SDK turn an unknown into "can't run policy";
 * what remains undecidable is reported here, explicitly, at a level the team chooses: advisory by
 * default, mandatory for teams that want the gate closed until the value is known.
 */
import { BINDING_TYPES, bindingsOf } from "../lib/bindings";
import { decideBinding } from "../lib/decide";
import { bindingData } from "../lib/explain";
import { definePolicy } from "../lib/policy-kit";

export default definePolicy({
    id: "icp-binding-undecidable",
    code: "ICP003",
    title: "Cannot decide whether a domain binding needs an ICP filing",
    description:
        "icp-guard could not decide whether a domain binding is served from the Chinese mainland without a qualifying ICP filing, because a deciding value (domain, scope, region) is unknown until apply or malformed.",
    severity: "medium",
    defaultLevel: "advisory",
    remediationSteps:
        "Make the deciding value known at preview (a literal domain, an explicit scope or provider region), or file the domain so the answer no longer depends on it. Set this policy to mandatory to block until the value is known.",
    tags: ["icp", "china", "preview"],
    configSchema: { properties: {} },
    resourceTypes: BINDING_TYPES,
    messages: {
        undecidable: (d) =>
            `${d.resource} binds ${d.domain} (${d.property}) to ${d.product}, but icp-guard cannot decide whether it needs an ICP filing: ${d.why}.\n` +
            "Fix: make the value known at preview (a literal domain, an explicit scope or region), or file the domain's registrable domain so it passes wherever it is served.",
    },
    checkResource(resource, context, report) {
        for (const binding of bindingsOf(resource, context.regions)) {
            const verdict = decideBinding(binding, context.registry);
            if (verdict.kind !== "undecidable") continue;
            const data = bindingData(binding, context.registry);
            report(resource.urn, "undecidable", {
                ...data,
                domain: binding.domain.state === "host" ? data.domain : binding.domain.state === "unknown" ? "a domain not known until apply" : "a malformed domain",
                why: verdict.why,
            });
        }
    },
});
