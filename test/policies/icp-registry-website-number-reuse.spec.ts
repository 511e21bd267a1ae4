/**
 * ICP011 (ICP-RULES.md §3.5): since 2019-04-22 each website number (…号-N) covers one domain; the
 * registry giving one number to several registrable domains is worth a look, unless every entry
 * sharing it says it was filed before that date.
 *
 * The finding is about the registry file, not a resource (urn ""), and its cases are registries,
 * so this table runs its own two passes over a fixed small stack: the pure stack check, and
 * `@pulumi/policy`'s own AnalyzeStack handler (analyzeStackThroughSdk).
 */
import * as assert from "assert";
import policy from "../../policies/icp-registry-website-number-reuse";
import { analyzeStackThroughSdk, contextFor } from "../helpers/rule-tester";
import { testRegistry, urnOf, provider } from "../helpers/fixtures";
import { emptyRegistry, FilingRegistry, parseRegistry } from "../../lib/model/registry";
import { StackView } from "../../lib/kit/policy-kit";
import { StackResourceView } from "../../lib/model/resource";
import { UNKNOWN } from "../../lib/model/values";


interface Entry {
    readonly domain: string;
    readonly icp: string;
    readonly filedOn?: string;
}

function registryOf(entries: readonly Entry[], file = "/registry/icp-filings.yaml"): FilingRegistry {
    const yaml = entries.map((e) => `  - domain: ${e.domain}\n    icp: ${e.icp}\n    accessProviders: [alibaba]\n${e.filedOn ? `    filedOn: "${e.filedOn}"\n` : ""}`).join("");
    return parseRegistry(`filings:\n${yaml}`, file);
}

interface Expected {
    readonly where: string;
    readonly messageIncludes?: readonly string[];
}

interface RegistryCase {
    readonly name: string;
    readonly registry: FilingRegistry;
    readonly errors?: readonly Expected[];
}

/** A small stack (the check ignores it; the SDK needs resources to run a stack policy on). */
const EIP = "alicloud:ecs/eipAddress:EipAddress";
const stackResources: StackResourceView[] = [
    { urn: urnOf(EIP, "eip"), type: EIP, name: "eip", props: { ipAddress: UNKNOWN }, provider: provider("cn-hangzhou"), secretProps: new Set(), dependencies: [], propertyDependencies: {} },
];
const stack: StackView = { resources: stackResources, byUrn: new Map(stackResources.map((r) => [r.urn, r])) };

const diagnosticsThroughSdk = (registry: FilingRegistry) => analyzeStackThroughSdk(policy, stack, { registry });

