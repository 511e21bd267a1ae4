/**
 * Kubernetes objects as icp-guard reads them, whichever front end carries them: `@pulumi/kubernetes`
 * resources (type `kubernetes:<apiVersion>:<Kind>`, core group as `core/v1`; custom resources
 * through `apiextensions.CustomResource` register the same way, pulumi/pulumi-kubernetes
 * `sdk/nodejs/apiextensions/customResource.ts`), rendered manifests read into the same tokens
 * (lib/inputs/kubernetes/manifests.ts), and Terraform's kubernetes provider.
 *
 * What publishes a host name (KUBERNETES-ON-ACK.md A.4):
 * - Ingress `spec.rules[].host`, and `spec.tls[].hosts` where a rule has no host (such a rule
 *   answers every name, so the TLS names are served);
 * - Gateway API `HTTPRoute` / `GRPCRoute` / `TLSRoute` `spec.hostnames`, `Gateway`
 *   `spec.listeners[].hostname`.
 * What decides whether it is public: the Ingress class (`spec.ingressClassName`, else the
 * `kubernetes.io/ingress.class` annotation, else the cluster's default IngressClass) → IngressClass
 * `spec.controller` and `spec.parameters` → an `AlbConfig`'s `spec.config.addressType`.
 *
 * Property names are checked against `@pulumi/kubernetes` 4.34.2's input types at compile time.
 */
import type { input as k8s } from "@pulumi/kubernetes/types";
import type { ProviderArgs } from "@pulumi/kubernetes/provider";
import { DomainRead } from "./bindings";
import { ResourceView } from "../model/resource";
import { classifyObject, classifyString, clip, PropertyBag, Read, readArray, readObject, readString } from "../model/values";

const field =
    <T>() =>
    <K extends keyof T & string>(name: K): K =>
        name;
const meta = field<k8s.meta.v1.ObjectMeta>();
const ingressSpec = field<k8s.networking.v1.IngressSpec>();
const ingressRule = field<k8s.networking.v1.IngressRule>();
const ingressTls = field<k8s.networking.v1.IngressTLS>();
const classSpec = field<k8s.networking.v1.IngressClassSpec>();
const classParameters = field<k8s.networking.v1.IngressClassParametersReference>();
export const providerInput = field<ProviderArgs>();

export const KUBERNETES_PROVIDER_TYPE = "pulumi:providers:kubernetes";

/** The ingress-class annotation older Ingresses use (networking.k8s.io: deprecated, still honoured by ALB and nginx). */
export const INGRESS_CLASS_ANNOTATION = "kubernetes.io/ingress.class";
/** An IngressClass that Ingresses without a class get (Kubernetes `ingressclass.kubernetes.io/is-default-class`). */
export const DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";
/** alibaba/alibaba-load-balancer-controller `pkg/controller/ingress/reconcile/store/common.go` ALBIngressController. */
export const ALB_CONTROLLER = "ingress.k8s.alibabacloud/alb";
/** kubernetes/ingress-nginx's controller name, which ACK's nginx-ingress-controller add-on registers. */
export const NGINX_CONTROLLER = "k8s.io/ingress-nginx";

export type KubernetesRole = "ingress" | "ingressClass" | "route" | "gateway" | "albConfig" | "kindUnknown";

/**
 * The type of a Terraform `kubernetes_manifest` whose kind is not known until apply (its manifest
 * is computed, e.g. decoded from a file rendered at apply): it may be any object, an Ingress or a
 * route among them, so it is read as an object whose host is unknown (lib/inputs/terraform/kubernetes.ts).
 */
export const KIND_UNKNOWN_TYPE = "kubernetes:icp-guard.unknown/v1:KindUnknownUntilApply";
/** How messages name such an object. */
export const KIND_UNKNOWN_LABEL = "Kubernetes object (kind not known until apply)";

/** `kubernetes:networking.k8s.io/v1:Ingress`: group, version and kind. */
export interface KubernetesKind {
    readonly group: string;
    readonly version: string;
    readonly kind: string;
    readonly role?: KubernetesRole;
}

