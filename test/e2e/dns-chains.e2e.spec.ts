/**
 * End to end, through the real pack over gRPC (issue #17, item 5): a CNAME to a name another
 * record of the stack defines is decided in AnalyzeStack where that record's target is — `www` →
 * the apex `@` A record → a mainland CLB — with the chain in the message; nothing is reported per
 * resource, where the chain cannot be seen. Filed at Alibaba Cloud, nothing.
 */
import * as assert from "assert";
import { AnalyzerInfo, isCantRunDiagnostic, PackProcess, ResourceInput } from "../../tools/engine-client";
import { UNKNOWN } from "../../lib/model/values";
import { TEST_REGISTRY_YAML, provider, urnOf } from "../helpers/fixtures";
import { CLEAN_ENV, diagnosticRows as rows, PACK_DIR, writeTempFile } from "../helpers/e2e";

const hangzhou = provider("cn-hangzhou");
const CLB = "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer";
const ALIDNS = "alicloud:dns/alidnsRecord:AlidnsRecord";
const CF = "cloudflare:index/dnsRecord:DnsRecord";

const resource = (type: string, name: string, props: Record<string, unknown>, propertyDependencies?: Record<string, string[]>): ResourceInput => ({
    urn: urnOf(type, name),
    type,
    name,
    props,
    provider: type.startsWith("alicloud:") ? hangzhou : undefined,
    ...(propertyDependencies ? { propertyDependencies } : {}),
});

/** The estate of the issue, as a preview sends it: the CLB's address and the apex's value not known until apply. */
function estate(zone: string): ResourceInput[] {
    const lb = resource(CLB, "lb", { addressType: "internet", address: UNKNOWN, loadBalancerSpec: "slb.s2.small" });
    return [
        lb,
        resource(ALIDNS, "apex", { domainName: zone, rr: "@", type: "A", value: UNKNOWN, ttl: 600 }, { value: [lb.urn] }),
        resource(ALIDNS, "www", { domainName: zone, rr: "www", type: "CNAME", value: zone, ttl: 600 }),
        resource(ALIDNS, "shop-test", { domainName: zone, rr: "shop-test", type: "CNAME", value: `szs-t1.s.${zone}`, ttl: 600 }),
        resource(ALIDNS, "szs", { domainName: zone, rr: "szs-t1.s", type: "A", value: UNKNOWN, ttl: 600 }, { value: [lb.urn] }),
        // Another DNS host, another zone: the chain crosses both.
        resource(CF, "partner", { zoneId: "z", name: `partner.${zone === "unfiled.com" ? "filed-other.com" : zone}`, type: "CNAME", content: `www.${zone}`, ttl: 1, proxied: false }),
    ];
}


describe("e2e: records that point at names other records define (CNAME chains)", function () {
    this.timeout(120_000);
    let pack: PackProcess;
    let info: AnalyzerInfo;

    before(async () => {
        pack = await PackProcess.start(PACK_DIR, { env: { ...CLEAN_ENV, ICP_GUARD_FILINGS: writeTempFile("icp-filings.yaml", TEST_REGISTRY_YAML) } });
        await pack.configureStack({ dryRun: true });
        info = await pack.getAnalyzerInfo();
        await pack.configure(info, {});
    });
    after(async () => pack?.close());

    it("blocks www → apex → mainland CLB, shop-test → szs-t1.s, and a partner's CNAME into the chain, each for its own name; nothing per resource", async () => {
        const stack = estate("unfiled.com");
        for (const r of stack) assert.deepStrictEqual(await pack.analyze(r), [], `nothing per resource for ${r.name}: the chain needs the stack`);
        const diagnostics = await pack.analyzeStack(stack);
        assert.ok(!diagnostics.some(isCantRunDiagnostic));
        assert.deepStrictEqual(rows(diagnostics), [
            ["apex", "icp-domain-unfiled", "mandatory"],
            ["partner", "icp-filing-not-accessed-at-alibaba", "mandatory"],
            ["shop-test", "icp-domain-unfiled", "mandatory"],
            ["szs", "icp-domain-unfiled", "mandatory"],
            ["www", "icp-domain-unfiled", "mandatory"],
        ]);
        const www = diagnostics.find((d) => d.urn.endsWith("::www"))!;
        assert.match(www.message, /DNS record www\.unfiled\.com CNAME .* points at CLB .*through www\.unfiled\.com → unfiled\.com to DNS record unfiled\.com A \(dns\.AlidnsRecord "apex"\), where its value comes from slb\.ApplicationLoadBalancer "lb"/);
        assert.match(www.message, /cn-hangzhou/);
        const partner = diagnostics.find((d) => d.urn.endsWith("::partner"))!;
        assert.match(partner.message, /through partner\.filed-other\.com → www\.unfiled\.com → unfiled\.com to DNS record unfiled\.com A/);
    });

    it("passes the same estate filed at Alibaba Cloud", async () => {
        const diagnostics = await pack.analyzeStack(estate("filed-alibaba.com"));
        assert.deepStrictEqual(rows(diagnostics), []);
    });
});
