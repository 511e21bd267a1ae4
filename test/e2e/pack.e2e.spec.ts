/**
 * End to end: the built pack started exactly as the engine starts it (run-policy-pack, port on
 * the first stdout line) and driven over gRPC in the engine's order, with preview-shaped inputs
 * (unknown sentinels, secrets) and refreshed-state outputs.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { AnalyzerInfo, Diagnostic, isCantRunDiagnostic, PackProcess, PackStartError, ResourceInput, reconcileConfig, PolicyConfigError } from "../../tools/engine-client";
import { POLICIES } from "../../policies";
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN } from "../../lib/model/values";
import { TEST_REGISTRY_YAML, provider, urnOf } from "../helpers/fixtures";
import { CLEAN_ENV, PACK_DIR, writeTempFile } from "../helpers/e2e";

const packageJson = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { version: string };

/** A clean region environment, so the host's ALICLOUD_REGION or PULUMI_CONFIG never leak in. */

const secret = (value: unknown) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });
const hangzhou = provider("cn-hangzhou");

function resource(type: string, name: string, props: Record<string, unknown>, withProvider = hangzhou): ResourceInput {
    return { urn: urnOf(type, name), type, name, props, provider: withProvider };
}

const CDN = "alicloud:cdn/domainNew:DomainNew";
const FC = "alicloud:fc/customDomain:CustomDomain";
const OSS = "alicloud:oss/bucketCname:BucketCname";

function only(diagnostics: Diagnostic[], policyName: string): Diagnostic[] {
    return diagnostics.filter((d) => d.policyName === policyName);
}

