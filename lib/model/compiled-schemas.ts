/**
 * JSON-schema validators compiled by ajv at build time: the registry's schema and each policy's
 * config schema. `npm run build` runs tools/compile-schemas.ts after tsc, which writes ajv's
 * standalone code to bin/lib/model/compiled-schemas.validators.js. Loading ajv's compiler and compiling
 * the schemas cost the pack ~60 ms of every start and Configure; the generated code needs only
 * ajv's small runtime helpers.
 */
import * as path from "path";
import type { ValidateFunction } from "ajv";

/** The generated module's name, beside this file in bin/lib. */
export const COMPILED_SCHEMAS_MODULE = "compiled-schemas.validators";
/** The registry's validator among the generated exports; the others are policy ids. */
export const REGISTRY_VALIDATOR = "registry";
/** Every error at once, and ajv's strict mode, which checks the schemas themselves at build time. */
export const SCHEMA_OPTIONS = { allErrors: true, strict: true } as const;

let validators: Readonly<Record<string, ValidateFunction>> | undefined;

/** The compiled validator of a schema; throws when the build step did not run. */
export function compiledValidator(name: string): ValidateFunction {
    const modulePath = path.join(__dirname, `${COMPILED_SCHEMAS_MODULE}.js`);
    try {
        // A literal path (the same module as COMPILED_SCHEMAS_MODULE), so that the pack's bundle
        // (tools/bundle-pack.ts) carries the validators; loaded at the first validation only.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        validators ??= require("./compiled-schemas.validators.js") as Record<string, ValidateFunction>;
    } catch (error) {
        if ((error as { code?: string }).code !== "MODULE_NOT_FOUND") throw error;
        throw new Error(`icp-guard is not built completely: ${modulePath} is missing; run \`npm run build\``);
    }
    const validator = validators[name];
    if (typeof validator !== "function") throw new Error(`icp-guard is not built completely: ${modulePath} has no validator "${name}"; run \`npm run build\``);
    return validator;
}

/**
 * Where a schema error is, from its JSON Pointer (`/filings/3/icp`): the path's segments (array
 * indices as numbers) and how problems name it (`filings[3].icp`; `(top level)` for the root).
 */
export function schemaErrorLocation(instancePath: string): { where: string; segments: (string | number)[] } {
    const segments = instancePath
        .split("/")
        .slice(1)
        .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
        .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
    const where = segments.length === 0 ? "(top level)" : segments.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
    return { where, segments };
}
