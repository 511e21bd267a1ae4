import policy from "../../policies/icp-region-unrecognised";
import { ruleTester } from "../helpers/rule-tester";
import { provider } from "../helpers/fixtures";
import { UNKNOWN } from "../../lib/model/values";

const PROVIDER = "pulumi:providers:alicloud";
const FC = "alicloud:fc/customDomain:CustomDomain";
const OSS = "alicloud:oss/bucketCname:BucketCname";
const SAE = "alicloud:sae/ingress:Ingress";
const CDN = "alicloud:cdn/domainNew:DomainNew";

const providerProps = (region?: unknown) => (region === undefined ? { version: "3.108.0" } : { region, version: "3.108.0" });
const fc = (domainName: unknown) => ({ domainName, protocol: "HTTP" });
const sae = (namespaceId: unknown) => ({
    namespaceId,
    slbId: "lb",
    listenerPort: 80,
    rules: [{ appId: "a", appName: "a", containerPort: 80, domain: "app.filed-alibaba.com", path: "/" }],
});

ruleTester(policy, {
    valid: [
        // Provider resources.
        { name: "provider with a listed mainland region", type: PROVIDER, props: providerProps("cn-hangzhou") },
        { name: "provider with a listed finance region", type: PROVIDER, props: providerProps("cn-shanghai-finance-1") },
        { name: "provider in cn-hongkong", type: PROVIDER, props: providerProps("cn-hongkong") },
        { name: "provider in an unlisted ap- region", type: PROVIDER, props: providerProps("ap-southeast-9") },
        { name: "provider region unknown at preview", type: PROVIDER, props: providerProps(UNKNOWN) },
        { name: "provider without region", type: PROVIDER, props: providerProps() },
        { name: "provider with an empty region", type: PROVIDER, props: providerProps("") },
        { name: "default provider given alicloud:region (its region input): a stray aliyun:region changes nothing", resourceName: "default_3_108_0", type: PROVIDER, props: providerProps("cn-hangzhou"), regions: { misplacedRegionKeys: [{ key: "aliyun:region", value: "cn-shanghai" }] } },
        { name: "explicit provider without region: it never reads the stack config", type: PROVIDER, props: providerProps(), regions: { misplacedRegionKeys: [{ key: "aliyun:region", value: "cn-shanghai" }] } },
        {
            name: "several stacks checked together: a stray aliyun:region of another stack is not this default provider's",
            resourceName: "default_3_108_0",
            type: PROVIDER,
            props: providerProps(),
            regions: { misplacedRegionKeys: [{ key: "aliyun:region", value: "cn-shanghai", stack: "prod::shop" }] },
        },
        { name: "provider region that is not a region ID", type: PROVIDER, props: providerProps("hangzhou") },
        { name: "provider region of the wrong type", type: PROVIDER, props: providerProps(42) },
        {
            name: "knownMainlandRegions silences an unrecognised provider region",
            type: PROVIDER,
            props: providerProps("cn-newcity-1"),
            config: { knownMainlandRegions: ["cn-newcity-1"] },
        },
        // Binding resources.
        { name: "binding whose unrecognised region comes from its provider (reported on the provider)", type: FC, props: fc("api.filed-alibaba.com"), provider: provider("cn-newcity-1") },
        { name: "binding in a listed region", type: OSS, props: { bucket: "b", domain: "img.filed-alibaba.com" }, provider: provider("cn-hangzhou") },
        { name: "binding with the provider default region cn-beijing", type: FC, props: fc("api.filed-alibaba.com"), provider: provider() },
        { name: "binding whose region is unknown at preview", type: FC, props: fc("api.filed-alibaba.com"), provider: provider(UNKNOWN) },
        { name: "SAE namespace unknown at preview", type: SAE, props: sae(UNKNOWN), provider: provider("cn-hangzhou") },
        { name: "SAE namespace in a listed region", type: SAE, props: sae("cn-shenzhen:prod"), provider: provider("cn-newcity-1") },
        {
            name: "stack config region is listed",
            type: FC,
            props: fc("api.filed-alibaba.com"),
            provider: provider(),
            regions: { stackConfigRegion: "cn-shanghai" },
        },
        {
            name: "stack config region is outside the mainland",
            type: FC,
            props: fc("api.filed-alibaba.com"),
            provider: provider(),
            regions: { stackConfigRegion: "us-east-2" },
        },
        {
            name: "CDN-family resources have no serving region, whatever the stack config",
            type: CDN,
            props: { domainName: "static.filed-alibaba.com", cdnType: "web" },
            regions: { stackConfigRegion: "cn-newcity-2" },
        },
        {
            name: "a resource type that binds no domain",
            type: "alicloud:ecs/instance:Instance",
            props: { instanceType: "ecs.g7.large" },
            provider: provider(),
            regions: { stackConfigRegion: "cn-newcity-2" },
        },
        {
            name: "knownMainlandRegions silences an unrecognised stack config region",
            type: FC,
            props: fc("api.filed-alibaba.com"),
            provider: provider(undefined, "default_3_108_0"),
            regions: { stackConfigRegion: "cn-newcity-2" },
            config: { knownMainlandRegions: ["cn-newcity-2"] },
        },
    ],
    invalid: [
        // Stack config that sets the region under a key the provider does not read (issue #17, item 7).
        {
            name: "default provider without region: the stack config sets aliyun:region, which the provider does not read",
            resourceName: "default_3_108_0",
            noTerraformTwin: "about the Pulumi stack config, which Terraform does not have",
            type: PROVIDER,
            props: providerProps(),
            regions: { misplacedRegionKeys: [{ key: "aliyun:region", value: "cn-shanghai" }] },
            errors: [
                {
                    messageId: "stackConfigRegionKey",
                    advisoryOnly: true,
                    data: { key: "aliyun:region", value: "cn-shanghai" },
                    messageIncludes: ["reads its region from alicloud:region only", "cn-beijing (华北2（北京）) (the provider's default)", "pulumi config set alicloud:region cn-shanghai"],
                },
            ],
        },
        {
            name: "default provider, misplaced secret key beside ALICLOUD_REGION: the environment's region, no value shown",
            resourceName: "default",
            noTerraformTwin: "about the Pulumi stack config, which Terraform does not have",
            type: PROVIDER,
            props: providerProps(),
            regions: { misplacedRegionKeys: [{ key: "alibabacloud:regionId" }], environmentRegion: "cn-hangzhou", environmentVariable: "ALICLOUD_REGION" },
            errors: [{ messageId: "stackConfigRegionKey", advisoryOnly: true, data: { key: "alibabacloud:regionId", value: "" }, messageIncludes: ["cn-hangzhou", "from ALICLOUD_REGION", "<region>"] }],
        },
        {
            name: "several stacks checked together: the default provider of the stack whose config sets shop:alicloud-region",
            resourceName: "default",
            noTerraformTwin: "about the Pulumi stack config, which Terraform does not have",
            type: PROVIDER,
            props: providerProps(),
            regions: { misplacedRegionKeys: [{ key: "shop:alicloud-region", value: "cn-shenzhen", stack: "dev::icp-guard-test" }, { key: "aliyun:region", value: "cn-shanghai", stack: "prod::shop" }] },
            errors: [{ messageId: "stackConfigRegionKey", advisoryOnly: true, data: { key: "shop:alicloud-region", value: "cn-shenzhen" }, messageIncludes: ["pulumi config set alicloud:region cn-shenzhen"] }],
        },
        {
            name: "provider with an unrecognised cn-* region",
            type: PROVIDER,
            props: providerProps("cn-newcity-1"),
            errors: [{ messageId: "providerRegion", data: { region: "cn-newcity-1" }, messageIncludes: ["knownMainlandRegions", "treats it as a Chinese mainland region"] }],
        },
        {
            name: "provider with an unrecognised region, another region configured as known",
            type: PROVIDER,
            props: providerProps("cn-newcity-1"),
            config: { knownMainlandRegions: ["cn-newcity-9"] },
            errors: [{ messageId: "providerRegion", data: { region: "cn-newcity-1" } }],
        },
        {
            name: "binding whose region comes from the stack config",
            type: FC,
            props: fc("api.filed-alibaba.com"),
            provider: provider(undefined, "default_3_108_0"),
            regions: { stackConfigRegion: "cn-newcity-2" },
            errors: [{ messageId: "resourceRegion", data: { region: "cn-newcity-2", origin: "stack config alicloud:region" } }],
        },
        {
            name: "binding with no provider, region from the environment",
            type: OSS,
            props: { bucket: "b", domain: UNKNOWN },
            regions: { environmentRegion: "cn-newcity-4", environmentVariable: "ALICLOUD_REGION" },
            errors: [{ messageId: "resourceRegion", data: { region: "cn-newcity-4", origin: "environment variable ALICLOUD_REGION" } }],
        },
        {
            name: "binding whose provider has an empty region, region from the stack config",
            type: FC,
            props: fc("api.filed-alibaba.com"),
            provider: provider("", "default_3_108_0"),
            regions: { stackConfigRegion: "cn-newcity-2" },
            errors: [{ messageId: "resourceRegion", data: { region: "cn-newcity-2" } }],
        },
        {
            name: "SAE ingress with an unrecognised namespace region",
            type: SAE,
            props: sae("cn-newcity-3:ns"),
            provider: provider("cn-hangzhou"),
            errors: [{ messageId: "resourceRegion", data: { region: "cn-newcity-3", origin: "namespaceId" }, messageIncludes: ["namespaceId"] }],
        },
        {
            name: "SAE default namespace (the region ID itself) unrecognised",
            type: SAE,
            props: sae("cn-newcity-3"),
            provider: provider("cn-newcity-3"),
            errors: [{ messageId: "resourceRegion", data: { region: "cn-newcity-3", origin: "namespaceId" } }],
        },
    ],
});
