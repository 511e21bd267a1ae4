/**
 * End to end: the filing registry delivered in the policy config (`icp-filing-registry`), through
 * the real pack started as the engine starts it, with Configure carrying the registry: declared
 * and validated like the engine does, a broken one refused with every problem, and the rule when a
 * file registry exists too (merged; a domain listed differently in both is refused).
 */
import * as assert from "assert";
import { AnalyzerInfo, Diagnostic, PackProcess, PolicyConfigError, ResourceInput, reconcileConfig } from "../../tools/engine-client";
import { provider, urnOf } from "../helpers/fixtures";
import { startedForPreview, writeTempFile } from "../helpers/e2e";

const CDN = "alicloud:cdn/domainNew:DomainNew";
const hangzhou = provider("cn-hangzhou");
const cdn = (name: string, domainName: string): ResourceInput => ({
    urn: urnOf(CDN, name),
    type: CDN,
    name,
    props: { domainName, cdnType: "web", sources: [{ content: "1.1.1.1", type: "ipaddr" }] },
    provider: hangzhou,
});
const policies = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.policyName);

const CONFIG_FILING = { domain: "config-filed.com", icp: "浙ICP备2023012345号-1", accessProviders: ["alibaba"] };
const FILE_YAML = "filings:\n  - domain: file-filed.com\n    icp: 京ICP备12345678号-2\n    accessProviders: [alibaba]\n";

