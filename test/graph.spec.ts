/**
 * Target resolution tables: every endpoint type, every literal hostname pattern, the configured
 * endpoints and each undecidable case (lib/graph/endpoints.ts, lib/graph/stack-graph.ts).
 */
import * as assert from "assert";
import { addressesOf, cdnDomainOfCname, endpointFromHostname, endpointFromLiteral, endpointOf, parseMainlandEndpoints, ENDPOINT_RESOURCE_TYPES } from "../lib/graph/endpoints";
import { StackGraph } from "../lib/graph/stack-graph";
import { DnsNameIndex, dnsNameKey } from "../lib/graph/dns-names";
import { NO_KUBERNETES_CLUSTERS } from "../lib/graph/kubernetes";
import { StackView } from "../lib/kit/policy-kit";
import { StackResourceView } from "../lib/model/resource";
import { UNKNOWN } from "../lib/model/values";
import { provider, urnOf } from "./helpers/fixtures";

const hangzhou = provider("cn-hangzhou");
const hongkong = provider("cn-hongkong", "hk");

function view(type: string, props: Record<string, unknown>, withProvider = hangzhou, name = "target"): StackResourceView {
    return { urn: urnOf(type, name), type, name, props, provider: withProvider, secretProps: new Set(), dependencies: [], propertyDependencies: {} };
}

