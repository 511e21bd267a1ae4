import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";

const config = new pulumi.Config();
const name = config.get("name") || "terraform-example";
const createBucket = new alicloud.oss.Bucket("CreateBucket", {
    bucket: name,
    storageClass: "Standard",
});
const defaultZaWJfG = new alicloud.oss.BucketCnameToken("defaultZaWJfG", {
    bucket: createBucket.bucket,
    domain: "tftestacc.com",
});
const defaultnHqm5p = new alicloud.dns.AlidnsRecord("defaultnHqm5p", {
    status: "ENABLE",
    line: "default",
    rr: "_dnsauth",
    type: "TXT",
    domainName: "tftestacc.com",
    priority: 1,
    value: defaultZaWJfG.token,
    ttl: 600,
});
const _default = new alicloud.oss.BucketCname("default", {
    bucket: createBucket.bucket,
    domain: defaultnHqm5p.domainName,
});
