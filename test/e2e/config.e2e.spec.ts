/**
 * End to end: every `--policy-pack-config` combination of `all` and a rule's own level, reconciled
 * as the engine reconciles it (lib/kit/config.ts) and sent in Configure to the real pack. A rule the
 * user enabled runs whatever `all` says, because the carriers that run the checks are kept running;
 * naming a carrier changes nothing; a misspelt name or option is refused with no stack trace.
 */
import * as assert from "assert";
import { AnalyzerInfo, Diagnostic, EnforcementLevelName, PackProcess, ResourceInput } from "../../tools/engine-client";
import { UNKNOWN } from "../../lib/model/values";
import { TEST_REGISTRY_YAML, provider, urnOf } from "../helpers/fixtures";
import { CLEAN_ENV, PACK_DIR, writeTempFile } from "../helpers/e2e";

const hangzhou = provider("cn-hangzhou");
const resource = (type: string, name: string, props: Record<string, unknown>): ResourceInput => ({ urn: urnOf(type, name), type, name, props, provider: hangzhou });

const CDN = "alicloud:cdn/domainNew:DomainNew";
const EIP = "alicloud:ecs/eipAddress:EipAddress";
const ALIDNS = "alicloud:dns/alidnsRecord:AlidnsRecord";
const RULE = "icp-domain-unfiled";
const STACK_TRACE = /at .*\.js:\d+|at Object\.|node:internal/;

const levels = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.policyName === RULE).map((d) => d.enforcementLevel);

/** What the user expects: the rule's own entry, else `all`, else the rule's default (mandatory); remediate reports as mandatory. */
function expected(all: EnforcementLevelName | undefined, own: EnforcementLevelName | undefined): EnforcementLevelName[] {
    const level = own ?? all ?? "mandatory";
    if (level === "disabled") return [];
    return [level === "remediate" ? "mandatory" : level];
}

describe("e2e: policy config combinations through Configure", function () {
    this.timeout(180_000);
    let pack: PackProcess;
    let info: AnalyzerInfo;
    const cdn = resource(CDN, "cdn", { domainName: "cdn.unfiled.com", cdnType: "web", scope: "domestic", sources: [] });
    const eip = resource(EIP, "web-eip", { ipAddress: UNKNOWN });
    const record = { ...resource(ALIDNS, "www", { domainName: "unfiled.com", rr: "www", type: "A", value: UNKNOWN }), propertyDependencies: { value: [eip.urn] } };

    before(async () => {
        pack = await PackProcess.start(PACK_DIR, { env: { ...CLEAN_ENV, ICP_GUARD_FILINGS: writeTempFile("icp-filings.yaml", TEST_REGISTRY_YAML) } });
        await pack.configureStack({ dryRun: true });
        info = await pack.getAnalyzerInfo();
    });
    after(async () => pack?.close());

    const LEVELS: (EnforcementLevelName | undefined)[] = [undefined, "disabled", "advisory", "mandatory", "remediate"];
    for (const all of LEVELS) {
        for (const own of LEVELS) {
            const config: Record<string, EnforcementLevelName> = { ...(all ? { all } : {}), ...(own ? { [RULE]: own } : {}) };
            it(`${JSON.stringify(config)}: ${RULE} runs at ${expected(all, own)[0] ?? "nothing"} per resource and in the stack pass`, async () => {
                await pack.configure(info, config);
                assert.deepStrictEqual(levels(await pack.analyze(cdn)), expected(all, own), "per resource (Analyze)");
                assert.deepStrictEqual(levels(await pack.analyzeStack([eip, record])), expected(all, own), "stack pass (AnalyzeStack)");
            });
        }
    }

    // A rule whose own default is advisory: its default applies only when neither `all` nor its entry says otherwise.
    const ADVISORY_RULE = "icp-binding-undecidable";
    const undecidableCdn = resource(CDN, "unknown-domain", { domainName: UNKNOWN, cdnType: "web", scope: "domestic", sources: [] });
    for (const all of LEVELS) {
        for (const own of LEVELS) {
            const config: Record<string, EnforcementLevelName> = { ...(all ? { all } : {}), ...(own ? { [ADVISORY_RULE]: own } : {}) };
            const level = own ?? all ?? "advisory";
            const want = level === "disabled" ? [] : [level === "remediate" ? "mandatory" : level];
            it(`${JSON.stringify(config)}: ${ADVISORY_RULE} (default advisory) runs at ${want[0] ?? "nothing"}`, async () => {
                await pack.configure(info, config);
                const diagnostics = await pack.analyze(undecidableCdn);
                assert.deepStrictEqual(diagnostics.filter((d) => d.policyName === ADVISORY_RULE).map((d) => d.enforcementLevel), want);
            });
        }
    }

    it("the issue's reproduction: all disabled, one rule mandatory, blocks the unfiled domestic CDN and nothing else runs", async () => {
        await pack.configure(info, { all: "disabled", [RULE]: "mandatory" });
        const diagnostics = await pack.analyze(cdn);
        assert.deepStrictEqual(diagnostics.map((d) => [d.policyName, d.enforcementLevel]), [[RULE, "mandatory"]]);
    });

    for (const level of ["disabled", "advisory", "mandatory", "remediate"] as const) {
        it(`naming the carriers (${level}) has no effect on the rules`, async () => {
            await pack.configure(info, { "icp-resource-analysis": level, "icp-stack-analysis": level });
            assert.deepStrictEqual(levels(await pack.analyze(cdn)), ["mandatory"]);
            assert.deepStrictEqual(levels(await pack.analyzeStack([eip, record])), ["mandatory"]);
        });
    }

    it("refuses a misspelt policy name with a suggestion and no stack trace", async () => {
        await pack.configure(info, { "icp-domain-unfild": "mandatory" });
        await assert.rejects(pack.analyze(cdn), (error: Error) => {
            assert.match(error.message, /"icp-domain-unfild" is not an icp-guard policy; did you mean "icp-domain-unfiled"\?/);
            assert.doesNotMatch(error.message, STACK_TRACE);
            return true;
        });
    });

    it("refuses a misspelt option with no stack trace", async () => {
        await pack.configure(info, { "icp-filing-not-accessed-at-alibaba": { alsoRequireAlibabaForr: [] } });
        await assert.rejects(pack.analyzeStack([eip, record]), (error: Error) => {
            assert.match(error.message, /icp-filing-not-accessed-at-alibaba: unknown option "alsoRequireAlibabaForr"/);
            assert.doesNotMatch(error.message, STACK_TRACE);
            return true;
        });
    });
});
