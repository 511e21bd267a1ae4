/**
 * Loads a preview fixture (examples/sample-stack/stack.json): resources with inputs, outputs,
 * provider and property dependencies, written by name, with "$unknown" for values not known until
 * apply. Produces what the engine sends: Analyze requests (inputs) and AnalyzeStack resources
 * (outputs = inputs carried over plus computed values, as in a preview).
 */
import * as fs from "fs";
import { ResourceInput, ProviderInput } from "./engine-client";
import { UNKNOWN } from "../lib/values";

interface FixtureResource {
    readonly type: string;
    readonly name: string;
    readonly provider?: string;
    readonly parent?: string;
    readonly inputs?: Record<string, unknown>;
    readonly outputs?: Record<string, unknown>;
    readonly propertyDependencies?: Record<string, string[]>;
}

export interface Fixture {
    readonly description: string;
    readonly project: string;
    readonly stack: string;
    readonly resources: readonly FixtureResource[];
}

export interface LoadedStack {
    readonly fixture: Fixture;
    /** One Analyze request per resource, in registration order (providers included). */
    readonly analyzeRequests: readonly ResourceInput[];
    /** The AnalyzeStack resources. */
    readonly stackResources: readonly ResourceInput[];
}

function replaceUnknowns(value: unknown): unknown {
    if (value === "$unknown") return UNKNOWN;
    if (Array.isArray(value)) return value.map(replaceUnknowns);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceUnknowns(v)]));
    return value;
}

export function loadFixture(file: string): LoadedStack {
    const fixture = JSON.parse(fs.readFileSync(file, "utf8")) as Fixture;
    const urnOf = (type: string, name: string) => `urn:pulumi:${fixture.stack}::${fixture.project}::${type}::${name}`;
    const byName = new Map(fixture.resources.map((r) => [r.name, r]));
    const urnByName = (name: string) => {
        const target = byName.get(name);
        if (!target) throw new Error(`${file}: unknown resource name "${name}"`);
        return urnOf(target.type, target.name);
    };
    const providers = new Map<string, ProviderInput>();
    for (const r of fixture.resources) {
        if (r.type.startsWith("pulumi:providers:")) {
            providers.set(r.name, { urn: urnOf(r.type, r.name), type: r.type, name: r.name, props: replaceUnknowns(r.inputs ?? {}) as Record<string, unknown> });
        }
    }
    const analyzeRequests: ResourceInput[] = [];
    const stackResources: ResourceInput[] = [];
    for (const r of fixture.resources) {
        const provider = r.provider ? providers.get(r.provider) : undefined;
        if (r.provider && !provider) throw new Error(`${file}: ${r.name} names unknown provider "${r.provider}"`);
        const inputs = replaceUnknowns(r.inputs ?? {}) as Record<string, unknown>;
        const outputs = { ...inputs, ...(replaceUnknowns(r.outputs ?? {}) as Record<string, unknown>) };
        const propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, names]) => [k, names.map(urnByName)]));
        const dependencies = [...new Set(Object.values(propertyDependencies).flat())];
        const base = { urn: urnOf(r.type, r.name), type: r.type, name: r.name, provider, parent: r.parent ? urnByName(r.parent) : undefined };
        analyzeRequests.push({ ...base, props: inputs });
        stackResources.push({ ...base, props: outputs, dependencies, propertyDependencies });
    }
    return { fixture, analyzeRequests, stackResources };
}
