import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";

const config = new pulumi.Config();
const name = config.get("name") || "terraform-example";
const _default = new alicloud.esa.RatePlanInstance("default", {
    type: "NS",
    autoRenew: false,
    period: 1,
    paymentType: "Subscription",
    coverage: "overseas",
    autoPay: true,
    planName: "high",
});
const defaultSite = new alicloud.esa.Site("default", {
    siteName: "idlexamplerecord.com",
    instanceId: _default.id,
    coverage: "overseas",
    accessType: "NS",
});
const defaultRecord = new alicloud.esa.Record("default", {
    data: {
        value: "www.eerrraaa.com",
        weight: 1,
        priority: 1,
        port: 80,
    },
    ttl: 100,
    recordName: "_udp._sip.idlexamplerecord.com",
    comment: "This is a remark",
    siteId: defaultSite.id,
    recordType: "SRV",
});
