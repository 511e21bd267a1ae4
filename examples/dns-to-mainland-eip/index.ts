import * as alicloud from "@pulumi/alicloud";

const vpc = new alicloud.vpc.Network("app-vpc", { vpcName: "app", cidrBlock: "10.20.0.0/16" });
const zoneA = new alicloud.vpc.Switch("app-vsw-a", { vpcId: vpc.id, cidrBlock: "10.20.1.0/24", zoneId: "cn-hangzhou-h" });
const zoneB = new alicloud.vpc.Switch("app-vsw-b", { vpcId: vpc.id, cidrBlock: "10.20.2.0/24", zoneId: "cn-hangzhou-i" });

// A new EIP and ALB: their address and DNS name exist only after apply.
const eip = new alicloud.ecs.EipAddress("app-eip", { bandwidth: "5", paymentType: "PayAsYouGo" });
const alb = new alicloud.alb.LoadBalancer("app-alb", {
    vpcId: vpc.id,
    addressType: "Internet",
    loadBalancerEdition: "Standard",
    loadBalancerBillingConfig: { payType: "PayAsYouGo" },
    zoneMappings: [
        { vswitchId: zoneA.id, zoneId: "cn-hangzhou-h" },
        { vswitchId: zoneB.id, zoneId: "cn-hangzhou-i" },
    ],
});

// Records for a domain with no ICP filing, pointing at both: blocked at preview.
new alicloud.dns.AlidnsRecord("app", { domainName: "unfiled-example.com", rr: "app", type: "A", value: eip.ipAddress });
new alicloud.dns.AlidnsRecord("api", { domainName: "unfiled-example.com", rr: "api", type: "CNAME", value: alb.dnsName });

// partner-example.com is filed, but at Tencent only: an ALB in the mainland needs 接入阿里云.
new alicloud.dns.AlidnsRecord("partner", { domainName: "partner-example.com", rr: "app", type: "CNAME", value: alb.dnsName });
