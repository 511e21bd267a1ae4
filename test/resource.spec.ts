/** Message hygiene helpers of lib/model/resource.ts: cutting long words, scrubbing secrets. */
import * as assert from "assert";
import * as fc from "fast-check";
import { clipLongWords, scrubSecrets } from "../lib/model/resource";

describe("clipLongWords", () => {
    it("cuts every run of more than `limit` non-space characters, counted in code points", () => {
        assert.strictEqual(clipLongWords("short words stay"), "short words stay");
        assert.strictEqual(clipLongWords(`a ${"x".repeat(200)} b`), `a ${"x".repeat(160)}… b`);
        assert.strictEqual(clipLongWords(`${"例".repeat(161)}`), `${"例".repeat(160)}…`);
        assert.strictEqual(clipLongWords(`${"😀".repeat(100)}`), `${"😀".repeat(100)}`, "200 UTF-16 units but 100 code points: kept");
        assert.strictEqual(clipLongWords("abcdef ghi", 3), "abc… ghi");
    });

    it("gives what the plain `\\S{limit+1,}` pattern gives, on any text", () => {
        const reference = (message: string, limit: number) => message.replace(new RegExp(`\\S{${limit + 1},}`, "gu"), (word) => `${[...word].slice(0, limit).join("")}…`);
        const text = fc.array(fc.oneof(fc.string({ unit: "grapheme", maxLength: 30 }), fc.constantFrom(" ", "\n", "\t", "\u00a0", "\u3000", "x".repeat(40), "例".repeat(25), "😀".repeat(25))), { maxLength: 12 }).map((parts) => parts.join(""));
        fc.assert(
            fc.property(text, fc.integer({ min: 1, max: 50 }), (message, limit) => {
                assert.strictEqual(clipLongWords(message, limit), reference(message, limit));
            }),
            { numRuns: 500, seed: 0xc11b },
        );
    });
});

describe("scrubSecrets", () => {
    it("replaces each secret whole, longest first, and reads a secret beside its derived form as one", () => {
        assert.strictEqual(scrubSecrets("region cn-shanghai (华东2（上海）) from provider", new Set(["cn-shanghai", "华东2（上海）"])), "region (secret) from provider");
        assert.strictEqual(scrubSecrets("abc abcd", new Set(["abc", "abcd"])), "(secret) (secret)");
        assert.strictEqual(scrubSecrets("nothing secret", new Set()), "nothing secret");
    });
});
