/**
 * `icp-guard rules`: every rule the pack runs, with its code, id, default level, severity and
 * docs link — what `checkov --list` or `tfsec --print-rules` give, as text or JSON.
 */
import { Command, Option } from "commander";
import { POLICIES } from "../../policies";
import { CliContext } from "../context";

const RULE_FORMATS = ["text", "json"] as const;

interface RulesOptions {
    readonly format: (typeof RULE_FORMATS)[number];
}

export function runRules(context: CliContext, options: RulesOptions): void {
    const rules = POLICIES.map((p) => ({ code: p.code, id: p.id, defaultLevel: p.defaultLevel, severity: p.severity, title: p.title, url: p.url }));
    if (options.format === "json") {
        context.out(`${JSON.stringify({ rules }, null, 2)}\n`);
        return;
    }
    const header = { code: "CODE", id: "ID", defaultLevel: "LEVEL", severity: "SEVERITY" };
    const width = (key: keyof typeof header) => Math.max(header[key].length, ...rules.map((r) => r[key].length));
    const row = (r: { code: string; id: string; defaultLevel: string; severity: string }, tail: string) =>
        `${r.code.padEnd(width("code"))}  ${r.id.padEnd(width("id"))}  ${r.defaultLevel.padEnd(width("defaultLevel"))}  ${r.severity.padEnd(width("severity"))}  ${tail}`.trimEnd();
    const lines = [row(header, "TITLE / DOCS"), ...rules.flatMap((r) => [row(r, r.title), `${" ".repeat(width("code") + width("id") + width("defaultLevel") + width("severity") + 8)}${r.url}`])];
    context.out(`${lines.join("\n")}\n\n${rules.length} rules. Levels can be changed with --config (the --policy-pack-config format).\n`);
}

export function registerRules(program: Command, context: CliContext): void {
    program
        .command("rules")
        .summary("list every rule with its code, id, default level, severity and docs link")
        .description("Lists every icp-guard rule: code, id, default enforcement level, severity, title and documentation link.")
        .addOption(new Option("--format <format>", "output format").choices(RULE_FORMATS).default("text"))
        .action((options: RulesOptions) => runRules(context, options));
}
