/**
 * Runs policy definitions over resources without the Pulumi SDK: the command line uses it over a
 * state or preview file, and the pack's single stack policy uses its stack half. Levels come from
 * the pack config, waivers are applied, and an internal error fails closed at the policy's level.
 */
import { CheckContext, Finding, Level, PolicyDefinition, StackView } from "./policy-kit";
import { FilingRegistry } from "../model/registry";
import { RegionEnvironment } from "../model/region";
import { clip, clipLongWords, ResourceView, scrubSecrets, secretValuesOf, showResource } from "../model/resource";
import { showHost } from "../model/domain";
import { WaiverBook } from "../model/waivers";
import type { PackConfig } from "./config";

export interface RunState {
    readonly registry: FilingRegistry;
    readonly regions: RegionEnvironment;
    readonly config: PackConfig;
    readonly waivers: WaiverBook;
    /**
     * Where the per-resource pass leaves domain-level advisories for the stack pass, which reports
     * them once per domain. Without one, the per-resource pass reports them where it finds them.
     */
    readonly deferred?: DeferredAdvisories;
}

/**
 * Domain-level advisories found by the per-resource pass (Analyze, on inputs), kept for the stack
 * pass (AnalyzeStack) of the same run, which reports them once per registrable domain together with
 * the ones only the stack graph finds. Kept per resource: a resource analysed again replaces what
 * it left, and the stack pass reads only those of resources in the stack it is given (a resource
 * analysed but not in the stack, deleted or from another request, says nothing there). Reading
 * does not empty it, so the same AnalyzeStack request always gets the same answer; a new Configure
 * (or the end of a whole run, runAll) empties it.
 */
export class DeferredAdvisories {
    private readonly byUrn = new Map<string, { policy: string; finding: Finding }[]>();

    /** Forgets what an earlier analysis of this resource left (it is being analysed again). */
    forget(urn: string): void {
        this.byUrn.delete(urn);
    }

    add(policy: string, finding: Finding): void {
        let list = this.byUrn.get(finding.urn);
        if (!list) this.byUrn.set(finding.urn, (list = []));
        list.push({ policy, finding });
    }

    /** The policy's deferred findings on the stack's resources, in the order the resources were analysed. */
    of(policy: string, stack: StackView): Finding[] {
        const found: Finding[] = [];
        for (const [urn, list] of this.byUrn) {
            if (!stack.byUrn.has(urn)) continue;
            for (const entry of list) if (entry.policy === policy) found.push(entry.finding);
        }
        return found;
    }

    clear(): void {
        this.byUrn.clear();
    }
}

export interface ReportedFinding {
    readonly definition: PolicyDefinition;
    readonly finding: Finding;
    /** The level it is reported at: the policy's configured level, or advisory for advisory-only findings. */
    readonly level: Level;
}

export function internalErrorFinding(definition: PolicyDefinition, urn: string, subject: string, error: unknown): Finding {
    // Only the error's own text is shown: icp-guard never puts property values into its errors.
    const reason = clip(error instanceof Error ? `${error.name}: ${error.message}` : "non-Error thrown", 300);
    return {
        policy: definition.id,
        urn,
        messageId: "internalError",
        data: { reason },
        message:
            `icp-guard could not check ${subject} (internal error: ${reason}). The check fails closed at this policy's level. ` +
            `This is a bug in icp-guard; please report it with the resource type.\nDocs: ${definition.url}`,
        advisoryOnly: false,
    };
}

export function contextFor(definition: PolicyDefinition, state: RunState): CheckContext {
    return { registry: state.registry, regions: state.regions, config: state.config.propertiesOf(definition), shared: state.config.shared, waivers: state.waivers };
}

/** Applies waivers to a policy's findings, unless the policy's config says `allowWaivers: false`. */
export function applyWaivers(definition: PolicyDefinition, findings: readonly Finding[], state: RunState): Finding[] {
    if (findings.length === 0) return [];
    const allowWaivers = state.config.propertiesOf(definition)["allowWaivers"] !== false;
    return findings.map((finding) => state.waivers.apply(finding, allowWaivers));
}

/**
 * The last line of defence for secrets: whatever a message was built from, the plaintext of the
 * finding's resource's secret inputs, of its provider's, and (for stack findings) of the resources
 * its values come from never leaves the pack.
 */
