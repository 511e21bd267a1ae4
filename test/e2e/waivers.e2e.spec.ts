/**
 * End to end: waivers, filing-host eligibility and unfileable TLDs through the real pack, started
 * as the engine starts it, with the registry passed through ICP_GUARD_FILINGS. The waiver book
 * lives for one pack process, so every test starts its own.
 */
import * as assert from "assert";
import { AnalyzerInfo, Diagnostic, isCantRunDiagnostic, PackProcess, PackStartError, ResourceInput } from "../../tools/engine-client";
import { UNKNOWN } from "../../lib/model/values";
import { TEST_REGISTRY_YAML, provider, urnOf } from "../helpers/fixtures";
import { CLEAN_ENV, PACK_DIR, writeTempFile } from "../helpers/e2e";

/** A clean region environment, so the host's ALICLOUD_REGION or PULUMI_CONFIG never leak in. */

const hangzhou = provider("cn-hangzhou");
function resource(type: string, name: string, props: Record<string, unknown>, withProvider = hangzhou): ResourceInput {
    return { urn: urnOf(type, name), type, name, props, provider: withProvider };
}

const CDN = "alicloud:cdn/domainNew:DomainNew";
const ECS = "alicloud:ecs/instance:Instance";
const cdn = (name: string, domainName: string) => resource(CDN, name, { domainName, cdnType: "web", sources: [{ content: "1.1.1.1", type: "ipaddr" }] });

const ACTIVE_REASON = "Spring campaign site; filing submitted, ticket ICP-42";
const OTHER_STACK_URN = "urn:pulumi:prod::icp-guard-test::alicloud:cdn/domainNew:DomainNew::promo";
const WAIVERS_YAML = `${TEST_REGISTRY_YAML}waivers:
  - policy: icp-domain-unfiled
    resource: promo
    reason: ${ACTIVE_REASON}
    owner: web-team
    expires: "2099-12-31"
  - policy: icp-domain-unfiled
    resource: old-promo
    reason: Last year's campaign, should have been filed by now
    owner: web-team
    expires: "2020-01-31"
  - policy: icp-domain-unfiled
    resource: "never-*"
    reason: Placeholder for sites that were never built
    owner: platform
    expires: "2099-12-31"
  - policy: icp-domain-unfiled
    resource: "${OTHER_STACK_URN}"
    reason: Production promo site, filing in progress
    owner: web-team
    expires: "2099-12-31"
`;

const byPolicy = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.policyName, d.enforcementLevel]);
const unusedIndexes = (diagnostics: Diagnostic[]) =>
    diagnostics.filter((d) => d.policyName === "icp-waiver-unused").map((d) => /waivers\[(\d+)\]/.exec(d.message)?.[1]);

