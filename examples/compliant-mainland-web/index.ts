import * as alicloud from "@pulumi/alicloud";

// Network for a small shop in cn-hangzhou (the stack's alicloud:region).
const vpc = new alicloud.vpc.Network("shop-vpc", { vpcName: "shop", cidrBlock: "10.10.0.0/16" });
const vswitch = new alicloud.vpc.Switch("shop-vsw", { vpcId: vpc.id, cidrBlock: "10.10.1.0/24", zoneId: "cn-hangzhou-h" });
const webGroup = new alicloud.ecs.SecurityGroup("web-sg", { vpcId: vpc.id, securityGroupName: "web" });
new alicloud.ecs.SecurityGroupRule("web-https", {
    securityGroupId: webGroup.id,
    type: "ingress",
    ipProtocol: "tcp",
    portRange: "443/443",
    cidrIp: "0.0.0.0/0",
});

// The ICP filing host (备案服务器): a 12-month subscription with an EIP for public bandwidth.
const web = new alicloud.ecs.Instance("web", {
    instanceType: "ecs.g7.large",
    imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
    vswitchId: vswitch.id,
    securityGroups: [webGroup.id],
    instanceChargeType: "PrePaid",
    period: 12,
    periodUnit: "Month",
    internetMaxBandwidthOut: 0,
    tags: { "icp:filing-host": "true" },
});
const eip = new alicloud.ecs.EipAddress("web-eip", { bandwidth: "5", paymentType: "PayAsYouGo", addressName: "web" });
new alicloud.ecs.EipAssociation("web-eip-assoc", { allocationId: eip.id, instanceId: web.id });

// A classic load balancer for the API.
const clb = new alicloud.slb.ApplicationLoadBalancer("api-clb", {
    loadBalancerName: "api",
    addressType: "internet",
    loadBalancerSpec: "slb.s2.small",
    vswitchId: vswitch.id,
});

// Static assets on a domestic CDN (scope left out: domestic).
const cdn = new alicloud.cdn.DomainNew("static-cdn", {
    domainName: "static.shop-example.com",
    cdnType: "web",
    sources: [{ type: "domain", content: "origin.shop-example.com", port: 443 }],
});

// DNS at Alibaba Cloud DNS: every record's target is unknown until apply.
new alicloud.dns.AlidnsRecord("www", { domainName: "shop-example.com", rr: "www", type: "A", value: eip.ipAddress });
new alicloud.dns.AlidnsRecord("api", { domainName: "shop-example.com", rr: "api", type: "A", value: clb.address });
new alicloud.dns.AlidnsRecord("static", { domainName: "shop-example.com", rr: "static", type: "CNAME", value: cdn.cname });

export const webAddress = eip.ipAddress;
