/**
 * Every problem at once: a registry entry (or waiver) with several mistakes reports all of them,
 * schema and meaning problems together, not the first; and a problem of the file as a whole is not
 * introduced as "this entry".
 */
import * as assert from "assert";
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
