/**
 * The config schema declared for `icp-filing-registry` must be one the engine can use: it validates
 * policy config in Go with gojsonschema (PULUMI-POLICY-ENGINE.md §7.1), every run, even without
 * config, after wrapping the schema as {type: object, properties, required} and injecting
 * `enforcementLevel`. So: keywords gojsonschema implements, RE2 patterns, nothing required at the
 * top, no `enforcementLevel` property, and the same shape as the registry file's schema.
 */
import * as assert from "assert";
import { REGISTRY_CONFIG_SCHEMA } from "../lib/model/registry-sources";
import { REGISTRY_SCHEMA } from "../lib/model/registry-schema";

const GOJSONSCHEMA_KEYWORDS = new Set(["type", "properties", "items", "required", "additionalProperties", "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "pattern", "enum", "description"]);

function walk(schema: unknown, at: string, visit: (node: Record<string, unknown>, at: string) => void): void {
    if (!schema || typeof schema !== "object") return;
    const node = schema as Record<string, unknown>;
    visit(node, at);
    for (const [name, child] of Object.entries((node["properties"] as Record<string, unknown> | undefined) ?? {})) walk(child, `${at}.properties.${name}`, visit);
    if (node["items"]) walk(node["items"], `${at}.items`, visit);
}

describe("icp-filing-registry: the config schema the engine validates", () => {
    it("declares the registry's lists, nothing required, no enforcementLevel", () => {
        assert.deepStrictEqual(Object.keys(REGISTRY_CONFIG_SCHEMA.properties).sort(), ["filings", "waivers"]);
        assert.ok(!("required" in REGISTRY_CONFIG_SCHEMA), "a required property would fail every run without config");
        assert.strictEqual(REGISTRY_CONFIG_SCHEMA.properties.filings, REGISTRY_SCHEMA.properties.filings, "the same entries as the file");
        assert.strictEqual(REGISTRY_CONFIG_SCHEMA.properties.waivers, REGISTRY_SCHEMA.properties.waivers);
    });

    it("uses only keywords gojsonschema implements, and RE2-compatible patterns", () => {
        walk({ type: "object", properties: REGISTRY_CONFIG_SCHEMA.properties }, "(root)", (node, at) => {
            for (const keyword of Object.keys(node)) assert.ok(GOJSONSCHEMA_KEYWORDS.has(keyword), `${at}: ${keyword}`);
            const pattern = node["pattern"];
            if (typeof pattern === "string") {
                // RE2 has no lookaround and no backreferences.
                assert.doesNotMatch(pattern, /\(\?[=!<]|\\[1-9]/, `${at}: ${pattern}`);
                assert.doesNotThrow(() => new RegExp(pattern, "u"));
            }
            assert.ok(!("default" in node), `${at}: defaults are applied by the engine at the top level only`);
        });
    });
});
