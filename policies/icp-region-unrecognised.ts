/**
 * ICP004 icp-region-unrecognised — a cn-* region ID that is not in icp-guard's region table.
 *
 * Why: Alibaba Cloud opens regions often. icp-guard treats an unrecognised cn-* region as mainland
 * (the safe side for a filing gate) and says so, so that the table (data/regions.json) gets
 * updated or the region ID fixed.
 */
import { classifyRegion, showRegion } from "../lib/model/region";
import { bindingProductFor, servedWhere } from "../lib/graph/bindings";
import { ALICLOUD_PROVIDER_TYPE, clip, showResource } from "../lib/model/resource";
import { definePolicy } from "../lib/kit/policy-kit";
import { readString } from "../lib/model/values";

export default definePolicy({
    id: "icp-region-unrecognised",
    code: "ICP004",
    title: "Unrecognised cn-* region treated as mainland",
    description:
        "A resource or provider uses a cn-* region ID that icp-guard's region table does not list; icp-guard treats it as a Chinese mainland region.",
    severity: "low",
    defaultLevel: "advisory",
    remediationSteps:
        "Check the region ID for typos. If it is a new Alibaba Cloud region, add it to knownMainlandRegions in this policy's config (and report it so data/regions.json is updated).",
    tags: ["icp", "china", "region"],
    configSchema: {
        properties: {
            knownMainlandRegions: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "cn-* region IDs you have confirmed as mainland regions; they are not reported.",
            },
        },
    },
    messages: {
        providerRegion: (d) =>
            `${d.resource} sets region ${d.region}, which icp-guard's region table does not list. icp-guard treats it as a Chinese mainland region, so domains served there need an ICP filing.\n` +
            "Fix: correct the region ID if it is a typo; if it is a new mainland region, add it to knownMainlandRegions in this policy's config.",
        resourceRegion: (d) =>
            `${d.resource} is served from region ${d.region} (${d.origin}), which icp-guard's region table does not list. icp-guard treats it as a Chinese mainland region, so domains served there need an ICP filing.\n` +
            "Fix: correct the region ID if it is a typo; if it is a new mainland region, add it to knownMainlandRegions in this policy's config.",
    },
    checkResource(resource, context, report) {
        const known = context.config["knownMainlandRegions"] as readonly string[];
        const unrecognised = (region: string) => classifyRegion(region) === "mainland-unrecognised" && !known.includes(region);
        if (resource.type === ALICLOUD_PROVIDER_TYPE) {
            const region = readString(resource.props, "region");
            if (region.state === "known" && unrecognised(region.value)) {
                report(resource.urn, "providerRegion", { resource: `provider "${clip(resource.name, 120)}"`, region: showRegion(region.value) });
            }
            return;
        }
        // Regions set on the provider are reported once, on the provider; here only regions that
        // come from the resource itself, the stack config or the environment.
        const product = bindingProductFor(resource.type);
        if (!product) return;
        const location = product.location(resource, context.regions);
        if (location.kind !== "region" || location.region.source === "provider") return;
        const served = servedWhere(location);
        if (served.where === "mainland" && served.regionId && unrecognised(served.regionId)) {
            report(resource.urn, "resourceRegion", { resource: showResource(resource), region: served.regionId, origin: location.region.origin });
        }
    },
});
