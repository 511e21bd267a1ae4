/**
 * lib/model/domain.ts: one hostname model for resources, DNS records and the registry
 * (ICP-RULES.md §3.1 subdomains, §3.2 wildcards, §3.3 IDNs).
 */
import * as assert from "assert";
import { isIP } from "net";
import { domainToASCII, domainToUnicode } from "url";
import * as fc from "fast-check";
import { parseHostname, showHost, Hostname, HostnameParse } from "../lib/model/domain";

function host(input: string): Hostname {
    const parsed = parseHostname(input);
    assert.ok(parsed.ok, `${JSON.stringify(input)} should parse, got ${JSON.stringify(parsed)}`);
    return parsed.host;
}

function problem(input: string): Extract<HostnameParse, { ok: false }> {
    const parsed = parseHostname(input);
    assert.ok(!parsed.ok, `${JSON.stringify(input.slice(0, 60))} should not parse, got ${JSON.stringify(parsed)}`);
    return parsed;
}

/** Whatever the input, a result is either a problem or a well-formed ASCII host. */
function assertWellFormed(input: string): HostnameParse {
    let parsed: HostnameParse | undefined;
    assert.doesNotThrow(() => {
        parsed = parseHostname(input);
    }, `parseHostname threw for ${JSON.stringify(input.slice(0, 60))}`);
    assert.ok(parsed !== undefined);
    if (parsed.ok) {
        assert.match(parsed.host.ascii, /^[a-z0-9.-]+$/, "ascii form is lower-case ASCII");
        assert.match(parsed.host.registrable, /^[a-z0-9.-]+$/, "registrable form is lower-case ASCII");
        assert.ok(parsed.host.ascii === parsed.host.registrable || parsed.host.ascii.endsWith(`.${parsed.host.registrable}`));
    } else {
        assert.ok(["empty", "too-long", "not-a-hostname", "ip-address", "public-suffix"].includes(parsed.problem), parsed.problem);
    }
    return parsed;
}

