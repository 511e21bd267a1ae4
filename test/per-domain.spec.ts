/**
 * Domain-level advisories (a TLD that may not be fileable, a government domain, a hollow filing)
 * are reported once per registrable domain per stack, naming how many bindings share it and the
 * first few; blocking findings stay on each binding. The shape of issue #17's zone: many records
 * of one .co domain pointing at mainland endpoints. Through the runner the pack and `check` share
 * (lib/kit/runner.ts), and `check`'s text and Markdown reports group undecidable records by zone.
 */
import * as assert from "assert";
import { POLICIES } from "../policies";
import { PackConfig } from "../lib/kit/config";
import { SecretIndex } from "../lib/inputs/engine/wire";
import { configuredAsByEngine } from "./helpers/rule-tester";
import { checkResourceEverywhere, checkStack, DeferredAdvisories, PER_DOMAIN_NAMED, runAll, RunState } from "../lib/kit/runner";
import { parseRegistry } from "../lib/model/registry";
import { WaiverBook } from "../lib/model/waivers";
import { UNKNOWN } from "../lib/model/values";
import { render } from "../lib/reports/formats";
import { stackOf } from "./helpers/rule-tester";
import { alidns, eip, HANGZHOU, HONGKONG } from "./helpers/stack-fixtures";
import { testRegistry } from "./helpers/fixtures";

const RECORDS = 43;

/** A zone of `count` records under `zone`, each to its own mainland EIP (decided through the graph). */
function zone(domain: string, count: number) {
    const specs = [];
    for (let i = 0; i < count; i++) {
        specs.push(eip(`eip-${i}`));
        specs.push(alidns(`rec-${i}`, domain, `h${i}`, "A", UNKNOWN, [`eip-${i}`]));
    }
    return stackOf(specs);
}

/** A run with the pack's config as the engine sets it from `config` as --policy-pack-config. */
function stateWith(config: Record<string, unknown> = {}, registry = testRegistry): RunState {
    const state = { registry, regions: {}, config: new PackConfig(POLICIES), waivers: new WaiverBook(registry.waivers) };
    configuredAsByEngine(POLICIES, { ...state, secrets: new SecretIndex(() => false) }, config);
    state.config.check();
    return state;
}

const of = (policy: string, findings: ReturnType<typeof runAll>) => findings.filter((f) => f.definition.id === policy);

