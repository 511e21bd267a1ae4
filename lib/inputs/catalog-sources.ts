/**
 * The sources of an endpoint catalog built from files (`icp-guard endpoints <files…>`): each
 * input read by the front end that recognises it (lib/inputs/load.ts parseInput: stack exports,
 * previews, Terraform plans and states), one source per root — a Pulumi stack, a Terraform root
 * module and workspace, grouped as `check` groups them (groupRoots: a stack's export and preview, a
 * state and the plan over it, merged planned over current) — each with the time it was written.
 */
import * as fs from "fs";
import * as path from "path";
import { CatalogSource } from "../model/endpoint-catalog";
import { RegionEnvironment } from "../model/region";
import { StackView } from "../model/resource";
import { groupRoots, InputIo, mergeInputs, parseInput, readText, STDIN_NAME } from "./load";
import { buildViews, InputFileError, ParsedInput } from "./pulumi-file";

export interface CatalogInput {
    readonly source: CatalogSource;
    readonly stack: StackView;
    readonly regions: RegionEnvironment;
}

/** `dev::shop` (a URN's stack and project) → `shop/dev`, as Pulumi names a stack in a project. */
const showStack = (stackAndProject: string): string => {
    const [stack, project] = stackAndProject.split("::");
    return `${project}/${stack}`;
};

/** The file's modification time, when the input does not say when it was written. */
function modifiedAt(file: string, cwd: string): string | undefined {
    if (file === STDIN_NAME) return undefined;
    try {
        return fs.statSync(path.resolve(cwd, file)).mtime.toISOString();
    } catch {
        return undefined;
    }
}

const latest = (times: readonly (string | undefined)[]): string | undefined =>
    times.filter((t): t is string => t !== undefined && !Number.isNaN(Date.parse(t))).sort((a, b) => Date.parse(a) - Date.parse(b)).pop();

/** One Pulumi stack's export (from Pulumi Cloud) as a catalog source named `org/project/stack`. */
export function catalogInputOfExport(text: string, stack: string, environment: RegionEnvironment, lastUpdate?: string): CatalogInput {
    const input = parseInput(text, stack);
    const writtenAt = input.writtenAt ?? lastUpdate;
    return { source: { stack, ...(writtenAt ? { writtenAt } : {}) }, stack: buildViews(input.records).stack, regions: { ...environment, stackConfigRegion: undefined } };
}

/**
 * Reads the files and groups them into catalog sources. Throws InputFileError naming every file
 * that cannot be read or recognised.
 */
export async function readCatalogInputs(files: readonly string[], io: InputIo, environment: RegionEnvironment): Promise<CatalogInput[]> {
    if (files.filter((f) => f === "-").length > 1) throw new InputFileError("`-` (standard input) can be given only once");
    const problems: string[] = [];
    const parsed: { input: ParsedInput; writtenAt?: string }[] = [];
    for (const file of files) {
        try {
            const { name, text } = await readText(file, io);
            const input = parseInput(text, name);
            parsed.push({ input, writtenAt: input.writtenAt ?? modifiedAt(name, io.cwd) });
        } catch (error) {
            if (!(error instanceof InputFileError)) throw error;
            problems.push(error.message);
        }
    }
    if (problems.length > 0) throw new InputFileError(problems.join("\n  "));

    const writtenAtOf = new Map(parsed.map((item) => [item.input, item.writtenAt]));
    const sources: CatalogInput[] = [];
    for (const root of groupRoots(parsed.map((item) => item.input))) {
        const merged = mergeInputs(root.inputs);
        const writtenAt = latest(root.inputs.map((input) => writtenAtOf.get(input)));
        const terraform = root.inputs.some((input) => input.kind.startsWith("terraform"));
        const stack = root.inputs.find((input) => input.root?.family === "pulumi" && input.root.key !== undefined)?.root?.key;
        const region = merged.config["alicloud:region"];
        sources.push({
            source: { ...(stack !== undefined ? { stack: showStack(stack) } : {}), file: root.inputs.map((input) => input.file).join(", "), ...(writtenAt ? { writtenAt } : {}) },
            stack: buildViews(merged.records.values()).stack,
            // A Terraform provider reads no Pulumi stack config.
            regions: { ...environment, stackConfigRegion: !terraform && region ? region : undefined },
        });
    }
    return sources;
}
