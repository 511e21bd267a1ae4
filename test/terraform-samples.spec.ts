/**
 * The corpus of Terraform files under test/fixtures/terraform/: real output of Terraform from
 * public repositories, and states hand-made from real public configurations, each directory with
 * its provenance (PROVENANCE.md) and the verdict stated for every run (verdicts.json). Every run
 * must give exactly its stated exit code and summary, or its stated error: never a crash.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { main } from "../cli/icp-guard";

const CORPUS = path.resolve(__dirname, "..", "..", "test", "fixtures", "terraform");

interface Run {
    /** Input files, relative to the sample's directory, in the order given to `check`. */
    readonly files: readonly string[];
    readonly exit: 0 | 1 | 2;
    readonly mandatory?: number;
    readonly advisory?: number;
    readonly resources?: number;
    /** Findings per policy id (only the policies listed are compared). */
    readonly policies?: Readonly<Record<string, number>>;
    /** Patterns every one of which some finding's message must match. */
    readonly messages?: readonly string[];
    /** Patterns no finding's message may match. */
    readonly absent?: readonly string[];
    /** The error `check` prints (exit 2). */
    readonly error?: string;
    /** A registry file relative to the sample's directory (default: none). */
    readonly filings?: string;
    readonly args?: readonly string[];
    readonly env?: Readonly<Record<string, string>>;
    readonly because?: string;
}

interface Finding {
    readonly policy: string;
    readonly level: string;
    readonly message: string;
}

const samples = fs.readdirSync(CORPUS).filter((name) => fs.existsSync(path.join(CORPUS, name, "verdicts.json")));

describe("Terraform corpus (test/fixtures/terraform): the stated verdict of every real or real-derived file", () => {
    it("has samples, each with its provenance", () => {
        assert.ok(samples.length >= 2, `samples: ${samples.join(", ")}`);
        for (const sample of samples) assert.ok(fs.existsSync(path.join(CORPUS, sample, "PROVENANCE.md")), `${sample} has no PROVENANCE.md`);
    });

    for (const sample of samples) {
        const directory = path.join(CORPUS, sample);
        const { runs } = JSON.parse(fs.readFileSync(path.join(directory, "verdicts.json"), "utf8")) as { runs: readonly Run[] };
        describe(sample, () => {
            for (const run of runs) {
                it(`check ${run.files.join(" ")}${run.args?.length ? ` ${run.args.join(" ")}` : ""}${run.filings ? ` --filings ${run.filings}` : ""} → exit ${run.exit}${run.because ? ` (${run.because})` : ""}`, async () => {
                    const env = { ALICLOUD_REGION: undefined, ALIBABA_CLOUD_REGION: undefined, ICP_GUARD_FILINGS: undefined, PULUMI_CONFIG: undefined, ...run.env } as NodeJS.ProcessEnv;
                    // Run from the sample's directory with the names as written, as a user would.
                    const argv = ["check", ...run.files, "--format", "json", ...(run.filings ? ["--filings", run.filings] : []), ...(run.args ?? [])];
                    const result = await main(argv, { env, cwd: directory });
                    assert.strictEqual(result.code, run.exit, `exit ${result.code}: ${result.stderr.slice(0, 2000)}`);
                    if (run.exit === 2) {
                        assert.match(result.stderr, new RegExp(run.error ?? "."));
                        return;
                    }
                    const report = JSON.parse(result.stdout) as { summary: { mandatory: number; advisory: number }; findings: Finding[] };
                    if (run.mandatory !== undefined) assert.strictEqual(report.summary.mandatory, run.mandatory, "mandatory findings");
                    if (run.advisory !== undefined) assert.strictEqual(report.summary.advisory, run.advisory, "advisory findings");
                    if (run.resources !== undefined) assert.match(result.stderr, new RegExp(`\\(${run.resources} resources?\\)`), "resources read");
                    for (const [policy, count] of Object.entries(run.policies ?? {})) {
                        assert.strictEqual(report.findings.filter((finding) => finding.policy === policy).length, count, `${policy} findings`);
                    }
                    for (const pattern of run.messages ?? []) {
                        assert.ok(report.findings.some((finding) => new RegExp(pattern).test(finding.message)), `no finding matches ${pattern}`);
                    }
                    for (const pattern of run.absent ?? []) {
                        const found = report.findings.find((finding) => new RegExp(pattern).test(finding.message));
                        assert.ok(!found, `a finding matches ${pattern}: ${found?.message}`);
                    }
                });
            }
        });
    }
});
