/**
 * Every stack of a Pulumi Cloud organization, exported through the Pulumi Cloud REST API, for
 * `icp-guard endpoints --pulumi-org <org>`. Only that command loads it: the pack never calls out.
 *
 * The API as the Pulumi CLI calls it (pulumi/pulumi 1b5949891b3cefcb9974752b24a5ecef0acc86c8,
 * pkg/backend/httpstate/client/client.go ListStacks and ExportStackDeployment, api_endpoints.go,
 * api.go pulumiAPICall; sdk/go/common/apitype/stacks.go, core.go) and as Pulumi documents it
 * (pulumi/docs content/docs/pulumi-cloud/reference/cloud-rest-api/_index.md):
 * - `GET /api/user/stacks?organization=<org>[&project=<p>][&continuationToken=<t>]` →
 *   `ListStacksResponse {stacks: StackSummary[] {orgName, projectName, stackName, lastUpdate?,
 *   resourceCount?}, continuationToken?}`; a present token means more pages.
 * - `GET /api/stacks/<org>/<project>/<stack>/export` → `UntypedDeployment {version, deployment}`,
 *   the JSON `pulumi stack export` writes.
 * - Headers: `Authorization: token <PULUMI_ACCESS_TOKEN>`, `Accept: application/vnd.pulumi+8`
 *   (paginated /user/stacks), `Content-Type: application/json`, `Accept-Encoding: gzip`.
 * - Errors: `ErrorResponse {code, message}`; 401 missing or invalid token, 403 forbidden, 429 rate
 *   limited. The CLI retries with 1 s backoff doubling to 30 s; so does this, on 429, 5xx, timeouts
 *   and dropped connections, honouring Retry-After.
 *
 * The token is sent only in the Authorization header, only over https (or http to loopback, for a
 * local stand-in), and never appears in any message: every error text is scrubbed of it.
 */
import * as http from "http";
import * as https from "https";
import * as zlib from "zlib";
import { globToRegExp } from "../model/registry";

export const PULUMI_TOKEN_VARIABLE = "PULUMI_ACCESS_TOKEN";
export const PULUMI_BACKEND_VARIABLE = "PULUMI_BACKEND_URL";
export const PULUMI_CLOUD_API = "https://api.pulumi.com";
/** The API version whose /user/stacks pages (pkg/backend/httpstate/client/api.go: v8 "CLI handles paginated /user/stacks responses"). */
const ACCEPT = "application/vnd.pulumi+8";
/** More pages than any organization has: a service that keeps handing out tokens is refused, not followed forever. */
const MAX_PAGES = 10_000;

/** A problem no stack gets past (bad token, no network, refused request): stop, exit 2, one message. */
export class PulumiCloudError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PulumiCloudError";
    }
}

/** `apitype.StackSummary`, the fields icp-guard reads. */
export interface StackSummary {
    readonly orgName: string;
    readonly projectName: string;
    readonly stackName: string;
    /** Unix seconds of the start of the stack's last update. */
    readonly lastUpdate?: number;
    readonly resourceCount?: number;
}

export interface PulumiCloudOptions {
    /** The API's base URL: $PULUMI_BACKEND_URL, else https://api.pulumi.com. */
    readonly backendUrl: string;
    readonly token: string;
    readonly organization: string;
    /** Globs (`*`, `?`) on project and stack names. */
    readonly project?: string;
    readonly stack?: string;
    /** Exports in flight at once. */
    readonly concurrency: number;
    /** Retries of a request answered 429/5xx, timed out or dropped. */
    readonly retries: number;
    /** First backoff; doubles each retry, up to maxBackoffMs. */
    readonly backoffMs: number;
    readonly maxBackoffMs?: number;
    /** Per request, connect to last byte. */
    readonly timeoutMs: number;
    readonly userAgent: string;
    readonly onProgress?: (line: string) => void;
    readonly sleep?: (ms: number) => Promise<void>;
}

export interface ExportedStack {
    readonly summary: StackSummary;
    /** `org/project/stack`. */
    readonly name: string;
    /** The export's JSON text (`UntypedDeployment`), as `pulumi stack export` writes it. */
    readonly text: string;
}

const hasGlob = (pattern: string) => /[*?]/.test(pattern);

