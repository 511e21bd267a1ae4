/**
 * One region model: which Alibaba Cloud region IDs are in the Chinese mainland (ICP applies),
 * and where a resource is served, resolved the way the provider resolves it.
 */
import { Named, propertyName } from "./naming";
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

/** Every listed region ID, mainland first (for "did you mean" on a region someone typed). */
export const KNOWN_REGION_IDS: readonly string[] = [...Object.keys(MAINLAND), ...Object.keys(OUTSIDE)];

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

/**
 * A stack config key that sets an Alibaba Cloud region under a name the alicloud provider does not
 * read (`aliyun:region`, `alicloud:regionId`, `shop:alicloud-region`, …): the provider reads
 * `alicloud:region` only.
 */
export interface MisplacedRegionKey {
    readonly key: string;
    /** The value, unless the key is a secret. */
    readonly value?: string;
    /** With several stacks checked together: the stack whose config has it (`dev::shop`). */
    readonly stack?: string;
}

/** The stack config key the alicloud provider reads its default region from. */
export const STACK_CONFIG_REGION_KEY = "alicloud:region";
const ALIBABA_NAMESPACE = /^(alicloud|aliyun|alibaba|alibabacloud|alibaba[-_]cloud|ali)$/i;
const REGION_NAME = /^region([-_]?id)?$/i;
/** How a preview shows the value of a secret stack config key (pulumi/pulumi MassageSecrets). */
export const BLINDED_CONFIG_VALUE = "[secret]";

/** A region key named for Alibaba Cloud in any namespace (a project's own `shop:alicloud-region`, `shop:aliyunRegionId`). */
const ALIBABA_REGION_NAME = /^(alicloud|aliyun|alibaba|alibabacloud|alibaba[-_]cloud|ali)[-_.]?region([-_]?id)?$/i;

/**
 * Stack config keys that look like an Alibaba Cloud region setting but are not the key the provider
 * reads: an Alibaba-named namespace with `region`, `regionId` or `region_id` (`aliyun:region`,
 * `alicloud:regionId`, `alicloud:Region`), or an Alibaba-named region key in any namespace (`pulumi
 * config set alicloud-region …` stores `<project>:alicloud-region`). Values of secret keys (and the
 * `"[secret]"` a preview shows for them) are not kept.
 */
export function misplacedRegionKeys(config: Readonly<Record<string, unknown>>, secretKeys: ReadonlySet<string> = new Set()): MisplacedRegionKey[] {
    const found: MisplacedRegionKey[] = [];
    for (const [key, value] of Object.entries(config)) {
        if (key === STACK_CONFIG_REGION_KEY) continue;
        const colon = key.indexOf(":");
        const namespace = colon >= 0 ? key.slice(0, colon) : "";
        const name = key.slice(colon + 1);
        if (!(ALIBABA_NAMESPACE.test(namespace) && REGION_NAME.test(name)) && !ALIBABA_REGION_NAME.test(name)) continue;
        const shown = typeof value === "string" && value !== BLINDED_CONFIG_VALUE && !secretKeys.has(key) ? clip(value, 60) : undefined;
        found.push({ key: clip(key, 80), ...(shown !== undefined ? { value: shown } : {}) });
    }
    return found;
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
    /** Stack config keys that set a region the provider does not read (icp-region-unrecognised reports them). */
    readonly misplacedRegionKeys?: readonly MisplacedRegionKey[];
    /** `ALICLOUD_REGION`, else `ALIBABA_CLOUD_REGION`. */
    readonly environmentRegion?: string;
    readonly environmentVariable?: string;
    /**
     * The kubeconfig context of objects on the default Kubernetes provider: the stack config
     * `kubernetes:context` as the engine passes it (PULUMI_CONFIG), or `check --kube-context`
     * (`check` does not read it from a preview's config yet: give --kube-context there).
     */
    readonly kubernetesContext?: string;
    /** Where kubernetesContext came from, for messages. */
    readonly kubernetesContextOrigin?: string;
    /** The region of the cluster objects on the default provider go to (`check --kube-region`). */
    readonly kubernetesRegion?: string;
    readonly kubernetesRegionOrigin?: string;
}

