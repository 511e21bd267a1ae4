/**
 * The command line speaks for itself (issue 18): its messages name its own fixes (--filings, the
 * current directory), never the pack's ("add icp-filings.yaml to the pack", "the policy pack will
 * not run"); a registry carried by --config counts as found; and the help of every command says
 * where the registry comes from and that Terraform plans and states are read too.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/icp-guard";
import { EXAMPLES_DIR } from "../tools/examples";

const PLAN = path.join(EXAMPLES_DIR, "terraform", "plan.json");

function scratch(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-cli-messages-"));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
}

const CONFIG_REGISTRY = JSON.stringify({
    "icp-filing-registry": { filings: [{ domain: "shop-example.com", icp: "浙ICP备2023012345号-1", accessProviders: ["alibaba"] }] },
});

describe("command-line messages name the command line's fixes", () => {
    it("check --config with icp-filing-registry: the registry is found (no \"not found\" note), and used", async () => {
        const dir = scratch({ "cfg.json": CONFIG_REGISTRY });
        const result = await main(["check", PLAN, "--config", "cfg.json", "--format", "json"], { env: {}, cwd: dir });
        assert.doesNotMatch(result.stderr, /no filing registry found|no domain counts as filed/);
        assert.match(result.stderr, /^icp-guard check: using the filing registry "icp-filing-registry" in cfg\.json \(--config\)$/m);
        const findings = JSON.parse(result.stdout).findings as { domain?: string; message: string }[];
        // shop-example.com is filed at Alibaba in the config: no finding about it.
        assert.ok(!findings.some((f) => f.domain === "shop-example.com"), result.stdout);
        assert.ok(findings.some((f) => /in the filing registry in the policy config "icp-filing-registry"/.test(f.message)), result.stdout);
    });

    it("a file and a config registry together: both named", async () => {
        const dir = scratch({ "cfg.json": CONFIG_REGISTRY, "icp-filings.yaml": "filings:\n  - domain: partner-example.com\n    icp: 京ICP备16020626号-8\n    accessProviders: [tencent]\n" });
        const result = await main(["check", PLAN, "--config", "cfg.json"], { env: {}, cwd: dir });
        assert.match(result.stderr, /^icp-guard check: using the filing registry icp-filings\.yaml \(current directory\) merged with "icp-filing-registry" in cfg\.json \(--config\)$/m);
    });

    for (const command of ["check", "domains"]) {
        it(`${command} without any registry: the note and the findings name --filings and the current directory, not the pack`, async () => {
            const dir = scratch({});
            const result = await main([command, PLAN], { env: {}, cwd: dir });
            const text = result.stdout + result.stderr;
            assert.match(result.stderr, new RegExp(`^icp-guard ${command}: no filing registry found .*so no domain counts as filed; give --filings <file>, set \\$ICP_GUARD_FILINGS, or run where icp-filings\\.yaml is$`, "m"));
            assert.doesNotMatch(text, /to the pack|policy pack will not run/);
            if (command === "check") assert.match(result.stdout, /none found: give --filings <file>, set \$ICP_GUARD_FILINGS, or run where icp-filings\.yaml is/);
        });
    }

    for (const argv of [["check", PLAN], ["domains", PLAN], ["registry", "verify"]]) {
        it(`${argv.slice(0, 2).join(" ")} with a broken registry: "nothing was checked", every problem, no word of the pack`, async () => {
            const dir = scratch({ "icp-filings.yaml": "filings:\n  - domain: www.example.com\n    icp: ICP-1\n    accessProviders: [alibaba]\n" });
            const result = await main([...argv], { env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "unused", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "unused" }, cwd: dir });
            assert.strictEqual(result.code, 2, result.stderr);
            assert.match(result.stderr, /the filing registry .*icp-filings\.yaml is invalid, so nothing was checked .*Fix these 2 problems:\n {2}- filings\[0\]\.domain \(line 2\)/);
            assert.doesNotMatch(result.stderr, /policy pack will not run/);
        });
    }
});

describe("a rule code as a config key (every report leads with the code)", () => {
    // The README's Configuration table: codes are not aliases (the engine applies a level only to a
    // name the pack declares), so the command refuses them naming the policy id to write instead.
    for (const command of ["check", "domains"]) {
        it(`${command} --config with ICP001: refused (exit 2), the policy id suggested, nothing checked`, async () => {
            const dir = scratch({ "cfg.json": JSON.stringify({ all: "mandatory", ICP001: "advisory", icp013: { enforcementLevel: "disabled" } }) });
            const result = await main([command, PLAN, "--config", "cfg.json"], { env: {}, cwd: dir });
            assert.strictEqual(result.code, 2, result.stderr);
            assert.strictEqual(result.stdout, "");
            assert.match(result.stderr, /"ICP001" is a rule code; use "icp-domain-unfiled"/);
            assert.match(result.stderr, /"icp013" is a rule code; use "icp-proxy-mainland-origin"/);
        });
    }
});

describe("help says where the registry comes from and what is read", () => {
    for (const command of [["check"], ["domains"], ["registry", "verify"]]) {
        it(`${command.join(" ")} --help`, async () => {
            const help = (await main([...command, "--help"], { env: {} })).stdout.replace(/\s+/g, " ");
            assert.match(help, /--filings <file> filing registry \(default: \$ICP_GUARD_FILINGS, else icp-filings\.yaml\/\.json in the current directory, else in the pack\)/);
            assert.match(help, /Terraform plan/);
            if (command[0] !== "check") assert.match(help, /merged with "icp-filing-registry" in the --config file/);
        });
    }
});
