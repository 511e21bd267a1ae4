/**
 * Observes analyzer requests as they come off the wire, before `@pulumi/policy` deserialises them.
 *
 * The SDK unwraps secrets to plaintext for Analyze and AnalyzeStack (PULUMI-POLICY-ENGINE.md §6),
 * so a policy cannot tell a secret domain from a plain one. icp-guard decides on secret values but
 * must never print them, so it wraps the generated request deserialisers (a pure decode function
 * on the shared service definition) and records, per URN, which top-level properties carried the
 * secret signature. The SDK's own handling of the request is unchanged.
 *
 * Cost: a request is only inspected when its bytes contain the secret signature at all, and then
 * only resources of the types icp-guard reads (and providers), walking protobuf values in place.
 */
import * as path from "path";
import { SECRET_SIG, SECRET_SIG_KEY } from "../../model/values";
import type { ReceivedPolicyConfig } from "../../kit/config";

interface ValueLike {
    getKindCase(): number;
    getStructValue(): StructLike | undefined;
    getListValue(): { getValuesList(): ValueLike[] } | undefined;
}
interface StructLike {
    getFieldsMap(): { get(key: string): ValueLike | undefined; forEach(callback: (value: ValueLike, key: string) => void): void };
}

// google.protobuf.Value kind cases.
const STRUCT_VALUE = 5;
const LIST_VALUE = 6;

/** True when a protobuf Value holds a secret anywhere inside, walked without converting it. */
function holdsSecret(value: ValueLike, depth = 0): boolean {
    if (depth > 64) return false;
    const kind = value.getKindCase();
    if (kind === STRUCT_VALUE) {
        const fields = value.getStructValue()?.getFieldsMap();
        if (!fields) return false;
        const signature = fields.get(SECRET_SIG_KEY) as unknown as { getStringValue?: () => string } | undefined;
        if (signature?.getStringValue?.() === SECRET_SIG) return true;
        let found = false;
        fields.forEach((field) => {
            found ||= holdsSecret(field, depth + 1);
        });
        return found;
    }
    if (kind === LIST_VALUE) return (value.getListValue()?.getValuesList() ?? []).some((item) => holdsSecret(item, depth + 1));
    return false;
}
interface AnalyzeRequestLike {
    getUrn(): string;
    getType(): string;
    getProperties(): StructLike | undefined;
    getProvider?(): { getUrn(): string; getProperties(): StructLike | undefined } | undefined;
}
interface AnalyzeStackRequestLike {
    getResourcesList(): AnalyzeRequestLike[];
}
interface MethodDefinition {
    requestDeserialize(buffer: Buffer): unknown;
}

export class SecretIndex {
    private readonly byUrn = new Map<string, Set<string>>();
    private static readonly NONE: ReadonlySet<string> = new Set();

    /** @param isInteresting resource types icp-guard reads (whose values may reach a message) */
    constructor(private readonly isInteresting: (type: string) => boolean) {}

    /** Secret top-level properties of a resource (or provider) URN. */
    forUrn(urn: string): ReadonlySet<string> {
        return this.byUrn.get(urn) ?? SecretIndex.NONE;
    }

    /**
     * Records which top-level properties of a resource and its provider hold a secret anywhere
     * inside. Sightings add up: a property secret in one request (inputs or outputs, or a provider
     * seen with several resources) stays hidden in every message, whatever arrives later.
     */
    record(resource: AnalyzeRequestLike): void {
        const provider = resource.getProvider?.();
        if (provider) this.recordProperties(provider.getUrn(), provider.getProperties());
        if (this.isInteresting(resource.getType())) this.recordProperties(resource.getUrn(), resource.getProperties());
    }

    private recordProperties(urn: string, properties: StructLike | undefined): void {
        if (!properties) return;
        properties.getFieldsMap().forEach((value, key) => {
            if (!holdsSecret(value)) return;
            let secretKeys = this.byUrn.get(urn);
            if (!secretKeys) this.byUrn.set(urn, (secretKeys = new Set()));
            secretKeys.add(key);
        });
    }
}

const SIGNATURE = Buffer.from(SECRET_SIG, "utf8");

/** Reads a protobuf varint at `at`: [value, next position], or undefined past the end. */
function varint(buffer: Buffer, at: number): [number, number] | undefined {
    let value = 0;
    let scale = 1;
    for (let position = at; position < buffer.length && position < at + 10; position++) {
        const byte = buffer[position];
        value += (byte & 0x7f) * scale;
        if (byte < 0x80) return [value, position + 1];
        scale *= 128;
    }
    return undefined;
}

/**
 * Positions, in the resources list, of the AnalyzeStack request's resources whose own bytes hold
 * the secret signature (a secret is a string field equal to it, written as-is): only those can
 * hold a secret, so only those are walked. Undefined when the bytes are not laid out as expected
 * (then every resource is walked, as before).
 */
