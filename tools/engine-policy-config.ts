/**
 * The Pulumi engine's handling of a policy pack's config, transcribed from its Go sources for the
 * test engine (tools/engine-client.ts). It stands in for the engine, so it never imports icp-guard
 * code: a test of the pack must not use the pack's own reading of the engine as its oracle (that
 * is how `{"all": …}` once crashed every real preview while every test passed).
 *
 * Transcribed from pulumi/pulumi at commit 1b5949891b3cefcb9974752b24a5ecef0acc86c8 (2026-08-21):
 * - pkg/resource/analyzer/config.go: parsePolicyPackConfig, extractEnforcementLevel,
 *   createConfigWithDefaults, ReconcilePolicyPackConfig, applyConfig, validatePolicyPackConfig,
 *   validatePolicyConfig, convertSchema;
 * - pkg/resource/plugin/analyzer_plugin.go: GetAnalyzerInfo (policies sorted by name; when the pack
 *   supports config, `enforcementLevel` is injected into every policy's schema, one created if
 *   absent), Configure (returns early on an empty map; refuses an entry whose level is not valid,
 *   `""` included; properties become a google.protobuf.Struct via structpb.NewStruct, an absent
 *   map an empty Struct), marshalEnforcementLevel (proto enum: ADVISORY 0, MANDATORY 1,
 *   DISABLED 2, REMEDIATE 3 — proto/pulumi/analyzer.proto);
 * - sdk/go/common/apitype/policy.go: EnforcementLevel.IsValid (the four levels; not "");
 * - pkg/engine/update.go: loadPolicyPlugins, local packs: read the file, GetAnalyzerInfo, refuse
 *   config for a pack without supportsConfig, reconcile, Configure, then fail with every
 *   validation error as "validating policy config: <pack> <version>  <policy>: <error>" (sorted).
 *
 * What that means for a pack (the behaviour these functions reproduce):
 * - `all` sets the level of every policy already in the result (the declared ones), and is then
 *   written into the result like any other key: Configure sends an entry named `all`, with `all`'s
 *   level and options.
 * - Every other key is written too, declared or not: a name the pack does not declare reaches the
 *   pack with the level given for it (not `all`'s); with options but no level its level is "" and
 *   Configure fails with `invalid enforcement level ""`.
 * - An entry with neither level nor options (`{"x": {}}`) is dropped when the file is parsed.
 * - Options merge over the schema defaults key by key (top level only); only declared policies'
 *   options are validated, against `{type: object, properties, required}` — unknown keys pass.
 *
 * Deliberate approximations, none of which changes what reaches the pack:
 * - gojsonschema is replaced by Ajv (draft-07 keywords, which is what icp-guard's schemas use);
 *   validation messages are Ajv's, not gojsonschema's wording.
 * - Go iterates maps in random order and reports the first parse error it meets; here keys are
 *   taken in document order, so which of several parse errors is reported is fixed.
 * - ESC environments (`"environments"`) are parsed and returned, but resolving them needs Pulumi
 *   Cloud: a test that needs ESC config passes it as initial config.
 */
import Ajv, { ValidateFunction } from "ajv";

export type EngineEnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
/** apitype.EnforcementLevel: a Go string, "" when no level was given. */
export type GoEnforcementLevel = EngineEnforcementLevel | "";

const VALID_LEVELS: readonly EngineEnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];
/** proto/pulumi/analyzer.proto `enum EnforcementLevel`, by name. */
export const PROTO_ENFORCEMENT_LEVEL: Readonly<Record<EngineEnforcementLevel, number>> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
/** The proto enum, by number (convertEnforcementLevel). */
export const LEVEL_OF_PROTO: readonly EngineEnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];

/** apitype.EnforcementLevel.IsValid. */
export function isValidLevel(level: unknown): level is EngineEnforcementLevel {
    return typeof level === "string" && (VALID_LEVELS as readonly string[]).includes(level);
}

type JsonObject = Record<string, unknown>;

/** plugin.AnalyzerPolicyConfig. `properties` is a Go map: null when nil. */
export interface AnalyzerPolicyConfig {
    readonly enforcementLevel: GoEnforcementLevel;
    readonly properties: JsonObject | null;
}

/** plugin.AnalyzerPolicyConfigSchema, after GetAnalyzerInfo's conversion. */
export interface AnalyzerPolicyConfigSchema {
    readonly properties: Readonly<Record<string, JsonObject>>;
    readonly required: readonly string[];
}

