#!/usr/bin/env node
/**
 * The `icp-guard` command line: the pack's rules over files a CI job has at hand. Subcommands live
 * in cli/commands/, one file each; this file wires them into one program (commander) and turns
 * every failure into one line on stderr and the documented exit code.
 *
 * Exit codes: 0 nothing mandatory found, 1 something mandatory found, 2 bad input or usage.
 */
import { Command, CommanderError } from "commander";
import { InputFileError } from "../lib/inputs/pulumi-file";
import { RegistryError } from "../lib/model/registry";
import { CliContext, CliIo, CliResult, UsageError } from "./context";
import { registerCheck } from "./commands/check";
import { registerRules } from "./commands/rules";
import { registerDomains } from "./commands/domains";
import { registerRegistry } from "./commands/registry";
import { registerEndpoints } from "./commands/endpoints";
import { packVersion } from "./package-info";

export type { CliResult } from "./context";

function program(context: CliContext): Command {
    const root = new Command("icp-guard")
        .description("ICP filing guard for Alibaba Cloud: the icp-guard policy pack's rules on the command line.")
        .version(packVersion(), "-V, --version", "print the version")
        .helpCommand("help [command]", "show help for a command")
        .showSuggestionAfterError(true)
        .exitOverride()
        .configureOutput({
            writeOut: (text) => context.out(text),
            writeErr: (text) => context.err(text),
            outputError: (text, write) => write(`icp-guard: ${text.replace(/^error: /, "")}`),
        });
    registerCheck(root, context);
    registerRules(root, context);
    registerDomains(root, context);
    registerRegistry(root, context);
    registerEndpoints(root, context);
    for (const command of root.commands) {
        command.exitOverride().configureOutput({
            writeOut: (text) => context.out(text),
            writeErr: (text) => context.err(text),
            outputError: (text, write) => write(`icp-guard ${command.name()}: ${text.replace(/^error: /, "")}`),
        });
    }
    return root;
}

/** Runs the command line on `argv` (without node and the script) and returns what it printed. */
export async function main(argv: readonly string[], io: CliIo | NodeJS.ProcessEnv = process.env): Promise<CliResult> {
    const context = new CliContext("env" in io && typeof io.env === "object" ? (io as CliIo) : { env: io as NodeJS.ProcessEnv });
    try {
        if (argv.length === 0) {
            program(context).outputHelp();
            return { ...context.result(), code: 2 };
        }
        await program(context).parseAsync([...argv], { from: "user" });
    } catch (error) {
        if (error instanceof CommanderError) context.code = error.exitCode === 0 ? 0 : 2;
        else if (error instanceof UsageError || error instanceof InputFileError) {
            // Messages from the layers below may carry the prefix already: never print it twice.
            context.err(`icp-guard: ${error.message.replace(/^icp-guard(?: [a-z]+)?: /, "")}\n`);
            context.code = 2;
        } else if (error instanceof RegistryError) {
            context.err(`${error.message}\n`);
            context.code = 2;
        } else {
            context.err(`icp-guard: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
            context.code = 2;
        }
    }
    return context.result();
}

if (require.main === module) {
    const io: CliIo = {
        env: process.env,
        isTTY: process.stdout.isTTY === true,
        readStdin: async () => {
            const chunks: Buffer[] = [];
            for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
            return Buffer.concat(chunks).toString("utf8");
        },
    };
    void main(process.argv.slice(2), io).then((result) => {
        process.stdout.write(result.stdout);
        process.stderr.write(result.stderr);
        process.exitCode = result.code;
    });
}
