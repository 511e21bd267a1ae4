/**
 * `icp-guard endpoints <files…>`: the endpoint catalog — every public (and intranet) endpoint
 * address and hostname that stack exports, previews, Terraform plans and states hold, with its
 * product, region, whether it hosts sites on Alibaba Cloud (接入 needs) and where it came from —
 * as JSON for the `icp-endpoint-catalog` policy config, so DNS kept in another stack or root
 * module is judged against the endpoints it points at.
 */
import * as fs from "fs";
import * as path from "path";
import { Command } from "commander";
import { catalogEntriesOf } from "../../lib/graph/catalog";
import { NO_MAINLAND_ENDPOINTS } from "../../lib/graph/endpoints";
import { CatalogDocument, catalogDocument, CatalogEntry, CatalogError } from "../../lib/model/endpoint-catalog";
import { regionEnvironmentFrom } from "../../lib/model/region";
import { CatalogInput, readCatalogInputs } from "../../lib/inputs/catalog-sources";
import { CliContext, UsageError } from "../context";
import { packVersion } from "../package-info";

export interface EndpointsOptions {
    readonly output?: string;
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

export async function runEndpoints(context: CliContext, files: readonly string[], options: EndpointsOptions): Promise<void> {
    if (files.length === 0) throw new UsageError("endpoints: name the stack exports, previews or Terraform plans/states to catalogue");
    const sources = await readCatalogInputs(files, { cwd: context.cwd, readStdin: context.io.readStdin }, regionEnvironmentFrom(context.env));
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
                "Exit codes: 0 written, 2 bad input or usage (including two sources that disagree about an address).",
        )
        .argument("<files...>", "stack exports, preview JSON, Terraform plan or state JSON; - for standard input")
        .option("--output <file>", "write the catalog to a file instead of stdout")
        .action((files: string[], options: EndpointsOptions) => runEndpoints(context, files, options));
}
