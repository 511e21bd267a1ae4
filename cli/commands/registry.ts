/**
 * `icp-guard registry verify`: asks Alibaba Cloud (CDN API CheckCdnDomainICP) whether each
 * registry domain really has an ICP filing, and with --stacks, whether domains the stacks serve
 * that the registry calls unfiled are in fact filed. The pack itself never calls out: this is a
 * separate command, and the gate stays offline and deterministic.
 *
 * Exit codes (VERIFY_EXIT): 0 verified, no contradiction; 1 a registry domain Alibaba Cloud says is
 * not filed; 2 bad input, missing or rejected credentials, or no network; 3 nothing could be
 * verified (no registry, no domain, or no domain Alibaba Cloud answered for).
 */
import { Command, Option } from "commander";
import { buildInventory } from "../../lib/kit/inventory";
import { registryName } from "../../lib/kit/explain";
import { showHost } from "../../lib/model/domain";
import { REGISTRY_ENV_VAR } from "../../lib/model/registry";
import { alibabaCdnChecker, parseEndpoint, VerifyFatalError } from "../../lib/verify/alibaba-cdn";
import { VerifyResult, VerifyTarget, verifyDomains } from "../../lib/verify/verify";
import { CliContext, integer, UsageError } from "../context";
import { readRegistry } from "../registry-options";
import { readInventoryInputs } from "./domains";

interface VerifyCommandOptions {
    readonly filings?: string;
    readonly config?: string;
    readonly stacks?: string[];
    readonly endpoint?: string;
    readonly concurrency: number;
    readonly rate: number;
    readonly retries: number;
    readonly timeout: number;
    readonly retryDelay: number;
    readonly format: "text" | "json";
}

/** The documented exit codes of `registry verify`. */
export const VERIFY_EXIT = { verified: 0, notFiled: 1, badInput: 2, nothingVerified: 3 } as const;

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

function targetsFrom(context: CliContext, options: VerifyCommandOptions): { targets: VerifyTarget[]; registryShown: string; found: boolean } {
    const { registry, config, notice, found } = readRegistry(context, options, "registry verify");
    context.err(notice);
    const targets: VerifyTarget[] = registry.entries.map((entry) => ({ domain: entry.domain, inRegistry: true, source: `filings[${entry.index}]` }));
    if (options.stacks && options.stacks.length > 0) {
        const inventory = buildInventory(readInventoryInputs(context, options.stacks), registry, config.shared);
        for (const domain of inventory) {
            if (domain.secret || domain.filing) continue;
            targets.push({ domain: domain.domain, inRegistry: false, source: `served by ${domain.bindings[0].resource}${domain.bindings.length > 1 ? ` and ${domain.bindings.length - 1} more` : ""}` });
        }
    }
    return { targets, registryShown: registryName(registry), found };
}

const LABEL: Record<VerifyResult["outcome"], string> = {
    confirmed: "confirmed",
    "not-filed": "NOT FILED",
    "filed-not-in-registry": "filed, missing from the registry",
    "unfiled-confirmed": "unfiled (agreed)",
    unchecked: "not checked",
};

function explain(result: VerifyResult): string {
    switch (result.outcome) {
        case "confirmed":
            return "Alibaba Cloud confirms an ICP filing (ICP备案)";
        case "not-filed":
            return "Alibaba Cloud has no ICP filing (ICP备案) for this domain, so the registry is wrong and the gate would let unfiled bindings through. Check the filing at https://beian.miit.gov.cn and correct or remove the entry";
        case "filed-not-in-registry":
            return "Alibaba Cloud reports an ICP filing, but the registry does not list it, so the gate blocks it. Add it to the registry with its ICP number and access providers (接入商) from the MIIT filing";
        case "unfiled-confirmed":
            return "Alibaba Cloud agrees there is no ICP filing";
        case "unchecked":
            switch (result.reason) {
                case "not-yours":
                    return `Alibaba Cloud only answers for domains of the calling account: "domain does not belong to you" (${result.detail ?? ""})`;
                case "throttled":
                    return `throttled by Alibaba Cloud after ${result.attempts} attempt(s) (${result.detail ?? ""}); run again later or lower --rate`;
                case "no-answer":
                    return `no answer within the timeout after ${result.attempts} attempt(s); run again or raise --timeout`;
                default:
                    return `Alibaba Cloud answered with an error: ${result.detail ?? "(none)"}`;
            }
    }
}

