/**
 * The pack's main is one file (tools/bundle-pack.ts): icp-guard's own compiled modules joined,
 * every package left to node_modules. The end-to-end suites start it through the launcher; this
 * checks what it is made of.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const PACK_DIR = path.resolve(__dirname, "..", "..");

describe("the pack's bundle (bin/pack.js)", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { main: string; files: string[] };
    const bundle = fs.readFileSync(path.join(PACK_DIR, manifest.main), "utf8");

    it("is package.json's main, and is published", () => {
        assert.strictEqual(manifest.main, "bin/pack.js");
        assert.ok(manifest.files.includes("bin/pack.js") && manifest.files.includes("bin/pack.js.map"));
    });

    it("joins only icp-guard's own modules: its source map names TypeScript sources of this repository, no package", () => {
        const map = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "bin", "pack.js.map"), "utf8")) as { sources: string[] };
        const sources = map.sources.map((source) => path.relative(PACK_DIR, path.resolve(PACK_DIR, "bin", source)));
        assert.ok(sources.includes("index.ts"), sources.join(", "));
        assert.ok(sources.some((source) => source.startsWith(`policies${path.sep}`)));
        const outside = sources.filter((source) => source.includes("node_modules") || source.startsWith("..") || !/^(index\.ts|lib\/.*\.ts|policies\/.*\.ts|bin\/lib\/model\/compiled-schemas\.validators\.js|bin\/data\/[a-z-]+\.json)$/.test(source));
        assert.deepStrictEqual(outside, []);
    });

    it("loads the SDK and every other package from node_modules (the SDK holds process-wide state)", () => {
        for (const name of ["@pulumi/policy", "tldts", "js-yaml"]) assert.ok(bundle.includes(`require("${name}")`), name);
        assert.ok(!/\bfunction PolicyPack\b|class PolicyPack\b/.test(bundle), "the SDK is not copied in");
    });
});
