/**
 * `icp-endpoint-catalog`: a policy that only declares the endpoint catalog's config schema, so the
 * engine accepts and validates `{"icp-endpoint-catalog": <the JSON of icp-guard endpoints>}` in
 * `--policy-pack-config` and in Pulumi Cloud policy-group config, and sends it in Configure. It
 * checks nothing and reports nothing; the pack reads its config (lib/kit/config.ts PackConfig) and
 * validates it fully itself. Like icp-filing-registry it has no ICP code: codes name checks.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { CATALOG_POLICY_NAME } from "../../model/endpoint-catalog";
import { CONFIG_ONLY_DECLARATIONS } from "../../kit/config";

const CATALOG_DECLARATION = CONFIG_ONLY_DECLARATIONS.find((policy) => policy.name === CATALOG_POLICY_NAME)!;

export const CATALOG_POLICY_URL = "https://github.com/icp-guard/icp-guard/blob/main/README.md#endpoints-in-other-stacks-the-endpoint-catalog";

export function catalogConfigPolicy(): ResourceValidationPolicy {
    return {
        name: CATALOG_POLICY_NAME,
        displayName: "icp-guard endpoint catalog (config only)",
        description:
            "Carries the endpoint catalog (icp-guard endpoints: the public endpoints of other stacks and root modules) in the policy config, so DNS records pointing at them are judged. It runs no check; a broken catalog stops the pack.",
        enforcementLevel: CATALOG_DECLARATION.enforcementLevel,
        severity: "low",
        remediationSteps: "Put the JSON of `icp-guard endpoints` under icp-endpoint-catalog in the policy config; see the README.",
        url: CATALOG_POLICY_URL,
        tags: ["icp", "dns", "config"],
        configSchema: { properties: CATALOG_DECLARATION.configSchema!.properties as unknown as NonNullable<ResourceValidationPolicy["configSchema"]>["properties"] },
        validateResource: [],
    };
}
