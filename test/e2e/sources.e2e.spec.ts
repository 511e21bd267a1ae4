/**
 * End to end for the types issue #11 added: the built pack started as the engine starts it, with
 * preview-shaped stacks of Global Accelerator domains and forwarding rules, GTM 2.0/3.0, ESA
 * hostnames, Container Registry custom domains, IPv6 and the new endpoints.
 */
import * as assert from "assert";
import { AnalyzerInfo, isCantRunDiagnostic, PackProcess, ResourceInput } from "../../tools/engine-client";
import { UNKNOWN } from "../../lib/model/values";
import { TEST_REGISTRY_YAML, provider, urnOf } from "../helpers/fixtures";
import { CLEAN_ENV, diagnosticRows as byName, PACK_DIR, writeTempFile } from "../helpers/e2e";

const hangzhou = provider("cn-hangzhou");
const hongkong = provider("cn-hongkong", "hk");

function resource(type: string, name: string, props: Record<string, unknown>, links: Record<string, ResourceInput[]> = {}, withProvider = hangzhou, dependsOn: ResourceInput[] = []): ResourceInput {
    const propertyDependencies = Object.fromEntries(Object.entries(links).map(([property, targets]) => [property, targets.map((t) => t.urn)]));
    const dependencies = [...new Set([...Object.values(propertyDependencies).flat(), ...dependsOn.map((d) => d.urn)])];
    return { urn: urnOf(type, name), type, name, props, provider: withProvider, dependencies, propertyDependencies };
}

describe("e2e: DNS sources that are not records and the new endpoints", function () {
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

    it("preview: GA, GTM, ESA and IPv6 are decided through the stack, never silently passed", async () => {
        const ga = resource("alicloud:ga/accelerator:Accelerator", "ga", { spec: "1", status: UNKNOWN });
        const area = resource("alicloud:ga/ipSet:IpSet", "area", { accelerateRegionId: "cn-hangzhou", acceleratorId: UNKNOWN, ipAddressLists: UNKNOWN }, { acceleratorId: [ga] });
        const gaDomain = resource("alicloud:ga/domain:Domain", "ga-site", { domain: "unfiled.com", acceleratorId: UNKNOWN }, { acceleratorId: [ga] });
        const gaOther = resource("alicloud:ga/domain:Domain", "ga-other", { domain: "filed-other.com", acceleratorId: UNKNOWN }, { acceleratorId: [ga] });
        const lone = resource("alicloud:ga/domain:Domain", "ga-lone", { domain: "unfiled.com", acceleratorId: "ga-elsewhere" });
        const rule = resource(
            "alicloud:ga/forwardingRule:ForwardingRule",
            "ga-rule",
            { acceleratorId: UNKNOWN, listenerId: UNKNOWN, ruleConditions: [{ ruleConditionType: "Host", hostConfigs: [{ values: ["api.unfiled.com"] }] }] },
            { acceleratorId: [ga] },
        );
        const eip = resource("alicloud:ecs/eipAddress:EipAddress", "pool-eip", { ipAddress: UNKNOWN, bandwidth: "5" });
        const gtm = resource("alicloud:dns/gtmInstance:GtmInstance", "gtm", { instanceName: "gtm", publicUserDomainName: "www.filed-other.com" });
        const pool = resource(
            "alicloud:dns/addressPool:AddressPool",
            "pool",
            { instanceId: UNKNOWN, type: "IPV4", addresses: [{ address: UNKNOWN, attributeInfo: "{}", mode: "SMART" }] },
            { instanceId: [gtm], addresses: [eip] },
        );
        const gtm3Address = resource("alicloud:alidnscloudgtmaddress/alidnsCloudGtmAddress:AlidnsCloudGtmAddress", "gtm3-addr", { address: UNKNOWN, type: "IPv4" }, { address: [eip] });
        const gtm3 = resource(
            "alicloud:alidnscloudgtm/instanceConfig:InstanceConfig",
            "gtm3",
            { instanceId: "gtm-1", scheduleHostName: "app", scheduleZoneName: "unfiled.com", scheduleZoneMode: "custom", scheduleRrType: "A" },
            {},
            hangzhou,
            [gtm3Address],
        );
        const site = resource("alicloud:esa/site:Site", "site", { siteName: "unfiled.com", coverage: "global", accessType: "NS", instanceId: "i" });
        const esaApp = resource("alicloud:esa/edgeContainerAppRecord:EdgeContainerAppRecord", "esa-app", { siteId: UNKNOWN, recordName: "app.unfiled.com" }, { siteId: [site] });
        // No vpc.Ipv6InternetBandwidth: the address is reachable only inside the VPC, so v6-www needs no filing.
        const v6 = resource("alicloud:vpc/ipv6Address:Ipv6Address", "v6", { ipv6Address: UNKNOWN, vswitchId: "vsw" });
        const v6Record = resource("alicloud:dns/alidnsRecord:AlidnsRecord", "v6-www", { domainName: "unfiled.com", rr: "v6", type: "AAAA", value: UNKNOWN }, { value: [v6] });
        const hkSet = resource("alicloud:ecs/ecsInstanceSet:EcsInstanceSet", "hk-set", { amount: 2, instanceIds: UNKNOWN }, {}, hongkong);
        const hkRecord = resource("alicloud:dns/alidnsRecord:AlidnsRecord", "hk-www", { domainName: "unfiled.com", rr: "hk", type: "A", value: UNKNOWN }, { value: [hkSet] });

        const diagnostics = await pack.analyzeStack([ga, area, gaDomain, gaOther, lone, rule, eip, gtm, pool, gtm3Address, gtm3, site, esaApp, v6, v6Record, hkSet, hkRecord]);
        assert.ok(!diagnostics.some(isCantRunDiagnostic), JSON.stringify(diagnostics));
        assert.deepStrictEqual(byName(diagnostics), [
            ["esa-app", "icp-domain-unfiled", "mandatory"],
            ["ga-lone", "icp-binding-undecidable", "advisory"],
            ["ga-rule", "icp-domain-unfiled", "mandatory"],
            ["ga-site", "icp-domain-unfiled", "mandatory"],
            ["gtm", "icp-filing-not-accessed-at-alibaba", "mandatory"],
            ["gtm3", "icp-domain-unfiled", "mandatory"],
        ]);
        const gaSite = diagnostics.find((d) => d.urn.endsWith("::ga-site"))!;
        assert.match(gaSite.message, /unfiled\.com \(accelerated by Global Accelerator\)/);
        assert.match(gaSite.message, /cn-hangzhou/);
        assert.match(diagnostics.find((d) => d.urn.endsWith("::gtm"))!.message, /接入阿里云/);
    });

    it("per resource: a Container Registry custom domain in a mainland region", async () => {
        const cr = resource("alicloud:cr/instanceCustomizedDomain:InstanceCustomizedDomain", "registry", { domain: "registry.unfiled.com", instanceId: "cri-1" });
        const diagnostics = await pack.analyze(cr);
        assert.deepStrictEqual(byName(diagnostics), [["registry", "icp-domain-unfiled", "mandatory"]]);
        assert.match(diagnostics[0].message, /Container Registry custom domain/);
        const hk = resource("alicloud:cr/instanceCustomizedDomain:InstanceCustomizedDomain", "registry-hk", { domain: "registry.unfiled.com", instanceId: "cri-2" }, {}, hongkong);
        assert.deepStrictEqual(byName(await pack.analyze(hk)), []);
    });
});
