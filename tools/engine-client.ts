/**
 * Plays the Pulumi engine's side of the policy-pack protocol, with no Pulumi CLI:
 *
 * 1. spawns `node <pack>/node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine> <pack>` with the
 *    pack directory as working directory, exactly as the engine's language host does;
 * 2. reads the first stdout line as the gRPC port (anything else on it is a start-up failure);
 * 3. speaks gRPC with the generated stubs from the pack's own `@pulumi/pulumi/proto`, in the
 *    engine's order: ConfigureStack, GetPluginInfo, GetAnalyzerInfo, (validated) Configure,
 *    Analyze per resource, AnalyzeStack.
 *
 * Used by the end-to-end tests, `npm run demo` and the benchmark. It stands in for the engine, so
 * it imports no icp-guard code: the config path is transcribed from the engine's Go sources in
 * ./engine-policy-config.ts, and the requests are built as pkg/resource/plugin/analyzer_plugin.go
 * builds them (pulumi/pulumi 1b5949891b3cefcb9974752b24a5ecef0acc86c8).
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { ConfigureEntry, EngineConfigError, engineAnalyzerInfo, LEVEL_OF_PROTO, localPackConfigure } from "./engine-policy-config";

// The stubs and grpc-js are loaded from the pack's node_modules, so messages are built with the
// same module instances the pack's SDK uses (the generated serializers check instanceof).
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
type Any = any;

export type EnforcementLevelName = "advisory" | "mandatory" | "disabled" | "remediate";
const LEVELS: readonly EnforcementLevelName[] = LEVEL_OF_PROTO;
const SEVERITIES = ["unspecified", "low", "medium", "high", "critical"] as const;

export interface ProviderInput {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly props: Record<string, unknown>;
}

export interface ResourceInput {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** Inputs (Analyze) or outputs (AnalyzeStack), as plain JSON; sentinels and secrets allowed. */
    readonly props: Record<string, unknown>;
    readonly provider?: ProviderInput;
    readonly parent?: string;
    readonly dependencies?: readonly string[];
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
    readonly additionalSecretOutputs?: readonly string[];
}

export interface Diagnostic {
    readonly policyName: string;
    readonly policyPackName: string;
    readonly policyPackVersion: string;
    readonly description: string;
    readonly message: string;
    readonly enforcementLevel: EnforcementLevelName;
    readonly urn: string;
    readonly severity: (typeof SEVERITIES)[number];
}

export interface PolicyInfo {
    readonly name: string;
    readonly displayName: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevelName;
    readonly severity: (typeof SEVERITIES)[number];
    readonly url: string;
    readonly remediationSteps: string;
    readonly tags: readonly string[];
    readonly policyType: "resource" | "stack" | "unspecified";
    readonly configSchema?: { readonly properties: Record<string, Record<string, unknown>>; readonly required: readonly string[] };
}

export interface AnalyzerInfo {
    readonly name: string;
    readonly version: string;
    readonly displayName: string;
    readonly description: string;
    readonly supportsConfig: boolean;
    readonly policies: readonly PolicyInfo[];
    /** The pack's initial config (the third argument of `new PolicyPack`), by policy name. */
    readonly initialConfig: ReadonlyMap<string, { readonly enforcementLevel: EnforcementLevelName; readonly properties: Record<string, unknown> }>;
}

/**
 * `--policy-pack-config` file contents: policy name (or "all") → level or {enforcementLevel, …props}.
 * Any JSON object: what the engine refuses, it refuses in its own words (PolicyConfigError).
 */
export type PolicyPackConfig = Readonly<Record<string, unknown>>;

export class PackStartError extends Error {
    constructor(
        message: string,
        readonly exitCode: number | null,
        readonly stderr: string,
        readonly firstLine: string | undefined,
    ) {
        super(message);
        this.name = "PackStartError";
    }
}

export interface StartOptions {
    /** Extra environment for the pack (e.g. ICP_GUARD_FILINGS, PULUMI_CONFIG). */
    readonly env?: Readonly<Record<string, string | undefined>>;
    readonly timeoutMs?: number;
    /** Extra node arguments, e.g. --cpu-prof. */
    readonly nodeArgs?: readonly string[];
}

export class PackProcess {
    private stderrText = "";
    private closed = false;

    private constructor(
        readonly packDir: string,
        readonly child: ChildProcess,
        readonly port: number,
        /** Milliseconds from spawn to the port line. */
        readonly startupMs: number,
        private readonly stubs: Stubs,
        readonly client: Any,
        stderrSoFar: string,
    ) {
        this.stderrText = stderrSoFar;
        child.stderr?.on("data", (chunk: Buffer) => {
            this.stderrText += chunk.toString("utf8");
        });
    }

