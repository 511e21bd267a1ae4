/**
 * Where a Terraform resource is declared: the `resource "type" "name"` block in the .tf files of
 * its module's directory, found from `--source-root` (the root module) and the module calls' local
 * sources (`./modules/web`). Modules from a registry or Git are not on disk, so their resources
 * have no position. Each directory is read once.
 */
import * as fs from "fs";
import * as path from "path";
import { SourcePosition } from "../../model/resource";
import { configPathOf, ResourceInstance, TerraformConfiguration } from "./configuration";

const BLOCK = /^\s*resource\s+"([^"]+)"\s+"([^"]+)"/;
const PROVIDER = /^\s*provider\s+"([^"]+)"/;
const ALIAS = /^\s*alias\s*=\s*"([^"]+)"/;

export class SourceIndex {
    private readonly blocks = new Map<string, ReadonlyMap<string, SourcePosition>>();

    constructor(
        private readonly root: string,
        private readonly config: TerraformConfiguration,
    ) {}

    positionOf(instance: Pick<ResourceInstance, "moduleInstance" | "type" | "name">): SourcePosition | undefined {
        const directory = this.directoryOf(configPathOf(instance.moduleInstance));
        return directory === undefined ? undefined : this.blocksIn(directory).get(`${instance.type}.${instance.name}`);
    }

    /** A provider configuration's block: `alicloud`, `alicloud.hk`, `module.own:alicloud`. */
    providerPositionOf(key: string): SourcePosition | undefined {
        const colon = key.lastIndexOf(":");
        const directory = this.directoryOf(colon >= 0 ? key.slice(0, colon) : "");
        return directory === undefined ? undefined : this.blocksIn(directory).get(`provider ${key.slice(colon + 1)}`);
    }

    private directoryOf(modulePath: string): string | undefined {
        if (!modulePath) return this.root;
        const source = this.config.moduleCall(modulePath)?.["source"];
        if (typeof source !== "string" || !(source.startsWith("./") || source.startsWith("../"))) return undefined;
        const parent = this.directoryOf(modulePath.split(".").slice(0, -2).join("."));
        return parent === undefined ? undefined : path.join(parent, source);
    }

    private blocksIn(directory: string): ReadonlyMap<string, SourcePosition> {
        const cached = this.blocks.get(directory);
        if (cached) return cached;
        const found = new Map<string, SourcePosition>();
        let files: string[] = [];
        try {
            files = fs.readdirSync(directory).filter((name) => name.endsWith(".tf")).sort();
        } catch {
            // No such directory: no positions, never an error (the plan is what is checked).
        }
        for (const name of files) {
            const file = path.join(directory, name);
            // Relative to the source root (as Pulumi's positions are to the project), forward slashes.
            const shown = path.relative(this.root, file).split(path.sep).join("/");
            let text: string;
            try {
                text = fs.readFileSync(file, "utf8");
            } catch {
                continue;
            }
            const lines = text.split(/\r?\n/);
            lines.forEach((line, index) => {
                const match = BLOCK.exec(line);
                if (match && !found.has(`${match[1]}.${match[2]}`)) found.set(`${match[1]}.${match[2]}`, { file: shown, line: index + 1, column: line.indexOf("resource") + 1 });
                const provider = PROVIDER.exec(line);
                if (provider) {
                    // The alias, if any, is an argument of the block (up to its closing brace at the block's indentation).
                    let alias: string | undefined;
                    const indent = line.length - line.trimStart().length;
                    for (let next = index + 1; next < lines.length; next++) {
                        const inner = lines[next];
                        if (inner.trim() === "}" && inner.length - inner.trimStart().length <= indent) break;
                        alias = ALIAS.exec(inner)?.[1] ?? alias;
                    }
                    const key = `provider ${provider[1]}${alias ? `.${alias}` : ""}`;
                    if (!found.has(key)) found.set(key, { file: shown, line: index + 1, column: line.indexOf("provider") + 1 });
                }
            });
        }
        this.blocks.set(directory, found);
        return found;
    }
}
