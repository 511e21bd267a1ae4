/**
 * lib/model/registry.ts: the filing registry is validated as a whole; any problem refuses the whole
 * file with a RegistryError naming the file, the entry, the field and a fix. A malformed entry is
 * never returned as filed.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseRegistry, loadRegistry, locateRegistry, RegistryError, RegistryProblem, FilingRegistry, REGISTRY_ENV_VAR, RegistryOptions, ONE_DOMAIN_PER_WEBSITE_SINCE } from "../lib/model/registry";

const YAML_FILE = "/registry/icp-filings.yaml";
const JSON_FILE = "/registry/icp-filings.json";

const VALID_YAML = `# platform team's filings
filings:
  - domain: filed-alibaba.com
    icp: 浙ICP备2023012345号-1
    accessProviders: [alibaba]
  - domain: filed-other.com
    icp: 京ICP备12345678号-2
    accessProviders: [tencent]
    note: filed at Tencent Cloud
  - domain: 例子.中国
    icp: 粤ICP备2021000001号-1
    accessProviders: [alibaba]
  - domain: shop.com.cn
    icp: 沪ICP备2020000002号-1
    accessProviders:
      - tencent
      - alibaba
`;

const VALID_JSON = JSON.stringify(
    {
        $schema: "./icp-filings.schema.json",
        filings: [
            { domain: "filed-alibaba.com", icp: "浙ICP备2023012345号-1", accessProviders: ["alibaba"] },
            { domain: "xn--fsqu00a.xn--fiqs8s", icp: "粤ICP备2021000001号-1", accessProviders: ["alibaba", "tencent"] },
            { domain: "公司.中国", icp: "京ICP证030173号", accessProviders: ["huawei"] },
        ],
    },
    null,
    2,
);

/** One YAML entry, for building registries. */
function entry(domain: string, icp = "浙ICP备2023012345号-1", accessProviders = "[alibaba]"): string {
    return `  - domain: ${domain}\n    icp: ${icp}\n    accessProviders: ${accessProviders}\n`;
}

function registryError(text: string, file = YAML_FILE): RegistryError {
    let registry: FilingRegistry | undefined;
    try {
        registry = parseRegistry(text, file);
    } catch (error) {
        assert.ok(error instanceof RegistryError, `expected a RegistryError, got ${String(error)}`);
        assert.strictEqual(error.name, "RegistryError");
        assert.strictEqual(error.file, file);
        assert.ok(error.problems.length > 0, "a RegistryError lists at least one problem");
        assert.ok(error.message.includes(file), `the message names the file:\n${error.message}`);
        for (const problem of error.problems) {
            assert.ok(error.message.includes(problem.where), `the message names ${problem.where}:\n${error.message}`);
            assert.ok(error.message.includes(problem.message), "the message carries every problem's text");
        }
        return error;
    }
    assert.fail(`expected a RegistryError, got a registry with ${registry?.entries.length} entries`);
}

function wheres(error: RegistryError): string[] {
    return error.problems.map((p) => p.where);
}

function only(error: RegistryError): RegistryProblem {
    assert.strictEqual(error.problems.length, 1, JSON.stringify(error.problems, null, 2));
    return error.problems[0];
}

function includesAll(text: string, parts: readonly string[]): void {
    for (const part of parts) assert.ok(text.includes(part), `expected ${JSON.stringify(part)} in:\n${text}`);
}

describe("registry: parseRegistry, valid files", () => {
    it("loads a YAML registry; lookup by ASCII registrable domain", () => {
        const registry = parseRegistry(VALID_YAML, YAML_FILE);
        assert.strictEqual(registry.source, YAML_FILE);
        assert.strictEqual(registry.entries.length, 4);
        const alibaba = registry.lookup("filed-alibaba.com");
        assert.ok(alibaba);
        assert.strictEqual(alibaba.domain, "filed-alibaba.com");
        assert.strictEqual(alibaba.index, 0);
        assert.strictEqual(alibaba.icp.full, "浙ICP备2023012345号-1");
        assert.deepStrictEqual([...alibaba.accessProviders], ["alibaba"]);
        assert.deepStrictEqual([...registry.lookup("shop.com.cn")!.accessProviders], ["tencent", "alibaba"]);
        assert.deepStrictEqual([...registry.lookup("filed-other.com")!.accessProviders], ["tencent"]);
        assert.strictEqual(registry.lookup("unfiled.com"), undefined);
    });

    it("a Unicode IDN entry is found by its punycode", () => {
        const registry = parseRegistry(VALID_YAML, YAML_FILE);
        const idn = registry.lookup("xn--fsqu00a.xn--fiqs8s");
        assert.ok(idn, "例子.中国 is found as xn--fsqu00a.xn--fiqs8s");
        assert.strictEqual(idn.domain, "xn--fsqu00a.xn--fiqs8s");
        assert.strictEqual(idn.index, 2);
    });

    it("lookup is by registrable domain: a subdomain is not a key", () => {
        const registry = parseRegistry(VALID_YAML, YAML_FILE);
        assert.strictEqual(registry.lookup("www.filed-alibaba.com"), undefined);
        assert.strictEqual(registry.lookup("com.cn"), undefined);
    });

    it("loads a JSON registry ($schema allowed); punycode and Unicode entries", () => {
        const registry = parseRegistry(VALID_JSON, JSON_FILE);
        assert.strictEqual(registry.entries.length, 3);
        assert.deepStrictEqual([...registry.lookup("xn--fsqu00a.xn--fiqs8s")!.accessProviders], ["alibaba", "tencent"]);
        const company = registry.lookup("xn--55qx5d.xn--fiqs8s");
        assert.ok(company, "公司.中国 is found by punycode");
        assert.strictEqual(company.icp.kind, "证");
    });

    it("normalises case and one trailing dot of an entry's domain", () => {
        const registry = parseRegistry(`filings:\n${entry("Filed-Alibaba.COM.")}`, YAML_FILE);
        assert.ok(registry.lookup("filed-alibaba.com"));
    });

    it("filings: [] is valid and empty", () => {
        for (const [text, file] of [
            ["filings: []\n", YAML_FILE],
            ['{ "filings": [] }', JSON_FILE],
        ] as const) {
            const registry = parseRegistry(text, file);
            assert.strictEqual(registry.entries.length, 0);
            assert.strictEqual(registry.lookup("filed-alibaba.com"), undefined);
            assert.strictEqual(registry.source, file);
        }
    });
});