describe("domain-level advisories are reported once per registrable domain", () => {
    it(`a zone of ${RECORDS} records under a .co domain: one TLD advisory naming ${RECORDS} bindings; the blocking findings stay on each record`, () => {
        const stack = zone("example.co", RECORDS);
        const findings = runAll(POLICIES, stack.resources, stack, stateWith());
        const tld = of("icp-tld-not-fileable", findings);
        assert.strictEqual(tld.length, 1, tld.map((f) => f.finding.message).join("\n---\n"));
        assert.strictEqual(tld[0].level, "advisory");
        assert.strictEqual(tld[0].finding.messageId, "tldUnverified");
        assert.match(tld[0].finding.message, new RegExp(`Reported once for example\\.co: ${RECORDS} bindings in this stack share it \\(dns\\.AlidnsRecord "rec-0", .* and ${RECORDS - PER_DOMAIN_NAMED} more\\)`));
        assert.strictEqual(tld[0].finding.data["bindings"], String(RECORDS));
        // The message still ends with the fix and the docs link.
        assert.match(tld[0].finding.message, /\nFix: [^\n]+\nDocs: \S+$/);
        const unfiled = of("icp-domain-unfiled", findings);
        assert.strictEqual(unfiled.length, RECORDS, "each record is blocked where it is");
        assert.ok(unfiled.every((f) => f.level === "mandatory"));
    });

    it("per resource (Analyze, on inputs) it is only noted; the stack pass reports it once with every binding, per-resource ones included", () => {
        const cdn = { name: "cdn", type: "alicloud:cdn/domainNew:DomainNew", props: { domainName: "static.example.co", cdnType: "web", sources: [] }, provider: HANGZHOU };
        const stack = stackOf([...zone("example.co", 3).resources.map(specOf), cdn]);
        const state = { ...stateWith(), deferred: new DeferredAdvisories() };
        for (const resource of stack.resources) assert.deepStrictEqual(checkResourceEverywhere(POLICIES, resource, state).filter((f) => f.definition.id === "icp-tld-not-fileable"), []);
        const tld = of("icp-tld-not-fileable", checkStack(POLICIES, stack, state));
        assert.strictEqual(tld.length, 1);
        assert.match(tld[0].finding.message, /^static\.example\.co is served .*\nReported once for example\.co: 4 bindings in this stack share it \(cdn\.DomainNew "cdn", dns\.AlidnsRecord "rec-0"/);
        // The same stack pass again gives the same answer (the engine may ask twice; nothing is consumed).
        assert.deepStrictEqual(of("icp-tld-not-fileable", checkStack(POLICIES, stack, state)).map((f) => f.finding.message), tld.map((f) => f.finding.message));
        // A stack without the CDN domain hears nothing of it: only the stack's own resources count.
        assert.strictEqual(of("icp-tld-not-fileable", checkStack(POLICIES, zone("example.co", 1), state)).length, 1);
        assert.match(of("icp-tld-not-fileable", checkStack(POLICIES, zone("example.co", 2), state))[0].finding.message, /2 bindings/);
        assert.doesNotMatch(of("icp-tld-not-fileable", checkStack(POLICIES, zone("example.co", 2), state))[0].finding.message, /cdn\.DomainNew/);
    });

    it("a resource analysed again replaces what it left; a new Configure forgets everything", () => {
        const cdn = (domainName: string) => ({ name: "cdn", type: "alicloud:cdn/domainNew:DomainNew", props: { domainName, cdnType: "web", sources: [] }, provider: HANGZHOU });
        const state = { ...stateWith(), deferred: new DeferredAdvisories() };
        const [first] = stackOf([cdn("static.example.co")]).resources;
        checkResourceEverywhere(POLICIES, first, state);
        const renamed = stackOf([cdn("static.example.cn")]);
        checkResourceEverywhere(POLICIES, renamed.resources[0], state);
        assert.deepStrictEqual(of("icp-tld-not-fileable", checkStack(POLICIES, renamed, state)), [], "the .co domain the resource no longer has is not reported");
        checkResourceEverywhere(POLICIES, first, state);
        state.deferred.clear();
        assert.deepStrictEqual(of("icp-tld-not-fileable", checkStack(POLICIES, stackOf([cdn("static.example.cn")]), state)), []);
    });

    it("without a stack pass to leave them to (no collector), the per-resource pass reports them where it finds them", () => {
        const cdn = { name: "cdn", type: "alicloud:cdn/domainNew:DomainNew", props: { domainName: "static.example.co", cdnType: "web", sources: [] }, provider: HANGZHOU };
        const [resource] = stackOf([cdn]).resources;
        assert.strictEqual(checkResourceEverywhere(POLICIES, resource, stateWith()).filter((f) => f.definition.id === "icp-tld-not-fileable").length, 1);
    });

    it("two domains: one advisory each", () => {
        const stack = stackOf([...zone("example.co", 3).resources.map(specOf), ...zone("other.co", 2).resources.map((r) => ({ ...specOf(r), name: `o-${r.name}` }))]);
        const tld = of("icp-tld-not-fileable", runAll(POLICIES, stack.resources, stack, stateWith()));
        assert.deepStrictEqual(tld.map((f) => f.finding.domain).sort(), ["example.co", "other.co"]);
    });

    it("a blocking TLD finding (.io cannot be filed) stays on each binding", () => {
        const stack = zone("example.io", 4);
        const tld = of("icp-tld-not-fileable", runAll(POLICIES, stack.resources, stack, stateWith()));
        assert.strictEqual(tld.length, 4);
        assert.ok(tld.every((f) => f.level === "mandatory" && !/Reported once/.test(f.finding.message)));
    });

    it("…unless the team sets the policy to advisory: then it is one finding for the domain", () => {
        const stack = zone("example.io", 4);
        const tld = of("icp-tld-not-fileable", runAll(POLICIES, stack.resources, stack, stateWith({ "icp-tld-not-fileable": "advisory" })));
        assert.strictEqual(tld.length, 1);
        assert.match(tld[0].finding.message, /Reported once for example\.io: 4 bindings/);
    });

    it("government domains: one advisory per domain at advisory, one per binding at mandatory", () => {
        const stack = zone("city.gov.cn", 5);
        assert.strictEqual(of("icp-government-domain", runAll(POLICIES, stack.resources, stack, stateWith())).length, 1);
        assert.strictEqual(of("icp-government-domain", runAll(POLICIES, stack.resources, stack, stateWith({ "icp-government-domain": "mandatory" }))).length, 5);
    });

    it("a waived finding stays on the resource its waiver names", () => {
        const registry = parseRegistry(
            "filings: []\nwaivers:\n  - policy: icp-tld-not-fileable\n    resource: rec-1\n    reason: Moving to example.cn (ticket 7)\n    owner: web\n    expires: 2099-01-01\n",
            "/registry/waived.yaml",
            { knownPolicies: POLICIES.map((p) => p.id) },
        );
        const stack = zone("example.co", 4);
        const tld = of("icp-tld-not-fileable", runAll(POLICIES, stack.resources, stack, stateWith({}, registry)));
        assert.strictEqual(tld.length, 2, tld.map((f) => f.finding.message).join("\n---\n"));
        assert.ok(tld.some((f) => f.finding.message.startsWith("Waived until") && f.finding.urn.endsWith("::rec-1")));
        assert.ok(tld.some((f) => /Reported once for example\.co: 3 bindings/.test(f.finding.message)));
    });

    it("hollow filings: one advisory for the domain, however many of its records point away", () => {
        const stack = stackOf([
            eip("hk-1", UNKNOWN, HONGKONG),
            eip("hk-2", UNKNOWN, HONGKONG),
            alidns("a", "filed-alibaba.com", "www", "A", UNKNOWN, ["hk-1"]),
            alidns("b", "filed-alibaba.com", "api", "A", UNKNOWN, ["hk-2"]),
            alidns("c", "filed-alibaba.com", "@", "A", UNKNOWN, ["hk-1"]),
        ]);
        const hollow = of("icp-hollow-filing", runAll(POLICIES, stack.resources, stack, stateWith()));
        assert.strictEqual(hollow.length, 1, hollow.map((f) => f.finding.message).join("\n---\n"));
        assert.match(hollow[0].finding.message, /Reported once for filed-alibaba\.com: 3 bindings/);
    });
});

describe("check's reports group undecidable records of one zone", () => {
    it("text and Markdown: one entry per zone naming the other records; JSON keeps one result per finding", () => {
        const stack = stackOf(Array.from({ length: 12 }, (_, i) => alidns(`u-${i}`, "example.com", `h${i}`, "A", UNKNOWN)));
        const findings = runAll(POLICIES, stack.resources, stack, stateWith());
        const undecidable = of("icp-binding-undecidable", findings);
        assert.strictEqual(undecidable.length, 12);
        const input = { findings, definitions: POLICIES, resources: new Map(stack.resources.map((r) => [r.urn, r])), file: "preview.json", source: "preview.json", version: "0.0.0" };
        const text = render("text", input);
        assert.strictEqual(text.split("icp-binding-undecidable  (").length - 1, 1, text);
        assert.match(text, /Also undecidable under example\.com \(11 more DNS records, each its own result in the JSON, SARIF and JUnit reports\): alicloud:dns\/alidnsRecord:AlidnsRecord: u-1, .* and 6 more\./);
        const markdown = render("markdown", input);
        assert.strictEqual(markdown.split("icp-binding-undecidable](").length - 1, 1);
        assert.match(markdown, /\(and 11 more under example\.com\)/);
        assert.strictEqual((JSON.parse(render("json", input)) as { findings: unknown[] }).findings.length, findings.length);
    });
});

function specOf(resource: ReturnType<typeof zone>["resources"][number]) {
    const name = resource.name;
    const valueFrom = resource.propertyDependencies["value"]?.map((urn) => urn.split("::").pop()!);
    return { name, type: resource.type, props: resource.props, provider: resource.provider, ...(valueFrom ? { dependsOn: { value: valueFrom } } : {}) };
}
