/**
 * Runs a real Pulumi program under the SDK's mock runtime, with a monitor that records exactly
 * what the engine would receive for each resource — type, inputs, provider, parent, dependencies
 * and property dependencies — and answers like the engine: during preview, computed outputs
 * (IPs, DNS names, CNAMEs) are unknown; during an update they get plausible values.
 *
 * Prints the result in the shape of `pulumi preview --json` ({ config, steps: [{ op, urn,
 * provider, newState, detailedDiff }] }), with the default providers the engine would create, so it
 * feeds both the pack over gRPC (tools/examples.ts engineRequests) and `icp-guard check`. The
 * document follows the Go structs Pulumi marshals (pulumi/pulumi 1b5949891b3c: pkg/display/json.go
 * PreviewDigest/PreviewStep, sdk/go/common/apitype/core.go ResourceV3): `omitempty` fields are left
 * out when empty, `detailedDiff` is always written (null for a create). test/pulumi-formats.spec.ts
 * checks it. One deliberate difference: a created resource's newState carries the outputs the
 * engine hands AnalyzeStack after the provider's preview Create (unknowns included); the real
 * preview JSON takes the state when the step starts, usually before those outputs exist.
 *
 * Usage: node bin/tools/record-program.js <compiled program .js> --project <p> --stack <s>
 *        [--config <json of stack config>] [--update]
 */
import * as path from "path";
import { UNKNOWN } from "../lib/model/values";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
type Any = any;

/** One resource as `pulumi preview --json` reports its new state. */
export interface Recorded {
    urn: string;
    type: string;
    custom: boolean;
    parent?: string;
    provider?: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

/** ResourceV3 as encoding/json writes it: `omitempty` fields left out when empty. */
function withoutEmpty(resource: Recorded): Recorded {
    const written: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(resource)) {
        const empty = value === undefined || value === "" || (Array.isArray(value) && value.length === 0) || (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);
        // urn, custom and type have no omitempty.
        if (!empty || key === "urn" || key === "custom" || key === "type") written[key] = value;
    }
    return written as unknown as Recorded;
}

function argument(name: string): string | undefined {
    const index = process.argv.indexOf(name);
    return index >= 0 ? process.argv[index + 1] : undefined;
}

/** Provider package versions the engine would use for default providers. */
function packageVersion(pkg: string): string {
    try {
        return (require(`@pulumi/${pkg}/package.json`) as { version: string }).version;
    } catch {
        return "0.0.0";
    }
}

/** Computed outputs icp-guard reads, per type: unknown in preview, plausible after an update. */
function computedOutputs(type: string, inputs: Record<string, unknown>, region: string, serial: number): Record<string, (preview: boolean) => unknown> {
    const ip = () => `47.${96 + (serial % 8)}.${(serial >> 8) & 255}.${serial & 255}`;
    const domain = typeof inputs["domainName"] === "string" ? (inputs["domainName"] as string) : `d${serial}.example.com`;
    const fixed = (value: () => unknown) => (preview: boolean) => (preview ? UNKNOWN : value());
    switch (type) {
        case "alicloud:ecs/eipAddress:EipAddress":
        case "alicloud:ecs/eip:Eip":
            return { ipAddress: fixed(ip) };
        case "alicloud:ecs/instance:Instance":
            return Number(inputs["internetMaxBandwidthOut"] ?? 0) > 0 ? { publicIp: fixed(ip) } : {};
        case "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer":
        case "alicloud:slb/loadBalancer:LoadBalancer":
            return { address: fixed(ip) };
        case "alicloud:alb/loadBalancer:LoadBalancer":
            return { dnsName: fixed(() => `alb-${serial}.${region}.alb.aliyuncsslb.com`), regionId: fixed(() => region) };
        case "alicloud:nlb/loadBalancer:LoadBalancer":
            return { dnsName: fixed(() => `nlb-${serial}.${region}.nlb.aliyuncsslb.com`), regionId: fixed(() => region) };
        case "alicloud:oss/bucket:Bucket":
            return { extranetEndpoint: fixed(() => `oss-${region}.aliyuncs.com`), location: fixed(() => `oss-${region}`) };
        case "alicloud:cdn/domainNew:DomainNew":
        case "alicloud:dcdn/domain:Domain":
        case "alicloud:vod/domain:Domain":
            return { cname: fixed(() => `${domain}.w.kunlunsl.com`) };
        case "alicloud:wafv3/domain:Domain":
        case "alicloud:waf/domain:Domain":
            return { cname: fixed(() => `w${serial}.yundunwaf1.com`) };
        case "alicloud:ddos/domainResource:DomainResource":
            return { cname: fixed(() => `d${serial}.aliyunddos1014.com`) };
        case "alicloud:apigateway/group:Group":
            return { subDomain: fixed(() => `${"0".repeat(24)}${String(serial).padStart(8, "0")}-${region}.alicloudapi.com`) };
        default:
            return {};
    }
}

/**
 * Plausible invoke results by token. `cs.getClusterCredential` returns a kubeconfig (a placeholder
 * with no real credentials; shape per @pulumi/alicloud 3.108.0 `cs/getClusterCredential.d.ts`).
 */
