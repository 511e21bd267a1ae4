/**
 * End to end: every `--policy-pack-config` combination of `all` and a rule's own level, reconciled
 * and marshalled as the engine does (tools/engine-policy-config.ts, transcribed from the engine's
 * Go code: `all` reaches the pack as an entry of its own) and sent in Configure to the real pack,
 * started by the real launcher. A rule the user enabled runs whatever `all` says, because the
 * carriers that run the checks are kept running; naming a carrier changes nothing; a misspelt
 * name, a rule code or a misspelt option is refused with no stack trace. The README's
 * configuration examples run here too.
 */
import * as fs from "fs";
import * as path from "path";
import * as assert from "assert";
import { AnalyzerInfo, Diagnostic, EnforcementLevelName, PackProcess, PolicyConfigError, ResourceInput } from "../../tools/engine-client";
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

    for (const all of ["advisory", "mandatory", "disabled", "remediate"] as const) {
        it(`{"all": "${all}"} alone: every rule runs at ${all === "remediate" ? "mandatory" : all}, and nothing is refused`, async () => {
            const sent = await pack.configure(info, { all });
            assert.strictEqual(sent["all"]?.enforcementLevel, all, "the engine sends `all` as an entry of its own");
            const want = all === "disabled" ? [] : [all === "remediate" ? "mandatory" : all];
            assert.deepStrictEqual(levels(await pack.analyze(cdn)), want);
            assert.deepStrictEqual(levels(await pack.analyzeStack([eip, record])), want);
        });
    }

    it("refuses a rule code in place of the policy id, naming the id", async () => {
        await pack.configure(info, { all: "advisory", ICP001: "mandatory" });
        await assert.rejects(pack.analyze(cdn), (error: Error) => {
            assert.match(error.message, /"ICP001" is a rule code; use "icp-domain-unfiled"/);
            assert.doesNotMatch(error.message, STACK_TRACE);
            return true;
        });
    });

    it("refuses options under `all`, which the engine applies to no policy", async () => {
        await pack.configure(info, { all: { enforcementLevel: "advisory", mainlandCidrs: ["47.96.0.0/16"] } });
        await assert.rejects(pack.analyze(cdn), /"all" sets only the enforcement level of every policy; the engine applies its options to no policy: put "mainlandCidrs" \(read by "icp-binding-undecidable"\)/);
    });

    it("the engine itself stops on a name the pack does not declare given options but no level", async () => {
        await assert.rejects(pack.configure(info, { "icp-domain-unfild": { allowWaivers: false } }), (error: Error) => {
            assert.ok(error instanceof PolicyConfigError);
            assert.match(error.message, /configuring policy pack "icp-guard" at .*: invalid enforcement level ""/);
            return true;
        });
    });

    describe("the README's configuration examples, through the engine and the real pack", () => {
        const readme = fs.readFileSync(path.join(PACK_DIR, "README.md"), "utf8");
        const examples = [...readme.matchAll(/```json\n([\s\S]*?)\n```/g)].map((match) => JSON.parse(match[1]) as Record<string, unknown>);
        it("there are some", () => assert.ok(examples.length >= 2));
        examples.forEach((example, index) => {
            it(`example ${index + 1} (${Object.keys(example).join(", ")}) is accepted and decides`, async () => {
                await pack.configure(info, example);
                const own = example[RULE];
                const rule = typeof own === "string" ? own : ((own as { enforcementLevel?: string } | undefined)?.enforcementLevel ?? (typeof example["all"] === "string" ? example["all"] : "mandatory"));
                const want = rule === "disabled" ? [] : [rule === "remediate" ? "mandatory" : rule];
                assert.deepStrictEqual(levels(await pack.analyze(cdn)), want, "the unfiled domestic CDN");
                assert.deepStrictEqual(levels(await pack.analyzeStack([eip, record])), want, "the unfiled record to a mainland EIP");
            });
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
