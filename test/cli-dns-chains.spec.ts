/**
 * `icp-guard check` follows records to the records of the names they point at (issue #17, item 5)
 * the way the pack's stack pass does, for a Pulumi preview and a Terraform plan alike, and the
 * Markdown report draws each record of the chain between the blocked name and its endpoint.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/icp-guard";
import { POLICIES } from "../policies";
import { render } from "../lib/reports/formats";
import { EXAMPLES_REGISTRY } from "../tools/examples";
import { constant, ref, terraformPlan } from "./helpers/terraform-plan";

const REPO = path.resolve(__dirname, "..", "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-chains-"));
const write = (name: string, content: unknown): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
    return file;
};
const ENV = { ICP_GUARD_FILINGS: EXAMPLES_REGISTRY } as NodeJS.ProcessEnv;

interface JsonFinding {
    readonly policy: string;
    readonly name: string;
    readonly level: string;
    readonly message: string;
}
const findingsOf = (stdout: string) => (JSON.parse(stdout).findings as JsonFinding[]).map((f) => [f.name, f.policy, f.level]).sort((a, b) => a.join().localeCompare(b.join()));

/**
 * The repository's `pulumi preview --json --show-sames` fixture (an A record `app.unfiled-example.com`
 * on a mainland EIP), with a CNAME `www` → `app.unfiled-example.com` created beside it, as the
 * preview writes a create step (test/fixtures/pulumi/preview-show-sames.json, last step).
 */
function previewWithCname(): string {
    const preview = JSON.parse(fs.readFileSync(path.join(REPO, "test", "fixtures", "pulumi", "preview-show-sames.json"), "utf8"));
    const app = preview.steps[preview.steps.length - 1];
    const urn = app.urn.replace(/::app$/, "::www");
    preview.steps.push({
        ...app,
        urn,
        newState: {
            ...app.newState,
            urn,
            inputs: { __defaults: [], domainName: "unfiled-example.com", rr: "www", type: "CNAME", value: "app.unfiled-example.com" },
            dependencies: [],
            propertyDependencies: { domainName: [], rr: [], type: [], value: [] },
            sourcePosition: "project:///index.ts#20,5",
        },
    });
    return write("preview-cname.json", preview);
}

/** A Terraform plan of the estate: www → the apex `@` A record → an Internet CLB, in one root module. */
function planWithCname(zone: string): string {
    return write(
        `plan-${zone}.json`,
        terraformPlan({
            resources: [
                {
                    type: "alicloud_slb_load_balancer",
                    name: "web",
                    values: { load_balancer_name: "web", address_type: "internet", load_balancer_spec: "slb.s2.small" },
                    unknown: { address: true, id: true },
                },
                {
                    type: "alicloud_alidns_record",
                    name: "apex",
                    values: { domain_name: zone, rr: "@", type: "A", ttl: 600 },
                    unknown: { value: true, id: true },
                    expressions: { domain_name: constant(zone), rr: constant("@"), type: constant("A"), value: ref("alicloud_slb_load_balancer.web.address", "alicloud_slb_load_balancer.web") },
                },
                { type: "alicloud_alidns_record", name: "www", values: { domain_name: zone, rr: "www", type: "CNAME", value: zone, ttl: 600 }, unknown: { id: true } },
            ],
        }),
    );
}

