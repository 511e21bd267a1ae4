/**
 * Property-based tests of the real pack over the engine protocol: random and malformed resources
 * of every type icp-guard reads (bindings, DNS records, endpoints, providers, zones, others) —
 * wrong types, nulls, empty strings, every unknown sentinel anywhere, secret-wrapped values, very
 * long and odd Unicode strings, deep nesting — sent through Analyze, and random stacks with random
 * parents and propertyDependencies through AnalyzeStack. For every input the pack must:
 *
 * - answer (no gRPC error, the process keeps running);
 * - never produce the SDK's "can't run policy … during preview" downgrade;
 * - never put a secret in a message (each secret carries a distinctive token);
 * - never report an internal error;
 * - give the same diagnostics in the same order when the same request is sent again.
 *
 * One pack process for the whole file, started as the engine starts it. Bounded and seeded in
 * `npm test`; `npm run fuzz` runs many more cases plus an exhaustive grid of secret placements
 * (see test/fuzz-support.ts).
 *
 * Each leak class these tests once found has its own regression property below; none is tolerated.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as fc from "fast-check";
import { Diagnostic, isCantRunDiagnostic, PackProcess, ProviderInput, ResourceInput } from "../tools/engine-client";
import { BINDING_TYPES, isBehindLoadBalancer } from "../lib/graph/bindings";
import { DNS_TYPES } from "../lib/graph/dns";
import { ENDPOINT_RESOURCE_TYPES } from "../lib/graph/endpoints";
import { UNKNOWN } from "../lib/model/values";
import {
    ALICLOUD_PROVIDER,
    CLEAN_ENV,
    comparable,
    findLeaks,
    FUZZ_REGISTRY_YAML,
    FUZZED_TYPES,
    fuzzArbitraries,
    fuzzRuns,
    fuzzSeed,
    secretOfShape,
    SecretShape,
    secretWrap,
    stackResources,
    withUrn,
} from "./fuzz-support";

const PACK_DIR = path.resolve(__dirname, "..", "..");
const heavy = fuzzArbitraries({ heavy: true });
const light = fuzzArbitraries({ heavy: false });
const deepRun = Boolean(process.env["ICP_GUARD_FUZZ_RUNS"]);


/**
 * Problems with one answer (empty when it is fine).
 * Messages stay short whatever the input: at most 4,000 characters for one resource (as the e2e
 * suite expects), 20,000 for a stack (a finding may list several resources).
 */
function problemsWith(diagnostics: readonly Diagnostic[], resources: readonly ResourceInput[], maxLength: number): string[] {
    const problems: string[] = [];
    for (const diagnostic of diagnostics) {
        if (isCantRunDiagnostic(diagnostic)) problems.push(`can't-run downgrade: ${diagnostic.message.slice(0, 300)}`);
        if (/internal error/i.test(diagnostic.message)) problems.push(`internal error: ${diagnostic.message.slice(0, 500)}`);
        if (diagnostic.message.length > maxLength) problems.push(`a ${diagnostic.message.length}-character ${diagnostic.policyName} message: ${diagnostic.message.slice(0, 300)}…`);
    }
    for (const leak of findLeaks(diagnostics, resources)) {
        problems.push(`secret ${leak.token} in a ${leak.policy} message: ${leak.message.slice(0, 600)}`);
    }
    return problems;
}

const secret = (t: string, shape: SecretShape = "plain") => secretOfShape(t, shape);
const TOKEN = "qzk3y9t0k3ny4b7c";
const provider = (region?: unknown): ProviderInput => ({
    urn: `urn:pulumi:dev::fuzz::${ALICLOUD_PROVIDER}::p`,
    type: ALICLOUD_PROVIDER,
    name: "p",
    props: region === undefined ? { version: "3.108.0" } : { region, version: "3.108.0" },
});
const token = fc.stringMatching(/^[0-9a-z]{14}$/).map((rest) => `qz${rest}`);

