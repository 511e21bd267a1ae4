/**
 * Whether a domain's top-level domain can be ICP-filed at all, from a dated, sourced table
 * (data/tlds.json), and whether it is a government domain.
 *
 * Three answers, never a default "not fileable": approved, not approved, or needs a manual check
 * (unverified tier, or not in the table at all).
 */
import tldData from "../../data/tlds.json";
import { Hostname } from "./domain";

export type TldTier = "approved" | "not-approved" | "unverified";

export interface TldVerdict {
    readonly tld: string;
    readonly tier: TldTier;
    /** Why the tier, for unverified TLDs. */
    readonly note?: string;
}

const APPROVED: ReadonlySet<string> = new Set(tldData.approved);
const NOT_APPROVED: ReadonlySet<string> = new Set(tldData.notApproved);
const UNVERIFIED: Readonly<Record<string, string>> = tldData.unverified;

export const TLD_SNAPSHOT: string = tldData.snapshot;

/** The last label of the hostname (ASCII), e.g. `cn` for `shop.com.cn`. */
export function tldOf(host: Hostname): string {
    return host.ascii.slice(host.ascii.lastIndexOf(".") + 1);
}

export function tldTier(host: Hostname): TldVerdict {
    const tld = tldOf(host);
    if (APPROVED.has(tld)) return { tld, tier: "approved" };
    if (NOT_APPROVED.has(tld)) return { tld, tier: "not-approved" };
    const note = Object.prototype.hasOwnProperty.call(UNVERIFIED, tld) ? UNVERIFIED[tld] : `.${tld} is not in icp-guard's table of fileable TLDs (snapshot ${TLD_SNAPSHOT})`;
    return { tld, tier: "unverified", note };
}

/** Government domains: .gov.cn and .政务 (and .政务.cn). */
const GOVERNMENT_SUFFIXES = ["gov.cn", "xn--zfr164b", "xn--zfr164b.cn"];

export function isGovernmentDomain(host: Hostname): boolean {
    return GOVERNMENT_SUFFIXES.some((suffix) => host.publicSuffix === suffix || host.registrable.endsWith(`.${suffix}`));
}
