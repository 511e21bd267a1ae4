import * as alicloud from "@pulumi/alicloud";

// Everything here serves from outside the Chinese mainland, so no ICP filing is needed.
const hongkong = new alicloud.Provider("hongkong", { region: "cn-hongkong" });

const eip = new alicloud.ecs.EipAddress("hk-eip", { bandwidth: "5", paymentType: "PayAsYouGo" }, { provider: hongkong });
new alicloud.dns.AlidnsRecord("hk-www", { domainName: "unfiled-example.com", rr: "www", type: "A", value: eip.ipAddress });

const bucket = new alicloud.oss.Bucket("hk-images", { bucket: "unfiled-example-hk-images" }, { provider: hongkong });
new alicloud.oss.BucketCname("hk-images-domain", { bucket: bucket.bucket, domain: "img.unfiled-example.com" }, { provider: hongkong });

// A CDN domain with overseas scope accelerates outside the mainland only.
const cdn = new alicloud.cdn.DomainNew("overseas-cdn", {
    domainName: "static.unfiled-example.com",
    cdnType: "web",
    scope: "overseas",
    sources: [{ type: "oss", content: "unfiled-example-hk-images.oss-cn-hongkong.aliyuncs.com", port: 443 }],
});
new alicloud.dns.AlidnsRecord("hk-static", { domainName: "unfiled-example.com", rr: "static", type: "CNAME", value: cdn.cname });