describe("registry: parseRegistry, every problem is a RegistryError", () => {
    describe("the file as a whole", () => {
        it("empty file", () => {
            for (const text of ["", "\n\n", "# only a comment\n"]) {
                const problem = only(registryError(text));
                assert.strictEqual(problem.where, "file");
                includesAll(problem.message, ["empty", "filings: []"]);
            }
        });

        it("not YAML", () => {
            const error = registryError("filings:\n  - domain: a.com\n   icp: x\n");
            const problem = only(error);
            assert.strictEqual(problem.where, "file");
            includesAll(problem.message, ["not valid YAML"]);
        });

        it("not YAML: the problem has the line number", () => {
            const problem = only(registryError("filings:\n  - domain: a.com\n   icp: x\n"));
            assert.strictEqual(problem.line, 3);
            assert.ok(registryError("filings:\n  - domain: a.com\n   icp: x\n").message.includes("(line 3)"));
        });

        it("duplicate keys in one entry are refused", () => {
            const problem = only(registryError("filings:\n  - domain: a.com\n    domain: b.com\n    icp: 浙ICP备2023012345号-1\n    accessProviders: [alibaba]\n"));
            assert.strictEqual(problem.where, "file");
        });

        it("invalid JSON in a .json file", () => {
            for (const text of ['{"filings": [}', '{"filings": [],}', "filings: []\n", "{'filings': []}"]) {
                const problem = only(registryError(text, JSON_FILE));
                assert.strictEqual(problem.where, "file");
                includesAll(problem.message, ["not valid JSON"]);
            }
        });

        it("top level not an object", () => {
            for (const text of ["- domain: a.com\n", "just text\n", "42\n", "[]\n"]) {
                const problem = only(registryError(text));
                assert.strictEqual(problem.where, "(top level)");
                assert.match(problem.message, /object/);
            }
            assert.strictEqual(only(registryError("[]", JSON_FILE)).where, "(top level)");
        });

        it("top level or entry not an object: the message says how to fix it", () => {
            const top = only(registryError("- domain: a.com\n"));
            assert.match(top.message, /an object/);
            assert.match(top.message, /filings/);
            const inEntry = only(registryError("filings:\n  - a.com\n"));
            assert.strictEqual(inEntry.where, "filings[0]");
            assert.match(inEntry.message, /an object/);
            assert.match(inEntry.message, /domain/);
        });

        it("missing filings", () => {
            const problem = only(registryError("$schema: ./schema.json\n"));
            assert.strictEqual(problem.where, "(top level)");
            includesAll(problem.message, ['missing field "filings"', "filings:"]);
            assert.deepStrictEqual(wheres(registryError("{}", JSON_FILE)), ["(top level)"]);
        });

        it("filings is not a list", () => {
            for (const text of ["filings:\n", "filings: {}\n", "filings: example.com\n"]) {
                const problem = only(registryError(text));
                assert.strictEqual(problem.where, "filings");
                includesAll(problem.message, ["must be a list", "domain, icp and accessProviders"]);
            }
        });

        it("unknown top-level field (suggests the close one)", () => {
            const problem = only(registryError("filings: []\nfiling: []\n"));
            assert.strictEqual(problem.where, "filing");
            includesAll(problem.message, ['unknown field "filing"', 'did you mean "filings"']);
            assert.strictEqual(problem.line, 2);
        });

        it("unknown top-level field (lists the allowed ones)", () => {
            const problem = only(registryError("filings: []\nversion: 2\n"));
            assert.strictEqual(problem.where, "version");
            includesAll(problem.message, ["$schema", "filings"]);
        });
    });

    describe("entry shape", () => {
        it("entry missing icp (names the entry and the field)", () => {
            const error = registryError(`filings:\n${entry("a.com")}  - domain: b.com\n    accessProviders: [alibaba]\n`);
            const problem = only(error);
            assert.strictEqual(problem.where, "filings[1]");
            includesAll(problem.message, ['missing field "icp"', "icp: 浙ICP备"]);
            assert.strictEqual(problem.line, 5);
            includesAll(error.message, ["filings[1] (line 5)"]);
        });

        it("entry missing domain and accessProviders", () => {
            const error = registryError("filings:\n  - icp: 浙ICP备2023012345号-1\n");
            assert.deepStrictEqual(wheres(error), ["filings[0]", "filings[0]"]);
            includesAll(error.message, ['missing field "domain"', 'missing field "accessProviders"', "accessProviders: [alibaba]"]);
        });

        it('misspelt field accessProvider suggests "accessProviders"', () => {
            const error = registryError("filings:\n  - domain: a.com\n    icp: 浙ICP备2023012345号-1\n    accessProvider: [alibaba]\n");
            assert.deepStrictEqual(wheres(error).sort(), ["filings[0]", "filings[0].accessProvider"].sort());
            const misspelt = error.problems.find((p) => p.where === "filings[0].accessProvider")!;
            includesAll(misspelt.message, ['unknown field "accessProvider"', 'did you mean "accessProviders"']);
            assert.strictEqual(misspelt.line, 4);
        });

        it("an entry that is not a mapping", () => {
            assert.deepStrictEqual(wheres(registryError("filings:\n  - a.com\n")), ["filings[0]"]);
            assert.deepStrictEqual(wheres(registryError("filings:\n  -\n")), ["filings[0]"]);
        });

        it("wrong types: domain: 123, accessProviders: \"alibaba\"", () => {
            const error = registryError('filings:\n  - domain: 123\n    icp: 浙ICP备2023012345号-1\n    accessProviders: "alibaba"\n');
            assert.deepStrictEqual(wheres(error).sort(), ["filings[0].accessProviders", "filings[0].domain"]);
            const domain = error.problems.find((p) => p.where === "filings[0].domain")!;
            includesAll(domain.message, ["must be a string", "example.com"]);
            assert.strictEqual(domain.line, 2);
            const providers = error.problems.find((p) => p.where === "filings[0].accessProviders")!;
            includesAll(providers.message, ["must be a list", "[alibaba]"]);
            assert.strictEqual(providers.line, 4);
        });

        it("wrong type: icp as a number, provider as a number", () => {
            assert.deepStrictEqual(wheres(registryError(`filings:\n${entry("a.com", "20230123")}`)), ["filings[0].icp"]);
            assert.deepStrictEqual(wheres(registryError(`filings:\n${entry("a.com", undefined, "[1]")}`)), ["filings[0].accessProviders[0]"]);
        });

        it("empty domain", () => {
            const problem = only(registryError(`filings:\n${entry('""')}`));
            assert.strictEqual(problem.where, "filings[0].domain");
        });

        it("empty accessProviders", () => {
            const problem = only(registryError(`filings:\n${entry("a.com", undefined, "[]")}`));
            assert.strictEqual(problem.where, "filings[0].accessProviders");
            includesAll(problem.message, ["at least one access provider", "[alibaba]"]);
            assert.strictEqual(problem.line, 4);
        });

        it("duplicate provider", () => {
            const problem = only(registryError(`filings:\n${entry("a.com", undefined, "[alibaba, tencent, alibaba]")}`));
            assert.strictEqual(problem.where, "filings[0].accessProviders");
            includesAll(problem.message, ["same access provider twice"]);
        });

        it('provider "Aliyun" (not an id): suggests "alibaba"', () => {
            const problem = only(registryError(`filings:\n${entry("a.com", undefined, "[Aliyun]")}`));
            assert.strictEqual(problem.where, "filings[0].accessProviders[0]");
            includesAll(problem.message, ['"Aliyun"', '"alibaba"']);
            assert.strictEqual(problem.line, 4);
        });

        it('provider "Alibaba Cloud" (not an id)', () => {
            const problem = only(registryError(`filings:\n${entry("a.com", undefined, '["Alibaba Cloud"]')}`));
            assert.strictEqual(problem.where, "filings[0].accessProviders[0]");
            includesAll(problem.message, ['"alibaba"']);
        });

        it('provider alias "aliyun": write "alibaba"', () => {
            const error = registryError(`filings:\n${entry("a.com", undefined, "[tencent, aliyun]")}`);
            const problem = only(error);
            assert.strictEqual(problem.where, "filings[0].accessProviders[1]");
            includesAll(problem.message, ['"aliyun"', 'write "alibaba"', "接入阿里云"]);
            assert.strictEqual(problem.line, 4);
        });

        it('provider aliases "alicloud" and "alibabacloud"', () => {
            for (const alias of ["alicloud", "alibabacloud", "alibaba-cloud"]) {
                const problem = only(registryError(`filings:\n${entry("a.com", undefined, `[${alias}]`)}`));
                assert.strictEqual(problem.where, "filings[0].accessProviders[0]", alias);
                includesAll(problem.message, ['write "alibaba"']);
            }
        });
    });

    describe("entry meaning", () => {
        it("subdomain entry www.example.com: names example.com", () => {
            const error = registryError(`filings:\n${entry("a.com")}${entry("www.example.com")}`);
            const problem = only(error);
            assert.strictEqual(problem.where, "filings[1].domain");
            includesAll(problem.message, ['"www.example.com"', "subdomain", "example.com"]);
            assert.match(problem.message, /list example\.com/);
            assert.strictEqual(problem.line, 5);
            includesAll(error.message, ["filings[1].domain (line 5)"]);
        });

        it("government sub-units: sub-domain entries are accepted under .gov.cn and .政务, and only there", () => {
            const registry = parseRegistry(`filings:\n${entry("beijing.gov.cn")}${entry("edu.beijing.gov.cn")}${entry("jiaoyu.example.政务")}`, "/r.yaml");
            assert.strictEqual(registry.lookup("edu.beijing.gov.cn")?.domain, "edu.beijing.gov.cn");
            assert.strictEqual(registry.lookup("beijing.gov.cn")?.domain, "beijing.gov.cn");
            assert.ok(registry.lookup("jiaoyu.example.xn--zfr164b"));
            const problem = only(registryError(`filings:\n${entry("www.example.com.cn")}`));
            includesAll(problem.message, ["subdomain", "list example.com.cn"]);
        });

        it("subdomain entry of an IDN names the registrable IDN", () => {
            const problem = only(registryError(`filings:\n${entry("www.例子.中国")}`));
            assert.strictEqual(problem.where, "filings[0].domain");
            includesAll(problem.message, ["例子.中国"]);
        });

        it("wildcard entry *.example.com", () => {
            const problem = only(registryError(`filings:\n${entry('"*.example.com"')}`));
            assert.strictEqual(problem.where, "filings[0].domain");
            includesAll(problem.message, ["wildcard", "example.com"]);
        });

        it("VOD-style wildcard entry .example.com", () => {
            const problem = only(registryError(`filings:\n${entry(".example.com")}`));
            assert.strictEqual(problem.where, "filings[0].domain");
            includesAll(problem.message, ["wildcard", "example.com"]);
        });

        it("public-suffix entry com.cn", () => {
            const problem = only(registryError(`filings:\n${entry("com.cn")}`));
            assert.strictEqual(problem.where, "filings[0].domain");
            includesAll(problem.message, ["public suffix", "com.cn", "example.com.cn"]);
            assert.strictEqual(problem.line, 2);
        });

        it("unknown TLD example.internal", () => {
            const problem = only(registryError(`filings:\n${entry("example.internal")}`));
            assert.strictEqual(problem.where, "filings[0].domain");
            includesAll(problem.message, [".internal", "Public Suffix List"]);
        });

        it("IP address entry", () => {
            const problem = only(registryError(`filings:\n${entry("1.2.3.4")}`));
            assert.strictEqual(problem.where, "filings[0].domain");
            includesAll(problem.message, ["IP address"]);
        });

        it("garbage domain", () => {
            const problem = only(registryError(`filings:\n${entry('"not a domain"')}`));
            assert.strictEqual(problem.where, "filings[0].domain");
            includesAll(problem.message, ["not a valid hostname", "example.com"]);
        });

        it("bad ICP number, with the normalised form as the fix", () => {
            const error = registryError(`filings:\n${entry("a.com", '"京ICP备 12345678号－1"')}`);
            const problem = only(error);
            assert.strictEqual(problem.where, "filings[0].icp");
            includesAll(problem.message, ["京ICP备12345678号-1"]);
            assert.strictEqual(problem.line, 3);
            includesAll(error.message, ["filings[0].icp (line 3)"]);
        });

        it("ICP numbers that are not website filings: App filing, 公网安备, B2", () => {
            for (const icp of ["陕ICP备2024026116号-1A", "京公网安备11010802020134号", "粤B2-20090059"]) {
                const problem = only(registryError(`filings:\n${entry("a.com", icp)}`));
                assert.strictEqual(problem.where, "filings[0].icp", icp);
                includesAll(problem.message, ["浙ICP备2023012345号-1"]);
            }
        });

        it("duplicate domain: names the earlier index", () => {
            const error = registryError(`filings:\n${entry("a.com")}${entry("b.com")}${entry("A.com.")}`);
            const problem = only(error);
            assert.strictEqual(problem.where, "filings[2].domain");
            includesAll(problem.message, ["a.com", "filings[0]"]);
            assert.strictEqual(problem.line, 8);
        });

        it("duplicate IDN written once in Unicode and once in punycode", () => {
            const problem = only(registryError(`filings:\n${entry("a.com")}${entry("例子.中国")}${entry("xn--fsqu00a.xn--fiqs8s", undefined, "[tencent]")}`));
            assert.strictEqual(problem.where, "filings[2].domain");
            includesAll(problem.message, ["filings[1]", "例子.中国"]);
        });

        it("duplicate IDN written once in punycode and once in Unicode", () => {
            const problem = only(registryError(`filings:\n${entry("xn--fsqu00a.xn--fiqs8s")}${entry("例子.中国")}`));
            assert.strictEqual(problem.where, "filings[1].domain");
            includesAll(problem.message, ["filings[0]"]);
        });

        it("duplicate domain in a JSON file", () => {
            const text = JSON.stringify({
                filings: [
                    { domain: "a.com", icp: "浙ICP备2023012345号-1", accessProviders: ["alibaba"] },
                    { domain: "A.COM", icp: "浙ICP备2023012345号-2", accessProviders: ["tencent"] },
                ],
            });
            const problem = only(registryError(text, JSON_FILE));
            assert.strictEqual(problem.where, "filings[1].domain");
            includesAll(problem.message, ["filings[0]"]);
        });
    });

    describe("all problems at once", () => {
        it("several entry problems are all reported, with lines", () => {
            const text =
                "filings:\n" +
                entry("ok.com") + // 0, lines 2-4
                entry("www.b.com") + // 1, lines 5-7: subdomain
                entry("c.com", "not-a-number") + // 2, lines 8-10: bad icp
                entry("com.cn", undefined, "[aliyun]") + // 3, lines 11-13: public suffix and alias
                entry("OK.com"); // 4, lines 14-16: duplicate of 0
            const error = registryError(text);
            assert.deepStrictEqual(wheres(error).sort(), [
                "filings[1].domain",
                "filings[2].icp",
                "filings[3].accessProviders[0]",
                "filings[3].domain",
                "filings[4].domain",
            ]);
            const lines = Object.fromEntries(error.problems.map((p) => [p.where, p.line]));
            assert.deepStrictEqual(lines, {
                "filings[1].domain": 5,
                "filings[2].icp": 9,
                "filings[3].domain": 11,
                "filings[3].accessProviders[0]": 13,
                "filings[4].domain": 14,
            });
            includesAll(error.message, ["these 5 problems"]);
        });

        it("several shape problems are all reported", () => {
            const text = "filings:\n" + "  - domain: 123\n    icp: 浙ICP备2023012345号-1\n    accessProviders: []\n" + "  - domain: b.com\n    accessProviders: [Tencent]\n";
            const error = registryError(text);
            assert.deepStrictEqual(wheres(error).sort(), ["filings[0].accessProviders", "filings[0].domain", "filings[1]", "filings[1].accessProviders[0]"]);
            for (const problem of error.problems) assert.ok(problem.line !== undefined, `${problem.where} has a line`);
        });

        it("a shape problem in one entry does not hide meaning problems in the others", () => {
            const text = "filings:\n" + "  - domain: a.com\n    accessProviders: [alibaba]\n" + entry("www.b.com") + entry("c.com", "bad");
            const error = registryError(text);
            assert.deepStrictEqual(wheres(error).sort(), ["filings[0]", "filings[1].domain", "filings[2].icp"]);
        });

        it("every YAML entry problem carries a line number", () => {
            const text = "filings:\n" + entry('"*.a.com"') + entry("b.com", "x") + entry("c.com", undefined, "[Aliyun]") + entry("d.com", undefined, "[]");
            const error = registryError(text);
            assert.strictEqual(error.problems.length, 4);
            for (const problem of error.problems) {
                assert.ok(typeof problem.line === "number" && problem.line > 1, `${problem.where} has a line`);
                includesAll(error.message, [`${problem.where} (line ${problem.line})`]);
            }
        });

        it("JSON problems carry line numbers too", () => {
            const text = JSON.stringify({ filings: [{ domain: "www.a.com", icp: "bad", accessProviders: ["alibaba"] }] }, null, 2);
            const error = registryError(text, JSON_FILE);
            assert.deepStrictEqual(wheres(error).sort(), ["filings[0].domain", "filings[0].icp"]);
            for (const problem of error.problems) assert.ok(problem.line !== undefined, problem.where);
        });
    });

    describe("never a partial registry", () => {
        it("one malformed entry among good ones refuses the whole file", () => {
            const text = `filings:\n${entry("good.com")}${entry("bad.com", "not-a-number")}${entry("also-good.com")}`;
            assert.throws(() => parseRegistry(text, YAML_FILE), RegistryError);
        });

        it("an entry with an alias provider is never looked up", () => {
            const text = `filings:\n${entry("good.com")}${entry("aliased.com", undefined, "[aliyun]")}`;
            assert.throws(() => parseRegistry(text, YAML_FILE), (error: unknown) => error instanceof RegistryError && wheres(error).includes("filings[1].accessProviders[0]"));
        });

        it("a subdomain entry never becomes a filing of its parent", () => {
            assert.throws(() => parseRegistry(`filings:\n${entry("www.unfiled.com")}`, YAML_FILE), RegistryError);
        });
    });
});

