/**
 * A fake Alibaba Cloud CDN API endpoint on loopback, for `registry verify`: it answers
 * CheckCdnDomainICP as Alibaba Cloud documents it. Nothing here imports icp-guard's code.
 *
 * Transcribed from:
 * - the API reference, "CDN:CheckCdnDomainICP" (CDN API 2018-05-10),
 *   https://www.alibabacloud.com/help/en/cdn/developer-reference/api-cdn-2018-05-10-checkcdndomainicp:
 *   request parameter `DomainName` (string, required); response `RequestId` and `Status`,
 *   `DomainIsRegistration` or `DomainNotRegistration`; errors `400 -124 The domain provided does
 *   not belong to you.` and `400 CheckDomainICPFail The domain query icp info error,check domain
 *   icp failed.`;
 * - the CDN API's documented error body: JSON with RequestId, HostId, Code, Message
 *   (test/fixtures/alibaba-cdn/error-response.json), and the flow-control code
 *   `Throttling.User` / "Request was denied due to user flow control."
 *   (https://www.alibabacloud.com/help/doc-detail/98807.htm);
 * - how the official SDK sends the call: @alicloud/cdn20180510 5.0.0 `checkCdnDomainICPWithOptions`
 *   (dist/client.js: action CheckCdnDomainICP, version 2018-05-10, RPC style, POST to `/`,
 *   `DomainName` in the query, JSON body), through @alicloud/openapi-core 1.0.8 `doRequest`
 *   (dist/client.js: headers `x-acs-action`, `x-acs-version`, an `Authorization` header
 *   `ACS3-HMAC-SHA256 Credential=<AccessKeyId>,…`).
 * The success body is the documented sample (test/fixtures/alibaba-cdn/CheckCdnDomainICP-success.json),
 * with this fake's own RequestId; provenance in test/fixtures/alibaba-cdn/PROVENANCE.md.
 */
import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as path from "path";

const FIXTURES = path.resolve(__dirname, "..", "..", "..", "test", "fixtures", "alibaba-cdn");
const SUCCESS_SAMPLE = JSON.parse(fs.readFileSync(path.join(FIXTURES, "CheckCdnDomainICP-success.json"), "utf8")) as { RequestId: string; Status: string };
const ERROR_SAMPLE = JSON.parse(fs.readFileSync(path.join(FIXTURES, "error-response.json"), "utf8")) as { RequestId: string; HostId: string; Code: string; Message: string };

export interface Seen {
    readonly action: string;
    readonly version: string;
    readonly domain: string;
    readonly accessKeyId: string;
}

/**
 * How the fake answers a domain. The names are the test's vocabulary; the answers are Alibaba's.
 * `filed` and `not-filed`: the two documented Status values; `not-yours`: error -124;
 * `icp-error`: CheckDomainICPFail; `throttled-once` and `always-throttled`: flow control;
 * `slow`: a filed answer after 1.5 s; `never-answers`: accepts the request and never replies.
 */
export type Behaviour = "filed" | "not-filed" | "not-yours" | "icp-error" | "throttled-once" | "always-throttled" | "slow" | "never-answers";

export class FakeCdn {
    readonly seen: Seen[] = [];
    private readonly attempts = new Map<string, number>();
    private server!: http.Server;
    inFlight = 0;
    maxInFlight = 0;

    /** `behaviourOf(domain)`: how to answer each domain (filed unless told). */
    constructor(private readonly behaviourOf: (domain: string) => Behaviour = () => "filed") {}

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
        const version = String(request.headers["x-acs-version"] ?? url.searchParams.get("Version") ?? "");
        const domain = url.searchParams.get("DomainName") ?? params.get("DomainName") ?? "";
        const authorization = String(request.headers["authorization"] ?? "");
        const accessKeyId = /Credential=([^,]+)/.exec(authorization)?.[1] ?? url.searchParams.get("AccessKeyId") ?? "";
        this.seen.push({ action, version, domain, accessKeyId });
        const attempt = (this.attempts.get(domain) ?? 0) + 1;
        this.attempts.set(domain, attempt);
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        const requestId = `FAKE-${String(this.seen.length).padStart(4, "0")}-${SUCCESS_SAMPLE.RequestId.slice(10)}`;
        const send = (status: number, json: Record<string, unknown>) => {
            this.inFlight--;
            if (response.destroyed) return;
            response.writeHead(status, { "content-type": "application/json;charset=utf-8" });
            response.end(JSON.stringify(json));
        };
        const ok = (status: "DomainIsRegistration" | "DomainNotRegistration") => send(200, { RequestId: requestId, Status: status });
        const fail = (status: number, code: string, message: string) => send(status, { RequestId: requestId, HostId: ERROR_SAMPLE.HostId, Code: code, Message: message });
        if (request.method !== "POST" || url.pathname !== "/") return fail(404, "InvalidAction.NotFound", `unexpected ${request.method} ${url.pathname}`);
        if (action !== "CheckCdnDomainICP" || version !== "2018-05-10") return fail(400, "InvalidAction.NotFound", `Specified api is not found, please check your url and method: ${action} ${version}`);
        if (domain === "") return fail(400, "MissingDomainName", "DomainName is mandatory for this action.");
        if (accessKeyId === "rejected-key") return fail(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        switch (this.behaviourOf(domain)) {
            case "filed":
                return ok("DomainIsRegistration");
            case "not-filed":
                return ok("DomainNotRegistration");
            case "not-yours":
                return fail(400, "-124", "The domain provided does not belong to you.");
            case "icp-error":
                return fail(400, "CheckDomainICPFail", "The domain query icp info error,check domain icp failed.");
            case "throttled-once":
                return attempt === 1 ? fail(400, "Throttling.User", "Request was denied due to user flow control.") : ok("DomainIsRegistration");
            case "always-throttled":
                return fail(400, "Throttling.User", "Request was denied due to user flow control.");
            case "slow":
                await new Promise((resolve) => setTimeout(resolve, 1500));
                return ok("DomainIsRegistration");
            case "never-answers":
                // The connection stays open and nothing is ever written: only the client's timeout ends it.
                return;
        }
    }
}

/** The documented success body, for tests that check the fake answers in Alibaba's own shape. */
export const DOCUMENTED_SUCCESS = SUCCESS_SAMPLE;
export const DOCUMENTED_ERROR = ERROR_SAMPLE;
