/**
 * Asks Alibaba Cloud whether a domain has an ICP filing: the CDN API's CheckCdnDomainICP
 * (2018-05-10) through the official SDK (@alicloud/cdn20180510), with credentials from
 * @alicloud/credentials' standard chain (credentials.ts: environment variables, OIDC, the CLI and
 * credentials profiles, the ECS RAM role). Only `registry verify` uses it: the pack never calls out.
 *
 * Every answer is classified here, so the orchestration (verify.ts) and its tests never see SDK
 * types: `{"Status": "DomainIsRegistration" | "DomainNotRegistration"}` (the documented response),
 * error -124 "The domain provided does not belong to you", throttling, rejected credentials, no
 * network, no answer in time.
 */
import type * as CdnSdk from "@alicloud/cdn20180510";
import type * as OpenApiCore from "@alicloud/openapi-core";
import type * as Credentials from "./credentials";

export type IcpAnswer =
    | { readonly kind: "filed" }
    | { readonly kind: "not-filed" }
    /** The API only answers for domains of the calling account (error -124). */
    | { readonly kind: "not-yours"; readonly detail: string }
    /** Retry later; retryAfterMs when the API says how long. */
    | { readonly kind: "throttled"; readonly detail: string; readonly retryAfterMs?: number }
    /** No answer in time, or a server-side error: worth a retry. */
    | { readonly kind: "transient"; readonly detail: string }
    /** Any other refusal for this domain (e.g. CheckDomainICPFail, an unexpected Status). */
    | { readonly kind: "error"; readonly detail: string };

/** A problem no domain can get past: stop, exit 2, one line. */
export class VerifyFatalError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "VerifyFatalError";
    }
}

export interface IcpChecker {
    check(domain: string): Promise<IcpAnswer>;
}

export const DEFAULT_ENDPOINT = "cdn.aliyuncs.com";

export interface AlibabaCdnOptions {
    /** `https://host[:port]`, `http://127.0.0.1:port`, or a bare host; default cdn.aliyuncs.com over HTTPS. */
    readonly endpoint?: string;
    /** Connect and read timeout per request. */
    readonly timeoutMs: number;
}