describe("e2e: the pack over the engine protocol", function () {
    this.timeout(120_000);
    let pack: PackProcess;
    let info: AnalyzerInfo;

    before(async () => {
        pack = await PackProcess.start(PACK_DIR, { env: { ...CLEAN_ENV, ICP_GUARD_FILINGS: writeTempFile("icp-filings.yaml", TEST_REGISTRY_YAML) } });
        await pack.configureStack({ dryRun: true, tags: { team: "web" } });
        info = await pack.getAnalyzerInfo();
        await pack.configure(info, {});
    });
    after(async () => pack?.close());

    it("prints only the port on its first stdout line", () => {
        assert.ok(pack.port > 0 && pack.port < 65536);
    });

    it("reports the SDK version as plugin info", async () => {
        assert.strictEqual((await pack.getPluginInfo()).version, "1.21.0");
    });

    it("describes every policy with metadata, docs URL and config schema", () => {
        assert.strictEqual(info.name, "icp-guard");
        assert.strictEqual(info.version, packageJson.version);
        assert.ok(info.supportsConfig);
        assert.deepStrictEqual(info.policies.map((p) => p.name), [...POLICIES.map((p) => p.id), "icp-resource-analysis", "icp-stack-analysis", "icp-filing-registry", "icp-endpoint-catalog", "icp-kubernetes-clusters"]);
        assert.strictEqual(info.policies.find((p) => p.name === "icp-resource-analysis")!.policyType, "resource");
        assert.strictEqual(info.policies.find((p) => p.name === "icp-stack-analysis")!.policyType, "stack");
        for (const policy of info.policies) {
            const definition = POLICIES.find((p) => p.id === policy.name);
            if (!definition) continue;
            assert.strictEqual(policy.enforcementLevel, definition.defaultLevel, policy.name);
            assert.strictEqual(policy.severity, definition.severity, policy.name);
            assert.match(policy.url, new RegExp(`/docs/policies/${policy.name}\\.md$`));
            assert.ok(policy.remediationSteps.length > 20, policy.name);
            assert.ok(policy.displayName.startsWith(definition.code), policy.name);
            assert.ok(policy.configSchema, `${policy.name} has a config schema`);
        }
        assert.strictEqual(info.policies.find((p) => p.name === "icp-domain-unfiled")!.enforcementLevel, "mandatory");
    });

    it("blocks an unfiled CDN domain whose scope is left out (domestic by default)", async () => {
        const cdn = resource(CDN, "static", { domainName: "static.unfiled.com", cdnType: "web", sources: [{ content: "1.1.1.1", type: "ipaddr" }] });
        const diagnostics = await pack.analyze(cdn);
        const unfiled = only(diagnostics, "icp-domain-unfiled");
        assert.strictEqual(unfiled.length, 1, JSON.stringify(diagnostics, null, 2));
        assert.strictEqual(unfiled[0].enforcementLevel, "mandatory");
        assert.strictEqual(unfiled[0].urn, cdn.urn);
        assert.strictEqual(unfiled[0].severity, "critical");
        assert.match(unfiled[0].message, /static\.unfiled\.com/);
        assert.match(unfiled[0].message, /defaults to "domestic"/);
        assert.ok(!diagnostics.some(isCantRunDiagnostic));
    });

    it("passes filed domains, overseas scope and non-mainland regions", async () => {
        const cases = [
            resource(CDN, "filed", { domainName: "www.filed-other.com", cdnType: "web", scope: "global" }),
            resource(CDN, "overseas", { domainName: "www.unfiled.com", cdnType: "web", scope: "overseas" }),
            resource(OSS, "hk", { bucket: "b", domain: "img.unfiled.com" }, provider("cn-hongkong")),
            resource(FC, "idn", { domainName: "api.例子.中国", protocol: "HTTP" }),
        ];
        for (const item of cases) assert.deepStrictEqual(await pack.analyze(item), [], item.name);
    });

    it("blocks a domain filed elsewhere on a product that needs 接入阿里云", async () => {
        const fc = resource(FC, "api", { domainName: "api.filed-other.com", protocol: "HTTP" });
        const diagnostics = await pack.analyze(fc);
        assert.deepStrictEqual(diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.urn]), [["icp-filing-not-accessed-at-alibaba", "mandatory", fc.urn]]);
        assert.match(diagnostics[0].message, /接入阿里云/);
    });

    it("reports preview unknowns explicitly instead of letting the SDK downgrade the policy", async () => {
        const unknownDomain = resource(CDN, "unknown-domain", { domainName: UNKNOWN, cdnType: "web" });
        const unknownScope = resource(CDN, "unknown-scope", { domainName: "x.unfiled.com", scope: UNKNOWN, cdnType: "web" });
        const unknownRegion = resource(OSS, "unknown-region", { bucket: UNKNOWN, domain: "img.unfiled.com" }, provider(UNKNOWN));
        for (const item of [unknownDomain, unknownScope, unknownRegion]) {
            const diagnostics = await pack.analyze(item);
            assert.ok(!diagnostics.some(isCantRunDiagnostic), JSON.stringify(diagnostics));
            assert.deepStrictEqual(diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.urn]), [["icp-binding-undecidable", "advisory", item.urn]]);
        }
    });

    it("reports an unrecognised cn-* provider region once, on the provider", async () => {
        const providerResource = provider("cn-newcity-1", "newcity");
        const diagnostics = await pack.analyze({ ...providerResource, provider: undefined });
        assert.deepStrictEqual(diagnostics.map((d) => [d.policyName, d.enforcementLevel]), [["icp-region-unrecognised", "advisory"]]);
    });

    it("runs AnalyzeStack over preview-shaped outputs without any can't-run diagnostic", async () => {
        const eip = { ...resource("alicloud:ecs/eipAddress:EipAddress", "eip", { ipAddress: UNKNOWN, bandwidth: "5" }) };
        const record = {
            ...resource("alicloud:dns/alidnsRecord:AlidnsRecord", "www", { domainName: "unfiled.com", rr: "www", type: "A", value: UNKNOWN }),
            dependencies: [eip.urn],
            propertyDependencies: { value: [eip.urn] },
        };
        const cdn = resource(CDN, "static", { domainName: "static.unfiled.com", cname: UNKNOWN, cdnType: "web" });
        const diagnostics = await pack.analyzeStack([eip, record, cdn]);
        assert.ok(!diagnostics.some(isCantRunDiagnostic), JSON.stringify(diagnostics));
    });

    describe("bad and odd input never crashes the pack or leaks a secret", () => {
        const SECRET_DOMAIN = "topsecret-name.unfiled.com";
        const cases: ResourceInput[] = [
            resource(CDN, "secret-domain", { domainName: secret(SECRET_DOMAIN), cdnType: "web" }),
            resource(FC, "secret-provider-key", { domainName: "api.unfiled.com", protocol: "HTTP" }, { ...hangzhou, props: { region: "cn-hangzhou", accessKey: secret("AKIDSECRETVALUE"), secretKey: secret("SECRETKEYVALUE") } }),
            resource(CDN, "wrong-types", { domainName: 42, scope: ["domestic"], cdnType: null }),
            resource(CDN, "nulls", { domainName: null, scope: null }),
            resource(CDN, "huge-string", { domainName: `${"a".repeat(100_000)}.com`, scope: "x".repeat(50_000) }),
            resource(CDN, "odd-unicode", { domainName: "\u202e\u200dexample\u0000.com\uD83D\uDE00", scope: "domestic" }),
            resource("alicloud:alb/rule:Rule", "deep", { ruleConditions: [{ type: "Host", hostConfig: { values: [[[["deep"]]], null, 7, { a: { b: { c: "d" } } }] } }] }),
            resource("alicloud:sae/ingress:Ingress", "rules-object", { namespaceId: 12, rules: { domain: "x.unfiled.com" } }),
            resource(CDN, "unknown-everywhere", { domainName: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", scope: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", sources: UNKNOWN }),
            resource(OSS, "provider-region-number", { bucket: "b", domain: "img.unfiled.com" }, { ...hangzhou, props: { region: 12345 } }),
            { urn: urnOf(CDN, "no-provider"), type: CDN, name: "no-provider", props: {} },
        ];
        for (const item of cases) {
            it(item.name, async () => {
                const diagnostics = await pack.analyze(item);
                assert.ok(!diagnostics.some(isCantRunDiagnostic), JSON.stringify(diagnostics));
                for (const diagnostic of diagnostics) {
                    for (const leaked of [SECRET_DOMAIN, "topsecret", "AKIDSECRETVALUE", "SECRETKEYVALUE"]) assert.ok(!diagnostic.message.includes(leaked), diagnostic.message);
                    assert.ok(diagnostic.message.length < 4000, "messages stay short even for huge input");
                    assert.doesNotMatch(diagnostic.message, /internal error/);
                }
            });
        }

        it("hides secret values that are not domains: scope, provider region, record target", async () => {
            const secretScope = await pack.analyze(resource(CDN, "secret-scope", { domainName: "a.unfiled.com", scope: secret("global"), cdnType: "web" }));
            assert.deepStrictEqual(secretScope.map((d) => d.policyName), ["icp-domain-unfiled"]);
            assert.doesNotMatch(secretScope[0].message, /"global"/);
            const regionProvider = { ...hangzhou, urn: `${hangzhou.urn}-secret`, props: { region: secret("cn-shanghai") } };
            const secretRegion = await pack.analyze(resource(FC, "secret-region", { domainName: "api.unfiled.com", protocol: "HTTP" }, regionProvider));
            assert.deepStrictEqual(secretRegion.map((d) => d.policyName), ["icp-domain-unfiled"]);
            assert.doesNotMatch(secretRegion[0].message, /cn-shanghai/);
            const record = resource("alicloud:dns/alidnsRecord:AlidnsRecord", "secret-target", { domainName: "unfiled.com", rr: "origin", type: "CNAME", value: secret("alb-hidden42.cn-hangzhou.alb.aliyuncsslb.com") });
            const secretTarget = await pack.analyze(record);
            assert.deepStrictEqual(secretTarget.map((d) => d.policyName), ["icp-domain-unfiled"]);
            assert.doesNotMatch(secretTarget[0].message, /hidden42/);
        });

        it("still decides on a secret domain, and says it is hidden", async () => {
            const diagnostics = await pack.analyze(cases[0]);
            assert.deepStrictEqual(diagnostics.map((d) => [d.policyName, d.enforcementLevel]), [["icp-domain-unfiled", "mandatory"]]);
            assert.match(diagnostics[0].message, /value hidden/);
        });

        it("keeps serving after odd input", async () => {
            assert.strictEqual(only(await pack.analyze(resource(CDN, "after", { domainName: "a.unfiled.com" })), "icp-domain-unfiled").length, 1);
        });
    });
});

