import * as fs from "fs";
import * as path from "path";

/** The package's version, from package.json beside bin/ (the same file npm installs). */
export function packVersion(): string {
    try {
        return (JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8")) as { version: string }).version;
    } catch {
        return "0.0.0";
    }
}

/** The pack's own directory (bin/cli/ → the package root), where a published pack keeps its registry. */
export const PACK_DIR = path.resolve(__dirname, "..", "..");
