/**
 * Where a finding points in the user's repository, and how a resource is named to people: shared
 * by every report format so SARIF, GitHub annotations and Markdown agree.
 */
import * as path from "path";
import { Named, namingOf } from "../model/naming";
import { fromFile, SourcePosition } from "../model/resource";

/** What a report needs to know about a resource (any front end fills it, with its naming). */
export interface ReportedResource extends Named {
    readonly type: string;
    readonly name: string;
    /** How the front end names the resource (a Terraform address); shown instead of type and name. */
    readonly address?: string;
    readonly sourcePosition?: SourcePosition;
    /** The input it came from, where inputs of several roots name resources alike. */
    readonly inputFile?: string;
}

export interface Located {
    /** Path relative to the repository root (forward slashes), or the fallback file. */
    readonly uri: string;
    readonly line: number;
    readonly column?: number;
    /** True when the position came from the resource's own source position. */
    readonly fromSource: boolean;
}

/** `infra` + `index.ts` → `infra/index.ts`; positions are relative to the Pulumi project's root. */
export function repositoryPath(sourceRoot: string | undefined, file: string): string {
    const forward = file.replace(/\\/g, "/");
    const joined = sourceRoot ? path.posix.join(sourceRoot.replace(/\\/g, "/"), forward) : path.posix.normalize(forward);
    return joined.replace(/^\.\//, "");
}

export function locate(resource: ReportedResource | undefined, fallback: string, sourceRoot: string | undefined): Located {
    const position = resource?.sourcePosition;
    if (!position) return { uri: fallback, line: 1, fromSource: false };
    return {
        uri: repositoryPath(sourceRoot, position.file),
        line: Math.max(1, position.line),
        ...(position.column !== undefined && position.column >= 1 ? { column: position.column } : {}),
        fromSource: true,
    };
}

/** `cdn.DomainNew: static`, or the front end's address when it has one; `stack` for stack-wide findings. */
export function resourceLabel(resource: ReportedResource | undefined, urn: string): string {
    if (urn === "") return "stack";
    if (!resource) return urn;
    const name = resource.address ?? `${resource.type}: ${resource.name}`;
    return resource.inputFile !== undefined ? `${name} ${fromFile(resource.inputFile)}` : name;
}

/** A short label for diagrams. */
export function shortLabel(resource: ReportedResource | undefined, urn: string): string {
    if (!resource) return urn === "" ? "stack" : urn;
    const name = resource.address ?? `${namingOf(resource).type(resource.type)} ${resource.name}`;
    return resource.inputFile !== undefined ? `${name} ${fromFile(resource.inputFile)}` : name;
}
