/**
 * `npm run demo`: runs every example program (examples/*) the way the engine would — recorded under
 * Pulumi's mock runtime, then sent to the built pack started exactly as the engine starts it — and
 * prints the findings as `pulumi preview --policy-pack` shows them. No Pulumi CLI, no credentials,
 * no network.
 */
import * as path from "path";
import { EXAMPLES_REGISTRY, listExamples, REPO_DIR, runExample } from "./examples";

async function main(): Promise<void> {
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
    console.log("Summary:");
    for (const line of summary) console.log(line);
    console.log(`  total: ${mandatoryTotal} mandatory, ${advisoryTotal} advisory. A mandatory finding fails \`pulumi preview\` and stops \`pulumi up\` before anything changes.`);
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (error && typeof error === "object" && "stderr" in error) console.error(String((error as { stderr: string }).stderr));
    process.exit(1);
});