describe("icp-guard check follows CNAME chains through the inputs", () => {
    it("a Pulumi preview: the CNAME to a record of the same zone is blocked like that record", async () => {
        const result = await main(["check", previewWithCname(), "--format", "json"], ENV);
        assert.strictEqual(result.code, 1, result.stdout + result.stderr);
        assert.deepStrictEqual(
            findingsOf(result.stdout).filter(([, policy]) => policy === "icp-domain-unfiled"),
            [
                ["app", "icp-domain-unfiled", "mandatory"],
                ["www", "icp-domain-unfiled", "mandatory"],
            ],
        );
        const www = (JSON.parse(result.stdout).findings as JsonFinding[]).find((f) => f.name === "www" && f.policy === "icp-domain-unfiled")!;
        assert.match(www.message, /through www\.unfiled-example\.com → app\.unfiled-example\.com to DNS record app\.unfiled-example\.com A/);
    });

    it("the Markdown report draws the record of the chain between the CNAME and the EIP", async () => {
        const markdown = (await main(["check", previewWithCname(), "--format", "markdown"], ENV)).stdout;
        const diagram = /```mermaid\nflowchart LR\n([\s\S]*?)\n```/.exec(markdown);
        assert.ok(diagram, markdown);
        const chain = diagram[1].split("\n    subgraph ").find((block) => block.includes('"www.unfiled-example.com"'));
        assert.ok(chain, diagram[1]);
        assert.match(chain, /c\dn1\["DNS record www\.unfiled-example\.com CNAME/);
        assert.match(chain, /-->\|"points at"\| c\dn2\["DNS record app\.unfiled-example\.com A"\]/);
        assert.match(chain, /-->\|"its value comes from ecs\.EipAddress #quot;app-eip#quot;"\| c\dn3\["EIP/);
        assert.match(chain, /c\dn4\{\{"region cn-hangzhou/);
    });

    it("a Terraform plan: www → apex → Internet CLB is blocked on both records; filed at Alibaba, neither", async () => {
        const unfiled = await main(["check", planWithCname("unfiled-example.com"), "--format", "json"], ENV);
        assert.strictEqual(unfiled.code, 1, unfiled.stdout + unfiled.stderr);
        assert.deepStrictEqual(
            findingsOf(unfiled.stdout).filter(([, , level]) => level === "mandatory"),
            [
                ["alicloud_alidns_record.apex", "icp-domain-unfiled", "mandatory"],
                ["alicloud_alidns_record.www", "icp-domain-unfiled", "mandatory"],
            ],
        );
        const www = (JSON.parse(unfiled.stdout).findings as JsonFinding[]).find((f) => f.name === "alicloud_alidns_record.www")!;
        assert.match(www.message, /through www\.unfiled-example\.com → unfiled-example\.com to DNS record unfiled-example\.com A \(alicloud_alidns_record\.apex\), where its value comes from alicloud_slb_load_balancer\.web/);
        const filed = await main(["check", planWithCname("shop-example.com"), "--format", "json"], ENV);
        assert.deepStrictEqual(findingsOf(filed.stdout).filter(([, , level]) => level === "mandatory"), [], filed.stdout);
    });

    it("a long chain is drawn by its first records and its last, the middle left out", () => {
        const definition = POLICIES.find((policy) => policy.id === "icp-domain-unfiled")!;
        const data = {
            record: "DNS record c0.unfiled-example.com CNAME",
            domain: "c0.unfiled-example.com",
            endpoint: 'EIP (ecs.EipAddress) ecs.EipAddress "eip"',
            served: "region cn-hangzhou",
            via: "through …",
            chain: ["c1.unfiled-example.com CNAME", "c2.unfiled-example.com CNAME", "…", "c99.unfiled-example.com A"].join(" → "),
            chainVia: 'its value comes from ecs.EipAddress "eip"',
        };
        const finding = { policy: definition.id, urn: "urn:pulumi:dev::shop::alicloud:dns/alidnsRecord:AlidnsRecord::c0", messageId: "recordUnfiled", data, message: "m", advisoryOnly: false };
        const markdown = render("markdown", { findings: [{ definition, finding, level: "mandatory" as const }], definitions: POLICIES, resources: new Map(), file: "preview.json", source: "preview.json", version: "0" });
        assert.match(markdown, /c0n2\["DNS record c1\.unfiled-example\.com CNAME"\][\s\S]*c0n4\["…"\][\s\S]*c0n5\["DNS record c99\.unfiled-example\.com A"\]/);
    });
});
