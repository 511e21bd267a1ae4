/**
 * Property-based robustness of the Terraform front end: plans whose values, masks, expressions,
 * provider configurations and variables are anything JSON can hold, and raw states whose resources,
 * instances, keys, providers and attributes are, are either read or refused with an InputFileError
 * (never another exception), alone or several at once, and the rules over what is read never fail
 * with an internal error. Seeded and bounded in `npm test`; `npm run fuzz` runs it deeper.
 */
import * as assert from "assert";
import * as fc from "fast-check";
import { POLICIES } from "../policies";
import { parseTerraformJson } from "../lib/inputs/terraform/read";
import { InputFileError } from "../lib/inputs/pulumi-file";
import { TERRAFORM_TYPES } from "../lib/inputs/terraform/mapping";
import { runAll } from "../lib/kit/runner";
import { PackConfig } from "../lib/kit/config";
import { WaiverBook } from "../lib/model/waivers";
import { testRegistry } from "./helpers/fixtures";
import { terraformPlan } from "./helpers/terraform-plan";
import { terraformState } from "./helpers/terraform-state";
import { combineInputs } from "../lib/inputs/load";
import { fuzzRuns, fuzzSeed } from "./fuzz-support";

const types = Object.keys(TERRAFORM_TYPES);
const json = fc.jsonValue({ maxDepth: 4 });
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const attributes = fc.dictionary(fc.constantFrom("domain_name", "domain", "scope", "rr", "type", "value", "records", "rule_conditions", "tags", "name", "content", "proxied", "region", "x_y"), json, { maxKeys: 6 });
const references = fc.array(fc.oneof(fc.string(), fc.constantFrom("count.index", "each.key", "var.region", "module.app", 'module.app["a"].out', "alicloud_eip_address.web[0].ip_address", "alicloud_eip_address.web", "local.x", "[", "a.b[")), { maxLength: 4 });
const expression = fc.oneof(fc.record({ constant_value: json }), fc.record({ references }), json);

const resource = fc.record({
    type: fc.oneof(fc.constantFrom(...types), fc.constantFrom("aws_lb", "random_string", "")),
    name: fc.constantFrom("web", "app", "x"),
    module: maybe(fc.constantFrom("module.app", 'module.app["a"]', "module.app[0].module.b", "module.")),
    index: maybe(fc.oneof(fc.nat(3), fc.constantFrom("a", "b"))),
    values: attributes,
    unknown: maybe(fc.oneof(attributes, fc.dictionary(fc.constantFrom("domain_name", "value", "scope", "rule_conditions"), fc.oneof(fc.constant(true), json)))),
    sensitive: maybe(fc.dictionary(fc.constantFrom("domain_name", "value", "rr"), json)),
    expressions: maybe(fc.dictionary(fc.constantFrom("domain_name", "domain", "value", "rr", "rule_conditions"), expression)),
    providerKey: maybe(fc.constantFrom("alicloud", "alicloud.hk", "module.app:alicloud", "nope:", "")),
    actions: maybe(fc.constantFrom(["create"], ["delete"], ["delete", "create"], ["no-op"], ["forget"])),
});

const plan = fc.record({
    resources: fc.array(resource, { maxLength: 6 }),
    providerConfig: maybe(fc.dictionary(fc.constantFrom("alicloud", "alicloud.hk", "module.app:alicloud"), fc.oneof(fc.record({ expressions: fc.record({ region: expression }) }), json))),
    variables: maybe(fc.dictionary(fc.constantFrom("region", "x"), fc.oneof(fc.record({ value: json }), json))),
    modules: maybe(fc.constantFrom({ "module.app": { source: "./app", expressions: { region: { references: ["var.region"] } }, outputs: { out: { expression: { references: ["alicloud_eip_address.web"] } } } } })),
});

