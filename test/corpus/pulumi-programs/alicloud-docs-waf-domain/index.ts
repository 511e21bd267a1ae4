import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";

const domain = new alicloud.waf.Domain("domain", {
    domainName: "alicloud-provider.cn",
    instanceId: "waf-123455",
    isAccessProduct: "On",
    sourceIps: ["1.1.1.1"],
    clusterType: "PhysicalCluster",
    http2Ports: ["443"],
    httpPorts: ["80"],
    httpsPorts: ["443"],
    httpToUserIp: "Off",
    httpsRedirect: "Off",
    loadBalancing: "IpHash",
    logHeaders: [{
        key: "foo",
        value: "http",
    }],
});
