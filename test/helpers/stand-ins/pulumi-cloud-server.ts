/**
 * Runs the Pulumi Cloud stand-in (test/helpers/pulumi-cloud-stand-in.ts) as a process of its own,
 * so a CI recipe's steps, run synchronously by the runner stand-in, can reach it: the
 * organization's stacks come from $ICP_GUARD_TEST_PULUMI_CLOUD (JSON: `pages` by organization and
 * `exports` by `org/project/stack`); the base URL is the first line on stdout. It serves until killed.
 */
import * as fs from "fs";
import { StandInPulumiCloud, Summary } from "../pulumi-cloud-stand-in";

async function main(): Promise<void> {
    const given = JSON.parse(fs.readFileSync(process.env["ICP_GUARD_TEST_PULUMI_CLOUD"] ?? "", "utf8")) as {
        pages: Record<string, { stacks: Summary[]; continuationToken?: string }[]>;
        exports: Record<string, unknown>;
    };
    const cloud = new StandInPulumiCloud();
    for (const [org, pages] of Object.entries(given.pages)) cloud.pages.set(org, pages);
    for (const [stack, body] of Object.entries(given.exports)) cloud.exports.set(stack, body);
    process.stdout.write(`${await cloud.start()}\n`);
}

void main();
