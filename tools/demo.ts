/**
 * `npm run demo`: runs every example program (examples/*) the way the engine would — recorded under
 * Pulumi's mock runtime, then sent to the built pack started exactly as the engine starts it — and
 * prints the findings as `pulumi preview --policy-pack` shows them. No Pulumi CLI, no credentials,
 * no network.
 */
import * as path from "path";
import { EXAMPLES_DIR, EXAMPLES_REGISTRY, listExamples, REPO_DIR, runExample } from "./examples";
import { main as cli } from "../cli/icp-guard";

/** The demo's output, line by line (README's demo block is an excerpt of it, kept in sync by test/readme-demo.spec.ts). */
export async function demoLines(): Promise<string[]> {
    const out: string[] = [];
    const console = { log: (text = "") => out.push(...text.split("\n")) };
    const examples = listExamples();
    console.log(`icp-guard demo: ${examples.length} example programs, previewed against the built pack`);
    console.log(`registry: ${path.relative(process.cwd(), EXAMPLES_REGISTRY)}\n`);
    let mandatoryTotal = 0;
    let advisoryTotal = 0;
    const summary: string[] = [];
    for (const example of examples) {
        const findings = await runExample(example);
        const mandatory = findings.filter((f) => f.diagnostic.enforcementLevel === "mandatory").length;
        mandatoryTotal += mandatory;
        advisoryTotal += findings.length - mandatory;
        console.log(`── examples/${example.name}: ${example.description}`);
        console.log(`   Policies:`);
        console.log(`       ${mandatory > 0 ? "❌" : "✅"} icp-guard (local: ${path.relative(process.cwd(), REPO_DIR) || "."})`);
        for (const { resource, type, diagnostic } of findings) {
            console.log(`           - [${diagnostic.enforcementLevel}]  ${diagnostic.policyName}  (${type ? `${type}: ` : ""}${resource})`);
            for (const line of diagnostic.message.split("\n")) console.log(`             ${line}`);
        }
        if (findings.length === 0) console.log("           no findings");
        console.log("");
        summary.push(`  ${mandatory > 0 ? "blocked " : "passes  "} examples/${example.name}: ${mandatory} mandatory, ${findings.length - mandatory} advisory`);
    }
    // The Terraform example: the same rules over `terraform show -json` of a plan.
    const terraform = path.join(EXAMPLES_DIR, "terraform");
    const result = await cli(["check", path.join(terraform, "plan.json"), "--source-root", terraform, "--format", "json"], { ...process.env, ICP_GUARD_FILINGS: EXAMPLES_REGISTRY });
    const terraformFindings = (JSON.parse(result.stdout) as { findings: { level: string; policy: string; name: string; message: string }[] }).findings;
    const terraformMandatory = terraformFindings.filter((f) => f.level === "mandatory").length;
    mandatoryTotal += terraformMandatory;
    advisoryTotal += terraformFindings.length - terraformMandatory;
    console.log("── examples/terraform: a Terraform plan (terraform show -json) checked with `icp-guard check plan.json`");
    console.log(`   Policies:`);
    console.log(`       ${terraformMandatory > 0 ? "❌" : "✅"} icp-guard (local: ${path.relative(process.cwd(), REPO_DIR) || "."})`);
    for (const finding of terraformFindings) {
        console.log(`           - [${finding.level}]  ${finding.policy}  (${finding.name})`);
        for (const line of finding.message.split("\n")) console.log(`             ${line}`);
    }
    if (terraformFindings.length === 0) console.log("           no findings");
    console.log("");
    summary.push(`  ${terraformMandatory > 0 ? "blocked " : "passes  "} examples/terraform: ${terraformMandatory} mandatory, ${terraformFindings.length - terraformMandatory} advisory`);
    console.log("Summary:");
    for (const line of summary) console.log(line);
    console.log(`  total: ${mandatoryTotal} mandatory, ${advisoryTotal} advisory. A mandatory finding fails \`pulumi preview\` (and \`icp-guard check\` of a Terraform plan exits 1) before anything changes.`);
    return out;
}

if (require.main === module) {
    demoLines().then(
        (lines) => process.stdout.write(`${lines.join("\n")}\n`),
        (error: unknown) => {
            console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
            if (error && typeof error === "object" && "stderr" in error) console.error(String((error as { stderr: string }).stderr));
            process.exit(1);
        },
    );
}
