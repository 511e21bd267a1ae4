/**
 * The example programs as real programs: each runs under Pulumi's mock runtime with a monitor
 * that records what the engine would receive (tools/record-program.ts), the requests go to the
 * built pack over gRPC, and the findings must be exactly the verdict its README states.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { engineRequests, expectedFindings, listExamples, recordExample, runExample } from "../../tools/examples";
import { isCantRunDiagnostic } from "../../tools/engine-client";
import { UNKNOWN } from "../../lib/model/values";

describe("e2e: example programs under the mock runtime", function () {
    this.timeout(180_000);
    const examples = listExamples();

    it("there are at least five, each a Pulumi project with index.ts, package.json and a README", () => {
        assert.ok(examples.length >= 5, examples.map((e) => e.name).join(", "));
        for (const example of examples) {
            for (const file of ["Pulumi.yaml", "package.json", "index.ts", "README.md"]) assert.ok(fs.existsSync(path.join(example.dir, file)), `${example.name}/${file}`);
        }
    });

    for (const example of examples) {
        describe(example.name, () => {
            it("records what the engine receives: providers, unknown outputs and property dependencies", () => {
                const { analyze, stack } = engineRequests(recordExample(example));
                assert.ok(analyze.some((r) => r.type === "pulumi:providers:alicloud"), "a default or explicit alicloud provider");
                assert.ok(analyze.filter((r) => r.type.startsWith("alicloud:")).every((r) => r.provider?.type === "pulumi:providers:alicloud"), "every alicloud resource has its provider");
                assert.ok(stack.some((r) => Object.values(r.props).includes(UNKNOWN)), "preview outputs include unknowns");
                assert.ok(stack.some((r) => Object.keys(r.propertyDependencies ?? {}).length > 0), "property dependencies are recorded");
            });

            it("gets exactly the verdict its README states, with no can't-run diagnostic", async () => {
                const findings = await runExample(example);
                assert.ok(!findings.some((f) => isCantRunDiagnostic(f.diagnostic)));
                const actual = findings.map((f) => ({ level: f.diagnostic.enforcementLevel as string, policy: f.diagnostic.policyName, resource: f.resource }));
                const sort = (rows: { level: string; policy: string; resource: string }[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
                assert.deepStrictEqual(sort(actual), sort(expectedFindings(example)), findings.map((f) => f.diagnostic.message).join("\n---\n"));
            });
        });
    }
});
