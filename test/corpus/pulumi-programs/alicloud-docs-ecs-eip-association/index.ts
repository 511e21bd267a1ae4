import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";

const config = new pulumi.Config();
const name = config.get("name") || "tf-example";
const example = alicloud.getZones({
    availableResourceCreation: "Instance",
});
const exampleGetInstanceTypes = example.then(example => alicloud.ecs.getInstanceTypes({
    availabilityZone: example.zones?.[0]?.id,
    cpuCoreCount: 1,
    memorySize: 2,
}));
const exampleGetImages = alicloud.ecs.getImages({
    nameRegex: "^ubuntu_18.*64",
    owners: "system",
});
const exampleNetwork = new alicloud.vpc.Network("example", {
    vpcName: name,
    cidrBlock: "10.4.0.0/16",
});
const exampleSwitch = new alicloud.vpc.Switch("example", {
    vswitchName: name,
    cidrBlock: "10.4.0.0/24",
    vpcId: exampleNetwork.id,
    zoneId: example.then(example => example.zones?.[0]?.id),
});
const exampleSecurityGroup = new alicloud.ecs.SecurityGroup("example", {
    name: name,
    vpcId: exampleNetwork.id,
});
const exampleInstance = new alicloud.ecs.Instance("example", {
    availabilityZone: example.then(example => example.zones?.[0]?.id),
    instanceName: name,
    imageId: exampleGetImages.then(exampleGetImages => exampleGetImages.images?.[0]?.id),
    instanceType: exampleGetInstanceTypes.then(exampleGetInstanceTypes => exampleGetInstanceTypes.instanceTypes?.[0]?.id),
    securityGroups: [exampleSecurityGroup.id],
    vswitchId: exampleSwitch.id,
    tags: {
        Created: "TF",
        For: "example",
    },
});
const exampleEipAddress = new alicloud.ecs.EipAddress("example", {addressName: name});
const exampleEipAssociation = new alicloud.ecs.EipAssociation("example", {
    allocationId: exampleEipAddress.id,
    instanceId: exampleInstance.id,
});
