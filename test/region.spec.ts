/**
 * lib/model/region.ts: mainland vs not (ICP-RULES.md §6) and region resolution order (§7).
 */
import * as assert from "assert";
import { classifyRegion, isMainlandClass, misplacedRegionKeys, resolveRegion, regionEnvironmentFrom, regionOfZone, regionsFromStackConfig, showRegion, PROVIDER_DEFAULT_REGION, ProviderView, RegionClass, zoneRegionOf } from "../lib/model/region";
import { Read, UNKNOWN } from "../lib/model/values";

describe("region: classifyRegion (§6)", () => {
    const table: Record<RegionClass, readonly string[]> = {
        mainland: [
            "cn-qingdao",
            "cn-beijing",
            "cn-zhangjiakou",
            "cn-huhehaote",
            "cn-wulanchabu",
            "cn-hangzhou",
            "cn-shanghai",
            "cn-nanjing",
            "cn-fuzhou",
            "cn-shenzhen",
            "cn-heyuan",
            "cn-guangzhou",
            "cn-chengdu",
            "cn-wuhan-lr",
            "cn-zhengzhou-jva",
            // industry clouds (finance, government)
            "cn-hangzhou-finance",
            "cn-shanghai-finance-1",
            "cn-shenzhen-finance-1",
            "cn-beijing-finance-1",
            "cn-north-2-gov-1",
        ],
        outside: [
            "cn-hongkong",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-southeast-1",
            "ap-southeast-3",
            "ap-southeast-5",
            "ap-southeast-7",
            "ap-south-1",
            "us-west-1",
            "us-east-1",
            "eu-central-1",
            "eu-west-1",
            "me-east-1",
            "me-central-1",
            "na-south-1",
            // unlisted, by prefix
            "ap-southeast-9",
            "ap-northeast-3",
            "us-east-2",
            "us-central-1",
            "eu-north-1",
            "me-west-1",
            "na-east-1",
        ],
        "mainland-unrecognised": ["cn-newcity-1", "cn-wuhan", "cn-shanghai-finance-2", "cn-north-3-gov-1", "cn-xian"],
        "not-a-region": [
            "",
            "cn",
            "cn-",
            "beijing",
            "CN-BEIJING",
            "Cn-Hangzhou",
            "cn_beijing",
            " cn-beijing",
            "cn-beijing ",
            "oss-cn-hangzhou",
            "cn-hangzhou.aliyuncs.com",
            "global",
            "domestic",
            "__proto__",
            "toString",
            "constructor",
            "hasOwnProperty",
            "a".repeat(500),
            `cn-${"x".repeat(500)}`,
            "😀",
            UNKNOWN,
        ],
    };

    for (const [expected, regions] of Object.entries(table) as [RegionClass, readonly string[]][]) {
        describe(expected, () => {
            for (const region of regions) {
                it(JSON.stringify(region.length > 40 ? `${region.slice(0, 20)}…(${region.length})` : region), () => {
                    assert.strictEqual(classifyRegion(region), expected);
                });
            }
        });
    }

    it("cn-hongkong is the only listed cn-* region outside the mainland", () => {
        assert.strictEqual(classifyRegion("cn-hongkong"), "outside");
        assert.strictEqual(isMainlandClass(classifyRegion("cn-hongkong")), false);
    });

    it("isMainlandClass: mainland and mainland-unrecognised count as mainland", () => {
        assert.strictEqual(isMainlandClass("mainland"), true);
        assert.strictEqual(isMainlandClass("mainland-unrecognised"), true);
        assert.strictEqual(isMainlandClass("outside"), false);
        assert.strictEqual(isMainlandClass("not-a-region"), false);
    });

    it("the provider default is cn-beijing, a mainland region (§7)", () => {
        assert.strictEqual(PROVIDER_DEFAULT_REGION, "cn-beijing");
        assert.strictEqual(classifyRegion(PROVIDER_DEFAULT_REGION), "mainland");
    });

    it("showRegion names listed regions and leaves others as they are", () => {
        assert.strictEqual(showRegion("cn-hangzhou"), "cn-hangzhou (华东1（杭州）)");
        assert.ok(showRegion("cn-hongkong").startsWith("cn-hongkong ("));
        assert.strictEqual(showRegion("cn-newcity-1"), "cn-newcity-1");
    });

    it("showRegion leaves Object.prototype member names as they are", () => {
        assert.strictEqual(showRegion("__proto__"), "__proto__");
        assert.strictEqual(showRegion("toString"), "toString");
    });
});

