/**
 * `icp-guard registry verify` against a local fake Alibaba Cloud CDN endpoint started by the test
 * (http on 127.0.0.1), through the real SDK and credential chain: DomainIsRegistration,
 * DomainNotRegistration, "does not belong to you", throttling (retried), a slow answer, an API
 * error, rejected and missing credentials, no network. Never the network: every socket the process
 * opens during these tests is checked, and any connection outside loopback fails the test.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/icp-guard";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-verify-"));
const write = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
};
const filing = (domain: string, n: number) => `  - domain: ${domain}\n    icp: 浙ICP备2023012345号-${n}\n    accessProviders: [alibaba]\n`;

// ---- The loopback guard -------------------------------------------------------------------------

const outside: string[] = [];
const originalConnect = net.Socket.prototype.connect;
function hostOf(args: unknown[]): string | undefined {
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    if (first && typeof first === "object") {
        const options = first as { host?: string; path?: string };
        if (options.path) return undefined; // a Unix socket
        return options.host ?? "localhost";
    }
    if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) return typeof args[1] === "string" ? args[1] : "localhost";
    return undefined;
}
const isLoopback = (host: string) => host === "localhost" || /^127\./.test(host) || host === "::1" || host === "[::1]";

// ---- The fake endpoint --------------------------------------------------------------------------

interface Seen {
    action: string;
    domain: string;
    accessKeyId: string;
}

class FakeCdn {
    readonly seen: Seen[] = [];
    private readonly attempts = new Map<string, number>();
    private server!: http.Server;
    inFlight = 0;
    maxInFlight = 0;

    async start(): Promise<string> {
        this.server = http.createServer((request, response) => {
            let body = "";
            request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
            request.on("end", () => void this.answer(request, body, response));
        });
        await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
        return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
    }

    async stop(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }

    private async answer(request: http.IncomingMessage, body: string, response: http.ServerResponse): Promise<void> {
        const url = new URL(request.url ?? "/", "http://fake");
        const params = new URLSearchParams(body);
        const action = String(request.headers["x-acs-action"] ?? url.searchParams.get("Action") ?? params.get("Action") ?? "");
        const domain = url.searchParams.get("DomainName") ?? params.get("DomainName") ?? "";
        const authorization = String(request.headers["authorization"] ?? "");
        const accessKeyId = /Credential=([^,]+)/.exec(authorization)?.[1] ?? url.searchParams.get("AccessKeyId") ?? "";
        this.seen.push({ action, domain, accessKeyId });
        const attempt = (this.attempts.get(domain) ?? 0) + 1;
        this.attempts.set(domain, attempt);
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        const send = (status: number, json: Record<string, unknown>) => {
            this.inFlight--;
            if (response.destroyed) return;
            response.writeHead(status, { "content-type": "application/json" });
            response.end(JSON.stringify({ RequestId: `req-${this.seen.length}`, ...json }));
        };
        if (action !== "CheckCdnDomainICP") return send(400, { Code: "InvalidAction.NotFound", Message: `unexpected action ${action}` });
        if (accessKeyId === "rejected-key") return send(404, { Code: "InvalidAccessKeyId.NotFound", Message: "Specified access key is not found." });
        if (domain === "slow-answer.com") {
            await new Promise((resolve) => setTimeout(resolve, 1500));
            return send(200, { Status: "DomainIsRegistration" });
        }
        if (domain.startsWith("many-")) await new Promise((resolve) => setTimeout(resolve, 20));
        switch (domain) {
            case "not-filed.com":
            case "served-unfiled.com":
                return send(200, { Status: "DomainNotRegistration" });
            case "other-account.com":
                return send(400, { Code: "-124", Message: "The domain provided does not belong to you." });
            case "throttled-once.com":
                return attempt === 1 ? send(400, { Code: "Throttling.User", Message: "Request was denied due to user flow control." }) : send(200, { Status: "DomainIsRegistration" });
            case "always-throttled.com":
                return send(503, { Code: "Throttling", Message: "Request was denied due to flow control." });
            case "icp-error.com":
                return send(400, { Code: "CheckDomainICPFail", Message: "The domain query icp info error,check domain icp failed." });
            default:
                return send(200, { Status: "DomainIsRegistration" });
        }
    }
}

// ---- The tests ----------------------------------------------------------------------------------

const CREDENTIAL_ENV = [
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALIBABA_CLOUD_SECURITY_TOKEN",
    "ALIBABA_CLOUD_ECS_METADATA",
    "ALIBABA_CLOUD_ECS_METADATA_DISABLED",
    "ALIBABA_CLOUD_CREDENTIALS_FILE",
    "ALIBABA_CLOUD_PROFILE",
    "ALIBABA_CLOUD_CREDENTIALS_URI",
    "ALIBABA_CLOUD_ROLE_ARN",
    "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
    "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
    "HOME",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "http_proxy",
    "https_proxy",
    "ALL_PROXY",
    "NO_PROXY",
];

describe("icp-guard registry verify (against a local fake endpoint)", function () {
    this.timeout(60_000);
    const saved: Record<string, string | undefined> = {};
    let fake: FakeCdn;
    let endpoint: string;

    /** Credentials from the environment (the first link of the standard chain); nothing else reachable. */
    function useCredentials(accessKeyId: string | undefined): void {
        for (const key of CREDENTIAL_ENV) delete process.env[key];
        process.env["HOME"] = dir; // no ~/.aliyun or ~/.alibabacloud profile
        process.env["ALIBABA_CLOUD_CREDENTIALS_FILE"] = path.join(dir, "no-such-credentials.ini");
        process.env["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true"; // never the metadata service
        if (accessKeyId !== undefined) {
            process.env["ALIBABA_CLOUD_ACCESS_KEY_ID"] = accessKeyId;
            process.env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "test-secret-never-printed";
        }
    }

    before(() => {
        for (const key of CREDENTIAL_ENV) saved[key] = process.env[key];
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
        for (const [key, value] of Object.entries(saved)) {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
        }
    });
    beforeEach(async () => {
        outside.length = 0;
        useCredentials("test-key");
        fake = new FakeCdn();
        endpoint = await fake.start();
    });
    afterEach(async () => {
        await fake.stop();
        assert.deepStrictEqual(outside, [], "nothing may connect outside loopback");
    });

    const FAST = ["--retry-delay", "1", "--rate", "100"];

    it("confirms filed domains and exits 1 for a registry domain Alibaba Cloud says is not filed", async () => {
        const registry = write("mixed.yaml", `filings:\n${filing("filed.com", 1)}${filing("not-filed.com", 2)}${filing("other-account.com", 3)}${filing("icp-error.com", 4)}`);
        const result = await main(["registry", "verify", "--filings", registry, "--endpoint", endpoint, ...FAST, "--format", "json"], {});
        assert.strictEqual(result.code, 1, result.stderr);
        const report = JSON.parse(result.stdout) as { results: { ascii: string; outcome: string; reason: string | null; detail: string | null }[] };
        assert.deepStrictEqual(report.results.map((r) => [r.ascii, r.outcome, r.reason]), [
            ["filed.com", "confirmed", null],
            ["not-filed.com", "not-filed", null],
            ["other-account.com", "unchecked", "not-yours"],
            ["icp-error.com", "unchecked", "error"],
        ]);
        assert.match(report.results[3].detail ?? "", /CheckDomainICPFail/);
        // Through the SDK, with the environment's access key, asking exactly these domains.
        assert.deepStrictEqual(fake.seen.map((s) => [s.action, s.accessKeyId]).filter(([a, k]) => a !== "CheckCdnDomainICP" || k !== "test-key"), []);
        assert.deepStrictEqual(fake.seen.map((s) => s.domain).sort(), ["filed.com", "icp-error.com", "not-filed.com", "other-account.com"]);
        assert.doesNotMatch(result.stdout + result.stderr, /test-secret-never-printed/);
    });

    it("text report: each domain, its outcome and what to do", async () => {
        const registry = write("text.yaml", `filings:\n${filing("filed.com", 1)}${filing("not-filed.com", 2)}${filing("other-account.com", 3)}`);
        const result = await main(["registry", "verify", "--filings", registry, "--endpoint", endpoint, ...FAST], {});
        assert.strictEqual(result.code, 1);
        assert.match(result.stdout, /✅ confirmed: filed\.com \(filings\[0\]\)/);
        assert.match(result.stdout, /❌ NOT FILED: not-filed\.com \(filings\[1\]\): Alibaba Cloud has no ICP filing \(ICP备案\) for this domain, so the registry is wrong/);
        assert.match(result.stdout, /\? not checked: other-account\.com \(filings\[2\]\): .*does not belong to you/);
        assert.match(result.stdout, /Summary: 1 confirmed, 1 not filed according to Alibaba Cloud, 0 filed but missing from the registry, 0 unfiled \(agreed\), 1 could not be checked\./);
    });

    it("retries a throttled request with backoff; names throttling that does not end", async () => {
        const registry = write("throttled.yaml", `filings:\n${filing("throttled-once.com", 1)}${filing("always-throttled.com", 2)}`);
        const result = await main(["registry", "verify", "--filings", registry, "--endpoint", endpoint, ...FAST, "--retries", "2", "--format", "json"], {});
        assert.strictEqual(result.code, 0, result.stderr);
        const report = JSON.parse(result.stdout) as { results: { ascii: string; outcome: string; reason: string | null; attempts: number }[] };
        assert.deepStrictEqual(report.results.map((r) => [r.ascii, r.outcome, r.reason, r.attempts]), [
            ["throttled-once.com", "confirmed", null, 2],
            ["always-throttled.com", "unchecked", "throttled", 3],
        ]);
    });

    it("a slow answer is retried, then reported as not answered in time (the others still checked)", async () => {
        const registry = write("slow.yaml", `filings:\n${filing("slow-answer.com", 1)}${filing("filed.com", 2)}`);
        const result = await main(["registry", "verify", "--filings", registry, "--endpoint", endpoint, ...FAST, "--timeout", "300", "--retries", "1", "--format", "json"], {});
        assert.strictEqual(result.code, 0, result.stderr);
        const report = JSON.parse(result.stdout) as { results: { ascii: string; outcome: string; reason: string | null; attempts: number }[] };
        assert.deepStrictEqual(report.results.map((r) => [r.ascii, r.outcome, r.reason, r.attempts]), [
            ["slow-answer.com", "unchecked", "no-answer", 2],
            ["filed.com", "confirmed", null, 1],
        ]);
    });

    it("keeps at most --concurrency requests in flight, and shows progress on stderr for a long registry", async () => {
        const registry = write("long.yaml", `filings:\n${Array.from({ length: 25 }, (_, i) => filing(`many-${i}.com`, i + 1)).join("")}`);
        const result = await main(["registry", "verify", "--filings", registry, "--endpoint", endpoint, ...FAST, "--concurrency", "3"], {});
        assert.strictEqual(result.code, 0, result.stderr);
        assert.ok(fake.maxInFlight <= 3, `at most 3 in flight, saw ${fake.maxInFlight}`);
        assert.strictEqual(fake.seen.length, 25);
        assert.deepStrictEqual(result.stderr.trim().split("\n"), ["icp-guard registry verify: 10/25 domains checked", "icp-guard registry verify: 20/25 domains checked", "icp-guard registry verify: 25/25 domains checked"]);
    });

    it("with --stacks: a domain the stacks serve that the registry calls unfiled, checked too", async () => {
        const registry = write("stacks.yaml", `filings:\n${filing("filed.com", 1)}`);
        const cdn = (name: string, domainName: string) => ({ urn: `urn:pulumi:prod::shop::alicloud:cdn/domainNew:DomainNew::${name}`, type: "alicloud:cdn/domainNew:DomainNew", custom: true, id: name, inputs: { domainName, cdnType: "web", sources: [] }, outputs: { domainName, cdnType: "web", sources: [] } });
        const stack = write("stack.json", JSON.stringify({ version: 3, deployment: { resources: [cdn("a", "www.filed.com"), cdn("b", "www.actually-filed.com"), cdn("c", "www.served-unfiled.com")] } }));
        const result = await main(["registry", "verify", "--filings", registry, "--stacks", stack, "--endpoint", endpoint, ...FAST, "--format", "json"], {});
        assert.strictEqual(result.code, 0, result.stderr);
        const report = JSON.parse(result.stdout) as { results: { ascii: string; outcome: string; inRegistry: boolean; source: string }[] };
        assert.deepStrictEqual(report.results.map((r) => [r.ascii, r.inRegistry, r.outcome]), [
            ["filed.com", true, "confirmed"],
            ["actually-filed.com", false, "filed-not-in-registry"],
            ["served-unfiled.com", false, "unfiled-confirmed"],
        ]);
        assert.match(report.results[1].source, /served by cdn\.DomainNew "b"/);
    });

    it("rejected credentials: one line, exit 2, no secret", async () => {
        useCredentials("rejected-key");
        const registry = write("one.yaml", `filings:\n${filing("filed.com", 1)}${filing("other.com", 2)}`);
        const result = await main(["registry", "verify", "--filings", registry, "--endpoint", endpoint, ...FAST], {});
        assert.strictEqual(result.code, 2);
        assert.strictEqual(result.stdout, "");
        assert.match(result.stderr, /^icp-guard registry verify: Alibaba Cloud rejected the credentials \(InvalidAccessKeyId\.NotFound: Specified access key is not found\.\); check ALIBABA_CLOUD_ACCESS_KEY_ID/);
        assert.strictEqual(result.stderr.trim().split("\n").length, 1);
        assert.doesNotMatch(result.stderr, /test-secret-never-printed/);
    });

    it("missing credentials: one line, exit 2, nothing sent", async () => {
        useCredentials(undefined);
        const registry = write("one.yaml", `filings:\n${filing("filed.com", 1)}`);
        const result = await main(["registry", "verify", "--filings", registry, "--endpoint", endpoint, ...FAST], {});
        assert.strictEqual(result.code, 2);
        assert.match(result.stderr, /^icp-guard registry verify: no Alibaba Cloud credentials found .*set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
        assert.strictEqual(result.stderr.trim().split("\n").length, 1);
        assert.strictEqual(fake.seen.length, 0);
    });

    it("no network (nothing listening): one line, exit 2", async () => {
        const closed = new FakeCdn();
        const deadEndpoint = await closed.start();
        await closed.stop();
        const registry = write("one.yaml", `filings:\n${filing("filed.com", 1)}${filing("other.com", 2)}`);
        const result = await main(["registry", "verify", "--filings", registry, "--endpoint", deadEndpoint, ...FAST], {});
        assert.strictEqual(result.code, 2, result.stdout);
        assert.match(result.stderr, /^icp-guard registry verify: cannot reach Alibaba Cloud's CDN API at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
        assert.strictEqual(result.stderr.trim().split("\n").length, 1);
    });

    it("refuses a bad --endpoint and bad numbers as usage errors", async () => {
        const registry = write("one.yaml", `filings:\n${filing("filed.com", 1)}`);
        for (const argv of [
            ["--endpoint", "ftp://127.0.0.1:1"],
            ["--endpoint", "http://127.0.0.1:1/some/path"],
            ["--concurrency", "0"],
            ["--rate", "lots"],
        ]) {
            const result = await main(["registry", "verify", "--filings", registry, ...argv], {});
            assert.strictEqual(result.code, 2, argv.join(" "));
            assert.match(result.stderr, /^icp-guard( registry verify)?: (--endpoint|option)/, result.stderr);
        }
        assert.strictEqual(fake.seen.length, 0);
    });

    it("the guard itself: a connection outside loopback is caught", () => {
        assert.throws(() => net.connect({ host: "192.0.2.1", port: 443 }), /outside loopback/);
        assert.deepStrictEqual(outside.splice(0), ["192.0.2.1"]);
    });
});