const INVOKE_RESULTS: Readonly<Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>>> = {
    "alicloud:cs/getClusterCredential:getClusterCredential": (inputs) => ({
        id: inputs["clusterId"],
        clusterId: inputs["clusterId"],
        clusterName: "recorded",
        kubeConfig: "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://198.51.100.10:6443\n  name: kubernetes\ncontexts:\n- context:\n    cluster: kubernetes\n    user: recorded\n  name: recorded\ncurrent-context: recorded\nusers:\n- name: recorded\n  user:\n    token: placeholder-not-a-credential\n",
        certificateAuthority: { clientCert: "", clientKey: "", clusterCert: "" },
        expiration: "2099-01-01T00:00:00Z",
    }),
};

async function main(): Promise<void> {
    const program = path.resolve(process.argv[2]);
    const project = argument("--project") ?? "project";
    const stack = argument("--stack") ?? "dev";
    const preview = !process.argv.includes("--update");
    const config = JSON.parse(argument("--config") ?? "{}") as Record<string, string>;

    const runtime = require("@pulumi/pulumi/runtime");
    const settings = require("@pulumi/pulumi/runtime/settings");
    const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks") as { MockMonitor: new (mocks: Any) => Any };
    runtime.setAllConfig(config);

    const recorded: Recorded[] = [];
    const providerRegions = new Map<string, string>();
    let serial = 0;
    const regionFor = (provider: string | undefined, type: string) => {
        const pkg = type.split(":")[0];
        if (provider) return providerRegions.get(provider.slice(0, provider.lastIndexOf("::"))) ?? config[`${pkg}:region`] ?? "cn-beijing";
        return config[`${pkg}:region`] ?? "cn-beijing";
    };

    class RecordingMonitor extends MockMonitor {
        async registerResource(req: Any, callback: Any): Promise<void> {
            const type: string = req.getType();
            const inputs = (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
            const urnPrefix = req.getParent() ? `${(req.getParent() as string).split("::")[2].split("$").pop()}$` : "";
            const urn = `urn:pulumi:${stack}::${project}::${urnPrefix}${type}::${req.getName()}`;
            const propertyDependencies: Record<string, string[]> = {};
            req.getPropertydependenciesMap().forEach((value: Any, key: string) => {
                const urns = value.getUrnsList() as string[];
                if (urns.length > 0) propertyDependencies[key] = urns;
            });
            const provider: string | undefined = req.getProvider() || undefined;
            if (type.startsWith("pulumi:providers:") && typeof inputs["region"] === "string") providerRegions.set(urn, inputs["region"] as string);
            const outputs: Record<string, unknown> = { ...inputs };
            for (const [key, value] of Object.entries(computedOutputs(type, inputs, regionFor(provider, type), ++serial))) outputs[key] = value(preview);
            recorded.push({
                urn,
                type,
                custom: req.getCustom(),
                parent: req.getParent() || undefined,
                provider,
                inputs,
                outputs,
                dependencies: req.getDependenciesList(),
                propertyDependencies,
            });
            return super.registerResource(req, callback);
        }
    }
    const mocks = {
        newResource: (args: Any) => {
            const own = recorded.find((r) => r.urn.endsWith(`::${args.name}`) && r.type === args.type);
            return { id: preview ? "" : `${args.name}-id`, state: own ? own.outputs : args.inputs };
        },
        // Invokes answer like the provider would, where a program reads the result (the engine
        // runs them in preview too; an invoke with an unknown input resolves unknown without calling).
        call: (args: Any) => INVOKE_RESULTS[args.token as string]?.(args.inputs ?? {}) ?? {},
    };
    settings.setMockOptions(new RecordingMonitor(mocks), project, stack, preview);
    const store = require("@pulumi/pulumi/runtime/state").getStore();
    store.supportsSecrets = true;
    store.supportsResourceReferences = true;

    require(program);
    await settings.waitForRPCs();

    // The engine creates a default provider for custom resources without an explicit one.
    const defaults = new Map<string, Recorded>();
    for (const resource of recorded) {
        if (!resource.custom || resource.provider || resource.type.startsWith("pulumi:")) continue;
        const pkg = resource.type.split(":")[0];
        let provider = defaults.get(pkg);
        if (!provider) {
            const version = packageVersion(pkg);
            const inputs: Record<string, unknown> = { version };
            if (config[`${pkg}:region`]) inputs["region"] = config[`${pkg}:region`];
            provider = {
                urn: `urn:pulumi:${stack}::${project}::pulumi:providers:${pkg}::default_${version.replace(/\./g, "_")}`,
                type: `pulumi:providers:${pkg}`,
                custom: true,
                inputs,
                outputs: inputs,
                dependencies: [],
                propertyDependencies: {},
            };
            defaults.set(pkg, provider);
        }
        resource.provider = `${provider.urn}::${preview ? UNKNOWN : "default-provider-id"}`;
    }
    const all = [...defaults.values(), ...recorded];
    const steps = all.map((resource) => ({ op: "create", urn: resource.urn, ...(resource.provider ? { provider: resource.provider } : {}), newState: withoutEmpty(resource), detailedDiff: null }));
    process.stdout.write(`${JSON.stringify({ config, steps }, null, 2)}\n`);
}

main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
});
