/**
 * lib/model/icp-number.ts: ICP filing numbers (ICP-RULES.md §5).
 */
import * as assert from "assert";
import { parseIcpNumber, IcpNumber, PROVINCE_PREFIXES } from "../lib/model/icp-number";

function valid(input: string): IcpNumber {
    const parsed = parseIcpNumber(input);
    assert.ok(parsed.ok, `${JSON.stringify(input)} should be valid: ${parsed.ok ? "" : parsed.problem}`);
    return parsed.number;
}

function invalid(input: string): string {
    const parsed = parseIcpNumber(input);
    assert.ok(!parsed.ok, `${JSON.stringify(input.slice(0, 60))} should be invalid, got ${JSON.stringify(parsed)}`);
    assert.ok(parsed.problem.length > 0);
    return parsed.problem;
}

describe("icp-number: parseIcpNumber", () => {
    describe("valid", () => {
        it("8-digit entity number (YY + 6)", () => {
            const n = valid("京ICP备12345678号");
            assert.deepStrictEqual(
                { ...n },
                { full: "京ICP备12345678号", province: "京", kind: "备", serial: "12345678", entity: "京ICP备12345678号", website: undefined },
            );
        });

        it("8-digit website number with -N", () => {
            const n = valid("粤ICP备08130115号-14");
            assert.strictEqual(n.full, "粤ICP备08130115号-14");
            assert.strictEqual(n.entity, "粤ICP备08130115号");
            assert.strictEqual(n.serial, "08130115");
            assert.strictEqual(n.website, 14);
        });

        it("10-digit entity number (YYYY + 6)", () => {
            const n = valid("浙ICP备2023012345号");
            assert.strictEqual(n.serial, "2023012345");
            assert.strictEqual(n.kind, "备");
            assert.strictEqual(n.website, undefined);
        });

        it("10-digit website number with -N", () => {
            const n = valid("苏ICP备2021045936号-2");
            assert.strictEqual(n.province, "苏");
            assert.strictEqual(n.entity, "苏ICP备2021045936号");
            assert.strictEqual(n.website, 2);
        });

        it("three-digit website serial", () => {
            assert.strictEqual(valid("京ICP备12345678号-123").website, 123);
        });

        for (const [alias, example] of [
            ["滇", "滇ICP备2020009854号"],
            ["黔", "黔ICP备12345678号-3"],
            ["蜀", "蜀ICP备2021000001号-1"],
            ["陇", "陇ICP备2021003158号-1"],
        ] as const) {
            it(`province alias ${alias}`, () => {
                const n = valid(example);
                assert.strictEqual(n.province, alias);
                assert.strictEqual(n.full, example);
            });
        }

        it("every one of the 31 standard province abbreviations", () => {
            const standard = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
            assert.strictEqual([...standard].length, 31);
            for (const province of standard) {
                assert.ok(PROVINCE_PREFIXES.includes(province), province);
                assert.strictEqual(valid(`${province}ICP备12345678号-1`).province, province);
            }
        });

        it("ICP licence 京ICP证030173号", () => {
            const n = valid("京ICP证030173号");
            assert.strictEqual(n.kind, "证");
            assert.strictEqual(n.serial, "030173");
            assert.strictEqual(n.entity, "京ICP证030173号");
            assert.strictEqual(n.website, undefined);
        });

        it("ICP licence with a website suffix", () => {
            const n = valid("京ICP证030173号-1");
            assert.strictEqual(n.kind, "证");
            assert.strictEqual(n.website, 1);
        });
    });

    describe("invalid", () => {
        it("unknown province prefix", () => {
            for (const input of ["港ICP备12345678号", "澳ICP备12345678号-1", "台ICP备12345678号", "XICP备12345678号", "ICP备12345678号"]) {
                assert.match(invalid(input), /province/, input);
            }
        });

        it("7 digits", () => {
            assert.match(invalid("京ICP备1234567号"), /8 or 10 digits/);
        });

        it("9 digits", () => {
            assert.match(invalid("京ICP备123456789号"), /8 or 10 digits/);
        });

        it("11 digits", () => {
            invalid("京ICP备20230123456号");
        });

        it("licence with the wrong number of digits", () => {
            invalid("京ICP证03017号");
            invalid("京ICP证0301731号");
        });

        it("missing 号 (suggests the official form)", () => {
            assert.ok(invalid("京ICP备12345678").includes("京ICP备12345678号"));
            assert.ok(invalid("京ICP备12345678-1").includes("京ICP备12345678号-1"));
        });

        it("-N before 号 (suggests the official form)", () => {
            assert.ok(invalid("滇ICP备09010050-5号").includes("滇ICP备09010050号-5"));
        });

        it("website serial 0 or of four digits", () => {
            invalid("京ICP备12345678号-0");
            invalid("京ICP备12345678号-1234");
        });

        it("App filing -1A", () => {
            assert.match(invalid("陕ICP备2024026116号-1A"), /App/);
            assert.match(invalid("沪ICP备2025152989号-1A"), /App/);
        });

        it("公网安备 numbers", () => {
            assert.match(invalid("京公网安备11010802020134号"), /公安联网备案号/);
            assert.match(invalid("京公网安备110105002124号"), /公安联网备案号/);
        });

        it("B2- licences, with and without province", () => {
            for (const input of ["粤B2-20090059", "粤B2-20090059-5", "浙B2-20080101-4", "B2-20080101"]) {
                assert.match(invalid(input), /增值电信/, input);
            }
        });

        it("spaces and a full-width hyphen: suggests the normalised form", () => {
            const problem = invalid("京ICP备 12345678号－1");
            assert.ok(problem.includes("京ICP备12345678号-1"), problem);
        });

        it("full-width hyphen alone", () => {
            assert.ok(invalid("京ICP备12345678号－1").includes("京ICP备12345678号-1"));
        });

        it("spaces everywhere and an ideographic space", () => {
            assert.ok(invalid("京 ICP 备 12345678 号 - 1").includes("京ICP备12345678号-1"));
            assert.ok(invalid("京ICP备\u300012345678号").includes("京ICP备12345678号"));
        });

        it("lower-case icp", () => {
            assert.ok(invalid("京icp备12345678号").includes("京ICP备12345678号"));
        });

        it("leading or trailing whitespace", () => {
            assert.ok(invalid(" 京ICP备12345678号-1").length > 0);
            assert.ok(invalid("京ICP备12345678号-1\n").includes("京ICP备12345678号-1"));
        });

        it("full-width digits are not accepted", () => {
            invalid("京ICP备１２３４５６７８号");
        });

        it("empty and garbage", () => {
            invalid("");
            invalid("ICP");
            invalid("example.com");
            invalid("京ICP备号");
        });

        it("a suggestion is only made when it is itself valid", () => {
            // 7 digits with spaces: normalising does not make it valid, so no "write it as".
            assert.doesNotMatch(invalid("京ICP备 1234567号"), /write it as/);
        });

        it("500 characters do not throw", () => {
            for (const input of ["京".repeat(500), `京ICP备${"1".repeat(494)}号`, `京ICP备12345678号-${"1".repeat(488)}`, " ".repeat(500), "－".repeat(500)]) {
                assert.strictEqual(input.length >= 500, true);
                let problem = "";
                assert.doesNotThrow(() => {
                    const parsed = parseIcpNumber(input);
                    assert.strictEqual(parsed.ok, false);
                    if (!parsed.ok) problem = parsed.problem;
                });
                assert.ok(problem.length < 300, "the problem text does not echo the input");
            }
        });
    });
});