describe("e2e: waivers over the engine protocol", function () {
    this.timeout(120_000);
    const registryFile = writeTempFile("icp-filings.yaml", WAIVERS_YAML);
    let pack: PackProcess;
    let info: AnalyzerInfo;

    beforeEach(async () => {
        pack = await PackProcess.start(PACK_DIR, { env: { ...CLEAN_ENV, ICP_GUARD_FILINGS: registryFile } });
        await pack.configureStack({ dryRun: true });
        info = await pack.getAnalyzerInfo();
    });
    afterEach(async () => pack?.close());

    it("an active waiver turns the mandatory icp-domain-unfiled diagnostic into an advisory carrying the reason", async () => {
        await pack.configure(info, {});
        const promo = cdn("promo", "promo.unfiled.com");
        const diagnostics = await pack.analyze(promo);
        assert.deepStrictEqual(byPolicy(diagnostics), [["icp-domain-unfiled", "advisory"]]);
        assert.strictEqual(diagnostics[0].urn, promo.urn);
        assert.ok(diagnostics[0].message.startsWith(`Waived until 2099-12-31 by waivers[0] (owner web-team): ${ACTIVE_REASON}\n`), diagnostics[0].message);
        assert.match(diagnostics[0].message, /promo\.unfiled\.com/, "the finding itself is kept below the waiver line");
    });

    it("an expired waiver leaves the diagnostic mandatory and says it expired", async () => {
        await pack.configure(info, {});
        const diagnostics = await pack.analyze(cdn("old-promo", "old.unfiled.com"));
        assert.deepStrictEqual(byPolicy(diagnostics), [["icp-domain-unfiled", "mandatory"]]);
        assert.doesNotMatch(diagnostics[0].message, /^Waived/);
        assert.match(diagnostics[0].message, /waivers\[1\] \(owner web-team\) expired on 2020-01-31 and no longer applies/);
    });

    it('allowWaivers: false keeps icp-domain-unfiled mandatory, with a note naming the waiver', async () => {
        await pack.configure(info, { "icp-domain-unfiled": { allowWaivers: false } });
        const diagnostics = await pack.analyze(cdn("promo", "promo.unfiled.com"));
        assert.deepStrictEqual(byPolicy(diagnostics), [["icp-domain-unfiled", "mandatory"]]);
        assert.doesNotMatch(diagnostics[0].message, /^Waived/);
        assert.match(diagnostics[0].message, /waivers\[0\] \(owner web-team\) cannot apply: this policy does not allow waivers \(allowWaivers: false\)/);
    });

    it("AnalyzeStack reports waivers that matched nothing, but not URN waivers for another stack", async () => {
        await pack.configure(info, {});
        const diagnostics = await pack.analyzeStack([cdn("promo", "promo.unfiled.com"), cdn("old-promo", "old.unfiled.com")]);
        assert.ok(!diagnostics.some(isCantRunDiagnostic), JSON.stringify(diagnostics));
        assert.deepStrictEqual(unusedIndexes(diagnostics), ["0", "1", "2"], "CDN bindings are per-resource findings: without Analyze nothing matched");
        for (const diagnostic of diagnostics.filter((d) => d.policyName === "icp-waiver-unused")) {
            assert.strictEqual(diagnostic.enforcementLevel, "advisory");
            assert.strictEqual(diagnostic.urn, "");
            assert.match(diagnostic.message, /matched no finding in this stack/);
        }
        const never = diagnostics.find((d) => d.message.includes("waivers[2]"))!;
        assert.match(never.message, /policy icp-domain-unfiled, resource never-\*, owner platform\)/);
        const expired = diagnostics.find((d) => d.message.includes("waivers[1]"))!;
        assert.match(expired.message, /expired 2020-01-31/);
    });

    it("a waiver used in Analyze is not reported as unused by the later AnalyzeStack of the same process", async () => {
        await pack.configure(info, {});
        const promo = cdn("promo", "promo.unfiled.com");
        const oldPromo = cdn("old-promo", "old.unfiled.com");
        assert.deepStrictEqual(byPolicy(await pack.analyze(promo)), [["icp-domain-unfiled", "advisory"]]);
        assert.deepStrictEqual(byPolicy(await pack.analyze(oldPromo)), [["icp-domain-unfiled", "mandatory"]]);
        const diagnostics = await pack.analyzeStack([promo, oldPromo]);
        assert.deepStrictEqual(unusedIndexes(diagnostics), ["2"]);
    });

    it("a waiver for a stack finding (DNS record) is applied and used in AnalyzeStack itself", async () => {
        await pack.configure(info, {});
        const eip = resource("alicloud:ecs/eipAddress:EipAddress", "web-eip", { ipAddress: UNKNOWN, bandwidth: "5" });
        const record = {
            ...resource("alicloud:dns/alidnsRecord:AlidnsRecord", "never-built", { domainName: "unfiled.com", rr: "www", type: "A", value: UNKNOWN, ttl: 600 }),
            dependencies: [eip.urn],
            propertyDependencies: { value: [eip.urn] },
        };
        const diagnostics = await pack.analyzeStack([eip, record]);
        const unfiled = diagnostics.filter((d) => d.policyName === "icp-domain-unfiled");
        assert.deepStrictEqual(unfiled.map((d) => [d.urn, d.enforcementLevel]), [[record.urn, "advisory"]]);
        assert.match(unfiled[0].message, /^Waived until 2099-12-31 by waivers\[2\] \(owner platform\)/);
        assert.deepStrictEqual(unusedIndexes(diagnostics), ["0", "1"]);
    });
});

