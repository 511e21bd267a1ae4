/**
 * `icp-guard endpoints --pulumi-org` against a local stand-in for the Pulumi Cloud REST API (http on
 * 127.0.0.1). The stand-in is transcribed from the Pulumi CLI's own client — pulumi/pulumi
 * 1b5949891b3cefcb9974752b24a5ecef0acc86c8, pkg/backend/httpstate/client/client.go (ListStacks:
 * GET /api/user/stacks with organization, project and continuationToken query parameters;
 * ExportStackDeployment: GET /api/stacks/{org}/{project}/{stack}/export), api_endpoints.go,
 * api.go (Authorization: token …, Accept: application/vnd.pulumi+N, 401/403/429, ErrorResponse
 * bodies), sdk/go/common/apitype/stacks.go (StackSummary, ListStacksResponse) and core.go
 * (UntypedDeployment) — and never imports product code. It also serves Pulumi's own published
 * sample responses (test/fixtures/pulumi-cloud, provenance beside them).
 *
 * Never the network: every socket the process opens during these tests is checked, and any
 * connection outside loopback fails the test.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { main } from "../cli/icp-guard";
import { apiBaseUrl } from "../lib/inputs/pulumi-cloud";
import { Json, StandInPulumiCloud, Summary } from "./helpers/pulumi-cloud-stand-in";

const REPO = path.resolve(__dirname, "..", "..");
const INFRA_TEXT = fs.readFileSync(path.join(REPO, "test", "fixtures", "pulumi", "infra-state.json"), "utf8");
const SAMPLES = path.join(REPO, "test", "fixtures", "pulumi-cloud");
const TOKEN = "pul-0123456789abcdef0123456789abcdef01234567";

// ---- The loopback guard -------------------------------------------------------------------------

const outside: string[] = [];
const originalConnect = net.Socket.prototype.connect;
function hostOf(args: unknown[]): string | undefined {
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    if (first && typeof first === "object") {
        const options = first as { host?: string; path?: string };
        if (options.path) return undefined;
        return options.host ?? "localhost";
    }
    if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) return typeof args[1] === "string" ? args[1] : "localhost";
    return undefined;
}
const isLoopback = (host: string) => host === "localhost" || /^127\./.test(host) || host === "::1" || host === "[::1]";

// ---- The stand-in: test/helpers/pulumi-cloud-stand-in.ts ----------------------------------------

// ---- Stacks of the organization -----------------------------------------------------------------

/** The infrastructure stack's export under another project/stack name, with its EIP moved to Hong Kong at another address. */
function edgeExport(): Json {
    const text = INFRA_TEXT.replace(/urn:pulumi:prod::infra::/g, "urn:pulumi:prod::edge::").replace(/47\.97\.10\.(\d)/g, "47.242.20.$1").replace(/30\.10\.1\.5/g, "30.20.1.5");
    const state = JSON.parse(text) as { deployment: { resources: Json[] } };
    const provider = state.deployment.resources.find((r) => String(r["urn"]).endsWith("default_3_108_0"))!;
    (provider["inputs"] as Json)["region"] = (provider["outputs"] as Json)["region"] = "cn-hongkong";
    return state;
}
const DNS_EXPORT = { version: 3, deployment: { manifest: { time: "2026-11-28T00:00:00Z", magic: "x", version: "v3.248.0" }, resources: [{ urn: "urn:pulumi:prod::dns::pulumi:pulumi:Stack::dns-prod", type: "pulumi:pulumi:Stack", custom: false }] } };

function twoPages(cloud: StandInPulumiCloud): void {
    cloud.pages.set("acme", [
        {
            stacks: [
                { orgName: "acme", projectName: "infra", stackName: "prod", lastUpdate: 1763625601, resourceCount: 8 },
                { orgName: "acme", projectName: "dns", stackName: "prod", lastUpdate: 1764288000, resourceCount: 1 },
            ],
            continuationToken: "2-",
        },
        { stacks: [{ orgName: "acme", projectName: "edge", stackName: "prod", lastUpdate: 1763625601, resourceCount: 8 }] },
    ]);
    cloud.exports.set("acme/infra/prod", JSON.parse(INFRA_TEXT));
    cloud.exports.set("acme/edge/prod", edgeExport());
    cloud.exports.set("acme/dns/prod", DNS_EXPORT);
}

