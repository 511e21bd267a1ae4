/**
 * Property-based robustness of the Terraform front end: plans whose values, masks, expressions,
 * provider configurations and variables are anything JSON can hold are either read or refused
 * with an InputFileError (never another exception), and the rules over what is read never fail
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
});