/** plugin.AnalyzerPolicyInfo: the parts the config path reads. */
export interface AnalyzerPolicyInfo {
    readonly name: string;
    readonly enforcementLevel: EngineEnforcementLevel;
    readonly configSchema?: AnalyzerPolicyConfigSchema;
}

/** plugin.AnalyzerInfo: the parts the config path reads. */
export interface EngineAnalyzerInfo {
    readonly name: string;
    readonly version: string;
    readonly supportsConfig: boolean;
    readonly policies: readonly AnalyzerPolicyInfo[];
    readonly initialConfig: ReadonlyMap<string, AnalyzerPolicyConfig>;
}

/** An error the engine stops with, in its own words. */
export class EngineConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "EngineConfigError";
    }
}

/** Go's %v for the JSON values json.Unmarshal produces (close enough for messages). */
function goValue(value: unknown): string {
    if (value === null) return "<nil>";
    if (Array.isArray(value)) return `[${value.map(goValue).join(" ")}]`;
    if (typeof value === "object") return `map[${Object.entries(value as JsonObject).map(([k, v]) => `${k}:${goValue(v)}`).join(" ")}]`;
    return String(value);
}

/** Go's %T for those values. */
function goType(value: unknown): string {
    if (value === null) return "<nil>";
    if (Array.isArray(value)) return "[]interface {}";
    if (typeof value === "object") return "map[string]interface {}";
    return { string: "string", number: "float64", boolean: "bool" }[typeof value as "string"] ?? typeof value;
}

/**
 * config.go extractEnforcementLevel: takes `enforcementLevel` out of an entry's map (mutating it,
 * as the Go code does) and validates it.
 */
function extractEnforcementLevel(props: JsonObject): GoEnforcementLevel {
    if (!("enforcementLevel" in props)) return "";
    const level = props["enforcementLevel"];
    if (typeof level !== "string") throw new Error(`${goValue(level)} is not a valid enforcement level; must be a string`);
    if (!isValidLevel(level)) throw new Error(`${JSON.stringify(level)} is not a valid enforcement level`);
    delete props["enforcementLevel"];
    return level;
}

/**
 * config.go parsePolicyPackConfig: a `--policy-pack-config` file's bytes → the config map and the
 * ESC environments it names. Throws the first problem, as the engine does.
 */
export function parsePolicyPackConfigFile(text: string): { config: Map<string, AnalyzerPolicyConfig> | null; environments: string[] } {
    if (text.trim() === "") return { config: null, environments: [] };
    let document: unknown;
    try {
        document = JSON.parse(text);
    } catch (error) {
        throw new EngineConfigError((error as Error).message);
    }
    // json.Unmarshal into map[string]any: null leaves the map nil; anything but an object fails.
    if (document !== null && (typeof document !== "object" || Array.isArray(document))) {
        throw new EngineConfigError(`json: cannot unmarshal ${Array.isArray(document) ? "array" : typeof document} into Go value of type map[string]interface {}`);
    }
    const config: JsonObject = { ...((document as JsonObject | null) ?? {}) };
    const environments: string[] = [];
    if ("environments" in config) {
        const raw = config["environments"];
        if (!Array.isArray(raw)) throw new EngineConfigError(`"environments" must be an array of strings, got ${goType(raw)}`);
        raw.forEach((value, i) => {
            if (typeof value !== "string") throw new EngineConfigError(`"environments[${i}]" must be a string, got ${goType(value)}`);
            environments.push(value);
        });
        delete config["environments"];
    }
    const result = new Map<string, AnalyzerPolicyConfig>();
    for (const [key, value] of Object.entries(config)) {
        let enforcementLevel: GoEnforcementLevel = "";
        let properties: JsonObject | null = null;
        if (typeof value === "string") {
            if (!isValidLevel(value)) throw new EngineConfigError(`parsing enforcement level for ${JSON.stringify(key)}: ${JSON.stringify(value)} is not a valid enforcement level`);
            enforcementLevel = value;
        } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            const map = { ...(value as JsonObject) };
            try {
                enforcementLevel = extractEnforcementLevel(map);
            } catch (error) {
                throw new EngineConfigError(`parsing enforcement level for ${JSON.stringify(key)}: ${(error as Error).message}`);
            }
            if (Object.keys(map).length > 0) properties = map;
        } else {
            throw new EngineConfigError(`parsing ${JSON.stringify(key)}: ${goValue(value)} is not a valid value; must be a string or object`);
        }
        // "Don't bother including empty configs."
        if (enforcementLevel === "" && properties === null) continue;
        result.set(key, { enforcementLevel, properties });
    }
    return { config: result, environments };
}

