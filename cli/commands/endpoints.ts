/**
 * `icp-guard endpoints <files…>`: the endpoint catalog — every public (and intranet) endpoint
 * address and hostname that stack exports, previews, Terraform plans and states hold, with its
 * product, region, whether it hosts sites on Alibaba Cloud (接入 needs) and where it came from —
 * as JSON for the `icp-endpoint-catalog` policy config, so DNS kept in another stack or root
 * module is judged against the endpoints it points at.
 */
import * as fs from "fs";
import * as path from "path";
import { Command, Option } from "commander";
import { catalogEntriesOf } from "../../lib/graph/catalog";
import { NO_MAINLAND_ENDPOINTS } from "../../lib/graph/endpoints";
import { CatalogDocument, catalogDocument, CatalogEntry, CatalogError } from "../../lib/model/endpoint-catalog";
import { regionEnvironmentFrom } from "../../lib/model/region";
import { CatalogInput, catalogInputOfExport, readCatalogInputs } from "../../lib/inputs/catalog-sources";
import { InputFileError } from "../../lib/inputs/pulumi-file";
import { RegionEnvironment } from "../../lib/model/region";
import * as cloud from "../../lib/inputs/pulumi-cloud";
import { CliContext, integer, UsageError } from "../context";
import { packVersion } from "../package-info";

export interface EndpointsOptions {
    readonly output?: string;
    readonly pulumiOrg?: string;
    readonly project?: string;
    readonly stack?: string;
    readonly concurrency: number;
    readonly retries: number;
    readonly timeout: number;
    readonly retryDelay: number;
}

/** The catalog of these sources; throws UsageError naming every address two sources disagree about. */
export function buildCatalog(sources: readonly CatalogInput[], now: Date): { document: CatalogDocument; secretsLeftOut: number } {
    const entries: CatalogEntry[] = [];
    let secretsLeftOut = 0;
    for (const input of sources) {
        const built = catalogEntriesOf(input.stack, input.regions, NO_MAINLAND_ENDPOINTS, input.source);
        for (const entry of built.entries) entries.push(entry);
        secretsLeftOut += built.secretsLeftOut;
    }
    try {
        return { document: catalogDocument(entries, now, packVersion()), secretsLeftOut };
    } catch (error) {
        if (!(error instanceof CatalogError)) throw error;
        const lines = error.problems.map((p) => `  - ${p.message}`);
        throw new UsageError(
            `the sources disagree about ${error.problems.length === 1 ? "1 address" : `${error.problems.length} addresses`}, so no catalog was written (the gate would refuse it). Leave out the source that is out of date, or bring it up to date (\`pulumi refresh\`, \`terraform apply -refresh-only\`):\n${lines.join("\n")}`,
        );
    }
}

/** One line on stderr: how many endpoints of which kind, from how many sources. */
export function catalogSummary(document: CatalogDocument, sources: number, secretsLeftOut: number): string {
    const count = (test: (entry: CatalogEntry) => boolean) => document.endpoints.filter(test).length;
    const parts = [
        `${count((e) => e.network === "public" && e.location === "mainland")} public in the Chinese mainland`,
        `${count((e) => e.network === "public" && e.location === "outside")} public outside it`,
        `${count((e) => e.network === "public" && e.location === "undecidable")} undecidable`,
        `${count((e) => e.network === "intranet")} intranet`,
    ];
    const secrets = secretsLeftOut > 0 ? `; ${secretsLeftOut} secret value(s) left out` : "";
    return `icp-guard endpoints: ${document.endpoints.length} endpoint address(es) (${parts.join(", ")}) from ${sources} source(s)${secrets}\n`;
}

/** Writes the catalog to --output or stdout. */
export function writeCatalog(context: CliContext, document: CatalogDocument, output: string | undefined): void {
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (!output) {
        context.out(text);
        return;
    }
    const target = path.resolve(context.cwd, output);
    try {
        fs.writeFileSync(target, text);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT") throw new UsageError(`--output ${output}: the directory ${path.dirname(target)} does not exist; create it first`);
        throw new UsageError(`--output ${output}: cannot write (${(error as Error).message})`);
    }
}