/** Reads the region defaults from a process environment. Never throws. */
export function regionEnvironmentFrom(env: NodeJS.ProcessEnv): RegionEnvironment {
    let fromConfig: Pick<RegionEnvironment, "stackConfigRegion" | "misplacedRegionKeys"> = {};
    let kubernetes: Pick<RegionEnvironment, "kubernetesContext" | "kubernetesContextOrigin"> = {};
    const rawConfig = env["PULUMI_CONFIG"];
    if (rawConfig) {
        try {
            const parsed: unknown = JSON.parse(rawConfig);
            let secretKeys: ReadonlySet<string> = new Set();
            try {
                const rawSecretKeys: unknown = JSON.parse(env["PULUMI_CONFIG_SECRET_KEYS"] ?? "[]");
                if (Array.isArray(rawSecretKeys)) secretKeys = new Set(rawSecretKeys.filter((key): key is string => typeof key === "string"));
            } catch {
                // No secret keys known: values are shown only if they are strings.
            }
            if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) fromConfig = regionsFromStackConfig(parsed as Record<string, unknown>, secretKeys);
            const context = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>)["kubernetes:context"] : undefined;
            if (typeof context === "string" && context !== "" && context !== BLINDED_CONFIG_VALUE) kubernetes = { kubernetesContext: context, kubernetesContextOrigin: "stack config kubernetes:context" };
        } catch {
            // Malformed stack config is the engine's concern; fall through to the next source.
        }
    }
    for (const variable of ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"]) {
        const value = env[variable];
        if (value) return { ...fromConfig, environmentRegion: value, environmentVariable: variable, ...kubernetes };
    }
    return { ...fromConfig, ...kubernetes };
}

/** The region settings of a stack config (`PULUMI_CONFIG`, or the `config` of `pulumi preview --json`). */
export function regionsFromStackConfig(config: Readonly<Record<string, unknown>>, secretKeys: ReadonlySet<string> = new Set()): Pick<RegionEnvironment, "stackConfigRegion" | "misplacedRegionKeys"> {
    const value = config[STACK_CONFIG_REGION_KEY];
    const misplaced = misplacedRegionKeys(config, secretKeys);
    return {
        // A preview blinds a secret value (BLINDED_CONFIG_VALUE): set, but not
        // known; kept so that resolution reads it as unknown rather than going on to the environment.
        ...(typeof value === "string" && value !== "" ? { stackConfigRegion: value } : {}),
        ...(misplaced.length > 0 ? { misplacedRegionKeys: misplaced } : {}),
    };
}

export type RegionSource = "resource" | "zone" | "provider" | "stack-config" | "environment" | "provider-default";

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
    /**
     * Where `props.region` came from when the front end found it rather than read it (a Terraform
     * state stores no provider configuration: the zones of the provider's resources tell its region).
     */
    readonly regionOrigin?: string;
}

// --------------------------------------------------------------------------------------------
// Zones: a resource's zone names its region
// --------------------------------------------------------------------------------------------

/** Listed region IDs, longest first, so `cn-shanghai-finance-1z` finds `cn-shanghai-finance-1`, not `cn-shanghai`. */
const LISTED_REGIONS: readonly string[] = [...Object.keys(MAINLAND), ...Object.keys(OUTSIDE)].sort((a, b) => b.length - a.length);

/**
 * The region of an Alibaba Cloud zone ID: a region ID followed by the zone's letter, with a hyphen
 * after a name (`cn-shanghai-n`, `cn-hangzhou-h`) and without one after a number (`ap-southeast-1a`,
 * `cn-shanghai-finance-1z`). Listed regions are matched first (longest); an unlisted region must
 * still look like one. Undefined for anything else (`Z123`, a Private Zone or Cloudflare zone ID).
 */
export function regionOfZone(zone: string): string | undefined {
    if (zone.length > 64) return undefined;
    for (const region of LISTED_REGIONS) {
        if (zone.startsWith(region) && /^-?[a-z]$/.test(zone.slice(region.length)) && (zone.length === region.length + 2) === !/\d$/.test(region)) return region;
    }
    const shaped = /^((?:cn|ap|us|eu|me|na)-[a-z0-9-]*\d)[a-z]$/.exec(zone) ?? /^((?:cn|ap|us|eu|me|na)-[a-z0-9-]*[a-z])-[a-z]$/.exec(zone);
    return shaped && classifyRegion(shaped[1]) !== "not-a-region" ? shaped[1] : undefined;
}

/** Properties (bridged names) where Alibaba Cloud resources say which zone they are in. */
const ZONE_PATHS: readonly (readonly string[])[] = [["masterZoneId"], ["availabilityZone"], ["zoneId"], ["zoneIds"], ["zoneMappings", "zoneId"], ["slaveZoneId"]];

/** A region found from a resource's own zone: `{ read: cn-shanghai, origin: "its zone cn-shanghai-n (masterZoneId)" }`. */
export interface ZoneRegion {
    readonly read: Read<string>;
    readonly origin: string;
}

/**
 * Where an Alibaba Cloud resource is, from its own zone (`masterZoneId` of a CLB, `availabilityZone`
 * of an ECS instance, `zoneMappings[].zoneId` of an ALB/NLB, …); undefined when it names none that
 * is a zone, or the zone is secret (never decided from what cannot be shown).
 */
export function zoneRegionOf(resource: Named & { readonly type: string; readonly props: PropertyBag; readonly secretProps?: ReadonlySet<string> }): ZoneRegion | undefined {
    if (!resource.type.startsWith("alicloud:")) return undefined;
    for (const path of ZONE_PATHS) {
        if (resource.secretProps?.has(path[0])) continue;
        let current: unknown[] = [resource.props];
        for (const key of path) {
            current = current.flatMap((item) => {
                if (!item || typeof item !== "object" || Array.isArray(item)) return [];
                const value = (item as Record<string, unknown>)[key];
                return Array.isArray(value) ? value : value === undefined ? [] : [value];
            });
        }
        for (const zone of current) {
            if (typeof zone !== "string") continue;
            const region = regionOfZone(zone);
            if (region !== undefined) return { read: { state: "known", value: region }, origin: `its zone ${clip(zone, 64)} (${propertyName(resource, path.join("[]."))})` };
        }
    }
    return undefined;
}

