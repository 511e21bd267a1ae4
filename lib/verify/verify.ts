/**
 * `registry verify`: each registry domain (and, with stacks, each domain they serve that the
 * registry calls unfiled) checked against Alibaba Cloud, with bounded concurrency, a request rate
 * under the API's limit, and retries with exponential backoff on throttling and on no answer.
 * The checker is injected (alibaba-cdn.ts in use; tests use a local fake endpoint).
 */
import type { IcpAnswer, IcpChecker } from "./alibaba-cdn";

export type VerifyOutcome =
    /** The registry lists it, and Alibaba Cloud confirms a filing. */
    | "confirmed"
    /** The registry lists it, but Alibaba Cloud says it has no filing: the registry is wrong. */
    | "not-filed"
    /** The registry calls it unfiled (a stack serves it), and Alibaba Cloud says it is filed. */
    | "filed-not-in-registry"
    /** Not in the registry, and Alibaba Cloud agrees it has no filing. */
    | "unfiled-confirmed"
    /** Could not be checked: not this account's domain, throttled, no answer, an API error. */
    | "unchecked";

export interface VerifyTarget {
    /** ASCII registrable domain. */
    readonly domain: string;
    /** Whether the registry lists it. */
    readonly inRegistry: boolean;
    /** Where it is listed or served, for the report. */
    readonly source: string;
}

export interface VerifyResult extends VerifyTarget {
    readonly outcome: VerifyOutcome;
    /** Why it could not be checked, or the API's words. */
    readonly detail?: string;
    /** not-yours | throttled | timeout | error, for unchecked results. */
    readonly reason?: "not-yours" | "throttled" | "no-answer" | "error";
    readonly attempts: number;
}

export interface VerifyOptions {
    /** Requests in flight at once. */
    readonly concurrency: number;
    /** Requests started per second at most (the API's rate limit, with margin). */
    readonly ratePerSecond: number;
    /** Retries after a throttled or unanswered request. */
    readonly retries: number;
    /** First backoff; doubles each retry. */
    readonly backoffMs: number;
    /** Longest single wait. */
    readonly maxBackoffMs?: number;
    readonly sleep?: (ms: number) => Promise<void>;
    /** Called after each domain is settled (done, total, its result). */
    readonly onProgress?: (done: number, total: number, result: VerifyResult) => void;
    /** Called before waiting to retry a throttled or unanswered request (attempt = the one that failed). */
    readonly onRetry?: (target: VerifyTarget, attempt: number, answer: IcpAnswer, waitMs: number) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function outcomeOf(target: VerifyTarget, answer: IcpAnswer): Pick<VerifyResult, "outcome" | "detail" | "reason"> {
    switch (answer.kind) {
        case "filed":
            return { outcome: target.inRegistry ? "confirmed" : "filed-not-in-registry" };
        case "not-filed":
            return { outcome: target.inRegistry ? "not-filed" : "unfiled-confirmed" };
        case "not-yours":
            return { outcome: "unchecked", reason: "not-yours", detail: answer.detail };
        case "throttled":
            return { outcome: "unchecked", reason: "throttled", detail: answer.detail };
        case "transient":
            return { outcome: "unchecked", reason: answer.detail === "no answer in time" ? "no-answer" : "error", detail: answer.detail };
        case "error":
            return { outcome: "unchecked", reason: "error", detail: answer.detail };
    }
}

/**
 * Checks every target; results in target order. A VerifyFatalError from the checker (no network,
 * rejected credentials) stops the run: no new request starts, and it is thrown once the requests in
 * flight settle.
 */
export async function verifyDomains(targets: readonly VerifyTarget[], checker: IcpChecker, options: VerifyOptions): Promise<VerifyResult[]> {
    const sleep = options.sleep ?? defaultSleep;
    const maxBackoff = options.maxBackoffMs ?? 30_000;
    const interval = options.ratePerSecond > 0 ? 1000 / options.ratePerSecond : 0;
    let nextStart = 0;
    /** Spaces request starts `interval` apart across all workers (retries included). */
    const paced = async () => {
        if (interval === 0) return;
        const now = Date.now();
        const at = Math.max(now, nextStart);
        nextStart = at + interval;
        if (at > now) await sleep(at - now);
    };
    const results: VerifyResult[] = new Array(targets.length);
    let next = 0;
    let done = 0;
    let fatal: unknown;
    const worker = async () => {
        while (fatal === undefined && next < targets.length) {
            const index = next++;
            const target = targets[index];
            let attempts = 0;
            let answer: IcpAnswer;
            for (;;) {
                await paced();
                if (fatal !== undefined) return;
                attempts++;
                try {
                    answer = await checker.check(target.domain);
                } catch (error) {
                    fatal ??= error;
                    return;
                }
                const retryable = answer.kind === "throttled" || answer.kind === "transient";
                if (!retryable || attempts > options.retries) break;
                const backoff = Math.min(maxBackoff, options.backoffMs * 2 ** (attempts - 1));
                const wait = answer.kind === "throttled" && answer.retryAfterMs !== undefined ? Math.min(maxBackoff, Math.max(backoff, answer.retryAfterMs)) : backoff;
                options.onRetry?.(target, attempts, answer, wait);
                await sleep(wait);
            }
            results[index] = { ...target, ...outcomeOf(target, answer), attempts };
            options.onProgress?.(++done, targets.length, results[index]);
        }
    };
    const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency, targets.length)) }, () => worker());
    await Promise.all(workers);
    if (fatal !== undefined) throw fatal;
    return results;
}
