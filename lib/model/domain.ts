/**
 * One domain model for the whole pack: every hostname, whether it comes from a resource, a DNS
 * record or the filing registry, goes through `parseHostname` before it is compared.
 *
 * - case and one trailing dot are normalised away;
 * - Unicode IDNs and punycode compare in one form (UTS-46 to ASCII, as browsers and Alibaba
 *   Cloud's CDN console do: `例子.中国` is `xn--fsqu00a.xn--fiqs8s`);
 * - wildcards (`*.example.com`, and VOD's leading-dot form `.example.com`) stand for their parent;
 * - the registrable domain comes from the Public Suffix List's ICANN section (tldts), so
 *   `www.shop.com.cn` belongs to `shop.com.cn`, not to `com.cn`, and a private suffix such as
 *   `github.io` does not split a filing.
 */
import { isIP } from "net";
import { domainToASCII, domainToUnicode } from "url";
import { parse as parseWithPsl } from "tldts";

export interface Hostname {
    /** Lower-case ASCII (punycode) hostname without wildcard prefix or trailing dot. */
    readonly ascii: string;
    /** The same hostname for people: Unicode labels where the input had them. */
    readonly display: string;
    readonly wildcard: boolean;
    /** ASCII registrable domain (the unit an ICP filing covers). */
    readonly registrable: string;
    readonly registrableDisplay: string;
    /** ASCII public suffix, e.g. `com.cn`, `xn--fiqs8s`. */
    readonly publicSuffix: string;
    /** False when the suffix is not on the PSL's ICANN list (e.g. `example.internal`). */
    readonly icannSuffix: boolean;
}

export type HostnameProblem =
    | "empty"
    | "too-long"
    | "not-a-hostname"
    | "ip-address"
    | "public-suffix";

export type HostnameParse =
    | { readonly ok: true; readonly host: Hostname }
    | { readonly ok: false; readonly problem: HostnameProblem; readonly suffix?: string };

const MAX_INPUT_LENGTH = 1024; // far above DNS's 253; longer input is rejected before any work
const LABEL = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** .政务.cn and .公益.cn in punycode. */
const CN_CATEGORIES = ["xn--zfr164b.cn", "xn--55qw42g.cn"];

const cache = new Map<string, HostnameParse>();
const CACHE_LIMIT = 50_000;

/** Parses a hostname as written in a resource, record or registry entry. Never throws. */
export function parseHostname(input: string): HostnameParse {
    const cached = cache.get(input);
    if (cached !== undefined) return cached;
    const result = parseUncached(input);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(input, result);
    return result;
}

function parseUncached(input: string): HostnameParse {
    if (input.length === 0) return { ok: false, problem: "empty" };
    if (input.length > MAX_INPUT_LENGTH) return { ok: false, problem: "too-long" };
    let rest = input;
    let wildcard = false;
    if (rest.startsWith("*.")) {
        wildcard = true;
        rest = rest.slice(2);
    } else if (rest.startsWith(".")) {
        wildcard = true; // VOD's wildcard form
        rest = rest.slice(1);
    }
    if (rest.endsWith(".")) rest = rest.slice(0, -1);
    if (rest.length === 0) return { ok: false, problem: "empty" };
    const bracketless = rest.startsWith("[") && rest.endsWith("]") ? rest.slice(1, -1) : rest;
    // Every IPv6 address has a colon; checking for one first spares the parse on every hostname.
    if (IPV4.test(rest) || (bracketless.includes(":") && isIP(bracketless) === 6)) return { ok: false, problem: "ip-address" };
    // Whitespace, ':', '/', '@' and the like are not part of a hostname (a URL or host:port is
    // malformed, not an address); domainToASCII would otherwise accept some of them.
    if (/[\s:/@?#\\%*[\]]/u.test(rest)) return { ok: false, problem: "not-a-hostname" };
    const ascii = domainToASCII(rest);
    if (ascii === "" || ascii.length > 253) {
        return { ok: false, problem: ascii.length > 253 ? "too-long" : "not-a-hostname" };
    }
    const labels = ascii.split(".");
    // A numeric top-level label is never a TLD (`1.2.3` is a malformed address, not a domain).
    if (!labels.every((label) => LABEL.test(label)) || /^\d+$/.test(labels[labels.length - 1])) {
        return { ok: false, problem: "not-a-hostname" };
    }
    let psl = parseWithPsl(ascii, { allowPrivateDomains: false, extractHostname: false, validateHostname: false });
    // .政务.CN and .公益.CN are second-level categories of .cn (MIIT 公告2018年第7号) that the
    // Public Suffix List does not list: registrable domains sit one label below them.
    const category = CN_CATEGORIES.find((suffix) => ascii === suffix || ascii.endsWith(`.${suffix}`));
    if (category) {
        const below = ascii === category ? undefined : ascii.slice(0, -category.length - 1).split(".").pop();
        psl = { ...psl, publicSuffix: category, domain: below ? `${below}.${category}` : null, isIcann: true };
    }
    if (labels.length < 2) {
        // A single label is only worth naming when it is a public suffix such as `中国`.
        return psl.isIcann === true && psl.publicSuffix === ascii ? { ok: false, problem: "public-suffix", suffix: ascii } : { ok: false, problem: "not-a-hostname" };
    }
    const publicSuffix = psl.publicSuffix ?? labels[labels.length - 1];
    if (psl.domain === null) return { ok: false, problem: "public-suffix", suffix: publicSuffix };
    return {
        ok: true,
        host: {
            ascii,
            display: unicodeOf(ascii),
            wildcard,
            registrable: psl.domain,
            registrableDisplay: unicodeOf(psl.domain),
            publicSuffix,
            icannSuffix: psl.isIcann === true,
        },
    };
}

/**
 * The Unicode form of an ASCII hostname from domainToASCII. Only punycode labels (`xn--`) change;
 * lower-case ASCII letters, digits, hyphens and dots map to themselves (UTS-46), so the usual
 * hostname skips the conversion.
 */
function unicodeOf(ascii: string): string {
    return ascii.includes("xn--") ? domainToUnicode(ascii) : ascii;
}

/** Shows a hostname the way people write it, with the punycode form beside IDNs. */
export function showHost(ascii: string): string {
    const unicode = domainToUnicode(ascii);
    return unicode === ascii || unicode === "" ? ascii : `${unicode} (${ascii})`;
}

export function describeHostnameProblem(problem: HostnameProblem, suffix?: string): string {
    switch (problem) {
        case "empty":
            return "is empty";
        case "too-long":
            return "is longer than a DNS name can be";
        case "not-a-hostname":
            return "is not a valid hostname";
        case "ip-address":
            return "is an IP address, not a domain";
        case "public-suffix":
            return `is a public suffix (${suffix ?? "?"}), not a registrable domain`;
    }
}
