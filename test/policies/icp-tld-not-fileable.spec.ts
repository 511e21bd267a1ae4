import * as assert from "assert";
import policy from "../../policies/icp-tld-not-fileable";
import icpDomainUnfiled from "../../policies/icp-domain-unfiled";
import { Case, contextFor, ruleTester, StackCase } from "../helpers/rule-tester";
import { provider, urnOf } from "../helpers/fixtures";
import { parseRegistry } from "../../lib/model/registry";
import { UNKNOWN } from "../../lib/model/values";
import { SECRET_DOMAIN } from "../../lib/kit/explain";
import { StackResourceView } from "../../lib/model/resource";
import { alidns, cdnDomain, cloudflare, eip, HONGKONG } from "../helpers/stack-fixtures";

// ICP008 (ICP-RULES.md §9): a domain under a TLD MIIT has not approved can never be filed, so it
// must not be served from the mainland; TLDs the table does not confirm either way (.me, .org,
// unlisted ones) are advisory. ICP001 leaves not-approved TLDs to this policy.

const CDN = "alicloud:cdn/domainNew:DomainNew";
const OSS = "alicloud:oss/bucketCname:BucketCname";
const ALIDNS = "alicloud:dns/alidnsRecord:AlidnsRecord";
const cdn = (domainName: unknown, scope?: string) => ({ domainName, cdnType: "web", sources: [{ content: "1.1.1.1", type: "ipaddr" }], ...(scope ? { scope } : {}) });
const hangzhou = provider("cn-hangzhou");

const notFileable = (tld: string, domain: string, extra: { messageIncludes?: string[] } = {}) => ({
    messageId: "tldNotFileable",
    data: { tld, domain },
    messageIncludes: ["no ICP filing is possible", ...(extra.messageIncludes ?? [])],
});
const unverified = (tld: string, note?: string) => ({ messageId: "tldUnverified", advisoryOnly: true, data: { tld, ...(note ? { note } : {}) } });

/** A registry that lists example.me (an unverified TLD some provinces accept). */
const withMe = parseRegistry("filings:\n  - domain: example.me\n    icp: 京ICP备12345678号-3\n    accessProviders: [alibaba]\n", "/registry/with-me.yaml");

const valid: Case[] = [
    { name: "CDN .com, domestic", type: CDN, props: cdn("www.unfiled.com", "domestic") },
    { name: "CDN .cn, scope left out", type: CDN, props: cdn("www.unfiled.cn") },
    { name: "CDN .com.cn", type: CDN, props: cdn("img.unfiled.com.cn") },
    { name: "CDN .中国 (IDN TLD on the approved list)", type: CDN, props: cdn("www.商店.中国") },
    { name: "CDN .xyz (Tier B gTLD)", type: CDN, props: cdn("www.unfiled.xyz") },
    { name: "CDN .io with overseas scope", type: CDN, props: cdn("www.example.io", "overseas") },
    { name: "OSS .dev in cn-hongkong", type: OSS, props: { bucket: "b", domain: "img.example.dev" }, provider: provider("cn-hongkong", "hk") },
    { name: "CDN .io domain unknown at preview", type: CDN, props: cdn(UNKNOWN) },
    { name: "CDN .io with scope unknown at preview (not decided as mainland)", type: CDN, props: { ...cdn("www.example.io"), scope: UNKNOWN } },
    { name: "filed .me domain in the registry is filed", type: CDN, props: cdn("www.example.me"), registry: withMe },
    { name: "DNS CNAME for .io to an international ALB hostname", type: ALIDNS, props: { domainName: "example.io", rr: "www", type: "CNAME", value: "alb-abc.ap-southeast-1.alb.aliyuncsslbintl.com" }, provider: hangzhou },
    { name: "DNS TXT record for .io is no website", type: ALIDNS, props: { domainName: "example.io", rr: "@", type: "TXT", value: "v=spf1 -all" }, provider: hangzhou },
];

const tableStacksValid: StackCase[] = [
    { name: "stack: .io record proxied by Cloudflare to a Hong Kong EIP origin", resources: [eip("hk-eip", UNKNOWN, HONGKONG), cloudflare("www", "www.example.io", "A", UNKNOWN, { valueFrom: ["hk-eip"], proxied: true })] },
    { name: "stack: name not known until apply under example.io, Hong Kong EIP", resources: [eip("hk-eip", UNKNOWN, HONGKONG), alidns("rnd", "example.io", UNKNOWN, "A", UNKNOWN, ["hk-eip"])] },
    { name: "stack: name not known until apply under unfiled.com (approved TLD), mainland EIP", resources: [eip("eip"), alidns("rnd", "unfiled.com", UNKNOWN, "A", UNKNOWN, ["eip"])] },
    { name: "stack: .io record to a Hong Kong EIP", resources: [eip("hk-eip", UNKNOWN, HONGKONG), alidns("www", "example.io", "www", "A", UNKNOWN, ["hk-eip"])] },
    { name: "stack: .io record to an overseas CDN domain", resources: [cdnDomain("cdn", "static.example.io", "overseas"), alidns("static", "example.io", "static", "CNAME", UNKNOWN, ["cdn"])] },
    { name: "stack: .com record to a mainland EIP", resources: [eip("eip"), alidns("www", "unfiled.com", "www", "A", UNKNOWN, ["eip"])] },
    { name: "stack: .io record whose value comes from nothing in the stack (undecidable)", resources: [alidns("www", "example.io", "www", "A", UNKNOWN)] },
];

