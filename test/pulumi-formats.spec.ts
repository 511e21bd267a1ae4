/**
 * The Pulumi files the tests feed icp-guard — the fixtures in test/fixtures/pulumi/ and what
 * tools/record-program.ts writes for the example programs — are in the formats Pulumi writes,
 * checked against Pulumi's own definitions rather than against icp-guard's reading of them
 * (pulumi/pulumi at 1b5949891b3cefcb9974752b24a5ecef0acc86c8):
 *
 * - `pulumi stack export` prints `apitype.UntypedDeployment` {version, deployment: DeploymentV3};
 *   `pulumi preview --json` prints `display.PreviewDigest` (pkg/display/json.go) whose steps carry
 *   `apitype.ResourceV3` states (pkg/backend/display/json.go getPreviewMetadataStep →
 *   stack.SerializeResource). Both go through encoding/json, so a field tagged `omitempty` is never
 *   written empty (no `[]`, `{}`, `false` or `""`), `custom`, `urn` and `type` always are, and
 *   PreviewStep's `detailedDiff` (no omitempty) always is, `null` when there is none. The field
 *   lists below are transcribed from sdk/go/common/apitype/core.go and pkg/display/json.go.
 * - Property values validate against Pulumi's JSON schema for them (sdk/go/common/apitype/
 *   property-values.json, vendored unchanged in test/fixtures/pulumi/schemas/).
 * - A real export from Pulumi's docs (test/fixtures/pulumi/public/, provenance beside it) passes
 *   the same checks and icp-guard reads it, so the checks are not written to fit our own fixtures.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv2020, { ValidateFunction } from "ajv/dist/2020";
import { listExamples, recordExample, REPO_DIR } from "../tools/examples";
import { parseInputFile } from "../lib/inputs/pulumi-file";

const FIXTURES = path.join(REPO_DIR, "test", "fixtures", "pulumi");

type Json = unknown;
type Check = (value: Json) => boolean;
const isString: Check = (v) => typeof v === "string";
const isBool: Check = (v) => typeof v === "boolean";
const isObject: Check = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const stringArray: Check = (v) => Array.isArray(v) && v.every(isString);
const anything: Check = () => true;

/** The property-value schema (Ajv does not resolve an $anchor at a schema's root: "#property_value" → "#"). */
function propertyValueValidator(): ValidateFunction {
    const text = fs.readFileSync(path.join(FIXTURES, "schemas", "property-values.json"), "utf8");
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    return ajv.compile(JSON.parse(text.split('"#property_value"').join('"#"')));
}
const propertyValue = propertyValueValidator();
const propertyMap: Check = (v) => isObject(v) && Object.values(v as object).every((value) => propertyValue(value));

/** apitype.ResourceV3: JSON field → [check, omitempty]. */
const RESOURCE_V3: Readonly<Record<string, readonly [Check, boolean]>> = {
    urn: [isString, false],
    custom: [isBool, false],
    delete: [isBool, true],
    id: [isString, true],
    type: [isString, false],
    inputs: [propertyMap, true],
    outputs: [propertyMap, true],
    parent: [isString, true],
    protect: [isBool, true],
    taint: [isBool, true],
    external: [isBool, true],
    dependencies: [stringArray, true],
    initErrors: [stringArray, true],
    provider: [isString, true],
    // map[PropertyKey][]URN: a nil slice is written as null.
    propertyDependencies: [(v) => isObject(v) && Object.values(v as object).every((urns) => urns === null || stringArray(urns)), true],
    pendingReplacement: [isBool, true],
    additionalSecretOutputs: [stringArray, true],
    aliases: [stringArray, true],
    customTimeouts: [isObject, true],
    importID: [isString, true],
    retainOnDelete: [isBool, true],
    deletedWith: [isString, true],
    replaceWith: [stringArray, true],
    created: [isString, true],
    modified: [isString, true],
    sourcePosition: [isString, true],
    stackTrace: [Array.isArray, true],
    ignoreChanges: [stringArray, true],
    hideDiff: [Array.isArray, true],
    replaceOnChanges: [stringArray, true],
    replacementTrigger: [anything, true],
    refreshBeforeUpdate: [isBool, true],
    viewOf: [isString, true],
    resourceHooks: [isObject, true],
    extensionRef: [isString, true],
    snippetID: [isString, true],
};

/** What encoding/json never writes for an omitempty field. */
function isEmpty(value: Json): boolean {
    return value === false || value === "" || value === 0 || value === null || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value as object).length === 0);
}

function fieldProblems(where: string, value: Json, fields: Readonly<Record<string, readonly [Check, boolean]>>): string[] {
    if (!isObject(value)) return [`${where}: not an object`];
    const record = value as Record<string, Json>;
    const problems: string[] = [];
    for (const [key, field] of Object.entries(record)) {
        const spec = fields[key];
        if (!spec) problems.push(`${where}: "${key}" is not a field of the Go struct`);
        else if (spec[1] && isEmpty(field)) problems.push(`${where}.${key}: empty, but omitempty: Pulumi never writes it so`);
        else if (!spec[0](field)) problems.push(`${where}.${key}: wrong type ${JSON.stringify(field)?.slice(0, 120)}`);
    }
    for (const [key, [, omitempty]] of Object.entries(fields)) if (!omitempty && !(key in record)) problems.push(`${where}: "${key}" missing (not omitempty: always written)`);
    return problems;
}