    get stderr(): string {
        return this.stderrText;
    }

    /** Starts a pack the way the engine does and connects to it. */
    static async start(packDir: string, options: StartOptions = {}): Promise<PackProcess> {
        const resolvedDir = path.resolve(packDir);
        const launcher = path.join(resolvedDir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
        const env: Record<string, string> = {};
        for (const [key, value] of Object.entries({ ...process.env, ...options.env })) if (value !== undefined) env[key] = value;
        const started = process.hrtime.bigint();
        const child = spawn(process.execPath, [...(options.nodeArgs ?? []), launcher, "127.0.0.1:0", resolvedDir], {
            cwd: resolvedDir,
            env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stderr = "";
        child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
        const timeoutMs = options.timeoutMs ?? 30_000;
        const firstLine = await new Promise<string>((resolve, reject) => {
            let stdout = "";
            const timer = setTimeout(() => {
                child.kill("SIGKILL");
                reject(new PackStartError(`pack did not print a port within ${timeoutMs} ms`, null, stderr, undefined));
            }, timeoutMs);
            child.stdout!.on("data", (chunk: Buffer) => {
                stdout += chunk.toString("utf8");
                const newline = stdout.indexOf("\n");
                if (newline >= 0) {
                    clearTimeout(timer);
                    resolve(stdout.slice(0, newline));
                }
            });
            // "close", not "exit": it comes once the child's stdout and stderr are drained, so the
            // error carries everything the pack wrote, however loaded the machine is.
            child.on("close", (code) => {
                clearTimeout(timer);
                reject(new PackStartError(`pack exited with code ${code} before printing a port`, code, stderr, stdout.split("\n")[0] || undefined));
            });
        });
        const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
        if (!/^\d+$/.test(firstLine)) {
            child.kill("SIGKILL");
            throw new PackStartError(`the pack's first stdout line is not a port: ${JSON.stringify(firstLine.slice(0, 200))}`, null, stderr, firstLine);
        }
        const port = Number(firstLine);
        const stubs = loadStubs(resolvedDir);
        const client = new stubs.grpcService.AnalyzerClient(`127.0.0.1:${port}`, stubs.grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 1024 * 1024 * 400,
            "grpc.max_send_message_length": 1024 * 1024 * 400,
        });
        child.stdout!.removeAllListeners("data");
        child.stdout!.resume();
        return new PackProcess(resolvedDir, child, port, startupMs, stubs, client, stderr);
    }

    private call<T>(method: string, request: unknown): Promise<T> {
        return new Promise((resolve, reject) => {
            this.client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response)));
        });
    }

    async configureStack(options: { stack?: string; project?: string; organization?: string; dryRun?: boolean; config?: Record<string, string>; tags?: Record<string, string> } = {}): Promise<void> {
        const request = new this.stubs.messages.AnalyzerStackConfigureRequest();
        request.setStack(options.stack ?? "dev");
        request.setProject(options.project ?? "icp-guard-test");
        request.setOrganization(options.organization ?? "organization");
        request.setDryRun(options.dryRun ?? true);
        for (const [key, value] of Object.entries(options.config ?? {})) request.getConfigMap().set(key, value);
        for (const [key, value] of Object.entries(options.tags ?? {})) request.getTagsMap().set(key, value);
        await this.call("configureStack", request);
    }

    async getPluginInfo(): Promise<{ version: string }> {
        const response: Any = await this.call("getPluginInfo", new this.stubs.empty.Empty());
        return { version: response.getVersion() };
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        return analyzerInfoFromProto(await this.call("getAnalyzerInfo", new this.stubs.empty.Empty()));
    }

    /**
     * Sends Configure for a `--policy-pack-config` exactly as the engine would (engine-policy-config.ts:
     * reconciliation, validation and marshalling transcribed from the Go sources). Returns what was
     * sent; throws the engine's error (PolicyConfigError), without calling the pack, where the
     * engine would stop. `config` is the file's contents, or an object written out as JSON.
     */
    async configure(info: AnalyzerInfo, config: PolicyPackConfig | string = {}): Promise<Record<string, { enforcementLevel: EnforcementLevelName; properties: Record<string, unknown> }>> {
        const entries = configureEntries(info, config);
        if (entries) await this.sendConfigure(entries);
        return recordOf(entries);
    }

    /** One ConfigureAnalyzerRequest, as analyzer_plugin.go Configure builds it. */
    async sendConfigure(entries: readonly ConfigureEntry[]): Promise<void> {
        const request = new this.stubs.messages.ConfigureAnalyzerRequest();
        const map = request.getPolicyconfigMap();
        for (const entry of entries) {
            const policyConfig = new this.stubs.messages.PolicyConfig();
            policyConfig.setEnforcementlevel(entry.enforcementLevel);
            policyConfig.setProperties(this.stubs.struct.Struct.fromJavaScript(entry.properties as Any));
            map.set(entry.name, policyConfig);
        }
        await this.call("configure", request);
    }

    /** marshalProvider: the provider's inputs, marshalled like the resource's. */
    private providerMessage(provider: ProviderInput): Any {
        const message = new this.stubs.messages.AnalyzerProviderResource();
        message.setUrn(provider.urn);
        message.setType(provider.type);
        message.setName(urnName(provider));
        message.setProperties(this.properties(provider.props));
        return message;
    }

    /**
     * MarshalProperties with {KeepUnknowns, KeepSecrets, SkipInternalKeys} (pkg/resource/plugin/rpc.go):
     * top-level keys starting with "__" (the engine's internal keys, e.g. a provider's `__internal`)
     * are not sent; unknowns and secrets are sent as the caller wrote them (sentinels, signatures).
     */
    private properties(props: Record<string, unknown>): Any {
        const sent: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(props)) if (!key.startsWith("__")) sent[key] = value;
        return this.stubs.struct.Struct.fromJavaScript(sent as Any);
    }

    /** marshalResourceOptions: custom timeouts are always set (zero when none), the parent and secret outputs as given. */
    private options(resource: ResourceInput): Any {
        const options = new this.stubs.messages.AnalyzerResourceOptions();
        if (resource.parent) options.setParent(resource.parent);
        if (resource.additionalSecretOutputs) options.setAdditionalsecretoutputsList([...resource.additionalSecretOutputs]);
        options.setCustomtimeouts(new this.stubs.messages.AnalyzerResourceOptions.CustomTimeouts());
        return options;
    }

    /** Analyze one resource's inputs, as the engine does before registering it. */
    async analyze(resource: ResourceInput): Promise<Diagnostic[]> {
        const request = new this.stubs.messages.AnalyzeRequest();
        request.setUrn(resource.urn);
        request.setType(resource.type);
        request.setName(urnName(resource));
        request.setProperties(this.properties(resource.props));
        request.setOptions(this.options(resource));
        if (resource.provider) request.setProvider(this.providerMessage(resource.provider));
        return diagnosticsOf(await this.call("analyze", request));
    }

    /** Builds an AnalyzeStack request; separate so a benchmark can time the call alone. */
    stackRequest(resources: readonly ResourceInput[]): Any {
        const request = new this.stubs.messages.AnalyzeStackRequest();
        request.setResourcesList(
            resources.map((resource) => {
                const message = new this.stubs.messages.AnalyzerResource();
                message.setUrn(resource.urn);
                message.setType(resource.type);
                message.setName(urnName(resource));
                message.setProperties(this.properties(resource.props));
                message.setOptions(this.options(resource));
                if (resource.provider) message.setProvider(this.providerMessage(resource.provider));
                if (resource.parent) message.setParent(resource.parent);
                message.setDependenciesList([...(resource.dependencies ?? [])]);
                for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
                    // "Skip properties that have no dependencies."
                    if (urns.length === 0) continue;
                    const dependencies = new this.stubs.messages.AnalyzerPropertyDependencies();
                    dependencies.setUrnsList([...urns]);
                    message.getPropertydependenciesMap().set(property, dependencies);
                }
                return message;
            }),
        );
        return request;
    }

    /** AnalyzeStack with every resource's outputs, as the engine does after all steps. */
    async analyzeStack(resources: readonly ResourceInput[] | Any): Promise<Diagnostic[]> {
        const request = Array.isArray(resources) ? this.stackRequest(resources) : resources;
        return diagnosticsOf(await this.call("analyzeStack", request));
    }

    /** Kills the pack (the Node SDK does not implement Cancel) and closes the channel. */
    async close(): Promise<void> {
        if (this.closed) return;
        this.closed = true;
        this.client.close();
        if (this.child.exitCode === null) {
            const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
            this.child.kill("SIGTERM");
            await exited;
        }
    }
}

