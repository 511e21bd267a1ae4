/**
 * What a rule reports: one finding about one resource, with its message rendered. Lives in the
 * model so that waivers (which decide whether a finding is waived) need nothing from the rule kit.
 */
export type Severity = "low" | "medium" | "high" | "critical";
export type Level = "advisory" | "mandatory";
export type ConfiguredLevel = Level | "disabled" | "remediate";

export type MessageData = Readonly<Record<string, string>>;

export interface Finding {
    readonly policy: string;
    readonly urn: string;
    readonly messageId: string;
    readonly data: MessageData;
    /** Rendered message, with the fix and the docs link. */
    readonly message: string;
    /** ASCII registrable domain the finding is about, when there is one (waivers can be limited to it). */
    readonly domain?: string;
    /**
     * True when this finding is advisory whatever the policy's level (a hint, not a gate). Only
     * ever lowers the level: a policy configured advisory is never raised by a finding.
     */
    readonly advisoryOnly: boolean;
    /**
     * Set on a domain-level finding (about the domain itself: its TLD, a government domain, a
     * hollow filing), to the ASCII registrable domain: at advisory level such findings are reported
     * once per registrable domain per stack, naming the bindings that share it (kit/runner.ts).
     */
    readonly perDomain?: string;
    /** True when a waiver matched this finding (its message says so); it stays on its own resource. */
    readonly waived?: boolean;
}
