/**
 * One region model: which Alibaba Cloud region IDs are in the Chinese mainland (ICP applies),
 * and where a resource is served, resolved the way the provider resolves it.
 */
import regionData from "../../data/regions.json";
import { clip, Read, readString, PropertyBag } from "./values";

export type RegionClass =
    /** A listed mainland region. */
    | "mainland"
    /** A `cn-*` ID not in the table: treated as mainland (new regions appear often), and reported. */
    | "mainland-unrecognised"
    /** A listed non-mainland region or an `ap-`/`us-`/`eu-`/`me-`/`na-` ID. */
    | "outside"
    /** Not shaped like a region ID at all. */
    | "not-a-region";

const MAINLAND: Readonly<Record<string, string>> = regionData.mainland;
const OUTSIDE: Readonly<Record<string, string>> = regionData.outside;
const REGION_ID = /^[a-z]{2}-[a-z0-9-]{2,40}$/;

export const PROVIDER_DEFAULT_REGION: string = regionData.defaultRegion.id;

export function classifyRegion(regionId: string): RegionClass {
    if (Object.prototype.hasOwnProperty.call(MAINLAND, regionId)) return "mainland";
    if (Object.prototype.hasOwnProperty.call(OUTSIDE, regionId)) return "outside";
    if (!REGION_ID.test(regionId)) return "not-a-region";
    if (regionData.outsidePrefixes.some((prefix) => regionId.startsWith(prefix))) return "outside";
    if (regionId.startsWith("cn-")) return "mainland-unrecognised";
    return "not-a-region";
}

export function isMainlandClass(cls: RegionClass): boolean {
    return cls === "mainland" || cls === "mainland-unrecognised";
}

/** `cn-hangzhou` → `华东1（杭州）`; undefined for an ID not in the table. */
export function regionName(regionId: string): string | undefined {
    const own = (table: Readonly<Record<string, string>>) => (Object.prototype.hasOwnProperty.call(table, regionId) ? table[regionId] : undefined);
    return own(MAINLAND) ?? own(OUTSIDE);
}

/** `cn-hangzhou` → `cn-hangzhou (华东1（杭州）)`. Unrecognised IDs are shown as they are. */
export function showRegion(regionId: string): string {
    const name = regionName(regionId);
    return name ? `${regionId} (${name})` : regionId;
}

/** Where region defaults come from outside the program: stack config and environment. */
export interface RegionEnvironment {
    /** `alicloud:region` from the stack config the engine passes in `PULUMI_CONFIG`. */
    readonly stackConfigRegion?: string;
    /**
     * Several stacks checked together (`icp-guard check` of several roots): each stack's own
     * `alicloud:region` by stack (`dev::shop`), found from the provider's URN; it replaces
     * `stackConfigRegion`.
     */
    readonly stackConfigRegions?: ReadonlyMap<string, string>;
    /** `ALICLOUD_REGION`, else `ALIBABA_CLOUD_REGION`. */
    readonly environmentRegion?: string;
    readonly environmentVariable?: string;
}

/** Reads the region defaults from a process environment. Never throws. */
export function regionEnvironmentFrom(env: NodeJS.ProcessEnv): RegionEnvironment {
    let stackConfigRegion: string | undefined;
    const rawConfig = env["PULUMI_CONFIG"];
    if (rawConfig) {
        try {
            const parsed: unknown = JSON.parse(rawConfig);
            const value = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>)["alicloud:region"] : undefined;
            if (typeof value === "string" && value !== "") stackConfigRegion = value;
        } catch {
            // Malformed stack config is the engine's concern; fall through to the next source.
        }
    }
    for (const variable of ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"]) {
        const value = env[variable];
        if (value) return { stackConfigRegion, environmentRegion: value, environmentVariable: variable };
    }
    return { stackConfigRegion };
}

export type RegionSource = "resource" | "provider" | "stack-config" | "environment" | "provider-default";

export interface ResolvedRegion {
    /** The region ID, or unknown (a preview value) or invalid. */
    readonly read: Read<string>;
    readonly source: RegionSource;
    /** Which input carried it, for messages: `region`, `namespaceId`, `provider 'p'`, … */
    readonly origin: string;
}

export interface ProviderView {
    readonly urn: string;
    readonly name: string;
    readonly type: string;
    readonly props: PropertyBag;
    /** Top-level provider inputs whose values are secret (credentials, sometimes the region). */
    readonly secretProps?: ReadonlySet<string>;
}

/** The `alicloud:region` of the stack a provider belongs to (`urn:pulumi:dev::shop::…` → `dev::shop`). */
function stackRegionOf(provider: ProviderView | undefined, regions: ReadonlyMap<string, string>): string | undefined {
    const stack = provider ? /^urn:pulumi:([^:]*::[^:]*)::/.exec(provider.urn)?.[1] : undefined;
    return stack !== undefined ? regions.get(stack) : undefined;
}

/**
 * Resolves where a resource is served, highest first: the resource's own region input, the
 * provider resource's `region`, `alicloud:region` in the stack config, `ALICLOUD_REGION` /
 * `ALIBABA_CLOUD_REGION`, and finally cn-beijing, the provider's own fallback.
 */
export function resolveRegion(
    own: { readonly read: Read<string>; readonly origin: string } | undefined,
    provider: ProviderView | undefined,
    env: RegionEnvironment,
): ResolvedRegion {
    if (own && own.read.state !== "absent") return { read: own.read, source: "resource", origin: own.origin };
    if (provider) {
        const fromProvider = readString(provider.props, "region");
        if (fromProvider.state !== "absent" && !(fromProvider.state === "known" && fromProvider.value === "")) {
            return { read: fromProvider, source: "provider", origin: `provider '${clip(provider.name, 120)}'` };
        }
    }
    const stackConfigRegion = env.stackConfigRegions ? stackRegionOf(provider, env.stackConfigRegions) : env.stackConfigRegion;
    if (stackConfigRegion) {
        return { read: { state: "known", value: stackConfigRegion }, source: "stack-config", origin: "stack config alicloud:region" };
    }
    if (env.environmentRegion) {
        return {
            read: { state: "known", value: env.environmentRegion },
            source: "environment",
            origin: `environment variable ${env.environmentVariable ?? "ALICLOUD_REGION"}`,
        };
    }
    return {
        read: { state: "known", value: PROVIDER_DEFAULT_REGION },
        source: "provider-default",
        origin: "the provider's default (no region set on the resource, provider, stack config or environment)",
    };
}