describe("domain: parseHostname", () => {
    describe("normal form", () => {
        it("lower-cases", () => {
            const h = host("WWW.Example.COM");
            assert.strictEqual(h.ascii, "www.example.com");
            assert.strictEqual(h.registrable, "example.com");
            assert.strictEqual(h.wildcard, false);
        });

        it("removes one trailing dot", () => {
            assert.strictEqual(host("example.com.").ascii, "example.com");
            assert.strictEqual(host("www.example.com.").registrable, "example.com");
        });

        it("does not accept two trailing dots (an empty label)", () => {
            assert.strictEqual(problem("example.com..").problem, "not-a-hostname");
        });

        it("plain hostname: suffix and ICANN flag", () => {
            const h = host("www.example.com");
            assert.strictEqual(h.publicSuffix, "com");
            assert.strictEqual(h.icannSuffix, true);
            assert.strictEqual(h.display, "www.example.com");
            assert.strictEqual(h.registrableDisplay, "example.com");
        });
    });

    describe("IDN (§3.3): Unicode and punycode compare in one form", () => {
        it("例子.中国 and xn--fsqu00a.xn--fiqs8s are the same host", () => {
            const unicode = host("例子.中国");
            const puny = host("xn--fsqu00a.xn--fiqs8s");
            assert.strictEqual(unicode.ascii, "xn--fsqu00a.xn--fiqs8s");
            assert.strictEqual(unicode.ascii, puny.ascii);
            assert.strictEqual(unicode.registrable, puny.registrable);
            assert.strictEqual(unicode.publicSuffix, "xn--fiqs8s");
            assert.strictEqual(unicode.icannSuffix, true);
        });

        it("displays IDNs in Unicode whichever form was written", () => {
            assert.strictEqual(host("例子.中国").display, "例子.中国");
            assert.strictEqual(host("xn--fsqu00a.xn--fiqs8s").display, "例子.中国");
            assert.strictEqual(host("www.xn--fsqu00a.xn--fiqs8s").registrableDisplay, "例子.中国");
        });

        it("subdomain of an IDN, upper-case punycode", () => {
            assert.strictEqual(host("WWW.例子.中国").registrable, "xn--fsqu00a.xn--fiqs8s");
            assert.strictEqual(host("WWW.XN--FSQU00A.XN--FIQS8S").registrable, "xn--fsqu00a.xn--fiqs8s");
        });

        it("full-width letters and the ideographic full stop map to ASCII (UTS-46)", () => {
            assert.strictEqual(host("ｅｘａｍｐｌｅ.com").ascii, "example.com");
            assert.strictEqual(host("example。com").ascii, "example.com");
        });
    });

    describe("wildcards (§3.2)", () => {
        it("*.example.com stands for example.com", () => {
            const h = host("*.example.com");
            assert.strictEqual(h.wildcard, true);
            assert.strictEqual(h.ascii, "example.com");
            assert.strictEqual(h.registrable, "example.com");
        });

        it("VOD's leading-dot form .example.com stands for example.com", () => {
            const h = host(".example.com");
            assert.strictEqual(h.wildcard, true);
            assert.strictEqual(h.ascii, "example.com");
            assert.strictEqual(h.registrable, "example.com");
        });

        it("wildcard under a deeper name keeps its registrable domain", () => {
            const h = host("*.static.shop.com.cn");
            assert.strictEqual(h.wildcard, true);
            assert.strictEqual(h.ascii, "static.shop.com.cn");
            assert.strictEqual(h.registrable, "shop.com.cn");
        });

        it("a wildcard over a public suffix is the public suffix", () => {
            const p = problem("*.com.cn");
            assert.strictEqual(p.problem, "public-suffix");
            assert.strictEqual(p.suffix, "com.cn");
        });

        it("a bare wildcard or nested wildcard is not a hostname", () => {
            assert.strictEqual(problem("*.").problem, "empty");
            assert.strictEqual(problem("*.*.example.com").problem, "not-a-hostname");
        });
    });

    describe("registrable domain via the PSL ICANN section (§3.1)", () => {
        it("www.shop.com.cn belongs to shop.com.cn", () => {
            const h = host("www.shop.com.cn");
            assert.strictEqual(h.registrable, "shop.com.cn");
            assert.strictEqual(h.publicSuffix, "com.cn");
        });

        it("deep subdomains reduce to the registrable domain", () => {
            assert.strictEqual(host("a.b.c.example.com").registrable, "example.com");
            assert.strictEqual(host("a.b.example.gov.cn").registrable, "example.gov.cn");
        });

        it("private suffixes are off: foo.github.io belongs to github.io", () => {
            const h = host("foo.github.io");
            assert.strictEqual(h.registrable, "github.io");
            assert.strictEqual(h.publicSuffix, "io");
            assert.strictEqual(h.icannSuffix, true);
        });

        it("a look-alike keeps the real registrable domain", () => {
            assert.strictEqual(host("filed.com.evil.com").registrable, "evil.com");
        });
    });

    describe("public suffixes", () => {
        it("com.cn is a public suffix, reported with the suffix", () => {
            const p = problem("com.cn");
            assert.strictEqual(p.problem, "public-suffix");
            assert.strictEqual(p.suffix, "com.cn");
        });

        it("gov.cn is a public suffix", () => {
            const p = problem("gov.cn");
            assert.strictEqual(p.problem, "public-suffix");
            assert.strictEqual(p.suffix, "gov.cn");
        });

        it("com.cn with a trailing dot and in upper case is still the public suffix", () => {
            const p = problem("COM.CN.");
            assert.strictEqual(p.problem, "public-suffix");
            assert.strictEqual(p.suffix, "com.cn");
        });

        it("the IDN TLD 中国 is a public suffix, reported with the suffix", () => {
            for (const input of ["中国", "xn--fiqs8s"]) {
                const p = problem(input);
                assert.strictEqual(p.problem, "public-suffix", input);
                assert.ok(p.suffix === "xn--fiqs8s" || p.suffix === "中国", `suffix of ${input}: ${p.suffix}`);
            }
        });
    });

    describe("not domains", () => {
        it("IPv4 addresses", () => {
            assert.strictEqual(problem("1.2.3.4").problem, "ip-address");
            assert.strictEqual(problem("10.0.0.1.").problem, "ip-address");
        });

        it("IPv6 addresses, bare and bracketed", () => {
            assert.strictEqual(problem("::1").problem, "ip-address");
            assert.strictEqual(problem("2001:db8::1").problem, "ip-address");
            assert.strictEqual(problem("[2001:db8::1]").problem, "ip-address");
        });

        it("empty input, a lone dot, a lone wildcard", () => {
            assert.strictEqual(problem("").problem, "empty");
            assert.strictEqual(problem(".").problem, "empty");
        });

        it("whitespace and garbage", () => {
            for (const input of [" ", "\t", "\n", "  example.com", "example.com ", "exa mple.com", "example.com/path", "user@example.com", "example.com?x", "ex%41mple.com", "a\\b.com"]) {
                assert.strictEqual(problem(input).problem, "not-a-hostname", JSON.stringify(input));
            }
        });

        it("URLs and host:port are malformed hostnames, not IP addresses", () => {
            for (const input of ["https://example.com", "example.com:8080", "www.example.com:443"]) {
                assert.strictEqual(problem(input).problem, "not-a-hostname", JSON.stringify(input));
            }
        });

        it("empty labels", () => {
            assert.strictEqual(problem("a..b.com").problem, "not-a-hostname");
        });

        it("labels with a leading or trailing hyphen", () => {
            assert.strictEqual(problem("-foo.example.com").problem, "not-a-hostname");
            assert.strictEqual(problem("foo-.example.com").problem, "not-a-hostname");
            assert.strictEqual(problem("-example.com").problem, "not-a-hostname");
        });

        it("a single label is not a hostname that can be filed", () => {
            assert.strictEqual(problem("localhost").problem, "not-a-hostname");
        });

        it("a label longer than 63 characters", () => {
            assert.strictEqual(problem(`${"a".repeat(64)}.com`).problem, "not-a-hostname");
        });
    });

    describe("over-long input", () => {
        it("2,000 characters: too-long, without throwing", () => {
            const input = "a".repeat(2000);
            assert.strictEqual(assertWellFormed(input).ok, false);
            assert.strictEqual(problem(input).problem, "too-long");
        });

        it("2,000 characters made of valid labels: too-long", () => {
            const input = `${"abcdefghi.".repeat(199)}com`;
            assert.ok(input.length > 1900);
            assert.strictEqual(problem(input).problem, "too-long");
        });

        it("a 300-character name of valid labels: too-long", () => {
            const input = `${`${"a".repeat(59)}.`.repeat(4)}${"b".repeat(56)}.com`;
            assert.strictEqual(input.length, 300);
            assert.strictEqual(problem(input).problem, "too-long");
            assert.strictEqual(problem(`*.${input}`).problem, "too-long");
        });

        it("a 300-character Unicode name: too-long, without throwing", () => {
            const input = `${"例".repeat(296)}.com`;
            assert.strictEqual(input.length, 300);
            assert.strictEqual(assertWellFormed(input).ok, false);
        });

        it("a 253-character name is still a hostname", () => {
            const labels = [`${"a".repeat(63)}`, `${"b".repeat(63)}`, `${"c".repeat(63)}`, `${"d".repeat(57)}`, "com"];
            const input = labels.join(".");
            assert.strictEqual(input.length, 253);
            assert.strictEqual(host(input).registrable, `${"d".repeat(57)}.com`);
        });
    });

    describe("unknown TLD", () => {
        it("example.internal parses, with icannSuffix false", () => {
            const h = host("example.internal");
            assert.strictEqual(h.registrable, "example.internal");
            assert.strictEqual(h.publicSuffix, "internal");
            assert.strictEqual(h.icannSuffix, false);
        });

        it("www.example.internal reduces to example.internal", () => {
            const h = host("www.example.internal");
            assert.strictEqual(h.registrable, "example.internal");
            assert.strictEqual(h.icannSuffix, false);
        });
    });

    describe("odd Unicode never throws", () => {
        const inputs: Record<string, string> = {
            emoji: "😀.com",
            "emoji subdomain": "www.😀.example.com",
            "emoji only": "😀",
            "RTL mark": "exa\u200Fmple.com",
            "RTL override": "\u202Eexample.com",
            "LTR mark at the end": "example.com\u200E",
            "zero-width joiner": "exa\u200Dmple.com",
            "zero-width non-joiner": "exa\u200Cmple.com",
            "zero-width space": "exa\u200Bmple.com",
            "BOM": "\uFEFFexample.com",
            "combining marks only": "\u0301\u0301.com",
            "lone surrogate": "\uD800.com",
            "NUL": "exa\u0000mple.com",
            "Arabic": "مثال.إختبار",
            "mixed scripts": "pаypal.com", // Cyrillic а
            "many dots": ".".repeat(500),
            "many emoji": "😀".repeat(600),
            "ideographic space": "例子\u3000.中国",
            "invalid punycode": "xn--.com",
            "broken punycode": "xn--zzzzzzzz-.com",
        };
        for (const [name, input] of Object.entries(inputs)) {
            it(name, () => {
                assertWellFormed(input);
            });
        }

        it("an emoji domain, when accepted, is in punycode", () => {
            const parsed = assertWellFormed("😀.com");
            if (parsed.ok) assert.match(parsed.host.ascii, /^xn--[a-z0-9-]+\.com$/);
        });

        it("bidi controls and zero-width joiners are not accepted inside a hostname", () => {
            for (const input of ["exa\u200Fmple.com", "\u202Eexample.com", "exa\u200Dmple.com"]) {
                assert.strictEqual(parseHostname(input).ok, false, JSON.stringify(input));
            }
        });
    });

    it("is stable: the same input twice gives the same answer", () => {
        assert.deepStrictEqual(parseHostname("www.例子.中国"), parseHostname("www.例子.中国"));
        assert.deepStrictEqual(parseHostname("com.cn"), parseHostname("com.cn"));
    });
});

