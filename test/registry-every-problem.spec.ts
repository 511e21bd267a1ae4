/**
 * Every problem at once: a registry entry (or waiver) with several mistakes reports all of them,
 * schema and meaning problems together, not the first; and a problem of the file as a whole is not
 * introduced as "this entry".
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/icp-guard";
import { parseRegistry, RegistryError, formatRegistryProblems } from "../lib/model/registry";

const FILE = "/r/icp-filings.yaml";
const KNOWN = ["icp-domain-unfiled", "icp-hollow-filing"];

function problemsOf(text: string): RegistryError {
    try {
        parseRegistry(text, FILE, { knownPolicies: KNOWN, now: new Date("2026-06-01T00:00:00Z") });
    } catch (error) {
        assert.ok(error instanceof RegistryError, String(error));
        return error;
    }
    assert.fail("expected a RegistryError");
}

describe("registry: every problem of one entry at once", () => {
    it("a sub-domain, a malformed ICP number and an access provider in capitals: all three", () => {
        const error = problemsOf("filings:\n  - domain: www.example.com\n    icp: ICP-12345\n    accessProviders: [Alibaba]\n");
        assert.deepStrictEqual(error.problems.map((p) => [p.where, p.line]), [
            ["filings[0].domain", 2],
            ["filings[0].icp", 3],
            ["filings[0].accessProviders[0]", 4],
        ]);
        assert.match(error.message, /is a subdomain; .*list example\.com/);
        assert.match(error.message, /"ICP-12345" /);
        assert.match(error.message, /not an access-provider id: use a lower-case id such as "alibaba"/);
        assert.match(error.message, /Fix these 3 problems:/);
    });

    it("the same in a JSON registry (no lines, same problems)", () => {
        let caught: RegistryError | undefined;
        try {
            parseRegistry(JSON.stringify({ filings: [{ domain: "www.example.com", icp: "ICP-12345", accessProviders: ["Alibaba"] }] }), "/r/icp-filings.json");
        } catch (error) {
            caught = error as RegistryError;
        }
        // No lines: entry by entry, fields in the schema's order.
        assert.deepStrictEqual(caught?.problems.map((p) => p.where), ["filings[0].domain", "filings[0].icp", "filings[0].accessProviders[0]"]);
    });

    it("a missing field does not hide the problems of the fields that are there", () => {
        const error = problemsOf("filings:\n  - domain: www.example.com\n    icp: nonsense\n");
        assert.deepStrictEqual(error.problems.map((p) => p.where).sort(), ["filings[0]", "filings[0].domain", "filings[0].icp"]);
    });

    it("an impossible filing date is reported with the other problems of its entry", () => {
        const error = problemsOf("filings:\n  - domain: www.example.com\n    icp: 浙ICP备2023012345号-1\n    accessProviders: [alibaba]\n    filedOn: 2019-02-30\n");
        assert.deepStrictEqual(error.problems.map((p) => p.where), ["filings[0].domain", "filings[0].filedOn"]);
    });

    it("an entry with a schema problem is never used, and a second entry of its domain is reported as a duplicate in the same run", () => {
        // Fixing filings[0] must not reveal a new problem: the duplicate is named now.
        const error = problemsOf("filings:\n  - domain: a.com\n    icp: 浙ICP备2023012345号-1\n    accessProviders: [Alibaba]\n  - domain: a.com\n    icp: 浙ICP备2023012345号-2\n    accessProviders: [alibaba]\n");
        assert.deepStrictEqual(error.problems.map((p) => p.where), ["filings[0].accessProviders[0]", "filings[1].domain"]);
        assert.match(error.problems[1].message, /a\.com is already listed at filings\[0\]/);
    });

    it("a problem of the file as a whole (an unknown top-level field) does not hide the entries' problems", () => {
        const error = problemsOf("filing: []\nfilings:\n  - domain: www.example.com\n    icp: 浙ICP备2023012345号-1\n    accessProviders: [alibaba]\nwaivers:\n  - policy: icp-domain-unfield\n    resource: promo\n    reason: Campaign site, filing in progress\n    owner: web-team\n    expires: 2026-12-31\n");
        assert.deepStrictEqual(error.problems.map((p) => p.where), ["filing", "filings[0].domain", "waivers[0].policy"]);
        assert.match(error.problems[0].message, /unknown field "filing"; did you mean "filings"\?/);
    });

    it("every YAML syntax error, each with its line", () => {
        const error = problemsOf("filings:\n  - domain: [a.com\n    icp: x\n  - domain: \"b.com\n");
        assert.ok(error.problems.length >= 1);
        assert.ok(error.problems.every((p) => p.where === "file" && p.line !== undefined && /is not valid YAML/.test(p.message)));
    });
});

describe("registry: every problem of one waiver at once", () => {
    const FILINGS = "filings:\n  - domain: example.com\n    icp: 浙ICP备2023012345号-1\n    accessProviders: [alibaba]\n";

    it("a short reason and an impossible date: both", () => {
        const error = problemsOf(`${FILINGS}waivers:\n  - policy: icp-domain-unfiled\n    resource: promo\n    reason: soon\n    owner: web-team\n    expires: 2026-02-30\n`);
        assert.deepStrictEqual(error.problems.map((p) => [p.where, p.line]), [
            ["waivers[0].reason", 8],
            ["waivers[0].expires", 10],
        ]);
        assert.match(error.message, /too short to explain the exception/);
        assert.match(error.message, /"2026-02-30" is not a real date/);
    });

    it("a misspelt policy, a sub-domain and a missing owner: all three", () => {
        const error = problemsOf(`${FILINGS}waivers:\n  - policy: icp-domain-unfield\n    resource: promo\n    domain: www.example.com\n    reason: Campaign site, filing in progress\n    expires: 2026-12-31\n`);
        assert.deepStrictEqual(error.problems.map((p) => p.where).sort(), ["waivers[0]", "waivers[0].domain", "waivers[0].policy"]);
        assert.match(error.message, /did you mean "icp-domain-unfiled"/);
        assert.match(error.message, /missing field "owner"/);
    });
});

describe("registry: how the report introduces its problems", () => {
    it("one problem of the file as a whole is not called an entry", () => {
        for (const text of ["", "filings: [\n", "filings: {}\n", "- a\n- b\n"]) {
            const error = problemsOf(text);
            assert.strictEqual(error.problems.length, 1, text);
            assert.doesNotMatch(error.message, /this entry/, text);
            assert.match(error.message, /Fix this problem:/, text);
        }
    });

    it("one problem inside an entry is", () => {
        const error = problemsOf("filings:\n  - domain: www.example.com\n    icp: 浙ICP备2023012345号-1\n    accessProviders: [alibaba]\n");
        assert.match(error.message, /Fix this entry:\n  - filings\[0\]\.domain \(line 2\)/);
    });

    it("the wording for a source that is not a file (the policy config)", () => {
        const message = formatRegistryProblems('in the policy config ("icp-filing-registry")', [{ where: "filings[2].icp", message: "is empty" }]);
        assert.match(message, /^icp-guard: the filing registry in the policy config \("icp-filing-registry"\) is invalid/);
    });
});

describe("registry: a dozen mixed problems in a file and the policy config, one report (issue 18)", () => {
    // What a platform team meets: schema and meaning problems, problems across entries, waivers,
    // and a config that disagrees with the file, all at once, through the command line as the README runs it.
    const FILE_TEXT = [
        "filngs_note: typo of a field that does not exist", //                                  1 unknown top-level field
        "filings:",
        "  - domain: www.a-shop.com", //                                                         2 a subdomain
        "    icp: ICP-12345", //                                                                 3 a malformed ICP number
        "    accessProviders: [alibaba]",
        "  - domain: b-shop.com",
        "    icp: 浙ICP备2023012345号-2",
        "    accessProviders: [aliyun]", //                                                      4 "aliyun" for "alibaba"
        "  - domain: c-shop.com",
        "    icp: 浙ICP备2023012345号-3",
        "    accessProviders: [alibaba]",
        "    filedOn: 2019-02-30", //                                                            5 a date that does not exist
        "  - domain: a-shop.com", //                                                             6 the same domain as filings[0]
        "    icp: 浙ICP备2023012345号-4",
        "    accessProviders: [alibaba]",
        "  - domain: d-shop.com", //                                                             7 no accessProviders
        "    icp: 浙ICP备2023012345号-5",
        "  - domain: e-shop.io", //                                                              8 a TLD MIIT does not approve
        "    icp: 浙ICP备2023012345号-6",
        "    accessProviders: [alibaba]",
        "  - domain: f-shop.com",
        "    icp: 浙ICP备2023012345号-7",
        "    accessProviders: [tencent]",
        "waivers:",
        "  - policy: icp-domain-unfield", //                                                     9 a misspelt policy
        "    resource: promo-*",
        "    reason: Campaign site, filing submitted (ticket ICP-42)",
        "    owner: web-team",
        "    expires: 2026-02-30", //                                                            10 a date that does not exist
        "  - policy: icp-hollow-filing",
        "    resource: legacy-*",
        "    reason: soon", //                                                                   11 a reason that explains nothing
        "    owner: web-team",
        "    expires: 2026-12-31",
        "  - policy: icp-hollow-filing",
        "    resource: www-legacy*",
        "    reason: Site moves back to cn-hangzhou in December (OPS-123)",
        "    owner: platform-team",
        "    expires: 2026-12-31",
        "",
    ].join("\n");
    const CONFIG = {
        "icp-filing-registry": {
            filings: [
                { domain: "g-shop.com", icp: "ICP-1", accessProviders: ["alibaba"] }, //          12 a malformed ICP number in the config
                { domain: "f-shop.com", icp: "浙ICP备2023012345号-7", accessProviders: ["alibaba"] }, // 13 f-shop.com listed differently in the file
            ],
            waivers: [{ policy: "icp-domain-unfiled", resource: "promo-*", reason: "Campaign site, filing submitted (ticket ICP-42)", owner: "web-team", expires: "2026-12-31" }], // 14 waivers in both places
        },
    };

    it("check names every problem (file, entry, field) in one report, exit 2", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-dozen-"));
        fs.writeFileSync(path.join(dir, "icp-filings.yaml"), FILE_TEXT);
        fs.writeFileSync(path.join(dir, "cfg.json"), JSON.stringify(CONFIG, null, 2));
        fs.writeFileSync(path.join(dir, "state.json"), JSON.stringify({ version: 3, deployment: { resources: [] } }));
        const result = await main(["check", "state.json", "--filings", "icp-filings.yaml", "--config", "cfg.json"], { env: {}, cwd: dir });
        assert.strictEqual(result.code, 2, result.stderr);
        const file = path.join(dir, "icp-filings.yaml");
        const config = 'policy config "icp-filing-registry"';
        const expected: [string, RegExp][] = [
            [`${file} filngs_note (line 1)`, /unknown field "filngs_note"/],
            [`${file} filings[0].domain (line 3)`, /is a subdomain/],
            [`${file} filings[0].icp (line 4)`, /"ICP-12345"/],
            [`${file} filings[1].accessProviders[0] (line 8)`, /write "alibaba"/],
            [`${file} filings[2].filedOn (line 12)`, /not a real date/],
            [`${file} filings[3].domain (line 13)`, /a-shop\.com is already listed at filings\[0\]/],
            [`${file} filings[4] (line 16)`, /missing field "accessProviders"/],
            [`${file} filings[5].domain (line 18)`, /\.io is not an MIIT-approved suffix/],
            [`${file} waivers[0].policy (line 25)`, /did you mean "icp-domain-unfiled"/],
            [`${file} waivers[0].expires (line 29)`, /not a real date/],
            [`${file} waivers[1].reason (line 32)`, /too short/],
            [`${config} filings[0].icp`, /"ICP-1"/],
            [`${config} filings[1].domain`, /f-shop\.com .* is also in icp-filings\.yaml at filings\[6\]/],
            [`${config} waivers`, /has waivers too/],
        ];
        const lines = result.stderr.split("\n").filter((line) => line.startsWith("  - "));
        assert.strictEqual(lines.length, expected.length, result.stderr);
        expected.forEach(([where, message], index) => {
            assert.ok(lines[index].startsWith(`  - ${where}: `), `problem ${index + 1}: ${lines[index]}`);
            assert.match(lines[index], message);
        });
        assert.match(result.stderr, /Fix these 14 problems:/);
        assert.doesNotMatch(result.stderr, /policy pack will not run/);
    });
});
