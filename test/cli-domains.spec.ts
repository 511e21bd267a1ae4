/**
 * `icp-guard domains`: the inventory of domains served from the mainland, over the recorded example
 * programs (preview JSON) and hand-made stack exports; agreement with `check`; the YAML draft that
 * marks nothing filed; and the registry from the policy config (icp-filing-registry) in both
 * commands.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/icp-guard";
import { EXAMPLES_REGISTRY, listExamples, recordExample } from "../tools/examples";
import { parseRegistry, RegistryError } from "../lib/model/registry";
import { SECRET_SIG, SECRET_SIG_KEY } from "../lib/model/values";
import { EXAMPLES_DIR, REPO_DIR } from "../tools/examples";
import { assertAgrees, BLOCKING } from "./helpers/inventory-agreement";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-domains-"));
const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
    return file;
};
const ENV = { ICP_GUARD_FILINGS: EXAMPLES_REGISTRY } as NodeJS.ProcessEnv;
const NO_REGISTRY = { ICP_GUARD_FILINGS: undefined } as NodeJS.ProcessEnv;

interface JsonInventory {
    summary: Record<string, number>;
    domains: { domain: string | null; secret: boolean; needs: string; status: string; filing: { icp: string } | null; bindings: { resource: string; served: string; needs: string; region: string | null; waivedBy: string | null; host: string | null }[] }[];
}

const CDN = "alicloud:cdn/domainNew:DomainNew";
function stackExport(resources: { name: string; type: string; props: Record<string, unknown> }[]): unknown {
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-11-23T00:00:00Z", version: "v3.248.0" },
            resources: resources.map((r) => ({ urn: `urn:pulumi:prod::shop::${r.type}::${r.name}`, type: r.type, custom: true, id: `${r.name}-id`, inputs: r.props, outputs: r.props })),
        },
    };
}

describe("icp-guard domains (command line)", function () {
    // The agreement test runs check and domains over every example and input fixture (the Terraform
    // corpus included): minutes on a loaded 2-core machine. Not a timed test, a bound on a hang.
    this.timeout(600_000);
    let blocked: string;
    let compliant: string;
    let overseas: string;
    let cdnOss: string;

    before(() => {
        const examples = listExamples();
        const record = (name: string) => write(`${name}.json`, recordExample(examples.find((e) => e.name === name)!));
        blocked = record("dns-to-mainland-eip");
        compliant = record("compliant-mainland-web");
        overseas = record("hongkong-overseas");
        cdnOss = record("unfiled-cdn-oss");
    });

    it("lists every domain of several stacks with its bindings, the filing it needs and its status", async () => {
        const result = await main(["domains", blocked, compliant, overseas, cdnOss, "--format", "json"], ENV);
        assert.strictEqual(result.code, 0, result.stderr);
        const inventory = JSON.parse(result.stdout) as JsonInventory;
        assert.deepStrictEqual(
            inventory.domains.map((d) => [d.domain, d.status, d.needs]),
            [
                ["partner-example.com", "filed-elsewhere", "alibaba"],
                ["shop-example.com", "filed", "alibaba"],
                ["unfiled-example.com", "unfiled", "alibaba"],
            ],
        );
        assert.deepStrictEqual(inventory.summary, { filed: 1, "filed-elsewhere": 1, unfiled: 1, unfileable: 0, waived: 0 });
        const shop = inventory.domains.find((d) => d.domain === "shop-example.com")!;
        assert.strictEqual(shop.filing?.icp, "浙ICP备2023012345号-1");
        assert.deepStrictEqual(shop.bindings.map((b) => [b.resource, b.needs]), [
            ['cdn.DomainNew "static-cdn"', "any"],
            ['dns.AlidnsRecord "static"', "any"],
            ['dns.AlidnsRecord "www"', "alibaba"],
            // Another stack (dns-to-mainland-eip) has a record named "api" too: which one is told by its file.
            [`dns.AlidnsRecord "api" (from ${compliant})`, "alibaba"],
        ]);
        assert.ok(shop.bindings.filter((b) => b.resource.startsWith("dns.")).some((b) => b.region === "cn-hangzhou"));
        // The overseas stack serves nothing from the mainland.
        const overseasBindings = inventory.domains.flatMap((d) => (d.bindings as unknown as { file: string }[]).filter((b) => b.file === overseas));
        assert.deepStrictEqual(overseasBindings, [], "nothing from the overseas example");
    });

    it("agrees with check: a stack check blocks has its domains unfiled or filed elsewhere here, and a passing one has none", async () => {
        const checked = JSON.parse((await main(["check", blocked, "--format", "json"], ENV)).stdout) as { findings: { policy: string; message: string }[] };
        const blockedDomains = new Set(checked.findings.map((f) => /(unfiled-example\.com|partner-example\.com)/.exec(f.message)?.[1]));
        const inventory = JSON.parse((await main(["domains", blocked, "--format", "json"], ENV)).stdout) as JsonInventory;
        assert.deepStrictEqual(new Set(inventory.domains.filter((d) => d.status !== "filed").map((d) => d.domain)), blockedDomains);
        const passing = JSON.parse((await main(["domains", compliant, "--format", "json"], ENV)).stdout) as JsonInventory;
        assert.ok(passing.domains.every((d) => d.status === "filed"));
    });

    it("agrees with check on every example and input fixture (Pulumi and Terraform): each domain check blocks (ICP001/ICP002/ICP013) is unfiled or filed elsewhere, none listed filed is blocked", async () => {
        const examples = listExamples();
        const files = [
            ...examples.map((example) => write(`all-${example.name}.json`, recordExample(example))),
            path.join(EXAMPLES_DIR, "terraform", "plan.json"),
            ...fs.readdirSync(path.join(REPO_DIR, "test", "fixtures", "pulumi")).filter((f) => f.endsWith(".json")).map((f) => path.join(REPO_DIR, "test", "fixtures", "pulumi", f)),
            ...fs.readdirSync(path.join(REPO_DIR, "test", "fixtures", "terraform")).flatMap((d) => ["plan.json", "terraform.tfstate"].map((f) => path.join(REPO_DIR, "test", "fixtures", "terraform", d, f))).filter((f) => fs.existsSync(f)),
        ];
        let blockedSeen = 0;
        for (const file of files) {
            const checked = await main(["check", file, "--format", "json", "--partial"], ENV);
            assert.ok(checked.code === 0 || checked.code === 1, `check ${file}: ${checked.stderr}`);
            const findings = (JSON.parse(checked.stdout) as { findings: { policy: string; level: string; urn: string; domain?: string }[] }).findings;
            const blocked = new Set(findings.filter((f) => BLOCKING.has(f.policy) && f.level === "mandatory").map((f) => `${f.urn} ${f.domain ?? ""}`));
            blockedSeen += blocked.size;
            // Inputs are loaded exactly as check loads them (test/estates.spec.ts): both with --partial here.
            const listed = await main(["domains", file, "--format", "json", "--partial"], ENV);
            assert.strictEqual(listed.code, 0, `domains ${file}: ${listed.stderr}`);
            const inventory = (JSON.parse(listed.stdout) as { domains: { ascii: string | null; status: string; bindings: { urn: string }[] }[] }).domains;
            // Secret domains are judged, not named: they match no finding's domain here, so only named ones are compared.
            const named = inventory.filter((d) => d.ascii !== null).map((d) => ({ ascii: d.ascii as string, status: d.status, bindings: d.bindings }));
            const secretUrns = new Set(inventory.filter((d) => d.ascii === null).flatMap((d) => d.bindings.map((b) => b.urn)));
            try {
                assertAgrees(named, new Set([...blocked].filter((key) => !secretUrns.has(key.split(" ")[0]))));
            } catch (error) {
                throw new Error(`${path.basename(file)}: ${(error as Error).message}`);
            }
        }
        assert.ok(blockedSeen > 0, "some example is blocked, so the comparison compares something");
    });

    it("text and Markdown name the domain, status, needs and each binding with its scope or region", async () => {
        const text = await main(["domains", cdnOss], ENV);
        assert.strictEqual(text.code, 0);
        assert.match(text.stdout, /^unfiled-example\.com {2}\[unfiled\]$/m);
        assert.match(text.stdout, /needs: any ICP filing \(ICP备案\)/);
        assert.match(text.stdout, /cdn\.DomainNew "promo-cdn": binds it \(domainName\) to Alibaba Cloud CDN \(cdn\.DomainNew\); scope not set \(defaults to "domestic"\)/);
        assert.match(text.stdout, /oss\.BucketCname "images-domain": binds it \(domain\) to OSS custom domain \(oss\.BucketCname\); region cn-hangzhou/);
        assert.match(text.stdout, /Summary: 1 domain\(s\): 0 filed, 0 filed elsewhere, 1 unfiled, 0 unfileable, 0 waived\./);
        const markdown = await main(["domains", cdnOss, "--format", "markdown"], ENV);
        assert.match(markdown.stdout, /\| unfiled-example\.com \| ❌ unfiled: no ICP filing \(ICP备案\) in the registry \| any filing \| /);
    });

    it("--format yaml drafts registry entries for the domains not in the registry, marking nothing filed", async () => {
        const result = await main(["domains", blocked, compliant, cdnOss, "--format", "yaml"], ENV);
        assert.strictEqual(result.code, 0, result.stderr);
        const draft = result.stdout;
        assert.match(draft, /^ {2}- domain: "unfiled-example\.com"$/m);
        assert.doesNotMatch(draft, /domain: "(shop|partner)-example\.com"/, "domains in the registry are not drafted");
        assert.match(draft, /^ {4}# icp: /m);
        assert.match(draft, /^ {4}# accessProviders: \[alibaba\]$/m);
        assert.doesNotMatch(draft, /^\s+icp:/m, "no ICP number is written by the tool");
        // Until a person fills it in, the draft is refused as a registry: nothing is read as filed.
        assert.throws(() => parseRegistry(draft, "draft.yaml"), (error: RegistryError) => /missing field "icp"/.test(error.message));
        const filled = draft.replace('    # icp: "<ICP number, e.g. 浙ICP备2023012345号-1>"', "    icp: 浙ICP备2023012345号-9").replace("    # accessProviders: [alibaba]", "    accessProviders: [alibaba]");
        assert.strictEqual(parseRegistry(filled, "draft.yaml").lookup("unfiled-example.com")?.icp.full, "浙ICP备2023012345号-9");
    });

    it("a domain under a TLD that can never be filed is listed as unfileable, with its fix, and never drafted", async () => {
        const stack = write(
            "tlds.json",
            stackExport([
                { name: "io-cdn", type: CDN, props: { domainName: "static.launch-example.io", cdnType: "web" } },
                { name: "org-cdn", type: CDN, props: { domainName: "www.charity-example.org", cdnType: "web" } },
                { name: "com-cdn", type: CDN, props: { domainName: "www.plain-example.com", cdnType: "web" } },
            ]),
        );
        const json = JSON.parse((await main(["domains", stack, "--format", "json"], NO_REGISTRY)).stdout) as JsonInventory;
        assert.deepStrictEqual(json.domains.map((d) => [d.domain, d.status]), [
            ["charity-example.org", "unfiled"],
            ["launch-example.io", "unfileable"],
            ["plain-example.com", "unfiled"],
        ]);
        const text = (await main(["domains", stack], NO_REGISTRY)).stdout;
        assert.match(text, /launch-example\.io {2}\[unfileable\]\n.*\n {2}registry: unfileable: \.io is not an MIIT-approved suffix, so no ICP filing \(ICP备案\) can exist for it; serve it only from outside the Chinese mainland \(scope "overseas"/);
        assert.match(text, /charity-example\.org .*\n.*\n {2}registry: unfiled: no ICP filing \(ICP备案\) in the registry; check that \.org can be filed before you file/);
        assert.match(text, /Summary: 3 domain\(s\): 0 filed, 0 filed elsewhere, 2 unfiled, 1 unfileable, 0 waived\./);
        const draft = (await main(["domains", stack, "--format", "yaml"], NO_REGISTRY)).stdout;
        assert.match(draft, /^# Not drafted: launch-example\.io can never be filed \(\.io is not an MIIT-approved suffix\); serve it only from outside the Chinese mainland/m);
        assert.doesNotMatch(draft, /- domain: "launch-example\.io"/);
        assert.match(draft, /- domain: "charity-example\.org"/);
    });

    it("every draft the command writes validates as a registry once filled in as a person would", async () => {
        const tlds = write(
            "draft-tlds.json",
            stackExport([
                { name: "io-cdn", type: CDN, props: { domainName: "static.launch-example.io", cdnType: "web" } },
                { name: "org-cdn", type: CDN, props: { domainName: "www.charity-example.org", cdnType: "web" } },
                { name: "gov", type: CDN, props: { domainName: "www.edu.example-city.gov.cn", cdnType: "web" } },
                { name: "idn", type: CDN, props: { domainName: "www.例子.中国", cdnType: "web" } },
            ]),
        );
        const inputs = [blocked, compliant, overseas, cdnOss, tlds, path.join(EXAMPLES_DIR, "terraform", "plan.json"), ...fs.readdirSync(path.join(REPO_DIR, "test", "fixtures", "pulumi")).filter((f) => f.endsWith(".json")).map((f) => path.join(REPO_DIR, "test", "fixtures", "pulumi", f))];
        for (const env of [ENV, NO_REGISTRY]) {
            for (const input of [...inputs.map((file) => [file]), inputs]) {
                const result = await main(["domains", ...input, "--format", "yaml", "--partial"], env);
                assert.strictEqual(result.code, 0, result.stderr);
                // A person copies each domain's ICP number and access providers from its MIIT filing into the two commented lines.
                let number = 0;
                const filled = result.stdout
                    .replace(/^ {4}# icp: .*$/gm, () => `    icp: 浙ICP备2023012345号-${++number}`)
                    .replace(/^ {4}# accessProviders: \[(.*)\]$/gm, (_line, inner: string) => `    accessProviders: [${inner.startsWith("<") ? "tencent" : inner}]`);
                const drafted = [...result.stdout.matchAll(/^ {2}- domain: (".*")$/gm)].map((match) => JSON.parse(match[1]) as string);
                const registry = parseRegistry(filled, "draft.yaml");
                assert.strictEqual(registry.entries.length, drafted.length, `${input.join(", ")}:\n${filled}`);
            }
        }
    });

    it("an empty draft when every domain is in the registry", async () => {
        const result = await main(["domains", compliant, "--format", "yaml"], ENV);
        assert.match(result.stdout, /^filings: \[\]$/m);
        assert.strictEqual(parseRegistry(result.stdout, "draft.yaml").entries.length, 0);
    });

    it("waived: every binding without a qualifying filing is covered by an active waiver", async () => {
        const registry = write(
            "waived.yaml",
            "filings: []\nwaivers:\n  - policy: icp-domain-unfiled\n    resource: promo\n    reason: Campaign site, filing submitted (ICP-42)\n    owner: web\n    expires: \"2099-12-31\"\n  - policy: icp-domain-unfiled\n    resource: old\n    reason: Old campaign, should be gone by now\n    owner: web\n    expires: \"2020-01-01\"\n",
        );
        const file = write("waived-stack.json", stackExport([
            { name: "promo", type: CDN, props: { domainName: "promo.waived.com", cdnType: "web", sources: [] } },
            { name: "old", type: CDN, props: { domainName: "www.expired-waiver.com", cdnType: "web", sources: [] } },
        ]));
        const inventory = JSON.parse((await main(["domains", file, "--filings", registry, "--format", "json"], NO_REGISTRY)).stdout) as JsonInventory;
        assert.deepStrictEqual(inventory.domains.map((d) => [d.domain, d.status, d.bindings[0].waivedBy]), [
            ["expired-waiver.com", "unfiled", null],
            ["waived.com", "waived", "waivers[0]"],
        ]);
    });

    it("waived only as the gate waives: by the policy that reports the binding, and not where that policy has allowWaivers: false", async () => {
        const registry = write(
            "waived-by-policy.yaml",
            "filings: []\nwaivers:\n  - policy: icp-filing-not-accessed-at-alibaba\n    resource: promo\n    reason: Wrong policy for an unfiled domain\n    owner: web\n    expires: \"2099-12-31\"\n  - policy: icp-domain-unfiled\n    resource: shop\n    reason: Filing submitted (ICP-43)\n    owner: web\n    expires: \"2099-12-31\"\n",
        );
        const file = write("waived-by-policy-stack.json", stackExport([
            { name: "promo", type: CDN, props: { domainName: "promo.waived.com", cdnType: "web", sources: [] } },
            { name: "shop", type: CDN, props: { domainName: "www.shop-waived.com", cdnType: "web", sources: [] } },
        ]));
        const listed = JSON.parse((await main(["domains", file, "--filings", registry, "--format", "json"], NO_REGISTRY)).stdout) as JsonInventory;
        assert.deepStrictEqual(listed.domains.map((d) => [d.domain, d.status]), [
            ["shop-waived.com", "waived"],
            ["waived.com", "unfiled"],
        ]);
        const config = write("no-waivers.json", { "icp-domain-unfiled": { allowWaivers: false } });
        const strict = JSON.parse((await main(["domains", file, "--filings", registry, "--config", config, "--format", "json"], NO_REGISTRY)).stdout) as JsonInventory;
        assert.deepStrictEqual(strict.domains.map((d) => [d.domain, d.status]), [
            ["shop-waived.com", "unfiled"],
            ["waived.com", "unfiled"],
        ]);
    });

    it("never prints a secret domain: it is counted and judged, not shown", async () => {
        const file = write("secret-stack.json", stackExport([{ name: "hidden", type: CDN, props: { domainName: { [SECRET_SIG_KEY]: SECRET_SIG, value: "www.very-secret-shop.com" }, cdnType: "web", sources: [] } }]));
        for (const format of ["text", "json", "markdown", "yaml"]) {
            const result = await main(["domains", file, "--format", format], NO_REGISTRY);
            assert.strictEqual(result.code, 0, result.stderr);
            assert.doesNotMatch(result.stdout, /very-secret/, format);
        }
        const inventory = JSON.parse((await main(["domains", file, "--format", "json"], NO_REGISTRY)).stdout) as JsonInventory;
        assert.deepStrictEqual(inventory.domains.map((d) => [d.domain, d.secret, d.status]), [[null, true, "unfiled"]]);
    });

    it("reads icp-filing-registry from --config, merged with the file, in domains and in check", async () => {
        const config = write("config.json", { "icp-filing-registry": { filings: [{ domain: "unfiled-example.com", icp: "浙ICP备2023012345号-3", accessProviders: ["alibaba"] }] } });
        const inventory = JSON.parse((await main(["domains", cdnOss, "--config", config, "--format", "json"], ENV)).stdout) as JsonInventory;
        assert.deepStrictEqual(inventory.domains.map((d) => [d.domain, d.status]), [["unfiled-example.com", "filed"]]);
        const checked = await main(["check", cdnOss, "--config", config], ENV);
        assert.strictEqual(checked.code, 0, checked.stdout);
        const conflicting = write("conflict.json", { "icp-filing-registry": { filings: [{ domain: "shop-example.com", icp: "浙ICP备2023012345号-7", accessProviders: ["alibaba"] }] } });
        for (const command of ["check", "domains"]) {
            const result = await main([command, cdnOss, "--config", conflicting], ENV);
            assert.strictEqual(result.code, 2, command);
            assert.match(result.stderr, /shop-example\.com \(浙ICP备2023012345号-7, access providers alibaba\) is also in icp-filings\.yaml/);
        }
        const broken = write("broken.json", { "icp-filing-registry": { filings: [{ domain: "www.example.com", icp: "x", accessProviders: ["Alibaba"] }] } });
        const refused = await main(["check", cdnOss, "--config", broken], ENV);
        assert.strictEqual(refused.code, 2);
        assert.match(refused.stderr, /the filing registry in the policy config "icp-filing-registry" is invalid.*3 problems/s);
    });

    it("names every unreadable input at once and exits 2", async () => {
        const garbage = write("garbage.json", "{not json");
        const result = await main(["domains", path.join(dir, "missing.json"), garbage, cdnOss], ENV);
        assert.strictEqual(result.code, 2);
        assert.match(result.stderr, /missing\.json: no such file/);
        assert.match(result.stderr, /garbage\.json/);
        assert.strictEqual(result.stdout, "");
    });
});