function render(format: "text" | "json", results: readonly VerifyResult[], registryShown: string, endpointShown: string): string {
    const counts = Object.fromEntries(Object.keys(LABEL).map((outcome) => [outcome, results.filter((r) => r.outcome === outcome).length])) as Record<VerifyResult["outcome"], number>;
    if (format === "json") {
        return `${JSON.stringify(
            {
                tool: "icp-guard",
                endpoint: endpointShown,
                registry: registryShown,
                summary: counts,
                results: results.map((r) => ({ domain: showHost(r.domain), ascii: r.domain, inRegistry: r.inRegistry, source: r.source, outcome: r.outcome, reason: r.reason ?? null, detail: r.detail ?? null, attempts: r.attempts })),
            },
            null,
            2,
        )}\n`;
    }
    const icon: Record<VerifyResult["outcome"], string> = { confirmed: "✅", "not-filed": "❌", "filed-not-in-registry": "➕", "unfiled-confirmed": "·", unchecked: "?" };
    const lines = [`Checked ${results.length} domain(s) of ${registryShown} with Alibaba Cloud's CheckCdnDomainICP (${endpointShown}):`];
    for (const result of results) lines.push(`  ${icon[result.outcome]} ${LABEL[result.outcome]}: ${showHost(result.domain)} (${result.source}): ${explain(result)}`);
    lines.push(
        "",
        `Summary: ${counts.confirmed} confirmed, ${counts["not-filed"]} not filed according to Alibaba Cloud, ${counts["filed-not-in-registry"]} filed but missing from the registry, ` +
            `${counts["unfiled-confirmed"]} unfiled (agreed), ${counts.unchecked} could not be checked.`,
    );
    if (counts.unchecked === results.length) lines.push(`Nothing was verified: Alibaba Cloud answered for none of the ${results.length} domain(s) (exit code ${VERIFY_EXIT.nothingVerified}).`);
    return `${lines.join("\n")}\n`;
}