describe("region: resolveRegion (§7)", () => {
    const known = (value: string): Read<string> => ({ state: "known", value });
    const own = (read: Read<string>) => ({ read, origin: "namespaceId" });
    const provider = (region?: unknown, name = "p"): ProviderView => ({
        urn: `urn:pulumi:dev::t::pulumi:providers:alicloud::${name}`,
        name,
        type: "pulumi:providers:alicloud",
        props: region === undefined ? { version: "3.108.0" } : { region },
    });
    const fullEnv = { stackConfigRegion: "cn-shanghai", environmentRegion: "cn-shenzhen", environmentVariable: "ALICLOUD_REGION" };

    it("1. the resource's own input wins over everything", () => {
        const resolved = resolveRegion(own(known("cn-hongkong")), provider("cn-hangzhou"), fullEnv);
        assert.deepStrictEqual(resolved.read, known("cn-hongkong"));
        assert.strictEqual(resolved.source, "resource");
        assert.strictEqual(resolved.origin, "namespaceId");
    });

    it("1. an unknown own input is returned as unknown, not skipped", () => {
        const resolved = resolveRegion(own({ state: "unknown" }), provider("cn-hangzhou"), fullEnv);
        assert.strictEqual(resolved.read.state, "unknown");
        assert.strictEqual(resolved.source, "resource");
    });

    it("1. an absent own input falls through to the provider", () => {
        const resolved = resolveRegion(own({ state: "absent" }), provider("cn-hangzhou"), fullEnv);
        assert.deepStrictEqual(resolved.read, known("cn-hangzhou"));
        assert.strictEqual(resolved.source, "provider");
    });

    it("2. the provider's props.region wins over stack config and environment", () => {
        const resolved = resolveRegion(undefined, provider("ap-southeast-1", "sg"), fullEnv);
        assert.deepStrictEqual(resolved.read, known("ap-southeast-1"));
        assert.strictEqual(resolved.source, "provider");
        assert.strictEqual(resolved.origin, "provider 'sg'");
    });

    it("2. the unknown sentinel on the provider is returned as unknown, not skipped", () => {
        const resolved = resolveRegion(undefined, provider(UNKNOWN), fullEnv);
        assert.strictEqual(resolved.read.state, "unknown");
        assert.strictEqual(resolved.source, "provider");
    });

    it("2. a provider region of the wrong type is returned as invalid, not skipped", () => {
        const resolved = resolveRegion(undefined, provider(42), fullEnv);
        assert.strictEqual(resolved.read.state, "invalid");
        assert.strictEqual(resolved.source, "provider");
    });

    it("2. an empty-string region of the default provider falls through to the stack config", () => {
        const resolved = resolveRegion(undefined, provider("", "default_3_108_0"), fullEnv);
        assert.deepStrictEqual(resolved.read, known("cn-shanghai"));
        assert.strictEqual(resolved.source, "stack-config");
    });

    it("2. the default provider without region falls through to the stack config", () => {
        const resolved = resolveRegion(undefined, provider(undefined, "default_3_108_0"), fullEnv);
        assert.deepStrictEqual(resolved.read, known("cn-shanghai"));
        assert.strictEqual(resolved.source, "stack-config");
        assert.strictEqual(resolved.origin, "stack config alicloud:region");
    });

    it("2. an explicit provider without region never reads the stack config (the SDK's Provider reads only args.region ?? ALICLOUD_REGION)", () => {
        const withEnvironment = resolveRegion(undefined, provider(), fullEnv);
        assert.strictEqual(withEnvironment.source, "environment");
        assert.deepStrictEqual(withEnvironment.read, known("cn-shenzhen"));
        // A Hong Kong stack config does not move an explicit provider out of the mainland (cn-beijing).
        const alone = resolveRegion(undefined, provider(), { stackConfigRegion: "cn-hongkong" });
        assert.strictEqual(alone.source, "provider-default");
        assert.deepStrictEqual(alone.read, known("cn-beijing"));
    });

    it("3. several stacks checked together: each provider's own stack's alicloud:region, never another stack's", () => {
        const env = { stackConfigRegions: new Map([["dev::t", "cn-shanghai"], ["prod::t", "ap-southeast-1"]]) };
        const dev = provider(undefined, "default");
        const prod: ProviderView = { ...dev, urn: "urn:pulumi:prod::t::pulumi:providers:alicloud::default" };
        assert.deepStrictEqual(resolveRegion(undefined, dev, env).read, known("cn-shanghai"));
        assert.deepStrictEqual(resolveRegion(undefined, prod, env).read, known("ap-southeast-1"));
        // A Terraform provider configuration (no stack) and no provider at all: no stack config.
        const terraform: ProviderView = { ...provider(), urn: 'terraform::provider["registry.terraform.io/aliyun/alicloud"]' };
        assert.strictEqual(resolveRegion(undefined, terraform, env).source, "provider-default");
        assert.strictEqual(resolveRegion(undefined, undefined, { ...env, stackConfigRegion: "cn-shenzhen" }).source, "provider-default");
    });

    it("3. no provider at all: stack config", () => {
        const resolved = resolveRegion(undefined, undefined, fullEnv);
        assert.strictEqual(resolved.source, "stack-config");
        assert.deepStrictEqual(resolved.read, known("cn-shanghai"));
    });

    it("4. environment region when there is no stack config", () => {
        const resolved = resolveRegion(undefined, provider(), { environmentRegion: "cn-shenzhen", environmentVariable: "ALIBABA_CLOUD_REGION" });
        assert.deepStrictEqual(resolved.read, known("cn-shenzhen"));
        assert.strictEqual(resolved.source, "environment");
        assert.strictEqual(resolved.origin, "environment variable ALIBABA_CLOUD_REGION");
    });

    it("4. environment region with an empty stack config", () => {
        const resolved = resolveRegion(undefined, provider(""), { stackConfigRegion: "", environmentRegion: "cn-shenzhen", environmentVariable: "ALICLOUD_REGION" });
        assert.strictEqual(resolved.source, "environment");
        assert.deepStrictEqual(resolved.read, known("cn-shenzhen"));
    });

    it("5. nothing anywhere: cn-beijing, the provider default", () => {
        const resolved = resolveRegion(undefined, provider(), {});
        assert.deepStrictEqual(resolved.read, known("cn-beijing"));
        assert.strictEqual(resolved.source, "provider-default");
        assert.match(resolved.origin, /default/);
    });

    it("5. nothing anywhere and no provider: cn-beijing", () => {
        const resolved = resolveRegion(undefined, undefined, {});
        assert.deepStrictEqual(resolved.read, known("cn-beijing"));
        assert.strictEqual(resolved.source, "provider-default");
    });

    it("a provider with an unknown region does not fall back to the default", () => {
        const resolved = resolveRegion(undefined, provider(UNKNOWN), {});
        assert.strictEqual(resolved.read.state, "unknown");
        assert.notStrictEqual(resolved.source, "provider-default");
    });
});

