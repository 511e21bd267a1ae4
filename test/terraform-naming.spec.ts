/**
 * A Terraform user reads Terraform's names in every report: `alicloud_cdn_domain_new` and
 * `domain_name`, `scope = "overseas"`, addresses rather than `terraform::` URNs — never Pulumi's
 * `cdn.DomainNew`, `ecs.EipAddress` or `domainName` — in every format of `check` and `domains`.
 * (Each policy's table runs every case through a Terraform twin with the same assertion on the
 * findings: test/helpers/rule-tester.ts.)
 */
import * as assert from "assert";
import * as path from "path";
import { main } from "../cli/icp-guard";
import { EXAMPLES_DIR, EXAMPLES_REGISTRY } from "../tools/examples";

const PLAN = path.join(EXAMPLES_DIR, "terraform", "plan.json");
const ENV = { ICP_GUARD_FILINGS: EXAMPLES_REGISTRY } as NodeJS.ProcessEnv;

/** icp-guard's own registry fields and policy options: the same words in a Terraform user's files. */
const NEUTRAL = new Set(["accessProviders", "filedOn", "allowWaivers", "alsoRequireAlibabaFor", "filingHosts", "knownMainlandRegions", "mainlandCidrs", "mainlandHostnameSuffixes", "tagKey", "webPorts"]);

/** The text people read in a JSON report: every string value but message ids (keys are the format's own). */
function jsonText(value: unknown, key = ""): string {
    if (typeof value === "string") return key === "messageId" ? "" : `${value}\n`;
    if (Array.isArray(value)) return value.map((item) => jsonText(item)).join("");
    if (value && typeof value === "object") return Object.entries(value).map(([k, item]) => jsonText(item, k)).join("");
    return "";
}

function pulumiNames(text: string): string[] {
    const withoutUrls = text.replace(/https?:\/\/\S+/g, "");
    const types = withoutUrls.match(/\b[a-z][a-z0-9]*\.[A-Z][A-Za-z0-9]*\b/g) ?? [];
    const properties = (withoutUrls.match(/\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/g) ?? []).filter((word) => !NEUTRAL.has(word));
    return [...types, ...properties, ...(withoutUrls.includes("terraform::") ? ["terraform::"] : [])];
}

describe("Terraform names in every report of a Terraform plan", () => {
    for (const format of ["text", "json", "sarif", "junit", "markdown", "github"]) {
        it(`check --format ${format}`, async () => {
            const result = await main(["check", PLAN, "--format", format], ENV);
            assert.strictEqual(result.code, 1, result.stderr);
            // SARIF's rule descriptions are the policies' documentation, written for both front ends; the results are the findings.
            const text = format === "sarif" ? jsonText(JSON.parse(result.stdout).runs[0].results) : format === "json" ? jsonText(JSON.parse(result.stdout)) : result.stdout;
            assert.deepStrictEqual(pulumiNames(text), [], text);
            assert.match(text, /alicloud_cdn_domain_new/);
            assert.match(text, /domain_name/);
            if (format === "text") assert.match(text, /set scope = "overseas"/);
        });
    }

    it("JSON findings identify resources by address and Terraform type", async () => {
        const findings = JSON.parse((await main(["check", PLAN, "--format", "json"], ENV)).stdout).findings as Record<string, unknown>[];
        assert.ok(findings.length > 0);
        for (const finding of findings) {
            assert.ok(!("urn" in finding), JSON.stringify(finding));
            assert.match(String(finding["address"]), /(^|\.)alicloud_[a-z_]+\.[a-z_]+$/);
            assert.match(String(finding["type"]), /^alicloud_[a-z_]+$/);
        }
    });

    for (const format of ["text", "json", "markdown", "yaml"]) {
        it(`domains --format ${format}`, async () => {
            const result = await main(["domains", PLAN, "--format", format], ENV);
            assert.strictEqual(result.code, 0, result.stderr);
            const text = format === "json" ? jsonText(JSON.parse(result.stdout)) : result.stdout;
            assert.deepStrictEqual(pulumiNames(text), [], text);
            assert.match(result.stdout, /alicloud_cdn_domain_new/);
        });
    }
});