const ROLES: Readonly<Record<string, KubernetesRole>> = {
    "networking.k8s.io/Ingress": "ingress",
    "networking.k8s.io/IngressPatch": "ingress",
    "extensions/Ingress": "ingress",
    "extensions/IngressPatch": "ingress",
    "networking.k8s.io/IngressClass": "ingressClass",
    "gateway.networking.k8s.io/HTTPRoute": "route",
    "gateway.networking.k8s.io/GRPCRoute": "route",
    "gateway.networking.k8s.io/TLSRoute": "route",
    "gateway.networking.k8s.io/Gateway": "gateway",
    "alibabacloud.com/AlbConfig": "albConfig",
    "icp-guard.unknown/KindUnknownUntilApply": "kindUnknown",
};

/** The roles whose objects carry host names. */
export const HOST_ROLES: ReadonlySet<KubernetesRole> = new Set(["ingress", "route", "gateway", "kindUnknown"]);

/** Kind names that publish host names in some API group (`Ingress`, `HTTPRoute`, `Gateway`, …). */
const HOST_KIND_NAMES: ReadonlySet<string> = new Set(
    Object.entries(ROLES)
        .filter(([, role]) => HOST_ROLES.has(role) && role !== "kindUnknown")
        .map(([groupKind]) => groupKind.slice(groupKind.indexOf("/") + 1)),
);

/** Whether an object of this kind may publish host names, whatever its API group. */
export const mayPublishHosts = (kind: string): boolean => HOST_KIND_NAMES.has(kind);

const kinds = new Map<string, KubernetesKind | undefined>();

/** Group, version, kind and role of a Kubernetes type token; undefined for any other type. */
export function kubernetesKind(type: string): KubernetesKind | undefined {
    if (!type.startsWith("kubernetes:")) return undefined;
    let found = kinds.get(type);
    if (found === undefined && !kinds.has(type)) {
        const match = /^kubernetes:([^:]+):([A-Za-z0-9]+)$/.exec(type);
        if (match) {
            const slash = match[1].lastIndexOf("/");
            const group = slash < 0 ? "" : match[1].slice(0, slash) === "core" ? "" : match[1].slice(0, slash);
            const version = match[1].slice(slash + 1);
            found = { group, version, kind: match[2], role: ROLES[`${group}/${match[2]}`] };
        }
        if (kinds.size < 10_000) kinds.set(type, found);
    }
    return found;
}

/** True for the types whose objects publish host names (their values may reach messages). */
export const isKubernetesHostType = (type: string): boolean => {
    const role = kubernetesKind(type)?.role;
    return role !== undefined && HOST_ROLES.has(role);
};

/** `apiVersion` + `kind` of a manifest → the Pulumi type token (`v1` is the core group, `core/v1`). */
export function kubernetesTypeToken(apiVersion: string, kind: string): string {
    return `kubernetes:${apiVersion.includes("/") ? apiVersion : `core/${apiVersion}`}:${kind}`;
}

/** An object's identity, as `kubectl` names it: `Ingress shop/storefront`. */
export interface ObjectIdentity {
    readonly kind: string;
    /** metadata.name; undefined when not known (then the front end's name is shown). */
    readonly name?: string;
    readonly namespace?: string;
    readonly annotations: PropertyBag;
    /** `Ingress shop/storefront` */
    readonly label: string;
}

const knownString = (bag: PropertyBag, key: string): string | undefined => {
    const read = readString(bag, key);
    return read.state === "known" && read.value !== "" ? read.value : undefined;
};

