/**
 * End to end: a DNS-only stack previewed under the real launcher, with the endpoint catalog of an
 * infrastructure stack's export (test/fixtures/pulumi/infra-state.json, catalogued by
 * `icp-guard endpoints`) in its policy config under `icp-endpoint-catalog`. Records to that
 * stack's mainland EIP and ECS public IP are blocked for an unfiled domain and for a domain filed
 * only elsewhere (not accessed at Alibaba Cloud); records to its Hong Kong CLB, to its intranet
 * CLB's address and to addresses no catalog knows pass. The key is declared to the engine and
 * validated like the engine does; a broken catalog stops every check, naming every problem.
 */
import * as assert from "assert";
import * as path from "path";
import { AnalyzerInfo, Diagnostic, PackProcess, PolicyConfigError, ResourceInput, reconcileConfig } from "../../tools/engine-client";
import { main } from "../../cli/icp-guard";
import { provider, urnOf } from "../helpers/fixtures";
import { CLEAN_ENV, startedForPreview } from "../helpers/e2e";

const INFRA = path.resolve(__dirname, "..", "..", "..", "test", "fixtures", "pulumi", "infra-state.json");
const RECORD = "alicloud:dns/alidnsRecord:AlidnsRecord";
const hangzhou = provider("cn-hangzhou");
const REGISTRY = { filings: [{ domain: "tencent-filed.com", icp: "京ICP备12345678号-2", accessProviders: ["tencent"] }] };

const record = (name: string, domainName: string, rr: string, value: string): ResourceInput => ({
    urn: urnOf(RECORD, name),
    type: RECORD,
    name,
    props: { domainName, rr, type: "A", value, ttl: 600 },
    provider: hangzhou,
});

/** The DNS-only stack: literal values (typed in, or StackReference outputs, known at preview). */
const DNS_STACK: ResourceInput[] = [
    record("unfiled-eip", "unfiled-example.com", "app", "47.97.10.1"),
    record("unfiled-ecs", "unfiled-example.com", "www", "47.97.10.2"),
    record("elsewhere-eip", "tencent-filed.com", "app", "47.97.10.1"),
    record("elsewhere-ecs", "tencent-filed.com", "www", "47.97.10.2"),
    record("unfiled-hk-clb", "unfiled-example.com", "hk", "47.242.10.3"),
    record("unfiled-intranet-clb", "unfiled-example.com", "internal", "30.10.1.5"),
    record("unfiled-unknown", "unfiled-example.com", "other", "121.40.1.1"),
];

const outcome = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.urn.split("::").pop(), d.policyName, d.enforcementLevel]).sort((a, b) => String(a).localeCompare(String(b)));

