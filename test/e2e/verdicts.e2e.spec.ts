/**
 * End to end, through the real pack over gRPC: verdicts true to what Alibaba Cloud enforces —
 * proxied records with mainland origins, private addresses, names only partly known at preview,
 * host rules on intranet load balancers (and on intranet CLBs an EIP makes public, with `icp-guard
 * check` on the Terraform plan of the same setup), and government sub-unit filings.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { AnalyzerInfo, isCantRunDiagnostic, PackProcess, ResourceInput } from "../../tools/engine-client";
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN } from "../../lib/model/values";
import { TEST_REGISTRY_YAML, provider, urnOf } from "../helpers/fixtures";
import { CLEAN_ENV, diagnosticRows as rows, PACK_DIR, writeTempFile } from "../helpers/e2e";

const REGISTRY = `${TEST_REGISTRY_YAML}  - domain: beijing.gov.cn
    icp: 京ICP备05060933号-1
    accessProviders: [alibaba]
  - domain: edu.beijing.gov.cn
    icp: 京ICP备05060934号-1
    accessProviders: [alibaba]
`;
const hangzhou = provider("cn-hangzhou");
const resource = (type: string, name: string, props: Record<string, unknown>, dependsOn?: Record<string, string[]>): ResourceInput => ({
    urn: urnOf(type, name),
    type,
    name,
    props,
    provider: type.startsWith("alicloud:") ? hangzhou : undefined,
    ...(dependsOn ? { propertyDependencies: Object.fromEntries(Object.entries(dependsOn).map(([property, names]) => [property, names.map((n) => urnOf(TYPES[n] ?? "", n))])) } : {}),
});
const TYPES: Record<string, string> = {};
const named = (type: string, name: string, props: Record<string, unknown>, dependsOn?: Record<string, string[]>): ResourceInput => {
    TYPES[name] = type;
    return resource(type, name, props, dependsOn);
};

const EIP = "alicloud:ecs/eipAddress:EipAddress";
const CF = "cloudflare:index/dnsRecord:DnsRecord";
const ALIDNS = "alicloud:dns/alidnsRecord:AlidnsRecord";
const CDN = "alicloud:cdn/domainNew:DomainNew";

describe("e2e: verdicts true to what Alibaba Cloud enforces", function () {
    this.timeout(120_000);
    let pack: PackProcess;
    let info: AnalyzerInfo;
    const registryFile = writeTempFile("icp-filings.yaml", REGISTRY);

    before(async () => {
        pack = await PackProcess.start(PACK_DIR, { env: { ...CLEAN_ENV, ICP_GUARD_FILINGS: registryFile } });
        await pack.configureStack({ dryRun: true });
        info = await pack.getAnalyzerInfo();
    });
    after(async () => pack?.close());

    it("blocks a Cloudflare-proxied record whose origin is a mainland EIP, under its own policy; filed at Alibaba passes with no hollow-filing advisory", async () => {
        await pack.configure(info, {});
        const eip = named(EIP, "origin-eip", { ipAddress: UNKNOWN, bandwidth: "5" });
        const stack = [
            eip,
            named(CF, "edge", { zoneId: "z", name: "edge.unfiled.com", type: "A", content: UNKNOWN, ttl: 1, proxied: true }, { content: ["origin-eip"] }),
            named(CF, "other", { zoneId: "z", name: "www.filed-other.com", type: "A", content: UNKNOWN, ttl: 1, proxied: true }, { content: ["origin-eip"] }),
            named(CF, "shop", { zoneId: "z", name: "shop.filed-alibaba.com", type: "A", content: UNKNOWN, ttl: 1, proxied: true }, { content: ["origin-eip"] }),
        ];
        for (const r of stack) assert.deepStrictEqual(await pack.analyze(r), [], "nothing per resource: the origin needs the stack graph");
        const diagnostics = await pack.analyzeStack(stack);
        assert.ok(!diagnostics.some(isCantRunDiagnostic));
        assert.deepStrictEqual(rows(diagnostics), [
            ["edge", "icp-proxy-mainland-origin", "mandatory"],
            ["other", "icp-proxy-mainland-origin", "mandatory"],
        ]);
        assert.match(diagnostics.find((d) => d.urn.endsWith("::edge"))!.message, /no exemption/);
    });

    it("internal records at private addresses pass, even with icp-binding-undecidable mandatory", async () => {
        await pack.configure(info, { "icp-binding-undecidable": "mandatory" });
        const records = [
            named(ALIDNS, "db", { domainName: "unfiled.com", rr: "db", type: "A", value: "10.0.3.7" }),
            named(ALIDNS, "cgn", { domainName: "unfiled.com", rr: "cgn", type: "A", value: "100.64.0.9" }),
            named(ALIDNS, "v6", { domainName: "unfiled.com", rr: "v6", type: "AAAA", value: "fd00::5" }),
            named(ALIDNS, "public", { domainName: "unfiled.com", rr: "public", type: "A", value: "121.40.1.9" }),
        ];
        const perResource = (await Promise.all(records.map((r) => pack.analyze(r)))).flat();
        assert.deepStrictEqual(rows(perResource), []);
        assert.deepStrictEqual(rows(await pack.analyzeStack(records)), [["public", "icp-binding-undecidable", "mandatory"]]);
    });

    it("decides a record whose rr is unknown at preview from its zone: unfiled blocks, filed passes", async () => {
        await pack.configure(info, { "icp-binding-undecidable": "mandatory" });
        const eip = named(EIP, "web-eip", { ipAddress: UNKNOWN });
        const stack = [
            eip,
            named(ALIDNS, "random-unfiled", { domainName: "unfiled.com", rr: UNKNOWN, type: "A", value: UNKNOWN }, { value: ["web-eip"] }),
            named(ALIDNS, "random-filed", { domainName: "filed-alibaba.com", rr: UNKNOWN, type: "A", value: UNKNOWN }, { value: ["web-eip"] }),
        ];
        assert.deepStrictEqual(rows(await pack.analyzeStack(stack)), [["random-unfiled", "icp-domain-unfiled", "mandatory"]]);
    });

    it("never blocks a host rule on an intranet ALB; blocks it on an Internet ALB in the stack pass", async () => {
        await pack.configure(info, {});
        const chain = (suffix: string, addressType: string) => [
            named("alicloud:alb/loadBalancer:LoadBalancer", `alb-${suffix}`, { addressType, vpcId: "vpc", loadBalancerEdition: "Standard", dnsName: UNKNOWN }),
            named("alicloud:alb/listener:Listener", `listener-${suffix}`, { loadBalancerId: UNKNOWN, listenerPort: 443, listenerProtocol: "HTTPS" }, { loadBalancerId: [`alb-${suffix}`] }),
            named("alicloud:alb/rule:Rule", `rule-${suffix}`, { listenerId: UNKNOWN, priority: 1, ruleName: "r", ruleConditions: [{ type: "Host", hostConfig: { values: ["admin.unfiled.com"] } }], ruleActions: [] }, { listenerId: [`listener-${suffix}`] }),
        ];
        const stack = [...chain("intranet", "Intranet"), ...chain("internet", "Internet")];
        for (const r of stack) assert.deepStrictEqual(await pack.analyze(r), [], `nothing per resource for ${r.name}`);
        const onRules = rows(await pack.analyzeStack(stack)).filter(([urn]) => String(urn).startsWith("rule-"));
        assert.deepStrictEqual(onRules, [["rule-internet", "icp-domain-unfiled", "mandatory"]]);
    });

    it("blocks a rule for an unfiled domain on an intranet cn-hangzhou CLB with an associated EIP, passes it on one without; check on the Terraform plan agrees", async () => {
        await pack.configure(info, {});
        const CLB = "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer";
        const clb = (name: string, loadBalancerName: string) => named(CLB, name, { loadBalancerName, addressType: "intranet", loadBalancerSpec: "slb.s2.small", vswitchId: "vsw-bp1shop0000000001", address: UNKNOWN });
        const rule = (name: string, balancer: string, serverGroupId: string) =>
            named("alicloud:slb/rule:Rule", name, { loadBalancerId: UNKNOWN, frontendPort: 80, name: "shop", domain: "shop.unfiled-example.com", url: "/", serverGroupId }, { loadBalancerId: [balancer] });
        // The Pulumi program of test/fixtures/terraform/intranet-clb-eip/main.tf, as the engine sends it at preview.
        const stack = [
            clb("public_via_eip", "shop-internal"),
            named(EIP, "clb-eip", { addressName: "shop-clb", bandwidth: "5", internetChargeType: "PayByTraffic", ipAddress: UNKNOWN }),
            named("alicloud:ecs/eipAssociation:EipAssociation", "clb-eip-association", { allocationId: UNKNOWN, instanceId: UNKNOWN, instanceType: "SlbInstance" }, { allocationId: ["clb-eip"], instanceId: ["public_via_eip"] }),
            rule("shop", "public_via_eip", "rsp-bp1shop0000000001"),
            clb("private_only", "shop-private"),
            rule("shop_private", "private_only", "rsp-bp1shop0000000002"),
        ];
        for (const r of stack) assert.deepStrictEqual(await pack.analyze(r), [], `nothing per resource for ${r.name}: the rule's balancer and its EIP need the stack`);
        const diagnostics = await pack.analyzeStack(stack);
        assert.ok(!diagnostics.some(isCantRunDiagnostic));
        assert.deepStrictEqual(rows(diagnostics), [["shop", "icp-domain-unfiled", "mandatory"]]);
        assert.match(diagnostics[0].message, /EIP ecs\.EipAddress "clb-eip" \(ecs\.EipAssociation "clb-eip-association"\) is associated with it/);
        assert.match(diagnostics[0].message, /remove EIP ecs\.EipAddress "clb-eip" .* from the intranet load balancer slb\.ApplicationLoadBalancer "public_via_eip"/);

        // The same setup as a Terraform plan, through the command line.
        const plan = path.join(PACK_DIR, "test", "fixtures", "terraform", "intranet-clb-eip", "plan.json");
        const cli = spawnSync(process.execPath, [path.join(PACK_DIR, "bin", "cli", "icp-guard.js"), "check", plan, "--filings", registryFile, "--format", "json"], { env: { ...process.env, ...CLEAN_ENV } as NodeJS.ProcessEnv, encoding: "utf8" });
        assert.strictEqual(cli.status, 1, cli.stderr);
        const findings = (JSON.parse(cli.stdout) as { findings: { name: string; policy: string; level: string; message: string }[] }).findings;
        const pulumiName: Record<string, string> = { "alicloud_slb_rule.shop": "shop", "alicloud_slb_rule.shop_private": "shop_private" };
        assert.deepStrictEqual(findings.map((f) => [pulumiName[f.name] ?? f.name, f.policy, f.level]).sort(), rows(diagnostics));
        assert.match(findings[0].message, /EIP alicloud_eip_address\.clb \(alicloud_eip_association\.clb\) is associated with it/);
    });

    it("never shows the secret region of a load balancer reached through the listener chain", async () => {
        await pack.configure(info, {});
        const secretProvider = { ...provider("cn-shanghai", "secret-region"), props: { region: { [SECRET_SIG_KEY]: SECRET_SIG, value: "cn-shanghai" }, version: "3.108.0" } };
        const balancer = { ...named("alicloud:alb/loadBalancer:LoadBalancer", "alb-secret", { addressType: "Internet", vpcId: "vpc", loadBalancerEdition: "Standard", dnsName: UNKNOWN }), provider: secretProvider };
        const stack = [
            balancer,
            named("alicloud:alb/listener:Listener", "listener-secret", { loadBalancerId: UNKNOWN, listenerPort: 443, listenerProtocol: "HTTPS" }, { loadBalancerId: ["alb-secret"] }),
            named("alicloud:alb/rule:Rule", "rule-secret", { listenerId: UNKNOWN, priority: 1, ruleName: "r", ruleConditions: [{ type: "Host", hostConfig: { values: ["admin.unfiled.com"] } }], ruleActions: [] }, { listenerId: ["listener-secret"] }),
        ];
        const onRule = (await pack.analyzeStack(stack)).filter((d) => d.urn.endsWith("::rule-secret"));
        assert.deepStrictEqual(onRule.map((d) => d.policyName), ["icp-domain-unfiled"]);
        assert.doesNotMatch(onRule[0].message, /cn-shanghai|华东2|上海/);
    });

    it("an AAAA record to an ECS instance's IPv6 address needs a filing only with IPv6 Internet bandwidth", async () => {
        await pack.configure(info, { "icp-binding-undecidable": "mandatory" });
        const instance = (name: string, ipv6: string) => named("alicloud:ecs/instance:Instance", name, { instanceType: "ecs.g7.large", internetMaxBandwidthOut: 5, publicIp: UNKNOWN, ipv6AddressCount: 1, ipv6Addresses: [ipv6] });
        const stack = [
            instance("vm-private", "2408:4000::1"),
            instance("vm-public", "2408:4000::2"),
            // The provider's example: ipv6AddressId from vpc.getIpv6AddressesOutput({ associatedInstanceId: instance.id }), so it depends on the instance.
            named("alicloud:vpc/ipv6InternetBandwidth:Ipv6InternetBandwidth", "bw", { ipv6AddressId: UNKNOWN, ipv6GatewayId: "ipv6gw-1", bandwidth: 20 }, { ipv6AddressId: ["vm-public"] }),
            named(ALIDNS, "private-aaaa", { domainName: "unfiled.com", rr: "v6a", type: "AAAA", value: "2408:4000::1" }),
            named(ALIDNS, "public-aaaa", { domainName: "unfiled.com", rr: "v6b", type: "AAAA", value: "2408:4000::2" }),
        ];
        assert.deepStrictEqual(rows(await pack.analyzeStack(stack)), [["public-aaaa", "icp-domain-unfiled", "mandatory"]]);
    });

    it("a CNAME to a CDN domain whose scope is left out is blocked in AnalyzeStack, where the scope output is not known, as the domain is in Analyze", async () => {
        await pack.configure(info, {});
        const inputs = { domainName: "static.unfiled.com", cdnType: "web", sources: [{ content: "origin.example.org", type: "domain", port: 80 }] };
        assert.deepStrictEqual(rows(await pack.analyze(named(CDN, "static-cdn", inputs))), [["static-cdn", "icp-domain-unfiled", "mandatory"]]);
        // Outputs at preview: the inputs carried over, computed ones (scope, cname) unknown.
        const stack = [named(CDN, "static-cdn", { ...inputs, scope: UNKNOWN, cname: UNKNOWN }), named(ALIDNS, "static", { domainName: "unfiled.com", rr: "static", type: "CNAME", value: "static.unfiled.com.w.alikunlun.com" })];
        assert.deepStrictEqual(rows(await pack.analyzeStack(stack)), [["static", "icp-domain-unfiled", "mandatory"]]);
    });

    it("government sub-units: own entry passes; covered only by the parent is advisory", async () => {
        await pack.configure(info, {});
        const own = await pack.analyze(named(CDN, "edu", { domainName: "www.edu.beijing.gov.cn", cdnType: "web", scope: "domestic" }));
        assert.deepStrictEqual(rows(own), []);
        const parentOnly = await pack.analyze(named(CDN, "health", { domainName: "health.beijing.gov.cn", cdnType: "web", scope: "domestic" }));
        assert.deepStrictEqual(rows(parentOnly), [["health", "icp-government-domain", "advisory"]]);
        assert.match(parentOnly[0].message, /department/);
    });
});
