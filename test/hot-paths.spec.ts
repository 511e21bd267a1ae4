/**
 * Differential tests of hot paths that were restructured for speed: each is compared with the
 * straightforward version it replaced, over random inputs, so a faster path never changes a verdict.
 */
import * as assert from "assert";
import { BlockList, isIP } from "net";
import * as fc from "fast-check";
import type { PolicyResource } from "@pulumi/policy";
import { endpointFromNonPublicAddress, NOT_PUBLIC_BLOCKS } from "../lib/graph/endpoints";
import { stackViewFromSdk, viewFromSdk } from "../lib/inputs/engine/sdk-view";
import * as path from "path";
import { resourcesHoldingSignature, SecretIndex } from "../lib/inputs/engine/wire";
import { SECRET_SIG, SECRET_SIG_KEY } from "../lib/model/values";
import { clipLongWords, ResourceView, StackResourceView, StackView } from "../lib/model/resource";
import { POLICIES } from "../policies";
import { checkResource } from "../lib/kit/runner";
import { PackConfig } from "../lib/kit/config";
import { parseRegistry } from "../lib/model/registry";
import { regionEnvironmentFrom } from "../lib/model/region";
import { WaiverBook } from "../lib/model/waivers";
import { syntheticStack } from "../tools/bench-stack";

/** The reference: one list per block, checked in table order (the code before the single check). */
const REFERENCE_BLOCKS = NOT_PUBLIC_BLOCKS.map(([address, prefix, family, why]) => {
    const list = new BlockList();
    list.addSubnet(address, prefix, family);
    return { list, family, why };
});

function referenceBlock(value: string): string | undefined {
    const family = isIP(value);
    if (family === 0) return undefined;
    let address = value;
    let type: "ipv4" | "ipv6" = family === 6 ? "ipv6" : "ipv4";
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
    if (mapped) [address, type] = [mapped[1], "ipv4"];
    return REFERENCE_BLOCKS.find((block) => block.family === type && block.list.check(address, type))?.why;
}

/** IPv4 addresses, half of them inside or next to a listed block (its first and last addresses ± a little). */
const ipv4 = fc.oneof(
    fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((octets) => octets.join(".")),
    fc
        .tuple(fc.constantFrom(...NOT_PUBLIC_BLOCKS.filter((block) => block[2] === "ipv4")), fc.integer({ min: -2, max: 2 }), fc.boolean())
        .map(([[address, prefix], delta, atEnd]) => {
            const base = address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
            const size = 2 ** (32 - prefix);
            const n = (((atEnd ? base + size - 1 : base) + delta) % 2 ** 32 + 2 ** 32) % 2 ** 32;
            return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
        }),
);
const hex = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
const ipv6 = fc.oneof(
    fc.array(hex, { minLength: 8, maxLength: 8 }).map((groups) => groups.join(":")),
    fc.tuple(fc.constantFrom("fc00", "fdff", "fe80", "febf", "fec0", "2001:db8", "2001:db9", "ff00", "ff02", "2408", "240e"), hex).map(([head, tail]) => `${head}::${tail}`),
    fc.constantFrom("::", "::1", "::2"),
    ipv4.map((address) => `::ffff:${address}`),
);

