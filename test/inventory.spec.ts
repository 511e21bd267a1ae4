/**
 * The domain inventory (lib/kit/inventory.ts) over the cases issues #10 and #11 added to the gate:
 * load-balancer bindings decided in the stack pass (intranet rules serve nothing), proxied records
 * to mainland origins (ICP013), names known only by their zone, GA domains, government sub-unit
 * entries. Each case's statuses are compared with the findings the filing policies give for the
 * same stack, so the inventory and the gate cannot drift apart.
 *
 * Registry (test/helpers/fixtures.ts): filed-alibaba.com (accessed at Alibaba), filed-other.com
 * (Tencent only); unfiled.com has no filing.
 */
import * as assert from "assert";
import { buildInventory, InventoryDomain } from "../lib/kit/inventory";
import { DEFAULT_SHARED } from "../lib/kit/settings";
import { FilingRegistry, parseRegistry } from "../lib/model/registry";
import { UNKNOWN } from "../lib/model/values";
import { runAll } from "../lib/kit/runner";
import { POLICIES } from "../policies";
import { WaiverBook } from "../lib/model/waivers";
import { PackConfig } from "../lib/kit/config";
import { testRegistry } from "./helpers/fixtures";
import { stackOf, StackResourceSpec } from "./helpers/rule-tester";
import { alb, albHostRule, albListener, alidns, clb, clbRule, cloudflare, eip, eipAssociation, HANGZHOU } from "./helpers/stack-fixtures";
import { accelerator, addressPool, ESA_HOSTNAME_TYPES, esaHostname, esaSite, gaDomain, gaForwardingRule, gtmInstance, ipSet } from "./helpers/source-fixtures";
import { assertAgrees, BLOCKING } from "./helpers/inventory-agreement";

const subUnits = parseRegistry(
    "filings:\n  - domain: beijing.gov.cn\n    icp: 京ICP备05060933号-1\n    accessProviders: [alibaba]\n  - domain: edu.beijing.gov.cn\n    icp: 京ICP备05060934号-1\n    accessProviders: [tencent]\n",
    "/registry/gov-units.yaml",
);

function inventoryOf(resources: readonly StackResourceSpec[], registry: FilingRegistry = testRegistry): InventoryDomain[] {
    const stack = stackOf(resources);
    return buildInventory([{ file: "stack.json", resources: stack.resources, stack, regions: {} }], registry, DEFAULT_SHARED);
}

/** The gate's blocking filing findings (ICP001/ICP002/ICP013, mandatory), as `urn registrable`. */
function blockedBy(resources: readonly StackResourceSpec[], registry: FilingRegistry = testRegistry): Set<string> {
    const stack = stackOf(resources);
    const findings = runAll(POLICIES, stack.resources, stack, { registry, regions: {}, config: new PackConfig(POLICIES), waivers: new WaiverBook(registry.waivers) });
    return new Set(findings.filter((f) => BLOCKING.has(f.definition.id) && f.level === "mandatory").map((f) => `${f.finding.urn} ${f.finding.domain ?? ""}`));
}

const rows = (inventory: readonly InventoryDomain[]) => inventory.map((d) => [d.domain, d.status, d.needs]);

function assertAgreesOn(resources: readonly StackResourceSpec[], registry: FilingRegistry = testRegistry): void {
    const inventory = inventoryOf(resources, registry).map((d) => ({ ascii: d.domain, status: d.status, bindings: d.bindings }));
    assertAgrees(inventory, blockedBy(resources, registry));
}