describe("domain: showHost", () => {
    it("shows an ASCII host as it is", () => {
        assert.strictEqual(showHost("example.com"), "example.com");
    });

    it("shows an IDN in Unicode with its punycode beside it", () => {
        assert.strictEqual(showHost("xn--fsqu00a.xn--fiqs8s"), "例子.中国 (xn--fsqu00a.xn--fiqs8s)");
    });

    it("shows the registrable domain of a parsed IDN the way people write it", () => {
        assert.strictEqual(showHost(host("www.例子.中国").registrable), "例子.中国 (xn--fsqu00a.xn--fiqs8s)");
    });

    it("never throws on invalid punycode, and shows it as it is", () => {
        assert.strictEqual(showHost("xn--zz"), "xn--zz");
        assert.doesNotThrow(() => showHost("xn--.com"));
        assert.doesNotThrow(() => showHost(""));
    });
});

describe("domain: the shortcuts parseHostname takes are exact", () => {
    // parseHostname skips domainToUnicode for ASCII without `xn--` and isIP for input without a
    // colon (start-up cost of a large registry); these hold the shortcuts to what they skip.
    it("domainToUnicode leaves lower-case ASCII hostnames without punycode labels as they are", () => {
        fc.assert(
            fc.property(fc.stringMatching(/^[a-z0-9-]{1,20}(\.[a-z0-9-]{1,20}){0,4}$/), (text) => {
                const ascii = domainToASCII(text);
                fc.pre(ascii !== "" && !ascii.includes("xn--"));
                assert.strictEqual(domainToUnicode(ascii), ascii);
            }),
            { numRuns: 2000, seed: 20261206 },
        );
    });

    it("no string without a colon is an IPv6 address", () => {
        fc.assert(
            fc.property(fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF.[]%:"), maxLength: 45 }), (text) => {
                if (!text.includes(":")) assert.notStrictEqual(isIP(text), 6);
            }),
            { numRuns: 5000, seed: 20261206 },
        );
    });
});
