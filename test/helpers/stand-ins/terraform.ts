/**
 * A stand-in for the `terraform` CLI in the CI recipe tests (it cannot be installed here): the
 * commands the Terraform recipe runs, in the root module's directory.
 * - `terraform init -input=false`: checks there is a configuration (*.tf);
 * - `terraform plan -input=false -out=tfplan`: writes the plan file; the plan is the recorded
 *   `terraform show -json` of this configuration, `plan.json` beside it ($ICP_GUARD_TEST_PLAN wins);
 * - `terraform show -json tfplan`: prints that JSON on stdout (nothing else: no wrapper).
 */
import * as fs from "fs";
import * as path from "path";

function main(args: readonly string[]): number {
    const [command, ...rest] = args;
    const hasConfiguration = fs.readdirSync(process.cwd()).some((file) => file.endsWith(".tf"));
    if (command === "init") {
        if (!hasConfiguration) throw new Error("Terraform initialized in an empty directory!");
        process.stdout.write("\nTerraform has been successfully initialized!\n");
        return 0;
    }
    if (command === "plan") {
        if (!hasConfiguration) throw new Error("Error: No configuration files");
        const out = rest.find((arg) => arg.startsWith("-out="))?.slice("-out=".length);
        if (!out) throw new Error("the CI recipe saves the plan with -out");
        const recorded = process.env["ICP_GUARD_TEST_PLAN"] ?? path.resolve("plan.json");
        fs.writeFileSync(out, JSON.stringify({ standInPlanOf: recorded }));
        process.stdout.write(`\nSaved the plan to: ${out}\n`);
        return 0;
    }
    if (command === "show" && rest[0] === "-json") {
        const planFile = rest[1];
        if (!planFile) throw new Error("the CI recipe shows a saved plan");
        const { standInPlanOf } = JSON.parse(fs.readFileSync(planFile, "utf8")) as { standInPlanOf: string };
        process.stdout.write(fs.readFileSync(standInPlanOf, "utf8"));
        return 0;
    }
    throw new Error(`terraform stand-in: "${args.join(" ")}" is not something the CI recipes run`);
}

try {
    process.exit(main(process.argv.slice(2)));
} catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
}
