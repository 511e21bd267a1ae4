import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";

const config = new pulumi.Config();
const name = config.get("name") || "terraformslbconfig";
const _default = alicloud.getZones({
    availableResourceCreation: "VSwitch",
});
const defaultNetwork = new alicloud.vpc.Network("default", {
    vpcName: name,
    cidrBlock: "172.16.0.0/12",
});
const defaultSwitch = new alicloud.vpc.Switch("default", {
    vpcId: defaultNetwork.id,
    cidrBlock: "172.16.0.0/21",
    zoneId: _default.then(_default => _default.zones?.[0]?.id),
    vswitchName: name,
});
const defaultLoadBalancer = new alicloud.slb.LoadBalancer("default", {
    loadBalancerName: name,
    loadBalancerSpec: "slb.s2.small",
    vswitchId: defaultSwitch.id,
    tags: {
        tag_a: "1",
        tag_b: "2",
        tag_c: "3",
        tag_d: "4",
        tag_e: "5",
        tag_f: "6",
        tag_g: "7",
        tag_h: "8",
        tag_i: "9",
        tag_j: "10",
    },
});