/** The `alicloud:region` of the stack a provider belongs to (`urn:pulumi:dev::shop::…` → `dev::shop`). */
function stackRegionOf(provider: ProviderView | undefined, regions: ReadonlyMap<string, string>): string | undefined {
    const stack = provider ? /^urn:pulumi:([^:]*::[^:]*)::/.exec(provider.urn)?.[1] : undefined;
    return stack !== undefined ? regions.get(stack) : undefined;
}

/**
 * Resolves where a resource is served, highest first: the resource's own region input, its zone,
 * the provider resource's `region`, `alicloud:region` in the stack config (default provider only), `ALICLOUD_REGION` /
 * `ALIBABA_CLOUD_REGION`, and finally cn-beijing, the provider's own fallback.
 */
export function resolveRegion(
    own: { readonly read: Read<string>; readonly origin: string } | undefined,
    provider: ProviderView | undefined,
    env: RegionEnvironment,
    zone?: ZoneRegion,
): ResolvedRegion {
    if (own && own.read.state !== "absent") return { read: own.read, source: "resource", origin: own.origin };
    // The resource's zone is where it is: the provider's region can only agree (the API refuses a zone of another region).
    if (zone) return { read: zone.read, source: "zone", origin: zone.origin };
    if (provider) {
        const fromProvider = readString(provider.props, "region");
        if (fromProvider.state !== "absent" && !(fromProvider.state === "known" && fromProvider.value === "")) {
            return { read: fromProvider, source: "provider", origin: provider.regionOrigin ?? `provider '${clip(provider.name, 120)}'` };
        }
    }
    // The stack config reaches only the engine's default provider (which then carries it as its
    // `region` input); an explicit alicloud.Provider without `region` reads ALICLOUD_REGION alone.
    const readsStackConfig = !provider || isDefaultProviderName(provider.name);
    const stackConfigRegion = !readsStackConfig ? undefined : env.stackConfigRegions ? stackRegionOf(provider, env.stackConfigRegions) : env.stackConfigRegion;
    if (stackConfigRegion === BLINDED_CONFIG_VALUE) {
        // The provider reads the secret's value, which the preview does not show: whatever
        // ALICLOUD_REGION says on the machine running the check, it is not that.
        return { read: { state: "unknown" }, source: "stack-config", origin: "stack config alicloud:region (a secret: the preview does not show its value)" };
    }
    if (stackConfigRegion) {
        return { read: { state: "known", value: stackConfigRegion }, source: "stack-config", origin: "stack config alicloud:region" };
    }
    const unread = unreadRegionKeysNote(provider, env);
    if (env.environmentRegion) {
        return {
            read: { state: "known", value: env.environmentRegion },
            source: "environment",
            origin: `environment variable ${env.environmentVariable ?? "ALICLOUD_REGION"}${unread}`,
        };
    }
    return {
        read: { state: "known", value: PROVIDER_DEFAULT_REGION },
        source: "provider-default",
        origin: `the provider's default (no region set on the resource, provider, stack config or environment${unread})`,
    };
}

/** The provider the engine creates for resources without an explicit one (`default`, `default_3_108_0`): it takes its region from the stack config. */
export function isDefaultProviderName(name: string): boolean {
    return name === "default" || name.startsWith("default_");
}

/** The stack config keys of this provider's stack that set a region the provider does not read, if any. */
export function unreadRegionKeys(provider: Pick<ProviderView, "urn" | "name"> | undefined, env: RegionEnvironment): readonly MisplacedRegionKey[] {
    if (!env.misplacedRegionKeys || (provider && !isDefaultProviderName(provider.name))) return [];
    const stack = provider ? /^urn:pulumi:([^:]*::[^:]*)::/.exec(provider.urn)?.[1] : undefined;
    return env.misplacedRegionKeys.filter((key) => key.stack === undefined || key.stack === stack);
}

/** `; the stack config's aliyun:region (cn-hongkong) is not read by the provider`, so a finding says why its region is not the one the team set. */
function unreadRegionKeysNote(provider: ProviderView | undefined, env: RegionEnvironment): string {
    const keys = unreadRegionKeys(provider, env);
    if (keys.length === 0) return "";
    const shown = keys.slice(0, 3).map((key) => `${key.key}${key.value ? ` (${key.value})` : ""}`).join(", ");
    return `; the stack config's ${shown}${keys.length > 3 ? ", …" : ""} ${keys.length === 1 ? "is" : "are"} not read by the provider, which reads ${STACK_CONFIG_REGION_KEY}`;
}
