/**
 * `npm run demo`: runs the built pack, started exactly as the Pulumi engine starts it, over the
 * bundled sample stack (a preview with unknown values), and prints the findings the way
 * `pulumi preview --policy-pack` shows them. No Pulumi CLI, no cloud account, no network.
 */
import * as path from "path";
import { Diagnostic, PackProcess } from "./engine-client";
import { loadFixture } from "./sample-stack";

const packDir = path.resolve(__dirname, "..", "..");
const exampleDir = path.join(packDir, "examples", "sample-stack");

async function main(): Promise<void> {
    const { fixture, analyzeRequests, stackResources } = loadFixture(path.join(exampleDir, "stack.json"));
    const registry = path.join(exampleDir, "icp-filings.yaml");
    console.log(`icp-guard demo: preview of stack "${fixture.project}/${fixture.stack}" (${analyzeRequests.length} resources)`);
    console.log(`registry: ${path.relative(process.cwd(), registry)}\n`);

    const pack = await PackProcess.start(packDir, { env: { ICP_GUARD_FILINGS: registry, PULUMI_CONFIG: undefined, ALICLOUD_REGION: undefined, ALIBABA_CLOUD_REGION: undefined } });
    try {
        await pack.configureStack({ stack: fixture.stack, project: fixture.project, dryRun: true });
        const info = await pack.getAnalyzerInfo();
        await pack.configure(info, {});
        const findings: { resource: string; diagnostic: Diagnostic }[] = [];
        for (const request of analyzeRequests) {
            for (const diagnostic of await pack.analyze(request)) findings.push({ resource: `${request.type}: ${request.name}`, diagnostic });
        }
        const byUrn = new Map(stackResources.map((r) => [r.urn, `${r.type}: ${r.name}`]));
        for (const diagnostic of await pack.analyzeStack(stackResources)) findings.push({ resource: byUrn.get(diagnostic.urn) ?? "stack", diagnostic });

        const mandatory = findings.filter((f) => f.diagnostic.enforcementLevel === "mandatory");
        console.log("Policies:");
        console.log(`    ${mandatory.length > 0 ? "❌" : "✅"} ${info.name}@v${info.version} (local: ${path.relative(process.cwd(), packDir) || "."})`);
        for (const { resource, diagnostic } of findings) {
            console.log(`        - [${diagnostic.enforcementLevel}]  ${diagnostic.policyName}  (${resource})`);
            const [first, ...rest] = diagnostic.message.split("\n");
            console.log(`          ${first}`);
            for (const line of rest) console.log(`          ${line}`);
        }
        const advisory = findings.length - mandatory.length;
        console.log(`\nSummary: ${findings.length} finding(s): ${mandatory.length} mandatory, ${advisory} advisory.`);
        console.log(
            mandatory.length > 0
                ? "With these mandatory violations `pulumi preview` fails and `pulumi up` stops before changing anything."
                : "No mandatory violations: `pulumi up` would proceed.",
        );
    } finally {
        await pack.close();
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (error && typeof error === "object" && "stderr" in error) console.error(String((error as { stderr: string }).stderr));
    process.exit(1);
});
