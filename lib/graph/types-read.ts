/**
 * Every Alibaba Cloud resource type the graph reads: bindings, DNS records and zones, endpoints,
 * filing hosts, links between resources, ACK clusters and their add-ons. The pack walks secrets
 * only on these (and on providers and Kubernetes host objects), and the SDK coverage test
 * (test/alicloud-coverage.spec.ts) holds them to the installed @pulumi/alicloud.
 */
import { BINDING_TYPES } from "./bindings";
import { DNS_TYPES, ZONE_NAME_PROPERTY } from "./dns";
import { ENDPOINT_RESOURCE_TYPES } from "./endpoints";
import { HOST_TYPES } from "./hosts";
import { ACK_ADDON_TYPE, ACK_CLUSTER_TYPES } from "./kubernetes";
import { LINK_TYPES } from "./links";

export const ALICLOUD_TYPES_READ: ReadonlySet<string> = new Set([
    ...BINDING_TYPES,
    ...DNS_TYPES,
    ...ENDPOINT_RESOURCE_TYPES,
    ...HOST_TYPES,
    ...Object.keys(ZONE_NAME_PROPERTY),
    ...Object.values(LINK_TYPES),
    ...Object.keys(ACK_CLUSTER_TYPES),
    ACK_ADDON_TYPE,
]);