describe("hot paths: faster code, same verdicts", () => {
    it("non-public addresses: one check per family finds the same block as checking each block in order", () => {
        fc.assert(
            fc.property(fc.oneof(ipv4, ipv6, fc.string({ maxLength: 20 })), (value) => {
                const endpoint = endpointFromNonPublicAddress(value);
                const why = referenceBlock(value);
                assert.strictEqual(endpoint?.product, why === undefined ? undefined : `${why} (${value})`);
            }),
            { numRuns: 3000, seed: 0x1b10c }
        );
    });

    it("stack views from the SDK's resources: the same views as building each from viewFromSdk and spreading it", () => {
        /** The reference: the implementation before the single-pass build. */
        function reference(resources: readonly PolicyResource[], secrets: SecretIndex): StackView {
            const views: StackResourceView[] = resources.map((resource) => {
                const propertyDependencies: Record<string, string[]> = {};
                for (const [property, dependencies] of Object.entries(resource.propertyDependencies ?? {})) {
                    propertyDependencies[property] = dependencies.map((dependency) => dependency.urn);
                }
                return {
                    ...viewFromSdk(resource, (urn) => secrets.forUrn(urn)),
                    parent: resource.parent?.urn,
                    dependencies: (resource.dependencies ?? []).map((dependency) => dependency.urn),
                    propertyDependencies,
                };
            });
            return { resources: views, byUrn: new Map(views.map((view) => [view.urn, view])) };
        }
        const resourceArb = fc.record({
            name: fc.constantFrom("a", "b", "c", "d"),
            type: fc.constantFrom("alicloud:ecs/instance:Instance", "alicloud:dns/alidnsRecord:AlidnsRecord", "random:index/randomPassword:RandomPassword"),
            props: fc.dictionary(fc.constantFrom("value", "rr", "domainName", "publicIp"), fc.oneof(fc.string(), fc.integer())),
            additionalSecretOutputs: fc.option(fc.subarray(["value", "rr"]), { nil: undefined }),
            withProvider: fc.boolean(),
            parent: fc.option(fc.nat(5), { nil: undefined }),
            dependencies: fc.option(fc.array(fc.nat(5), { maxLength: 3 }), { nil: undefined }),
            propertyDependencies: fc.option(fc.dictionary(fc.constantFrom("value", "rr", "instanceId"), fc.array(fc.nat(5), { maxLength: 3 })), { nil: undefined }),
        });
        fc.assert(
            fc.property(fc.array(resourceArb, { maxLength: 6 }), (specs) => {
                // Duplicate URNs are possible (same type and name): the last one wins in both.
                const resources: PolicyResource[] = specs.map(
                    (spec) =>
                        ({
                            urn: `urn:pulumi:dev::shop::${spec.type}::${spec.name}`,
                            type: spec.type,
                            name: spec.name,
                            props: spec.props,
                            opts: spec.additionalSecretOutputs ? { additionalSecretOutputs: spec.additionalSecretOutputs } : {},
                            provider: spec.withProvider ? { urn: "urn:pulumi:dev::shop::pulumi:providers:alicloud::default", type: "pulumi:providers:alicloud", name: "default", props: { region: "cn-hangzhou" } } : undefined,
                            dependencies: [],
                            propertyDependencies: {},
                        }) as unknown as PolicyResource,
                );
                specs.forEach((spec, i) => {
                    const resource = resources[i] as unknown as Record<string, unknown>;
                    const at = (index: number) => resources[index % Math.max(resources.length, 1)];
                    if (spec.parent !== undefined) resource.parent = at(spec.parent);
                    resource.dependencies = spec.dependencies?.map(at);
                    resource.propertyDependencies = spec.propertyDependencies ? Object.fromEntries(Object.entries(spec.propertyDependencies).map(([key, list]) => [key, list.map(at)])) : undefined;
                });
                const secrets = new SecretIndex(() => true);
                const fast = stackViewFromSdk(resources, secrets);
                const slow = reference(resources, secrets);
                assert.deepStrictEqual(fast.resources, slow.resources);
                assert.deepStrictEqual([...fast.byUrn.entries()], [...slow.byUrn.entries()]);
                for (const [urn, view] of fast.byUrn) assert.strictEqual(fast.resources.lastIndexOf(view), slow.resources.lastIndexOf(slow.byUrn.get(urn)!));
            }),
            { numRuns: 500, seed: 0x5d4 }
        );
    });

    it("per-resource checks sharing one view (record analysis and bindings worked out once) find what each finds on a fresh view", () => {
        const stack = syntheticStack(1500, 7);
        const registry = parseRegistry(stack.registryYaml, "icp-filings.yaml", { knownPolicies: POLICIES.map((policy) => policy.id) });
        const config = new PackConfig(POLICIES);
        const state = () => ({ registry, regions: regionEnvironmentFrom({}), config, waivers: new WaiverBook(registry.waivers) });
        const shared = state();
        let findings = 0;
        for (const request of stack.analyzeRequests) {
            const fresh = (): ResourceView => ({ urn: request.urn, type: request.type, name: request.name, props: request.props, secretProps: new Set(request.additionalSecretOutputs ?? []) });
            const view = fresh();
            for (const definition of POLICIES) {
                const together = checkResource(definition, view, shared);
                const alone = checkResource(definition, fresh(), state());
                assert.deepStrictEqual(together, alone, `${definition.id} on ${request.urn}`);
                findings += together.length;
            }
        }
        assert.ok(findings > 0, "the synthetic stack has findings to compare");
    });

    it("clipping long words: skipping messages with no long run cuts exactly what the word-by-word replace cuts", () => {
        const reference = (message: string, limit = 160) => message.replace(/\S+/gu, (word) => (word.length > limit && [...word].length > limit ? `${[...word].slice(0, limit).join("")}…` : word));
        const piece = fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.constantFrom(" ", "\n", "\t", "\u00a0", "\u3000", "\u2028", "\ufeff", "\u200b"),
            fc.tuple(fc.constantFrom("a", "域", "😀", "\u00a0"), fc.integer({ min: 150, max: 330 })).map(([unit, count]) => unit.repeat(count)),
        );
        fc.assert(
            fc.property(fc.array(piece, { maxLength: 12 }), fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }), (pieces, limit) => {
                const message = pieces.join("");
                assert.strictEqual(clipLongWords(message, limit), reference(message, limit));
            }),
            { numRuns: 2000, seed: 0xc11b }
        );
    });

    it("AnalyzeStack secrets: walking only the resources whose bytes hold the signature records the same secret properties as walking all", () => {
        /* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
        const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [path.dirname(require.resolve("@pulumi/policy"))] }));
        const messages = require(path.join(pulumiDir, "proto", "analyzer_pb.js"));
        const struct = require(require.resolve("google-protobuf/google/protobuf/struct_pb.js", { paths: [pulumiDir] }));
        const secret = (value: unknown) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });
        const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
            leaf: fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(SECRET_SIG)),
            node: fc.oneof({ depthSize: "small" }, tie("leaf"), tie("leaf").map(secret), fc.array(tie("node"), { maxLength: 3 }), fc.dictionary(fc.constantFrom("a", "b", "value"), tie("node"), { maxKeys: 3 })),
        })).node;
        const props = fc.dictionary(fc.constantFrom("domainName", "value", "rr", "password", "tags"), value, { maxKeys: 4 });
        const resource = fc.record({ name: fc.constantFrom("x", "y", "z"), props, provider: fc.option(props, { nil: undefined }), parent: fc.boolean() });
        fc.assert(
            fc.property(fc.array(resource, { maxLength: 8 }), (specs) => {
                const request = new messages.AnalyzeStackRequest();
                request.setResourcesList(
                    specs.map((spec, i) => {
                        const message = new messages.AnalyzerResource();
                        message.setUrn(`urn:pulumi:dev::shop::alicloud:dns/alidnsRecord:AlidnsRecord::${spec.name}${i}`);
                        message.setType("alicloud:dns/alidnsRecord:AlidnsRecord");
                        message.setName(spec.name);
                        message.setProperties(struct.Struct.fromJavaScript(spec.props as any));
                        if (spec.parent) message.setParent("urn:pulumi:dev::shop::shop:index:App::app");
                        if (spec.provider) {
                            const provider = new messages.AnalyzerProviderResource();
                            provider.setUrn(`urn:pulumi:dev::shop::pulumi:providers:alicloud::p${i}`);
                            provider.setType("pulumi:providers:alicloud");
                            provider.setName(`p${i}`);
                            provider.setProperties(struct.Struct.fromJavaScript(spec.provider as any));
                            message.setProvider(provider);
                        }
                        return message;
                    }),
                );
                const buffer = Buffer.from(request.serializeBinary());
                const decoded = messages.AnalyzeStackRequest.deserializeBinary(buffer);
                const resources = decoded.getResourcesList();
                const found = resourcesHoldingSignature(buffer);
                assert.ok(found);
                assert.strictEqual(found.resources, resources.length);
                const all = new SecretIndex(() => true);
                const some = new SecretIndex(() => true);
                resources.forEach((r: any, i: number) => {
                    all.record(r);
                    if (found.positions.has(i)) some.record(r);
                });
                for (const r of resources) {
                    for (const urn of [r.getUrn(), r.getProvider()?.getUrn()].filter(Boolean)) assert.deepStrictEqual([...some.forUrn(urn)], [...all.forUrn(urn)]);
                }
            }),
            { numRuns: 400, seed: 0x516 }
        );
        /* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
    });
});