const tableStacksInvalid = [
    {
        name: "stack: name not known until apply under example.io, mainland EIP: the zone's TLD is the name's, so it is decided",
        resources: [eip("web-eip"), alidns("rnd", "example.io", UNKNOWN, "A", UNKNOWN, ["web-eip"])],
        errors: [{ resource: "rnd", ...notFileable(".io", "a name under example.io (not known until apply)", { messageIncludes: ['ecs.EipAddress "web-eip"'] }) }],
    },
    {
        name: "stack: .io record proxied by Cloudflare to a mainland EIP origin (proxying is no exemption)",
        resources: [eip("web-eip"), cloudflare("www", "www.example.io", "A", UNKNOWN, { valueFrom: ["web-eip"], proxied: true })],
        errors: [{ resource: "www", ...notFileable(".io", "www.example.io", { messageIncludes: ["is proxied to its origin", 'ecs.EipAddress "web-eip"'] }) }],
    },
    {
        name: "stack: .io record to a mainland EIP (value unknown, followed through propertyDependencies)",
        resources: [eip("web-eip"), alidns("www", "example.io", "www", "A", UNKNOWN, ["web-eip"])],
        errors: [{ resource: "www", ...notFileable(".io", "www.example.io", { messageIncludes: ["DNS record www.example.io A", 'ecs.EipAddress "web-eip"', "cn-hangzhou"] }) }],
    },
    {
        name: "stack: .app record to a CDN domain whose scope is left out (domestic)",
        resources: [cdnDomain("cdn", "static.example.com"), alidns("static", "example.app", "static", "CNAME", UNKNOWN, ["cdn"])],
        errors: [{ resource: "static", ...notFileable(".app", "static.example.app") }],
    },
    {
        name: "stack: .org record to a mainland EIP is unverified",
        resources: [eip("web-eip"), alidns("www", "example.org", "www", "A", UNKNOWN, ["web-eip"])],
        errors: [{ resource: "www", ...unverified(".org") }],
    },
];

ruleTester(policy, {
    valid,
    invalid: [
        {
            name: "CDN .io, domestic scope",
            type: CDN,
            props: cdn("www.example.io", "domestic"),
            errors: [notFileable(".io", "www.example.io", { messageIncludes: ['cdn.DomainNew "CDN-io-domestic-scope" binds it (domainName)', "snapshot 2026-08-19", 'scope "overseas"'] })],
        },
        { name: "CDN .io, scope left out (domestic)", type: CDN, props: cdn("www.example.io"), errors: [notFileable(".io", "www.example.io")] },
        { name: "CDN .io, global scope", type: CDN, props: cdn("static.example.io", "global"), errors: [notFileable(".io", "static.example.io")] },
        { name: "CDN .dev", type: CDN, props: cdn("www.example.dev"), errors: [notFileable(".dev", "www.example.dev")] },
        { name: "CDN .app", type: CDN, props: cdn("www.example.app"), errors: [notFileable(".app", "www.example.app")] },
        { name: "CDN .ai", type: CDN, props: cdn("www.example.ai"), errors: [notFileable(".ai", "www.example.ai")] },
        { name: "wildcard under .io", type: CDN, props: cdn("*.example.io"), errors: [notFileable(".io", "example.io")] },
        { name: "upper case .IO with a trailing dot", type: CDN, props: cdn("WWW.Example.IO."), errors: [notFileable(".io", "www.example.io")] },
        { name: "OSS custom domain under .io in cn-hangzhou", type: OSS, props: { bucket: "b", domain: "img.example.io" }, provider: hangzhou, errors: [notFileable(".io", "img.example.io", { messageIncludes: ["cn-hangzhou"] })] },
        { name: ".hk is not fileable on the mainland", type: CDN, props: cdn("www.example.hk"), errors: [notFileable(".hk", "www.example.hk")] },
        { name: "CDN .me (CONFLICT) is unverified", type: CDN, props: cdn("www.example.me"), errors: [unverified(".me")] },
        { name: "CDN .org (CONFLICT) is unverified", type: CDN, props: cdn("www.example.org"), errors: [{ ...unverified(".org"), messageIncludes: ["CONFLICT", "check with your filing agent"] }] },
        { name: "CDN .tech (CONFLICT) is unverified", type: CDN, props: cdn("www.example.tech"), errors: [unverified(".tech")] },
        {
            name: "CDN under a TLD the table does not list (.xyzzy)",
            type: CDN,
            props: cdn("www.example.xyzzy"),
            errors: [unverified(".xyzzy", ".xyzzy is not in icp-guard's table of fileable TLDs (snapshot 2026-08-19)")],
        },
        {
            name: "DNS CNAME for .io to a literal mainland ALB hostname is blocked per resource",
            type: ALIDNS,
            props: { domainName: "example.io", rr: "www", type: "CNAME", value: "alb-abc123.cn-hangzhou.alb.aliyuncsslb.com" },
            provider: hangzhou,
            errors: [notFileable(".io", "www.example.io", { messageIncludes: ["DNS record www.example.io CNAME"] })],
        },
        {
            name: "secret .io domain is decided but never shown",
            type: CDN,
            props: cdn("hidden.example.io"),
            secretProps: ["domainName"],
            errors: [{ messageId: "tldNotFileable", data: { domain: SECRET_DOMAIN, tld: ".(hidden)" }, messageExcludes: ["hidden.example", "example.io"] }],
        },
    ],
    stackValid: tableStacksValid,
    stackInvalid: tableStacksInvalid,
});