describe("endpoint resource types", () => {
    const cases: [string, Record<string, unknown>, "mainland" | "outside" | "undecidable", "alibaba" | "any"][] = [
        ["alicloud:ecs/eipAddress:EipAddress", { ipAddress: UNKNOWN }, "mainland", "alibaba"],
        ["alicloud:ecs/eip:Eip", { ipAddress: UNKNOWN }, "mainland", "alibaba"],
        ["alicloud:ecs/instance:Instance", { publicIp: UNKNOWN }, "mainland", "alibaba"],
        ["alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer", { addressType: "internet", address: UNKNOWN }, "mainland", "alibaba"],
        ["alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer", { addressType: "intranet", address: "10.0.0.5" }, "outside", "alibaba"],
        ["alicloud:slb/loadBalancer:LoadBalancer", { address: UNKNOWN }, "mainland", "alibaba"],
        ["alicloud:alb/loadBalancer:LoadBalancer", { addressType: "Internet", dnsName: UNKNOWN, regionId: "ap-southeast-1" }, "outside", "alibaba"],
        ["alicloud:alb/loadBalancer:LoadBalancer", { addressType: "Intranet", dnsName: UNKNOWN }, "outside", "alibaba"],
        ["alicloud:alb/loadBalancer:LoadBalancer", { addressType: "Intranet", ipv6AddressType: "Internet", dnsName: UNKNOWN, regionId: "cn-hangzhou" }, "mainland", "alibaba"],
        ["alicloud:nlb/loadBalancer:LoadBalancer", { addressType: "Internet", dnsName: UNKNOWN, regionId: UNKNOWN }, "mainland", "alibaba"],
        ["alicloud:oss/bucket:Bucket", { bucket: "b", location: "oss-cn-shenzhen" }, "mainland", "any"],
        ["alicloud:oss/bucket:Bucket", { bucket: "b", location: "oss-ap-northeast-1" }, "outside", "any"],
        ["alicloud:fc/customDomain:CustomDomain", { domainName: "x.example.com" }, "mainland", "alibaba"],
        ["alicloud:fc/v3CustomDomain:V3CustomDomain", {}, "mainland", "alibaba"],
        ["alicloud:wafv3/domain:Domain", { cname: UNKNOWN }, "mainland", "any"],
        ["alicloud:waf/domain:Domain", { cname: UNKNOWN }, "mainland", "any"],
        ["alicloud:ddos/domainResource:DomainResource", { cname: UNKNOWN }, "mainland", "any"],
        ["alicloud:ddos/ddosCooInstance:DdosCooInstance", { ip: UNKNOWN }, "mainland", "any"],
        ["alicloud:simpleapplicationserver/instance:Instance", { period: 3 }, "mainland", "alibaba"],
        ["alicloud:ens/instance:Instance", { ensRegionId: "cn-wuxi-telecom_unicom_cmcc-2" }, "mainland", "alibaba"],
        ["alicloud:ens/eip:Eip", { ensRegionId: "cn-hongkong-3" }, "outside", "alibaba"],
        ["alicloud:ens/instance:Instance", { ensRegionId: UNKNOWN }, "undecidable", "alibaba"],
        ["alicloud:apigateway/group:Group", { subDomain: UNKNOWN }, "mainland", "alibaba"],
        ["alicloud:apig/gateway:Gateway", { loadBalancers: UNKNOWN }, "mainland", "alibaba"],
        ["alicloud:sae/loadBalancerInternet:LoadBalancerInternet", { internetIp: UNKNOWN }, "mainland", "alibaba"],
        ["alicloud:eci/containerGroup:ContainerGroup", { internetIp: UNKNOWN }, "mainland", "alibaba"],
        ["alicloud:vpc/forwardEntry:ForwardEntry", { externalIp: UNKNOWN }, "mainland", "alibaba"],
        ["alicloud:ga/ipSet:IpSet", { accelerateRegionId: "cn-shanghai" }, "mainland", "any"],
        ["alicloud:ga/basicIpSet:BasicIpSet", { accelerateRegionId: "us-east-1" }, "outside", "any"],
        // GA's API is global: an unknown area is not the provider's region.
        ["alicloud:ga/ipSet:IpSet", { accelerateRegionId: UNKNOWN }, "undecidable", "any"],
        ["alicloud:ga/basicAccelerateIp:BasicAccelerateIp", { accelerateIpAddress: UNKNOWN }, "undecidable", "any"],
        ["alicloud:ecs/ecsInstanceSet:EcsInstanceSet", { amount: 2 }, "mainland", "alibaba"],
        ["alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface", { ipv6Addresses: ["2408::9"] }, "mainland", "alibaba"],
        ["alicloud:vpc/networkInterface:NetworkInterface", { ipv6Addresses: UNKNOWN }, "mainland", "alibaba"],
        ["alicloud:dns/ddosCooInstance:DdosCooInstance", { ip: UNKNOWN }, "mainland", "any"],
        ["alicloud:ddos/schedulerRule:SchedulerRule", { cname: UNKNOWN }, "mainland", "any"],
        ["alicloud:mse/gateway:Gateway", { slbLists: UNKNOWN }, "mainland", "alibaba"],
        ["alicloud:vpc/ipv6Address:Ipv6Address", { ipv6Address: UNKNOWN }, "mainland", "alibaba"],
        ["alicloud:ens/instance:Instance", { scheduleAreaLevel: "Big", ensRegionId: "cn-wuxi-telecom_unicom_cmcc-2" }, "undecidable", "alibaba"],
        ["alicloud:ens/instance:Instance", { scheduleAreaLevel: "Region", ensRegionId: "cn-wuxi-telecom_unicom_cmcc-2" }, "mainland", "alibaba"],
        ["alicloud:eipanycast/anycastEipAddress:AnycastEipAddress", { serviceLocation: "international" }, "outside", "alibaba"],
        ["alicloud:eipanycast/anycastEipAddress:AnycastEipAddress", { serviceLocation: "ChineseMainland" }, "mainland", "alibaba"],
        ["alicloud:cdn/domainNew:DomainNew", { domainName: "s.example.com", cname: UNKNOWN }, "mainland", "any"],
        ["alicloud:cdn/domainNew:DomainNew", { domainName: "s.example.com", scope: "overseas" }, "outside", "any"],
        ["alicloud:vod/domain:Domain", { domainName: "v.example.com", scope: UNKNOWN }, "undecidable", "any"],
        ["alicloud:dcdn/domain:Domain", { domainName: "d.example.com", scope: "global" }, "mainland", "any"],
    ];
    for (const [type, props, where, access] of cases) {
        it(`${type} ${JSON.stringify(props).slice(0, 80)} → ${where}, ${access}`, () => {
            const endpoint = endpointOf(view(type, props), {});
            assert.ok(endpoint, "recognised");
            assert.strictEqual(endpoint.served.where, where, endpoint.served.because);
            assert.strictEqual(endpoint.access, access);
            assert.ok(endpoint.alibaba);
        });
    }

    it("every endpoint type in the table is covered above", () => {
        const covered = new Set(cases.map(([type]) => type));
        assert.deepStrictEqual(ENDPOINT_RESOURCE_TYPES.filter((type) => !covered.has(type)), ["alicloud:fc/v3Function:V3Function", "alicloud:fc/v3Trigger:V3Trigger"]);
    });

    it("published addresses of the endpoints issue #11 added", () => {
        const cases: [string, Record<string, unknown>, string[]][] = [
            ["alicloud:fc/v3Trigger:V3Trigger", { httpTrigger: { urlInternet: "https://f-abc.cn-shanghai.fcapp.run/x", urlIntranet: "https://f-abc.cn-shanghai-vpc.fcapp.run" } }, ["f-abc.cn-shanghai.fcapp.run"]],
            ["alicloud:ga/basicAccelerateIp:BasicAccelerateIp", { accelerateIpAddress: "47.1.1.1" }, ["47.1.1.1"]],
            ["alicloud:mse/gateway:Gateway", { slbLists: [{ slbIp: "47.2.2.2" }, { slbIp: "47.2.2.3" }] }, ["47.2.2.2", "47.2.2.3"]],
            ["alicloud:ecs/instance:Instance", { publicIp: "47.3.3.3", ipv6Addresses: ["2408::1"] }, ["47.3.3.3", "2408::1"]],
            ["alicloud:alb/loadBalancer:LoadBalancer", { ipv6AddressType: "Intranet", zoneMappings: [{ ipv6Address: "2408::2" }] }, []],
            ["alicloud:alb/loadBalancer:LoadBalancer", { ipv6AddressType: "Internet", zoneMappings: [{ ipv6Address: "2408::2" }] }, ["2408::2"]],
            ["alicloud:nlb/loadBalancer:LoadBalancer", { ipv6AddressType: "Internet", zoneMappings: [{ ipv6Address: "2408::3", publicIpv4Address: "47.4.4.4" }] }, ["47.4.4.4", "2408::3"]],
            // Only cdn.DomainNew, dcdn.Domain and vod.Domain have a cname output; all are found by domain.
            ["alicloud:cdn/domain:Domain", { domainName: "s.example.com", cname: "ignored.example" }, ["s.example.com"]],
            ["alicloud:cdn/domainNew:DomainNew", { domainName: "s.example.com", cname: "s.example.com.w.kunlunsl.com" }, ["s.example.com.w.kunlunsl.com", "s.example.com"]],
        ];
        for (const [type, props, expected] of cases) assert.deepStrictEqual(addressesOf(view(type, props)), expected, type);
    });

    it("a CDN-family CNAME names the accelerated domain", () => {
        assert.strictEqual(cdnDomainOfCname("static.example.com.w.kunlunsl.com."), "static.example.com");
        assert.strictEqual(cdnDomainOfCname("live.example.com.alivecdn.com"), "live.example.com");
        assert.strictEqual(cdnDomainOfCname("alb-1.cn-hangzhou.alb.aliyuncs.com"), undefined);
    });

    it("a provider region outside the mainland places the endpoint outside", () => {
        assert.strictEqual(endpointOf(view("alicloud:ecs/eipAddress:EipAddress", {}, hongkong), {})!.served.where, "outside");
    });

    it("another cloud's resource is a non-Alibaba endpoint outside the mainland", () => {
        const endpoint = endpointOf(view("aws:ec2/eip:Eip", { publicIp: UNKNOWN }, undefined), {})!;
        assert.strictEqual(endpoint.alibaba, false);
        assert.strictEqual(endpoint.served.where, "outside");
    });

    it("AWS China is not judged: undecidable rather than outside", () => {
        assert.strictEqual(endpointOf(view("aws:ec2/eip:Eip", { publicIp: UNKNOWN }, { ...provider("cn-north-1"), type: "pulumi:providers:aws" }), {}), undefined);
    });

    it("a resource that serves nothing is not an endpoint", () => {
        assert.strictEqual(endpointOf(view("alicloud:vpc/network:Network", {}), {}), undefined);
        assert.strictEqual(endpointOf(view("random:index/randomString:RandomString", {}, undefined), {}), undefined);
    });
});