function registryTable(cases: { valid: readonly RegistryCase[]; invalid: readonly RegistryCase[] }): void {
    const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
    describe(`${policy.code} ${policy.id}`, () => {
        it("has a usable table", () => {
            assert.deepStrictEqual(names.filter((name, index) => names.indexOf(name) !== index), [], "duplicate case names");
            for (const invalid of cases.invalid) assert.ok((invalid.errors ?? []).length > 0, `invalid case "${invalid.name}" must expect at least one error`);
        });
        describe("valid registries", () => {
            for (const testCase of cases.valid) {
                it(testCase.name, async () => {
                    assert.deepStrictEqual(policy.runStack!(stack, contextFor(policy, { registry: testCase.registry })).map((f) => f.message), []);
                    assert.deepStrictEqual((await diagnosticsThroughSdk(testCase.registry)).map((d) => d.getMessage()), []);
                });
            }
        });
        describe("invalid registries", () => {
            for (const testCase of cases.invalid) {
                it(testCase.name, async () => {
                    const findings = policy.runStack!(stack, contextFor(policy, { registry: testCase.registry }));
                    const errors = testCase.errors ?? [];
                    assert.deepStrictEqual(
                        findings.map((f) => f.messageId),
                        errors.map(() => "websiteNumberReused"),
                        findings.map((f) => f.message).join("\n---\n"),
                    );
                    errors.forEach((expected, index) => {
                        const finding = findings[index];
                        assert.strictEqual(finding.urn, "", "a registry finding is attached to no resource");
                        assert.strictEqual(finding.advisoryOnly, false);
                        assert.strictEqual(finding.data["where"], expected.where);
                        assert.strictEqual(finding.data["registry"], "the filing registry icp-filings.yaml");
                        for (const text of ["since 2019-04-22 each website number covers one domain", "add filedOn", ...(expected.messageIncludes ?? [])]) {
                            assert.ok(finding.message.includes(text), `message should include ${JSON.stringify(text)}:\n${finding.message}`);
                        }
                        assert.ok(finding.message.includes(policy.url), "message links the policy docs");
                    });
                    const diagnostics = await diagnosticsThroughSdk(testCase.registry);
                    assert.deepStrictEqual(
                        diagnostics.map((d) => [d.getPolicyname(), d.getUrn(), d.getMessage()]),
                        findings.map((f) => [policy.id, "", f.message]),
                    );
                    for (const diagnostic of diagnostics) assert.doesNotMatch(diagnostic.getMessage(), /can't run policy/);
                });
            }
        });
    });
}

const SHARED = "浙ICP备2023012345号-1";

registryTable({
    valid: [
        { name: "the fixture registry: every domain has its own number", registry: testRegistry },
        { name: "no registry at all", registry: emptyRegistry() },
        {
            name: "same entity, different website numbers (-1, -2)",
            registry: registryOf([
                { domain: "a-site.com", icp: SHARED },
                { domain: "b-site.com", icp: "浙ICP备2023012345号-2" },
            ]),
        },
        {
            name: "shared number, both filed before 2019-04-22 (legacy multi-domain website)",
            registry: registryOf([
                { domain: "a-site.com", icp: "京ICP备12345678号-1", filedOn: "2018-05-02" },
                { domain: "b-site.com", icp: "京ICP备12345678号-1", filedOn: "2019-04-21" },
            ]),
        },
        {
            name: "entity numbers without a website suffix are not website numbers",
            registry: registryOf([
                { domain: "a-site.com", icp: "浙ICP备2023012345号" },
                { domain: "b-site.com", icp: "浙ICP备2023012345号" },
            ]),
        },
        {
            name: "same serial and -N in different provinces are different numbers",
            registry: registryOf([
                { domain: "a-site.com", icp: SHARED },
                { domain: "b-site.com", icp: "京ICP备2023012345号-1" },
            ]),
        },
    ],
    invalid: [
        {
            name: "two entries sharing 浙ICP备2023012345号-1",
            registry: registryOf([
                { domain: "a-site.com", icp: SHARED },
                { domain: "b-site.com", icp: SHARED },
            ]),
            errors: [{ where: "filings[0], filings[1]", messageIncludes: [`website number ${SHARED} is given to a-site.com and b-site.com`, "the filing registry icp-filings.yaml, filings[0], filings[1]"] }],
        },
        {
            name: "shared number, only one entry says it was filed before 2019-04-22",
            registry: registryOf([
                { domain: "a-site.com", icp: SHARED, filedOn: "2018-01-01" },
                { domain: "b-site.com", icp: SHARED },
            ]),
            errors: [{ where: "filings[0], filings[1]" }],
        },
        {
            name: "shared number, filed on 2019-04-22 (the rule's first day) and before",
            registry: registryOf([
                { domain: "a-site.com", icp: SHARED, filedOn: "2018-01-01" },
                { domain: "b-site.com", icp: SHARED, filedOn: "2019-04-22" },
            ]),
            errors: [{ where: "filings[0], filings[1]" }],
        },
        {
            name: "three entries share one number, an IDN among them: one finding naming all three",
            registry: registryOf([
                { domain: "a-site.com", icp: SHARED },
                { domain: "other.com", icp: "京ICP备12345678号-2" },
                { domain: "例子.中国", icp: SHARED },
                { domain: "c-site.cn", icp: SHARED },
            ]),
            errors: [{ where: "filings[0], filings[2], filings[3]", messageIncludes: ["a-site.com and 例子.中国 (xn--fsqu00a.xn--fiqs8s) and c-site.cn"] }],
        },
        {
            name: "two numbers each shared by two entries: two findings",
            registry: registryOf([
                { domain: "a-site.com", icp: SHARED },
                { domain: "b-site.com", icp: "京ICP备12345678号-2" },
                { domain: "c-site.com", icp: SHARED },
                { domain: "d-site.com", icp: "京ICP备12345678号-2" },
            ]),
            errors: [{ where: "filings[0], filings[2]" }, { where: "filings[1], filings[3]" }],
        },
    ],
});