/** Every stack of a Pulumi Cloud organization, exported through the REST API, as catalog sources. */
async function pulumiCloudSources(context: CliContext, options: EndpointsOptions, environment: RegionEnvironment): Promise<CatalogInput[]> {
    const organization = options.pulumiOrg ?? "";
    const token = context.env[cloud.PULUMI_TOKEN_VARIABLE];
    if (token === undefined || token.trim() === "") {
        throw new UsageError(
            `--pulumi-org ${organization} reads Pulumi Cloud's REST API, which needs an access token in $${cloud.PULUMI_TOKEN_VARIABLE} ` +
                "(create one at https://app.pulumi.com/account/tokens; in CI, an organization or team token with read access to the stacks)",
        );
    }
    const progress = (line: string) => context.err(`icp-guard endpoints: ${line}\n`);
    try {
        const base = cloud.apiBaseUrl(context.env);
        const client = new cloud.PulumiCloudClient({
            backendUrl: base.toString(),
            token: token.trim(),
            organization,
            ...(options.project !== undefined ? { project: options.project } : {}),
            ...(options.stack !== undefined ? { stack: options.stack } : {}),
            concurrency: options.concurrency,
            retries: options.retries,
            backoffMs: options.retryDelay,
            timeoutMs: options.timeout,
            userAgent: `icp-guard/${packVersion()}`,
            onProgress: progress,
        });
        progress(`listing the stacks of ${organization} at ${base.origin}`);
        const { exports } = await client.exportAll();
        const sources: CatalogInput[] = [];
        const problems: string[] = [];
        for (const exported of exports) {
            const lastUpdate = exported.summary.lastUpdate !== undefined ? new Date(exported.summary.lastUpdate * 1000).toISOString() : undefined;
            try {
                sources.push(catalogInputOfExport(exported.text, exported.name, environment, lastUpdate));
            } catch (error) {
                if (!(error instanceof InputFileError)) throw error;
                problems.push(error.message);
            }
        }
        if (problems.length > 0) throw new UsageError(`Pulumi Cloud's exports of ${problems.length} stack(s) could not be read:\n  ${problems.join("\n  ")}`);
        return sources;
    } catch (error) {
        if (error instanceof cloud.PulumiCloudError) throw new UsageError(error.message);
        throw error;
    }
}

export async function runEndpoints(context: CliContext, files: readonly string[], options: EndpointsOptions): Promise<void> {
    if (options.pulumiOrg === undefined && (options.project !== undefined || options.stack !== undefined)) throw new UsageError("endpoints: --project and --stack narrow --pulumi-org; give the organization too");
    if (files.length === 0 && options.pulumiOrg === undefined) throw new UsageError("endpoints: name the stack exports, previews or Terraform plans/states to catalogue, or a Pulumi Cloud organization with --pulumi-org");
    const environment = regionEnvironmentFrom(context.env);
    const sources = files.length > 0 ? await readCatalogInputs(files, { cwd: context.cwd, readStdin: context.io.readStdin }, environment) : [];
    if (options.pulumiOrg !== undefined) sources.push(...(await pulumiCloudSources(context, options, environment)));
    const { document, secretsLeftOut } = buildCatalog(sources, new Date());
    writeCatalog(context, document, options.output);
    context.err(catalogSummary(document, sources.length, secretsLeftOut));
}

export function registerEndpoints(program: Command, context: CliContext): void {
    program
        .command("endpoints")
        .summary("catalogue the endpoints that stacks and root modules hold, for the icp-endpoint-catalog policy config")
        .description(
            "Writes the endpoint catalog (JSON, schemas/icp-guard-endpoints.schema.json): every address and hostname of an endpoint " +
                "(EIP, ECS public IP, SLB/ALB/NLB addresses and DNS names, GA, OSS/CDN hostnames…) in `pulumi stack export` files, " +
                "`pulumi preview --json` output and Terraform plan/state JSON, with its product, region, public or intranet, whether a site it " +
                "hosts needs its filing accessed at Alibaba Cloud (接入阿里云), and the stack or file, URN or address it came from and when that was written. " +
                "Give it to the gate as the value of `icp-endpoint-catalog` in the policy config, so a DNS-only stack is judged against endpoints that live in other stacks.\n\n" +
                "--pulumi-org <org> adds every stack of a Pulumi Cloud organization (GET /api/user/stacks, then each stack's /export), with progress on stderr.\n\n" +
                "Exit codes: 0 written, 2 bad input or usage (including two sources that disagree about an address, and a token Pulumi Cloud refuses).",
        )
        .argument("[files...]", "stack exports, preview JSON, Terraform plan or state JSON; - for standard input")
        .option("--pulumi-org <org>", "also every stack of this Pulumi Cloud organization, exported through the REST API ($PULUMI_ACCESS_TOKEN; $PULUMI_BACKEND_URL, default https://api.pulumi.com)")
        .option("--project <glob>", "with --pulumi-org: only projects whose name matches (* and ?)")
        .option("--stack <glob>", "with --pulumi-org: only stacks whose name matches (* and ?)")
        .addOption(new Option("--concurrency <n>", "with --pulumi-org: exports in flight at once").argParser(integer(1, 16)).default(4))
        .addOption(new Option("--retries <n>", "with --pulumi-org: retries of a request answered 429/5xx, timed out or dropped, with exponential backoff").argParser(integer(0, 10)).default(4))
        .addOption(new Option("--timeout <ms>", "with --pulumi-org: timeout per request").argParser(integer(100, 600_000)).default(60_000))
        .addOption(new Option("--retry-delay <ms>", "first backoff (doubles per retry, honours Retry-After)").argParser(integer(0, 60_000)).default(1000).hideHelp())
        .option("--output <file>", "write the catalog to a file instead of stdout")
        .action((files: string[], options: EndpointsOptions) => runEndpoints(context, files, options));
}