describe("registry: loadRegistry and locateRegistry (files)", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-registry-"));
    });
    afterEach(() => {
        fs.rmSync(dir, { recursive: true, force: true });
    });

    const write = (name: string, text: string): string => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text, "utf8");
        return file;
    };

    describe("loadRegistry", () => {
        it("loads a YAML file", () => {
            const file = write("icp-filings.yaml", VALID_YAML);
            const registry = loadRegistry(file);
            assert.strictEqual(registry.source, file);
            assert.ok(registry.lookup("xn--fsqu00a.xn--fiqs8s"));
            assert.ok(registry.lookup("shop.com.cn"));
        });

        it("loads a JSON file", () => {
            const file = write("icp-filings.json", VALID_JSON);
            const registry = loadRegistry(file);
            assert.strictEqual(registry.entries.length, 3);
            assert.ok(registry.lookup("xn--fsqu00a.xn--fiqs8s"));
        });

        it("a JSON registry with a .JSON extension is read as JSON", () => {
            const file = write("filings.JSON", '{"filings": [],}');
            assert.throws(() => loadRegistry(file), (error: unknown) => error instanceof RegistryError && /not valid JSON/.test(error.message));
        });

        it("a missing file is a RegistryError naming it", () => {
            const file = path.join(dir, "nope.yaml");
            assert.throws(
                () => loadRegistry(file),
                (error: unknown) => error instanceof RegistryError && error.file === file && error.message.includes(file) && wheres(error).join() === "file",
            );
        });

        it("a directory is a RegistryError", () => {
            assert.throws(() => loadRegistry(dir), (error: unknown) => error instanceof RegistryError && /cannot be read/.test(error.message));
        });

        it("problems name the file path", () => {
            const file = write("icp-filings.yaml", `filings:\n${entry("www.a.com")}`);
            assert.throws(() => loadRegistry(file), (error: unknown) => error instanceof RegistryError && error.message.includes(file) && error.message.includes("filings[0].domain"));
        });
    });

    describe("locateRegistry", () => {
        it(`${REGISTRY_ENV_VAR} pointing to a missing file is a RegistryError`, () => {
            const missing = path.join(dir, "missing.yaml");
            assert.throws(
                () => locateRegistry({ [REGISTRY_ENV_VAR]: missing }, dir),
                (error: unknown) =>
                    error instanceof RegistryError && wheres(error).join() === REGISTRY_ENV_VAR && error.message.includes(missing) && error.message.includes(REGISTRY_ENV_VAR),
            );
        });

        it(`${REGISTRY_ENV_VAR} pointing to a missing file fails even when the pack dir has a registry`, () => {
            write("icp-filings.yaml", "filings: []\n");
            assert.throws(() => locateRegistry({ [REGISTRY_ENV_VAR]: path.join(dir, "missing.yaml") }, dir), RegistryError);
        });

        it("the environment variable wins over pack-dir files", () => {
            write("icp-filings.yaml", "filings: []\n");
            write("icp-filings.json", '{"filings": []}');
            const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-env-"));
            try {
                const named = path.join(elsewhere, "team-filings.yaml");
                fs.writeFileSync(named, VALID_YAML);
                assert.strictEqual(locateRegistry({ [REGISTRY_ENV_VAR]: named }, dir), named);
            } finally {
                fs.rmSync(elsewhere, { recursive: true, force: true });
            }
        });

        it("an empty environment variable is ignored", () => {
            const file = write("icp-filings.yaml", "filings: []\n");
            assert.strictEqual(locateRegistry({ [REGISTRY_ENV_VAR]: "" }, dir), file);
        });

        it("pack dir with only icp-filings.yaml", () => {
            const file = write("icp-filings.yaml", "filings: []\n");
            assert.strictEqual(locateRegistry({}, dir), file);
        });

        it("pack dir with only icp-filings.json", () => {
            const file = write("icp-filings.json", '{"filings": []}');
            assert.strictEqual(locateRegistry({}, dir), file);
        });

        it("both yaml and json present is a RegistryError", () => {
            write("icp-filings.yaml", "filings: []\n");
            write("icp-filings.json", '{"filings": []}');
            assert.throws(
                () => locateRegistry({}, dir),
                (error: unknown) => error instanceof RegistryError && error.message.includes("icp-filings.yaml") && error.message.includes("icp-filings.json"),
            );
        });

        it("nothing: undefined", () => {
            assert.strictEqual(locateRegistry({}, dir), undefined);
        });

        it("other files in the pack dir are not a registry", () => {
            write("icp-filings.yml", "filings: []\n");
            write("filings.yaml", "filings: []\n");
            assert.strictEqual(locateRegistry({}, dir), undefined);
        });

        it("locate then load: the found file is validated", () => {
            write("icp-filings.json", JSON.stringify({ filings: [{ domain: "com.cn", icp: "浙ICP备2023012345号-1", accessProviders: ["alibaba"] }] }));
            const found = locateRegistry({}, dir);
            assert.ok(found);
            assert.throws(() => loadRegistry(found), (error: unknown) => error instanceof RegistryError && wheres(error).join() === "filings[0].domain");
        });
    });
});

