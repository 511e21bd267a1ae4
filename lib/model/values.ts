/**
 * Reading resource property values without ever tripping the SDK's unknown-value proxy.
 *
 * During `pulumi preview` the engine sends values that are not known yet as sentinel strings
 * (pulumi/pulumi `pkg/resource/plugin/rpc.go`). `@pulumi/policy` wraps `props` in a proxy that
 * throws when a sentinel is read, and turns the throw into an advisory "can't run policy during
 * preview" — a gate that opens by itself. icp-guard therefore reads the proxy's raw target and
 * classifies every value itself: known, unknown, absent or of the wrong type.
 */

/** The engine's unknown sentinels (same constants as `@pulumi/policy/proxy.js`). */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** The string sentinel, the one most computed values carry; exported for tests and fixtures. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Signature key and value of a serialized secret (`{ [SECRET_SIG_KEY]: SECRET_SIG, value }`). */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function isUnknown(value: unknown): boolean {
    return typeof value === "string" && value.length === 36 && UNKNOWN_SENTINELS.has(value);
}

/** A property bag as the engine sends it: plain JSON, possibly holding sentinels. */
export type PropertyBag = Readonly<Record<string, unknown>>;

/**
 * Returns the plain object behind `@pulumi/policy`'s unknown-checking proxy, or the value itself
 * when it is not proxied (tests, the command line over a state file). Reading the two marker
 * properties is answered by the proxy's own trap and never throws.
 */
export function unwrapProxy(value: unknown): unknown {
    if (value !== null && typeof value === "object") {
        try {
            const target = value as Record<string, unknown>;
            if (target["__isSpecialProxy"] === true) {
                return target["__getSpecialProxyTarget"];
            }
        } catch {
            // An unexpected proxy shape: fall through and treat the value as opaque.
        }
    }
    return value;
}

export function asPropertyBag(value: unknown): PropertyBag {
    const raw = unwrapProxy(value);
    return raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as PropertyBag) : {};
}

/** The state of one value read from a property bag. */
export type Read<T> =
    | { readonly state: "known"; readonly value: T }
    | { readonly state: "unknown" }
    | { readonly state: "absent" }
    | { readonly state: "invalid"; readonly got: string };

export const ABSENT: Read<never> = Object.freeze({ state: "absent" });
export const UNKNOWN_READ: Read<never> = Object.freeze({ state: "unknown" });

/** Describes a value's type for messages, never its content (it may be a secret). */
export function describeType(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return `array of ${value.length}`;
    if (typeof value === "string") return `string of ${value.length} characters`;
    return typeof value;
}

function classify<T>(value: unknown, accept: (v: unknown) => v is T): Read<T> {
    if (value === undefined || value === null) return ABSENT;
    if (isUnknown(value)) return UNKNOWN_READ;
    // Secrets normally arrive unwrapped; a still-wrapped one (state files) is read through.
    if (typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG) {
        return classify((value as Record<string, unknown>)["value"], accept);
    }
    if (accept(value)) return { state: "known", value };
    return { state: "invalid", got: describeType(value) };
}

const isString = (v: unknown): v is string => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isBoolean = (v: unknown): v is boolean => typeof v === "boolean";
const isArray = (v: unknown): v is readonly unknown[] => Array.isArray(v);
const isObject = (v: unknown): v is PropertyBag => typeof v === "object" && v !== null && !Array.isArray(v);

export const readString = (bag: PropertyBag, key: string): Read<string> => classify(bag[key], isString);
export const readBoolean = (bag: PropertyBag, key: string): Read<boolean> => classify(bag[key], isBoolean);
export const readArray = (bag: PropertyBag, key: string): Read<readonly unknown[]> => classify(bag[key], isArray);
export const readObject = (bag: PropertyBag, key: string): Read<PropertyBag> => classify(bag[key], isObject);

/** Numbers sometimes arrive as strings (`ecs.EipAddress.bandwidth` is a string input). */
export function readNumber(bag: PropertyBag, key: string): Read<number> {
    const read = classify(bag[key], (v): v is number | string => isNumber(v) || isString(v));
    if (read.state !== "known") return read;
    if (typeof read.value === "number") return { state: "known", value: read.value };
    const parsed = read.value.trim() === "" ? NaN : Number(read.value);
    return Number.isFinite(parsed) ? { state: "known", value: parsed } : { state: "invalid", got: describeType(read.value) };
}

/** Classifies an element of an array the same way as a property. */
export const classifyString = (value: unknown): Read<string> => classify(value, isString);
export const classifyObject = (value: unknown): Read<PropertyBag> => classify(value, isObject);

/** Cuts text to `limit` characters, marking the cut with an ellipsis. */
export function clip(text: string, limit: number): string {
    return text.length <= limit ? text : `${text.slice(0, limit)}…`;
}
