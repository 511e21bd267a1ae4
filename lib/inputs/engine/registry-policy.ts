/**
 * `icp-filing-registry`: a policy that only declares the registry's config schema, so the engine
 * accepts and validates `{"icp-filing-registry": {"filings": [...], "waivers": [...]}}` in
 * `--policy-pack-config` and in Pulumi Cloud policy-group config, and sends it in Configure. It
 * checks nothing and reports nothing; the pack reads its config (index.ts → RegistryHolder) and
 * validates it fully itself, since the SDK does no validation. It has no ICP code: codes name
 * checks, and this is not one.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { REGISTRY_POLICY_NAME } from "../../model/registry-sources";
import { CONFIG_ONLY_DECLARATIONS } from "../../kit/config";

const REGISTRY_DECLARATION = CONFIG_ONLY_DECLARATIONS.find((policy) => policy.name === REGISTRY_POLICY_NAME)!;

export const REGISTRY_POLICY_URL = "https://github.com/icp-guard/icp-guard/blob/main/README.md#the-registry-in-the-policy-config-org-wide";

export function registryConfigPolicy(): ResourceValidationPolicy {
    return {
        name: REGISTRY_POLICY_NAME,
        displayName: "icp-guard filing registry (config only)",
        description:
            "Carries the ICP filing registry (ICP备案 filings and waivers) in the policy config, so policy groups can set it without republishing the pack. It runs no check; a broken registry stops the pack.",
        enforcementLevel: REGISTRY_DECLARATION.enforcementLevel,
        severity: "low",
        remediationSteps: "Put the filings under icp-filing-registry in the policy config, in the format of icp-filings.yaml; see the README.",
        url: REGISTRY_POLICY_URL,
        tags: ["icp", "registry", "config"],
        configSchema: { properties: REGISTRY_DECLARATION.configSchema!.properties as unknown as NonNullable<ResourceValidationPolicy["configSchema"]>["properties"] },
        validateResource: [],
    };
}