describe("region: regionEnvironmentFrom", () => {
    const config = (value: unknown) => JSON.stringify({ "alicloud:region": value, "aws:region": "us-east-1" });

    it("reads alicloud:region from PULUMI_CONFIG", () => {
        assert.deepStrictEqual(regionEnvironmentFrom({ PULUMI_CONFIG: config("cn-shanghai") }), { stackConfigRegion: "cn-shanghai" });
    });

    it("reads stack config and environment together", () => {
        const env = regionEnvironmentFrom({ PULUMI_CONFIG: config("cn-shanghai"), ALICLOUD_REGION: "cn-hangzhou" });
        assert.strictEqual(env.stackConfigRegion, "cn-shanghai");
        assert.strictEqual(env.environmentRegion, "cn-hangzhou");
        assert.strictEqual(env.environmentVariable, "ALICLOUD_REGION");
    });

    it("ignores other keys of PULUMI_CONFIG", () => {
        const env = regionEnvironmentFrom({ PULUMI_CONFIG: JSON.stringify({ region: "cn-shanghai", "alicloud:config:region": "cn-qingdao", "other:region": "x" }) });
        assert.strictEqual(env.stackConfigRegion, undefined);
    });

    for (const [name, raw] of Object.entries({
        "not JSON": "{alicloud:region: cn-shanghai",
        "truncated JSON": '{"alicloud:region": "cn-sh',
        "JSON null": "null",
        "JSON string": '"cn-shanghai"',
        "JSON array": '["cn-shanghai"]',
        "region is a number": config(5),
        "region is an object": config({ value: "cn-shanghai" }),
        "region is empty": config(""),
        empty: "",
    })) {
        it(`malformed PULUMI_CONFIG is ignored (${name}) and the environment still read`, () => {
            let env: ReturnType<typeof regionEnvironmentFrom> | undefined;
            assert.doesNotThrow(() => {
                env = regionEnvironmentFrom({ PULUMI_CONFIG: raw, ALIBABA_CLOUD_REGION: "cn-qingdao" });
            });
            assert.strictEqual(env?.stackConfigRegion, undefined);
            assert.strictEqual(env?.environmentRegion, "cn-qingdao");
            assert.strictEqual(env?.environmentVariable, "ALIBABA_CLOUD_REGION");
        });
    }

    it("ALICLOUD_REGION is preferred over ALIBABA_CLOUD_REGION", () => {
        const env = regionEnvironmentFrom({ ALICLOUD_REGION: "cn-hangzhou", ALIBABA_CLOUD_REGION: "cn-qingdao" });
        assert.strictEqual(env.environmentRegion, "cn-hangzhou");
        assert.strictEqual(env.environmentVariable, "ALICLOUD_REGION");
    });

    it("ALIBABA_CLOUD_REGION is used when ALICLOUD_REGION is unset", () => {
        const env = regionEnvironmentFrom({ ALIBABA_CLOUD_REGION: "cn-qingdao" });
        assert.strictEqual(env.environmentRegion, "cn-qingdao");
        assert.strictEqual(env.environmentVariable, "ALIBABA_CLOUD_REGION");
    });

    it("an empty ALICLOUD_REGION falls through to ALIBABA_CLOUD_REGION", () => {
        const env = regionEnvironmentFrom({ ALICLOUD_REGION: "", ALIBABA_CLOUD_REGION: "cn-qingdao" });
        assert.strictEqual(env.environmentRegion, "cn-qingdao");
        assert.strictEqual(env.environmentVariable, "ALIBABA_CLOUD_REGION");
    });

    it("nothing set: no regions", () => {
        const env = regionEnvironmentFrom({});
        assert.strictEqual(env.stackConfigRegion, undefined);
        assert.strictEqual(env.environmentRegion, undefined);
    });

    it("the result feeds resolveRegion: stack config before environment", () => {
        const env = regionEnvironmentFrom({ PULUMI_CONFIG: config("cn-shanghai"), ALICLOUD_REGION: "cn-hangzhou" });
        const resolved = resolveRegion(undefined, undefined, env);
        assert.strictEqual(resolved.source, "stack-config");
        assert.deepStrictEqual(resolved.read, { state: "known", value: "cn-shanghai" });
        const envOnly = resolveRegion(undefined, undefined, regionEnvironmentFrom({ PULUMI_CONFIG: "{oops", ALICLOUD_REGION: "cn-hangzhou" }));
        assert.strictEqual(envOnly.source, "environment");
        assert.strictEqual(envOnly.origin, "environment variable ALICLOUD_REGION");
    });
});