/** config.go createConfigWithDefaults: every policy at its own level, with its schema's top-level defaults. */
export function createConfigWithDefaults(policies: readonly AnalyzerPolicyInfo[]): Map<string, AnalyzerPolicyConfig> {
    const result = new Map<string, AnalyzerPolicyConfig>();
    for (const policy of policies) {
        let props: JsonObject | null = null;
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if ("default" in schema) (props ??= {})[key] = schema["default"];
        }
        result.set(policy.name, { enforcementLevel: policy.enforcementLevel, properties: props });
    }
    return result;
}

/** config.go applyConfig: `all` sets every level already in the result; then every given key is written. */
export function applyConfig(result: Map<string, AnalyzerPolicyConfig>, configToApply: ReadonlyMap<string, AnalyzerPolicyConfig>): Map<string, AnalyzerPolicyConfig> {
    const all = configToApply.get("all");
    if (all && isValidLevel(all.enforcementLevel)) {
        for (const [key, value] of result) result.set(key, { enforcementLevel: all.enforcementLevel, properties: value.properties });
    }
    for (const [policy, givenConfig] of configToApply) {
        let enforcementLevel: GoEnforcementLevel = "";
        let properties: JsonObject | null = null;
        const resultConfig = result.get(policy);
        if (resultConfig) {
            enforcementLevel = resultConfig.enforcementLevel;
            properties = resultConfig.properties;
        }
        if (isValidLevel(givenConfig.enforcementLevel)) enforcementLevel = givenConfig.enforcementLevel;
        const given = givenConfig.properties ?? {};
        if (Object.keys(given).length > 0 && properties === null) properties = {};
        // maps.Copy(properties, givenConfig.Properties): in place, top-level keys only.
        if (properties !== null) Object.assign(properties, given);
        result.set(policy, { enforcementLevel, properties });
    }
    return result;
}

/** config.go convertSchema: the JSON schema a policy's options are validated against. */
function convertSchema(schema: AnalyzerPolicyConfigSchema): JsonObject {
    const result: JsonObject = { type: "object" };
    if (Object.keys(schema.properties).length > 0) result["properties"] = schema.properties;
    if (schema.required.length > 0) result["required"] = schema.required;
    return result;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new Map<string, ValidateFunction>();

/** A compiled validator per schema text (compiling is the slow part; tests reconcile thousands of configs). */
function compiled(schema: JsonObject): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = validators.get(key);
    if (!validate) validators.set(key, (validate = ajv.compile(schema)));
    return validate;
}