// --------------------------------------------------------------------------------------------
// The rulebook additions: filing dates, unfileable TLDs, website-number warnings, waivers
// --------------------------------------------------------------------------------------------

/** One YAML entry with a filing date. */
function dated(domain: string, icp: string, filedOn: string): string {
    return `${entry(domain, icp)}    filedOn: "${filedOn}"\n`;
}

/** parseRegistry with options, expecting a RegistryError (same checks as registryError). */
function registryErrorWith(text: string, options: RegistryOptions, file = YAML_FILE): RegistryError {
    try {
        parseRegistry(text, file, options);
    } catch (error) {
        assert.ok(error instanceof RegistryError, `expected a RegistryError, got ${String(error)}`);
        for (const problem of error.problems) {
            assert.ok(error.message.includes(problem.where), `the message names ${problem.where}:\n${error.message}`);
            assert.ok(error.message.includes(problem.message), "the message carries every problem's text");
        }
        return error;
    }
    return assert.fail("expected a RegistryError");
}

describe("registry: filedOn", () => {
    it("a real date is kept on the entry; entries without one have none", () => {
        const registry = parseRegistry(`filings:\n${dated("a.com", "浙ICP备2023012345号-1", "2018-03-15")}${entry("b.com", "浙ICP备2023012345号-2")}`, YAML_FILE);
        assert.strictEqual(registry.lookup("a.com")!.filedOn, "2018-03-15");
        assert.strictEqual(registry.lookup("b.com")!.filedOn, undefined);
    });

    it("an unquoted YAML date stays the same text", () => {
        const registry = parseRegistry(`filings:\n${entry("a.com")}    filedOn: 2019-04-21\n`, YAML_FILE);
        assert.strictEqual(registry.lookup("a.com")!.filedOn, "2019-04-21");
    });

    it("a date that does not exist (2019-02-30) names filings[N].filedOn", () => {
        const problem = only(registryError(`filings:\n${entry("ok.com")}${dated("a.com", "浙ICP备2023012345号-2", "2019-02-30")}`));
        assert.strictEqual(problem.where, "filings[1].filedOn");
        assert.strictEqual(problem.line, 8);
        includesAll(problem.message, ['"2019-02-30" is not a real date', "YYYY-MM-DD"]);
    });

    it("not in YYYY-MM-DD form (2019/02/03, 22 April 2019)", () => {
        for (const text of ["2019/02/03", "22 April 2019", "2019-4-22"]) {
            const problem = only(registryError(`filings:\n${dated("a.com", "浙ICP备2023012345号-1", text)}`));
            assert.strictEqual(problem.where, "filings[0].filedOn", text);
            includesAll(problem.message, [`"${text}" is not a date`, "YYYY-MM-DD"]);
        }
    });

    it("JSON: filedOn as a number is a type problem", () => {
        const text = JSON.stringify({ filings: [{ domain: "a.com", icp: "浙ICP备2023012345号-1", accessProviders: ["alibaba"], filedOn: 20190422 }] });
        assert.deepStrictEqual(wheres(registryError(text, JSON_FILE)), ["filings[0].filedOn"]);
    });
});

