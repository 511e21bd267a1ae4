import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";

const _default = new alicloud.ga.Accelerator("default", {
    duration: 1,
    autoUseCoupon: true,
    spec: "1",
});
const defaultDomain = new alicloud.ga.Domain("default", {
    domain: "changes.com.cn",
    acceleratorId: _default.id,
});