function scrubbed(findings: readonly Finding[], secretsFor: (finding: Finding) => ReadonlySet<string>): Finding[] {
    return findings.map((finding) => {
        const secrets = secretsFor(finding);
        const message = clipLongWords(scrubSecrets(finding.message, secrets));
        // The data too: reports draw from it (the Markdown report's chain diagram).
        let data = finding.data;
        if (secrets.size > 0) {
            const scrubbedData: Record<string, string> = {};
            for (const [key, value] of Object.entries(finding.data)) scrubbedData[key] = scrubSecrets(value, secrets);
            data = scrubbedData;
        }
        // And the domain (reports show it): dropped when it is, or is part of, a secret value.
        const domain = finding.domain;
        const secretDomain = domain !== undefined && [...secrets].some((secret) => secret.toLowerCase().includes(domain.toLowerCase()) || domain.toLowerCase().includes(secret.toLowerCase()));
        if (message === finding.message && data === finding.data && !secretDomain) return finding;
        const { domain: _dropped, ...rest } = finding;
        void _dropped;
        return { ...(secretDomain ? rest : finding), message, data };
    });
}

/** One resource through one policy's per-resource check (waivers applied, errors contained). */
export function checkResource(definition: PolicyDefinition, resource: ResourceView, state: RunState): Finding[] {
    if (!definition.runResource || (definition.appliesTo && !definition.appliesTo.has(resource.type))) return [];
    let findings: Finding[];
    try {
        findings = applyWaivers(definition, definition.runResource(resource, contextFor(definition, state)), state);
    } catch (error) {
        findings = [internalErrorFinding(definition, resource.urn, showResource(resource), error)];
    }
    // Most resources have nothing to report: no secrets to collect then.
    if (findings.length === 0) return findings;
    const secrets = secretValuesOf(resource);
    return scrubbed(findings, () => secrets);
}

/**
 * A domain-level advisory (Finding.perDomain), reported once per registrable domain in the stack
 * pass rather than on each binding. A waived finding stays on the resource its waiver names.
 */
function isPerDomainAdvisory(finding: Finding, level: Level): boolean {
    return finding.perDomain !== undefined && level === "advisory" && finding.waived !== true;
}

/**
 * One resource through every per-resource check, each finding at its policy's configured level.
 * Domain-level advisories are left to the stack pass (state.deferred), which sees every binding.
 */
export function checkResourceEverywhere(definitions: readonly PolicyDefinition[], resource: ResourceView, state: RunState): ReportedFinding[] {
    const reported: ReportedFinding[] = [];
    state.deferred?.forget(resource.urn);
    for (const definition of definitions) {
        const level = state.config.levelOf(definition);
        if (level === "disabled") continue;
        for (const finding of checkResource(definition, resource, state)) {
            const findingLevel = finding.advisoryOnly ? "advisory" : level;
            if (state.deferred && isPerDomainAdvisory(finding, findingLevel)) state.deferred.add(definition.id, finding);
            else reported.push({ definition, finding, level: findingLevel });
        }
    }
    return reported;
}

/** How many bindings a grouped domain-level advisory names before "and N more". */
export const PER_DOMAIN_NAMED = 5;

/**
 * Domain-level advisories, one per policy, message and registrable domain (a secret domain is its
 * own group, so grouping never ties a secret name to a shown one): the first binding's finding,
 * with a line naming how many bindings share the domain and the first few of them. Everything
 * else passes through unchanged, in order.
 */
