/**
 * examples/terraform: `icp-guard check plan.json` gives exactly the verdict its README states, and
 * the plan matches its configuration (every resource is found in the .tf files with --source-root,
 * so the SARIF results point at real blocks).
 */
import * as assert from "assert";
import * as path from "path";
import { main } from "../cli/icp-guard";
import { EXAMPLES_DIR, EXAMPLES_REGISTRY, expectedFindings } from "../tools/examples";

const DIR = path.join(EXAMPLES_DIR, "terraform");
const PLAN = path.join(DIR, "plan.json");
const ENV = { ICP_GUARD_FILINGS: EXAMPLES_REGISTRY } as NodeJS.ProcessEnv;

describe("examples/terraform", () => {
    it("gets exactly the verdict its README states", async () => {
        const result = await main(["check", PLAN, "--format", "json"], ENV);
        const findings = (JSON.parse(result.stdout) as { findings: { level: string; policy: string; name: string; message: string }[] }).findings;
        const sort = (list: { level: string; policy: string; resource: string }[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
        const actual = findings.map((f) => ({ level: f.level, policy: f.policy, resource: f.name }));
        const expected = expectedFindings({ name: "terraform", dir: DIR, description: "", config: {} });
        assert.ok(expected.length > 0);
        assert.deepStrictEqual(sort(actual), sort(expected), findings.map((f) => f.message).join("\n---\n"));
        assert.strictEqual(result.code, expected.some((f) => f.level === "mandatory") ? 1 : 0);
    });

    it("points every SARIF result at its block in the .tf files", async () => {
        const result = await main(["check", PLAN, "--format", "sarif", "--source-root", DIR], ENV);
        const results = JSON.parse(result.stdout).runs[0].results as { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
        assert.ok(results.length > 0);
        for (const sarifResult of results) {
            const location = sarifResult.locations[0].physicalLocation;
            assert.match(location.artifactLocation.uri, /\.tf$/);
            assert.ok(location.region.startLine > 1);
        }
    });

    it("annotates the .tf lines in GitHub workflow commands", async () => {
        const result = await main(["check", PLAN, "--format", "github", "--source-root", DIR], ENV);
        const lines = result.stdout.trim().split("\n");
        assert.strictEqual(lines.length, 2);
        for (const line of lines) assert.match(line, /^::error file=[^,]*\.tf,line=\d+(,col=\d+)?,title=/);
    });
});