describe("ICP008 and ICP001 on the same input: an unfileable TLD is reported once, by ICP008", () => {
    const view = (testCase: Case) => ({
        urn: urnOf(testCase.type, "same-input"),
        type: testCase.type,
        name: "same-input",
        props: testCase.props,
        provider: testCase.provider,
        secretProps: new Set<string>(),
    });
    const unfiledIds = (testCase: Case) => icpDomainUnfiled.runResource!(view(testCase), contextFor(icpDomainUnfiled, testCase)).map((f) => f.messageId);
    const tldIds = (testCase: Case) => policy.runResource!(view(testCase), contextFor(policy, testCase)).map((f) => f.messageId);

    const notFileableInputs: Case[] = [
        { name: "CDN .io domestic", type: CDN, props: cdn("www.example.io", "domestic") },
        { name: "CDN .dev", type: CDN, props: cdn("www.example.dev") },
        { name: "CDN .ai", type: CDN, props: cdn("www.example.ai") },
        { name: "DNS CNAME .app to a mainland ALB hostname", type: ALIDNS, props: { domainName: "example.app", rr: "www", type: "CNAME", value: "alb-abc123.cn-hangzhou.alb.aliyuncsslb.com" }, provider: hangzhou },
    ];
    for (const testCase of notFileableInputs) {
        it(`${testCase.name}: icp-domain-unfiled is valid, icp-tld-not-fileable reports`, () => {
            assert.deepStrictEqual(unfiledIds(testCase), []);
            assert.deepStrictEqual(tldIds(testCase).length, 1);
        });
    }

    it("an unverified TLD (.org) is reported by both: unfiled (mandatory) and unverified (advisory)", () => {
        const testCase: Case = { name: "CDN .org", type: CDN, props: cdn("www.example.org") };
        assert.deepStrictEqual(unfiledIds(testCase), ["unfiled"]);
        assert.deepStrictEqual(tldIds(testCase), ["tldUnverified"]);
    });

    it("stack: a .io record to a mainland EIP is not reported by icp-domain-unfiled", () => {
        const eipUrn = urnOf("alicloud:ecs/eipAddress:EipAddress", "web-eip");
        const recordUrn = urnOf(ALIDNS, "www");
        const resources: StackResourceView[] = [
            { urn: eipUrn, type: "alicloud:ecs/eipAddress:EipAddress", name: "web-eip", props: { ipAddress: UNKNOWN }, provider: hangzhou, secretProps: new Set<string>(), dependencies: [], propertyDependencies: {} },
            {
                urn: recordUrn,
                type: ALIDNS,
                name: "www",
                props: { domainName: "example.io", rr: "www", type: "A", value: UNKNOWN },
                provider: hangzhou,
                secretProps: new Set<string>(),
                dependencies: [eipUrn],
                propertyDependencies: { value: [eipUrn] },
            },
        ];
        const stack = { resources, byUrn: new Map(resources.map((r) => [r.urn, r])) };
        assert.deepStrictEqual(icpDomainUnfiled.runStack!(stack, contextFor(icpDomainUnfiled, {})), []);
        assert.deepStrictEqual(policy.runStack!(stack, contextFor(policy, {})).map((f) => [f.messageId, f.urn]), [["tldNotFileable", recordUrn]]);
    });
});
