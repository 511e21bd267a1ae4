import * as alicloud from "@pulumi/alicloud";
import * as k8s from "@pulumi/kubernetes";

// An ACK managed cluster in cn-hangzhou (the alicloud provider's region: a cluster has no region input).
const vpc = new alicloud.vpc.Network("ack-vpc", { vpcName: "ack", cidrBlock: "10.30.0.0/16" });
const zoneH = new alicloud.vpc.Switch("ack-vsw-h", { vpcId: vpc.id, cidrBlock: "10.30.1.0/24", zoneId: "cn-hangzhou-h" });
const zoneI = new alicloud.vpc.Switch("ack-vsw-i", { vpcId: vpc.id, cidrBlock: "10.30.2.0/24", zoneId: "cn-hangzhou-i" });
const cluster = new alicloud.cs.ManagedKubernetes("prod", {
    clusterSpec: "ack.pro.small",
    workerVswitchIds: [zoneH.id, zoneI.id],
    newNatGateway: true,
    serviceCidr: "172.21.0.0/20",
    addons: [{ name: "alb-ingress-controller" }],
});

// A Kubernetes provider from the cluster's credentials (plaintext secrets: icp-guard never reads them).
const kubeconfig = alicloud.cs.getClusterCredentialOutput({ clusterId: cluster.id }).kubeConfig;
const provider = new k8s.Provider("ack", { kubeconfig });

// The ALB Ingress controller's AlbConfig (an Internet-facing ALB: addressType's default) and its IngressClass.
new k8s.apiextensions.CustomResource(
    "alb-config",
    {
        apiVersion: "alibabacloud.com/v1",
        kind: "AlbConfig",
        metadata: { name: "alb" },
        spec: { config: { name: "storefront", zoneMappings: [{ vSwitchId: zoneH.id }, { vSwitchId: zoneI.id }] }, listeners: [{ port: 80, protocol: "HTTP" }] },
    },
    { provider },
);
new k8s.networking.v1.IngressClass(
    "alb",
    { metadata: { name: "alb" }, spec: { controller: "ingress.k8s.alibabacloud/alb", parameters: { apiGroup: "alibabacloud.com", kind: "AlbConfig", name: "alb" } } },
    { provider },
);

// shop-example.com is filed with Alibaba Cloud as access provider; unfiled-example.com has no filing.
const backend = { service: { name: "storefront", port: { number: 80 } } };
new k8s.networking.v1.Ingress(
    "storefront",
    {
        metadata: { name: "storefront", namespace: "shop" },
        spec: {
            ingressClassName: "alb",
            rules: [
                { host: "www.shop-example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend }] } },
                { host: "sale.unfiled-example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend }] } },
            ],
        },
    },
    { provider },
);