export async function runRegistryVerify(context: CliContext, options: VerifyCommandOptions): Promise<void> {
    const { targets, registryShown, found } = targetsFrom(context, options);
    let endpointShown: string;
    try {
        endpointShown = parseEndpoint(options.endpoint).shown;
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    if (targets.length === 0) {
        // Nothing verified is no pass: a job that verifies nothing must not look like one that verified everything.
        const what = found ? `${registryShown} lists no domain${options.stacks ? ", and the stacks serve no unfiled domain from the mainland" : ""}` : "there is no filing registry";
        context.err(`icp-guard registry verify: nothing was verified: ${what} (exit code ${VERIFY_EXIT.nothingVerified}).\n`);
        context.code = VERIFY_EXIT.nothingVerified;
        return;
    }
    let results: VerifyResult[];
    const say = (text: string) => context.err(`icp-guard registry verify: ${text}\n`);
    try {
        const checker = await alibabaCdnChecker({ endpoint: options.endpoint, timeoutMs: options.timeout });
        say(
            `checking ${targets.length} domain(s) with CheckCdnDomainICP at ${endpointShown}: each request gives up after ${seconds(options.timeout)} (--timeout), ` +
                `a throttled or unanswered one is retried up to ${options.retries} time(s) (--retries)`,
        );
        results = await verifyDomains(targets, checker, {
            concurrency: options.concurrency,
            ratePerSecond: options.rate,
            retries: options.retries,
            backoffMs: options.retryDelay,
            onRetry: (target, attempt, answer, waitMs) => {
                const detail = "detail" in answer ? answer.detail : answer.kind;
                const why = answer.kind === "throttled" ? `throttled (${detail})` : detail === "no answer in time" ? `no answer within ${seconds(options.timeout)}` : detail;
                say(`${showHost(target.domain)}: ${why} on attempt ${attempt} of ${options.retries + 1}; retrying in ${seconds(waitMs)}`);
            },
            onProgress: (done, total, result) => say(`${done}/${total} ${showHost(result.domain)}: ${LABEL[result.outcome]}`),
        });
    } catch (error) {
        if (error instanceof VerifyFatalError) {
            context.err(`icp-guard registry verify: ${error.message}\n`);
            context.code = VERIFY_EXIT.badInput;
            return;
        }
        throw error;
    }
    context.out(render(options.format, results, registryShown, endpointShown));
    context.code = results.some((r) => r.outcome === "not-filed")
        ? VERIFY_EXIT.notFiled
        : results.every((r) => r.outcome === "unchecked")
          ? VERIFY_EXIT.nothingVerified
          : VERIFY_EXIT.verified;
}

export function registerRegistry(program: Command, context: CliContext): void {
    const registry = program.command("registry").summary("work with the filing registry").description("Commands for the filing registry (icp-filings.yaml, or icp-filing-registry in the policy config).");
    registry
        .command("verify")
        .summary("check the registry against Alibaba Cloud (CheckCdnDomainICP)")
        .description(
            "Asks Alibaba Cloud's CDN API (CheckCdnDomainICP) whether each registry domain really has an ICP filing (ICP备案); with --stacks, also whether " +
                "domains the stacks serve from the mainland that the registry calls unfiled are in fact filed. Credentials come from the standard chain: " +
                "ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET, a profile, or the ECS RAM role. The policy pack never calls out; only this command does.\n\n" +
                `The registry: --filings, else $${REGISTRY_ENV_VAR}, else icp-filings.yaml/.json in the current directory, else in the pack; merged with "icp-filing-registry" in the --config file. ` +
                "Progress, retries and timeouts are reported on stderr as they happen.\n\n" +
                "Exit codes: 0 verified, no contradiction; 1 a registry domain that Alibaba Cloud says is not filed; 2 bad input, missing or rejected credentials, or no network; " +
                "3 nothing could be verified (no registry, no domain, or every domain could not be checked).",
        )
        .option("--filings <file>", `filing registry (default: $${REGISTRY_ENV_VAR}, else icp-filings.yaml/.json in the current directory, else in the pack)`)
        .option("--config <file>", "policy config, in the format of --policy-pack-config (may carry icp-filing-registry)")
        .option("--stacks <files...>", "stack exports, preview JSON, or Terraform plan/state JSON: also check the domains they serve that the registry calls unfiled")
        .option("--endpoint <url>", "CDN API endpoint (default https://cdn.aliyuncs.com); http:// only for a local test server or proxy")
        .addOption(new Option("--concurrency <n>", "requests in flight at once").argParser(integer(1, 16)).default(4))
        .addOption(new Option("--rate <n>", "requests started per second at most, under the API's rate limit").argParser(integer(1, 100)).default(10))
        .addOption(new Option("--retries <n>", "retries of a throttled or unanswered request, with exponential backoff").argParser(integer(0, 10)).default(4))
        .addOption(new Option("--timeout <ms>", "connect and read timeout of each request, in milliseconds").argParser(integer(100, 120_000)).default(10_000))
        .addOption(new Option("--retry-delay <ms>", "first backoff (doubles per retry)").argParser(integer(0, 60_000)).default(1000).hideHelp())
        .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
        .action((options: VerifyCommandOptions) => runRegistryVerify(context, options));
    for (const command of [registry, ...registry.commands]) {
        command.exitOverride().configureOutput({
            writeOut: (text) => context.out(text),
            writeErr: (text) => context.err(text),
            outputError: (text, write) => write(`icp-guard registry${command === registry ? "" : ` ${command.name()}`}: ${text.replace(/^error: /, "")}`),
        });
    }
}
