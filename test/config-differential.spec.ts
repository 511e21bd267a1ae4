/**
 * Differential: the policy config the pack runs with under the engine, against what
 * `icp-guard check --config` computes, over a generated table of `--policy-pack-config` documents.
 *
 * Engine side: the pack's own GetAnalyzerInfo (the real pack, started by the real launcher), the
 * engine's reconciliation and Configure marshalling transcribed from Go (tools/engine-policy-config.ts,
 * which imports no icp-guard code), a real ConfigureAnalyzerRequest serialised and decoded through
 * the pack's own wire observer (lib/inputs/engine/wire.ts), received as index.ts receives it.
 * Check side: the config file read by cli/commands/check.ts, as `check --config` reads it.
 *
 * For every document: both refuse, or both run every rule at the same level with the same options
 * and the same registry; what check reconciles equals what the engine sends in Configure entry for
 * entry (`all` and names the pack does not declare included); and where the pack refuses what the
 * engine sent, check refuses with the same words.
 *
 * The table: `all` absent, at every level, as an object with options, options alone or empty ×
 * every name the pack declares (rules, carriers, config-only policies such as icp-filing-registry —
 * taken from GetAnalyzerInfo, so a config-only policy added to the pack is covered as soon as it
 * is declared; give it sample options in SAMPLE_OPTIONS) and names it does not declare (a typo, rule
 * codes, `All`) × every form of entry (each level, level object, options with and without a level,
 * invalid options, an unknown option, empty) — plus seeded combinations of several entries, and the
 * README's configuration examples.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AnalyzerInfo, PackProcess } from "../tools/engine-client";
import { ConfigureEntry, EngineConfigError, engineAnalyzerInfo, LEVEL_OF_PROTO, localPackConfigure } from "../tools/engine-policy-config";
import { POLICIES } from "../policies";
import { CARRIER_POLICIES, PackConfig, ReceivedPolicyConfig } from "../lib/kit/config";
import { observeConfigureOnTheWire } from "../lib/inputs/engine/wire";
import { RegistryHolder } from "../lib/kit/registry-holder";
import { emptyRegistry, FilingRegistry, RegistryError } from "../lib/model/registry";
import { mergeRegistries, REGISTRY_POLICY_NAME, registryFromConfigFile } from "../lib/model/registry-sources";
import { packConfigFromFile, readPolicyConfig } from "../cli/registry-options";
import { CLEAN_ENV, PACK_DIR } from "./helpers/e2e";

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"] as const;

/** Valid, non-default options per declared name. A config-only policy added later: add its sample here. */
const SAMPLE_OPTIONS: Readonly<Record<string, Record<string, unknown>>> = {
    "icp-domain-unfiled": { allowWaivers: false },
    "icp-proxy-mainland-origin": { allowWaivers: false },
    "icp-binding-undecidable": { mainlandCidrs: ["47.96.0.0/16"], mainlandHostnameSuffixes: ["origin.corp-example.com"] },
    "icp-region-unrecognised": { knownMainlandRegions: ["cn-newcity-1"] },
    "icp-filing-not-accessed-at-alibaba": { alsoRequireAlibabaFor: ["alicloud:wafv3/domain:Domain"] },
    "icp-filing-host-ineligible": { tagKey: "filing-host", filingHosts: ["web-*"] },
    "icp-ip-only-website": { webPorts: [80] },
    "icp-filing-registry": { filings: [{ domain: "example.com", icp: "浙ICP备2023012345号-1", accessProviders: ["alibaba"] }] },
};

const UNDECLARED = ["icp-domain-unfild", "ICP001", "icp013", "not-a-policy", "All"];

type Document = Record<string, unknown>;

/** Seeded generator, so the table is the same on every run. */
function random(seed: number): () => number {
    let state = seed;
    return () => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state / 2147483648;
    };
}

function entryForms(name: string, info: AnalyzerInfo): unknown[] {
    const options = Object.keys(info.policies.find((policy) => policy.name === name)?.configSchema?.properties ?? {});
    const sample = SAMPLE_OPTIONS[name];
    return [
        ...LEVELS,
        { enforcementLevel: "mandatory" },
        {},
        { notAnOption: true },
        { enforcementLevel: "disabled", notAnOption: true },
        ...(sample ? [{ ...sample }, { enforcementLevel: "advisory", ...sample }] : []),
        ...(options.length > 0 ? [{ [options[0]]: 12345 }] : []),
    ];
}

const ALL_FORMS: unknown[] = [undefined, ...LEVELS, { enforcementLevel: "disabled" }, { enforcementLevel: "advisory", mainlandCidrs: ["47.96.0.0/16"] }, { mainlandCidrs: [] }, {}];

