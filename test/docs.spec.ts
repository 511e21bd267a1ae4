/**
 * Docs as code: every policy has its page, the page's summary equals the policy's description,
 * and the README's policy table agrees with the code (code, id, level, severity, options).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { POLICIES, RETIRED_CODES } from "../policies";

const ROOT = path.resolve(__dirname, "..", "..");

describe("docs and metadata", () => {
    it("policy codes are unique, dense and never reused", () => {
        const codes = [...POLICIES.map((p) => p.code), ...RETIRED_CODES].sort();
        codes.forEach((code, index) => assert.strictEqual(code, `ICP${String(index + 1).padStart(3, "0")}`));
        assert.deepStrictEqual(POLICIES.map((p) => p.code), [...POLICIES.map((p) => p.code)].sort(), "policies/index.ts is sorted by code");
    });

    for (const policy of POLICIES) {
        describe(policy.id, () => {
            const page = path.join(ROOT, "docs", "policies", `${policy.id}.md`);
            it("has a docs page that its url points to", () => {
                assert.ok(fs.existsSync(page), `missing ${page}`);
                assert.ok(policy.url.endsWith(`/docs/policies/${policy.id}.md`));
            });
            it("page title, summary and level match the code", () => {
                const text = fs.readFileSync(page, "utf8");
                assert.ok(text.startsWith(`# ${policy.id} (${policy.code})\n`), "title");
                assert.ok(text.includes(`> ${policy.description}\n`), "summary quotes the description");
                assert.ok(text.includes(`Default level: **${policy.defaultLevel}** · Severity: **${policy.severity}**`), "level and severity");
                for (const heading of ["## Rule Details", "## Why", "## Examples", "## Options", "## How to fix"]) assert.ok(text.includes(heading), heading);
                for (const option of Object.keys(policy.configSchema.properties)) assert.ok(text.includes(`\`${option}\``), `option ${option} documented`);
            });
            it("metadata is complete", () => {
                assert.match(policy.id, /^icp-[a-z0-9-]+$/);
                assert.ok(policy.description.length > 40 && policy.remediationSteps.length > 40);
                assert.ok(policy.tags.length > 0);
                assert.ok(policy.runResource || policy.runStack, "has a check");
            });
        });
    }

    it("README policy table matches the code", () => {
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        const table = readme.split("<!-- policy-table:start -->")[1].split("<!-- policy-table:end -->")[0];
        const rows = table.trim().split("\n").slice(2).map((row) => row.split("|").slice(1, -1).map((cell) => cell.trim()));
        const expected = POLICIES.map((p) => {
            const options = Object.keys(p.configSchema.properties);
            return [p.code, `[\`${p.id}\`](docs/policies/${p.id}.md)`, p.defaultLevel, p.severity, options.length ? options.map((o) => `\`${o}\``).join(", ") : "—"];
        });
        assert.deepStrictEqual(rows, expected);
    });
});
