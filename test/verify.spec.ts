/**
 * The verification loop on its own (lib/verify/verify.ts) with a scripted checker and a recorded
 * sleep: outcomes per registry side, exponential backoff and the API's retry-after, bounded
 * concurrency, and a fatal error that stops new requests. No clock is asserted: waits are recorded.
 */
import * as assert from "assert";
import { IcpAnswer, IcpChecker, VerifyFatalError, classifyError, classifyStatus, parseEndpoint } from "../lib/verify/alibaba-cdn";
import { verifyDomains, VerifyTarget } from "../lib/verify/verify";

const target = (domain: string, inRegistry = true): VerifyTarget => ({ domain, inRegistry, source: inRegistry ? "filings[0]" : "served by x" });

function scripted(answers: Record<string, (IcpAnswer | Error)[]>): IcpChecker & { calls: string[]; maxInFlight: number } {
    let inFlight = 0;
    const state = {
        calls: [] as string[],
        maxInFlight: 0,
        async check(domain: string): Promise<IcpAnswer> {
            state.calls.push(domain);
            inFlight++;
            state.maxInFlight = Math.max(state.maxInFlight, inFlight);
            await new Promise((resolve) => setImmediate(resolve));
            inFlight--;
            const queue = answers[domain] ?? [{ kind: "filed" }];
            const next = queue.length > 1 ? queue.shift()! : queue[0];
            if (next instanceof Error) throw next;
            return next;
        },
    };
    return state;
}

describe("verify: the loop", () => {
    it("maps answers to outcomes on each side of the registry", async () => {
        const checker = scripted({
            "a.com": [{ kind: "filed" }],
            "b.com": [{ kind: "not-filed" }],
            "c.com": [{ kind: "filed" }],
            "d.com": [{ kind: "not-filed" }],
            "e.com": [{ kind: "not-yours", detail: "-124: The domain provided does not belong to you." }],
            "f.com": [{ kind: "error", detail: "CheckDomainICPFail: …" }],
        });
        const results = await verifyDomains([target("a.com"), target("b.com"), target("c.com", false), target("d.com", false), target("e.com"), target("f.com")], checker, { concurrency: 2, ratePerSecond: 0, retries: 3, backoffMs: 1, sleep: async () => {} });
        assert.deepStrictEqual(results.map((r) => [r.domain, r.outcome, r.reason ?? null]), [
            ["a.com", "confirmed", null],
            ["b.com", "not-filed", null],
            ["c.com", "filed-not-in-registry", null],
            ["d.com", "unfiled-confirmed", null],
            ["e.com", "unchecked", "not-yours"],
            ["f.com", "unchecked", "error"],
        ]);
    });

    it("backs off exponentially on throttling and no answer, honouring the API's retry-after, then gives up", async () => {
        const waits: number[] = [];
        const checker = scripted({
            "slow.com": [{ kind: "transient", detail: "no answer in time" }],
            "busy.com": [{ kind: "throttled", detail: "Throttling.User", retryAfterMs: 5000 }, { kind: "filed" }],
        });
        const results = await verifyDomains([target("slow.com"), target("busy.com")], checker, { concurrency: 1, ratePerSecond: 0, retries: 3, backoffMs: 100, maxBackoffMs: 30_000, sleep: async (ms) => void waits.push(ms) });
        assert.deepStrictEqual(results.map((r) => [r.domain, r.outcome, r.reason ?? null, r.attempts]), [
            ["slow.com", "unchecked", "no-answer", 4],
            ["busy.com", "confirmed", null, 2],
        ]);
        assert.deepStrictEqual(waits, [100, 200, 400, 5000]);
    });

    it("never has more than `concurrency` requests in flight", async () => {
        const checker = scripted({});
        const targets = Array.from({ length: 30 }, (_, i) => target(`d${i}.com`));
        const results = await verifyDomains(targets, checker, { concurrency: 3, ratePerSecond: 0, retries: 0, backoffMs: 1 });
        assert.strictEqual(results.length, 30);
        assert.ok(checker.maxInFlight <= 3 && checker.maxInFlight >= 2, String(checker.maxInFlight));
    });

    it("a fatal error stops new requests and is thrown", async () => {
        const checker = scripted({ "b.com": [new VerifyFatalError("cannot reach Alibaba Cloud")] });
        const targets = Array.from({ length: 20 }, (_, i) => target(i === 1 ? "b.com" : `d${i}.com`));
        await assert.rejects(verifyDomains(targets, checker, { concurrency: 1, ratePerSecond: 0, retries: 2, backoffMs: 1 }), VerifyFatalError);
        assert.deepStrictEqual(checker.calls, ["d0.com", "b.com"]);
    });

    it("reports progress once per settled domain", async () => {
        const seen: string[] = [];
        await verifyDomains([target("a.com"), target("b.com")], scripted({}), { concurrency: 2, ratePerSecond: 0, retries: 0, backoffMs: 1, onProgress: (done, total) => seen.push(`${done}/${total}`) });
        assert.deepStrictEqual(seen, ["1/2", "2/2"]);
    });
});