describe("e2e: policy config through the engine protocol", function () {
    this.timeout(120_000);
    let pack: PackProcess;
    let info: AnalyzerInfo;
    const registryFile = writeTempFile("icp-filings.yaml", TEST_REGISTRY_YAML);

    beforeEach(async () => {
        pack = await PackProcess.start(PACK_DIR, { env: { ...CLEAN_ENV, ICP_GUARD_FILINGS: registryFile } });
        await pack.configureStack({});
        info = await pack.getAnalyzerInfo();
    });
    afterEach(async () => pack?.close());

    it("raises undecidable bindings to mandatory for teams that want the gate closed", async () => {
        await pack.configure(info, { "icp-binding-undecidable": "mandatory" });
        const diagnostics = await pack.analyze(resource(CDN, "unknown", { domainName: UNKNOWN }));
        assert.deepStrictEqual(diagnostics.map((d) => [d.policyName, d.enforcementLevel]), [["icp-binding-undecidable", "mandatory"]]);
    });

    it("honours disabled and advisory levels, and 'all'", async () => {
        await pack.configure(info, { all: "advisory", "icp-filing-not-accessed-at-alibaba": "disabled" });
        const diagnostics = await pack.analyze(resource(FC, "api", { domainName: "api.unfiled.com", protocol: "HTTP" }));
        assert.deepStrictEqual(diagnostics.map((d) => [d.policyName, d.enforcementLevel]), [["icp-domain-unfiled", "advisory"]]);
        const filedElsewhere = await pack.analyze(resource(FC, "api2", { domainName: "api.filed-other.com", protocol: "HTTP" }));
        assert.deepStrictEqual(filedElsewhere, []);
    });

    it("applies a policy's own options", async () => {
        await pack.configure(info, { "icp-filing-not-accessed-at-alibaba": { alsoRequireAlibabaFor: [OSS] } });
        const diagnostics = await pack.analyze(resource(OSS, "img", { bucket: "b", domain: "img.filed-other.com" }));
        assert.deepStrictEqual(diagnostics.map((d) => d.policyName), ["icp-filing-not-accessed-at-alibaba"]);
    });

    it("refuses a malformed mainland CIDR, naming the policy and the value", async () => {
        await pack.configure(info, { "icp-binding-undecidable": { mainlandCidrs: ["47.96.0.0/33"] } });
        await assert.rejects(pack.analyzeStack([resource(CDN, "cdn", { domainName: "a.unfiled.com" })]), /icp-binding-undecidable: mainlandCidrs: "47\.96\.0\.0\/33" is not an IPv4 or IPv6 CIDR/);
    });

    it("refuses a misspelt option with a message naming the policy and the option", async () => {
        await pack.configure(info, { "icp-filing-not-accessed-at-alibaba": { alsoRequireAlibabaForr: [OSS] } });
        await assert.rejects(pack.analyze(resource(OSS, "img", { bucket: "b", domain: "img.filed-other.com" })), (error: Error) => {
            assert.match(error.message, /icp-filing-not-accessed-at-alibaba/);
            assert.match(error.message, /unknown option "alsoRequireAlibabaForr"/);
            return true;
        });
    });

    it("rejects an option of the wrong type the way the engine does, before Configure", () => {
        assert.throws(() => reconcileConfig(info, { "icp-filing-not-accessed-at-alibaba": { alsoRequireAlibabaFor: "not-a-list" } }), PolicyConfigError);
    });
});