describe("literal hostnames that name their region", () => {
    const cases: [string, "mainland" | "outside" | "undecidable", "alibaba" | "any"][] = [
        ["shop-img.oss-cn-hangzhou.aliyuncs.com", "mainland", "any"],
        ["shop-img.oss-cn-hangzhou-internal.aliyuncs.com", "mainland", "any"],
        ["shop-img.oss-cn-shanghai-finance-1.aliyuncs.com", "mainland", "any"],
        ["shop-img.oss-ap-southeast-1.aliyuncs.com", "outside", "any"],
        ["shop-img.cn-beijing.oss.aliyuncs.com", "mainland", "any"],
        ["shop-img.oss-accelerate-overseas.aliyuncs.com", "outside", "any"],
        ["shop-img.oss-accelerate.aliyuncs.com", "undecidable", "any"],
        ["alb-abc.cn-hangzhou.alb.aliyuncs.com", "mainland", "alibaba"],
        ["alb-abc.internal.cn-hangzhou.alb.aliyuncs.com", "mainland", "alibaba"],
        ["alb-abc.cn-hangzhou.alb.aliyuncsslb.com", "mainland", "alibaba"],
        ["alb-abc.cn-hongkong.alb.aliyuncsslbintl.com", "outside", "alibaba"],
        ["nlb-abc.ap-southeast-1.nlb.aliyuncsslbintl.com", "outside", "alibaba"],
        ["nlb-abc.cn-shenzhen.nlb.aliyuncs.com", "mainland", "alibaba"],
        ["myfn-abc.cn-shanghai.fcapp.run", "mainland", "alibaba"],
        ["myfn-abc.cn-shanghai-vpc.fcapp.run", "mainland", "alibaba"],
        ["myfn-abc.ap-northeast-1.fcapp.run", "outside", "alibaba"],
        ["1234567.cn-qingdao.fc.aliyuncs.com", "mainland", "alibaba"],
        ["0123456789abcdef0123456789abcdef-cn-hangzhou.alicloudapi.com", "mainland", "alibaba"],
        ["0123456789abcdef0123456789abcdef-cn-shanghai-finance-1.alicloudapi.com", "mainland", "alibaba"],
        ["0123456789abcdef0123456789abcdef-ap-southeast-1.alicloudapi.com", "outside", "alibaba"],
        ["static.example.com.w.kunlunsl.com", "undecidable", "any"],
        ["x.m.alikunlun.com", "undecidable", "any"],
        ["abc.yundunwaf1.com", "undecidable", "any"],
        ["abc.aliyunddos1014.com", "undecidable", "any"],
        ["ALB-ABC.CN-HANGZHOU.ALB.ALIYUNCSSLB.COM.", "mainland", "alibaba"],
    ];
    for (const [hostname, where, access] of cases) {
        it(`${hostname} → ${where}`, () => {
            const endpoint = endpointFromHostname(hostname);
            assert.ok(endpoint, "recognised");
            assert.strictEqual(endpoint.served.where, where, endpoint.served.because);
            assert.strictEqual(endpoint.access, access);
        });
    }
    for (const hostname of ["www.example.com", "aliyuncs.com.evil.com", "oss-cn-hangzhou.aliyuncs.com.example.org"]) {
        it(`${hostname} is not recognised`, () => assert.strictEqual(endpointFromHostname(hostname), undefined));
    }
});