export function resourcesHoldingSignature(buffer: Buffer): { readonly positions: ReadonlySet<number>; readonly resources: number } | undefined {
    const holding = new Set<number>();
    let position = 0;
    let index = 0;
    while (position < buffer.length) {
        const tag = varint(buffer, position);
        if (!tag) return undefined;
        const [key, afterTag] = tag;
        const wireType = key % 8;
        if (wireType === 0) {
            const skipped = varint(buffer, afterTag);
            if (!skipped) return undefined;
            position = skipped[1];
        } else if (wireType === 1 || wireType === 5) {
            position = afterTag + (wireType === 1 ? 8 : 4);
        } else if (wireType === 2) {
            const length = varint(buffer, afterTag);
            if (!length) return undefined;
            const [size, start] = length;
            const end = start + size;
            if (end > buffer.length) return undefined;
            // AnalyzeStackRequest field 1: repeated AnalyzerResource resources.
            if (Math.floor(key / 8) === 1) {
                if (buffer.subarray(start, end).indexOf(SIGNATURE) !== -1) holding.add(index);
                index++;
            }
            position = end;
        } else {
            return undefined;
        }
    }
    return position === buffer.length ? { positions: holding, resources: index } : undefined;
}

/**
 * Wraps the Analyze and AnalyzeStack request decoders that `@pulumi/policy` will register, so the
 * index learns about secrets. Must run before `new PolicyPack(...)`. Returns false when the SDK's
 * service definition cannot be found (then only `additionalSecretOutputs` is known).
 */
/** The generated AnalyzerService definition, resolved exactly as @pulumi/policy resolves it. */
function analyzerService(): Record<string, MethodDefinition> | undefined {
    try {
        const policyDir = path.dirname(require.resolve("@pulumi/policy"));
        const grpcModule = require.resolve("@pulumi/pulumi/proto/analyzer_grpc_pb", { paths: [policyDir] });
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return (require(grpcModule) as { AnalyzerService?: Record<string, MethodDefinition> }).AnalyzerService;
    } catch {
        return undefined;
    }
}

export function observeSecretsOnTheWire(index: SecretIndex): boolean {
    const service = analyzerService();
    if (!service?.analyze || !service.analyzeStack) return false;
    const wrap = (method: MethodDefinition, inspect: (request: unknown, buffer: Buffer) => void) => {
        const decode = method.requestDeserialize.bind(method);
        method.requestDeserialize = (buffer: Buffer) => {
            const request = decode(buffer);
            if (buffer.indexOf(SIGNATURE) !== -1) {
                try {
                    inspect(request, buffer);
                } catch {
                    // Observation must never break the SDK's own handling of the request.
                }
            }
            return request;
        };
    };
    wrap(service.analyze, (request) => index.record(request as AnalyzeRequestLike));
    wrap(service.analyzeStack, (request, buffer) => {
        const resources = (request as AnalyzeStackRequestLike).getResourcesList();
        const found = resourcesHoldingSignature(buffer);
        const holding = found && found.resources === resources.length ? found.positions : undefined;
        for (let i = 0; i < resources.length; i++) if (!holding || holding.has(i)) index.record(resources[i]);
    });
    return true;
}

const LEVEL_NAMES = ["advisory", "mandatory", "disabled", "remediate"] as const;

interface PolicyConfigLike {
    getEnforcementlevel(): number;
    setEnforcementlevel?(level: number): void;
    getProperties(): { toJavaScript(): unknown } | undefined;
}
interface ConfigureRequestLike {
    getPolicyconfigMap(): {
        forEach(callback: (value: PolicyConfigLike, key: string) => void): void;
    };
}

const MANDATORY = LEVEL_NAMES.indexOf("mandatory");

/**
 * Lets the pack see the Configure request the SDK receives, so that the single stack pass can
 * report each finding at its own policy's configured level (the SDK keeps that map private).
 * Must run before `new PolicyPack(...)`. Returns false when the service definition is not found.
 *
 * The map is passed on whole, as the engine sent it: besides the declared policies it holds an
 * entry named `all` whenever the config has one, and any name the config gives that the pack does
 * not declare (pkg/resource/analyzer/config.go applyConfig writes every key it is given); the
 * pack's reading of it (kit/config.ts PackConfig) tells those apart.
 *
 * `alwaysRun` names the carrier policies: the engine applies `all` to them as to any declared
 * policy, and the SDK never calls a disabled policy, so `{"all": "disabled", "icp-x": "mandatory"}`
 * would silently switch off the rule the user enabled. Their level is set to mandatory in the
 * request the SDK reads (each finding carries its own rule's level, so the carrier's is unused).
 */
export function observeConfigureOnTheWire(onConfigure: (config: ReadonlyMap<string, ReceivedPolicyConfig>) => void, alwaysRun: ReadonlySet<string> = new Set()): boolean {
    const service = analyzerService();
    if (!service?.configure) return false;
    const method = service.configure;
    const decode = method.requestDeserialize.bind(method);
    method.requestDeserialize = (buffer: Buffer) => {
        const request = decode(buffer) as ConfigureRequestLike;
        const config = new Map<string, ReceivedPolicyConfig>();
        request.getPolicyconfigMap().forEach((value, name) => {
            const properties = value.getProperties()?.toJavaScript();
            if (alwaysRun.has(name) && value.getEnforcementlevel() !== MANDATORY) value.setEnforcementlevel?.(MANDATORY);
            config.set(name, {
                enforcementLevel: LEVEL_NAMES[value.getEnforcementlevel()] ?? "advisory",
                properties: properties && typeof properties === "object" ? (properties as Record<string, unknown>) : {},
            });
        });
        // The callback never throws: an error here would surface as an opaque "Error deserializing request".
        onConfigure(config);
        return request;
    };
    return true;
}