describe("Terraform front end under arbitrary plans (property-based)", function () {
    this.timeout(120_000);

    it("reads or refuses any plan, and the rules never fail on what it reads", () => {
        fc.assert(
            fc.property(plan, (spec) => {
                let document: Record<string, unknown>;
                try {
                    document = terraformPlan(spec as Parameters<typeof terraformPlan>[0]);
                } catch {
                    return; // the test builder's own limits, not the adapter's
                }
                let input;
                try {
                    input = parseTerraformJson(document, "fuzz.json");
                } catch (error) {
                    assert.ok(error instanceof InputFileError, `not an InputFileError: ${(error as Error).stack}`);
                    return;
                }
                const config = new PackConfig(POLICIES);
                const findings = runAll(POLICIES, input.resources, input.stack, { registry: testRegistry, regions: {}, config, waivers: new WaiverBook([]) });
                assert.deepStrictEqual(findings.filter((f) => f.finding.messageId === "internalError").map((f) => f.finding.message), []);
            }),
            { numRuns: fuzzRuns(150), seed: fuzzSeed(1414) },
        );
    });

    it("refuses any JSON value at the plan's top-level fields with an InputFileError", () => {
        fc.assert(
            fc.property(fc.dictionary(fc.constantFrom("planned_values", "resource_changes", "configuration", "variables", "values", "prior_state"), json), (fields) => {
                try {
                    parseTerraformJson({ format_version: "1.2", ...fields }, "fuzz.json");
                } catch (error) {
                    assert.ok(error instanceof InputFileError, `not an InputFileError: ${(error as Error).stack}`);
                }
            }),
            { numRuns: fuzzRuns(300), seed: fuzzSeed(1415) },
        );
    });

    const stateInstance = fc.record({
        indexKey: maybe(fc.oneof(fc.nat(3), fc.constantFrom("a", "b"))),
        attributes: fc.dictionary(fc.constantFrom("id", "domain_name", "rr", "type", "value", "address", "ip_address", "master_zone_id", "availability_zone", "zone_id", "zone_mappings", "dns_name", "current", "ids"), json, { maxKeys: 6 }),
        sensitive: maybe(fc.array(fc.constantFrom("domain_name", "value", "master_zone_id"), { maxLength: 2 })),
        dependencies: maybe(fc.array(fc.constantFrom("alicloud_eip_address.web", "data.alicloud_zones.default", "module.app.alicloud_instance.web", "nonsense["), { maxLength: 3 })),
        deposed: maybe(fc.constantFrom("00000001")),
        tainted: maybe(fc.boolean()),
    });
    const state = fc.record({
        lineage: maybe(fc.constantFrom("l1", "l2")),
        resources: fc.array(
            fc.record({
                module: maybe(fc.constantFrom("module.app", 'module.app["a"]', "module.app[0].module.b")),
                mode: maybe(fc.constantFrom("managed" as const, "data" as const)),
                type: fc.oneof(fc.constantFrom(...types), fc.constantFrom("alicloud_zones", "alicloud_regions", "random_string")),
                name: fc.constantFrom("web", "default", "current"),
                providerAlias: maybe(fc.constantFrom("hk", "sg")),
                instances: fc.array(stateInstance, { maxLength: 3 }),
            }),
            { maxLength: 6 },
        ),
    });

    it("reads or refuses any raw state, alone or several together, and the rules never fail on what it reads", () => {
        fc.assert(
            fc.property(fc.array(state, { minLength: 1, maxLength: 3 }), (specs) => {
                const texts = specs.map((spec, index) => ({ name: `s${index}.tfstate`, text: JSON.stringify(terraformState(spec as Parameters<typeof terraformState>[0])) }));
                let input;
                try {
                    input = combineInputs(texts, process.cwd(), { partial: true });
                } catch (error) {
                    assert.ok(error instanceof InputFileError, `not an InputFileError: ${(error as Error).stack}`);
                    return;
                }
                const config = new PackConfig(POLICIES);
                const findings = runAll(POLICIES, input.resources, input.stack, { registry: testRegistry, regions: {}, config, waivers: new WaiverBook([]) });
                assert.deepStrictEqual(findings.filter((f) => f.finding.messageId === "internalError").map((f) => f.finding.message), []);
            }),
            { numRuns: fuzzRuns(150), seed: fuzzSeed(1416) },
        );
    });

    it("refuses any JSON value at a raw state's fields with an InputFileError", () => {
        const field = fc.constantFrom("resources", "lineage", "serial", "terraform_version", "outputs");
        const resourceField = fc.constantFrom("module", "mode", "type", "name", "provider", "instances", "each");
        const instanceField = fc.constantFrom("index_key", "attributes", "attributes_flat", "sensitive_attributes", "dependencies", "deposed", "status");
        fc.assert(
            fc.property(fc.dictionary(field, json), fc.dictionary(resourceField, json), fc.dictionary(instanceField, json), (top, resourceFields, instanceFields) => {
                const resource = { mode: "managed", type: "alicloud_eip_address", name: "web", provider: 'provider["registry.terraform.io/aliyun/alicloud"]', instances: [{ schema_version: 0, attributes: {}, ...instanceFields }], ...resourceFields };
                for (const document of [{ version: 4, ...top }, { version: 4, lineage: "x", resources: [resource] }]) {
                    try {
                        parseTerraformJson(document, "fuzz.tfstate");
                    } catch (error) {
                        assert.ok(error instanceof InputFileError, `not an InputFileError: ${(error as Error).stack}`);
                    }
                }
            }),
            { numRuns: fuzzRuns(300), seed: fuzzSeed(1417) },
        );
    });
});