describe("configured mainland endpoints and other clouds", () => {
    const { settings, problems } = parseMainlandEndpoints(["47.96.0.0/16", "2408:4000::/32", "8.8.8.8"], ["origin.corp-example.com", ".cdn-origin.example.net"]);

    it("parses valid entries", () => assert.deepStrictEqual(problems, []));
    it("an IPv4 inside a configured CIDR is mainland, Alibaba-hosted", () => assert.strictEqual(endpointFromLiteral("47.96.200.1", settings)?.served.where, "mainland"));
    it("an IPv6 inside a configured CIDR is mainland", () => assert.strictEqual(endpointFromLiteral("2408:4000::1", settings)?.access, "alibaba"));
    it("a bare address is a /32", () => assert.ok(endpointFromLiteral("8.8.8.8", settings)));
    it("an address outside every CIDR is not placed", () => assert.strictEqual(endpointFromLiteral("47.97.0.1", settings), undefined));
    it("a hostname under a configured suffix is mainland", () => assert.strictEqual(endpointFromLiteral("lb1.origin.corp-example.com.", settings)?.served.where, "mainland"));
    it("a leading dot in a suffix is accepted", () => assert.ok(endpointFromLiteral("a.cdn-origin.example.net", settings)));
    it("a look-alike is not under the suffix", () => assert.strictEqual(endpointFromLiteral("evilorigin.corp-example.com", settings), undefined));
    it("GitHub Pages is decided as another cloud", () => assert.strictEqual(endpointFromLiteral("me.github.io", settings)?.alibaba, false));
    it("AWS China is not taken for another cloud outside the mainland", () => assert.strictEqual(endpointFromLiteral("x.s3.cn-north-1.amazonaws.com.cn", settings), undefined));
    it("bad entries are reported, not guessed", () => {
        const bad = parseMainlandEndpoints(["47.96.0.0/33", "not-an-ip/8", "1.2.3.4/x"], ["bad host!"]);
        assert.strictEqual(bad.problems.length, 4, bad.problems.join("\n"));
    });
});