describe("region: zones name their region (issue #17 item 4)", () => {
    const table: [string, string | undefined][] = [
        ["cn-shanghai-n", "cn-shanghai"],
        ["cn-hangzhou-h", "cn-hangzhou"],
        ["cn-beijing-a", "cn-beijing"],
        ["cn-hongkong-b", "cn-hongkong"],
        ["ap-southeast-1a", "ap-southeast-1"],
        ["us-west-1b", "us-west-1"],
        ["eu-central-1a", "eu-central-1"],
        ["cn-shanghai-finance-1z", "cn-shanghai-finance-1"],
        ["cn-hangzhou-finance-b", "cn-hangzhou-finance"],
        ["cn-wuhan-lr-a", "cn-wuhan-lr"],
        ["cn-newcity-a", "cn-newcity"],
        ["ap-newregion-2c", "ap-newregion-2"],
        ["cn-shanghai", undefined],
        ["ap-southeast-1", undefined],
        ["ap-southeast-1-a", undefined],
        ["Z123", undefined],
        ["z", undefined],
        ["a", undefined],
        ["0123456789abcdef", undefined],
        ["cn-shanghai-MAZ5(f,g)", undefined],
        ["", undefined],
    ];
    for (const [zone, region] of table) {
        it(`${JSON.stringify(zone)} → ${region ?? "no region"}`, () => assert.strictEqual(regionOfZone(zone), region));
    }

    it("reads a resource's own zone (CLB, ECS, ALB/NLB zone mappings), only for Alibaba Cloud types and never from a secret", () => {
        assert.deepStrictEqual(zoneRegionOf({ type: "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer", props: { masterZoneId: "cn-shanghai-n", slaveZoneId: "cn-shanghai-m" } }), {
            read: { state: "known", value: "cn-shanghai" },
            origin: "its zone cn-shanghai-n (masterZoneId)",
        });
        assert.strictEqual(zoneRegionOf({ type: "alicloud:ecs/instance:Instance", props: { availabilityZone: "ap-southeast-1b" } })?.read.state, "known");
        assert.deepStrictEqual(zoneRegionOf({ type: "alicloud:alb/loadBalancer:LoadBalancer", props: { zoneMappings: [{ zoneId: "a" }, { zoneId: "cn-hangzhou-i" }] } })?.origin, "its zone cn-hangzhou-i (zoneMappings[].zoneId)");
        assert.strictEqual(zoneRegionOf({ type: "cloudflare:index/record:Record", props: { zoneId: "cn-hangzhou-h" } }), undefined);
        assert.strictEqual(zoneRegionOf({ type: "alicloud:ecs/instance:Instance", props: { availabilityZone: UNKNOWN } }), undefined);
        assert.strictEqual(zoneRegionOf({ type: "alicloud:ecs/instance:Instance", props: { availabilityZone: "cn-hangzhou-h" }, secretProps: new Set(["availabilityZone"]) }), undefined);
    });

    it("a zone places the resource after its own region and before its provider, stack config and environment", () => {
        const zone = { read: { state: "known", value: "cn-shanghai" } as Read<string>, origin: "its zone cn-shanghai-n (masterZoneId)" };
        const provider: ProviderView = { urn: "urn:pulumi:dev::t::pulumi:providers:alicloud::p", name: "p", type: "pulumi:providers:alicloud", props: {} };
        const env = { stackConfigRegion: "cn-beijing", environmentRegion: "cn-shenzhen", environmentVariable: "ALICLOUD_REGION" };
        assert.deepStrictEqual(resolveRegion(undefined, provider, env, zone), { read: zone.read, source: "zone", origin: zone.origin });
        assert.strictEqual(resolveRegion({ read: { state: "known", value: "cn-hongkong" }, origin: "regionId" }, provider, env, zone).source, "resource");
        const inferred: ProviderView = { ...provider, props: { region: "cn-shanghai" }, regionOrigin: "provider 'alicloud', whose region a state does not record, is cn-shanghai: x" };
        assert.strictEqual(resolveRegion(undefined, inferred, {}).origin, inferred.regionOrigin);
    });
});