/** Splits --endpoint into the SDK's endpoint (host[:port]) and protocol. */
export function parseEndpoint(endpoint: string | undefined): { host: string; protocol: "https" | "http"; shown: string } {
    if (endpoint === undefined || endpoint === "") return { host: DEFAULT_ENDPOINT, protocol: "https", shown: `https://${DEFAULT_ENDPOINT}` };
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
    let url: URL;
    try {
        url = new URL(withScheme);
    } catch {
        throw new VerifyFatalError(`--endpoint ${JSON.stringify(endpoint)} is not a URL; write e.g. https://cdn.aliyuncs.com or http://127.0.0.1:8080`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new VerifyFatalError(`--endpoint ${endpoint}: use https:// (or http:// for a local test server)`);
    if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.username) throw new VerifyFatalError(`--endpoint ${endpoint}: give only the scheme, host and port`);
    return { host: url.host, protocol: url.protocol === "http:" ? "http" : "https", shown: `${url.protocol}//${url.host}` };
}

const CREDENTIAL_CODES = /^(InvalidAccessKeyId|InvalidAccessKeySecret|SignatureDoesNotMatch|IncompleteSignature|InvalidSecurityToken|SecurityTokenExpired|Forbidden\.AccessKey|Forbidden\.RAM|Forbidden\.NoPermission|NoPermission|Forbidden|InvalidAuthorization|MissingSecurityToken)/;
const NETWORK_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "ECONNRESET", "EPIPE", "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "EPROTO"]);

interface SdkError {
    readonly code?: unknown;
    readonly statusCode?: unknown;
    readonly message?: unknown;
    readonly retryAfter?: unknown;
    readonly name?: unknown;
    readonly data?: { Message?: unknown; message?: unknown };
}

/** The SDK's own message repeats the HTTP code and request id; the API's message is enough. */
function apiMessage(error: SdkError): string {
    const message = error.data?.Message ?? error.data?.message ?? error.message;
    return String(message ?? "").replace(/\s+/g, " ").slice(0, 300);
}

/** Classifies what the SDK threw for one domain; throws VerifyFatalError for what stops the run. */
export function classifyError(error: unknown, endpointShown: string): IcpAnswer {
    const e = (error ?? {}) as SdkError;
    const code = typeof e.code === "string" ? e.code : typeof e.code === "number" ? String(e.code) : "";
    const status = typeof e.statusCode === "number" ? e.statusCode : undefined;
    const text = `${code ? `${code}: ` : ""}${apiMessage(e)}`;
    if (NETWORK_CODES.has(code) || /getaddrinfo|ECONNREFUSED|ENOTFOUND/.test(String(e.message ?? ""))) {
        throw new VerifyFatalError(`cannot reach Alibaba Cloud's CDN API at ${endpointShown} (${code || String(e.message ?? "network error")}); check the network, a proxy, or --endpoint`);
    }
    if (/timeout|ETIMEDOUT|ESOCKETTIMEDOUT/i.test(`${code} ${String(e.name ?? "")} ${String(e.message ?? "")}`)) return { kind: "transient", detail: "no answer in time" };
    if (code.includes("Throttling") || status === 429) {
        const retryAfter = typeof e.retryAfter === "number" && e.retryAfter > 0 ? e.retryAfter : undefined;
        return { kind: "throttled", detail: text, ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}) };
    }
    if (code === "-124" || /does not belong to you/i.test(apiMessage(e))) return { kind: "not-yours", detail: text };
    if (CREDENTIAL_CODES.test(code) || status === 401 || status === 403) {
        throw new VerifyFatalError(`Alibaba Cloud rejected the credentials (${text}); check ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET or the profile, and that the RAM policy allows cdn:CheckCdnDomainICP`);
    }
    if (status !== undefined && status >= 500) return { kind: "transient", detail: text };
    if (status === undefined && !code) return { kind: "error", detail: String(e.message ?? "unexpected error").slice(0, 300) };
    return { kind: "error", detail: text };
}

/** Classifies a successful answer's Status. */
export function classifyStatus(status: unknown): IcpAnswer {
    if (status === "DomainIsRegistration") return { kind: "filed" };
    if (status === "DomainNotRegistration") return { kind: "not-filed" };
    return { kind: "error", detail: `unexpected Status ${JSON.stringify(status)?.slice(0, 80) ?? "(none)"}` };
}

/**
 * The checker over the SDK. Credentials are resolved once, up front, so that missing ones are one
 * clear error rather than one per domain.
 */
export async function alibabaCdnChecker(options: AlibabaCdnOptions): Promise<IcpChecker> {
    const endpoint = parseEndpoint(options.endpoint);
    // Loaded here, not at the top: the SDKs cost every other icp-guard command ~0.3 s to load.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { default: Cdn, CheckCdnDomainICPRequest } = require("@alicloud/cdn20180510") as typeof CdnSdk;
    const { $OpenApiUtil } = require("@alicloud/openapi-core") as typeof OpenApiCore;
    const { standardCredential } = require("./credentials") as typeof Credentials;
    /* eslint-enable @typescript-eslint/no-require-imports */
    const credential = standardCredential();
    try {
        await credential.getCredential();
    } catch (error) {
        throw new VerifyFatalError(
            `no Alibaba Cloud credentials found (${String((error as Error).message ?? error).replace(/\s+/g, " ").slice(0, 200)}); ` +
                "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, configure a profile (aliyun configure, or ALIBABA_CLOUD_CREDENTIALS_FILE), or run on ECS with a RAM role",
        );
    }
    const client = new Cdn(
        new $OpenApiUtil.Config({ credential, endpoint: endpoint.host, protocol: endpoint.protocol, readTimeout: options.timeoutMs, connectTimeout: options.timeoutMs }),
    );
    return {
        async check(domain) {
            try {
                const response = await client.checkCdnDomainICP(new CheckCdnDomainICPRequest({ domainName: domain }));
                return classifyStatus(response.body?.status);
            } catch (error) {
                return classifyError(error, endpoint.shown);
            }
        },
    };
}
