/**
 * ICP011 icp-registry-website-number-reuse — the registry gives one website number (…号-N) to
 * more than one registrable domain.
 *
 * Why: since 2019-04-22 each website number covers one domain (工信管函〔2019〕633号); filings made
 * before could list several (up to 10 in most provinces). So the same number on two domains is
 * worth a look — a copy-paste slip or a legacy filing — but not an error (ICP-RULES.md §3.5).
 */
import { definePolicy } from "../lib/kit/policy-kit";
import { registryName } from "../lib/kit/explain";

export default definePolicy<"websiteNumberReused">({
    id: "icp-registry-website-number-reuse",
    code: "ICP011",
    title: "One website number on several domains in the registry",
    description:
        "The filing registry gives the same website number (…号-N) to more than one registrable domain; since 2019-04-22 each website number covers one domain, so this is a copy-paste slip or a filing made before that date.",
    severity: "low",
    defaultLevel: "advisory",
    remediationSteps:
        "Check each domain's own website number in the MIIT record (beian.miit.gov.cn) and correct the registry; if the filing predates 2019-04-22, add filedOn: YYYY-MM-DD to the entries to say so.",
    tags: ["icp", "registry"],
    configSchema: { properties: {} },
    messages: {
        websiteNumberReused: (d) => `${d.registry}, ${d.where}: ${d.message}.\nFix: correct the website numbers, or add filedOn to entries filed before 2019-04-22.`,
    },
    checkStack(_stack, context, report) {
        for (const warning of context.registry.warnings) {
            report("", "websiteNumberReused", { registry: registryName(context.registry), where: warning.where, message: warning.message });
        }
    },
});