/** metadata.name / namespace / annotations; a secret metadata is never shown (the front end's name is). */
export function identityOf(resource: ResourceView, kind: string): ObjectIdentity {
    const metadata = readObject(resource.props, "metadata");
    const bag = metadata.state === "known" ? metadata.value : {};
    const annotations = readObject(bag, meta("annotations"));
    const secret = resource.secretProps.has("metadata");
    const name = knownString(bag, meta("name"));
    // A namespaced object without a namespace goes to the provider's namespace (provider input), else "default".
    const namespace = knownString(bag, meta("namespace")) ?? (resource.provider ? knownString(resource.provider.props, providerInput("namespace")) : undefined);
    const shown = secret || name === undefined ? `(${resource.address ?? `"${clip(resource.name, 120)}"`})` : clip(name, 120);
    return {
        kind,
        name,
        namespace,
        annotations: annotations.state === "known" ? annotations.value : {},
        label: `${kind} ${namespace !== undefined && !secret ? `${clip(namespace, 63)}/` : ""}${shown}`,
    };
}

const spec = (resource: ResourceView): Read<PropertyBag> => readObject(resource.props, "spec");

const unknownRead = (property: string): DomainRead => ({ read: { state: "unknown" }, property, topLevel: "spec" });

/** A list read into its items, or what it is instead. */
function items(bag: PropertyBag, key: string, at: string, found: DomainRead[]): readonly unknown[] {
    const list = readArray(bag, key);
    if (list.state === "known") return list.value;
    if (list.state === "unknown") found.push(unknownRead(at));
    else if (list.state === "invalid") found.push({ read: { state: "invalid", got: list.got }, property: at, topLevel: "spec" });
    return [];
}

/**
 * The host names an Ingress publishes: every rule's host, and the TLS hosts when a rule has no host
 * (or there are no rules: the default backend answers every name). Unknown parts are reported as
 * unknown reads, never skipped.
 */
function ingressHosts(resource: ResourceView): DomainRead[] {
    const found: DomainRead[] = [];
    const specRead = spec(resource);
    if (specRead.state === "unknown") return [unknownRead("spec")];
    if (specRead.state !== "known") return [];
    const bag = specRead.value;
    let answersEveryName = false;
    const rulesRead = readArray(bag, ingressSpec("rules"));
    const rules = items(bag, ingressSpec("rules"), "spec.rules", found);
    if (rulesRead.state === "absent" || (rulesRead.state === "known" && rulesRead.value.length === 0)) answersEveryName = true;
    rules.forEach((rule, index) => {
        const at = `spec.rules[${index}].${ingressRule("host")}`;
        const ruleBag = classifyObject(rule);
        if (ruleBag.state === "unknown") return void found.push(unknownRead(`spec.rules[${index}]`));
        if (ruleBag.state !== "known") return;
        const host = readString(ruleBag.value, ingressRule("host"));
        if (host.state === "absent" || (host.state === "known" && host.value === "")) answersEveryName = true;
        else found.push({ read: host, property: at, topLevel: "spec" });
    });
    if (!answersEveryName) return found;
    items(bag, ingressSpec("tls"), "spec.tls", found).forEach((tls, index) => {
        const tlsBag = classifyObject(tls);
        if (tlsBag.state === "unknown") return void found.push(unknownRead(`spec.tls[${index}]`));
        if (tlsBag.state !== "known") return;
        items(tlsBag.value, ingressTls("hosts"), `spec.tls[${index}].hosts`, found).forEach((host, hostIndex) =>
            found.push({ read: classifyString(host), property: `spec.tls[${index}].${ingressTls("hosts")}[${hostIndex}]`, topLevel: "spec" }),
        );
    });
    return found;
}

/** HTTPRoute / GRPCRoute / TLSRoute `spec.hostnames` (Gateway API, gateway.networking.k8s.io). */
function routeHosts(resource: ResourceView): DomainRead[] {
    const found: DomainRead[] = [];
    const specRead = spec(resource);
    if (specRead.state === "unknown") return [unknownRead("spec")];
    if (specRead.state !== "known") return [];
    items(specRead.value, "hostnames", "spec.hostnames", found).forEach((host, index) => found.push({ read: classifyString(host), property: `spec.hostnames[${index}]`, topLevel: "spec" }));
    return found;
}

