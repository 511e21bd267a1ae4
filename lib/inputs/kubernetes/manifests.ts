/**
 * Rendered Kubernetes manifests as an input of `icp-guard check` and `domains`: multi-document YAML
 * as `helm template`, `kustomize build` and `kubectl get -o yaml` print it (a `List` of items too),
 * or one object or `List` in JSON (`kubectl get -o json`). Each object becomes a record of the same
 * shape as a `@pulumi/kubernetes` resource (type `kubernetes:<apiVersion>:<Kind>`, the object as its
 * properties, lib/graph/kubernetes-objects.ts), so the rules read it unchanged: Ingress and Gateway
 * API host names, IngressClass → AlbConfig exposure, all from the same files.
 *
 * Objects of rendered manifests run on no provider resource: the cluster is the one `check
 * --kube-context` (listed in icp-kubernetes-clusters) or `--kube-region` names (lib/graph/kubernetes.ts).
 *
 * Where a finding points: `helm template` writes `# Source: <chart>/templates/<file>.yaml` before
 * each document (helm/helm pkg/cmd/template.go and pkg/action/action.go at e9b85e4de16a: `"---\n# Source: %s\n%s\n"`; real
 * output in test/fixtures/kubernetes/helm-template/); that path is the object's source position.
 * Other documents point at their line in the input file.
 *
 * Secrets are never kept (`kind: Secret` objects are skipped whole: nothing a rule reads is in them).
 */
import { LineCounter, parseAllDocuments } from "yaml";
import { kubernetesTypeToken } from "../../graph/kubernetes-objects";
import { SourcePosition } from "../../model/resource";
import { clip } from "../../model/values";
import { InputFileError, InputRecord, ParsedInput } from "../pulumi-file";

export const MANIFEST_FORMATS: readonly string[] = [
    "rendered Kubernetes manifests: multi-document YAML as `helm template`, `kustomize build` or `kubectl get -o yaml` print it (a `List` too), or the JSON of `kubectl get -o json`",
];

/** The kind of input: planned state (what will be applied). */
export const MANIFEST_KIND = "kubernetes-manifests";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);
const isManifest = (value: unknown): value is Json => isObject(value) && typeof value["apiVersion"] === "string" && typeof value["kind"] === "string";

/** Inputs larger than this are refused rather than parsed (a rendered chart is kilobytes to a few megabytes). */
const MAX_TEXT = 64 * 1024 * 1024;
const SOURCE_COMMENT = /^\s*Source:\s*(\S.*?)\s*$/m;

interface Found {
    readonly object: Json;
    readonly position: SourcePosition;
    /** `3` or `3.1` (document, item of a List): where in the file. */
    readonly at: string;
}

/** The objects of a list (`kind: List`, `kind: IngressList`, …: `items`), else the object itself. */
function expand(object: Json, position: SourcePosition, at: string, into: Found[]): void {
    if (/List$/.test(object["kind"] as string) && Array.isArray(object["items"])) {
        (object["items"] as unknown[]).forEach((item, index) => {
            if (isManifest(item)) into.push({ object: item, position, at: `${at}.${index}` });
        });
        return;
    }
    into.push({ object, position, at });
}

/** The documents of a YAML text, when they are Kubernetes objects; undefined when the text is not manifests. */
function yamlObjects(text: string, file: string): Found[] | undefined {
    // Cheap refusal of other YAML and text (a registry, a values file) before parsing.
    if (!/^\s*apiVersion\s*:/m.test(text) || !/^\s*kind\s*:/m.test(text)) return undefined;
    const lines = new LineCounter();
    let documents;
    try {
        documents = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false });
    } catch (error) {
        return undefined;
    }
    const list = Array.isArray(documents) ? documents : [documents];
    const found: Found[] = [];
    const problems: string[] = [];
    let manifests = 0;
    let others = 0;
    list.forEach((document, index) => {
        const line = document.contents?.range ? lines.linePos(document.contents.range[0]).line : lines.linePos(document.range[0]).line;
        if (document.errors.length > 0) {
            problems.push(`${file}: document ${index + 1} (line ${line}): ${clip(document.errors[0].message.split("\n")[0], 200)}`);
            return;
        }
        let value: unknown;
        try {
            value = document.toJS({ maxAliasCount: 100 });
        } catch (error) {
            problems.push(`${file}: document ${index + 1} (line ${line}): ${clip((error as Error).message.split("\n")[0], 200)}`);
            return;
        }
        if (value === null || value === undefined) return; // an empty document (`---` at the end, a comment only)
        if (!isManifest(value)) {
            others++;
            return;
        }
        manifests++;
        const comment = `${document.commentBefore ?? ""}\n${document.contents?.commentBefore ?? ""}`;
        const source = SOURCE_COMMENT.exec(comment)?.[1];
        expand(value, source ? { file: source, line: 1 } : { file, line }, String(index + 1), found);
    });
    if (manifests === 0) return undefined;
    if (problems.length > 0) throw new InputFileError(`${file} holds Kubernetes manifests, but ${problems.length === 1 ? "a document" : `${problems.length} documents`} cannot be read:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    if (others > 0) throw new InputFileError(`${file} holds Kubernetes manifests, but ${others} of its documents ${others === 1 ? "is" : "are"} not a Kubernetes object (no apiVersion and kind): pass the output of \`helm template\`, \`kustomize build\` or \`kubectl get -o yaml\` unchanged`);
    return found;
}

/**
 * Reads rendered manifests into records, or returns undefined when the input is not manifests (for
 * the next front end). Throws InputFileError for manifests it cannot read, naming each document.
 */
export function readManifests(text: string, json: unknown, file: string): ParsedInput | undefined {
    let found: Found[] | undefined;
    if (json !== undefined) {
        if (!isManifest(json)) return undefined;
        found = [];
        expand(json, { file, line: 1 }, "1", found);
    } else {
        if (text.length > MAX_TEXT) return undefined;
        found = yamlObjects(text, file);
        if (!found) return undefined;
    }
    const records: InputRecord[] = [];
    const seen = new Set<string>();
    for (const { object, position, at } of found) {
        const kind = object["kind"] as string;
        if (kind === "Secret" || !/^[A-Za-z0-9]+$/.test(kind)) continue;
        const metadata = isObject(object["metadata"]) ? object["metadata"] : {};
        const name = typeof metadata["name"] === "string" ? metadata["name"] : undefined;
        const namespace = typeof metadata["namespace"] === "string" ? metadata["namespace"] : undefined;
        // `Ingress shop/storefront`, as kubectl names objects; the URN's last part is what waivers match.
        const shown = `${kind} ${namespace !== undefined ? `${clip(namespace, 63)}/` : ""}${name !== undefined ? clip(name, 253) : `(document ${at})`}`;
        let key = `${kind}/${namespace ?? ""}/${name ?? `#${at}`}`;
        if (seen.has(key)) key = `${key}#${at}`;
        seen.add(key);
        const props: Json = { ...object };
        delete props["status"];
        records.push({
            urn: `kubernetes::${file}::${key}`,
            type: kubernetesTypeToken(object["apiVersion"] as string, kind),
            name: name ?? shown,
            inputs: props,
            inputSecrets: new Set(),
            outputs: props,
            outputSecrets: new Set(),
            dependencies: [],
            propertyDependencies: {},
            address: shown,
            sourcePosition: position,
        });
    }
    return { kind: MANIFEST_KIND, file, records, deletes: [], config: {} };
}