describe("e2e: the filing registry in the policy config", function () {
    this.timeout(120_000);
    let pack: PackProcess | undefined;
    afterEach(async () => {
        await pack?.close();
        pack = undefined;
    });

    async function started(env: Record<string, string | undefined> = {}): Promise<{ pack: PackProcess; info: AnalyzerInfo }> {
        const started = await startedForPreview(env);
        pack = started.pack;
        return started;
    }

    it("declares icp-filing-registry with the registry's fields as its config schema, nothing required", async () => {
        const { info } = await started();
        const declared = info.policies.find((p) => p.name === "icp-filing-registry");
        assert.ok(declared, "declared to the engine");
        assert.deepStrictEqual(Object.keys(declared.configSchema?.properties ?? {}).sort(), ["filings", "waivers"]);
        assert.ok(!declared.configSchema?.required || declared.configSchema.required.length === 0, "nothing required: the engine validates every schema on every run");
        // The engine's own validation (wrapped schema, enforcementLevel injected) accepts a good registry and no registry.
        reconcileConfig(info, {});
        reconcileConfig(info, { "icp-filing-registry": { filings: [CONFIG_FILING] } });
    });

    it("the engine refuses a registry of the wrong shape before Configure", async () => {
        const { info } = await started();
        assert.throws(() => reconcileConfig(info, { "icp-filing-registry": { filings: "config-filed.com" } }), PolicyConfigError);
        assert.throws(() => reconcileConfig(info, { "icp-filing-registry": { filings: [{ domain: "a.com", icp: "x", accessProviders: ["Alibaba"] }] } }), PolicyConfigError);
    });

    it("decides with the registry from Configure, without a registry file", async () => {
        const { pack, info } = await started();
        await pack.configure(info, { "icp-filing-registry": { filings: [CONFIG_FILING] } });
        assert.deepStrictEqual(await pack.analyze(cdn("filed", "www.config-filed.com")), []);
        const unfiled = await pack.analyze(cdn("unfiled", "www.not-filed.com"));
        assert.deepStrictEqual(policies(unfiled), ["icp-domain-unfiled"]);
        assert.match(unfiled[0].message, /no ICP filing \(ICP备案\) in the filing registry in the policy config "icp-filing-registry"/);
    });

    it("without the key, nothing is filed (as with no registry file)", async () => {
        const { pack, info } = await started();
        await pack.configure(info, {});
        assert.deepStrictEqual(policies(await pack.analyze(cdn("filed", "www.config-filed.com"))), ["icp-domain-unfiled"]);
    });

    it("refuses to analyse with a broken config registry, naming every problem (entry, field, fix)", async () => {
        const { pack, info } = await started();
        // Passes the engine's schema (it has no idea of sub-domains or ICP numbers); the pack refuses it.
        const broken = { filings: [{ domain: "www.example.com", icp: "ICP-12345", accessProviders: ["aliyun"] }, CONFIG_FILING], waivers: [{ policy: "icp-domain-unfield", resource: "promo", reason: "Campaign site, filing in progress", owner: "web", expires: "2026-02-30" }] };
        reconcileConfig(info, { "icp-filing-registry": broken });
        await pack.configure(info, { "icp-filing-registry": broken });
        for (const request of [() => pack.analyze(cdn("filed", "www.config-filed.com")), () => pack.analyzeStack([cdn("filed", "www.config-filed.com")])]) {
            await assert.rejects(request(), (error: Error) => {
                assert.match(error.message, /the filing registry in the policy config "icp-filing-registry" is invalid, so the policy pack will not run/);
                for (const where of ["filings[0].domain", "filings[0].icp", "filings[0].accessProviders[0]", "waivers[0].policy", "waivers[0].expires"]) assert.ok(error.message.includes(where), `${where} in ${error.message}`);
                assert.match(error.message, /list example\.com/);
                assert.match(error.message, /write "alibaba"/);
                assert.match(error.message, /Fix these 5 problems/);
                return true;
            });
        }
        assert.match(pack.stderr, /icp-filing-registry" is invalid/, "announced on stderr at Configure");
    });

    it("waivers in the config apply", async () => {
        const { pack, info } = await started();
        const waiver = { policy: "icp-domain-unfiled", resource: "promo", reason: "Campaign site, filing submitted (ticket ICP-42)", owner: "web-team", expires: "2099-12-31" };
        await pack.configure(info, { "icp-filing-registry": { waivers: [waiver] } });
        const diagnostics = await pack.analyze(cdn("promo", "www.not-filed.com"));
        assert.deepStrictEqual(diagnostics.map((d) => [d.policyName, d.enforcementLevel]), [["icp-domain-unfiled", "advisory"]]);
        assert.match(diagnostics[0].message, /^Waived until 2099-12-31/);
    });

    describe("with a registry file as well: merged", () => {
        const file = writeTempFile("icp-filings.yaml", FILE_YAML);

        it("a domain filed in either is filed", async () => {
            const { pack, info } = await started({ ICP_GUARD_FILINGS: file });
            await pack.configure(info, { "icp-filing-registry": { filings: [CONFIG_FILING] } });
            assert.deepStrictEqual(await pack.analyze(cdn("a", "www.config-filed.com")), []);
            assert.deepStrictEqual(await pack.analyze(cdn("b", "www.file-filed.com")), []);
            const unfiled = await pack.analyze(cdn("c", "www.not-filed.com"));
            assert.deepStrictEqual(policies(unfiled), ["icp-domain-unfiled"]);
            assert.match(unfiled[0].message, /the filing registry icp-filings\.yaml and the one in the policy config "icp-filing-registry"/);
        });

        it("the same filing listed identically in both is one filing", async () => {
            const { pack, info } = await started({ ICP_GUARD_FILINGS: file });
            await pack.configure(info, { "icp-filing-registry": { filings: [{ domain: "FILE-FILED.com", icp: "京ICP备12345678号-2", accessProviders: ["alibaba"] }] } });
            assert.deepStrictEqual(await pack.analyze(cdn("b", "www.file-filed.com")), []);
        });

        it("a domain listed differently in both is refused, naming both places", async () => {
            const { pack, info } = await started({ ICP_GUARD_FILINGS: file });
            await pack.configure(info, { "icp-filing-registry": { filings: [CONFIG_FILING, { domain: "file-filed.com", icp: "京ICP备12345678号-2", accessProviders: ["tencent"] }] } });
            await assert.rejects(pack.analyze(cdn("b", "www.file-filed.com")), (error: Error) => {
                assert.match(error.message, /filings\[1\]\.domain: file-filed\.com \(京ICP备12345678号-2, access providers tencent\) is also in icp-filings\.yaml at filings\[0\] \(京ICP备12345678号-2, access providers alibaba\)/);
                assert.match(error.message, /Fix this entry/);
                return true;
            });
        });

        it("a config without the key leaves the file's registry as it is", async () => {
            const { pack, info } = await started({ ICP_GUARD_FILINGS: file });
            await pack.configure(info, { "icp-filing-registry": { filings: [] } });
            assert.deepStrictEqual(await pack.analyze(cdn("b", "www.file-filed.com")), []);
            assert.deepStrictEqual(policies(await pack.analyze(cdn("a", "www.config-filed.com"))), ["icp-domain-unfiled"]);
        });
    });
});
