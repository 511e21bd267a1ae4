/** Shared fixtures: a registry covering each access-provider case, providers per region class. */
import { parseRegistry, FilingRegistry } from "../../lib/model/registry";
import { ProviderInput } from "../../tools/engine-client";

export const TEST_REGISTRY_YAML = `
filings:
  - domain: filed-alibaba.com
    icp: 浙ICP备2023012345号-1
    accessProviders: [alibaba]
  - domain: filed-other.com
    icp: 京ICP备12345678号-2
    accessProviders: [tencent]
  - domain: 例子.中国
    icp: 粤ICP备2021000001号-1
    accessProviders: [alibaba]
  - domain: shop.com.cn
    icp: 沪ICP备2020000002号-1
    accessProviders: [tencent, alibaba]
`;

export const testRegistry: FilingRegistry = parseRegistry(TEST_REGISTRY_YAML, "/registry/icp-filings.yaml");

export function provider(region?: unknown, name = "p"): ProviderInput {
    return {
        urn: `urn:pulumi:dev::icp-guard-test::pulumi:providers:alicloud::${name}`,
        type: "pulumi:providers:alicloud",
        name,
        props: region === undefined ? { version: "3.108.0" } : { region, version: "3.108.0" },
    };
}

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:dev::icp-guard-test::${type}::${name}`;
}