describe("stack config keys the alicloud provider does not read", () => {
    it("finds Alibaba-named region keys other than alicloud:region, hiding secret values", () => {
        const config = {
            "alicloud:region": "cn-hangzhou",
            "aliyun:region": "cn-shanghai",
            "alibabacloud:regionId": "cn-beijing",
            "Alibaba:region_id": "[secret]",
            "alicloud:Region": "cn-shenzhen",
            "aliyun:accessKey": "x",
            "myproject:region": "cn-hangzhou",
            "aws:region": "us-east-1",
            "aliyun:secretRegion": "x",
            "shop:alicloud-region": "cn-shenzhen",
            "shop:aliyunRegionId": "cn-qingdao",
            "shop:region": "cn-hangzhou",
            "shop:alicloudRegionTag": "x",
            "alicloud:regionId": "cn-zhangjiakou",
        };
        assert.deepStrictEqual(misplacedRegionKeys(config, new Set(["alibabacloud:regionId"])), [
            { key: "aliyun:region", value: "cn-shanghai" },
            { key: "alibabacloud:regionId" },
            { key: "Alibaba:region_id" },
            { key: "alicloud:Region", value: "cn-shenzhen" },
            { key: "shop:alicloud-region", value: "cn-shenzhen" },
            { key: "shop:aliyunRegionId", value: "cn-qingdao" },
            { key: "alicloud:regionId", value: "cn-zhangjiakou" },
        ]);
    });

    it("a region that falls to the environment or the provider's default says which stack config key the default provider did not read", () => {
        const env = { misplacedRegionKeys: [{ key: "aliyun:region", value: "cn-hongkong" }] };
        const defaultProvider: ProviderView = { urn: "urn:pulumi:dev::t::pulumi:providers:alicloud::default_3_108_0", name: "default_3_108_0", type: "pulumi:providers:alicloud", props: {} };
        const resolved = resolveRegion(undefined, defaultProvider, env);
        assert.strictEqual(resolved.read.state === "known" && resolved.read.value, PROVIDER_DEFAULT_REGION);
        assert.match(resolved.origin, /the stack config's aliyun:region \(cn-hongkong\) is not read by the provider, which reads alicloud:region/);
        assert.match(resolveRegion(undefined, defaultProvider, { ...env, environmentRegion: "cn-shenzhen", environmentVariable: "ALICLOUD_REGION" }).origin, /^environment variable ALICLOUD_REGION; the stack config's aliyun:region/);
        // An explicit provider never reads the stack config; another stack's key is not this provider's.
        assert.doesNotMatch(resolveRegion(undefined, { ...defaultProvider, name: "hk", urn: "urn:pulumi:dev::t::pulumi:providers:alicloud::hk" }, env).origin, /aliyun:region/);
        assert.doesNotMatch(resolveRegion(undefined, defaultProvider, { misplacedRegionKeys: [{ key: "aliyun:region", stack: "prod::t" }] }).origin, /aliyun:region/);
        assert.doesNotMatch(resolveRegion(undefined, defaultProvider, { ...env, stackConfigRegion: "cn-hangzhou" }).origin, /aliyun:region/);
    });

    it("a secret alicloud:region a preview blinds as \"[secret]\" is set but unknown: never the environment's region in its place", () => {
        assert.deepStrictEqual(regionsFromStackConfig({ "alicloud:region": "[secret]" }), { stackConfigRegion: "[secret]" });
        const environment = { ...regionsFromStackConfig({ "alicloud:region": "[secret]" }), environmentRegion: "cn-hongkong", environmentVariable: "ALICLOUD_REGION" };
        assert.deepStrictEqual(resolveRegion(undefined, undefined, environment), {
            read: { state: "unknown" },
            source: "stack-config",
            origin: "stack config alicloud:region (a secret: the preview does not show its value)",
        });
        assert.deepStrictEqual(regionsFromStackConfig({ "alicloud:region": "cn-hangzhou", "aliyun:region": "[secret]" }), { stackConfigRegion: "cn-hangzhou", misplacedRegionKeys: [{ key: "aliyun:region" }] });
    });

    it("reads them from PULUMI_CONFIG, as the engine's language host passes the stack config", () => {
        const env = regionEnvironmentFrom({ PULUMI_CONFIG: JSON.stringify({ "aliyun:region": "cn-shanghai" }), PULUMI_CONFIG_SECRET_KEYS: "[]" });
        assert.deepStrictEqual(env, { misplacedRegionKeys: [{ key: "aliyun:region", value: "cn-shanghai" }] });
    });
});