describe("StackGraph", () => {
    const ALIDNS = "alicloud:dns/alidnsRecord:AlidnsRecord";
    function stackOf(resources: StackResourceView[]): StackView {
        return { resources, byUrn: new Map(resources.map((r) => [r.urn, r])) };
    }
    const none = { endpoints: parseMainlandEndpoints([], []).settings, kubernetesClusters: NO_KUBERNETES_CLUSTERS };

    it("follows propertyDependencies to the producing resource", () => {
        const eip = view("alicloud:ecs/eipAddress:EipAddress", { ipAddress: UNKNOWN }, hangzhou, "eip");
        const record = { ...view(ALIDNS, { domainName: "example.com", rr: "www", type: "A", value: UNKNOWN }, hangzhou, "www"), propertyDependencies: { value: [eip.urn] } };
        const [analysis] = StackGraph.of(stackOf([eip, record]), {}, none).records();
        assert.strictEqual(analysis.targets[0].endpoint.resource, eip);
        assert.match(analysis.targets[0].via, /comes from ecs\.EipAddress "eip"/);
        assert.strictEqual(analysis.decidedAlone, false);
    });

    it("matches a literal against stack outputs before hostname patterns", () => {
        const albResource = view("alicloud:alb/loadBalancer:LoadBalancer", { addressType: "Internet", dnsName: "alb-1.cn-hangzhou.alb.aliyuncs.com", regionId: "cn-hangzhou" }, hangzhou, "alb");
        const record = view(ALIDNS, { domainName: "example.com", rr: "api", type: "CNAME", value: "ALB-1.cn-hangzhou.alb.aliyuncs.com." }, hangzhou, "api");
        const [analysis] = StackGraph.of(stackOf([albResource, record]), {}, none).records();
        // Decided from the record alone (the hostname names its region), so the per-resource check reports it.
        assert.strictEqual(analysis.decidedAlone, true);
        assert.strictEqual(analysis.targets[0].endpoint.served.where, "mainland");
    });

    it("places a literal IP through the stack's EIP outputs (refreshed state)", () => {
        const eip = view("alicloud:ecs/eipAddress:EipAddress", { ipAddress: "47.100.1.2" }, hongkong, "eip");
        const record = view(ALIDNS, { domainName: "example.com", rr: "www", type: "A", value: "47.100.1.2" }, hangzhou, "www");
        const [analysis] = StackGraph.of(stackOf([eip, record]), {}, none).records();
        assert.strictEqual(analysis.targets[0].endpoint.served.where, "outside");
        assert.match(analysis.targets[0].via, /is an output of ecs\.EipAddress "eip"/);
    });

    const undecidable: [string, StackResourceView[]][] = [
        ["unknown value, no dependency", [view(ALIDNS, { domainName: "example.com", rr: "www", type: "A", value: UNKNOWN }, hangzhou, "www")]],
        ["literal IP nobody knows", [view(ALIDNS, { domainName: "example.com", rr: "www", type: "A", value: "121.40.1.9" }, hangzhou, "www")]],
        [
            "value from a resource that is not an endpoint",
            [
                view("random:index/randomString:RandomString", { result: UNKNOWN }, undefined, "rnd"),
                { ...view(ALIDNS, { domainName: "example.com", rr: "www", type: "CNAME", value: UNKNOWN }, hangzhou, "www"), propertyDependencies: { value: [urnOf("random:index/randomString:RandomString", "rnd")] } },
            ],
        ],
        ["CDN CNAME not output by the stack", [view(ALIDNS, { domainName: "example.com", rr: "www", type: "CNAME", value: "x.w.kunlunsl.com" }, hangzhou, "www")]],
        ["ESA proxied record whose site is not in the stack", [view("alicloud:esa/record:Record", { recordName: "www.example.com", recordType: "CNAME", proxied: true, data: { value: "origin.example.com" } }, hangzhou, "www")]],
    ];
    for (const [name, resources] of undecidable) {
        it(`undecidable: ${name}`, () => {
            const [analysis] = StackGraph.of(stackOf(resources), {}, none).records();
            const open = analysis.undecided.length + analysis.targets.filter((t) => t.endpoint.served.where === "undecidable").length;
            assert.ok(open > 0, JSON.stringify(analysis.targets.map((t) => t.endpoint.served)));
        });
    }

    it("builds indexes once and is linear: 20,000 records resolve in one pass", () => {
        const resources: StackResourceView[] = [];
        for (let i = 0; i < 10_000; i++) {
            const eip = view("alicloud:ecs/eipAddress:EipAddress", { ipAddress: `47.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }, hangzhou, `eip${i}`);
            resources.push(eip, view(ALIDNS, { domainName: "example.com", rr: `w${i}`, type: "A", value: `47.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }, hangzhou, `rec${i}`));
        }
        const records = StackGraph.of(stackOf(resources), {}, none).records();
        assert.strictEqual(records.length, 10_000);
        assert.ok(records.every((r) => r.targets[0]?.endpoint.resource?.type === "alicloud:ecs/eipAddress:EipAddress"));
    });

    it("follows a chain of 20,000 CNAMEs without deep recursion, and a loop of 1,000, each record settled once", () => {
        const resources: StackResourceView[] = [view("alicloud:ecs/eipAddress:EipAddress", { ipAddress: UNKNOWN }, hangzhou, "eip")];
        // c0 → c1 → … → c19999, whose A record takes its address from the EIP: the first record analysed starts the longest walk.
        for (let i = 0; i < 19_999; i++) resources.push(view(ALIDNS, { domainName: "example.com", rr: `c${i}`, type: "CNAME", value: `c${i + 1}.example.com` }, hangzhou, `c${i}`));
        resources.push({ ...view(ALIDNS, { domainName: "example.com", rr: "c19999", type: "A", value: UNKNOWN }, hangzhou, "c19999"), propertyDependencies: { value: [urnOf("alicloud:ecs/eipAddress:EipAddress", "eip")] } });
        for (let i = 0; i < 1_000; i++) resources.push(view(ALIDNS, { domainName: "example.com", rr: `l${i}`, type: "CNAME", value: `l${(i + 1) % 1_000}.example.com` }, hangzhou, `l${i}`));
        const records = StackGraph.of(stackOf(resources), {}, none).records();
        assert.strictEqual(records.length, 21_000);
        const chain = records.filter((r) => r.resource.name.startsWith("c"));
        assert.ok(chain.every((r) => r.targets.length === 1 && r.targets[0].endpoint.resource?.name === "eip"));
        // Shown by its first records and its last.
        assert.match(chain[0].targets[0].via, /^through c0\.example\.com → c1\.example\.com → .* → c6\.example\.com → … → c19999\.example\.com to DNS record c19999\.example\.com A/);
        assert.deepStrictEqual(chain[0].targets[0].chain?.records.slice(-2), ["…", "c19999.example.com A"]);
        const loop = records.filter((r) => r.resource.name.startsWith("l"));
        assert.ok(loop.every((r) => r.targets.length === 0 && r.undecided.length === 1 && r.undecided[0].includes("… (1000 records) → l0.example.com name each other in a loop")));
    });
});

