/**
 * lib/kit/config.ts: a --policy-pack-config document parsed and reconciled as the engine does
 * (own level + schema defaults, then `all`, then every entry, `all` included), and the pack's
 * reading of it. test/config-differential.spec.ts holds it against the engine's transcription.
 */
import * as assert from "assert";
import { CARRIER_POLICIES, declaredPolicies, PackConfig, parsePolicyPackConfig, policyConfigFromDocument, PolicyConfigProblem, reconcilePolicyPackConfig } from "../lib/kit/config";
import { POLICIES } from "../policies";

const byId = (id: string) => POLICIES.find((p) => p.id === id)!;

describe("policy config reconciliation (lib/kit/config.ts)", () => {
    it("starts every declared policy at its own level with its schema defaults, then all, then named entries", () => {
        const { document, problems } = parsePolicyPackConfig({ all: "disabled", "icp-domain-unfiled": "mandatory", "icp-binding-undecidable": { mainlandCidrs: ["47.96.0.0/16"] } });
        assert.deepStrictEqual(problems, []);
        const config = reconcilePolicyPackConfig(document, declaredPolicies(POLICIES));
        assert.strictEqual(config.get("icp-domain-unfiled")?.enforcementLevel, "mandatory");
        assert.strictEqual(config.get("icp-hollow-filing")?.enforcementLevel, "disabled");
        assert.deepStrictEqual(config.get("icp-binding-undecidable"), { enforcementLevel: "disabled", properties: { mainlandCidrs: ["47.96.0.0/16"], mainlandHostnameSuffixes: [], endpointCatalogMaxAgeDays: 30 } });
        assert.deepStrictEqual(config.get("icp-domain-unfiled")?.properties, { allowWaivers: true }, "schema defaults");
        for (const carrier of CARRIER_POLICIES) assert.strictEqual(config.get(carrier)?.enforcementLevel, "disabled", "the engine applies all to carriers too");
    });

    it("keeps each policy's own default level when nothing overrides it", () => {
        const config = reconcilePolicyPackConfig(parsePolicyPackConfig({}).document, declaredPolicies(POLICIES));
        for (const policy of POLICIES) assert.strictEqual(config.get(policy.id)?.enforcementLevel, policy.defaultLevel, policy.id);
    });

    it("passes names the pack does not declare on, as the engine does; the pack refuses them with a suggestion", () => {
        const { config } = policyConfigFromDocument({ "icp-hollow-filling": "disabled" }, POLICIES, "c.json");
        assert.strictEqual(config.get("icp-hollow-filling")?.enforcementLevel, "disabled");
        const pack = new PackConfig(POLICIES);
        pack.receive(config, { announce: false });
        assert.throws(() => pack.check(), (error: Error) => {
            assert.ok(error instanceof PolicyConfigProblem);
            assert.match(error.message, /"icp-hollow-filling" is not an icp-guard policy; did you mean "icp-hollow-filing"\?/);
            assert.strictEqual(error.stack, error.message, "no stack trace");
            return true;
        });
    });

    it("passes `all` on as an entry of its own, as the engine's applyConfig does, and the pack accepts it", () => {
        const { config } = policyConfigFromDocument({ all: "advisory" }, POLICIES, "c.json");
        assert.deepStrictEqual(config.get("all"), { enforcementLevel: "advisory", properties: {} });
        const pack = new PackConfig(POLICIES);
        pack.receive(config, { announce: false });
        pack.check();
        assert.strictEqual(pack.levelOf(byId("icp-domain-unfiled")), "advisory");
    });

    it("refuses options under `all` (the engine applies them to no policy), naming the policy that reads each", () => {
        const { config } = policyConfigFromDocument({ all: { enforcementLevel: "advisory", mainlandCidrs: ["47.96.0.0/16"] } }, POLICIES, "c.json");
        const pack = new PackConfig(POLICIES);
        pack.receive(config, { announce: false });
        assert.throws(() => pack.check(), /"all" sets only the enforcement level of every policy; the engine applies its options to no policy: put "mainlandCidrs" \(read by "icp-binding-undecidable"\) under the policy that reads it/);
        assert.throws(() => policyConfigFromDocument({ all: { mainlandCidrs: [] } }, POLICIES, "c.json"), /the engine refuses an entry without enforcementLevel/);
    });

    it("refuses rule codes with the policy id to use instead", () => {
        const { config } = policyConfigFromDocument({ ICP001: "disabled", icp008: { enforcementLevel: "advisory" } }, POLICIES, "c.json");
        const pack = new PackConfig(POLICIES);
        pack.receive(config, { announce: false });
        assert.throws(() => pack.check(), (error: Error) => {
            assert.match(error.message, /"ICP001" is a rule code; use "icp-domain-unfiled"/);
            assert.match(error.message, /"icp008" is a rule code; use "icp-tld-not-fileable"/);
            return true;
        });
    });

    it("refuses an undeclared name with options but no level, as the engine's Configure does; drops empty entries with a note", () => {
        assert.throws(() => policyConfigFromDocument({ "icp-domain-unfild": { allowWaivers: false } }, POLICIES, "c.json"), /"icp-domain-unfild" is not an icp-guard policy; did you mean "icp-domain-unfiled"\?; the engine refuses/);
        const { config, notes } = policyConfigFromDocument({ "icp-domain-unfild": {} }, POLICIES, "c.json");
        assert.strictEqual(config.has("icp-domain-unfild"), false);
        assert.match(notes.join("\n"), /"icp-domain-unfild" holds neither a level nor an option, so the engine drops it/);
    });

    it("refuses ESC environments, which check cannot read", () => {
        assert.throws(() => policyConfigFromDocument({ environments: ["org/policy-config"] }, POLICIES, "c.json"), /Pulumi ESC environments/);
    });

    it("accepts the config-only policies the pack declares (icp-filing-registry, icp-endpoint-catalog)", () => {
        const pack = new PackConfig(POLICIES);
        pack.receive(new Map([["icp-filing-registry", { enforcementLevel: "advisory", properties: {} }], ["icp-endpoint-catalog", { enforcementLevel: "advisory", properties: {} }]]), { announce: false });
        pack.check();
        assert.strictEqual(pack.shared.endpoints.catalog, undefined, "an empty entry carries no catalog");
    });

    it("reads the endpoint catalog from icp-endpoint-catalog into the shared settings; a broken one stops every check, with the config's own problems", () => {
        const pack = new PackConfig(POLICIES);
        const catalog = { version: 1, generatedAt: new Date().toISOString(), endpoints: [{ address: "47.97.10.1", product: "EIP (ecs.EipAddress)", type: "alicloud:ecs/eipAddress:EipAddress", name: "e", network: "public", location: "mainland", region: "cn-hangzhou", because: "b", access: "alibaba", source: { stack: "a/b/c" } }] };
        pack.receive(new Map([["icp-endpoint-catalog", { enforcementLevel: "advisory", properties: catalog }]]), { announce: false });
        pack.check();
        assert.strictEqual(pack.shared.endpoints.catalog?.lookup("47.97.10.1")?.name, "e");
        pack.receive(new Map([["icp-endpoint-catalog", { enforcementLevel: "advisory", properties: { ...catalog, endpoints: [{ ...catalog.endpoints[0], region: "hangzhou" }] } }], ["icp-hollow-filling", { enforcementLevel: "advisory", properties: {} }]]), { announce: false });
        assert.throws(() => pack.check(), (error: Error) => {
            assert.ok(error instanceof PolicyConfigProblem);
            assert.match(error.message, /"icp-hollow-filling" is not an icp-guard policy/);
            assert.match(error.message, /\nicp-guard: the endpoint catalog in the policy config "icp-endpoint-catalog" is invalid.*\n  - endpoints\[0\]\.region: "hangzhou" is not an Alibaba Cloud region ID/s);
            return true;
        });
    });

    it("the carriers' configured level never changes a rule's level", () => {
        const { config, notes } = policyConfigFromDocument({ "icp-resource-analysis": "disabled", "icp-stack-analysis": { enforcementLevel: "disabled" } }, POLICIES, "c.json");
        const pack = new PackConfig(POLICIES);
        pack.receive(config, { announce: false });
        pack.check();
        assert.strictEqual(pack.levelOf(byId("icp-domain-unfiled")), "mandatory");
        assert.strictEqual(notes.length, 2);
        assert.match(notes[0], /has no effect/);
    });

    it("reports every malformed entry at once, each by name", () => {
        const { problems } = parsePolicyPackConfig({ all: "strict", "icp-domain-unfiled": 7, "icp-hollow-filing": { enforcementLevel: "off" }, environments: ["x"] });
        assert.strictEqual(problems.length, 3, problems.join("\n"));
        assert.match(problems.join("\n"), /"all" has enforcement level "strict"/);
        assert.match(problems.join("\n"), /"icp-domain-unfiled" must be an enforcement level or an object/);
        assert.match(problems.join("\n"), /"icp-hollow-filing" has enforcement level "off"/);
        assert.deepStrictEqual(parsePolicyPackConfig([]).problems.length, 1);
        assert.deepStrictEqual(parsePolicyPackConfig(null).problems, [], "the engine reads null as no config");
    });

    it("remediate runs as mandatory", () => {
        const pack = new PackConfig(POLICIES);
        pack.receive(policyConfigFromDocument({ all: "remediate" }, POLICIES, "c.json").config, { announce: false });
        assert.strictEqual(pack.levelOf(byId("icp-hollow-filing")), "mandatory");
    });
});
