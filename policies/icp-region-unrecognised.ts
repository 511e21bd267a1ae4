/**
 * ICP004 icp-region-unrecognised — a cn-* region ID that is not in icp-guard's region table.
 *
 * Why: Alibaba Cloud opens regions often. icp-guard treats an unrecognised cn-* region as mainland
 * (the safe side for a filing gate) and says so, so that the table (data/regions.json) gets
 * updated or the region ID fixed.
 *
 * It also reports, on the default provider, a region the provider never sees: stack config that
 * sets it under a key the alicloud provider does not read (`aliyun:region` — the default provider
 * takes `alicloud:region` only), so resources that rely on the stack config land in ALICLOUD_REGION
 * or the provider's default cn-beijing. icp-guard decides them where the provider puts them, so the
 * advisory is about the deployment going somewhere the team did not mean: always advisory.
 */
import { classifyRegion, PROVIDER_DEFAULT_REGION, RegionEnvironment, showRegion, STACK_CONFIG_REGION_KEY, unreadRegionKeys } from "../lib/model/region";
import { bindingProductFor, servedWhere } from "../lib/graph/bindings";
import { ALICLOUD_PROVIDER_TYPE, clip, showResource } from "../lib/model/resource";
import { definePolicy } from "../lib/kit/policy-kit";
import { readString } from "../lib/model/values";

export default definePolicy({
    id: "icp-region-unrecognised",
    code: "ICP004",
    title: "Unrecognised cn-* region treated as mainland",
    description:
        "A resource or provider uses a cn-* region ID that icp-guard's region table does not list (icp-guard treats it as a Chinese mainland region), or the stack config sets the region under a key the alicloud provider does not read.",
    severity: "low",
    defaultLevel: "advisory",
    remediationSteps:
        "Check the region ID for typos. If it is a new Alibaba Cloud region, add it to knownMainlandRegions in this policy's config (and report it so data/regions.json is updated). If the stack config sets the region under another key (aliyun:region, alicloud:regionId, …), set it under alicloud:region instead.",
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
        stackConfigRegionKey: (d) =>
            `The stack config sets ${d.key}${d.value ? ` = ${d.value}` : ""}, but the alicloud provider reads its region from ${STACK_CONFIG_REGION_KEY} only, so resources that take their region from the stack config are deployed in ${d.effective}, and icp-guard decides them there.\n` +
            `Fix: set the region under ${STACK_CONFIG_REGION_KEY} (pulumi config set ${STACK_CONFIG_REGION_KEY} ${d.value || "<region>"}) and remove ${d.key}, or give the provider its region explicitly.`,
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
            // The default provider takes its region from alicloud:region in the stack config (the
            // engine passes it as the provider's `region` input); without one, a region set under
            // another key went nowhere.
            const noRegion = region.state === "absent" || (region.state === "known" && region.value === "");
            if (noRegion) {
                // Only a default provider reads the stack config; with several stacks checked together, only its own stack's.
                for (const { key, value } of unreadRegionKeys(resource, context.regions)) {
                    report(resource.urn, "stackConfigRegionKey", { key, value: value ?? "", effective: effectiveRegion(context.regions) }, { advisoryOnly: true });
                }
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

/** Where resources that rely on the stack config go when it has no alicloud:region: the environment, else the provider's default. */
function effectiveRegion(regions: RegionEnvironment): string {
    if (regions.environmentRegion) return `${showRegion(regions.environmentRegion)} (from ${regions.environmentVariable ?? "the environment"})`;
    return `${showRegion(PROVIDER_DEFAULT_REGION)} (the provider's default)`;
}