describe("e2e: the endpoint catalog in the policy config", function () {
    this.timeout(120_000);
    let catalog: Record<string, unknown>;
    let pack: PackProcess | undefined;

    before(async () => {
        const built = await main(["endpoints", INFRA], CLEAN_ENV as NodeJS.ProcessEnv);
        assert.strictEqual(built.code, 0, built.stderr);
        catalog = JSON.parse(built.stdout) as Record<string, unknown>;
    });
    afterEach(async () => {
        await pack?.close();
        pack = undefined;
    });

    async function started(): Promise<{ pack: PackProcess; info: AnalyzerInfo }> {
        const started = await startedForPreview({}, { stack: "dns", project: "network" });
        pack = started.pack;
        return started;
    }

    it("declares icp-endpoint-catalog with the catalog's fields, nothing required; the engine accepts a catalog and refuses a wrong shape", async () => {
        const { info } = await started();
        const declared = info.policies.find((p) => p.name === "icp-endpoint-catalog");
        assert.ok(declared, "declared to the engine");
        assert.deepStrictEqual(Object.keys(declared.configSchema?.properties ?? {}).sort(), ["endpoints", "generatedAt", "tool", "toolVersion", "version"]);
        assert.ok(!declared.configSchema?.required || declared.configSchema.required.length === 0);
        reconcileConfig(info, {});
        reconcileConfig(info, { "icp-endpoint-catalog": catalog });
        assert.throws(() => reconcileConfig(info, { "icp-endpoint-catalog": { ...catalog, endpoints: "47.97.10.1" } }), PolicyConfigError);
    });

    it("blocks records to the catalogued mainland EIP and ECS (unfiled, and filed only elsewhere); passes the Hong Kong CLB, the intranet CLB and unknown addresses", async () => {
        const { pack, info } = await started();
        await pack.configure(info, { "icp-endpoint-catalog": catalog, "icp-filing-registry": REGISTRY });
        // Per resource (Analyze) a catalogued value is left to the stack pass, where the stack's own resources win.
        for (const resource of DNS_STACK) assert.deepStrictEqual(outcome(await pack.analyze(resource)), [], resource.name);
        const diagnostics = await pack.analyzeStack(DNS_STACK);
        assert.deepStrictEqual(outcome(diagnostics), [
            ["elsewhere-ecs", "icp-filing-not-accessed-at-alibaba", "mandatory"],
            ["elsewhere-eip", "icp-filing-not-accessed-at-alibaba", "mandatory"],
            ["unfiled-ecs", "icp-domain-unfiled", "mandatory"],
            ["unfiled-eip", "icp-domain-unfiled", "mandatory"],
            ["unfiled-unknown", "icp-binding-undecidable", "advisory"],
        ]);
        const eip = diagnostics.find((d) => d.urn.endsWith("::unfiled-eip"))!;
        // The endpoint, its region, and the stack it came from.
        assert.match(eip.message, /points at EIP \(ecs\.EipAddress\) "web-eip" of stack infra\/prod/);
        assert.match(eip.message, /region cn-hangzhou \(华东1（杭州）\)/);
        assert.match(eip.message, /in the endpoint catalog \(from stack infra\/prod \(urn:pulumi:prod::infra::alicloud:ecs\/eipAddress:EipAddress::web-eip\), written 2026-11-20T08:00:01\.000000Z\)/);
        assert.match(eip.message, /接入阿里云/);
        const elsewhere = diagnostics.find((d) => d.urn.endsWith("::elsewhere-ecs"))!;
        assert.match(elsewhere.message, /ECS instance \(ecs\.Instance\) "web" of stack infra\/prod/);
        const unknown = diagnostics.find((d) => d.urn.endsWith("::unfiled-unknown"))!;
        assert.match(unknown.message, /121\.40\.1\.1 is not an address or hostname icp-guard can place \(not in this stack, not in the endpoint catalog/);
    });

    it("without the catalog the same stack only gets undecidable advisories (the gap the catalog closes)", async () => {
        const { pack, info } = await started();
        await pack.configure(info, { "icp-filing-registry": REGISTRY });
        const diagnostics = await pack.analyzeStack(DNS_STACK);
        assert.ok(diagnostics.every((d) => d.enforcementLevel === "advisory"), JSON.stringify(outcome(diagnostics)));
        assert.ok(diagnostics.some((d) => /no endpoint catalog is configured \(icp-endpoint-catalog\)/.test(d.message)));
    });

    it("refuses to analyse with a broken catalog, naming every problem (entry, field)", async () => {
        const { pack, info } = await started();
        const endpoints = (catalog["endpoints"] as Record<string, unknown>[]).map((e) => ({ ...e }));
        endpoints[1] = { ...endpoints[1], region: "hongkong" };
        endpoints[2] = { ...endpoints[2], location: "outside" };
        const broken = { ...catalog, endpoints };
        reconcileConfig(info, { "icp-endpoint-catalog": broken });
        await pack.configure(info, { "icp-endpoint-catalog": broken });
        for (const request of [() => pack.analyze(DNS_STACK[0]), () => pack.analyzeStack(DNS_STACK)]) {
            await assert.rejects(request(), (error: Error) => {
                assert.match(error.message, /the endpoint catalog in the policy config "icp-endpoint-catalog" is invalid, so the policy pack will not run/);
                assert.match(error.message, /endpoints\[1\]\.region: "hongkong" is not an Alibaba Cloud region ID/);
                assert.match(error.message, /endpoints\[2\]\.location: "outside" contradicts region cn-hangzhou/);
                assert.match(error.message, /Fix these 2 problems/);
                return true;
            });
        }
        assert.match(pack.stderr, /icp-endpoint-catalog" is invalid/, "announced on stderr at Configure");
    });

    it("an old catalog gives one advisory to rebuild it (endpointCatalogMaxAgeDays), never a block", async () => {
        const { pack, info } = await started();
        const generatedAt = new Date(Date.now() - 90 * 24 * 3600 * 1000).toISOString();
        await pack.configure(info, { "icp-endpoint-catalog": { ...catalog, generatedAt }, "icp-binding-undecidable": { enforcementLevel: "mandatory", endpointCatalogMaxAgeDays: 30 } });
        const diagnostics = await pack.analyzeStack(DNS_STACK);
        const stale = diagnostics.filter((d) => d.message.includes(`was generated 90 days ago (${generatedAt}), more than endpointCatalogMaxAgeDays (30)`));
        assert.deepStrictEqual(stale.map((d) => [d.policyName, d.enforcementLevel, d.urn]), [["icp-binding-undecidable", "advisory", ""]]);
        assert.match(stale[0].message, /icp-guard endpoints --pulumi-org/);
    });
});