/** config.go validatePolicyPackConfig: each declared policy with a schema, options or none. */
function validatePolicyPackConfig(policies: readonly AnalyzerPolicyInfo[], config: ReadonlyMap<string, AnalyzerPolicyConfig>): string[] {
    const errors: string[] = [];
    for (const policy of policies) {
        if (!policy.configSchema) continue;
        const props = config.get(policy.name)?.properties ?? {};
        const validate = compiled(convertSchema(policy.configSchema));
        if (!validate(props)) {
            for (const error of validate.errors ?? []) errors.push(`${policy.name}: ${error.instancePath ? `${error.instancePath.slice(1).replace(/\//g, ".")}: ` : ""}${error.message}`);
        }
    }
    return errors;
}

/** config.go ReconcilePolicyPackConfig: defaults, then initial config, then the given config; then validation. */
export function reconcilePolicyPackConfig(
    policies: readonly AnalyzerPolicyInfo[],
    initialConfig: ReadonlyMap<string, AnalyzerPolicyConfig> | null,
    config: ReadonlyMap<string, AnalyzerPolicyConfig> | null,
): { config: Map<string, AnalyzerPolicyConfig> | null; validationErrors: string[] } {
    let result = createConfigWithDefaults(policies);
    if (initialConfig) result = applyConfig(result, initialConfig);
    if (config) result = applyConfig(result, config);
    const validationErrors = validatePolicyPackConfig(policies, result);
    return validationErrors.length > 0 ? { config: null, validationErrors } : { config: result, validationErrors: [] };
}

/** One entry of the ConfigureAnalyzerRequest, as analyzer.Configure marshals it. */
export interface ConfigureEntry {
    readonly name: string;
    /** The proto enum value (marshalEnforcementLevel). */
    readonly enforcementLevel: number;
    /** What structpb.NewStruct makes of the map: an empty Struct for a nil map. */
    readonly properties: JsonObject;
}

/**
 * analyzer_plugin.go Configure: nothing is sent for an empty map; an entry whose level is not
 * valid fails the whole call; otherwise every entry is sent, `all` and undeclared names included.
 */
export function configureRequest(policyConfig: ReadonlyMap<string, AnalyzerPolicyConfig> | null): ConfigureEntry[] | undefined {
    if (!policyConfig || policyConfig.size === 0) return undefined;
    const entries: ConfigureEntry[] = [];
    for (const [name, value] of policyConfig) {
        if (!isValidLevel(value.enforcementLevel)) throw new EngineConfigError(`invalid enforcement level ${JSON.stringify(value.enforcementLevel)}`);
        entries.push({ name, enforcementLevel: PROTO_ENFORCEMENT_LEVEL[value.enforcementLevel], properties: structpbRoundTrip(value.properties ?? {}) });
    }
    return entries;
}

/**
 * structpb.NewStruct over the values json.Unmarshal produces: null, bool, float64, string, slices
 * and maps map one to one onto Struct values (a copy, so later mutation cannot leak).
 */
function structpbRoundTrip(properties: JsonObject): JsonObject {
    return JSON.parse(JSON.stringify(properties)) as JsonObject;
}

/** The analyzer info as the engine holds it after GetAnalyzerInfo (analyzer_plugin.go). */
export function engineAnalyzerInfo(response: {
    readonly name: string;
    readonly version: string;
    readonly supportsConfig: boolean;
    readonly policies: readonly { readonly name: string; readonly enforcementLevel: EngineEnforcementLevel; readonly configSchema?: { readonly properties: Readonly<Record<string, unknown>>; readonly required: readonly string[] } }[];
    readonly initialConfig?: ReadonlyMap<string, { readonly enforcementLevel: EngineEnforcementLevel; readonly properties: JsonObject }>;
}): EngineAnalyzerInfo {
    const policies = response.policies.map((policy): AnalyzerPolicyInfo => {
        if (!response.supportsConfig) return { name: policy.name, enforcementLevel: policy.enforcementLevel };
        const properties: Record<string, JsonObject> = { ...((policy.configSchema?.properties ?? {}) as Record<string, JsonObject>) };
        properties["enforcementLevel"] = { type: "string", enum: ["advisory", "mandatory", "remediate", "disabled"] };
        return { name: policy.name, enforcementLevel: policy.enforcementLevel, configSchema: { properties, required: policy.configSchema?.required ?? [] } };
    });
    policies.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const initialConfig = new Map<string, AnalyzerPolicyConfig>();
    for (const [name, value] of response.initialConfig ?? []) initialConfig.set(name, { enforcementLevel: value.enforcementLevel, properties: { ...value.properties } });
    return { name: response.name, version: response.version, supportsConfig: response.supportsConfig, policies, initialConfig };
}

/**
 * update.go loadPolicyPlugins for a local pack (`--policy-pack <dir> --policy-pack-config <file>`):
 * what the engine sends in Configure (undefined: no Configure call), or the error it stops with.
 * `fileText` is the config file's contents, undefined without `--policy-pack-config`.
 */
export function localPackConfigure(info: EngineAnalyzerInfo, fileText: string | undefined, packPath = "."): ConfigureEntry[] | undefined {
    let configFromFile: Map<string, AnalyzerPolicyConfig> | null = null;
    if (fileText !== undefined) {
        const parsed = parsePolicyPackConfigFile(fileText);
        if (parsed.environments.length > 0) throw new EngineConfigError(`policy pack at ${JSON.stringify(packPath)} specifies ESC environments but the current backend does not support them`);
        configFromFile = parsed.config;
    }
    if (!info.supportsConfig) {
        if (fileText !== undefined) throw new EngineConfigError(`policy pack ${JSON.stringify(info.name)} at ${JSON.stringify(packPath)} does not support config`);
        return undefined;
    }
    const { config, validationErrors } = reconcilePolicyPackConfig(info.policies, info.initialConfig, configFromFile);
    let entries: ConfigureEntry[] | undefined;
    try {
        // Called with the nil config when validation failed: then it returns early, sending nothing.
        entries = configureRequest(config);
    } catch (error) {
        throw new EngineConfigError(`configuring policy pack ${JSON.stringify(info.name)} at ${JSON.stringify(packPath)}: ${(error as Error).message}`);
    }
    if (validationErrors.length > 0) {
        const lines = validationErrors.map((error) => `validating policy config: ${info.name} ${info.version}  ${error}`).sort();
        throw new EngineConfigError(lines.join("\n"));
    }
    return entries;
}
