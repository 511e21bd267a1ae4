/**
 * hashicorp/kubernetes Terraform resources → the Kubernetes objects the rules read (the same
 * `kubernetes:<apiVersion>:<Kind>` tokens and manifest-shaped properties as `@pulumi/kubernetes`
 * resources and rendered manifests, lib/graph/kubernetes-objects.ts), so Ingress, IngressClass,
 * Gateway API and AlbConfig objects decide the same way whichever front end carries them.
 *
 * Shapes (hashicorp/terraform-provider-kubernetes; SDKv2 blocks are lists of one object in plan JSON):
 * - `kubernetes_ingress_v1` / `kubernetes_ingress` (extensions/v1beta1, networking.k8s.io/v1beta1
 *   on older clusters): `metadata` and `spec` blocks, `spec.rule[].host`, `spec.tls[].hosts`,
 *   `spec.ingress_class_name` (docs/resources/ingress_v1.md, ingress.md at 2b6093a3c2b2);
 * - `kubernetes_ingress_class_v1` / `kubernetes_ingress_class`: `spec.controller`, `spec.parameters`
 *   (one block: api_group, kind, name, namespace, scope) (docs/resources/ingress_class_v1.md);
 * - `kubernetes_gateway_v1` (`spec.listeners[].hostname`), `kubernetes_http_route_v1` /
 *   `kubernetes_grpc_route_v1` (`spec.hostnames`, `spec.parent_refs`): the provider's Gateway API
 *   resources (docs/resources/kubernetes_gateway_v1.md, kubernetes_http_route_v1.md at 7999019492168);
 * - `kubernetes_manifest`: any object, its `manifest` attribute the object as written (an object
 *   value, not blocks) (docs/resources/manifest.md).
 * Nested blocks are renamed to the Kubernetes API's names (`rule` → `rules`, snake_case → camelCase);
 * annotation and label keys are data and stay as they are.
 */
import { KIND_UNKNOWN_TYPE, kubernetesTypeToken, mayPublishHosts } from "../../graph/kubernetes-objects";
import { isUnknown } from "../../model/values";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

interface KubernetesTerraformType {
    readonly apiVersion: string;
    readonly kind: string;
    /** Blocks of `spec` (after camelCase) that are one object in the API, and list blocks renamed. */
    readonly specOne?: readonly string[];
    readonly specRenames?: Readonly<Record<string, string>>;
}

const INGRESS = { kind: "Ingress", specRenames: { rule: "rules", backend: "backend" }, specOne: ["defaultBackend", "backend"] } as const;
const TYPES: Readonly<Record<string, KubernetesTerraformType>> = {
    kubernetes_ingress_v1: { apiVersion: "networking.k8s.io/v1", ...INGRESS },
    kubernetes_ingress: { apiVersion: "networking.k8s.io/v1beta1", ...INGRESS },
    kubernetes_ingress_class_v1: { apiVersion: "networking.k8s.io/v1", kind: "IngressClass", specOne: ["parameters"] },
    kubernetes_ingress_class: { apiVersion: "networking.k8s.io/v1", kind: "IngressClass", specOne: ["parameters"] },
    kubernetes_gateway_v1: { apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", specOne: ["infrastructure", "tls", "allowedListeners"] },
    kubernetes_http_route_v1: { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute" },
    kubernetes_grpc_route_v1: { apiVersion: "gateway.networking.k8s.io/v1", kind: "GRPCRoute" },
};

export const KUBERNETES_MANIFEST_TYPE = "kubernetes_manifest";

/** True for the hashicorp/kubernetes types this front end turns into Kubernetes objects. */
export const isKubernetesTerraformType = (type: string): boolean => type === KUBERNETES_MANIFEST_TYPE || Object.prototype.hasOwnProperty.call(TYPES, type);

/** A one-element list block as the object it is in the API (unknown stays unknown, empty is absent). */
function one(value: unknown): unknown {
    if (Array.isArray(value)) return value.length === 0 ? undefined : value[0];
    return value;
}

export interface KubernetesObjectRecord {
    readonly token: string;
    readonly props: Json;
    readonly secretProps: ReadonlySet<string>;
}

/**
 * The Kubernetes object a converted Terraform resource declares (props already converted by
 * records.ts: camelCase attributes, blocks as lists); undefined for any other type, or a manifest
 * whose apiVersion or kind is not known until apply.
 */
export function kubernetesObjectOf(terraformType: string, props: Json, secretProps: ReadonlySet<string>): KubernetesObjectRecord | undefined {
    if (terraformType === KUBERNETES_MANIFEST_TYPE) {
        const manifest = props["manifest"];
        // A manifest computed at apply may declare anything, an Ingress or a route among them: an
        // object whose host is unknown, decided where its cluster serves (never passed unread).
        if (isUnknown(manifest)) return { token: KIND_UNKNOWN_TYPE, props: {}, secretProps };
        if (!isObject(manifest)) return undefined;
        const apiVersion = manifest["apiVersion"];
        const kind = manifest["kind"];
        // A sensitive manifest (or part of it) keeps every top-level field of the object secret.
        const secret = secretProps.has("manifest") ? new Set(Object.keys(manifest)) : new Set<string>();
        // Only the kind decides whether hosts may be published: a known kind that never does (a
        // ConfigMap) is no binding whatever its apiVersion; an unknown kind, or a host kind whose
        // group is unknown, may be one.
        if (isUnknown(kind) || (isUnknown(apiVersion) && typeof kind === "string" && mayPublishHosts(kind))) return { token: KIND_UNKNOWN_TYPE, props: manifest, secretProps: secret };
        if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[A-Za-z0-9]+$/.test(kind)) return undefined;
        return { token: kubernetesTypeToken(apiVersion, kind), props: manifest, secretProps: secret };
    }
    const type = Object.prototype.hasOwnProperty.call(TYPES, terraformType) ? TYPES[terraformType] : undefined;
    if (!type) return undefined;
    const object: Json = { ...props };
    const metadata = one(props["metadata"]);
    if (metadata === undefined) delete object["metadata"];
    else object["metadata"] = metadata;
    const spec = one(props["spec"]);
    if (isObject(spec) && !isUnknown(spec)) {
        const renamed: Json = {};
        for (const [key, value] of Object.entries(spec)) {
            const name = type.specRenames && Object.prototype.hasOwnProperty.call(type.specRenames, key) ? type.specRenames[key] : key;
            const item = type.specOne?.includes(name) ? one(value) : value;
            if (item !== undefined) renamed[name] = item;
        }
        object["spec"] = renamed;
    } else if (spec === undefined) delete object["spec"];
    else object["spec"] = spec;
    return { token: kubernetesTypeToken(type.apiVersion, type.kind), props: object, secretProps };
}
