/**
 * Waivers: explicit, owned, expiring exceptions from the registry file. A finding that matches an
 * active waiver is reported as advisory with the waiver's reason (never hidden); an expired
 * waiver stops matching and the finding says so; a policy can refuse waivers (allowWaivers:
 * false); and waivers that match nothing are reported, so stale ones get cleaned up.
 */
import { Finding } from "./finding";
import { Waiver } from "./registry";

export class WaiverBook {
    private readonly used = new Set<number>();

    constructor(readonly waivers: readonly Waiver[]) {}

    /** Applies the first matching waiver to a finding; records the match. */
    apply(finding: Finding, allowWaivers: boolean): Finding {
        if (this.waivers.length === 0) return finding;
        const matching = this.waivers.filter(
            (waiver) => waiver.policy === finding.policy && waiver.matchesResource(finding.urn) && (waiver.domain === undefined || waiver.domain === finding.domain),
        );
        if (matching.length === 0) return finding;
        for (const waiver of matching) this.used.add(waiver.index);
        const label = (waiver: Waiver) => `waivers[${waiver.index}] (owner ${waiver.owner})`;
        if (!allowWaivers) {
            return { ...finding, waived: true, message: `${finding.message}\nNote: ${matching.map(label).join(", ")} cannot apply: this policy does not allow waivers (allowWaivers: false).` };
        }
        const active = matching.find((waiver) => !waiver.expired);
        if (active) {
            return {
                ...finding,
                waived: true,
                advisoryOnly: true,
                message: `Waived until ${active.expires} by ${label(active)}: ${active.reason}\n${finding.message}`,
            };
        }
        const expired = matching[0];
        return { ...finding, waived: true, message: `${finding.message}\nNote: ${label(expired)} expired on ${expired.expires} and no longer applies; renew it or fix the finding.` };
    }

    /** Waivers that have matched no finding so far. */
    unused(): Waiver[] {
        return this.waivers.filter((waiver) => !this.used.has(waiver.index));
    }
}
