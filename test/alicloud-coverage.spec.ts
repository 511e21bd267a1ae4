/**
 * Keeps the type tables honest as @pulumi/alicloud grows: every resource class of the installed
 * SDK is read (its `*State` interface: inputs and outputs, with doc comments), and a property that
 * looks like a served domain or a public address must belong to a type icp-guard reads (bindings,
 * DNS sources, endpoints, filing hosts, zones, links in lib/graph/) or be listed, with a reason,
 * in the reviewed table test/helpers/not-relevant.ts.
 *
 * So an SDK upgrade shows its new domain-binding or public-address types as a failing test.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ALICLOUD_TYPES_READ } from "../lib/graph/types-read";
import { NOT_RELEVANT } from "./helpers/not-relevant";
import { READ_PROPERTIES } from "./helpers/read-properties";

const SDK = path.dirname(require.resolve("@pulumi/alicloud/package.json"));

/** Names that are a served domain or a public address wherever they appear. */
const SERVED_NAME =
    /^(domain|domains|domainName|domainNames|customDomain|customDomainName|recordName|siteName|hostName|hostNames|cname|publicUserDomainName|scheduleHostName|subDomain|accelerateIpAddress|publicIp|publicIpAddress|internetIp|eipAddress|externalIp|ipAddress|ipAddressLists|slbIp|dnsName|urlInternet|publicIpv4Address|ipv6Address|ipv6Addresses)$/;
/** Other names count when their doc comment says public address or website domain… */
const ADDRESS_LIKE = /(domain|host|cname|ip|address|url)/i;
const SERVED_DOC = /(public (ip|network address|address)|internet ip|accelerated domain|custom domain|website domain|ipv6 address of)/i;
/** …unless the name says it is an ID, a count or a switch about the address, not the address. */
const NOT_A_VALUE = /(Id|Ids|Name|Num|Number|Count|Type|Mode|Status|Enabled)$/;

interface SdkProperty {
    readonly token: string;
    readonly property: string;
    readonly doc: string;
}

function sdkResourceProperties(): { classes: number; properties: SdkProperty[] } {
    const properties: SdkProperty[] = [];
    let classes = 0;
    for (const dir of fs.readdirSync(SDK, { withFileTypes: true })) {
        if (!dir.isDirectory() || dir.name === "types" || dir.name === "config" || dir.name === "node_modules") continue;
        for (const file of fs.readdirSync(path.join(SDK, dir.name))) {
            if (!file.endsWith(".d.ts") || file === "index.d.ts" || /^get[A-Z]/.test(file)) continue;
            const text = fs.readFileSync(path.join(SDK, dir.name, file), "utf8");
            const declared = /export declare class (\w+) extends pulumi\.CustomResource/.exec(text);
            if (!declared) continue;
            const js = fs.readFileSync(path.join(SDK, dir.name, file.replace(/\.d\.ts$/, ".js")), "utf8");
            const token = /__pulumiType = '([^']+)'/.exec(js)?.[1];
            assert.ok(token, `no type token in ${dir.name}/${file}`);
            classes++;
            const state = new RegExp(`export interface ${declared[1]}State \\{([\\s\\S]*?)\\n\\}`).exec(text);
            if (!state) continue;
            for (const match of state[1].matchAll(/(?:\/\*\*([\s\S]*?)\*\/\s*)?\n\s{4}(\w+)\?:/g)) {
                properties.push({ token, property: match[2], doc: (match[1] ?? "").replace(/\s*\*\s?/g, " ").trim() });
            }
        }
    }
    return { classes, properties };
}

const looksServed = (p: SdkProperty): boolean =>
    SERVED_NAME.test(p.property) || (ADDRESS_LIKE.test(p.property) && !NOT_A_VALUE.test(p.property) && SERVED_DOC.test(p.doc));

describe("coverage of @pulumi/alicloud resource types", () => {
    const handled = ALICLOUD_TYPES_READ;
    const { classes, properties } = sdkResourceProperties();
    const candidates = properties.filter(looksServed);

    it("reads every resource class of the installed SDK", () => {
        // 3.108.0 has about 1,200 resource classes; far fewer means the scan broke, not the SDK.
        assert.ok(classes > 1000, `only ${classes} resource classes found under ${SDK}`);
        assert.ok(candidates.length > 50, `only ${candidates.length} candidate properties: the heuristics broke`);
    });

    it("every type icp-guard reads exists in the SDK (no misspelt tokens)", () => {
        const tokens = new Set(properties.map((p) => p.token));
        const missing = [...handled].filter((type) => type.startsWith("alicloud:") && !tokens.has(type));
        assert.deepStrictEqual(missing, []);
    });

    it("every property that looks like a served domain or public address is handled or reviewed as not relevant", () => {
        const open = candidates
            .filter((p) => !handled.has(p.token) && NOT_RELEVANT[`${p.token} ${p.property}`] === undefined)
            .map((p) => `${p.token} ${p.property}: ${p.doc.slice(0, 100)}`);
        assert.deepStrictEqual(open, [], "add these to a table in lib/graph/ or, with a reason, to test/helpers/not-relevant.ts");
    });

    it("on the types icp-guard reads, every such property is read or reviewed as not relevant", () => {
        const open = candidates
            .filter((p) => handled.has(p.token) && !READ_PROPERTIES.has(`${p.token} ${p.property}`) && NOT_RELEVANT[`${p.token} ${p.property}`] === undefined)
            .map((p) => `${p.token} ${p.property}: ${p.doc.slice(0, 100)}`);
        assert.deepStrictEqual(open, [], "add these to a table in lib/graph/ or, with a reason, to test/helpers/not-relevant.ts");
    });

    it("the not-relevant table has no stale or handled entries", () => {
        const seen = new Set(candidates.map((p) => `${p.token} ${p.property}`));
        const stale = Object.keys(NOT_RELEVANT).filter((key) => !seen.has(key) || READ_PROPERTIES.has(key));
        assert.deepStrictEqual(stale, []);
        assert.deepStrictEqual([...READ_PROPERTIES].filter((key) => !seen.has(key) || !handled.has(key.split(" ")[0])), [], "read properties of types no table holds");
        for (const [key, reason] of Object.entries(NOT_RELEVANT)) assert.ok(reason.length > 10, `${key} needs a reason`);
    });
});
