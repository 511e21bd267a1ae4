/**
 * The origins (回源地址) a CDN-family domain fetches from: its `sources`, one address or hostname
 * each, with the source type when the product records one (`ipaddr`, `domain`, `oss`, …).
 * Property names follow `@pulumi/alicloud` 3.108.0 (cdn.DomainNew, dcdn.Domain, dcdn.IpaDomain,
 * scdn.Domain: `sources[].content/type`; legacy cdn.Domain: `sources` strings and `sourceType`;
 * vod.Domain: `sources[].sourceContent/sourceType`).
 */
import { classifyObject, classifyString, PropertyBag, Read, readArray, readString } from "../model/values";

export interface CdnSource {
    readonly read: Read<string>;
    /** The source type as written (`ipaddr`, `domain`, `oss`, `fc_domain`…), when known. */
    readonly kind?: string;
}

const OBJECT_SOURCES: Readonly<Record<string, { readonly content: string; readonly type: string }>> = {
    "alicloud:cdn/domainNew:DomainNew": { content: "content", type: "type" },
    "alicloud:dcdn/domain:Domain": { content: "content", type: "type" },
    "alicloud:dcdn/ipaDomain:IpaDomain": { content: "content", type: "type" },
    "alicloud:scdn/domain:Domain": { content: "content", type: "type" },
    "alicloud:vod/domain:Domain": { content: "sourceContent", type: "sourceType" },
};
const LEGACY_CDN = "alicloud:cdn/domain:Domain";

/** The property whose propertyDependencies lead to the origins. */
export const CDN_SOURCES_PROPERTY = "sources";

/** A CDN-family resource's origins; undefined for types that name none. */
export function cdnSourcesOf(type: string, props: PropertyBag): CdnSource[] | undefined {
    const shape = OBJECT_SOURCES[type];
    const sources = readArray(props, CDN_SOURCES_PROPERTY);
    if (shape) {
        if (sources.state === "unknown") return [{ read: { state: "unknown" } }];
        if (sources.state !== "known") return [];
        return sources.value.map((item) => {
            const bag = classifyObject(item);
            if (bag.state !== "known") return { read: bag.state === "unknown" ? { state: "unknown" } : { state: "absent" } };
            const kind = readString(bag.value, shape.type);
            return { read: readString(bag.value, shape.content), kind: kind.state === "known" ? kind.value : undefined };
        });
    }
    if (type === LEGACY_CDN) {
        const kind = readString(props, "sourceType");
        if (sources.state === "unknown") return [{ read: { state: "unknown" } }];
        if (sources.state !== "known") return [];
        return sources.value.map((item) => ({ read: classifyString(item), kind: kind.state === "known" ? kind.value : undefined }));
    }
    return undefined;
}