describe("verify: classifying Alibaba Cloud's answers", () => {
    const ENDPOINT = "https://cdn.aliyuncs.com";
    it("the documented Status values, and anything else as an error", () => {
        assert.deepStrictEqual(classifyStatus("DomainIsRegistration"), { kind: "filed" });
        assert.deepStrictEqual(classifyStatus("DomainNotRegistration"), { kind: "not-filed" });
        assert.strictEqual(classifyStatus(undefined).kind, "error");
        assert.strictEqual(classifyStatus("Maybe").kind, "error");
    });

    it("errors: not yours, throttling, server errors, timeouts", () => {
        assert.strictEqual(classifyError({ code: "-124", statusCode: 400, data: { Message: "The domain provided does not belong to you." } }, ENDPOINT).kind, "not-yours");
        assert.deepStrictEqual(classifyError({ code: "Throttling.User", statusCode: 400, retryAfter: 2000, data: { Message: "flow control" } }, ENDPOINT), { kind: "throttled", detail: "Throttling.User: flow control", retryAfterMs: 2000 });
        assert.strictEqual(classifyError({ code: "ServiceUnavailable", statusCode: 503 }, ENDPOINT).kind, "transient");
        assert.deepStrictEqual(classifyError({ name: "RequestTimeoutError", message: "ReadTimeout(300). POST / failed." }, ENDPOINT), { kind: "transient", detail: "no answer in time" });
        assert.strictEqual(classifyError({ code: "CheckDomainICPFail", statusCode: 400, data: { Message: "check domain icp failed." } }, ENDPOINT).kind, "error");
    });

    it("rejected credentials and no network stop the run", () => {
        for (const error of [{ code: "InvalidAccessKeyId.NotFound", statusCode: 404 }, { code: "SignatureDoesNotMatch", statusCode: 400 }, { code: "Forbidden.RAM", statusCode: 403 }]) {
            assert.throws(() => classifyError(error, ENDPOINT), /rejected the credentials/);
        }
        for (const error of [{ code: "ECONNREFUSED" }, { code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND cdn.aliyuncs.com" }]) {
            assert.throws(() => classifyError(error, ENDPOINT), /cannot reach Alibaba Cloud's CDN API at https:\/\/cdn\.aliyuncs\.com/);
        }
    });

    it("--endpoint: scheme, host and port only", () => {
        assert.deepStrictEqual(parseEndpoint(undefined), { host: "cdn.aliyuncs.com", protocol: "https", shown: "https://cdn.aliyuncs.com" });
        assert.deepStrictEqual(parseEndpoint("http://127.0.0.1:8080"), { host: "127.0.0.1:8080", protocol: "http", shown: "http://127.0.0.1:8080" });
        assert.deepStrictEqual(parseEndpoint("cdn.example-proxy.internal"), { host: "cdn.example-proxy.internal", protocol: "https", shown: "https://cdn.example-proxy.internal" });
        for (const bad of ["ftp://x", "http://x/path", "http://user@x", "::"]) assert.throws(() => parseEndpoint(bad), VerifyFatalError, bad);
    });
});