describe("registry: unfileable TLDs are refused", () => {
    it("a .io entry is an error naming filings[N].domain", () => {
        const error = registryError(`filings:\n${entry("a.com")}${entry("example.io", "浙ICP备2023012345号-2")}`);
        const problem = only(error);
        assert.strictEqual(problem.where, "filings[1].domain");
        assert.strictEqual(problem.line, 5);
        includesAll(problem.message, ['"example.io"', ".io is not an MIIT-approved suffix", "snapshot 2026-08-19", "remove the entry"]);
        includesAll(error.message, ["filings[1].domain (line 5)"]);
    });

    it(".dev, .app and .ai entries are errors too, all reported at once", () => {
        const error = registryError(`filings:\n${entry("a.dev")}${entry("b.app", "浙ICP备2023012345号-2")}${entry("c.ai", "浙ICP备2023012345号-3")}`);
        assert.deepStrictEqual(wheres(error), ["filings[0].domain", "filings[1].domain", "filings[2].domain"]);
        includesAll(error.message, [".dev is not", ".app is not", ".ai is not"]);
    });

    it("unverified TLDs (.me, .org) and unlisted ones with an ICANN suffix are accepted: a filing may exist", () => {
        const registry = parseRegistry(`filings:\n${entry("a.me")}${entry("b.org", "浙ICP备2023012345号-2")}${entry("c.tech", "浙ICP备2023012345号-3")}`, YAML_FILE);
        assert.deepStrictEqual(registry.entries.map((e) => e.domain), ["a.me", "b.org", "c.tech"]);
    });

    it("an approved IDN TLD (.政务, punycode xn--zfr164b) is accepted", () => {
        assert.ok(parseRegistry(`filings:\n${entry("example.政务")}`, YAML_FILE).lookup("example.xn--zfr164b"));
    });
});