describe("fuzz: the pack over gRPC never crashes, downgrades, leaks or wavers", function () {
    this.timeout(600_000);
    let pack: PackProcess;
    let registryDir: string;
    let reported = 0;

    before(async () => {
        registryDir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-fuzz-"));
        const registryFile = path.join(registryDir, "icp-filings.yaml");
        fs.writeFileSync(registryFile, FUZZ_REGISTRY_YAML);
        pack = await PackProcess.start(PACK_DIR, { env: { ...CLEAN_ENV, ICP_GUARD_FILINGS: registryFile } });
        await pack.configureStack({ dryRun: true, project: "fuzz" });
        await pack.configure(await pack.getAnalyzerInfo(), {});
    });
    after(async () => {
        await pack?.close();
        if (registryDir) fs.rmSync(registryDir, { recursive: true, force: true });
    });

    /** Sends a request twice; returns every problem with either answer. */
    async function twice(send: () => Promise<Diagnostic[]>, resources: readonly ResourceInput[], maxLength: number): Promise<string[]> {
        let first: Diagnostic[];
        let second: Diagnostic[];
        try {
            first = await send();
            second = await send();
        } catch (error) {
            const problem = `gRPC error: ${String((error as Error).message).slice(0, 500)}`;
            if (deepRun && reported++ < 3) process.stderr.write(`  fuzz failure (before shrinking): ${problem}\n`);
            return [problem];
        }
        const problems = problemsWith(first, resources, maxLength);
        if (JSON.stringify(comparable(first)) !== JSON.stringify(comparable(second))) {
            problems.push(`different answers to the same request:\n${comparable(first).join("\n")}\n---\n${comparable(second).join("\n")}`);
        }
        // Long runs: show the first failures as they happen (shrinking can take a while).
        if (deepRun && problems.length > 0 && reported++ < 3) process.stderr.write(`  fuzz failure (before shrinking): ${problems.join(" | ").slice(0, 2_000)}\n`);
        return problems;
    }

    const analyzeOk = async (resource: ResourceInput) => assert.deepStrictEqual(await twice(() => pack.analyze(resource), [resource], 4_000), []);
    const stackOk = async (resources: readonly ResourceInput[]) => assert.deepStrictEqual(await twice(() => pack.analyzeStack(resources), resources, 20_000), []);

    it("Analyze: any resource of any type, with any inputs and provider", async () => {
        await fc.assert(
            fc.asyncProperty(heavy.resource, (fuzzed) => analyzeOk(withUrn(fuzzed))),
            { numRuns: fuzzRuns(120), seed: fuzzSeed(0x1c9a) },
        );
    });

    it("AnalyzeStack: random stacks with random parents, dependencies and propertyDependencies", async () => {
        await fc.assert(
            fc.asyncProperty(light.stack, (stack) => stackOk(stackResources(stack))),
            { numRuns: fuzzRuns(60), seed: fuzzSeed(0x5a7c) },
        );
    });

    describe("every type × every property × every secret shape (npm run fuzz only)", () => {
        /** Plausible values for every property icp-guard reads, so checks reach their messages. */
        const base = (): Record<string, unknown> => ({
            domainName: "www.unfiled.com", domain: "img.unfiled.com", customDomainName: "fn.unfiled.com", siteName: "unfiled.com", recordName: "www.unfiled.com",
            name: "www.unfiled.com", rr: "www", hostRecord: "www", type: "A", recordType: "A", value: "47.96.1.2", content: "47.96.1.2", records: ["47.96.1.2"],
            data: { value: "47.96.1.2" }, status: "ENABLE", zoneId: "z1", siteId: "s1", rules: [{ domain: "sae.unfiled.com" }], namespaceId: "cn-hangzhou:ns",
            ruleConditions: [{ type: "Host", hostConfig: { values: ["alb.unfiled.com"] } }], sources: [{ content: "origin.unfiled.com", type: "domain" }],
            regionId: "cn-hangzhou", location: "oss-cn-hangzhou", accelerateRegionId: "cn-hangzhou", ensRegionId: "cn-wuxi-telecom-1", serviceLocation: "china",
            addressType: "Internet", ipAddress: "47.96.1.2", publicIp: "47.96.1.3", address: "47.96.1.4", dnsName: "x.cn-hangzhou.alb.aliyuncs.com", cname: "a.w.kunlunsl.com",
            ip: "47.96.1.5", subDomain: "x-cn-hangzhou.alicloudapi.com", internetIp: "47.96.1.6", externalIp: "47.96.1.7", extranetEndpoint: "oss-cn-hangzhou.aliyuncs.com", bucket: "b",
            ipAddressLists: ["47.96.1.8"], zoneMappings: [{ address: "47.96.1.9", loadBalancerAddresses: [{ address: "47.96.1.10" }] }], loadBalancers: [{ address: "47.96.1.11", ipv4Addresses: ["47.96.1.12"] }],
            instanceChargeType: "PostPaid", period: 1, periodUnit: "Week", internetMaxBandwidthOut: 0, tags: { "icp:filing-host": "true" }, protocol: "HTTP", zone: "unfiled.com",
        });
        const paths: (string | number)[][] = [
            ...Object.keys(base()).map((k) => [k]),
            ["rules", 0, "domain"], ["ruleConditions", 0, "hostConfig", "values", 0], ["data", "value"], ["sources", 0, "content"], ["zoneMappings", 0, "address"], ["loadBalancers", 0, "address"], ["records", 0], ["tags", "icp:filing-host"],
        ];
        const shapes: SecretShape[] = ["plain", "label", "registrable", "region", "hostname", "url", "list", "object"];
        const setAt = (target: Record<string, unknown>, at: readonly (string | number)[], value: unknown) => {
            let node = target as Record<string | number, unknown>;
            for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
            node[at[at.length - 1]] = value;
        };
        /** Every case: a resource with one secret, on its props or its provider's region. */
        function* cases(): Generator<{ type: string; props: Record<string, unknown>; provider: ProviderInput }> {
            for (const type of FUZZED_TYPES) {
                for (const at of paths) {
                    for (const shape of shapes) {
                        const props = base();
                        setAt(props, at, secret(TOKEN, shape));
                        yield { type, props, provider: provider("cn-hangzhou") };
                    }
                }
                for (const shape of shapes) yield { type, props: base(), provider: provider(secret(TOKEN, shape)) };
            }
        }

        it("Analyze", async function () {
            if (!deepRun) this.skip();
            for (const c of cases()) await analyzeOk(withUrn({ type: c.type, name: "t", props: c.props, ...(c.type === ALICLOUD_PROVIDER ? {} : { provider: c.provider }) }));
        });

        it("AnalyzeStack, with the resource as a DNS record's target and an EIP, ESA site and zone to point at", async function () {
            if (!deepRun) this.skip();
            const hangzhou = provider("cn-hangzhou");
            for (const c of cases()) {
                const eip = withUrn({ type: "alicloud:ecs/eipAddress:EipAddress", name: "eip", props: { ipAddress: "47.96.9.9" }, provider: hangzhou });
                const site = withUrn({ type: "alicloud:esa/site:Site", name: "site", props: { siteName: "unfiled.com", coverage: "domestic" }, provider: hangzhou });
                const zone = withUrn({ type: "alicloud:dns/alidnsDomain:AlidnsDomain", name: "zone", props: { domainName: "unfiled.com" } });
                const target: ResourceInput = {
                    ...withUrn({ type: c.type, name: "t", props: c.props, provider: c.provider }),
                    propertyDependencies: { value: [eip.urn], content: [eip.urn], records: [eip.urn], data: [eip.urn], siteId: [site.urn], zoneId: [zone.urn], domainName: [zone.urn] },
                    dependencies: [eip.urn, site.urn, zone.urn],
                };
                const record = { ...withUrn({ type: "alicloud:dns/alidnsRecord:AlidnsRecord", name: "rec", props: { domainName: "unfiled.com", rr: "www2", type: "CNAME", value: UNKNOWN }, provider: hangzhou }), propertyDependencies: { value: [target.urn] }, dependencies: [target.urn] };
                const route53 = { ...withUrn({ type: "aws:route53/record:Record", name: "r53", props: { name: "aws.unfiled.com", type: "A", records: [UNKNOWN] } }), propertyDependencies: { records: [target.urn] }, dependencies: [target.urn] };
                await stackOk([eip, site, zone, target, record, route53]);
            }
        });
    });

    it("is still serving, and wrote no stack trace to stderr", async () => {
        assert.strictEqual(pack.child.exitCode, null, "the pack process is alive");
        assert.deepStrictEqual(await pack.analyze(withUrn({ type: "alicloud:cdn/domainNew:DomainNew", name: "after", props: { domainName: "a.filed-alibaba.com" } })), []);
        assert.doesNotMatch(pack.stderr, /^\s+at .+:\d+:\d+\)?$/m, pack.stderr.slice(0, 2000));
        assert.doesNotMatch(pack.stderr, /UnhandledPromiseRejection|TypeError|RangeError|ReferenceError/, pack.stderr.slice(0, 2000));
    });

    // ----------------------------------------------------------------------------------------
    // Secret leaks found by the properties above: reported bugs, kept failing until fixed.
    // Each checks any leak of the secret token for one placement class.
    // ----------------------------------------------------------------------------------------

    /** Asserts that no message contains any secret token of the input. */
    const noLeak = async (send: () => Promise<Diagnostic[]>, resources: readonly ResourceInput[]) => {
        const leaks = findLeaks(await send(), resources);
        assert.deepStrictEqual(leaks.map((l) => `${l.policy}: ${l.message.slice(0, 400)}`), []);
    };
    const REGIONAL_BINDINGS = BINDING_TYPES.filter((t) => !/cdn|vod|live|esa|scdn/.test(t));

    // Regression (found by fuzzing, fixed): secret regions (provider region, namespaceId, regionId, location, …) once reached messages.
    it("a secret region (provider region, namespaceId, regionId, location, …) never appears in a message", async () => {
        const counterexample = { type: "alicloud:oss/bucketCname:BucketCname", props: { bucket: "b", domain: "img.unfiled.com" }, region: secret(TOKEN, "region") };
        await fc.assert(
            fc.asyncProperty(
                fc.record({ type: fc.constantFrom(...REGIONAL_BINDINGS), props: fc.constant<Record<string, unknown>>({ domain: "img.unfiled.com", domainName: "www.unfiled.com", customDomainName: "fn.unfiled.com", rules: [{ domain: "sae.unfiled.com" }], ruleConditions: [{ type: "Host", hostConfig: { values: ["alb.unfiled.com"] } }] }), region: fc.tuple(token, fc.constantFrom<SecretShape>("plain", "region")).map(([t, s]) => secret(t, s)) }),
                async ({ type, props, region }) => {
                    const resource = withUrn({ type, name: "t", props, provider: provider(region) });
                    await noLeak(() => pack.analyze(resource), [resource]);
                },
            ),
            { numRuns: 40, seed: 0xb001, examples: [[counterexample]] },
        );
        for (const type of ENDPOINT_RESOURCE_TYPES) {
            for (const key of ["regionId", "location", "accelerateRegionId", "ensRegionId", "serviceLocation"]) {
                const endpoint = withUrn({ type, name: "t", props: { [key]: secret(TOKEN, "plain"), addressType: "Internet" }, provider: provider("cn-hangzhou") });
                const record = { ...withUrn({ type: DNS_TYPES[0], name: "rec", props: { domainName: "unfiled.com", rr: "www", type: "CNAME", value: UNKNOWN } }), propertyDependencies: { value: [endpoint.urn] }, dependencies: [endpoint.urn] };
                await noLeak(() => pack.analyzeStack([endpoint, record]), [endpoint, record]);
            }
        }
    });

    // Regression (found by `npm run fuzz`, fixed): the alicloud provider resource, analysed itself, once showed its own secret region (ICP004).
    it("a provider resource's own secret region never appears in a message", async () => {
        for (const shape of ["region", "plain"] as const) {
            const resource = withUrn({ type: ALICLOUD_PROVIDER, name: "web", props: { region: secretOfShape(TOKEN, shape) } });
            await noLeak(() => pack.analyze(resource), [resource]);
        }
    });

    // Regression (found in review, fixed): a secret region that is in the region table was once named in Chinese (华东2（上海）).
    it("a secret known region is hidden in both its forms: the ID and its Chinese name", async () => {
        for (const type of REGIONAL_BINDINGS) {
            const resource = withUrn({ type, name: "t", props: { bucket: "b", domain: "img.unfiled.com", domainName: "www.unfiled.com", customDomainName: "fn.unfiled.com", rules: [{ domain: "sae.unfiled.com" }], ruleConditions: [{ type: "Host", hostConfig: { values: ["alb.unfiled.com"] } }] }, provider: provider(secretWrap("cn-shanghai")) });
            // Bindings behind a load balancer are decided in the stack pass.
            const diagnostics = isBehindLoadBalancer(type) ? await pack.analyzeStack([resource]) : await pack.analyze(resource);
            assert.ok(diagnostics.length > 0, `${type}: a finding to read`);
            for (const diagnostic of diagnostics) {
                assert.doesNotMatch(diagnostic.message, /cn-shanghai|华东2|上海|\(\(secret\)\)/, `${type}: ${diagnostic.message}`);
            }
        }
    });

    // Regression (found by fuzzing, fixed): secret record targets (value, content, records, data.value) once reached messages.
    it("a secret DNS record target (value, content, records, data.value) never appears in a message", async () => {
        const counterexample = { type: "alicloud:dns/alidnsRecord:AlidnsRecord", target: secret(TOKEN, "hostname") };
        await fc.assert(
            fc.asyncProperty(
                fc.record({ type: fc.constantFrom(...DNS_TYPES), target: fc.tuple(token, fc.constantFrom<SecretShape>("hostname", "label", "plain")).map(([t, s]) => secret(t, s)) }),
                async ({ type, target }) => {
                    const props = { domainName: "unfiled.com", rr: "www", name: "www.unfiled.com", recordName: "www.unfiled.com", type: "CNAME", recordType: "CNAME", value: target, content: target, records: [target], data: { value: target } };
                    const resource = withUrn({ type, name: "t", props, provider: provider("cn-hangzhou") });
                    await noLeak(() => pack.analyze(resource), [resource]);
                    await noLeak(() => pack.analyzeStack([resource]), [resource]);
                },
            ),
            { numRuns: 40, seed: 0xb002, examples: [[counterexample]] },
        );
    });

    // Regression (found by fuzzing, fixed): a secret relative record name (rr, hostRecord) once reached the record's label.
    it("a secret relative record name (rr, hostRecord) never appears in a message", async () => {
        await fc.assert(
            fc.asyncProperty(fc.constantFrom("alicloud:dns/alidnsRecord:AlidnsRecord", "alicloud:dns/record:Record"), token, async (type, t) => {
                const eip = withUrn({ type: "alicloud:ecs/eipAddress:EipAddress", name: "eip", props: { ipAddress: "47.96.9.9" }, provider: provider("cn-hangzhou") });
                const record = {
                    ...withUrn({ type, name: "t", props: { domainName: "unfiled.com", name: "unfiled.com", rr: secret(t), hostRecord: secret(t), type: "A", value: UNKNOWN }, provider: provider("cn-hangzhou") }),
                    propertyDependencies: { value: [eip.urn] },
                    dependencies: [eip.urn],
                };
                await noLeak(() => pack.analyzeStack([eip, record]), [eip, record]);
            }),
            { numRuns: 20, seed: 0xb003, examples: [["alicloud:dns/alidnsRecord:AlidnsRecord", TOKEN]] },
        );
    });

    // Regression (found by fuzzing, fixed): a secret scope or ESA coverage once reached messages.
    it("a secret scope or coverage never appears in a message", async () => {
        const CDN_TYPES = BINDING_TYPES.filter((t) => /cdn|vod|live|esa/.test(t));
        await fc.assert(
            fc.asyncProperty(fc.constantFrom(...CDN_TYPES), token, async (type, t) => {
                const resource = withUrn({ type, name: "t", props: { domainName: "x.unfiled.com", siteName: "unfiled.com", scope: secret(t), coverage: secret(t) }, provider: provider("cn-hangzhou") });
                await noLeak(() => pack.analyze(resource), [resource]);
            }),
            { numRuns: 20, seed: 0xb004, examples: [["alicloud:cdn/domain:Domain", TOKEN]] },
        );
    });

    // Regression (found by fuzzing, fixed): a filing host's secret billing input once reached messages (also truncated, leaving a prefix).
    it("a secret billing input of a filing host never appears in a message", async () => {
        await fc.assert(
            fc.asyncProperty(token, async (t) => {
                const resource = withUrn({ type: "alicloud:ecs/instance:Instance", name: "t", props: { tags: { "icp:filing-host": "true" }, instanceChargeType: secret(t), internetMaxBandwidthOut: 10 }, provider: provider("cn-hangzhou") });
                await noLeak(() => pack.analyze(resource), [resource]);
            }),
            { numRuns: 10, seed: 0xb005, examples: [[TOKEN]] },
        );
    });

    // Regression (found by fuzzing, fixed): icp-tld-not-fileable once printed the TLD of a secret domain.
    it("the top-level domain of a secret domain never appears in a message", async () => {
        await fc.assert(
            fc.asyncProperty(fc.constantFrom(...BINDING_TYPES), token, async (type, t) => {
                const domain = secretOfShape(t, "tld");
                const resource = withUrn({ type, name: "t", props: { domainName: domain, domain, customDomainName: domain, siteName: domain }, provider: provider("cn-hangzhou") });
                await noLeak(() => pack.analyze(resource), [resource]);
            }),
            { numRuns: 30, seed: 0xb006, examples: [["alicloud:cdn/domainNew:DomainNew", TOKEN]] },
        );
    });

    // Regression (found by fuzzing, fixed): provider names were once printed unclipped, so messages grew with them.
    it("a provider's long name does not make messages long", async () => {
        const longMessages = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.message.length > 4_000).map((d) => `${d.policyName}: ${d.message.length} characters`);
        for (const length of [10_000, 19_596, 100_000]) {
            const named = { ...provider("cn-newcity-1"), name: "a".repeat(length) };
            const providerResource = withUrn({ type: ALICLOUD_PROVIDER, name: named.name, props: named.props });
            assert.deepStrictEqual(longMessages(await pack.analyze(providerResource)), []);
            const binding = withUrn({ type: "alicloud:oss/bucketCname:BucketCname", name: "t", props: { bucket: "b", domain: "img.unfiled.com" }, provider: named });
            assert.deepStrictEqual(longMessages(await pack.analyze(binding)), []);
            assert.deepStrictEqual(longMessages(await pack.analyzeStack([binding])), []);
        }
    });
});