interface Stubs {
    readonly grpc: Any;
    readonly grpcService: Any;
    readonly messages: Any;
    readonly struct: Any;
    readonly empty: Any;
}

function loadStubs(packDir: string): Stubs {
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [packDir] }));
    const fromPulumi = (request: string) => require(require.resolve(request, { paths: [pulumiDir] }));
    return {
        grpc: fromPulumi("@grpc/grpc-js"),
        grpcService: require(path.join(pulumiDir, "proto", "analyzer_grpc_pb.js")),
        messages: require(path.join(pulumiDir, "proto", "analyzer_pb.js")),
        struct: fromPulumi("google-protobuf/google/protobuf/struct_pb.js"),
        empty: fromPulumi("google-protobuf/google/protobuf/empty_pb.js"),
    };
}

/** The engine names a resource by its URN (`new.URN.Name()`): the part after the last "::". */
function urnName(resource: { readonly urn: string; readonly name: string }): string {
    const parts = resource.urn.split("::");
    return parts.length >= 4 ? parts.slice(3).join("::") : resource.name;
}

function diagnosticsOf(response: Any): Diagnostic[] {
    return response.getDiagnosticsList().map((d: Any) => ({
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        policyPackVersion: d.getPolicypackversion(),
        description: d.getDescription(),
        message: d.getMessage(),
        enforcementLevel: LEVELS[d.getEnforcementlevel()],
        urn: d.getUrn(),
        severity: SEVERITIES[d.getSeverity()],
    }));
}

