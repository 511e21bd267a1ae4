/**
 * Stands in for the npm registry, not for npm: `npm ci` in a directory whose package-lock.json is
 * this repository's own gets the tree that lockfile already installed here (node_modules linked,
 * no download); every other npm command, and `npm ci` of any other lockfile, runs the real npm
 * ($ICP_GUARD_TEST_REAL_NPM) with the same arguments.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const args = process.argv.slice(2);
const repository = process.env["ICP_GUARD_TEST_REPOSITORY"] ?? "";
const lockfile = (dir: string) => {
    try {
        return fs.readFileSync(path.join(dir, "package-lock.json"), "utf8");
    } catch {
        return undefined;
    }
};
if (args[0] === "ci" && repository !== "" && lockfile(process.cwd()) !== undefined && lockfile(process.cwd()) === lockfile(repository)) {
    fs.rmSync(path.join(process.cwd(), "node_modules"), { recursive: true, force: true });
    fs.symlinkSync(fs.realpathSync(path.join(repository, "node_modules")), path.join(process.cwd(), "node_modules"), "dir");
    process.stdout.write("added the packages of package-lock.json (stand-in for the registry download)\n");
    process.exit(0);
}
const real = spawnSync(process.env["ICP_GUARD_TEST_REAL_NPM"] ?? "npm", args, { stdio: "inherit" });
process.exit(real.status ?? 1);
