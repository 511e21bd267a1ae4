/**
 * The endpoint catalog: `icp-guard endpoints <files…>` over stack exports, previews and Terraform
 * JSON (what it lists, from where, in what order, in what shape), and its validation — every
 * problem at once, each naming the entry and field; two sources disagreeing about an address
 * refused with both named.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv";
import { main } from "../cli/icp-guard";
import { CATALOG_SCHEMA, CatalogDocument, CatalogError, parseEndpointCatalog } from "../lib/model/endpoint-catalog";
import { SECRET_SIG, SECRET_SIG_KEY } from "../lib/model/values";

const REPO = path.resolve(__dirname, "..", "..");
const fixture = (name: string) => path.join(REPO, "test", "fixtures", "pulumi", name);
const INFRA = fixture("infra-state.json");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-endpoints-"));
const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
    return file;
};
const ENV = { ALICLOUD_REGION: undefined, ALIBABA_CLOUD_REGION: undefined, PULUMI_CONFIG: undefined } as NodeJS.ProcessEnv;

async function catalogOf(...files: string[]): Promise<CatalogDocument> {
    const result = await main(["endpoints", ...files], ENV);
    assert.strictEqual(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as CatalogDocument;
}

const shapeOf = (document: CatalogDocument) => document.endpoints.map((e) => [e.address, e.network, e.location ?? null, e.region ?? null, e.access, e.name]);

describe("icp-guard endpoints (from files)", () => {
    it("lists an infrastructure stack's endpoints: product, region, public or intranet, 接入 need, source and when it was written", async () => {
        const document = await catalogOf(INFRA);
        assert.deepStrictEqual([document.tool, document.version], ["icp-guard", 1]);
        assert.ok(!Number.isNaN(Date.parse(document.generatedAt)));
        assert.deepStrictEqual(shapeOf(document), [
            ["30.10.1.5", "intranet", null, null, "alibaba", "internal-clb"],
            ["47.242.10.3", "public", "outside", "cn-hongkong", "alibaba", "hk-clb"],
            ["47.97.10.1", "public", "mainland", "cn-hangzhou", "alibaba", "web-eip"],
            ["47.97.10.2", "public", "mainland", "cn-hangzhou", "alibaba", "web"],
        ]);
        const eip = document.endpoints[2];
        assert.strictEqual(eip.product, "EIP (ecs.EipAddress)");
        assert.strictEqual(eip.urn, "urn:pulumi:prod::infra::alicloud:ecs/eipAddress:EipAddress::web-eip");
        assert.deepStrictEqual(eip.source, { stack: "infra/prod", file: INFRA, writtenAt: "2026-11-20T08:00:01.000000Z" });
        assert.match(eip.because, /region cn-hangzhou \(华东1（杭州）\) from provider 'default_3_108_0'/);
    });

    it("is the same catalog (bar generatedAt) whatever the order of the inputs, and validates against the shipped schema", async () => {
        const plan = path.join(REPO, "examples", "terraform", "plan.json");
        const one = await catalogOf(INFRA, plan);
        const other = await catalogOf(plan, INFRA);
        assert.deepStrictEqual({ ...one, generatedAt: "" }, { ...other, generatedAt: "" });
        const schema = JSON.parse(fs.readFileSync(path.join(REPO, "schemas", "icp-guard-endpoints.schema.json"), "utf8"));
        const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
        assert.ok(validate(one), JSON.stringify(validate.errors, null, 2));
        // The Terraform source: its file, the resource's address and the plan's own timestamp.
        const cdn = one.endpoints.find((e) => e.source.file === plan)!;
        assert.deepStrictEqual([cdn.address, cdn.resourceAddress, cdn.source.writtenAt, cdn.location], ["static.launch-example.com", 'module.static_site["launch-example.com"].alicloud_cdn_domain_new.this', "2026-11-29T10:00:00Z", "mainland"]);
        assert.strictEqual(cdn.urn, undefined);
    });

    it("ships a JSON Schema that is the catalog's own schema (the one the pack validates with)", () => {
        const schema = JSON.parse(fs.readFileSync(path.join(REPO, "schemas", "icp-guard-endpoints.schema.json"), "utf8"));
        const packageJson = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { files: string[] };
        assert.ok(packageJson.files.includes("schemas/"));
        const { $schema: _shipped, ...shipped } = schema.properties;
        const { $schema: _own, ...own } = CATALOG_SCHEMA.properties;
        void _shipped;
        void _own;
        assert.deepStrictEqual(shipped, JSON.parse(JSON.stringify(own)));
        assert.deepStrictEqual([schema.type, schema.additionalProperties, schema.required], [CATALOG_SCHEMA.type, CATALOG_SCHEMA.additionalProperties, [...CATALOG_SCHEMA.required]]);
    });

    it("merges a stack's export and preview into one source (planned over current), as check does", async () => {
        const state = JSON.parse(fs.readFileSync(INFRA, "utf8"));
        const eip = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::web-eip"));
        // The preview plans a second EIP in Hong Kong and deletes the intranet CLB.
        const hkProvider = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::hk"));
        const newEip = { ...eip, urn: eip.urn.replace("web-eip", "hk-eip"), provider: `${hkProvider.urn}::${hkProvider.id}`, outputs: { ...eip.outputs, ipAddress: "47.242.10.9" } };
        const internal = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::internal-clb"));
        const preview = write("infra-preview.json", { config: {}, steps: [{ op: "create", urn: newEip.urn, newState: newEip }, { op: "delete", urn: internal.urn, oldState: internal }] });
        const document = await catalogOf(INFRA, preview);
        assert.deepStrictEqual(document.endpoints.map((e) => [e.address, e.region ?? null]), [["47.242.10.3", "cn-hongkong"], ["47.242.10.9", "cn-hongkong"], ["47.97.10.1", "cn-hangzhou"], ["47.97.10.2", "cn-hangzhou"]]);
        assert.deepStrictEqual([...new Set(document.endpoints.map((e) => e.source.file))], [`${INFRA}, ${preview}`]);
    });

    it("leaves secret addresses out and says how many", async () => {
        const state = JSON.parse(fs.readFileSync(INFRA, "utf8"));
        const eip = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::web-eip"));
        eip.outputs.ipAddress = { [SECRET_SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify("47.97.10.77") };
        const result = await main(["endpoints", write("secret.json", state)], ENV);
        assert.strictEqual(result.code, 0, result.stderr);
        assert.ok(!result.stdout.includes("47.97.10.77"), "a secret never reaches the catalog");
        assert.match(result.stderr, /1 secret value\(s\) left out/);
    });

    it("refuses sources that disagree about an address, naming both (exit 2, nothing written)", async () => {
        const state = JSON.parse(fs.readFileSync(INFRA, "utf8").replace(/urn:pulumi:prod::infra::/g, "urn:pulumi:prod::edge::"));
        const provider = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("default_3_108_0"));
        provider.inputs.region = provider.outputs.region = "cn-hongkong";
        const result = await main(["endpoints", INFRA, write("edge.json", state)], ENV);
        assert.strictEqual(result.code, 2);
        assert.strictEqual(result.stdout, "");
        assert.match(result.stderr, /the sources disagree about 2 addresses, so no catalog was written/);
        assert.match(result.stderr, /47\.97\.10\.1 is catalogued as cn-hangzhou, Chinese mainland from stack infra\/prod \(urn:pulumi:prod::infra::alicloud:ecs\/eipAddress:EipAddress::web-eip\), and as cn-hongkong, outside the Chinese mainland from stack edge\/prod \(urn:pulumi:prod::edge::alicloud:ecs\/eipAddress:EipAddress::web-eip\)/);
    });

    it("names every unreadable input (exit 2)", async () => {
        const result = await main(["endpoints", path.join(dir, "missing.json"), write("garbage.json", "{not json")], ENV);
        assert.strictEqual(result.code, 2);
        assert.match(result.stderr, /missing\.json: no such file/);
        assert.match(result.stderr, /garbage\.json is not in a format icp-guard reads: it is not valid JSON/);
    });

    it("never stops on odd outputs: a value that is no address is left out, overlong names are cut to the schema's limits", async () => {
        const state = JSON.parse(fs.readFileSync(INFRA, "utf8"));
        const eip = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::web-eip"));
        const long = "x".repeat(3000);
        state.deployment.resources.push({ ...eip, urn: eip.urn.replace("web-eip", long), outputs: { ...eip.outputs, ipAddress: "47.97.10.99" } });
        state.deployment.resources.push({ ...eip, urn: eip.urn.replace("web-eip", "odd"), outputs: { ...eip.outputs, ipAddress: "not an address!" } });
        const document = await catalogOf(write("odd.json", state));
        assert.ok(!document.endpoints.some((e) => e.address.includes("not an address")));
        const cut = document.endpoints.find((e) => e.address === "47.97.10.99")!;
        assert.ok(cut.name.length <= 1000 && cut.name.endsWith("…"));
    });

    it("catalogues an IPv6 address as the graph decides it: public only with IPv6 Internet bandwidth, else intranet", async () => {
        const state = JSON.parse(fs.readFileSync(INFRA, "utf8"));
        const ecs = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::web"));
        ecs.outputs.ipv6Addresses = ["2408:4000:10::2"];
        const document = await catalogOf(write("v6.json", state));
        const v6 = document.endpoints.find((e) => e.address === "2408:4000:10::2")!;
        assert.deepStrictEqual([v6.network, v6.location], ["intranet", undefined]);
        assert.match(v6.because, /has no IPv6 Internet bandwidth/);
    });

    it("writes to --output", async () => {
        const out = path.join(dir, "catalog.json");
        const result = await main(["endpoints", INFRA, "--output", out], ENV);
        assert.strictEqual(result.code, 0, result.stderr);
        assert.strictEqual(result.stdout, "");
        assert.strictEqual((JSON.parse(fs.readFileSync(out, "utf8")) as CatalogDocument).endpoints.length, 4);
    });
});

describe("endpoint catalog validation", () => {
    const NOW = new Date("2026-12-01T00:00:00Z");
    const entry = (overrides: Record<string, unknown> = {}) => ({
        address: "47.97.10.1",
        product: "EIP (ecs.EipAddress)",
        type: "alicloud:ecs/eipAddress:EipAddress",
        name: "web-eip",
        network: "public",
        location: "mainland",
        region: "cn-hangzhou",
        because: "region cn-hangzhou",
        access: "alibaba",
        source: { stack: "acme/infra/prod", writtenAt: "2026-11-20T08:00:01Z" },
        urn: "urn:pulumi:prod::infra::alicloud:ecs/eipAddress:EipAddress::web-eip",
        ...overrides,
    });
    const catalog = (endpoints: unknown[], top: Record<string, unknown> = {}) => ({ tool: "icp-guard", version: 1, generatedAt: "2026-11-30T00:00:00Z", endpoints, ...top });
    const problemsOf = (data: unknown): string[] => {
        try {
            parseEndpointCatalog(data, "test.json", { now: NOW });
        } catch (error) {
            assert.ok(error instanceof CatalogError, String(error));
            return error.problems.map((p) => `${p.where}: ${p.message}`);
        }
        return [];
    };

    it("accepts a good catalog, looks up addresses in any case and with a trailing dot, and knows its age", () => {
        const parsed = parseEndpointCatalog(catalog([entry(), entry({ address: "App.Example-CDN.com.", location: "outside", region: "cn-hongkong", name: "x" })]), "test.json", { now: NOW });
        assert.strictEqual(parsed.lookup("47.97.10.1")?.name, "web-eip");
        assert.strictEqual(parsed.lookup("app.example-cdn.com")?.region, "cn-hongkong");
        assert.strictEqual(parsed.ageDays, 1);
    });

    it("reports every problem at once, each naming the entry and field", () => {
        const problems = problemsOf(
            catalog(
                [
                    entry({ address: "not an address!" }),
                    entry({ region: "hangzhou" }),
                    entry({ region: "cn-hongkong", location: "mainland" }),
                    entry({ network: "dmz" }),
                    entry({ location: undefined }),
                    entry({ source: {} }),
                    entry({ acess: "alibaba" }),
                ],
                { generatedAt: "yesterday", version: 2 },
            ),
        );
        const wheres = problems.map((p) => p.split(":")[0]);
        for (const where of ["generatedAt", "version", "endpoints[0].address", "endpoints[1].region", "endpoints[2].location", "endpoints[3].network", "endpoints[4].location", "endpoints[5].source", "endpoints[6].acess"]) {
            assert.ok(wheres.includes(where), `${where} in ${problems.join("\n")}`);
        }
        assert.ok(problems.some((p) => /endpoints\[6\]\.acess: unknown field; did you mean "access"\?/.test(p)), problems.join("\n"));
        assert.ok(problems.some((p) => /"mainland" contradicts region cn-hongkong/.test(p)));
        assert.ok(problems.some((p) => /version: 2 is a newer catalog format/.test(p)));
    });

    it("refuses an address catalogued twice with different regions, naming both sources; same facts twice, or intranet twice, is fine", () => {
        const problems = problemsOf(catalog([entry(), entry({ region: "cn-hongkong", location: "outside", source: { file: "clb-a.tfstate" }, urn: undefined, resourceAddress: "alicloud_slb_load_balancer.default" })]));
        assert.deepStrictEqual(problems.length, 1);
        assert.match(problems[0], /^endpoints\[1\]\.address: 47\.97\.10\.1 is catalogued as cn-hongkong, outside the Chinese mainland from file clb-a\.tfstate \(alicloud_slb_load_balancer\.default\), and as cn-hangzhou, Chinese mainland from stack acme\/infra\/prod \(urn:[^)]*\) \(endpoints\[0\]\)/);
        assert.deepStrictEqual(problemsOf(catalog([entry(), entry({ source: { stack: "acme/other/prod" } })])), []);
        const intranet = { network: "intranet", location: undefined, region: undefined, address: "172.16.0.5" };
        assert.deepStrictEqual(problemsOf(catalog([entry(intranet), entry({ ...intranet, source: { stack: "acme/other/prod" } })])), []);
        assert.strictEqual(problemsOf(catalog([entry(), entry({ network: "intranet", location: undefined })])).length, 1, "public here, intranet there");
    });

    it("refuses what is not a catalog, and a catalog from the future", () => {
        assert.match(problemsOf([])[0], /must be an object with version, generatedAt and endpoints/);
        assert.match(problemsOf({ filings: [] }).join("\n"), /filings: unknown field/);
        assert.match(problemsOf(catalog([], { generatedAt: "2027-01-01T00:00:00Z" }))[0], /generatedAt: 2027-01-01T00:00:00Z is in the future/);
        assert.match(new CatalogError("in the policy config \"icp-endpoint-catalog\"", [{ where: "endpoints[0].region", message: "x" }]).message, /^icp-guard: the endpoint catalog in the policy config "icp-endpoint-catalog" is invalid, so the policy pack will not run .*Fix this entry/);
    });
});