/** The API base URL to use, or a PulumiCloudError saying why $PULUMI_BACKEND_URL is not one. */
export function apiBaseUrl(env: NodeJS.ProcessEnv): URL {
    const given = env[PULUMI_BACKEND_VARIABLE];
    const text = given === undefined || given === "" ? PULUMI_CLOUD_API : given;
    let url: URL;
    try {
        url = new URL(text);
    } catch {
        throw new PulumiCloudError(`$${PULUMI_BACKEND_VARIABLE} ${JSON.stringify(text.slice(0, 200))} is not a URL; unset it for Pulumi Cloud (${PULUMI_CLOUD_API}), or give your self-hosted API's URL`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
        throw new PulumiCloudError(
            `$${PULUMI_BACKEND_VARIABLE} is ${url.protocol}//… — a DIY backend, not Pulumi Cloud: --pulumi-org reads Pulumi Cloud's REST API. ` +
                "Export each stack with `pulumi stack export --file <stack>.json` and pass the files to `icp-guard endpoints` instead",
        );
    }
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const loopback = host === "localhost" || /^127\./.test(host) || host === "::1";
    if (url.protocol === "http:" && !loopback) {
        throw new PulumiCloudError(`$${PULUMI_BACKEND_VARIABLE} ${url.origin} is plain http: icp-guard sends ${PULUMI_TOKEN_VARIABLE} only over https (http only to a local test server on loopback)`);
    }
    // app.pulumi.com is the console; its API is api.pulumi.com (what `pulumi login` does too).
    if (url.hostname === "app.pulumi.com") return new URL(PULUMI_CLOUD_API);
    return url;
}

interface Answer {
    readonly status: number;
    readonly headers: http.IncomingHttpHeaders;
    readonly body: string;
}

type Outcome = { readonly kind: "answer"; readonly answer: Answer } | { readonly kind: "transient"; readonly detail: string };

/** One GET, bounded by the timeout from connect to last byte; network failures are transient. */
function get(url: URL, options: PulumiCloudOptions): Promise<Outcome> {
    return new Promise((resolve) => {
        const client = url.protocol === "https:" ? https : http;
        let settled = false;
        const finish = (outcome: Outcome) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            resolve(outcome);
        };
        const request = client.request(
            url,
            {
                method: "GET",
                headers: {
                    Accept: ACCEPT,
                    "Content-Type": "application/json",
                    "Accept-Encoding": "gzip",
                    Authorization: `token ${options.token}`,
                    "User-Agent": options.userAgent,
                },
            },
            (response) => {
                const chunks: Buffer[] = [];
                response.on("data", (chunk: Buffer) => chunks.push(chunk));
                response.on("error", (error) => finish({ kind: "transient", detail: `the answer broke off (${error.message})` }));
                response.on("end", () => {
                    let body = Buffer.concat(chunks);
                    try {
                        if (/gzip/i.test(String(response.headers["content-encoding"] ?? ""))) body = zlib.gunzipSync(body);
                    } catch {
                        finish({ kind: "transient", detail: "the answer's gzip encoding is broken" });
                        return;
                    }
                    finish({ kind: "answer", answer: { status: response.statusCode ?? 0, headers: response.headers, body: body.toString("utf8") } });
                });
            },
        );
        const timer = setTimeout(() => {
            finish({ kind: "transient", detail: `no answer within ${options.timeoutMs} ms` });
            request.destroy();
        }, options.timeoutMs);
        request.on("error", (error: NodeJS.ErrnoException) => finish({ kind: "transient", detail: error.code ? `${error.code} (${error.message})` : error.message }));
        request.end();
    });
}