describe("DNS names the inputs define (lib/graph/dns-names.ts)", () => {
    const index = new DnsNameIndex<string>();
    for (const [name, entry] of [
        ["example.co", "apex"],
        ["www.example.co", "www"],
        ["*.example.co", "star"],
        ["a.b.example.co", undefined],
        ["*.shop.example.co", undefined],
        ["app.example.co", "app-1"],
        ["app.example.co", "app-2"],
    ] as const) {
        index.add(dnsNameKey(name)!, entry);
    }
    const answer = (name: string) => {
        const lookup = index.lookup(dnsNameKey(name)!);
        return lookup.kind === "records" ? lookup.entries : lookup.kind;
    };

    it("keys names in one form: case, trailing dot and Unicode", () => {
        assert.strictEqual(dnsNameKey("WWW.Example.CO."), "www.example.co");
        assert.strictEqual(dnsNameKey("*.例子.中国"), "*.xn--fsqu00a.xn--fiqs8s");
        assert.strictEqual(dnsNameKey("https://example.co/"), undefined);
        assert.strictEqual(dnsNameKey(""), undefined);
    });
    it("answers a name by all its records", () => assert.deepStrictEqual(answer("app.example.co"), ["app-1", "app-2"]));
    it("answers a name no record has by the wildcard of its closest encloser", () => {
        assert.deepStrictEqual(answer("shop-test.example.co"), ["star"]);
        assert.deepStrictEqual(answer("x.y.example.co"), ["star"]);
    });
    it("never answers a name that exists, or lies below one that exists, by a wider wildcard", () => {
        assert.strictEqual(answer("b.example.co"), "no-web-records"); // an empty non-terminal
        assert.strictEqual(answer("c.b.example.co"), "not-defined"); // its closest encloser b.example.co has no wildcard
        assert.strictEqual(answer("x.shop.example.co"), "no-web-records"); // *.shop has only a TXT record
    });
    it("does not answer names outside the inputs", () => assert.strictEqual(answer("www.other.co"), "not-defined"));
});
