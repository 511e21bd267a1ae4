/**
 * An endpoint catalog for the policy tables: endpoints of another stack (acme/infra/prod) and of a
 * Terraform root module, as `icp-guard endpoints` writes them, parsed as the pack parses the
 * `icp-endpoint-catalog` config.
 */
import { EndpointCatalog, parseEndpointCatalog } from "../../lib/model/endpoint-catalog";

const INFRA = { stack: "acme/infra/prod", writtenAt: "2026-11-20T08:00:01Z" };
const urn = (type: string, name: string) => `urn:pulumi:prod::infra::${type}::${name}`;
const EIP = "alicloud:ecs/eipAddress:EipAddress";
const ECS = "alicloud:ecs/instance:Instance";
const CLB = "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer";

export const CATALOG_ENTRIES = [
    { address: "47.97.10.1", product: "EIP (ecs.EipAddress)", type: EIP, name: "web-eip", network: "public", location: "mainland", region: "cn-hangzhou", because: "region cn-hangzhou (华东1（杭州）) from provider 'default_3_108_0', a Chinese mainland region", access: "alibaba", source: INFRA, urn: urn(EIP, "web-eip") },
    { address: "47.97.10.2", product: "ECS instance (ecs.Instance)", type: ECS, name: "web", network: "public", location: "mainland", region: "cn-hangzhou", because: "region cn-hangzhou (华东1（杭州）) from provider 'default_3_108_0', a Chinese mainland region", access: "alibaba", source: INFRA, urn: urn(ECS, "web") },
    { address: "2408:4000:10::2", product: "ECS instance (ecs.Instance)", type: ECS, name: "web", network: "public", location: "mainland", region: "cn-hangzhou", because: "region cn-hangzhou (华东1（杭州）) from provider 'default_3_108_0', a Chinese mainland region; the IPv6 address 2408:4000:10::2 is public through vpc.Ipv6InternetBandwidth \"v6-bw\"", access: "alibaba", source: INFRA, urn: urn(ECS, "web") },
    { address: "47.242.10.3", product: "CLB (slb.ApplicationLoadBalancer)", type: CLB, name: "hk-clb", network: "public", location: "outside", region: "cn-hongkong", because: "region cn-hongkong (中国香港 Hong Kong) from provider 'hk', outside the Chinese mainland", access: "alibaba", source: INFRA, urn: urn(CLB, "hk-clb") },
    { address: "30.10.1.5", product: "CLB (slb.ApplicationLoadBalancer)", type: CLB, name: "internal-clb", network: "intranet", because: 'addressType "intranet" gives an intranet address, which is not reachable from the Internet', access: "alibaba", source: INFRA, urn: urn(CLB, "internal-clb") },
    {
        address: "static.cat-example.com",
        product: "Alibaba Cloud CDN (alicloud_cdn_domain_new)", // as the catalog builder names a Terraform resource
        type: "alicloud:cdn/domainNew:DomainNew",
        name: "module.cdn.alicloud_cdn_domain_new.static",
        network: "public",
        location: "mainland",
        because: 'scope not set (defaults to "domestic"), which serves the Chinese mainland',
        access: "any",
        source: { file: "cdn/terraform.tfstate", writtenAt: "2026-11-25T00:00:00Z" },
        resourceAddress: "module.cdn.alicloud_cdn_domain_new.static",
    },
];

export function catalogOf(generatedAt: Date, entries: readonly object[] = CATALOG_ENTRIES): EndpointCatalog {
    return parseEndpointCatalog({ tool: "icp-guard", version: 1, generatedAt: generatedAt.toISOString(), endpoints: entries }, 'in the policy config "icp-endpoint-catalog"');
}

/** Built today. */
export const testCatalog: EndpointCatalog = catalogOf(new Date());
/** Built 90 days ago: past the default endpointCatalogMaxAgeDays (30). */
export const staleCatalog: EndpointCatalog = catalogOf(new Date(Date.now() - 90 * 24 * 3600 * 1000));
