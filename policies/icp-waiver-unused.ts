/**
 * ICP012 icp-waiver-unused — a waiver in the registry matched no finding in this stack.
 *
 * Why: waivers are exceptions with owners and expiry dates; one that no longer matches anything
 * (the resource was fixed, renamed or removed) should be deleted, or it will silently cover the
 * next problem with the same name (ESLint's reportUnusedDisableDirectives habit).
 */
import { definePolicy } from "../lib/kit/policy-kit";
import { registryName } from "../lib/kit/explain";

export default definePolicy<"waiverUnused">({
    id: "icp-waiver-unused",
    code: "ICP012",
    title: "Waiver matches nothing",
    description:
        "A waiver in the filing registry matched no icp-guard finding in this stack (resource-level or stack-level), so it can be removed; waivers given by URN for another stack or project are not reported.",
    severity: "low",
    defaultLevel: "advisory",
    remediationSteps: "Remove the waiver if the problem is fixed, or correct its policy, resource or domain so it matches what it is meant to cover.",
    tags: ["icp", "registry", "waiver"],
    configSchema: { properties: {} },
    messages: {
        waiverUnused: (d) =>
            `${d.registry}, waivers[${d.index}] (policy ${d.policy}, resource ${d.resource}${d.domain}, owner ${d.owner}${d.expired}) matched no finding in this stack.\n` +
            "Fix: remove it if the problem is fixed, or correct its policy, resource or domain.",
    },
    // Unused means unused by every other check, so it runs after them.
    runsAfterOthers: true,
    checkStack(stack, context, report) {
        if (!context.waivers) return;
        // URN waivers name their stack and project: only those for this stack count here.
        const prefix = stack.resources.length > 0 ? /^urn:pulumi:[^:]*::[^:]*::/.exec(stack.resources[0].urn)?.[0] : undefined;
        for (const waiver of context.waivers.unused()) {
            // With no resources the stack is unknown, so URN waivers cannot be told apart.
            if (waiver.resource.startsWith("urn:pulumi:") && (!prefix || !waiver.resource.startsWith(prefix))) continue;
            report("", "waiverUnused", {
                registry: registryName(context.registry),
                index: String(waiver.index),
                policy: waiver.policy,
                resource: waiver.resource.slice(0, 200),
                domain: waiver.domain ? `, domain ${waiver.domain}` : "",
                owner: waiver.owner.slice(0, 100),
                expired: waiver.expired ? `, expired ${waiver.expires}` : "",
            });
        }
    },
});
