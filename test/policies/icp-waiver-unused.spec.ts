/**
 * ICP012: a waiver that matched no finding in this stack is reported (ESLint's
 * reportUnusedDisableDirectives habit); URN waivers for another stack or project are not.
 *
 * The shared ruleTester passes no waivers (contextFor has none, its SDK run an empty WaiverBook)
 * and cannot express a finding with urn "", so this file has its own runner: each case gives a
 * registry with waivers and, optionally, findings the other policies made earlier in the same
 * process. A second part drives real policies through lib/inputs/engine/pack.ts `sdkPolicies` with one shared
 * WaiverBook, the way index.ts wires the pack: Analyze per resource, then AnalyzeStack.
 */
import * as assert from "assert";
import policy from "../../policies/icp-waiver-unused";
import icpDomainUnfiled from "../../policies/icp-domain-unfiled";
import icpHollowFiling from "../../policies/icp-hollow-filing";
import { POLICIES } from "../../policies";
import { analyzeStackThroughSdk, contextFor, StackResourceSpec, stackOf, stackRequestOf } from "../helpers/rule-tester";
import { TEST_REGISTRY_YAML, urnOf } from "../helpers/fixtures";
import { alidns, cdnDomain, eip, HANGZHOU, HONGKONG } from "../helpers/stack-fixtures";
import { FilingRegistry, parseRegistry } from "../../lib/model/registry";
import { sdkPolicies } from "../../lib/inputs/engine/pack";
import { PackConfig } from "../../lib/kit/config";
import { WaiverBook } from "../../lib/model/waivers";
import { SecretIndex } from "../../lib/inputs/engine/wire";
import { Finding, PolicyDefinition } from "../../lib/kit/policy-kit";
import { UNKNOWN } from "../../lib/model/values";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const analyzerProto = require("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const policyServer = require("@pulumi/policy/server");

const ADVISORY = 0;
const MANDATORY = 1;
const NOW = new Date("2026-06-01T12:00:00Z");
const KNOWN = POLICIES.map((p) => p.id);
const CDN = "alicloud:cdn/domainNew:DomainNew";
const ALIDNS = "alicloud:dns/alidnsRecord:AlidnsRecord";

interface WaiverSpec {
    readonly policy: string;
    readonly resource: string;
    readonly domain?: string;
    readonly reason?: string;
    readonly owner?: string;
    readonly expires?: string;
}

function withWaivers(waivers: readonly WaiverSpec[]): FilingRegistry {
    const yaml = waivers
        .map(
            (w) =>
                `  - policy: ${w.policy}\n    resource: "${w.resource}"\n${w.domain ? `    domain: ${w.domain}\n` : ""}` +
                `    reason: ${w.reason ?? "Campaign site, filing in progress (ticket ICP-42)"}\n    owner: ${w.owner ?? "web-team"}\n    expires: "${w.expires ?? "2099-12-31"}"\n`,
        )
        .join("");
    return parseRegistry(`${TEST_REGISTRY_YAML}waivers:\n${yaml}`, "/registry/icp-filings.yaml", { knownPolicies: KNOWN, now: NOW });
}

/** A stack as the pack sees it, dependencies written by name. */
function call(rpc: any, request: any): Promise<any[]> {
    return new Promise((resolve, reject) => rpc({ request }, (error: Error | null, result: any) => (error ? reject(error) : resolve(result.getDiagnosticsList()))));
}

/** A finding another policy made earlier in this process, which the book has already seen. */
function earlierFinding(policyId: string, name: string, type = CDN, domain?: string): Finding {
    return { policy: policyId, urn: urnOf(type, name), messageId: "x", data: {}, message: "earlier finding", advisoryOnly: false, domain };
}

interface Expected {
    readonly index: string;
    readonly data?: Record<string, string>;
    readonly messageIncludes?: readonly string[];
    readonly messageExcludes?: readonly string[];
}

interface WaiverCase {
    readonly name: string;
    readonly registry: FilingRegistry;
    readonly resources: readonly StackResourceSpec[];
    /** Findings of other policies that reached the book before the stack check. */
    readonly earlier?: readonly Finding[];
    readonly errors?: readonly Expected[];
}

function bookFor(testCase: WaiverCase): WaiverBook {
    const book = new WaiverBook(testCase.registry.waivers);
    for (const finding of testCase.earlier ?? []) book.apply(finding, true);
    return book;
}

const throughSdk = (testCase: WaiverCase) => analyzeStackThroughSdk(policy, stackOf(testCase.resources), { registry: testCase.registry, waivers: bookFor(testCase) });

function waiverTable(cases: { valid: readonly WaiverCase[]; invalid: readonly WaiverCase[] }): void {
    const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
    describe(`${policy.code} ${policy.id}`, () => {
        it("has a usable table", () => {
            assert.deepStrictEqual(names.filter((name, index) => names.indexOf(name) !== index), [], "duplicate case names");
            for (const invalid of cases.invalid) assert.ok((invalid.errors ?? []).length > 0, `invalid case "${invalid.name}" must expect at least one error`);
        });
        const run = (testCase: WaiverCase) => policy.runStack!(stackOf(testCase.resources), { ...contextFor(policy, { registry: testCase.registry }), waivers: bookFor(testCase) });

        it("without a waiver book (the harness's context) it reports nothing", () => {
            const registry = withWaivers([{ policy: "icp-domain-unfiled", resource: "promo-*" }]);
            assert.deepStrictEqual(policy.runStack!(stackOf([eip("eip")]), contextFor(policy, { registry })), []);
        });
        describe("valid", () => {
            for (const testCase of cases.valid) {
                it(testCase.name, async () => {
                    assert.deepStrictEqual(run(testCase).map((f) => f.message), []);
                    assert.deepStrictEqual((await throughSdk(testCase)).map((d: any) => d.getMessage()), []);
                });
            }
        });
        describe("invalid", () => {
            for (const testCase of cases.invalid) {
                it(testCase.name, async () => {
                    const findings = run(testCase);
                    const errors = testCase.errors ?? [];
                    assert.deepStrictEqual(
                        findings.map((f) => [f.messageId, f.data["index"]]),
                        errors.map((e) => ["waiverUnused", e.index]),
                        findings.map((f) => f.message).join("\n---\n"),
                    );
                    errors.forEach((expected, i) => {
                        const finding = findings[i];
                        assert.strictEqual(finding.urn, "", "a waiver finding is attached to no resource");
                        assert.strictEqual(finding.advisoryOnly, false);
                        for (const [key, value] of Object.entries(expected.data ?? {})) assert.strictEqual(finding.data[key], value, `data.${key} of error ${i}`);
                        for (const text of ["matched no finding in this stack", "the filing registry icp-filings.yaml", ...(expected.messageIncludes ?? [])]) {
                            assert.ok(finding.message.includes(text), `message should include ${JSON.stringify(text)}:\n${finding.message}`);
                        }
                        for (const text of expected.messageExcludes ?? []) assert.ok(!finding.message.includes(text), `message must not include ${JSON.stringify(text)}:\n${finding.message}`);
                        assert.ok(finding.message.includes(policy.url), "message links the policy docs");
                    });
                    const diagnostics = await throughSdk(testCase);
                    assert.deepStrictEqual(
                        diagnostics.map((d: any) => [d.getPolicyname(), d.getUrn(), d.getEnforcementlevel(), d.getMessage()]),
                        findings.map((f) => [policy.id, "", ADVISORY, f.message]),
                    );
                });
            }
        });
    });
}

const OTHER_STACK_URN = "urn:pulumi:prod::icp-guard-test::alicloud:cdn/domainNew:DomainNew::promo";
const OTHER_PROJECT_URN = "urn:pulumi:dev::other-project::alicloud:cdn/domainNew:DomainNew::promo";
const THIS_STACK_URN = urnOf(CDN, "promo");
const aStack: StackResourceSpec[] = [eip("eip"), cdnDomain("promo", "promo.unfiled.com")];

waiverTable({
    valid: [
        { name: "registry without waivers", registry: parseRegistry(TEST_REGISTRY_YAML, "/registry/icp-filings.yaml"), resources: aStack },
        {
            name: "a name-glob waiver that an earlier finding matched",
            registry: withWaivers([{ policy: "icp-domain-unfiled", resource: "promo*" }]),
            resources: aStack,
            earlier: [earlierFinding("icp-domain-unfiled", "promo")],
        },
        {
            name: "a URN waiver that an earlier finding matched",
            registry: withWaivers([{ policy: "icp-domain-unfiled", resource: THIS_STACK_URN }]),
            resources: aStack,
            earlier: [earlierFinding("icp-domain-unfiled", "promo")],
        },
        {
            name: "a domain-limited waiver (written in upper case) that an earlier finding on that domain matched",
            registry: withWaivers([{ policy: "icp-domain-unfiled", resource: "*", domain: "Unfiled.COM" }]),
            resources: aStack,
            earlier: [earlierFinding("icp-domain-unfiled", "promo", CDN, "unfiled.com")],
        },
        {
            name: "an expired waiver that an earlier finding matched (the finding says it expired)",
            registry: withWaivers([{ policy: "icp-domain-unfiled", resource: "promo", expires: "2020-01-31" }]),
            resources: aStack,
            earlier: [earlierFinding("icp-domain-unfiled", "promo")],
        },
        { name: "a URN waiver for another stack (prod)", registry: withWaivers([{ policy: "icp-domain-unfiled", resource: OTHER_STACK_URN }]), resources: aStack },
        { name: "a URN waiver for another project", registry: withWaivers([{ policy: "icp-domain-unfiled", resource: OTHER_PROJECT_URN }]), resources: aStack },
        {
            name: "a URN glob waiver for another stack",
            registry: withWaivers([{ policy: "icp-hollow-filing", resource: "urn:pulumi:prod::icp-guard-test::*::www" }]),
            resources: aStack,
        },
    ],
    invalid: [
        {
            name: "an unmatched name-glob waiver",
            registry: withWaivers([{ policy: "icp-domain-unfiled", resource: "promo-*", owner: "web-team" }]),
            resources: aStack,
            errors: [{ index: "0", data: { policy: "icp-domain-unfiled", resource: "promo-*", owner: "web-team", domain: "", expired: "" }, messageIncludes: ["waivers[0] (policy icp-domain-unfiled, resource promo-*, owner web-team)"], messageExcludes: ["expired"] }],
        },
        {
            name: "a waiver matched only under another policy's name is unused",
            registry: withWaivers([{ policy: "icp-hollow-filing", resource: "promo" }]),
            resources: aStack,
            earlier: [earlierFinding("icp-domain-unfiled", "promo")],
            errors: [{ index: "0", data: { policy: "icp-hollow-filing" } }],
        },
        {
            name: "a domain-limited waiver whose resource matched a finding on another domain is unused",
            registry: withWaivers([{ policy: "icp-domain-unfiled", resource: "promo", domain: "filed-other.com" }]),
            resources: aStack,
            earlier: [earlierFinding("icp-domain-unfiled", "promo", CDN, "unfiled.com")],
            errors: [{ index: "0", data: { domain: ", domain filed-other.com" } }],
        },
        {
            name: "an expired, unmatched waiver says it expired",
            registry: withWaivers([{ policy: "icp-domain-unfiled", resource: "old-*", expires: "2020-01-31" }]),
            resources: aStack,
            errors: [{ index: "0", data: { expired: ", expired 2020-01-31" }, messageIncludes: ["owner web-team, expired 2020-01-31)"] }],
        },
        {
            name: "a URN waiver for this stack that matched nothing",
            registry: withWaivers([{ policy: "icp-hollow-filing", resource: urnOf(ALIDNS, "www") }]),
            resources: aStack,
            errors: [{ index: "0", data: { resource: urnOf(ALIDNS, "www") } }],
        },
        {
            name: "several waivers: matched and other-stack ones are left out, the rest reported in file order",
            registry: withWaivers([
                { policy: "icp-domain-unfiled", resource: "promo" },
                { policy: "icp-domain-unfiled", resource: "promo-*" },
                { policy: "icp-domain-unfiled", resource: OTHER_STACK_URN },
                { policy: "icp-filing-host-ineligible", resource: "web-*", expires: "2021-12-31" },
            ]),
            resources: aStack,
            earlier: [earlierFinding("icp-domain-unfiled", "promo")],
            errors: [{ index: "1" }, { index: "3", data: { expired: ", expired 2021-12-31" } }],
        },
    ],
});

describe("ICP012 with the other policies through lib/inputs/engine/pack.ts sdkPolicies and one shared WaiverBook", () => {
    const DEFINITIONS: readonly PolicyDefinition[] = [icpDomainUnfiled, icpHollowFiling, policy];
    const registry = withWaivers([
        /* 0 */ { policy: "icp-domain-unfiled", resource: "promo*", reason: "Spring campaign; filing submitted, ticket ICP-42" },
        /* 1 */ { policy: "icp-domain-unfiled", resource: "legacy-*", reason: "Legacy site being shut down this quarter" },
        /* 2 */ { policy: "icp-domain-unfiled", resource: OTHER_STACK_URN },
        /* 3 */ { policy: "icp-domain-unfiled", resource: "old-*", expires: "2020-01-31" },
        /* 4 */ { policy: "icp-domain-unfiled", resource: "www", domain: "unfiled.com", expires: "2020-01-31" },
        /* 5 */ { policy: "icp-hollow-filing", resource: "hk" },
    ]);
    const stack = stackOf([
        cdnDomain("promo", "promo.unfiled.com"),
        eip("web-eip"),
        eip("hk-eip", UNKNOWN, HONGKONG),
        alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["web-eip"]),
        alidns("hk", "filed-alibaba.com", "hk", "A", UNKNOWN, ["hk-eip"]),
    ]);

    let resourceRpc: any;
    let stackRpc: any;
    beforeEach(() => {
        const policies = sdkPolicies(DEFINITIONS, { registry, regions: {}, secrets: new SecretIndex(() => false), config: new PackConfig(DEFINITIONS), waivers: new WaiverBook(registry.waivers) });
        resourceRpc = policyServer.makeAnalyzeRpcFun("icp-guard", "0.0.0-test", "advisory", policies.filter((p) => "validateResource" in p));
        stackRpc = policyServer.makeAnalyzeStackRpcFun("icp-guard", "0.0.0-test", "advisory", policies.filter((p) => "validateStack" in p));
    });

    function analyze(name: string): Promise<any[]> {
        const resource = stack.resources.find((r) => r.name === name)!;
        const request = new analyzerProto.AnalyzeRequest();
        request.setUrn(resource.urn);
        request.setType(resource.type);
        request.setName(resource.name);
        // Inputs, as Analyze sends them: no outputs such as the CDN's cname.
        const { cname: _output, ...inputs } = resource.props as Record<string, unknown>;
        request.setProperties(Struct.fromJavaScript(inputs));
        request.setOptions(new analyzerProto.AnalyzerResourceOptions());
        const provider = new analyzerProto.AnalyzerProviderResource();
        provider.setUrn(HANGZHOU.urn);
        provider.setType(HANGZHOU.type);
        provider.setName(HANGZHOU.name);
        provider.setProperties(Struct.fromJavaScript(HANGZHOU.props));
        request.setProvider(provider);
        return call(resourceRpc, request);
    }
    const unusedIndexes = (diagnostics: any[]) =>
        diagnostics.filter((d) => d.getPolicyname() === policy.id).map((d) => /waivers\[(\d+)\]/.exec(d.getMessage())![1]);

    it("Analyze: a finding that matches an active waiver is advisory, with the waiver's reason", async () => {
        const diagnostics = await analyze("promo");
        assert.deepStrictEqual(diagnostics.map((d: any) => [d.getPolicyname(), d.getEnforcementlevel()]), [["icp-domain-unfiled", ADVISORY]]);
        assert.match(diagnostics[0].getMessage(), /^Waived until 2099-12-31 by waivers\[0\] \(owner web-team\): Spring campaign; filing submitted, ticket ICP-42\n/);
    });

    it("AnalyzeStack after Analyze: matched waivers are not reported; unmatched name globs and expired ones are; other stacks' URN waivers are not", async () => {
        await analyze("promo");
        const diagnostics = await call(stackRpc, stackRequestOf(stack));
        // www: icp-domain-unfiled matches waiver 4, which expired, so it stays mandatory and says so.
        const www = diagnostics.find((d) => d.getPolicyname() === "icp-domain-unfiled" && d.getUrn() === urnOf(ALIDNS, "www"));
        assert.ok(www, diagnostics.map((d) => d.getMessage()).join("\n"));
        assert.strictEqual(www.getEnforcementlevel(), MANDATORY);
        assert.match(www.getMessage(), /waivers\[4\] \(owner web-team\) expired on 2020-01-31 and no longer applies/);
        // hk: icp-hollow-filing (advisory by default) matches waiver 5.
        const hk = diagnostics.find((d) => d.getPolicyname() === "icp-hollow-filing");
        assert.ok(hk);
        assert.match(hk.getMessage(), /^Waived until 2099-12-31 by waivers\[5\]/);
        // Unused: 1 (name glob matching nothing) and 3 (expired, matching nothing); not 0 (Analyze), 2 (prod), 4, 5.
        assert.deepStrictEqual(unusedIndexes(diagnostics), ["1", "3"]);
        const unused = diagnostics.filter((d) => d.getPolicyname() === policy.id);
        for (const diagnostic of unused) {
            assert.strictEqual(diagnostic.getUrn(), "");
            assert.strictEqual(diagnostic.getEnforcementlevel(), ADVISORY);
        }
        assert.doesNotMatch(unused[0].getMessage(), /expired/);
        assert.match(unused[1].getMessage(), /expired 2020-01-31/);
    });

    it("without the Analyze call, the waiver for the CDN resource is reported as unused", async () => {
        // The CDN binding is a per-resource finding: the stack pass does not re-check it.
        const diagnostics = await call(stackRpc, stackRequestOf(stack));
        assert.deepStrictEqual(unusedIndexes(diagnostics), ["0", "1", "3"]);
    });
});