describe("e2e: filing hosts and unfileable TLDs over the engine protocol", function () {
    this.timeout(120_000);
    const registryFile = writeTempFile("icp-filings.yaml", TEST_REGISTRY_YAML);
    let pack: PackProcess;

    before(async () => {
        pack = await PackProcess.start(PACK_DIR, { env: { ...CLEAN_ENV, ICP_GUARD_FILINGS: registryFile } });
        await pack.configureStack({ dryRun: true });
        await pack.configure(await pack.getAnalyzerInfo(), {});
    });
    after(async () => pack?.close());

    it("a tagged PostPaid ECS is blocked by icp-filing-host-ineligible in Analyze", async () => {
        const vm = resource(ECS, "filing-host", { instanceType: "ecs.g7.large", instanceChargeType: "PostPaid", internetMaxBandwidthOut: 5, tags: { "icp:filing-host": "true" } });
        const diagnostics = await pack.analyze(vm);
        assert.deepStrictEqual(diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.urn, d.severity]), [["icp-filing-host-ineligible", "mandatory", vm.urn, "high"]]);
        assert.match(diagnostics[0].message, /instanceChargeType is "PostPaid"/);
    });

    it("a tagged ECS whose period is unknown at preview gets an advisory, not a block", async () => {
        const vm = resource(ECS, "preview-host", { instanceType: "ecs.g7.large", instanceChargeType: "PrePaid", period: UNKNOWN, tags: { "icp:filing-host": "true" } });
        const diagnostics = await pack.analyze(vm);
        assert.ok(!diagnostics.some(isCantRunDiagnostic), JSON.stringify(diagnostics));
        assert.deepStrictEqual(byPolicy(diagnostics), [["icp-filing-host-ineligible", "advisory"]]);
    });

    it("an untagged PostPaid ECS passes Analyze", async () => {
        assert.deepStrictEqual(await pack.analyze(resource(ECS, "plain", { instanceType: "ecs.g7.large", instanceChargeType: "PostPaid" })), []);
    });

    it("a .io CDN domain is blocked by icp-tld-not-fileable, not by icp-domain-unfiled", async () => {
        const diagnostics = await pack.analyze(cdn("io-site", "www.example.io"));
        assert.deepStrictEqual(diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.severity]), [["icp-tld-not-fileable", "mandatory", "critical"]]);
        assert.match(diagnostics[0].message, /\.io is not an MIIT-approved suffix/);
    });

    it("a .org CDN domain is unfiled (mandatory, on the binding) and its TLD unverified (advisory, once for the domain in the stack pass)", async () => {
        const site = cdn("org-site", "www.example.org");
        assert.deepStrictEqual(byPolicy(await pack.analyze(site)), [["icp-domain-unfiled", "mandatory"]]);
        assert.deepStrictEqual(byPolicy(await pack.analyzeStack([site])), [["icp-tld-not-fileable", "advisory"]]);
    });
});

describe("e2e: start-up with registries the rulebook refuses", function () {
    this.timeout(120_000);

    it("refuses to start with a .io entry, naming filings[0].domain", async () => {
        const file = writeTempFile("icp-filings.yaml", "filings:\n  - domain: example.io\n    icp: 浙ICP备2023012345号-1\n    accessProviders: [alibaba]\n");
        await assert.rejects(PackProcess.start(PACK_DIR, { env: { ...CLEAN_ENV, ICP_GUARD_FILINGS: file } }), (error: PackStartError) => {
            assert.ok(error instanceof PackStartError, String(error));
            assert.strictEqual(error.firstLine, undefined, "nothing is printed on stdout");
            assert.notStrictEqual(error.exitCode, 0);
            assert.ok(error.stderr.includes(file), error.stderr);
            assert.match(error.stderr, /filings\[0\]\.domain \(line 2\): "example\.io": \.io is not an MIIT-approved suffix/);
            return true;
        });
    });

    it("refuses to start with a waiver naming a misspelt policy, suggesting the right one", async () => {
        const file = writeTempFile(
            "icp-filings.yaml",
            `${TEST_REGISTRY_YAML}waivers:\n  - policy: icp-domain-unfield\n    resource: promo\n    reason: Campaign site, filing in progress\n    owner: web-team\n    expires: "2099-12-31"\n`,
        );
        await assert.rejects(PackProcess.start(PACK_DIR, { env: { ...CLEAN_ENV, ICP_GUARD_FILINGS: file } }), (error: PackStartError) => {
            assert.match(error.stderr, /waivers\[0\]\.policy \(line \d+\): "icp-domain-unfield" is not an icp-guard policy; did you mean "icp-domain-unfiled"\?/);
            return true;
        });
    });
});