describe("domain inventory: the same decisions as the gate", () => {
    it("an ALB host rule on an Intranet ALB is not listed (no public address); on an Internet ALB it is, as mainland", () => {
        const intranet = [alb("alb", { addressType: "Intranet" }), albListener("listener", "alb"), albHostRule("rule", "listener", ["www.unfiled.com"])];
        assert.deepStrictEqual(rows(inventoryOf(intranet)), []);
        assertAgreesOn(intranet);
        const internet = [alb("alb"), albListener("listener", "alb"), albHostRule("rule", "listener", ["www.unfiled.com"])];
        const listed = inventoryOf(internet);
        assert.deepStrictEqual(rows(listed), [["unfiled.com", "unfiled", "alibaba"]]);
        assert.strictEqual(listed[0].bindings[0].served, "mainland");
        assert.match(listed[0].bindings[0].where, /load balancer alb\.LoadBalancer "alb"/);
        assertAgreesOn(internet);
    });

    it("a CLB rule on an intranet CLB is not listed", () => {
        const resources: StackResourceSpec[] = [
            clb("clb", "intranet"),
            { name: "rule", type: "alicloud:slb/rule:Rule", props: { loadBalancerId: UNKNOWN, frontendPort: 80, name: "r", domain: "www.unfiled.com", serverGroupId: "sg" }, provider: HANGZHOU, dependsOn: { loadBalancerId: ["clb"] } },
        ];
        assert.deepStrictEqual(rows(inventoryOf(resources)), []);
        assertAgreesOn(resources);
    });

    it("a CLB rule on an intranet CLB with an associated EIP is listed, as mainland, naming the EIP and the association; a record to the CLB's private address is not", () => {
        const resources = [clb("clb", "intranet"), clbRule("rule", "clb", "www.unfiled.com"), eip("eip"), eipAssociation("assoc", "eip", "clb", "SlbInstance"), alidns("internal", "unfiled.com", "internal", "A", UNKNOWN, ["clb"])];
        const listed = inventoryOf(resources);
        assert.deepStrictEqual(rows(listed), [["unfiled.com", "unfiled", "alibaba"]]);
        assert.deepStrictEqual(listed[0].bindings.map((b) => [b.resource, b.served]), [['slb.Rule "rule"', "mainland"]]);
        assert.match(listed[0].bindings[0].where, /EIP ecs\.EipAddress "eip" \(ecs\.EipAssociation "assoc"\) is associated with it/);
        assertAgreesOn(resources);
        // The association's target not known until apply: listed as undecidable, never left out as private.
        const unplaced = [clb("clb", "intranet"), clbRule("rule", "clb", "www.unfiled.com"), eip("eip"), { ...eipAssociation("assoc", "eip", "clb"), props: { allocationId: UNKNOWN, instanceId: UNKNOWN }, dependsOn: { allocationId: ["eip"] } }];
        const open = inventoryOf(unplaced);
        assert.deepStrictEqual(open.map((d) => [d.domain, d.status, d.bindings.map((b) => b.served)]), [["unfiled.com", "unfiled", ["undecidable"]]]);
        assertAgreesOn(unplaced);
    });

    it("a record proxied to a mainland EIP (Cloudflare, ESA) is listed: its origin hosts the site, and needs 接入阿里云", () => {
        const unfiled = [eip("eip"), cloudflare("www", "www.unfiled.com", "A", UNKNOWN, { valueFrom: ["eip"], proxied: true })];
        const listed = inventoryOf(unfiled);
        assert.deepStrictEqual(rows(listed), [["unfiled.com", "unfiled", "alibaba"]]);
        assert.match(listed[0].bindings[0].via, /is proxied to its origin/);
        assertAgreesOn(unfiled);
        const tencentOnly = [eip("eip"), cloudflare("www", "www.filed-other.com", "A", UNKNOWN, { valueFrom: ["eip"], proxied: true })];
        assert.deepStrictEqual(rows(inventoryOf(tencentOnly)), [["filed-other.com", "filed-elsewhere", "alibaba"]]);
        assertAgreesOn(tencentOnly);
        // ESA in the mainland accepts a Tencent-only filing at its edge, but the EIP origin needs 接入阿里云.
        const esa: StackResourceSpec[] = [
            { name: "site", type: "alicloud:esa/site:Site", props: { siteName: "filed-other.com", coverage: "domestic", accessType: "NS", instanceId: "i" }, provider: HANGZHOU },
            eip("eip"),
            { name: "www", type: "alicloud:esa/record:Record", props: { siteId: UNKNOWN, recordName: "www.filed-other.com", recordType: "A/AAAA", proxied: true, data: { value: UNKNOWN } }, provider: HANGZHOU, dependsOn: { siteId: ["site"], data: ["eip"] } },
        ];
        const viaEsa = inventoryOf(esa);
        assert.deepStrictEqual(rows(viaEsa), [["filed-other.com", "filed-elsewhere", "alibaba"]]);
        const record = viaEsa[0].bindings.filter((b) => b.resource === 'esa.Record "www"');
        assert.deepStrictEqual(record.map((b) => [b.via.endsWith("is proxied to its origin") ? "origin" : "edge", b.needs]), [["edge", "any"], ["origin", "alibaba"]]);
        assertAgreesOn(esa);
        const filed = [eip("eip"), cloudflare("www", "www.filed-alibaba.com", "A", UNKNOWN, { valueFrom: ["eip"], proxied: true })];
        assert.deepStrictEqual(rows(inventoryOf(filed)), [["filed-alibaba.com", "filed", "alibaba"]]);
        assertAgreesOn(filed);
    });

    it("a record whose name is not known until apply is listed under its zone's registrable domain", () => {
        const resources = [eip("eip"), alidns("rnd", "unfiled.com", UNKNOWN, "A", UNKNOWN, ["eip"])];
        const listed = inventoryOf(resources);
        assert.deepStrictEqual(rows(listed), [["unfiled.com", "unfiled", "alibaba"]]);
        assert.strictEqual(listed[0].secret, false);
        assert.strictEqual(listed[0].bindings[0].zone, "unfiled.com");
        assert.strictEqual(listed[0].bindings[0].host, undefined);
        assertAgreesOn(resources);
        const filed = [eip("eip"), alidns("rnd", "filed-alibaba.com", UNKNOWN, "A", UNKNOWN, ["eip"])];
        assert.deepStrictEqual(rows(inventoryOf(filed)), [["filed-alibaba.com", "filed", "alibaba"]]);
        assertAgreesOn(filed);
    });

    it("a GA domain accelerated in the mainland is listed, needing any filing (GA accepts any MIIT filing)", () => {
        const ga = (domain: string, region: string) => [accelerator("ga"), ipSet("area", region, "ga"), gaDomain("dom", domain, "ga")];
        assert.deepStrictEqual(rows(inventoryOf(ga("unfiled.com", "cn-hangzhou"))), [["unfiled.com", "unfiled", "any"]]);
        assertAgreesOn(ga("unfiled.com", "cn-hangzhou"));
        assert.deepStrictEqual(rows(inventoryOf(ga("filed-other.com", "cn-hangzhou"))), [["filed-other.com", "filed", "any"]]);
        assertAgreesOn(ga("filed-other.com", "cn-hangzhou"));
        assert.deepStrictEqual(rows(inventoryOf(ga("unfiled.com", "ap-southeast-1"))), []);
    });

    it("issue #11's sources are listed with the filing they need: GA forwarding rules, GTM, ESA hostnames, CR custom domains", () => {
        const cases: [string, StackResourceSpec[], string[][]][] = [
            [
                "GA forwarding rule host in a mainland acceleration area",
                [accelerator("ga"), ipSet("area", "cn-hangzhou", "ga"), gaForwardingRule("rule", [{ ruleConditionType: "Host", hostConfigs: [{ values: ["www.unfiled.com"] }] }], "ga")],
                [["unfiled.com", "unfiled", "any"]],
            ],
            ["GTM instance whose pool takes a mainland EIP's address", [eip("pool-eip"), gtmInstance("gtm", "www.filed-other.com"), addressPool("pool", "gtm", [UNKNOWN], "IPV4", ["pool-eip"])], [["filed-other.com", "filed-elsewhere", "alibaba"]]],
            ["ESA hostname under a domestic site", [esaSite("site", "unfiled.com", "domestic"), esaHostname("host", ESA_HOSTNAME_TYPES[0][0], ESA_HOSTNAME_TYPES[0][1], "app.unfiled.com", "site")], [["unfiled.com", "unfiled", "any"]]],
            ["ESA hostname under an overseas site", [esaSite("site", "unfiled.com", "overseas"), esaHostname("host", ESA_HOSTNAME_TYPES[0][0], ESA_HOSTNAME_TYPES[0][1], "app.unfiled.com", "site")], []],
            [
                "CR custom domain in cn-hangzhou (Container Registry hosts it: 接入阿里云)",
                [{ name: "cr", type: "alicloud:cr/instanceCustomizedDomain:InstanceCustomizedDomain", props: { domain: "registry.filed-other.com", instanceId: "cri-1" }, provider: HANGZHOU }],
                [["filed-other.com", "filed-elsewhere", "alibaba"]],
            ],
        ];
        for (const [name, resources, expected] of cases) {
            assert.deepStrictEqual(rows(inventoryOf(resources)), expected, name);
            assertAgreesOn(resources);
        }
    });

    it("a government department's sub-domain is listed under its own entry, with that entry's status; others under the parent", () => {
        const resources = [eip("eip"), alidns("edu", "beijing.gov.cn", "edu", "A", UNKNOWN, ["eip"]), alidns("www", "beijing.gov.cn", "www", "A", UNKNOWN, ["eip"]), alidns("lib", "beijing.gov.cn", "www.edu", "A", UNKNOWN, ["eip"])];
        const listed = inventoryOf(resources, subUnits);
        // edu.beijing.gov.cn's own filing lists only Tencent: an EIP needs 接入阿里云, whatever the parent's filing says.
        assert.deepStrictEqual(rows(listed), [
            ["beijing.gov.cn", "filed", "alibaba"],
            ["edu.beijing.gov.cn", "filed-elsewhere", "alibaba"],
        ]);
        assert.strictEqual(listed[1].filing?.icp.full, "京ICP备05060934号-1");
        assert.deepStrictEqual(listed[1].bindings.map((b) => b.host), ["edu.beijing.gov.cn", "www.edu.beijing.gov.cn"]);
        assertAgreesOn(resources, subUnits);
    });
});
