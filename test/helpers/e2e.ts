/**
 * What every end-to-end spec shares: the pack directory the engine is pointed at, an environment
 * with no region or registry leaking in from the machine, and temporary files for registries and
 * configs. (Spec files cannot import each other: importing a spec registers its suites twice.)
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AnalyzerInfo, PackProcess } from "../../tools/engine-client";

/** bin/test/helpers → the package root, as `run-policy-pack <engine> <packDir>` is given it. */
export const PACK_DIR = path.resolve(__dirname, "..", "..", "..");

/** Unsets what would otherwise decide regions or the registry from the machine running the tests. */
export const CLEAN_ENV = { PULUMI_CONFIG: undefined, ALICLOUD_REGION: undefined, ALIBABA_CLOUD_REGION: undefined, ICP_GUARD_FILINGS: undefined };

/** Writes `text` to `name` in a fresh temporary directory and returns the file's path. */
export function writeTempFile(name: string, text: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "icp-guard-e2e-")), name);
    fs.writeFileSync(file, text);
    return file;
}

/** Diagnostics as sorted `[resource name, policy, level]` rows, for comparing whole verdicts. */
export function diagnosticRows(diagnostics: readonly { readonly urn: string; readonly policyName: string; readonly enforcementLevel: string }[]): string[][] {
    return diagnostics.map((d) => [d.urn.split("::").pop() ?? "", d.policyName, d.enforcementLevel]).sort((a, b) => String(a).localeCompare(String(b)));
}

/**
 * Starts the pack as the engine does for a preview: the launcher, ConfigureStack (dry run), then
 * GetAnalyzerInfo, whose answer Configure needs. The caller closes the pack.
 */
export async function startedForPreview(env: Record<string, string | undefined>, stack: { stack?: string; project?: string } = {}): Promise<{ pack: PackProcess; info: AnalyzerInfo }> {
    const pack = await PackProcess.start(PACK_DIR, { env: { ...CLEAN_ENV, ...env } });
    await pack.configureStack({ dryRun: true, ...stack });
    return { pack, info: await pack.getAnalyzerInfo() };
}