/** Milliseconds a Retry-After header asks for (seconds, or an HTTP date), if any. */
function retryAfterMs(headers: http.IncomingHttpHeaders): number | undefined {
    const value = headers["retry-after"];
    if (typeof value !== "string" || value === "") return undefined;
    if (/^\d+$/.test(value)) return Number(value) * 1000;
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The error message of an `apitype.ErrorResponse` body, or the body itself, short. */
function serviceMessage(body: string): string {
    try {
        const parsed = JSON.parse(body) as { message?: unknown };
        if (typeof parsed.message === "string" && parsed.message !== "") return parsed.message.slice(0, 300);
    } catch {
        // not JSON: the raw text, trimmed
    }
    return body.trim().slice(0, 300) || "(no message)";
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class PulumiCloudClient {
    private readonly base: URL;

    constructor(private readonly options: PulumiCloudOptions) {
        this.base = new URL(options.backendUrl);
    }

    /** Never the token, whatever a message was built from. */
    private scrub(text: string): string {
        return this.options.token.length >= 4 ? text.split(this.options.token).join("(token hidden)") : text;
    }

    private urlFor(pathname: string, query: Record<string, string | undefined> = {}): URL {
        const url = new URL(this.base.toString());
        url.pathname = `${url.pathname.replace(/\/$/, "")}${pathname}`;
        for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
        return url;
    }

    /**
     * GET with retries on 429, 5xx, timeouts and dropped connections (backoff doubling from
     * backoffMs, Retry-After honoured). 401/403 and other refusals are PulumiCloudErrors; a 404 is
     * returned for the caller to judge.
     */
    private async getJson(url: URL, what: string): Promise<{ status: 200; value: unknown } | { status: 404; message: string }> {
        const sleep = this.options.sleep ?? defaultSleep;
        const maxBackoff = this.options.maxBackoffMs ?? 30_000;
        for (let attempt = 1; ; attempt++) {
            const outcome = await get(url, this.options);
            let retryAfter: number | undefined;
            let transient: string;
            if (outcome.kind === "answer") {
                const { status, headers, body } = outcome.answer;
                if (status >= 200 && status < 300) {
                    try {
                        return { status: 200, value: JSON.parse(body) as unknown };
                    } catch {
                        throw new PulumiCloudError(this.scrub(`${what}: the answer from ${url.origin} is not JSON; is ${PULUMI_BACKEND_VARIABLE} the Pulumi Cloud API (e.g. ${PULUMI_CLOUD_API})?`));
                    }
                }
                if (status === 401) {
                    throw new PulumiCloudError(
                        `${what}: Pulumi Cloud (${url.origin}) refused the access token (401 Unauthorized: ${this.scrub(serviceMessage(body))}). ` +
                            `Set ${PULUMI_TOKEN_VARIABLE} to a valid access token (https://app.pulumi.com/account/tokens; an organization or team token works in CI).`,
                    );
                }
                if (status === 403) {
                    throw new PulumiCloudError(
                        `${what}: Pulumi Cloud (${url.origin}) forbids it (403 Forbidden: ${this.scrub(serviceMessage(body))}). ` +
                            `The token in ${PULUMI_TOKEN_VARIABLE} must be allowed to read the organization's stacks (a member's personal token, or an organization token).`,
                    );
                }
                if (status === 404) return { status: 404, message: this.scrub(serviceMessage(body)) };
                if (status !== 429 && status < 500) {
                    throw new PulumiCloudError(this.scrub(`${what}: Pulumi Cloud (${url.origin}) answered ${status}: ${serviceMessage(body)}`));
                }
                retryAfter = retryAfterMs(headers);
                transient = status === 429 ? "rate limited (429)" : `${status} ${serviceMessage(body)}`;
            } else {
                transient = outcome.detail;
            }
            if (attempt > this.options.retries) {
                throw new PulumiCloudError(this.scrub(`${what}: Pulumi Cloud (${url.origin}) did not answer after ${attempt} attempts (last: ${transient}); try again later, or raise --retries/--timeout`));
            }
            const backoff = Math.min(maxBackoff, this.options.backoffMs * 2 ** (attempt - 1));
            const wait = retryAfter !== undefined ? Math.min(maxBackoff, Math.max(backoff, retryAfter)) : backoff;
            this.options.onProgress?.(this.scrub(`${what}: ${transient}; retrying in ${wait} ms (attempt ${attempt + 1} of ${this.options.retries + 1})`));
            await sleep(wait);
        }
    }

    /** Every stack of the organization (following continuationToken), narrowed by the globs, in name order. */
    async listStacks(): Promise<StackSummary[]> {
        const { organization, project, stack } = this.options;
        const projectPattern = project ? globToRegExp(project) : undefined;
        const stackPattern = stack ? globToRegExp(stack) : undefined;
        const found: StackSummary[] = [];
        const seenTokens = new Set<string>();
        let token: string | undefined;
        for (let page = 1; ; page++) {
            // A literal project name narrows on the service side too (the API's `project` filter).
            const query = { organization, project: project && !hasGlob(project) ? project : undefined, continuationToken: token };
            const answer = await this.getJson(this.urlFor("/api/user/stacks", query), `listing the stacks of ${organization}`);
            if (answer.status === 404) throw new PulumiCloudError(`listing the stacks of ${organization}: not found (${answer.message}); is ${PULUMI_BACKEND_VARIABLE} the Pulumi Cloud API?`);
            const body = answer.value as { stacks?: unknown; continuationToken?: unknown } | null;
            if (!body || typeof body !== "object" || !Array.isArray(body.stacks)) {
                throw new PulumiCloudError(`listing the stacks of ${organization}: the answer has no "stacks" list; is ${PULUMI_BACKEND_VARIABLE} the Pulumi Cloud API?`);
            }
            for (const item of body.stacks as unknown[]) {
                if (!item || typeof item !== "object") continue;
                const summary = item as Record<string, unknown>;
                if (typeof summary["orgName"] !== "string" || typeof summary["projectName"] !== "string" || typeof summary["stackName"] !== "string") continue;
                // /user/stacks lists what the token may see; the organization filter is the service's, checked again here.
                if (summary["orgName"] !== organization) continue;
                if (projectPattern && !projectPattern.test(summary["projectName"])) continue;
                if (stackPattern && !stackPattern.test(summary["stackName"])) continue;
                found.push({
                    orgName: summary["orgName"],
                    projectName: summary["projectName"],
                    stackName: summary["stackName"],
                    ...(typeof summary["lastUpdate"] === "number" ? { lastUpdate: summary["lastUpdate"] } : {}),
                    ...(typeof summary["resourceCount"] === "number" ? { resourceCount: summary["resourceCount"] } : {}),
                });
            }
            const next = typeof body.continuationToken === "string" && body.continuationToken !== "" ? body.continuationToken : undefined;
            this.options.onProgress?.(`listed page ${page} of ${organization}'s stacks: ${found.length} stack(s) so far${next ? ", more to come" : ""}`);
            if (next === undefined) break;
            if (seenTokens.has(next) || page >= MAX_PAGES) throw new PulumiCloudError(`listing the stacks of ${organization}: the service handed out the same continuation token twice; stopped rather than loop`);
            seenTokens.add(next);
            token = next;
        }
        const name = (s: StackSummary) => `${s.projectName}/${s.stackName}`;
        return found.sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
    }

    /** One stack's export (`UntypedDeployment`), or undefined when the stack is gone (404). */
    async exportStack(summary: StackSummary): Promise<ExportedStack | undefined> {
        const name = `${summary.orgName}/${summary.projectName}/${summary.stackName}`;
        const pathname = `/api/stacks/${[summary.orgName, summary.projectName, summary.stackName].map(encodeURIComponent).join("/")}/export`;
        const answer = await this.getJson(this.urlFor(pathname), `exporting ${name}`);
        if (answer.status === 404) {
            this.options.onProgress?.(`${name}: not found (deleted since it was listed?); left out`);
            return undefined;
        }
        return { summary, name, text: JSON.stringify(answer.value) };
    }

    /** Every matching stack's export, at most `concurrency` in flight; results in stack order. */
    async exportAll(): Promise<{ stacks: StackSummary[]; exports: ExportedStack[] }> {
        const stacks = await this.listStacks();
        const results: (ExportedStack | undefined)[] = new Array(stacks.length);
        let next = 0;
        let done = 0;
        let fatal: unknown;
        const worker = async () => {
            while (fatal === undefined && next < stacks.length) {
                const index = next++;
                try {
                    results[index] = await this.exportStack(stacks[index]);
                } catch (error) {
                    fatal ??= error;
                    return;
                }
                done++;
                if (done === stacks.length || done % 10 === 0) this.options.onProgress?.(`exported ${done} of ${stacks.length} stack(s)`);
            }
        };
        await Promise.all(Array.from({ length: Math.max(1, Math.min(this.options.concurrency, stacks.length)) }, () => worker()));
        if (fatal !== undefined) throw fatal;
        return { stacks, exports: results.filter((r): r is ExportedStack => r !== undefined) };
    }
}
