import * as alicloud from "@pulumi/alicloud";
import * as cloudflare from "@pulumi/cloudflare";

// The site runs on a mainland EIP; DNS is hosted at Cloudflare, outside Alibaba Cloud.
const eip = new alicloud.ecs.EipAddress("origin-eip", { bandwidth: "10", paymentType: "PayAsYouGo" });

const zone = new cloudflare.Zone("zone", { account: { id: "0123456789abcdef0123456789abcdef" }, name: "unfiled-example.com" });

// DNS only (not proxied): visitors reach the mainland EIP directly — needs a filing.
new cloudflare.DnsRecord("www", { zoneId: zone.id, name: "www.unfiled-example.com", type: "A", content: eip.ipAddress, ttl: 1, proxied: false });

// Proxied through Cloudflare's edge: visitors reach the edge, but the origin is still the mainland
// EIP, which receives the site's Host — still needs a filing (icp-proxy-mainland-origin).
new cloudflare.DnsRecord("edge", { zoneId: zone.id, name: "edge.unfiled-example.com", type: "A", content: eip.ipAddress, ttl: 1, proxied: true });