describe("registry: warnings for a website number on several domains", () => {
    const SHARED = "浙ICP备2023012345号-1";

    it("no warnings when every domain has its own website number", () => {
        assert.deepStrictEqual([...parseRegistry(VALID_YAML, YAML_FILE).warnings], []);
    });

    it("two domains sharing one website number: a warning naming both entries", () => {
        const registry = parseRegistry(`filings:\n${entry("a.com", SHARED)}${entry("other.com", "京ICP备12345678号-2")}${entry("b.com", SHARED)}`, YAML_FILE);
        assert.strictEqual(registry.entries.length, 3, "a warning never refuses the registry");
        assert.strictEqual(registry.warnings.length, 1);
        const [warning] = registry.warnings;
        assert.strictEqual(warning.where, "filings[0], filings[2]");
        includesAll(warning.message, [`website number ${SHARED} is given to a.com and b.com`, `since ${ONE_DOMAIN_PER_WEBSITE_SINCE}`, "add filedOn"]);
    });

    it("none when every entry sharing it was filed before 2019-04-22", () => {
        const registry = parseRegistry(`filings:\n${dated("a.com", SHARED, "2018-01-01")}${dated("b.com", SHARED, "2019-04-21")}`, YAML_FILE);
        assert.deepStrictEqual([...registry.warnings], []);
    });

    it("still warns when one of them has no filedOn, or was filed on or after 2019-04-22", () => {
        for (const second of [entry("b.com", SHARED), dated("b.com", SHARED, "2019-04-22"), dated("b.com", SHARED, "2024-01-01")]) {
            const registry = parseRegistry(`filings:\n${dated("a.com", SHARED, "2018-01-01")}${second}`, YAML_FILE);
            assert.strictEqual(registry.warnings.length, 1, second);
        }
    });

    it("entity numbers without -N and licence numbers are not website numbers", () => {
        const registry = parseRegistry(`filings:\n${entry("a.com", "浙ICP备2023012345号")}${entry("b.com", "浙ICP备2023012345号")}${entry("c.com", "京ICP证030173号")}${entry("d.com", "京ICP证030173号")}`, YAML_FILE);
        assert.deepStrictEqual([...registry.warnings], []);
    });

    it("the empty registry has no warnings and no waivers", () => {
        const registry = parseRegistry("filings: []\n", YAML_FILE);
        assert.deepStrictEqual([...registry.warnings], []);
        assert.deepStrictEqual([...registry.waivers], []);
    });
});