function table(info: AnalyzerInfo): Document[] {
    const names = [...info.policies.map((policy) => policy.name), ...UNDECLARED];
    const documents: Document[] = [];
    for (const all of ALL_FORMS) {
        const base: Document = all === undefined ? {} : { all };
        documents.push(base);
        for (const name of names) for (const form of entryForms(name, info)) documents.push({ ...base, [name]: form });
    }
    const next = random(17);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    for (let i = 0; i < 400; i++) {
        const document: Document = {};
        const all = pick(ALL_FORMS);
        if (all !== undefined) document["all"] = all;
        const count = 2 + Math.floor(next() * 3);
        for (let j = 0; j < count; j++) {
            const name = pick(names);
            document[name] = pick(entryForms(name, info));
        }
        documents.push(document);
    }
    return documents;
}

/** The ```json blocks of the README's configuration sections. */
function readmeConfigExamples(): Document[] {
    const readme = fs.readFileSync(path.join(PACK_DIR, "README.md"), "utf8");
    return [...readme.matchAll(/```json\n([\s\S]*?)\n```/g)].map((match) => JSON.parse(match[1]) as Document).filter((document) => typeof document === "object" && document !== null && !Array.isArray(document));
}

interface Effective {
    readonly levels: Record<string, string>;
    readonly properties: Record<string, unknown>;
    readonly registry: unknown;
}
type Outcome = { readonly refused: string } | { readonly effective: Effective };

function effective(config: PackConfig, registry: FilingRegistry | undefined): Effective {
    return {
        levels: Object.fromEntries(POLICIES.map((definition) => [definition.id, config.levelOf(definition)])),
        properties: Object.fromEntries(POLICIES.map((definition) => [definition.id, config.propertiesOf(definition)])),
        registry: registry ? { filings: registry.entries.map((entry) => [entry.domain, entry.icp.full, [...entry.accessProviders]]), waivers: registry.waivers.length } : undefined,
    };
}

