#!/usr/bin/env node
/**
 * `icp-guard check <file>`: the pack's rules, in-process, over a `pulumi stack export` file or the
 * JSON of `pulumi preview --json`, for CI jobs and for state that exists already.
 *
 * Exit codes: 0 nothing mandatory found, 1 something mandatory found, 2 bad input or usage.
 */
import * as fs from "fs";
import * as path from "path";
import { POLICIES } from "../policies";
import { FORMATS, Format, render } from "../lib/formats";
import { PackConfig } from "../lib/pack";
import { emptyRegistry, loadRegistry, locateRegistry, RegistryError, REGISTRY_ENV_VAR } from "../lib/registry";
import { regionEnvironmentFrom } from "../lib/region";
import { runAll } from "../lib/runner";
import { InputFileError, parseInputFile } from "../lib/state-file";
import { WaiverBook } from "../lib/waivers";
import { ReceivedPolicyConfig } from "../lib/wire";

const USAGE = `Usage: icp-guard check <file> [options]

Checks a \`pulumi stack export\` file or the JSON of \`pulumi preview --json\` with the icp-guard
policies, in-process (no Pulumi CLI needed).

Options:
  --filings <file>   filing registry (default: $${REGISTRY_ENV_VAR}, else icp-filings.yaml/.json in the pack)
  --config <file>    policy config, in the format of --policy-pack-config
  --format <format>  ${FORMATS.join(" | ")} (default: text)
  --output <file>    write the report to a file instead of stdout
  --source <path>    file that SARIF/GitHub results point at (default: the checked file)
  -h, --help         show this help

Exit codes: 0 no mandatory finding, 1 mandatory findings, 2 bad input or usage.
`;

class UsageError extends Error {}

interface Options {
    file: string;
    filings?: string;
    config?: string;
    format: Format;
    output?: string;
    source?: string;
}

function parseArguments(argv: readonly string[]): Options | "help" {
    if (argv.includes("-h") || argv.includes("--help")) return "help";
    const [command, ...rest] = argv;
    if (command !== "check") throw new UsageError(command ? `unknown command "${command}"` : "missing command");
    const options: Partial<Options> = { format: "text" };
    for (let i = 0; i < rest.length; i++) {
        const argument = rest[i];
        const value = () => {
            const next = rest[++i];
            if (next === undefined || next.startsWith("--")) throw new UsageError(`${argument} needs a value`);
            return next;
        };
        switch (argument) {
            case "--filings":
                options.filings = value();
                break;
            case "--config":
                options.config = value();
                break;
            case "--output":
                options.output = value();
                break;
            case "--source":
                options.source = value();
                break;
            case "--format": {
                const format = value();
                if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}"; use one of ${FORMATS.join(", ")}`);
                options.format = format as Format;
                break;
            }
            default:
                if (argument.startsWith("-")) throw new UsageError(`unknown option ${argument}`);
                if (options.file) throw new UsageError(`only one file can be checked, got ${options.file} and ${argument}`);
                options.file = argument;
        }
    }
    if (!options.file) throw new UsageError("missing the file to check");
    return options as Options;
}

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"] as const;

/** Reads a --policy-pack-config file into what the engine would send in Configure. */
function readPolicyConfig(file: string | undefined): Map<string, ReceivedPolicyConfig> {
    const config = new Map<string, ReceivedPolicyConfig>();
    let raw: Record<string, unknown> = {};
    if (file) {
        try {
            const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
            if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("the top level must be an object");
            raw = parsed as Record<string, unknown>;
        } catch (error) {
            throw new UsageError(`cannot read the policy config ${file}: ${(error as Error).message}`);
        }
    }
    const levelOf = (entry: unknown, name: string): (typeof LEVELS)[number] | undefined => {
        const level = typeof entry === "string" ? entry : entry && typeof entry === "object" ? (entry as Record<string, unknown>)["enforcementLevel"] : undefined;
        if (level === undefined) return undefined;
        if (typeof level !== "string" || !(LEVELS as readonly string[]).includes(level)) throw new UsageError(`${file}: "${name}" has enforcement level ${JSON.stringify(level)}; use one of ${LEVELS.join(", ")}`);
        return level as (typeof LEVELS)[number];
    };
    const all = levelOf(raw["all"], "all");
    for (const name of Object.keys(raw)) {
        if (name !== "all" && name !== "environments" && !POLICIES.some((p) => p.id === name)) {
            throw new UsageError(`${file}: "${name}" is not an icp-guard policy`);
        }
    }
    for (const definition of POLICIES) {
        const entry = raw[definition.id];
        const { enforcementLevel: _level, ...properties } = entry && typeof entry === "object" ? (entry as Record<string, unknown>) : {};
        void _level;
        config.set(definition.id, { enforcementLevel: levelOf(entry, definition.id) ?? all ?? definition.defaultLevel, properties });
    }
    return config;
}

function packVersion(): string {
    try {
        return (JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8")) as { version: string }).version;
    } catch {
        return "0.0.0";
    }
}

export function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): { code: number; stdout: string; stderr: string } {
    try {
        const options = parseArguments(argv);
        if (options === "help") return { code: 0, stdout: USAGE, stderr: "" };
        let text: string;
        try {
            text = fs.readFileSync(options.file, "utf8");
        } catch (error) {
            throw new InputFileError(`cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
        }
        const input = parseInputFile(text, options.file);
        const registryFile = options.filings ? path.resolve(options.filings) : locateRegistry(env, path.resolve(__dirname, "..", ".."));
        if (options.filings && !fs.existsSync(registryFile!)) throw new UsageError(`--filings ${options.filings}: no such file`);
        const registry = registryFile ? loadRegistry(registryFile, { knownPolicies: POLICIES.map((p) => p.id) }) : emptyRegistry();
        const config = new PackConfig(POLICIES);
        config.receive(readPolicyConfig(options.config), { announce: false });
        try {
            config.check();
        } catch (error) {
            throw new UsageError((error as Error).message);
        }
        const regions = { ...regionEnvironmentFrom(env), ...(input.config["alicloud:region"] ? { stackConfigRegion: input.config["alicloud:region"] } : {}) };
        const findings = runAll(POLICIES, input.resources, input.stack, { registry, regions, config, waivers: new WaiverBook(registry.waivers) });
        const report = render(options.format, {
            findings,
            definitions: POLICIES,
            resources: new Map(input.resources.map((r) => [r.urn, { type: r.type, name: r.name }])),
            file: options.file,
            source: options.source ?? options.file,
            version: packVersion(),
        });
        const code = findings.some((f) => f.level === "mandatory") ? 1 : 0;
        if (options.output) {
            fs.writeFileSync(options.output, report);
            return { code, stdout: "", stderr: "" };
        }
        return { code, stdout: report, stderr: "" };
    } catch (error) {
        if (error instanceof UsageError) return { code: 2, stdout: "", stderr: `icp-guard: ${error.message}\n${error.message.startsWith("unknown command") || error.message.startsWith("missing") ? `\n${USAGE}` : ""}` };
        if (error instanceof InputFileError) return { code: 2, stdout: "", stderr: `icp-guard: ${error.message}\n` };
        if (error instanceof RegistryError) return { code: 2, stdout: "", stderr: `${error.message}\n` };
        return { code: 2, stdout: "", stderr: `icp-guard: unexpected error: ${error instanceof Error ? error.message : String(error)}\n` };
    }
}

if (require.main === module) {
    const result = main(process.argv.slice(2));
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.code;
}
