import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";

const _default = new alicloud.dns.DomainGroup("default", {domainGroupName: "tf-example"});
const defaultAlidnsDomain = new alicloud.dns.AlidnsDomain("default", {
    domainName: "starmove.com",
    groupId: _default.id,
    tags: {
        Created: "TF",
        For: "example",
    },
});
const record = new alicloud.dns.AlidnsRecord("record", {
    domainName: defaultAlidnsDomain.domainName,
    rr: "alimail",
    type: "CNAME",
    value: "mail.mxhichin.com",
    remark: "tf-example",
    status: "ENABLE",
});