/** Every problem of a `pulumi stack export` document. */
function exportProblems(document: Json): string[] {
    const problems = fieldProblems("(top)", document, { version: [(v) => v === 3, true], features: [stringArray, true], deployment: [isObject, true] });
    const deployment = (document as Record<string, Json>)["deployment"];
    problems.push(
        ...fieldProblems("deployment", deployment, {
            manifest: [isObject, false],
            secrets_providers: [isObject, true],
            resources: [Array.isArray, true],
            pending_operations: [Array.isArray, true],
            metadata: [isObject, true],
            snippets: [Array.isArray, true],
            extensions: [isObject, true],
        }),
    );
    const manifest = (deployment as Record<string, Json> | undefined)?.["manifest"];
    problems.push(...fieldProblems("deployment.manifest", manifest, { time: [isString, false], magic: [isString, false], version: [isString, false], plugins: [Array.isArray, true] }));
    ((deployment as Record<string, Json[]> | undefined)?.["resources"] ?? []).forEach((resource, i) => problems.push(...fieldProblems(`resources[${i}]`, resource, RESOURCE_V3)));
    return problems;
}

/** pkg/display/json.go PreviewDigest and PreviewStep. */
const DIGEST: Readonly<Record<string, readonly [Check, boolean]>> = {
    config: [(v) => isObject(v) && Object.values(v as object).every(isString), true],
    steps: [Array.isArray, true],
    diagnostics: [Array.isArray, true],
    duration: [(v) => typeof v === "number", true],
    changeSummary: [isObject, true],
    maybeCorrupt: [isBool, true],
};
/** pkg/resource/deploy/step.go StepOp values. */
const STEP_OPS = [
    "same", "create", "update", "delete", "replace", "create-replacement", "delete-replaced", "read", "read-replacement", "refresh",
    "discard", "discard-replaced", "remove-pending-replace", "import", "import-replacement", "diff", "extend-parameterize",
];
const STEP: Readonly<Record<string, readonly [Check, boolean]>> = {
    op: [(v) => STEP_OPS.includes(v as string), false],
    urn: [isString, false],
    provider: [isString, true],
    oldState: [isObject, true],
    newState: [isObject, true],
    diffReasons: [stringArray, true],
    replaceReasons: [stringArray, true],
    detailedDiff: [(v) => v === null || isObject(v), false],
};

/** Every problem of a `pulumi preview --json` document. */
function previewProblems(document: Json): string[] {
    const problems = fieldProblems("(top)", document, DIGEST);
    ((document as Record<string, Json[]>)["steps"] ?? []).forEach((step, i) => {
        problems.push(...fieldProblems(`steps[${i}]`, step, STEP));
        for (const state of ["oldState", "newState"]) {
            const value = (step as Record<string, Json>)[state];
            if (value !== undefined) problems.push(...fieldProblems(`steps[${i}].${state}`, value, RESOURCE_V3));
        }
    });
    return problems;
}

const isPreview = (document: Record<string, unknown>) => Array.isArray(document["steps"]);

describe("Pulumi files in the tests are in the formats Pulumi writes", function () {
    this.timeout(180_000);
    const fixtureFiles = fs.readdirSync(FIXTURES).filter((name) => name.endsWith(".json"));

    it("the checks reject what Pulumi would not write", () => {
        assert.deepStrictEqual(exportProblems({ version: 3, deployment: { manifest: { time: "t", magic: "m", version: "v" }, resources: [{ urn: 7, type: "t", custom: true, protect: false }] } }), [
            "resources[0].urn: wrong type 7",
            "resources[0].protect: empty, but omitempty: Pulumi never writes it so",
        ]);
        assert.strictEqual(previewProblems({ steps: [{ op: "creat", urn: "u", newState: { urn: "u", type: "t", custom: "yes", outputs: { x: { "4dabf18193072939515e22adb298388d": "nope" } } } }] }).length, 4);
    });

    it("a real export from Pulumi's docs passes them and icp-guard reads it", () => {
        const file = path.join(FIXTURES, "public", "pulumi-docs-rest-api-export.json");
        const text = fs.readFileSync(file, "utf8");
        assert.deepStrictEqual(exportProblems(JSON.parse(text)), []);
        assert.strictEqual(parseInputFile(text, file).resources.length, 3);
    });

    for (const name of fixtureFiles) {
        it(`test/fixtures/pulumi/${name}`, () => {
            const document = JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8")) as Record<string, unknown>;
            assert.deepStrictEqual(isPreview(document) ? previewProblems(document) : exportProblems(document), []);
        });
    }

    listExamples().forEach((example, index) => {
        // Previews of every example; an update (known outputs) of the first, which is all that changes.
        for (const preview of index === 0 ? [true, false] : [true]) {
            it(`record-program's ${preview ? "preview" : "update"} of examples/${example.name} has PreviewDigest's shape`, () => {
                assert.deepStrictEqual(previewProblems(recordExample(example, preview)), []);
            });
        }
    });
});
