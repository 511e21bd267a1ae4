/**
 * End to end: a zone of many records under one `.co` domain, each pointing at a mainland EIP
 * (issue #17: `icp-tld-not-fileable` reported 43 times for one domain). Through the real launcher
 * and the engine's requests, the TLD advisory is reported once, in AnalyzeStack, naming the
 * bindings; `icp-guard check` over the same stack as a `pulumi stack export` reports the same
 * findings (policy, resource, level).
 */
import * as assert from "assert";
import { AnalyzerInfo, Diagnostic, PackProcess, ResourceInput } from "../../tools/engine-client";
import { main } from "../../cli/icp-guard";
import { provider, TEST_REGISTRY_YAML, urnOf } from "../helpers/fixtures";
import { CLEAN_ENV, PACK_DIR, writeTempFile } from "../helpers/e2e";

const RECORDS = 12;
const EIP = "alicloud:ecs/eipAddress:EipAddress";
const ALIDNS = "alicloud:dns/alidnsRecord:AlidnsRecord";
const hangzhou = provider("cn-hangzhou");

/** Outputs after an update: each record's value is its EIP's address, linked by propertyDependencies. */
function zone(): ResourceInput[] {
    const resources: ResourceInput[] = [];
    for (let i = 0; i < RECORDS; i++) {
        const eip = { urn: urnOf(EIP, `eip-${i}`), type: EIP, name: `eip-${i}`, props: { ipAddress: `47.96.0.${i + 1}`, addressName: `eip-${i}` }, provider: hangzhou };
        resources.push(eip);
        resources.push({
            urn: urnOf(ALIDNS, `rec-${i}`),
            type: ALIDNS,
            name: `rec-${i}`,
            props: { domainName: "example.co", rr: `h${i}`, type: "A", value: `47.96.0.${i + 1}` },
            provider: hangzhou,
            dependencies: [eip.urn],
            propertyDependencies: { value: [eip.urn] },
        });
    }
    return resources;
}

/** The same resources as `pulumi stack export` writes them (apitype.UntypedDeployment v3). */
function stackExport(resources: readonly ResourceInput[]): string {
    const providerUrn = hangzhou.urn;
    return JSON.stringify({
        version: 3,
        deployment: {
            manifest: { time: "2026-12-06T00:00:00Z", magic: "", version: "v3.248.0" },
            resources: [
                { urn: providerUrn, custom: true, id: "p-id", type: hangzhou.type, inputs: hangzhou.props, outputs: hangzhou.props },
                ...resources.map((r) => ({
                    urn: r.urn,
                    custom: true,
                    id: `${r.name}-id`,
                    type: r.type,
                    inputs: r.props,
                    outputs: r.props,
                    provider: `${providerUrn}::p-id`,
                    ...(r.dependencies?.length ? { dependencies: r.dependencies } : {}),
                    ...(r.propertyDependencies ? { propertyDependencies: r.propertyDependencies } : {}),
                })),
            ],
        },
    });
}

const key = (policy: string, urn: string, level: string) => `${policy} ${urn} ${level}`;

describe("e2e: one domain-level advisory per domain", function () {
    this.timeout(180_000);
    let pack: PackProcess;
    let info: AnalyzerInfo;
    const registryFile = writeTempFile("icp-filings.yaml", TEST_REGISTRY_YAML);

    before(async () => {
        pack = await PackProcess.start(PACK_DIR, { env: { ...CLEAN_ENV, ICP_GUARD_FILINGS: registryFile } });
        await pack.configureStack({ dryRun: false });
        info = await pack.getAnalyzerInfo();
        await pack.configure(info, {});
    });
    after(async () => pack?.close());

    it(`${RECORDS} records under example.co: the TLD advisory once, in AnalyzeStack; each record blocked in its own finding; check agrees`, async () => {
        const resources = zone();
        const perResource: Diagnostic[] = [];
        for (const resource of resources) perResource.push(...(await pack.analyze(resource)));
        const stack = await pack.analyzeStack(resources);
        assert.deepStrictEqual(perResource.filter((d) => d.policyName === "icp-tld-not-fileable"), [], "not per resource");
        const tld = stack.filter((d) => d.policyName === "icp-tld-not-fileable");
        assert.strictEqual(tld.length, 1, tld.map((d) => d.message).join("\n---\n"));
        assert.strictEqual(tld[0].enforcementLevel, "advisory");
        assert.match(tld[0].message, new RegExp(`Reported once for example\\.co: ${RECORDS} bindings in this stack share it`));
        assert.strictEqual(stack.filter((d) => d.policyName === "icp-domain-unfiled").length, RECORDS, "blocking findings stay on each record");

        const result = await main(["check", writeTempFile("export.json", stackExport(resources)), "--filings", registryFile, "--format", "json"], { ...process.env, ...CLEAN_ENV });
        const report = JSON.parse(result.stdout) as { findings: { policy: string; urn: string; level: string; message: string }[] };
        const fromPack = [...perResource, ...stack].map((d) => key(d.policyName, d.urn, d.enforcementLevel)).sort();
        const fromCheck = report.findings.map((f) => key(f.policy, f.urn, f.level)).sort();
        assert.deepStrictEqual(fromCheck, fromPack);
        assert.strictEqual(report.findings.find((f) => f.policy === "icp-tld-not-fileable")?.message, tld[0].message, "the same words");
    });
});
