/**
 * The engine's requests, as `@pulumi/policy` hands them to a policy, turned into the plain views
 * the rules read (lib/model/resource.ts). No value is read through the SDK's unknown-checking
 * proxy, so an unknown never turns a policy into "can't run policy during preview".
 */
import type { PolicyResource } from "@pulumi/policy";
import { ResourceView, StackResourceView, StackView } from "../../model/resource";
import { asPropertyBag } from "../../model/values";
import { SecretIndex } from "./wire";

const NO_SECRETS: ReadonlySet<string> = new Set();

/** Minimal shape of `@pulumi/policy`'s ResourceValidationArgs / PolicyResource that we read. */
export interface SdkResourceLike {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly props: unknown;
    readonly opts?: { readonly additionalSecretOutputs?: readonly string[] };
    readonly provider?: { readonly urn: string; readonly type: string; readonly name: string; readonly props: unknown };
}

/**
 * Builds a view from SDK args without reading a single value through the SDK's unknown-checking
 * proxy. `secretProps` adds what the engine reported as secret on the wire.
 */
export function viewFromSdk(resource: SdkResourceLike, secretsOf: (urn: string) => ReadonlySet<string> = () => NO_SECRETS): ResourceView {
    const additional = resource.opts?.additionalSecretOutputs;
    let secrets = secretsOf(resource.urn);
    if (additional && additional.length > 0) secrets = new Set([...secrets, ...additional]);
    const provider = resource.provider
        ? {
              urn: resource.provider.urn,
              type: resource.provider.type,
              name: resource.provider.name,
              props: asPropertyBag(resource.provider.props),
              secretProps: secretsOf(resource.provider.urn),
          }
        : undefined;
    return { urn: resource.urn, type: resource.type, name: resource.name, props: asPropertyBag(resource.props), provider, secretProps: secrets };
}


/** Turns the SDK's stack resources into plain views, dependencies as URNs. */
export function stackViewFromSdk(resources: readonly PolicyResource[], secrets: SecretIndex): StackView {
    // One pass, one object per resource (no spread of an intermediate view): this runs for every
    // resource of the stack.
    const secretsOf = (urn: string) => secrets.forUrn(urn);
    const views: StackResourceView[] = new Array(resources.length);
    const byUrn = new Map<string, StackResourceView>();
    for (let i = 0; i < resources.length; i++) {
        const resource = resources[i];
        const propertyDependencies: Record<string, string[]> = {};
        const sdkDependencies = resource.propertyDependencies;
        if (sdkDependencies) {
            for (const property in sdkDependencies) {
                if (Object.prototype.hasOwnProperty.call(sdkDependencies, property)) propertyDependencies[property] = sdkDependencies[property].map((dependency) => dependency.urn);
            }
        }
        const own = viewFromSdk(resource, secretsOf);
        const view: StackResourceView = {
            urn: own.urn,
            type: own.type,
            name: own.name,
            props: own.props,
            provider: own.provider,
            secretProps: own.secretProps,
            parent: resource.parent?.urn,
            dependencies: (resource.dependencies ?? []).map((dependency) => dependency.urn),
            propertyDependencies,
        };
        views[i] = view;
        byUrn.set(view.urn, view);
    }
    return { resources: views, byUrn };
}