function groupPerDomain(findings: readonly Finding[], level: Level, stack: StackView): Finding[] {
    const groups = new Map<string, Finding[]>();
    const out: (Finding | Finding[])[] = [];
    for (const finding of findings) {
        if (!isPerDomainAdvisory(finding, finding.advisoryOnly ? "advisory" : level)) {
            out.push(finding);
            continue;
        }
        const key = `${finding.messageId}\u0000${finding.perDomain}\u0000${finding.domain === undefined ? "hidden" : "shown"}`;
        let group = groups.get(key);
        if (!group) {
            groups.set(key, (group = []));
            out.push(group);
        }
        // One binding reported twice (e.g. a record read alone and through the graph) counts once.
        if (!group.some((seen) => seen.urn === finding.urn)) group.push(finding);
    }
    return out.map((entry) => {
        const { perDomain: _key, ...finding } = Array.isArray(entry) ? entry[0] : entry;
        void _key;
        if (!Array.isArray(entry) || entry.length === 1) return finding;
        const names = entry.slice(0, PER_DOMAIN_NAMED).map((f) => {
            const resource = stack.byUrn.get(f.urn);
            return resource ? showResource(resource) : f.urn;
        });
        const more = entry.length - names.length;
        const domain = finding.domain !== undefined ? showHost(finding.domain) : "this (hidden) domain";
        const line = `Reported once for ${domain}: ${entry.length} bindings in this stack share it (${names.join(", ")}${more > 0 ? ` and ${more} more` : ""}).`;
        const firstBreak = finding.message.indexOf("\n");
        const message = firstBreak === -1 ? `${finding.message}\n${line}` : `${finding.message.slice(0, firstBreak)}\n${line}${finding.message.slice(firstBreak)}`;
        return { ...finding, message, data: { ...finding.data, bindings: String(entry.length) } };
    });
}

/** Secrets a stack finding may have read: its resource's, and those of the resources its values come from (a few steps deep). */
function stackSecretsFor(stack: StackView): (finding: Finding) => ReadonlySet<string> {
    const cache = new Map<string, ReadonlySet<string>>();
    return (finding) => {
        let secrets = cache.get(finding.urn);
        if (!secrets) {
            const resource = stack.byUrn.get(finding.urn);
            const collected = secretValuesOf(resource);
            // Values may come through a chain (an ALB rule → its listener → its load balancer), so
            // the resources a finding's values come from are followed a few steps deep.
            const seen = new Set<string>([finding.urn]);
            let frontier = resource ? [resource] : [];
            for (let depth = 0; depth < 3 && frontier.length > 0; depth++) {
                const next: typeof frontier = [];
                for (const from of frontier) {
                    for (const urns of Object.values(from.propertyDependencies)) {
                        for (const urn of urns) {
                            const dependency = stack.byUrn.get(urn);
                            if (seen.has(urn) || !dependency) continue;
                            seen.add(urn);
                            secretValuesOf(dependency, collected);
                            next.push(dependency);
                        }
                    }
                }
                frontier = next;
            }
            secrets = collected;
            cache.set(finding.urn, secrets);
        }
        return secrets;
    };
}

/** Every stack check, once, in code order; checks that read the others' results (icp-waiver-unused) last. */
export function checkStack(definitions: readonly PolicyDefinition[], stack: StackView, state: RunState): ReportedFinding[] {
    const reported: ReportedFinding[] = [];
    const secretsFor = stackSecretsFor(stack);
    const ordered = [...definitions.filter((d) => !d.runsAfterOthers), ...definitions.filter((d) => d.runsAfterOthers)];
    for (const definition of ordered) {
        if (!definition.runStack) continue;
        const level = state.config.levelOf(definition);
        if (level === "disabled") continue;
        let findings: Finding[];
        try {
            findings = applyWaivers(definition, definition.runStack(stack, contextFor(definition, state)), state);
        } catch (error) {
            findings = [internalErrorFinding(definition, "", "the stack", error)];
        }
        // The domain-level advisories the per-resource pass left to this one come first, in the order found.
        const all = (state.deferred?.of(definition.id, stack) ?? []).concat(scrubbed(findings, secretsFor));
        for (const finding of definition.perDomainMessages?.length ? groupPerDomain(all, level, stack) : all) reported.push({ definition, finding, level: finding.advisoryOnly ? "advisory" : level });
    }
    return reported;
}

/**
 * The whole analysis the engine would run: every resource's inputs through the per-resource
 * checks (Analyze), then the stack's outputs through the stack checks (AnalyzeStack).
 */
export function runAll(definitions: readonly PolicyDefinition[], resources: readonly ResourceView[], stack: StackView, given: RunState): ReportedFinding[] {
    const state: RunState = given.deferred ? given : { ...given, deferred: new DeferredAdvisories() };
    const reported: ReportedFinding[] = [];
    // No `push(...findings)`: spreading 150,000 findings into one call overflows the stack.
    for (const resource of resources) for (const finding of checkResourceEverywhere(definitions, resource, state)) reported.push(finding);
    for (const finding of checkStack(definitions, stack, state)) reported.push(finding);
    // Nothing carries over to the next run (a disabled policy's deferred findings included).
    state.deferred?.clear();
    return reported;
}
