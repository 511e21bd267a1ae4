/**
 * A RuleTester for icp-guard policies, after ESLint's: each policy gets a table of valid and
 * invalid cases. Every case runs twice:
 *
 * - through the pure check (resources in, findings out), asserting message ids and data;
 * - through `@pulumi/policy`'s own analyze handler (server.js makeAnalyzeRpcFun) with a real
 *   protobuf AnalyzeRequest — the SDK's deserialisation and unknown-checking proxy included —
 *   asserting the same number of diagnostics on the case's URN and never a "can't run policy".
 *
 * The harness refuses tables that cannot catch a regression: an invalid case without errors,
 * duplicate case names, a message id no case covers, or no case with an unknown (preview) value.
 */
import * as assert from "assert";
import { PolicyDefinition, MessageData, CheckContext } from "../../lib/kit/policy-kit";
import { FilingRegistry } from "../../lib/model/registry";
import { RegionEnvironment } from "../../lib/model/region";
import { ResourceView } from "../../lib/model/resource";
import type { Policy } from "@pulumi/policy";
import { PackState, sdkPolicies } from "../../lib/inputs/engine/pack";
import { configOnlyPolicies } from "../../lib/inputs/engine/config-only-policies";
import { PackConfig } from "../../lib/kit/config";
import { DeferredAdvisories } from "../../lib/kit/runner";
import { sharedSettingsFrom } from "../../lib/kit/settings";
import type { EndpointCatalog } from "../../lib/model/endpoint-catalog";
import { WaiverBook } from "../../lib/model/waivers";
import { SecretIndex } from "../../lib/inputs/engine/wire";
import { UNKNOWN_SENTINELS } from "../../lib/model/values";
import { isBehindLoadBalancer } from "../../lib/graph/bindings";
import { Finding, StackView } from "../../lib/kit/policy-kit";
import { StackResourceView } from "../../lib/model/resource";
import { analyzerInfoFromProto, PolicyPackConfig, ProviderInput, reconcileConfig } from "../../tools/engine-client";
import { testRegistry, urnOf } from "./fixtures";
import { terraformTwin } from "./terraform-twin";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const analyzerProto = require("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const policyServer = require("@pulumi/policy/server");
const policyProto = require("@pulumi/policy/protoutil");

export interface Case {
    /** Unique, says what the case shows. */
    readonly name: string;
    readonly type: string;
    readonly props: Record<string, unknown>;
    readonly provider?: ProviderInput;
    readonly regions?: RegionEnvironment;
    readonly registry?: FilingRegistry;
    /** Policy config properties; cases with config skip the SDK run (its Configure is not exported). */
    readonly config?: Record<string, unknown>;
    /** Other policies' config, for options they share (mainlandCidrs, alsoRequireAlibabaFor). */
    readonly policyConfigs?: Record<string, Record<string, unknown>>;
    /** The endpoint catalog of other stacks (icp-endpoint-catalog), as the config delivers it. */
    readonly catalog?: EndpointCatalog;
    readonly secretProps?: readonly string[];
    /** The resource's name, when it matters (e.g. the engine's default provider, `default_3_108_0`); else from the case name. */
    readonly resourceName?: string;
    /** Why the case has no Terraform twin (it is about something only Pulumi has, e.g. the stack config). */
    readonly noTerraformTwin?: string;
}

export interface ExpectedError {
    readonly messageId: string;
    /** Subset of the message data that must match. */
    readonly data?: Partial<MessageData>;
    readonly advisoryOnly?: boolean;
    /** Substrings the rendered message must contain. */
    readonly messageIncludes?: readonly string[];
    /** Substrings the rendered message must not contain (secret values). */
    readonly messageExcludes?: readonly string[];
}

export interface InvalidCase extends Case {
    readonly errors: readonly ExpectedError[];
}

/** One resource of a stack case; dependencies are written by resource name. */
export interface StackResourceSpec {
    readonly name: string;
    readonly type: string;
    /** Outputs, as AnalyzeStack sends them. */
    readonly props: Record<string, unknown>;
    readonly provider?: ProviderInput;
    /** Property → names of the resources its value comes from. */
    readonly dependsOn?: Record<string, readonly string[]>;
    /** Names of resources it depends on without a property (the `dependsOn` resource option). */
    readonly dependsOnResources?: readonly string[];
    readonly secretProps?: readonly string[];
}

export interface StackCase {
    readonly name: string;
    readonly resources: readonly StackResourceSpec[];
    readonly regions?: RegionEnvironment;
    readonly registry?: FilingRegistry;
    readonly config?: Record<string, unknown>;
    readonly policyConfigs?: Record<string, Record<string, unknown>>;
    readonly catalog?: EndpointCatalog;
}

export interface ExpectedStackError extends ExpectedError {
    /** Name of the resource the finding is attached to; "" for a finding about the stack as a whole. */
    readonly resource: string;
}

export interface InvalidStackCase extends StackCase {
    readonly errors: readonly ExpectedStackError[];
}

export interface Table {
    readonly valid: readonly Case[];
    readonly invalid: readonly InvalidCase[];
    /** Whole stacks for the policy's stack check (AnalyzeStack). */
    readonly stackValid?: readonly StackCase[];
    readonly stackInvalid?: readonly InvalidStackCase[];
}

/** The stack a list of resource specs describes; dependencies are written by resource name. */
export function stackOf(specs: readonly StackResourceSpec[]): StackView {
    const urnByName = new Map(specs.map((r) => [r.name, urnOf(r.type, r.name)]));
    const resources: StackResourceView[] = specs.map((r) => {
        const propertyDependencies: Record<string, string[]> = {};
        for (const [property, names] of Object.entries(r.dependsOn ?? {})) {
            propertyDependencies[property] = names.map((name) => {
                const urn = urnByName.get(name);
                assert.ok(urn, `unknown resource "${name}" in dependsOn of "${r.name}"`);
                return urn;
            });
        }
        return {
            urn: urnByName.get(r.name)!,
            type: r.type,
            name: r.name,
            props: r.props,
            provider: r.provider,
            secretProps: new Set(r.secretProps ?? []),
            dependencies: [
                ...new Set([
                    ...Object.values(propertyDependencies).flat(),
                    ...(r.dependsOnResources ?? []).map((name) => {
                        const urn = urnByName.get(name);
                        assert.ok(urn, `unknown resource "${name}" in dependsOnResources of "${r.name}"`);
                        return urn;
                    }),
                ]),
            ],
            propertyDependencies,
        };
    });
    return { resources, byUrn: new Map(resources.map((r) => [r.urn, r])) };
}

/** The AnalyzeStack request the engine would send for a stack view (outputs, providers, dependencies). */
export function stackRequestOf(stack: StackView): any {
    const request = new analyzerProto.AnalyzeStackRequest();
    request.setResourcesList(
        stack.resources.map((resource) => {
            const message = new analyzerProto.AnalyzerResource();
            message.setUrn(resource.urn);
            message.setType(resource.type);
            message.setName(resource.name);
            message.setProperties(Struct.fromJavaScript(resource.props));
            message.setOptions(new analyzerProto.AnalyzerResourceOptions());
            if (resource.provider) {
                const provider = new analyzerProto.AnalyzerProviderResource();
                provider.setUrn(resource.provider.urn);
                provider.setType(resource.provider.type);
                provider.setName(resource.provider.name);
                provider.setProperties(Struct.fromJavaScript(resource.provider.props));
                message.setProvider(provider);
            }
            message.setDependenciesList([...resource.dependencies]);
            for (const [property, urns] of Object.entries(resource.propertyDependencies)) {
                const dependencies = new analyzerProto.AnalyzerPropertyDependencies();
                dependencies.setUrnsList([...urns]);
                message.getPropertydependenciesMap().set(property, dependencies);
            }
            return message;
        }),
    );
    return request;
}

/**
 * The pack's SDK policies for `definitions`, with `state.config` configured as the engine
 * configures a preview given `document` as its `--policy-pack-config` (none: `{}`). Nothing on the
 * engine's side is the product's: the engine learns the policies from the pack's GetAnalyzerInfo
 * answer, built here by @pulumi/policy's own `protoutil.makeAnalyzerInfo` over everything the pack
 * declares (as `new PolicyPack` serves it) and read as the engine reads it (tools/engine-client.ts
 * `analyzerInfoFromProto`); it reconciles them with the document as pulumi/pulumi does
 * (tools/engine-policy-config.ts, commit cited there); the pack's config only receives the result,
 * as the pack's Configure observer hands it over (index.ts).
 */
export function configuredAsByEngine(definitions: readonly PolicyDefinition[], state: PackState, document: PolicyPackConfig = {}): Policy[] {
    const policies = sdkPolicies(definitions, state);
    const served = policyProto.makeAnalyzerInfo("icp-guard", "0.0.0-test", "advisory", { policies: [...policies, ...configOnlyPolicies()] }, undefined);
    state.config.receive(new Map(Object.entries(reconcileConfig(analyzerInfoFromProto(served), document))), { announce: false });
    return policies;
}

/** configuredAsByEngine for one policy, without a `--policy-pack-config`. */
function configuredPack(policy: PolicyDefinition, state: Omit<PackState, "config">): Policy[] {
    return configuredAsByEngine([policy], { ...state, config: new PackConfig([policy]) });
}

/**
 * A stack through `@pulumi/policy`'s own AnalyzeStack handler, with the pack's single stack policy
 * built for `policy`; the registry's waivers go in a fresh book unless one is given.
 */
export async function analyzeStackThroughSdk(
    policy: PolicyDefinition,
    stack: StackView,
    options: { registry?: FilingRegistry; regions?: RegionEnvironment; waivers?: WaiverBook } = {},
): Promise<any[]> {
    const registry = options.registry ?? testRegistry;
    const policies = configuredPack(policy, {
        registry,
        regions: options.regions ?? {},
        secrets: new SecretIndex(() => false),
        waivers: options.waivers ?? new WaiverBook(registry.waivers),
    });
    const carrier = policies.find((p) => "validateStack" in p)!;
    const analyzeStack = policyServer.makeAnalyzeStackRpcFun("icp-guard", "0.0.0-test", "advisory", [carrier]);
    const response: any = await new Promise((resolve, reject) =>
        analyzeStack({ request: stackRequestOf(stack) }, (error: Error | null, result: unknown) => (error ? reject(error) : resolve(result))),
    );
    return response.getDiagnosticsList();
}

const runStackThroughSdk = (policy: PolicyDefinition, testCase: StackCase) =>
    analyzeStackThroughSdk(policy, stackOf(testCase.resources), { registry: testCase.registry, regions: testCase.regions });

function assertFindings(policy: PolicyDefinition, findings: readonly Finding[], errors: readonly ExpectedError[]): void {
    assert.deepStrictEqual(
        findings.map((f) => f.messageId),
        errors.map((e) => e.messageId),
        `messages: ${findings.map((f) => f.message).join("\n---\n")}`,
    );
    errors.forEach((expected, index) => {
        const finding = findings[index];
        for (const [key, value] of Object.entries(expected.data ?? {})) {
            assert.strictEqual(finding.data[key], value, `data.${key} of error ${index}`);
        }
        assert.strictEqual(finding.advisoryOnly, expected.advisoryOnly ?? false, "advisoryOnly");
        for (const text of expected.messageIncludes ?? []) assert.ok(finding.message.includes(text), `message should include ${JSON.stringify(text)}:\n${finding.message}`);
        for (const text of expected.messageExcludes ?? []) assert.ok(!finding.message.includes(text), `message must not include ${JSON.stringify(text)}:\n${finding.message}`);
        assert.ok(finding.message.includes(policy.url), "message links the policy docs");
    });
}

/** A domain-level finding at advisory level: the pack reports it in the stack pass, once per domain (kit/runner.ts). */
function isPerDomainAdvisory(policy: PolicyDefinition, finding: Finding): boolean {
    return finding.perDomain !== undefined && (finding.advisoryOnly || policy.defaultLevel === "advisory");
}

/** Findings as the pack reports them: domain-level advisories once per message and domain, the first binding's. */
function onePerDomain(policy: PolicyDefinition, findings: readonly Finding[]): Finding[] {
    const seen = new Set<string>();
    return findings.filter((finding) => {
        if (!isPerDomainAdvisory(policy, finding)) return true;
        const key = `${finding.messageId} ${finding.perDomain} ${finding.domain === undefined}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

/**
 * camelCase words a finding may carry whatever the front end: icp-guard's own registry fields and
 * policy options (the same in a Terraform user's registry and config), Alibaba Cloud API names.
 */
const FRONT_END_NEUTRAL_WORDS: ReadonlySet<string> = new Set([
    "accessProviders",
    "filedOn",
    "allowWaivers",
    "alsoRequireAlibabaFor",
    "filingHosts",
    "knownMainlandRegions",
    "mainlandCidrs",
    "mainlandHostnameSuffixes",
    "tagKey",
    "webPorts",
    "endpointCatalogMaxAgeDays",
]);

/**
 * A Terraform user reads Terraform's names: no Pulumi type (`cdn.DomainNew`, `ecs.EipAddress`) and
 * no camelCase property (`domainName`, `internetMaxBandwidthOut`) in any finding of the twin.
 */
function assertTerraformNaming(findings: readonly Finding[], stack: StackView): void {
    // Addresses carry the case's own names (`alicloud_instance.r0_tagged-ECS-instanceChargeType-…`).
    const addresses = stack.resources.map((r) => r.address ?? "").filter((a) => a !== "").sort((a, b) => b.length - a.length);
    for (const finding of findings) {
        // An endpoint of a Pulumi stack, quoted from the endpoint catalog, is named as its own stack
        // names it (`EIP (ecs.EipAddress) "web-eip" of stack acme/infra/prod`): Pulumi's names are right there.
        if (/in the endpoint catalog \(from stack /.test(finding.message)) continue;
        // A Kubernetes object keeps Kubernetes' own field names in Terraform too (kubernetes_manifest's
        // manifest is the object: spec.rules[0].host, AlbConfig spec.config.addressType).
        if (stack.byUrn.get(finding.urn)?.type.startsWith("kubernetes:")) continue;
        let text = finding.message.replace(/https?:\/\/\S+/g, "");
        for (const address of addresses) text = text.split(address).join("<address>");
        const pulumiTypes = text.match(/\b[a-z][a-z0-9]*\.[A-Z][A-Za-z0-9]*\b/g) ?? [];
        assert.deepStrictEqual(pulumiTypes, [], `a Terraform finding names Pulumi types:\n${finding.message}`);
        const camelCase = (text.match(/\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/g) ?? []).filter((word) => !FRONT_END_NEUTRAL_WORDS.has(word));
        assert.deepStrictEqual(camelCase, [], `a Terraform finding names Pulumi properties:\n${finding.message}`);
    }
}

function containsUnknown(value: unknown): boolean {
    if (typeof value === "string") return UNKNOWN_SENTINELS.has(value);
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

function view(testCase: Case): ResourceView {
    return {
        urn: urnOf(testCase.type, caseResourceName(testCase)),
        type: testCase.type,
        name: caseResourceName(testCase),
        props: testCase.props,
        provider: testCase.provider,
        secretProps: new Set(testCase.secretProps ?? []),
    };
}

function caseResourceName(testCase: Case): string {
    return testCase.resourceName ?? testCase.name.replace(/[^A-Za-z0-9-]+/g, "-").slice(0, 60);
}

/**
 * A case through `@pulumi/policy`'s own Analyze handler, with the pack's resource carrier; with
 * `thenStack`, then through its AnalyzeStack handler with the same pack state (as one engine run:
 * domain-level advisories found in Analyze are reported in AnalyzeStack).
 */
async function runThroughSdk(policy: PolicyDefinition, testCase: Case, options: { thenStack?: boolean } = {}): Promise<any[]> {
    const policies = configuredPack(policy, {
        registry: testCase.registry ?? testRegistry,
        regions: testCase.regions ?? {},
        secrets: new SecretIndex(() => false),
        waivers: new WaiverBook([]),
        deferred: new DeferredAdvisories(),
    });
    const sdkResourcePolicies = policies.filter((p) => "validateResource" in p);
    const request = new analyzerProto.AnalyzeRequest();
    const resource = view(testCase);
    request.setUrn(resource.urn);
    request.setType(testCase.type);
    request.setName(resource.name);
    request.setProperties(Struct.fromJavaScript(testCase.props));
    request.setOptions(new analyzerProto.AnalyzerResourceOptions());
    if (testCase.provider) {
        const provider = new analyzerProto.AnalyzerProviderResource();
        provider.setUrn(testCase.provider.urn);
        provider.setType(testCase.provider.type);
        provider.setName(testCase.provider.name);
        provider.setProperties(Struct.fromJavaScript(testCase.provider.props));
        request.setProvider(provider);
    }
    const analyze = policyServer.makeAnalyzeRpcFun("icp-guard", "0.0.0-test", "advisory", sdkResourcePolicies);
    const response: any = await new Promise((resolve, reject) =>
        analyze({ request }, (error: Error | null, result: unknown) => (error ? reject(error) : resolve(result))),
    );
    const diagnostics: any[] = response.getDiagnosticsList();
    const carrier = policies.find((p) => "validateStack" in p);
    if (!options.thenStack || !carrier) return diagnostics;
    const stack = stackOf([{ name: caseResourceName(testCase), type: testCase.type, props: testCase.props, provider: testCase.provider, secretProps: testCase.secretProps }]);
    const analyzeStack = policyServer.makeAnalyzeStackRpcFun("icp-guard", "0.0.0-test", "advisory", [carrier]);
    const stackResponse: any = await new Promise((resolve, reject) =>
        analyzeStack({ request: stackRequestOf(stack) }, (error: Error | null, result: unknown) => (error ? reject(error) : resolve(result))),
    );
    return [...diagnostics, ...stackResponse.getDiagnosticsList()];
}

/** The check context a case describes: its registry, regions, own config and shared options. */
export function contextFor(policy: PolicyDefinition, testCase: Pick<Case, "registry" | "regions" | "config" | "policyConfigs" | "catalog">): CheckContext {
    const configs: Record<string, Record<string, unknown>> = { ...(testCase.policyConfigs ?? {}), ...(testCase.config ? { [policy.id]: testCase.config } : {}) };
    const { shared, problems } = sharedSettingsFrom((id) => configs[id], testCase.catalog);
    assert.deepStrictEqual(problems, [], "shared options in the case are valid");
    return { registry: testCase.registry ?? testRegistry, regions: testCase.regions ?? {}, config: policy.withDefaults(testCase.config), shared };
}

export function ruleTester(policy: PolicyDefinition, table: Table): void {
    const names = [...table.valid, ...table.invalid, ...(table.stackValid ?? []), ...(table.stackInvalid ?? [])].map((c) => c.name);
    const duplicates = names.filter((name, index) => names.indexOf(name) !== index);
    const covered = new Set([...table.invalid, ...(table.stackInvalid ?? [])].flatMap((c) => c.errors.map((e) => e.messageId)));
    const stackProps = [...(table.stackValid ?? []), ...(table.stackInvalid ?? [])].flatMap((c) => c.resources.map((r) => r.props));

    describe(`${policy.code} ${policy.id}`, () => {
        it("has a usable table", () => {
            assert.deepStrictEqual(duplicates, [], "duplicate case names");
            for (const invalid of table.invalid) assert.ok(invalid.errors.length > 0, `invalid case "${invalid.name}" must expect at least one error`);
            for (const messageId of policy.messageIds) assert.ok(covered.has(messageId), `no invalid case covers messageId "${messageId}"`);
            assert.ok(
                [...table.valid, ...table.invalid].some((c) => containsUnknown(c.props) || containsUnknown(c.provider?.props)) || stackProps.some(containsUnknown),
                "at least one case needs an unknown (preview) value",
            );
            if (policy.runStack) assert.ok((table.stackInvalid ?? []).length > 0, "a policy with a stack check needs stack cases");
        });

        const context = (testCase: Case): CheckContext => contextFor(policy, testCase);
        const runStack = (testCase: StackCase) => policy.runStack!(stackOf(testCase.resources), contextFor(policy, testCase));
        // Bindings behind a load balancer (alb.Rule, slb.Rule, slb.DomainExtension) are decided in the
        // stack pass, where the listener → load balancer chain is visible: such a case runs as a
        // stack of that one resource, and the per-resource check must report nothing for it.
        const inStackPass = (testCase: Case) => isBehindLoadBalancer(testCase.type) && policy.runStack !== undefined;
        const asStack = (testCase: Case): StackCase => ({
            ...testCase,
            resources: [{ name: caseResourceName(testCase), type: testCase.type, props: testCase.props, provider: testCase.provider, secretProps: testCase.secretProps }],
        });
        const run = (testCase: Case) => {
            if (policy.appliesTo && !policy.appliesTo.has(testCase.type)) return [];
            const perResource = policy.runResource!(view(testCase), context(testCase));
            if (!inStackPass(testCase)) return perResource;
            assert.deepStrictEqual(perResource.map((f) => f.message), [], "bindings behind a load balancer are decided in the stack pass");
            return runStack(asStack(testCase));
        };
        const sdkRun = (testCase: Case) => (inStackPass(testCase) ? runStackThroughSdk(policy, asStack(testCase)) : runThroughSdk(policy, testCase));

        // The same case as a Terraform plan, through the Terraform front end (test/helpers/terraform-twin.ts),
        // whose findings must name Terraform's types and attributes, never Pulumi's.
        const runTwin = (testCase: Case): string[] | undefined => {
            if (testCase.noTerraformTwin) return undefined;
            const twin = terraformTwin([{ name: caseResourceName(testCase), type: testCase.type, props: testCase.props, provider: testCase.provider, secretProps: testCase.secretProps }], testCase.regions);
            if (!twin) return undefined;
            const resource = twin.stack.resources[0];
            const twinContext = contextFor(policy, { ...testCase, regions: twin.regions });
            const findings = inStackPass(testCase)
                ? policy.runStack!(twin.stack, twinContext)
                : policy.appliesTo && !policy.appliesTo.has(resource.type)
                  ? []
                  : policy.runResource!(resource, twinContext);
            assertTerraformNaming(findings, twin.stack);
            return findings.map((f) => f.messageId);
        };
        const runStackTwin = (testCase: StackCase): string[][] | undefined => {
            const twin = terraformTwin(testCase.resources, testCase.regions);
            if (!twin) return undefined;
            const findings = policy.runStack!(twin.stack, contextFor(policy, { ...testCase, regions: twin.regions }));
            assertTerraformNaming(findings, twin.stack);
            return findings.map((f) => [f.messageId, f.urn === "" ? "" : twin.nameOf(twin.stack.byUrn.get(f.urn)!)]);
        };

        describe("valid", () => {
            for (const testCase of table.valid) {
                it(testCase.name, async () => {
                    assert.deepStrictEqual(run(testCase).map((f) => f.message), []);
                    assert.deepStrictEqual(runTwin(testCase) ?? [], [], "through a Terraform plan");
                    if (!testCase.config && !testCase.policyConfigs && !testCase.catalog) assert.deepStrictEqual((await sdkRun(testCase)).map((d) => d.getMessage()), []);
                });
            }
        });
        describe("invalid", () => {
            for (const testCase of table.invalid) {
                it(testCase.name, async () => {
                    const findings = run(testCase);
                    assertFindings(policy, findings, testCase.errors);
                    assert.deepStrictEqual(runTwin(testCase) ?? findings.map((f) => f.messageId), findings.map((f) => f.messageId), "through a Terraform plan");
                    if (!testCase.config && !testCase.policyConfigs && !testCase.catalog) {
                        // Domain-level advisories come from the stack pass (AnalyzeStack), the rest from Analyze.
                        const deferred = !inStackPass(testCase) && findings.some((f) => isPerDomainAdvisory(policy, f));
                        const diagnostics = deferred ? await runThroughSdk(policy, testCase, { thenStack: true }) : await sdkRun(testCase);
                        assert.strictEqual(diagnostics.length, findings.length, diagnostics.map((d) => d.getMessage()).join("\n"));
                        for (const diagnostic of diagnostics) {
                            assert.doesNotMatch(diagnostic.getMessage(), /can't run policy/);
                            assert.strictEqual(diagnostic.getPolicyname(), policy.id);
                            assert.strictEqual(diagnostic.getUrn(), view(testCase).urn);
                        }
                    }
                });
            }
        });

        // The SDK runs see the pack's default config: cases that configure something (or bring a catalog) run without them.
        const skipSdk = (testCase: StackCase) => testCase.config !== undefined || testCase.policyConfigs !== undefined || testCase.catalog !== undefined;
        if (table.stackValid?.length) {
            describe("valid stacks", () => {
                for (const testCase of table.stackValid ?? []) {
                    it(testCase.name, async () => {
                        assert.deepStrictEqual(runStack(testCase).map((f) => f.message), []);
                        assert.deepStrictEqual(runStackTwin(testCase) ?? [], [], "through a Terraform plan");
                        if (!skipSdk(testCase)) assert.deepStrictEqual((await runStackThroughSdk(policy, testCase)).map((d) => d.getMessage()), []);
                    });
                }
            });
        }
        if (table.stackInvalid?.length) {
            describe("invalid stacks", () => {
                for (const testCase of table.stackInvalid ?? []) {
                    it(testCase.name, async () => {
                        const findings = runStack(testCase);
                        assertFindings(policy, findings, testCase.errors);
                        const byName = new Map(testCase.resources.map((r) => [r.name, urnOf(r.type, r.name)]));
                        testCase.errors.forEach((expected, index) => assert.strictEqual(findings[index].urn, expected.resource === "" ? "" : byName.get(expected.resource), `error ${index} is on ${expected.resource || "the stack"}`));
                        const expectedTwin = testCase.errors.map((e) => [e.messageId, e.resource]);
                        assert.deepStrictEqual(runStackTwin(testCase) ?? expectedTwin, expectedTwin, "through a Terraform plan");
                        if (!skipSdk(testCase)) {
                            const diagnostics = await runStackThroughSdk(policy, testCase);
                            assert.deepStrictEqual(
                                diagnostics.map((d) => [d.getPolicyname(), d.getUrn()]),
                                onePerDomain(policy, findings).map((f) => [policy.id, f.urn]),
                            );
                            for (const diagnostic of diagnostics) assert.doesNotMatch(diagnostic.getMessage(), /can't run policy/);
                        }
                    });
                }
            });
        }
    });
}