/** Gateway `spec.listeners[].hostname` (a listener without one answers every name: nothing to file by name). */
function gatewayHosts(resource: ResourceView): DomainRead[] {
    const found: DomainRead[] = [];
    const specRead = spec(resource);
    if (specRead.state === "unknown") return [unknownRead("spec")];
    if (specRead.state !== "known") return [];
    items(specRead.value, "listeners", "spec.listeners", found).forEach((listener, index) => {
        const bag = classifyObject(listener);
        if (bag.state === "unknown") return void found.push(unknownRead(`spec.listeners[${index}]`));
        if (bag.state !== "known") return;
        const host = readString(bag.value, "hostname");
        if (host.state !== "absent") found.push({ read: host, property: `spec.listeners[${index}].hostname`, topLevel: "spec" });
    });
    return found;
}

/** Host names an object publishes, with where each was found; each name once. */
export function hostsOf(resource: ResourceView, role: KubernetesRole): DomainRead[] {
    if (role === "kindUnknown") return [{ read: { state: "unknown" }, property: "manifest", topLevel: "spec" }];
    const reads = role === "ingress" ? ingressHosts(resource) : role === "route" ? routeHosts(resource) : role === "gateway" ? gatewayHosts(resource) : [];
    if (reads.length < 2) return reads;
    const seen = new Set<string>();
    return reads.filter((read) => {
        if (read.read.state !== "known") return true;
        const key = read.read.value.toLowerCase().replace(/\.$/, "");
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

/** The Ingress's class: `spec.ingressClassName`, else the annotation; unknown or absent otherwise. */
export function ingressClassOf(resource: ResourceView, identity: ObjectIdentity): Read<string> {
    const specRead = spec(resource);
    if (specRead.state === "unknown") return specRead;
    const own = specRead.state === "known" ? readString(specRead.value, ingressSpec("ingressClassName")) : ({ state: "absent" } as Read<string>);
    if (own.state !== "absent" && !(own.state === "known" && own.value === "")) return own;
    return readString(identity.annotations, INGRESS_CLASS_ANNOTATION);
}

/** An IngressClass's controller and its parameters' (kind, name). */
export function ingressClassSpec(resource: ResourceView): { controller: Read<string>; parametersKind?: string; parametersName: Read<string> } {
    const specRead = spec(resource);
    if (specRead.state !== "known") return { controller: specRead.state === "unknown" ? specRead : { state: "absent" }, parametersName: { state: "absent" } };
    const parameters = readObject(specRead.value, classSpec("parameters"));
    return {
        controller: readString(specRead.value, classSpec("controller")),
        parametersKind: parameters.state === "known" ? knownString(parameters.value, classParameters("kind")) : undefined,
        parametersName: parameters.state === "known" ? readString(parameters.value, classParameters("name")) : parameters.state === "unknown" ? parameters : { state: "absent" },
    };
}

/** A known string at a path of objects (`spec.config.addressType`). */
export function readPath(bag: PropertyBag, path: readonly string[]): Read<string> {
    let current: PropertyBag = bag;
    for (let i = 0; i < path.length - 1; i++) {
        const next = readObject(current, path[i]);
        if (next.state !== "known") return next.state === "invalid" ? { state: "invalid", got: next.got } : next;
        current = next.value;
    }
    return readString(current, path[path.length - 1]);
}

/** Gateway API parentRefs of a route: Gateways by namespace and name (namespace defaults to the route's). */
export function parentGateways(resource: ResourceView, identity: ObjectIdentity): { readonly namespace?: string; readonly name: string }[] {
    const specRead = spec(resource);
    if (specRead.state !== "known") return [];
    const refs = readArray(specRead.value, "parentRefs");
    if (refs.state !== "known") return [];
    const found: { namespace?: string; name: string }[] = [];
    for (const ref of refs.value) {
        const bag = classifyObject(ref);
        if (bag.state !== "known") continue;
        const kind = knownString(bag.value, "kind") ?? "Gateway";
        const name = knownString(bag.value, "name");
        if (kind === "Gateway" && name !== undefined) found.push({ namespace: knownString(bag.value, "namespace") ?? identity.namespace, name });
    }
    return found;
}