describe("policy config: the engine (transcribed) and the pack against `icp-guard check --config`", function () {
    this.timeout(180_000);
    let info: AnalyzerInfo;
    let decodeConfigure: (entries: readonly ConfigureEntry[]) => ReadonlyMap<string, ReceivedPolicyConfig>;
    // Thousands of small config files: in memory where the machine has a tmpfs.
    const dir = fs.mkdtempSync(path.join(fs.existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir(), "icp-guard-config-diff-"));

    before(async () => {
        const pack = await PackProcess.start(PACK_DIR, { env: CLEAN_ENV });
        try {
            info = await pack.getAnalyzerInfo();
        } finally {
            await pack.close();
        }
        // The pack's wire observer on this process's AnalyzerService, as index.ts installs it.
        let received: ReadonlyMap<string, ReceivedPolicyConfig> = new Map();
        assert.ok(observeConfigureOnTheWire((config) => (received = config), CARRIER_POLICIES));
        const policyDir = path.dirname(require.resolve("@pulumi/policy"));
        const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [policyDir] }));
        /* eslint-disable @typescript-eslint/no-require-imports */
        const service = require(path.join(pulumiDir, "proto", "analyzer_grpc_pb.js")).AnalyzerService;
        const messages = require(path.join(pulumiDir, "proto", "analyzer_pb.js"));
        const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb.js", { paths: [pulumiDir] }));
        /* eslint-enable @typescript-eslint/no-require-imports */
        decodeConfigure = (entries) => {
            const request = new messages.ConfigureAnalyzerRequest();
            for (const entry of entries) {
                const policyConfig = new messages.PolicyConfig();
                policyConfig.setEnforcementlevel(entry.enforcementLevel);
                policyConfig.setProperties(Struct.fromJavaScript(entry.properties));
                request.getPolicyconfigMap().set(entry.name, policyConfig);
            }
            service.configure.requestDeserialize(Buffer.from(service.configure.requestSerialize(request)));
            return received;
        };
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** Under the engine: what the pack runs with, or who stops and why. */
    function underTheEngine(text: string): { outcome: Outcome; sent?: readonly ConfigureEntry[] } {
        let sent: ConfigureEntry[] | undefined;
        try {
            sent = localPackConfigure(engineAnalyzerInfo(info), text, PACK_DIR);
        } catch (error) {
            if (error instanceof EngineConfigError) return { outcome: { refused: `engine: ${error.message}` } };
            throw error;
        }
        assert.ok(sent, "icp-guard declares policies, so the engine always calls Configure");
        const received = decodeConfigure(sent);
        const config = new PackConfig(POLICIES);
        config.receive(received, { announce: false });
        const registries = new RegistryHolder(emptyRegistry(), { knownPolicies: POLICIES.map((policy) => policy.id) });
        registries.receive(received.get(REGISTRY_POLICY_NAME)?.properties, { announce: false });
        try {
            config.check();
            registries.check();
        } catch (error) {
            return { outcome: { refused: `pack: ${(error as Error).message}` }, sent };
        }
        return { outcome: { effective: effective(config, registries.registry) }, sent };
    }

    /** Under `icp-guard check --config <file>`. */
    function underCheck(file: string): Outcome {
        try {
            const config = packConfigFromFile(file);
            const registry = mergeRegistries(emptyRegistry(), registryFromConfigFile(file, { knownPolicies: POLICIES.map((policy) => policy.id) }));
            return { effective: effective(config, registry) };
        } catch (error) {
            if (error instanceof RegistryError) return { refused: `check: ${error.message}` };
            return { refused: `check: ${(error as Error).message}` };
        }
    }

    /** Compares one document; true when it is refused. */
    function compare(document: Document, index: number): boolean {
        const text = JSON.stringify(document);
        const file = path.join(dir, `config-${index % 2}.json`);
        fs.writeFileSync(file, text);
        const engine = underTheEngine(text);
        const check = underCheck(file);
        const shown = `config ${text}\n  engine+pack: ${JSON.stringify(engine.outcome).slice(0, 600)}\n  check:       ${JSON.stringify(check).slice(0, 600)}`;
        assert.strictEqual("refused" in engine.outcome, "refused" in check, `one refuses, the other runs:\n${shown}`);
        if ("refused" in engine.outcome && "refused" in check) {
            // Where the pack refuses, check says the same thing (the engine's own errors are the engine's words).
            if (engine.outcome.refused.startsWith("pack: ")) {
                const said = engine.outcome.refused.slice("pack: ".length).replace(/^icp-guard: invalid --policy-pack-config: /, "").replace(/ Fix the config; icp-guard does not guess\.$/, "");
                assert.ok(check.refused.includes(said.replace(/\.$/, "")), `check refuses in other words:\n${shown}`);
            }
            return true;
        }
        assert.ok("effective" in engine.outcome && "effective" in check);
        assert.deepStrictEqual(check.effective, engine.outcome.effective, `different levels, options or registry:\n${shown}`);
        // What check reconciles is what the engine sends, entry for entry.
        const fromCheck = readPolicyConfig(file);
        const sent = new Map((engine.sent ?? []).map((entry) => [entry.name, { enforcementLevel: LEVEL_OF_PROTO[entry.enforcementLevel], properties: entry.properties }]));
        assert.deepStrictEqual(new Map([...fromCheck].map(([name, entry]) => [name, { enforcementLevel: entry.enforcementLevel, properties: { ...entry.properties } }])), sent, `check's Configure differs from the engine's:\n${shown}`);
        return false;
    }

    it("agree on every document of the generated table", () => {
        const documents = table(info);
        assert.ok(documents.length > 2000, `${documents.length} documents`);
        let refused = 0;
        documents.forEach((document, index) => {
            if (compare(document, index)) refused++;
        });
        // Both outcomes are well represented, or the table tests little.
        assert.ok(refused > 300 && documents.length - refused > 300, `${refused} of ${documents.length} refused`);
    });

    it("agree on the README's configuration examples, and run them", () => {
        const examples = readmeConfigExamples();
        assert.ok(examples.length >= 2, "the README shows its configuration examples as ```json blocks");
        examples.forEach((document, index) => {
            compare(document, 10_000 + index);
            const { outcome } = underTheEngine(JSON.stringify(document));
            assert.ok("effective" in outcome, `the README example is refused: ${JSON.stringify(outcome)}`);
        });
    });

    it("the engine sends `all` as an entry of its own, and the pack accepts it (the crash of issue #17)", () => {
        for (const level of LEVELS) {
            const { outcome, sent } = underTheEngine(JSON.stringify({ all: level }));
            assert.deepStrictEqual(sent?.find((entry) => entry.name === "all"), { name: "all", enforcementLevel: LEVEL_OF_PROTO.indexOf(level), properties: {} });
            assert.ok("effective" in outcome, JSON.stringify(outcome));
            for (const definition of POLICIES) assert.strictEqual(outcome.effective.levels[definition.id], level === "remediate" ? "mandatory" : level);
        }
    });

    it("a rule code is refused with the policy id to use, by the pack and by check alike", () => {
        const { outcome } = underTheEngine(JSON.stringify({ ICP001: "disabled" }));
        assert.ok("refused" in outcome && /"ICP001" is a rule code; use "icp-domain-unfiled"/.test(outcome.refused), JSON.stringify(outcome));
    });
});
