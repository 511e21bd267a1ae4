/**
 * The layers of lib/ are visible in the tree and hold in the imports:
 *   model (domains, regions, ICP numbers, registry, waivers, resource views)
 *   → graph (DNS sources, endpoints, bindings, hosts)
 *   → kit (the rule kit: definitions, decisions, runner, config)
 *   → inputs (engine gRPC, Pulumi files, Terraform plans) and reports (text … GitHub)
 *   → policies, the pack entry point and the command line.
 * A module imports only from its own layer or the ones before it, and no module imports itself
 * back through a chain (no import circles anywhere in the shipped code).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const LAYERS = ["lib/model", "lib/graph", "lib/kit", "lib/inputs", "lib/verify", "lib/reports", "policies", "cli", "index.ts"] as const;
// inputs and reports are siblings: neither may import the other.
const RANK: Record<(typeof LAYERS)[number], number> = { "lib/model": 0, "lib/graph": 1, "lib/kit": 2, "lib/inputs": 3, "lib/verify": 3, "lib/reports": 3, policies: 4, cli: 5, "index.ts": 5 };

function sourceFiles(dir: string): string[] {
    const full = path.join(ROOT, dir);
    if (fs.statSync(full).isFile()) return [dir];
    return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
        const relative = path.join(dir, entry.name);
        if (entry.isDirectory()) return sourceFiles(relative);
        return entry.name.endsWith(".ts") ? [relative] : [];
    });
}

function layerOf(file: string): (typeof LAYERS)[number] | undefined {
    return LAYERS.find((layer) => file === layer || file.startsWith(`${layer}/`));
}

function importsOf(file: string): string[] {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    const found: string[] = [];
    for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?from\s+"(\.[^"]+)"/g)) {
        const target = path.normalize(path.join(path.dirname(file), match[1]));
        for (const candidate of [`${target}.ts`, path.join(target, "index.ts"), target]) {
            if (fs.existsSync(path.join(ROOT, candidate)) && fs.statSync(path.join(ROOT, candidate)).isFile()) {
                found.push(candidate);
                break;
            }
        }
    }
    return found;
}

describe("layers of the code", () => {
    const files = LAYERS.flatMap((layer) => sourceFiles(layer));
    const graph = new Map(files.map((file) => [file, importsOf(file)]));

    it("every layer exists and holds code", () => {
        for (const layer of LAYERS) assert.ok(files.some((file) => layerOf(file) === layer), `${layer} is empty`);
    });

    it("imports only go from a layer to itself or the layers before it", () => {
        const wrong: string[] = [];
        for (const [file, targets] of graph) {
            const from = layerOf(file)!;
            for (const target of targets) {
                const to = layerOf(target);
                if (!to) continue; // data/*.json
                if (RANK[to] > RANK[from] || (RANK[to] === RANK[from] && to !== from)) wrong.push(`${file} → ${target}`);
            }
        }
        assert.deepStrictEqual(wrong, []);
    });

    it("no import circles", () => {
        const state = new Map<string, "visiting" | "done">();
        const cycles: string[] = [];
        const visit = (file: string, trail: string[]): void => {
            if (state.get(file) === "done") return;
            if (state.get(file) === "visiting") {
                cycles.push([...trail.slice(trail.indexOf(file)), file].join(" → "));
                return;
            }
            state.set(file, "visiting");
            for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
            state.set(file, "done");
        };
        for (const file of graph.keys()) visit(file, []);
        assert.deepStrictEqual(cycles, []);
    });
});