describe("e2e: start-up", function () {
    this.timeout(120_000);

    it("refuses to start with a broken registry, naming the file, entry, field and fix", async () => {
        const broken = writeTempFile("icp-filings.yaml", "filings:\n  - domain: www.example.com\n    icp: 浙ICP备2023012345号-1\n    accessProviders: [alibaba]\n  - domain: ok.com\n    icp: 浙ICP备123号\n    accessProviders: []\n");
        await assert.rejects(PackProcess.start(PACK_DIR, { env: { ...CLEAN_ENV, ICP_GUARD_FILINGS: broken } }), (error: PackStartError) => {
            assert.ok(error instanceof PackStartError, String(error));
            assert.strictEqual(error.firstLine, undefined, "nothing is printed on stdout");
            assert.notStrictEqual(error.exitCode, 0);
            assert.ok(error.stderr.includes(broken), error.stderr);
            assert.match(error.stderr, /filings\[0\]\.domain \(line 2\): "www\.example\.com" is a subdomain; .* list example\.com/);
            assert.match(error.stderr, /filings\[1\]\.accessProviders \(line 7\): is empty/);
            assert.doesNotMatch(error.stderr, /at .*\.js:\d+/, "no stack trace");
            return true;
        });
    });

    it("refuses to start when ICP_GUARD_FILINGS names a missing file", async () => {
        await assert.rejects(PackProcess.start(PACK_DIR, { env: { ...CLEAN_ENV, ICP_GUARD_FILINGS: "/nonexistent/icp-filings.yaml" } }), (error: PackStartError) => {
            assert.match(error.stderr, /ICP_GUARD_FILINGS: names \/nonexistent\/icp-filings\.yaml, which does not exist/);
            return true;
        });
    });

    it("starts with no registry at all, and then nothing counts as filed", async () => {
        const pack = await PackProcess.start(PACK_DIR, { env: CLEAN_ENV });
        try {
            const diagnostics = await pack.analyze(resource(CDN, "cdn", { domainName: "www.filed-alibaba.com" }));
            assert.deepStrictEqual(diagnostics.map((d) => d.policyName), ["icp-domain-unfiled"]);
            assert.match(diagnostics[0].message, /none found: set ICP_GUARD_FILINGS/);
        } finally {
            await pack.close();
        }
    });

    it("reads the stack's alicloud:region from PULUMI_CONFIG for the default provider, never for an explicit one", async () => {
        const pack = await PackProcess.start(PACK_DIR, { env: { ...CLEAN_ENV, PULUMI_CONFIG: JSON.stringify({ "alicloud:region": "ap-southeast-1" }) } });
        try {
            assert.deepStrictEqual(await pack.analyze(resource(FC, "sg", { domainName: "api.unfiled.com", protocol: "HTTP" }, provider(undefined, "default_3_108_0"))), []);
            // An explicit alicloud.Provider without region reads only ALICLOUD_REGION (unset here): cn-beijing.
            const explicit = await pack.analyze(resource(FC, "bj", { domainName: "api.unfiled.com", protocol: "HTTP" }, provider()));
            assert.deepStrictEqual(explicit.map((d) => [d.policyName, d.enforcementLevel]), [["icp-domain-unfiled", "mandatory"]]);
            assert.match(explicit[0].message, /cn-beijing/);
        } finally {
            await pack.close();
        }
    });
});

