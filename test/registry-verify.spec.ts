/**
 * `icp-guard registry verify` against a local fake Alibaba Cloud CDN endpoint started by the test
 * (http on 127.0.0.1), through the real SDK and credential chain: DomainIsRegistration,
 * DomainNotRegistration, "does not belong to you", throttling (retried), a slow answer, an API
 * error, rejected and missing credentials, no network. Never the network: every socket the process
 * opens during these tests is checked, and any connection outside loopback fails the test.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/icp-guard";
import { Behaviour, DOCUMENTED_SUCCESS, FakeCdn } from "./helpers/fake-alibaba-cdn";

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

// ---- The fake endpoint (test/helpers/fake-alibaba-cdn.ts: transcribed from Alibaba Cloud's API docs and SDK) ----

/** How the fake answers each test domain. */
function behaviourOf(domain: string): Behaviour {
    if (domain === "slow-answer.com") return "slow";
    if (domain.startsWith("never-answers")) return "never-answers";
    switch (domain) {
        case "not-filed.com":
        case "served-unfiled.com":
            return "not-filed";
        case "other-account.com":
        case "other-account-2.com":
            return "not-yours";
        case "throttled-once.com":
            return "throttled-once";
        case "always-throttled.com":
            return "always-throttled";
        case "icp-error.com":
            return "icp-error";
        default:
            return "filed";
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
        fake = new FakeCdn(behaviourOf);
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
        const lines = result.stderr.trim().split("\n");
        assert.match(lines[0], /^icp-guard registry verify: using the filing registry .*long\.yaml \(--filings\)$/);
        assert.match(lines[1], /^icp-guard registry verify: checking 25 domain\(s\) with CheckCdnDomainICP at http:\/\/127\.0\.0\.1:\d+: each request gives up after 10 s \(--timeout\)/);
        assert.deepStrictEqual(
            lines.slice(2).map((line) => /^icp-guard registry verify: (\d+)\/25 many-\d+\.com: confirmed$/.exec(line)?.[1]),
            Array.from({ length: 25 }, (_, i) => String(i + 1)),
        );
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
        const lines = result.stderr.trim().split("\n");
        assert.match(lines[lines.length - 1], /^icp-guard registry verify: Alibaba Cloud rejected the credentials \(InvalidAccessKeyId\.NotFound: Specified access key is not found\.\); check ALIBABA_CLOUD_ACCESS_KEY_ID/);
        assert.strictEqual(lines.filter((line) => !/: (using the filing registry|checking \d+ domain)/.test(line)).length, 1, result.stderr);
        assert.doesNotMatch(result.stderr, /test-secret-never-printed/);
    });

    it("missing credentials: one line, exit 2, nothing sent", async () => {
        useCredentials(undefined);
        const registry = write("one.yaml", `filings:\n${filing("filed.com", 1)}`);
        const result = await main(["registry", "verify", "--filings", registry, "--endpoint", endpoint, ...FAST], {});
        assert.strictEqual(result.code, 2);
        const lines = result.stderr.trim().split("\n");
        assert.match(lines[lines.length - 1], /^icp-guard registry verify: no Alibaba Cloud credentials found .*set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
        assert.strictEqual(lines.filter((line) => !/: using the filing registry/.test(line)).length, 1, result.stderr);
        assert.strictEqual(fake.seen.length, 0);
    });

    it("no network (nothing listening): one line, exit 2", async () => {
        const closed = new FakeCdn(behaviourOf);
        const deadEndpoint = await closed.start();
        await closed.stop();
        const registry = write("one.yaml", `filings:\n${filing("filed.com", 1)}${filing("other.com", 2)}`);
        const result = await main(["registry", "verify", "--filings", registry, "--endpoint", deadEndpoint, ...FAST], {});
        assert.strictEqual(result.code, 2, result.stdout);
        const lines = result.stderr.trim().split("\n");
        assert.match(lines[lines.length - 1], /^icp-guard registry verify: cannot reach Alibaba Cloud's CDN API at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
        assert.strictEqual(lines.filter((line) => !/: (using the filing registry|checking \d+ domain)/.test(line)).length, 1, result.stderr);
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
            assert.match(result.stderr, /^icp-guard( registry verify)?: (--endpoint|option)/m, result.stderr);
        }
        assert.strictEqual(fake.seen.length, 0);
    });

    it("nothing verified (Alibaba Cloud answered for no domain) is a failure of its own: exit 3", async () => {
        const registry = write("unverifiable.yaml", `filings:\n${filing("other-account.com", 1)}${filing("other-account-2.com", 2)}`);
        const result = await main(["registry", "verify", "--filings", registry, "--endpoint", endpoint, ...FAST], {});
        assert.strictEqual(result.code, 3, result.stderr);
        assert.match(result.stdout, /0 confirmed, .* 2 could not be checked\.\nNothing was verified: Alibaba Cloud answered for none of the 2 domain\(s\) \(exit code 3\)\./);
    });

    it("no registry at all: nothing verified, exit 3, the fix named, nothing sent", async () => {
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-no-registry-"));
        const result = await main(["registry", "verify", "--endpoint", endpoint, ...FAST], { env: {}, cwd: empty });
        assert.strictEqual(result.code, 3, result.stderr);
        assert.match(result.stderr, /no filing registry found .*give --filings <file>, set \$ICP_GUARD_FILINGS, or run where icp-filings\.yaml is/);
        assert.match(result.stderr, /nothing was verified: there is no filing registry \(exit code 3\)/);
        assert.strictEqual(fake.seen.length, 0);
    });

    it("an endpoint that takes the connection and never answers: each request ends at --timeout, every retry said on stderr, exit 3", async () => {
        const registry = write("hang.yaml", `filings:\n${filing("never-answers.com", 1)}`);
        const result = await main(["registry", "verify", "--filings", registry, "--endpoint", endpoint, "--rate", "100", "--retry-delay", "100", "--timeout", "300", "--retries", "2"], {});
        assert.strictEqual(result.code, 3, result.stderr);
        const lines = result.stderr.trim().split("\n");
        assert.deepStrictEqual(lines.slice(1), [
            `icp-guard registry verify: checking 1 domain(s) with CheckCdnDomainICP at ${endpoint}: each request gives up after 0.3 s (--timeout), a throttled or unanswered one is retried up to 2 time(s) (--retries)`,
            "icp-guard registry verify: never-answers.com: no answer within 0.3 s on attempt 1 of 3; retrying in 0.1 s",
            "icp-guard registry verify: never-answers.com: no answer within 0.3 s on attempt 2 of 3; retrying in 0.2 s",
            "icp-guard registry verify: 1/1 never-answers.com: not checked",
        ]);
        assert.strictEqual(fake.seen.length, 3);
        assert.match(result.stdout, /no answer within the timeout after 3 attempt\(s\); run again or raise --timeout/);
    });

    it("the fake answers in the documented shape (test/fixtures/alibaba-cdn)", async () => {
        const response = await fetch(`${endpoint}/?DomainName=filed.com`, { method: "POST", headers: { "x-acs-action": "CheckCdnDomainICP", "x-acs-version": "2018-05-10" } });
        const body = (await response.json()) as Record<string, unknown>;
        assert.deepStrictEqual(Object.keys(body).sort(), Object.keys(DOCUMENTED_SUCCESS).sort());
        assert.strictEqual(body["Status"], DOCUMENTED_SUCCESS.Status);
    });

    it("the guard itself: a connection outside loopback is caught", () => {
        assert.throws(() => net.connect({ host: "192.0.2.1", port: 443 }), /outside loopback/);
        assert.deepStrictEqual(outside.splice(0), ["192.0.2.1"]);
    });
});