/**
 * The engine's reading of a GetAnalyzerInfo answer (pulumirpc.AnalyzerInfo), as
 * pkg/resource/plugin/analyzer_plugin.go `GetAnalyzerInfo` converts it: also for an answer built
 * in-process by @pulumi/policy's own protoutil.makeAnalyzerInfo (test/helpers/rule-tester.ts).
 */
export function analyzerInfoFromProto(info: Any): AnalyzerInfo {
    const policyTypes: Record<number, PolicyInfo["policyType"]> = { 0: "unspecified", 1: "resource", 2: "stack" };
    const initialConfig = new Map<string, { enforcementLevel: EnforcementLevelName; properties: Record<string, unknown> }>();
    info.getInitialconfigMap().forEach((value: Any, name: string) => {
        initialConfig.set(name, { enforcementLevel: LEVEL_OF_PROTO[value.getEnforcementlevel()], properties: value.getProperties()?.toJavaScript() ?? {} });
    });
    return {
        initialConfig,
        name: info.getName(),
        version: info.getVersion(),
        displayName: info.getDisplayname(),
        description: info.getDescription(),
        supportsConfig: info.getSupportsconfig(),
        policies: info.getPoliciesList().map((policy: Any) => {
            const schema = policy.getConfigschema();
            return {
                name: policy.getName(),
                displayName: policy.getDisplayname(),
                description: policy.getDescription(),
                enforcementLevel: LEVELS[policy.getEnforcementlevel()],
                severity: SEVERITIES[policy.getSeverity()],
                url: policy.getUrl(),
                remediationSteps: policy.getRemediationSteps(),
                tags: policy.getTagsList(),
                policyType: policyTypes[policy.getPolicyType()] ?? "unspecified",
                configSchema: schema ? { properties: schema.getProperties()?.toJavaScript() ?? {}, required: schema.getRequiredList() } : undefined,
            };
        }),
    };
}

/** The engine refused the config (its own message); nothing was sent to the pack. */
export const PolicyConfigError = EngineConfigError;

function configureEntries(info: AnalyzerInfo, config: PolicyPackConfig | string): ConfigureEntry[] | undefined {
    return localPackConfigure(engineAnalyzerInfo(info), typeof config === "string" ? config : JSON.stringify(config));
}

function recordOf(entries: readonly ConfigureEntry[] | undefined): Record<string, { enforcementLevel: EnforcementLevelName; properties: Record<string, unknown> }> {
    return Object.fromEntries((entries ?? []).map((entry) => [entry.name, { enforcementLevel: LEVEL_OF_PROTO[entry.enforcementLevel], properties: entry.properties }]));
}

/**
 * What the engine would send in Configure for a `--policy-pack-config` (every entry, `all` and
 * names the pack does not declare included), or the engine's error (PolicyConfigError).
 */
export function reconcileConfig(info: AnalyzerInfo, config: PolicyPackConfig | string): Record<string, { enforcementLevel: EnforcementLevelName; properties: Record<string, unknown> }> {
    return recordOf(configureEntries(info, config));
}

/** True when a diagnostic is the SDK's "can't run policy … during preview" downgrade. */
export function isCantRunDiagnostic(diagnostic: Diagnostic): boolean {
    return /can't run policy/i.test(diagnostic.message);
}
