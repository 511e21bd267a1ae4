/**
 * A stand-in for the `pulumi` CLI in the CI recipe tests (the CLI cannot be installed here):
 * `pulumi preview --stack <s> --policy-pack <dir>… [--policy-pack-config <f>] [--json] [--show-sames]`.
 *
 * The program's preview is a recorded `pulumi preview --json --show-sames` of it
 * ($ICP_GUARD_TEST_PREVIEW). Like the engine, the stand-in starts each policy pack exactly as the CLI
 * does (tools/engine-client.ts: `run-policy-pack` from the pack's own node_modules, port on the first
 * stdout line), sends ConfigureStack, Configure, Analyze for every resource's inputs and — when no
 * mandatory violation was reported per resource — AnalyzeStack with outputs and dependencies
 * (pulumi/pulumi pkg/resource/deploy: stack analysis runs after a successful step generation).
 * Without --show-sames, unchanged steps are left out of the JSON, as Pulumi's JSON display does.
 * Violations go to stderr; the exit code is ExitPolicyViolation (5) when a mandatory one was found
 * (pulumi/pulumi sdk/go/common/util/cmdutil/exit.go at 1b5949891b3cefcb9974752b24a5ecef0acc86c8).
 */
import * as fs from "fs";
import * as path from "path";
import { Diagnostic, PackProcess, PolicyPackConfig } from "../../../tools/engine-client";
import { engineRequests } from "../../../tools/examples";
import type { Recorded } from "../../../tools/record-program";

type Preview = { config?: Record<string, string>; steps: { op: string; urn: string; newState?: Recorded }[] };

async function preview(args: readonly string[]): Promise<number> {
    const values = (flag: string) => args.flatMap((arg, index) => (arg === flag && index + 1 < args.length ? [args[index + 1]] : []));
    const stack = values("--stack")[0];
    if (!stack) throw new Error("error: no stack selected (--stack)");
    const recorded = JSON.parse(fs.readFileSync(process.env["ICP_GUARD_TEST_PREVIEW"] ?? "", "utf8")) as Preview;
    // What the engine holds for each resource, which the JSON display leaves out: a step created in
    // this preview has no `outputs` in the JSON (omitempty), but the engine's state has the outputs
    // the provider's Create returned with Preview set (pkg/resource/deploy/step.go CreateStep.Apply at
    // 1b5949891b3cefcb9974752b24a5ecef0acc86c8): the inputs, with computed values unknown. AnalyzeStack
    // is sent those.
    const live = {
        config: recorded.config ?? {},
        steps: recorded.steps
            .filter((step) => step.newState !== undefined)
            .map((step) => ({ urn: step.urn, newState: { ...step.newState!, outputs: step.newState!.outputs ?? step.newState!.inputs ?? {} } as Recorded })),
    };
    const { analyze, stack: stackRequest } = engineRequests(live);
    const configFile = values("--policy-pack-config")[0];
    const packConfig = configFile ? (JSON.parse(fs.readFileSync(configFile, "utf8")) as PolicyPackConfig) : {};
    const [, project = "project", stackName = stack] = stack.split("/");
    let mandatory = 0;
    for (const dir of values("--policy-pack")) {
        const pack = await PackProcess.start(path.resolve(dir), { env: { PULUMI_CONFIG: JSON.stringify(live.config) } });
        try {
            await pack.configureStack({ stack: stackName, project, dryRun: true, config: live.config });
            await pack.configure(await pack.getAnalyzerInfo(), packConfig);
            const report = (diagnostic: Diagnostic) => {
                if (diagnostic.enforcementLevel === "mandatory") mandatory++;
                process.stderr.write(`    [${diagnostic.enforcementLevel}]  ${diagnostic.policyName}  (${diagnostic.urn})\n    ${diagnostic.message.split("\n").join("\n    ")}\n`);
            };
            let resourceMandatory = 0;
            for (const request of analyze) {
                for (const diagnostic of await pack.analyze(request)) {
                    if (diagnostic.enforcementLevel === "mandatory") resourceMandatory++;
                    report(diagnostic);
                }
            }
            if (resourceMandatory === 0) for (const diagnostic of await pack.analyzeStack(stackRequest)) report(diagnostic);
        } finally {
            await pack.close();
        }
    }
    if (args.includes("--json")) {
        const steps = args.includes("--show-sames") ? recorded.steps : recorded.steps.filter((step) => step.op !== "same");
        process.stdout.write(`${JSON.stringify({ ...recorded, steps }, null, 4)}\n`);
    }
    if (mandatory > 0) process.stderr.write(`error: preview failed: ${mandatory} mandatory policy violation(s)\n`);
    return mandatory > 0 ? 5 : 0;
}

/**
 * `pulumi policy validate-config <org>/<pack> <version> --config <file>` and `pulumi policy enable
 * <org>/<pack> <version> [--policy-group <group>] --config <file>` (pulumi/pulumi
 * pkg/cmd/pulumi/policy/policy_enable.go and policy_validate.go at 1b5949891b3cefcb9974752b24a5ecef0acc86c8:
 * the config file is read as JSON, an object keyed by policy name, and sent to Pulumi Cloud with the
 * pack's name and version). The stand-in reads the file as
 * the CLI does and appends what Pulumi Cloud would receive to $ICP_GUARD_TEST_PULUMI_LOG (one JSON
 * line per command); it does not hold the config to the pack's schema, which Pulumi Cloud does.
 */
function policy(args: readonly string[]): number {
    const [command, pack, version] = args;
    const flag = (name: string) => {
        const index = args.indexOf(name);
        return index >= 0 && index + 1 < args.length ? args[index + 1] : undefined;
    };
    if (!pack || !/^[^/]+\/[^/]+$/.test(pack) || !version) throw new Error(`error: usage: pulumi policy ${command} <org-name>/<policy-pack-name> <version>`);
    const configFile = flag("--config");
    const config = configFile === undefined ? undefined : (JSON.parse(fs.readFileSync(configFile, "utf8")) as unknown);
    if (configFile !== undefined && (config === null || typeof config !== "object" || Array.isArray(config))) throw new Error(`error: ${configFile}: the policy pack config must be a JSON object`);
    const entry = { command, pack, version, policyGroup: flag("--policy-group"), config };
    if (process.env["ICP_GUARD_TEST_PULUMI_LOG"]) fs.appendFileSync(process.env["ICP_GUARD_TEST_PULUMI_LOG"], `${JSON.stringify(entry)}\n`);
    process.stdout.write(command === "enable" ? `Enabled policy pack ${pack} ${version}\n` : `Policy pack configuration is valid\n`);
    return 0;
}

async function main(args: readonly string[]): Promise<number> {
    if (args[0] === "version") {
        process.stdout.write("v3.248.0\n");
        return 0;
    }
    if (args[0] === "preview") return preview(args.slice(1));
    if (args[0] === "policy" && (args[1] === "validate-config" || args[1] === "enable")) return policy(args.slice(1));
    process.stderr.write(`pulumi stand-in: "${args.join(" ")}" is not something the CI recipes run\n`);
    return 2;
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
        process.stderr.write(`${error.message}\n`);
        process.exit(1);
    },
);