interface Catalog {
    endpoints: { address: string; region?: string; network: string; location?: string; source: { stack?: string; file?: string; writtenAt?: string }; urn?: string; product: string; because: string; access: string; name: string; type: string }[];
}

describe("icp-guard endpoints --pulumi-org (against a local stand-in for Pulumi Cloud)", function () {
    this.timeout(60_000);
    let cloud: StandInPulumiCloud;
    let url: string;
    const env = (extra: Record<string, string | undefined> = {}) => ({ PULUMI_ACCESS_TOKEN: TOKEN, PULUMI_BACKEND_URL: url, ALICLOUD_REGION: undefined, ALIBABA_CLOUD_REGION: undefined, PULUMI_CONFIG: undefined, ...extra }) as NodeJS.ProcessEnv;
    const FAST = ["--retry-delay", "1"];

    before(() => {
        net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
            const host = hostOf(args);
            if (host !== undefined && !isLoopback(host)) {
                outside.push(host);
                throw new Error(`test guard: connection to ${host} outside loopback`);
            }
            return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
        } as typeof originalConnect;
    });
    after(() => {
        net.Socket.prototype.connect = originalConnect;
    });
    beforeEach(async () => {
        outside.length = 0;
        cloud = new StandInPulumiCloud();
        url = await cloud.start();
    });
    afterEach(async () => {
        await cloud.stop();
        assert.deepStrictEqual(outside, [], "nothing may connect outside loopback");
    });

    it("builds from two pages of stacks the same catalog as from the stacks' export files", async () => {
        twoPages(cloud);
        const result = await main(["endpoints", "--pulumi-org", "acme", ...FAST], env());
        assert.strictEqual(result.code, 0, result.stderr);
        const fromCloud = JSON.parse(result.stdout) as Catalog;

        // The same stacks as files (what `pulumi stack export` writes is the export endpoint's body).
        const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "icp-guard-cloud-"));
        const files = ["infra", "edge", "dns"].map((name) => {
            const file = path.join(dir, `${name}.json`);
            fs.writeFileSync(file, JSON.stringify(cloud.exports.get(`acme/${name}/prod`)));
            return file;
        });
        const fromFiles = JSON.parse((await main(["endpoints", ...files], env())).stdout) as Catalog;
        const withoutSource = (catalog: Catalog) => catalog.endpoints.map(({ source: _source, ...rest }) => rest);
        assert.deepStrictEqual(withoutSource(fromCloud), withoutSource(fromFiles));
        assert.strictEqual(fromCloud.endpoints.length, 8);
        assert.deepStrictEqual([...new Set(fromCloud.endpoints.map((e) => e.source.stack))].sort(), ["acme/edge/prod", "acme/infra/prod"]);
        const eip = fromCloud.endpoints.find((e) => e.address === "47.97.10.1")!;
        assert.deepStrictEqual(eip.source, { stack: "acme/infra/prod", writtenAt: "2026-11-20T08:00:01.000000Z" });

        // What was asked, and how: the two pages (the second with the first's token), then each export.
        const asked = cloud.seen.map((s) => `${s.path}${Object.keys(s.query).length ? `?${new URLSearchParams(s.query).toString()}` : ""}`);
        assert.deepStrictEqual(asked.slice(0, 2), ["/api/user/stacks?organization=acme", "/api/user/stacks?organization=acme&continuationToken=2-"]);
        assert.deepStrictEqual(asked.slice(2).sort(), ["/api/stacks/acme/dns/prod/export", "/api/stacks/acme/edge/prod/export", "/api/stacks/acme/infra/prod/export"]);
        assert.ok(cloud.seen.every((s) => s.method === "GET" && s.authorization === `token ${TOKEN}` && s.accept === "application/vnd.pulumi+8"));
        assert.match(result.stderr, /listed page 2 of acme's stacks: 3 stack\(s\) so far/);
        assert.match(result.stderr, /exported 3 of 3 stack\(s\)/);
        assert.ok(!(result.stdout + result.stderr).includes(TOKEN), "the token is never printed");
    });

    it("reads Pulumi's own published sample responses (other organizations filtered out, an AWS-only stack has no endpoints)", async () => {
        const sample = JSON.parse(fs.readFileSync(path.join(SAMPLES, "list-stacks.pulumi-docs.json"), "utf8")) as { stacks: Summary[]; continuationToken: string };
        cloud.pages.set("org1", [sample, { stacks: [] }]);
        cloud.exports.set("org1/project1/dev", JSON.parse(fs.readFileSync(path.join(SAMPLES, "export.pulumi-docs.json"), "utf8")));
        const result = await main(["endpoints", "--pulumi-org", "org1", ...FAST], env());
        assert.strictEqual(result.code, 0, result.stderr);
        assert.deepStrictEqual((JSON.parse(result.stdout) as Catalog).endpoints, []);
        assert.deepStrictEqual(cloud.seen.filter((s) => s.path.endsWith("/export")).map((s) => s.path), ["/api/stacks/org1/project1/dev/export"], "org2's stack is not exported");
        assert.match(result.stderr, /0 endpoint address\(es\) .* from 1 source\(s\)/);
    });

    it("narrows with --project and --stack globs (a literal project is also the API's own filter)", async () => {
        twoPages(cloud);
        const globbed = await main(["endpoints", "--pulumi-org", "acme", "--project", "in*", "--stack", "pro?", ...FAST], env());
        assert.strictEqual(globbed.code, 0, globbed.stderr);
        assert.deepStrictEqual([...new Set((JSON.parse(globbed.stdout) as Catalog).endpoints.map((e) => e.source.stack))], ["acme/infra/prod"]);
        cloud.seen.length = 0;
        await main(["endpoints", "--pulumi-org", "acme", "--project", "edge", ...FAST], env());
        assert.strictEqual(cloud.seen[0].query["project"], "edge");
        assert.deepStrictEqual(cloud.seen.filter((s) => s.path.endsWith("/export")).map((s) => s.path), ["/api/stacks/acme/edge/prod/export"]);
    });

    it("retries 429 and 5xx with backoff, and a request that times out", async () => {
        twoPages(cloud);
        cloud.faults.set("/api/user/stacks", [429, 503]);
        cloud.faults.set("/api/stacks/acme/infra/prod/export", ["slow", 502]);
        const result = await main(["endpoints", "--pulumi-org", "acme", "--timeout", "500", ...FAST], env());
        assert.strictEqual(result.code, 0, result.stderr);
        assert.strictEqual((JSON.parse(result.stdout) as Catalog).endpoints.length, 8);
        assert.match(result.stderr, /listing the stacks of acme: rate limited \(429\); retrying in \d+ ms \(attempt 2 of 5\)/);
        assert.match(result.stderr, /exporting acme\/infra\/prod: no answer within 500 ms; retrying/);
        assert.match(result.stderr, /exporting acme\/infra\/prod: 502 upstream unavailable; retrying/);
    });

    it("gives up after --retries with one clear line (exit 2)", async () => {
        twoPages(cloud);
        cloud.faults.set("/api/stacks/acme/edge/prod/export", [500, 500, 500, 500]);
        const result = await main(["endpoints", "--pulumi-org", "acme", "--retries", "2", ...FAST], env());
        assert.strictEqual(result.code, 2);
        assert.strictEqual(result.stdout, "");
        assert.match(result.stderr, /exporting acme\/edge\/prod: Pulumi Cloud \(http:\/\/127\.0\.0\.1:\d+\) did not answer after 3 attempts \(last: 500 upstream unavailable\)/);
    });

    it("keeps at most --concurrency exports in flight", async () => {
        const stacks = Array.from({ length: 12 }, (_, i) => ({ orgName: "acme", projectName: `app${String(i).padStart(2, "0")}`, stackName: "prod" }));
        cloud.pages.set("acme", [{ stacks }]);
        for (const s of stacks) cloud.exports.set(`acme/${s.projectName}/prod`, DNS_EXPORT);
        const result = await main(["endpoints", "--pulumi-org", "acme", "--concurrency", "3", ...FAST], env());
        assert.strictEqual(result.code, 0, result.stderr);
        assert.ok(cloud.maxInFlight <= 3 && cloud.maxInFlight >= 2, `max in flight ${cloud.maxInFlight}`);
        assert.match(result.stderr, /exported 10 of 12 stack\(s\)/);
    });

    it("401 and 403 stop with a message naming PULUMI_ACCESS_TOKEN, never the token", async () => {
        twoPages(cloud);
        for (const status of [401, 403]) {
            cloud.refuseWith = status;
            const result = await main(["endpoints", "--pulumi-org", "acme", ...FAST], env());
            assert.strictEqual(result.code, 2, result.stderr);
            assert.match(result.stderr, status === 401 ? /refused the access token \(401 Unauthorized/ : /forbids it \(403 Forbidden/);
            assert.match(result.stderr, /PULUMI_ACCESS_TOKEN/);
            assert.ok(!(result.stdout + result.stderr).includes(TOKEN), `${status}: the token (echoed back by the service) is never printed`);
            assert.strictEqual(cloud.seen.length, 1, "a refused token is not retried");
            cloud.seen.length = 0;
        }
    });

    it("without a token, or with a backend that is not Pulumi Cloud's API, says what to do (exit 2, nothing sent)", async () => {
        const none = await main(["endpoints", "--pulumi-org", "acme"], env({ PULUMI_ACCESS_TOKEN: undefined }));
        assert.strictEqual(none.code, 2);
        assert.match(none.stderr, /needs an access token in \$PULUMI_ACCESS_TOKEN/);
        const diy = await main(["endpoints", "--pulumi-org", "acme"], env({ PULUMI_BACKEND_URL: "s3://state-bucket" }));
        assert.match(diy.stderr, /DIY backend, not Pulumi Cloud.*pulumi stack export/);
        const plain = await main(["endpoints", "--pulumi-org", "acme"], env({ PULUMI_BACKEND_URL: "http://pulumi.example.com" }));
        assert.match(plain.stderr, /plain http: icp-guard sends PULUMI_ACCESS_TOKEN only over https/);
        const narrowOnly = await main(["endpoints", "--project", "infra"], env());
        assert.match(narrowOnly.stderr, /--project and --stack narrow --pulumi-org/);
        assert.deepStrictEqual(cloud.seen, []);
    });

    it("adds files to the organization's stacks (a Terraform estate beside Pulumi)", async () => {
        twoPages(cloud);
        const plan = path.join(REPO, "examples", "terraform", "plan.json");
        const result = await main(["endpoints", plan, "--pulumi-org", "acme", ...FAST], env());
        assert.strictEqual(result.code, 0, result.stderr);
        const catalog = JSON.parse(result.stdout) as Catalog;
        assert.ok(catalog.endpoints.some((e) => e.source.file === plan));
        assert.ok(catalog.endpoints.some((e) => e.source.stack === "acme/infra/prod"));
    });
});

describe("the Pulumi Cloud API's address", () => {
    it("is $PULUMI_BACKEND_URL, else https://api.pulumi.com (the console's address means its API)", () => {
        assert.strictEqual(apiBaseUrl({}).toString(), "https://api.pulumi.com/");
        assert.strictEqual(apiBaseUrl({ PULUMI_BACKEND_URL: "" }).toString(), "https://api.pulumi.com/");
        assert.strictEqual(apiBaseUrl({ PULUMI_BACKEND_URL: "https://app.pulumi.com" }).toString(), "https://api.pulumi.com/");
        assert.strictEqual(apiBaseUrl({ PULUMI_BACKEND_URL: "https://pulumi-api.corp.example.com/" }).toString(), "https://pulumi-api.corp.example.com/");
        assert.throws(() => apiBaseUrl({ PULUMI_BACKEND_URL: "file://~/.pulumi" }), /DIY backend/);
        assert.throws(() => apiBaseUrl({ PULUMI_BACKEND_URL: "not a url" }), /is not a URL/);
    });
});
