/**
 * Real public Pulumi programs that nobody on this project wrote (test/corpus/pulumi-programs/, each
 * copied unchanged with its provenance and licence in corpus.json and PROVENANCE.md): each is
 * type-checked against the installed @pulumi/pulumi and @pulumi/alicloud, run under the recording
 * mock runtime (tools/record-program.ts), sent to the real pack over gRPC as the engine would send
 * it, and read by `icp-guard check` from the recorded preview. Both must give exactly the verdict
 * corpus.json states for it — and never crash.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { recordProgram, REPO_DIR, runRecording } from "../../tools/examples";
import { isCantRunDiagnostic } from "../../tools/engine-client";
import { main } from "../../cli/icp-guard";
import { CLEAN_ENV, writeTempFile } from "../helpers/e2e";

const CORPUS_DIR = path.join(REPO_DIR, "test", "corpus", "pulumi-programs");
const OUT_DIR = path.join(REPO_DIR, "bin", "corpus", "pulumi-programs");

interface CorpusProgram {
    readonly name: string;
    /** The program's directory, when the entry runs another entry's program under another stack config. */
    readonly program?: string;
    readonly source: { readonly where: string; readonly path: string; readonly revision: string; readonly licence: string };
    /** The stack config it is run with (the program's own Pulumi.yaml default, or its test harness's). */
    readonly config: Readonly<Record<string, string>>;
    /** Where the stack config comes from when it is not the program's own. */
    readonly configFrom?: string;
    /** Why the verdict is what it is (the rule, with its source in ICP-RULES.md). */
    readonly because: string;
    readonly verdict: readonly Row[];
    /** Patterns every one of which some finding's message must match, from the pack and from check. */
    readonly messages?: readonly string[];
}
interface Row {
    readonly level: string;
    readonly policy: string;
    readonly resource: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, "corpus.json"), "utf8")) as { programs: CorpusProgram[] };
const directoryOf = (program: CorpusProgram) => program.program ?? program.name;
const sort = (rows: readonly Row[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe("e2e: a corpus of real public Pulumi programs", function () {
    this.timeout(300_000);
    // Nothing counts as filed: the corpus shows what the gate does for a team that has filed nothing yet.
    const registryFile = writeTempFile("icp-filings.yaml", "filings: []\n");

    before(() => {
        // One type-check for all programs, against the SDKs installed here, with the strictness of
        // Pulumi's TypeScript templates (strict, no unused-locals rule: docs examples declare unused consts).
        const files = [...new Set(manifest.programs.map(directoryOf))].map((directory) => path.join(CORPUS_DIR, directory, "index.ts"));
        const program = ts.createProgram(files, {
            target: ts.ScriptTarget.ES2020,
            module: ts.ModuleKind.CommonJS,
            strict: true,
            skipLibCheck: true,
            esModuleInterop: true,
            types: [],
            rootDir: CORPUS_DIR,
            outDir: OUT_DIR,
        });
        const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        assert.deepStrictEqual(diagnostics, [], "every corpus program compiles against the installed SDKs");
        program.emit();
    });

    it("has provenance and a licence for every program, and a program for every entry", () => {
        const provenance = fs.readFileSync(path.join(CORPUS_DIR, "PROVENANCE.md"), "utf8");
        assert.ok(manifest.programs.length >= 5);
        for (const program of manifest.programs) {
            assert.ok(fs.existsSync(path.join(CORPUS_DIR, directoryOf(program), "index.ts")), program.name);
            assert.ok(program.source.where && program.source.path && program.source.revision && program.source.licence, program.name);
            assert.ok(program.because, `${program.name} says why its verdict is what it is`);
            assert.ok(provenance.includes(program.name), `${program.name} in PROVENANCE.md`);
            // A stack config not taken from the program's source says so.
            if (program.program !== undefined) assert.ok(program.configFrom, `${program.name} says where its stack config comes from`);
        }
        assert.ok(manifest.programs.some((p) => p.verdict.some((row) => row.level === "mandatory")), "at least one program is blocked");
    });

    for (const program of manifest.programs) {
        it(`${program.name}: the pack and check give exactly the stated verdict`, async () => {
            const recording = recordProgram(path.join(OUT_DIR, directoryOf(program), "index.js"), directoryOf(program), program.config);
            const findings = await runRecording(recording, directoryOf(program), program.config, registryFile);
            assert.ok(!findings.some((f) => isCantRunDiagnostic(f.diagnostic)));
            const fromPack = findings.map((f) => ({ level: f.diagnostic.enforcementLevel as string, policy: f.diagnostic.policyName, resource: f.resource }));
            assert.deepStrictEqual(sort(fromPack), sort(program.verdict), findings.map((f) => f.diagnostic.message).join("\n---\n"));
            for (const pattern of program.messages ?? []) {
                assert.ok(findings.some((f) => new RegExp(pattern).test(f.diagnostic.message)), `the pack: no finding matches /${pattern}/`);
            }

            const preview = writeTempFile("preview.json", JSON.stringify(recording));
            const result = await main(["check", preview, "--filings", registryFile, "--format", "json"], { ...process.env, ...CLEAN_ENV });
            assert.ok(result.code === 0 || result.code === 1, result.stderr);
            const report = JSON.parse(result.stdout) as { findings: { level: string; policy: string; name?: string; message: string }[] };
            const fromCheck = report.findings.map((f) => ({ level: f.level, policy: f.policy, resource: f.name ?? "(stack)" }));
            assert.deepStrictEqual(sort(fromCheck), sort(program.verdict), "icp-guard check over the recorded preview");
            for (const pattern of program.messages ?? []) {
                assert.ok(report.findings.some((f) => new RegExp(pattern).test(f.message)), `check: no finding matches /${pattern}/`);
            }
        });
    }
});
