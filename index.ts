/**
 * icp-guard policy pack entry point, loaded by the engine's launcher
 * (`node node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine> <packDir>`) through
 * package.json "main" (bin/index.js, precompiled: no ts-node type checking at start-up).
 *
 * Nothing here may write to stdout: the first stdout line must be the gRPC port. Start-up
 * problems go to stderr and stop the process before the port is printed.
 */
import * as path from "path";
import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies";
import { sdkPolicies } from "./lib/inputs/engine/pack";
import { CARRIER_POLICIES, PackConfig } from "./lib/kit/config";
import { DeferredAdvisories } from "./lib/kit/runner";
import { emptyRegistry, loadRegistry, locateRegistry, RegistryError, FilingRegistry } from "./lib/model/registry";
import { regionEnvironmentFrom } from "./lib/model/region";
import { observeConfigureOnTheWire, observeSecretsOnTheWire, SecretIndex } from "./lib/inputs/engine/wire";
import { RegistryHolder } from "./lib/kit/registry-holder";
import { REGISTRY_POLICY_NAME } from "./lib/model/registry-sources";
import { configOnlyPolicies } from "./lib/inputs/engine/config-only-policies";
import { ALICLOUD_PROVIDER_TYPE } from "./lib/model/resource";
import { ALICLOUD_TYPES_READ } from "./lib/graph/types-read";
import { isKubernetesHostType, KUBERNETES_PROVIDER_TYPE } from "./lib/graph/kubernetes-objects";

// bin/ → the pack directory (where a published pack carries its registry).
const packDir = path.resolve(__dirname, "..");
/** Policy ids a waiver may name. */
const knownPolicies = POLICIES.map((policy) => policy.id);

function loadRegistryOrExit(): FilingRegistry {
    try {
        const file = locateRegistry(process.env, packDir);
        return file ? loadRegistry(file, { knownPolicies }) : emptyRegistry();
    } catch (error) {
        if (error instanceof RegistryError) {
            process.stderr.write(`${error.message}\n`);
            process.exit(1);
        }
        throw error;
    }
}

const registries = new RegistryHolder(loadRegistryOrExit(), { knownPolicies });
// Types icp-guard reads, whose property values may reach a message; secrets on any other type
// cannot, and walking them would only cost time.
const typesRead = new Set([ALICLOUD_PROVIDER_TYPE, KUBERNETES_PROVIDER_TYPE, ...ALICLOUD_TYPES_READ]);
const secrets = new SecretIndex((type) => typesRead.has(type) || isKubernetesHostType(type));
observeSecretsOnTheWire(secrets);
const config = new PackConfig(POLICIES);
// Domain-level advisories found per resource wait here for the stack pass (kit/runner.ts).
const deferred = new DeferredAdvisories();
observeConfigureOnTheWire((received) => {
    deferred.clear();
    config.receive(received);
    registries.receive(received.get(REGISTRY_POLICY_NAME)?.properties);
}, CARRIER_POLICIES);

new PolicyPack("icp-guard", {
    description:
        "Blocks binding domains without an ICP filing (ICP备案) to Alibaba Cloud endpoints that serve the Chinese mainland.",
    displayName: "icp-guard: ICP filing guard for Alibaba Cloud",
    provider: "alicloud",
    tags: ["icp", "china", "alicloud"],
    repository: "https://github.com/icp-guard/icp-guard",
    policies: [
        ...sdkPolicies(POLICIES, {
            // The registry may arrive in Configure (icp-filing-registry): read it at each check.
            get registry() {
                return registries.registry;
            },
            get waivers() {
                return registries.waivers;
            },
            registries,
            regions: regionEnvironmentFrom(process.env),
            secrets,
            config,
            deferred,
        }),
        ...configOnlyPolicies(),
    ],
});
