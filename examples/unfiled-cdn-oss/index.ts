import * as alicloud from "@pulumi/alicloud";

// Promotional assets on a CDN whose scope is left out — that means "domestic", the mainland.
new alicloud.cdn.DomainNew("promo-cdn", {
    domainName: "promo.unfiled-example.com",
    cdnType: "web",
    sources: [{ type: "domain", content: "origin.shop-example.com", port: 443 }],
});

// A global DCDN domain covers the mainland too.
new alicloud.dcdn.Domain("campaign-dcdn", {
    domainName: "campaign.unfiled-example.com",
    scope: "global",
    sources: [{ type: "domain", content: "origin.shop-example.com", port: 443 }],
});

// Images from a bucket in cn-hangzhou under a custom domain.
const bucket = new alicloud.oss.Bucket("images", { bucket: "unfiled-example-images" });
new alicloud.oss.BucketCname("images-domain", { bucket: bucket.bucket, domain: "img.unfiled-example.com" });
