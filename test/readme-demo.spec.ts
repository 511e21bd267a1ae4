/**
 * The README's demo output is what `npm run demo` prints today: the block in the Quick start is an
 * excerpt — a run of the demo's lines, verbatim, then `…`, then the whole summary — and this test
 * runs the demo (tools/demo.ts, the same function `npm run demo` prints) and holds the block to it.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { demoLines } from "../tools/demo";
import { REPO_DIR } from "../tools/examples";

describe("README: the demo output is current", function () {
    // Records five programs and starts the pack five times: minutes on a loaded machine (a bound on a hang, not a timing).
    this.timeout(900_000);

    it("the block is a verbatim excerpt of `npm run demo`, with its whole summary", async () => {
        const readme = fs.readFileSync(path.join(REPO_DIR, "README.md"), "utf8");
        const match = /```\n(── examples\/[\s\S]*?)\n```/.exec(readme);
        assert.ok(match, "the README has the demo block");
        const block = match[1].split("\n");
        const cut = block.indexOf("…");
        assert.ok(cut > 0, "the block is an excerpt, then … , then the summary");
        const cwd = process.cwd();
        process.chdir(REPO_DIR); // the demo names paths relative to where it runs, as `npm run demo` in the checkout
        let output: string[];
        try {
            output = await demoLines();
        } finally {
            process.chdir(cwd);
        }
        const head = block.slice(0, cut);
        const at = output.indexOf(head[0]);
        assert.ok(at >= 0, `the demo prints ${JSON.stringify(head[0])}`);
        assert.deepStrictEqual(head, output.slice(at, at + head.length), "the excerpt is the demo's own lines, in order");
        const summary = output.slice(output.indexOf("Summary:"));
        assert.deepStrictEqual(block.slice(cut + 1), summary.filter((line, i) => i < summary.length - 1 || line !== ""), "the README shows the demo's whole summary");
    });
});