describe("e2e: DNS records over AnalyzeStack", function () {
    this.timeout(120_000);
    let pack: PackProcess;
    let info: AnalyzerInfo;
    const registryFile = writeTempFile("icp-filings.yaml", TEST_REGISTRY_YAML);
    const ALIDNS = "alicloud:dns/alidnsRecord:AlidnsRecord";
    const EIP = "alicloud:ecs/eipAddress:EipAddress";

    /** A preview: new EIPs/ALB/CDN with unknown outputs, records whose values depend on them. */
    function previewStack(): ResourceInput[] {
        const eip = resource(EIP, "web-eip", { ipAddress: UNKNOWN, bandwidth: "5" });
        const hkEip = resource(EIP, "hk-eip", { ipAddress: UNKNOWN, bandwidth: "5" }, provider("cn-hongkong", "hk"));
        const alb = resource("alicloud:alb/loadBalancer:LoadBalancer", "alb", { addressType: "Internet", dnsName: UNKNOWN, regionId: UNKNOWN });
        const cdn = resource(CDN, "static-cdn", { domainName: "static.unfiled.com", cdnType: "web", cname: UNKNOWN });
        const record = (name: string, domainName: string, rr: string, type: string, from: ResourceInput) => ({
            ...resource(ALIDNS, name, { domainName, rr, type, value: UNKNOWN, ttl: 600 }),
            dependencies: [from.urn],
            propertyDependencies: { value: [from.urn] },
        });
        return [
            eip,
            hkEip,
            alb,
            cdn,
            record("www", "unfiled.com", "www", "A", eip),
            record("api", "filed-other.com", "api", "CNAME", alb),
            record("static", "unfiled.com", "static", "CNAME", cdn),
            record("hk", "unfiled.com", "hk", "A", hkEip),
            record("shop", "filed-alibaba.com", "@", "A", hkEip),
            { ...resource(ALIDNS, "mystery", { domainName: "unfiled.com", rr: "mystery", type: "A", value: UNKNOWN }) },
        ];
    }

    const byName = (diagnostics: Diagnostic[]) =>
        diagnostics.map((d) => [d.urn.split("::").pop(), d.policyName, d.enforcementLevel]).sort((a, b) => String(a).localeCompare(String(b)));

    beforeEach(async () => {
        pack = await PackProcess.start(PACK_DIR, { env: { ...CLEAN_ENV, ICP_GUARD_FILINGS: registryFile } });
        await pack.configureStack({ dryRun: true });
        info = await pack.getAnalyzerInfo();
    });
    afterEach(async () => pack?.close());

    it("preview: follows propertyDependencies to decide records whose values are unknown", async () => {
        await pack.configure(info, {});
        const diagnostics = await pack.analyzeStack(previewStack());
        assert.ok(!diagnostics.some(isCantRunDiagnostic), JSON.stringify(diagnostics));
        assert.deepStrictEqual(byName(diagnostics), [
            ["api", "icp-filing-not-accessed-at-alibaba", "mandatory"],
            ["mystery", "icp-binding-undecidable", "advisory"],
            ["shop", "icp-hollow-filing", "advisory"],
            ["static", "icp-domain-unfiled", "mandatory"],
            ["www", "icp-domain-unfiled", "mandatory"],
        ]);
        const www = diagnostics.find((d) => d.urn.endsWith("::www"))!;
        assert.match(www.message, /DNS record www\.unfiled\.com A/);
        assert.match(www.message, /EIP \(ecs\.EipAddress\) ecs\.EipAddress "web-eip"/);
        assert.match(www.message, /cn-hangzhou/);
    });

    it("refreshed state: matches literal values against stack outputs, with no dependencies", async () => {
        await pack.configure(info, {});
        const eip = resource(EIP, "web-eip", { ipAddress: "47.100.1.2", bandwidth: "5" });
        const alb = resource("alicloud:alb/loadBalancer:LoadBalancer", "alb", { addressType: "Internet", dnsName: "alb-xyz.cn-shanghai.alb.aliyuncs.com", regionId: "cn-shanghai" });
        const diagnostics = await pack.analyzeStack([
            eip,
            alb,
            resource(ALIDNS, "www", { domainName: "unfiled.com", rr: "www", type: "A", value: "47.100.1.2" }),
            { urn: urnOf("cloudflare:index/record:Record", "api"), type: "cloudflare:index/record:Record", name: "api", props: { zoneId: "z", name: "api.unfiled.com", type: "A", content: "47.100.1.2", proxied: false } },
        ]);
        assert.deepStrictEqual(byName(diagnostics), [
            ["api", "icp-domain-unfiled", "mandatory"],
            ["www", "icp-domain-unfiled", "mandatory"],
        ]);
    });

    it("reports each stack finding at its own policy's configured level", async () => {
        await pack.configure(info, { "icp-domain-unfiled": "advisory", "icp-filing-not-accessed-at-alibaba": "disabled", "icp-binding-undecidable": "mandatory", "icp-hollow-filing": "disabled" });
        assert.deepStrictEqual(byName(await pack.analyzeStack(previewStack())), [
            ["mystery", "icp-binding-undecidable", "mandatory"],
            ["static", "icp-domain-unfiled", "advisory"],
            ["www", "icp-domain-unfiled", "advisory"],
        ]);
    });

    it("decides configured mainland servers outside the stack", async () => {
        await pack.configure(info, { "icp-binding-undecidable": { mainlandCidrs: ["47.96.0.0/16"] } });
        const record = resource(ALIDNS, "origin", { domainName: "unfiled.com", rr: "origin", type: "A", value: "47.96.10.20" });
        assert.deepStrictEqual(byName(await pack.analyze(record)), [["origin", "icp-domain-unfiled", "mandatory"]]);
        assert.deepStrictEqual(byName(await pack.analyzeStack([record])), [], "reported once, by Analyze, not again by AnalyzeStack");
    });

    it("blocks a record with a literal mainland Alibaba hostname per resource (pulumi up --skip-preview)", async () => {
        await pack.configure(info, {});
        const record = resource(ALIDNS, "api", { domainName: "filed-other.com", rr: "api", type: "CNAME", value: "alb-abc.cn-hangzhou.alb.aliyuncsslb.com" });
        const diagnostics = await pack.analyze(record);
        assert.deepStrictEqual(byName(diagnostics), [["api", "icp-filing-not-accessed-at-alibaba", "mandatory"]]);
        assert.match(diagnostics[0].message, /接入阿里云/);
    });

    it("never leaks a secret record name", async () => {
        await pack.configure(info, {});
        const eip = resource(EIP, "eip", { ipAddress: UNKNOWN });
        const record = { ...resource(ALIDNS, "secret", { domainName: secret("hidden-zone.unfiled.com"), rr: "www", type: "A", value: UNKNOWN }), propertyDependencies: { value: [eip.urn] } };
        const diagnostics = await pack.analyzeStack([eip, record]);
        assert.deepStrictEqual(byName(diagnostics), [["secret", "icp-domain-unfiled", "mandatory"]]);
        assert.doesNotMatch(diagnostics[0].message, /hidden-zone/);
    });
});