describe("registry: waivers", () => {
    const KNOWN = ["icp-domain-unfiled", "icp-hollow-filing", "icp-filing-host-ineligible"];
    const NOW = new Date("2026-06-01T12:00:00Z");
    const OPTIONS: RegistryOptions = { knownPolicies: KNOWN, now: NOW };
    const FILINGS = `filings:\n${entry("filed-alibaba.com")}`; // lines 1-4; waivers start on line 5

    interface W {
        policy?: string;
        resource?: string;
        domain?: string;
        reason?: string;
        owner?: string;
        expires?: string;
        extra?: string;
    }
    /** One YAML waiver; fields given as undefined are left out, `extra` is added verbatim. */
    function waiver(w: W = {}): string {
        const fields: [string, string | undefined][] = [
            ["policy", "policy" in w ? w.policy : "icp-domain-unfiled"],
            ["resource", "resource" in w ? w.resource : "promo-*"],
            ["domain", w.domain],
            ["reason", "reason" in w ? w.reason : "Campaign site, filing in progress (ticket ICP-42)"],
            ["owner", "owner" in w ? w.owner : "web-team"],
            ["expires", "expires" in w ? w.expires : "2026-12-31"],
        ];
        const lines = fields.filter(([, value]) => value !== undefined).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
        if (w.extra) lines.push(w.extra);
        return `  - ${lines.join("\n    ")}\n`;
    }
    const registryWith = (...waivers: string[]) => `${FILINGS}waivers:\n${waivers.join("")}`;

    describe("valid waivers", () => {
        it("parses every field, in file order, with its index", () => {
            const registry = parseRegistry(registryWith(waiver(), waiver({ policy: "icp-hollow-filing", resource: "www", owner: "Li Lei <lilei@example.com>" })), YAML_FILE, OPTIONS);
            assert.strictEqual(registry.waivers.length, 2);
            const [first, second] = registry.waivers;
            assert.strictEqual(first.index, 0);
            assert.strictEqual(first.policy, "icp-domain-unfiled");
            assert.strictEqual(first.resource, "promo-*");
            assert.strictEqual(first.domain, undefined);
            assert.strictEqual(first.reason, "Campaign site, filing in progress (ticket ICP-42)");
            assert.strictEqual(first.owner, "web-team");
            assert.strictEqual(first.expires, "2026-12-31");
            assert.strictEqual(first.expired, false);
            assert.strictEqual(second.index, 1);
            assert.strictEqual(second.owner, "Li Lei <lilei@example.com>");
        });

        it("the reason is trimmed", () => {
            const [parsed] = parseRegistry(registryWith(waiver({ reason: "   Campaign site, filing in progress   " })), YAML_FILE, OPTIONS).waivers;
            assert.strictEqual(parsed.reason, "Campaign site, filing in progress");
        });

        it("a name glob matches the resource name part of a URN (* and ?)", () => {
            const [glob, single] = parseRegistry(registryWith(waiver({ resource: "promo-*" }), waiver({ resource: "web-?" })), YAML_FILE, OPTIONS).waivers;
            const urn = (name: string, type = "alicloud:cdn/domainNew:DomainNew") => `urn:pulumi:dev::shop::${type}::${name}`;
            assert.ok(glob.matchesResource(urn("promo-spring")));
            assert.ok(glob.matchesResource(urn("promo-")));
            assert.ok(glob.matchesResource(`urn:pulumi:prod::other::alicloud:oss/bucketCname:BucketCname::promo-x`), "a name glob matches in any stack");
            assert.ok(!glob.matchesResource(urn("spring-promo")), "anchored at the start");
            assert.ok(!glob.matchesResource(urn("www")));
            assert.ok(single.matchesResource(urn("web-1")));
            assert.ok(!single.matchesResource(urn("web-12")), "? is one character");
        });

        it("a name glob does not reach into the type or stack part of the URN", () => {
            const [parsed] = parseRegistry(registryWith(waiver({ resource: "*DomainNew*" })), YAML_FILE, OPTIONS).waivers;
            assert.ok(!parsed.matchesResource("urn:pulumi:dev::shop::alicloud:cdn/domainNew:DomainNew::promo"));
        });

        it("regular-expression characters in a glob are literal", () => {
            const [parsed] = parseRegistry(registryWith(waiver({ resource: "www.example(1)+" })), YAML_FILE, OPTIONS).waivers;
            assert.ok(parsed.matchesResource("urn:pulumi:dev::shop::alicloud:cdn/domainNew:DomainNew::www.example(1)+"));
            assert.ok(!parsed.matchesResource("urn:pulumi:dev::shop::alicloud:cdn/domainNew:DomainNew::wwwxexample1"));
        });

        it("a URN waiver matches that whole URN only; a URN may carry globs", () => {
            const exact = "urn:pulumi:dev::shop::alicloud:cdn/domainNew:DomainNew::promo";
            const [byUrn, byUrnGlob] = parseRegistry(registryWith(waiver({ resource: exact }), waiver({ resource: "urn:pulumi:*::shop::alicloud:cdn/domainNew:DomainNew::promo" })), YAML_FILE, OPTIONS).waivers;
            assert.ok(byUrn.matchesResource(exact));
            assert.ok(!byUrn.matchesResource(exact.replace("dev", "prod")), "another stack");
            assert.ok(!byUrn.matchesResource(`${exact}-2`));
            assert.ok(!byUrn.matchesResource(exact.replace("::promo", "::other")));
            assert.ok(byUrnGlob.matchesResource(exact));
            assert.ok(byUrnGlob.matchesResource(exact.replace("dev", "prod")));
            assert.ok(!byUrnGlob.matchesResource(exact.replace("shop", "blog")));
        });

        it("the domain is normalised to the ASCII registrable domain (case, trailing dot, IDN)", () => {
            const registry = parseRegistry(registryWith(waiver({ domain: "Unfiled.COM." }), waiver({ domain: "例子.中国" }), waiver({ domain: "shop.com.cn" })), YAML_FILE, OPTIONS);
            assert.deepStrictEqual(registry.waivers.map((w) => w.domain), ["unfiled.com", "xn--fsqu00a.xn--fiqs8s", "shop.com.cn"]);
        });

        it("expired is computed from options.now: the expiry day itself still applies (UTC)", () => {
            const registry = parseRegistry(
                registryWith(waiver({ expires: "2026-05-31" }), waiver({ expires: "2026-06-01" }), waiver({ expires: "2026-06-02" }), waiver({ expires: "2020-01-01" })),
                YAML_FILE,
                OPTIONS,
            );
            assert.deepStrictEqual(registry.waivers.map((w) => w.expired), [true, false, false, true]);
            const endOfDay = parseRegistry(registryWith(waiver({ expires: "2026-06-01" })), YAML_FILE, { ...OPTIONS, now: new Date("2026-06-01T23:59:59Z") });
            assert.strictEqual(endOfDay.waivers[0].expired, false);
            const nextDay = parseRegistry(registryWith(waiver({ expires: "2026-06-01" })), YAML_FILE, { ...OPTIONS, now: new Date("2026-06-02T00:00:00Z") });
            assert.strictEqual(nextDay.waivers[0].expired, true);
        });

        it("an expired waiver is still parsed (it must be reported, not dropped)", () => {
            const registry = parseRegistry(registryWith(waiver({ expires: "2020-01-31" })), YAML_FILE, OPTIONS);
            assert.strictEqual(registry.waivers.length, 1);
            assert.strictEqual(registry.waivers[0].expired, true);
        });

        it("without knownPolicies any policy name is accepted", () => {
            const registry = parseRegistry(registryWith(waiver({ policy: "some-other-pack-policy" })), YAML_FILE, { now: NOW });
            assert.strictEqual(registry.waivers[0].policy, "some-other-pack-policy");
        });

        it("waivers in a JSON registry", () => {
            const text = JSON.stringify({
                filings: [],
                waivers: [{ policy: "icp-hollow-filing", resource: "www", domain: "Filed-Alibaba.com", reason: "Moving back to Hangzhou next sprint", owner: "ops", expires: "2026-07-01" }],
            });
            const [parsed] = parseRegistry(text, JSON_FILE, OPTIONS).waivers;
            assert.strictEqual(parsed.domain, "filed-alibaba.com");
            assert.strictEqual(parsed.expired, false);
        });
    });

    describe("invalid waivers: every problem names waivers[N] and the field", () => {
        it("missing reason", () => {
            const problem = only(registryErrorWith(registryWith(waiver({ reason: undefined })), OPTIONS));
            assert.strictEqual(problem.where, "waivers[0]");
            assert.strictEqual(problem.line, 6);
            includesAll(problem.message, ['missing field "reason"', "say why"]);
        });

        it("missing owner", () => {
            const problem = only(registryErrorWith(registryWith(waiver(), waiver({ owner: undefined })), OPTIONS));
            assert.strictEqual(problem.where, "waivers[1]");
            includesAll(problem.message, ['missing field "owner"', "who owns the exception"]);
        });

        it("missing expires: waivers do not last forever", () => {
            const problem = only(registryErrorWith(registryWith(waiver({ expires: undefined })), OPTIONS));
            assert.strictEqual(problem.where, "waivers[0]");
            includesAll(problem.message, ['missing field "expires"', "do not last forever"]);
        });

        it("missing policy and resource: both named", () => {
            const error = registryErrorWith(registryWith(waiver({ policy: undefined, resource: undefined })), OPTIONS);
            assert.deepStrictEqual(wheres(error), ["waivers[0]", "waivers[0]"]);
            includesAll(error.message, ['missing field "policy"', 'missing field "resource"', "www-*"]);
        });

        it("reason too short (schema minimum)", () => {
            const problem = only(registryErrorWith(registryWith(waiver({ reason: "todo" })), OPTIONS));
            assert.strictEqual(problem.where, "waivers[0].reason");
            assert.strictEqual(problem.line, 8);
            includesAll(problem.message, ["too short", "what closes it"]);
        });

        it("reason too short once trimmed (padded with spaces)", () => {
            const problem = only(registryErrorWith(registryWith(waiver({ reason: "     todo      " })), OPTIONS));
            assert.strictEqual(problem.where, "waivers[0].reason");
            includesAll(problem.message, ["too short"]);
        });

        it("a date that does not exist (2026-02-30)", () => {
            const problem = only(registryErrorWith(registryWith(waiver({ expires: "2026-02-30" })), OPTIONS));
            assert.strictEqual(problem.where, "waivers[0].expires");
            assert.strictEqual(problem.line, 10);
            includesAll(problem.message, ['"2026-02-30" is not a real date', "YYYY-MM-DD"]);
        });

        it("expires not in YYYY-MM-DD form", () => {
            const problem = only(registryErrorWith(registryWith(waiver({ expires: "end of Q3" })), OPTIONS));
            assert.strictEqual(problem.where, "waivers[0].expires");
            includesAll(problem.message, ['"end of Q3" is not a date']);
        });

        it("unknown policy (with knownPolicies): no suggestion when nothing is close", () => {
            const problem = only(registryErrorWith(registryWith(waiver({ policy: "no-such-thing-at-all" })), OPTIONS));
            assert.strictEqual(problem.where, "waivers[0].policy");
            assert.strictEqual(problem.line, 6);
            includesAll(problem.message, ['"no-such-thing-at-all" is not an icp-guard policy']);
            assert.doesNotMatch(problem.message, /did you mean/);
        });

        it("a misspelt policy suggests the right one", () => {
            const problem = only(registryErrorWith(registryWith(waiver({ policy: "icp-domain-unfield" })), OPTIONS));
            assert.strictEqual(problem.where, "waivers[0].policy");
            includesAll(problem.message, ['did you mean "icp-domain-unfiled"?']);
        });

        it("a domain that is a subdomain names the registrable domain", () => {
            const problem = only(registryErrorWith(registryWith(waiver({ domain: "www.example.com" })), OPTIONS));
            assert.strictEqual(problem.where, "waivers[0].domain");
            assert.strictEqual(problem.line, 8);
            includesAll(problem.message, ['"www.example.com" is not a registrable domain', "(example.com)"]);
        });

        it("a wildcard domain, a public suffix and garbage are refused", () => {
            for (const domain of ["*.example.com", "com.cn", "not a domain"]) {
                const problem = only(registryErrorWith(registryWith(waiver({ domain })), OPTIONS));
                assert.strictEqual(problem.where, "waivers[0].domain", domain);
            }
        });

        it("an unknown field suggests the close one", () => {
            const problem = only(registryErrorWith(registryWith(waiver({ extra: "owners: web-team" })), OPTIONS));
            assert.strictEqual(problem.where, "waivers[0].owners");
            includesAll(problem.message, ['unknown field "owners"', 'did you mean "owner"?']);
        });

        it("an unknown field with nothing close lists the allowed fields", () => {
            const problem = only(registryErrorWith(registryWith(waiver({ extra: "ticket: ICP-42" })), OPTIONS));
            assert.strictEqual(problem.where, "waivers[0].ticket");
            includesAll(problem.message, ["policy, resource, domain, reason, owner, expires"]);
        });

        it("waivers that is not a list", () => {
            const problem = only(registryErrorWith(`${FILINGS}waivers: {}\n`, OPTIONS));
            assert.strictEqual(problem.where, "waivers");
            includesAll(problem.message, ["must be a list"]);
        });

        it("every problem of every waiver and filing is reported at once, in file order", () => {
            const text =
                `filings:\n${entry("example.io")}` + // filings[0].domain, line 2
                "waivers:\n" +
                waiver({ policy: "icp-domain-unfield" }) + // waivers[0].policy, line 6
                waiver({ expires: "2026-02-30", domain: "www.example.com" }); // waivers[1].domain line 13, .expires line 16
            const error = registryErrorWith(text, OPTIONS);
            assert.deepStrictEqual(wheres(error), ["filings[0].domain", "waivers[0].policy", "waivers[1].domain", "waivers[1].expires"]);
            assert.deepStrictEqual(error.problems.map((p) => p.line), [2, 6, 13, 16]);
            includesAll(error.message, ["these 4 problems"]);
        });
    });
});

describe("registry: YAML aliases and odd field names", () => {
    const { parseRegistry: parse, RegistryError: Failure } = require("../lib/model/registry") as typeof import("../lib/model/registry");
    const problemsOf = (text: string) => {
        try {
            parse(text, "/r/icp-filings.yaml");
        } catch (error) {
            assert.ok(error instanceof Failure, String(error));
            return error.problems;
        }
        return [];
    };
    it("an unresolved alias is a located YAML problem, not a crash", () => {
        const [problem] = problemsOf("filings:\n  - <<: *missing\n    domain: a.com\n");
        assert.strictEqual(problem.where, "file");
        assert.match(problem.message, /is not valid YAML: Unresolved alias/);
    });
    it("an alias bomb is refused as a YAML problem", () => {
        const bomb = "a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nfilings: []\n";
        assert.match(problemsOf(bomb)[0].message, /is not valid YAML: Excessive alias count/);
    });
    it("a blank field name is shown quoted", () => {
        const problems = problemsOf('filings:\n  - "": x\n    domain: a.com\n    icp: 浙ICP备2023012345号-1\n    accessProviders: [alibaba]\n');
        assert.deepStrictEqual(problems.map((p) => p.where), ['filings[0].""']);
    });
});
