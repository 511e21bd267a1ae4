/**
 * DNS records from every DNS host a team uses, read into one shape: the record's name, its type,
 * its target values, and which input carries the target (for propertyDependencies).
 *
 * Alibaba Cloud DNS (`dns.AlidnsRecord`, legacy `dns.Record`), ESA records, and records kept
 * outside Alibaba Cloud — Route 53 and Cloudflare — matched by type token, so those SDKs need not
 * be installed. Only records that carry web traffic are bindings: A, AAAA, CNAME, ALIAS-like
 * (Route 53 aliases), and Alibaba DNS URL forwarding.
 *
 * Also read into the same shape: resources that answer for a hostname without being records
 * (DNS_SOURCE_TYPES: GA domains and forwarding-rule hosts, GTM 2.0/3.0 domains, ESA hostnames),
 * whose targets the stack graph finds through linked resources (links.ts).
 */
import type { AlidnsRecordArgs } from "@pulumi/alicloud/dns/alidnsRecord";
import type { RecordArgs as LegacyRecordArgs } from "@pulumi/alicloud/dns/record";
import type { RecordArgs as EsaRecordArgs } from "@pulumi/alicloud/esa/record";
import type { DomainArgs as GaDomainArgs } from "@pulumi/alicloud/ga/domain";
import type { ForwardingRuleArgs as GaForwardingRuleArgs } from "@pulumi/alicloud/ga/forwardingRule";
import type { GtmInstanceArgs } from "@pulumi/alicloud/dns/gtmInstance";
import type { InstanceConfigArgs } from "@pulumi/alicloud/alidnscloudgtm/instanceConfig";
import type { EdgeContainerAppRecordArgs } from "@pulumi/alicloud/esa/edgeContainerAppRecord";
import type { RoutineRelatedRecordArgs } from "@pulumi/alicloud/esa/routineRelatedRecord";
import type { TransportLayerApplicationArgs } from "@pulumi/alicloud/esa/transportLayerApplication";
import type { LoadBalancerArgs as EsaLoadBalancerArgs } from "@pulumi/alicloud/esa/loadBalancer";
import type { input } from "@pulumi/alicloud/types";
import { classifyObject, classifyString, PropertyBag, Read, readArray, readBoolean, readObject, readString } from "../model/values";

const field =
    <T>() =>
    <K extends keyof T & string>(name: K): K =>
        name;
const alidns = field<AlidnsRecordArgs>();
const legacy = field<LegacyRecordArgs>();
const esa = field<EsaRecordArgs>();

export const DNS_RECORD_TYPES = {
    alidns: "alicloud:dns/alidnsRecord:AlidnsRecord",
    alidnsLegacy: "alicloud:dns/record:Record",
    esa: "alicloud:esa/record:Record",
    route53: "aws:route53/record:Record",
    cloudflareRecord: "cloudflare:index/record:Record",
    cloudflareDnsRecord: "cloudflare:index/dnsRecord:DnsRecord",
} as const;

/**
 * Resources that are not DNS records but answer for a hostname the same way: a website domain
 * accelerated by Global Accelerator, a GTM domain answered from address pools, hostnames under an
 * ESA site. Their targets are found through the resource they are linked to (see `link`).
 */
export const DNS_SOURCE_TYPES = {
    gaDomain: "alicloud:ga/domain:Domain",
    gaForwardingRule: "alicloud:ga/forwardingRule:ForwardingRule",
    gtmInstance: "alicloud:dns/gtmInstance:GtmInstance",
    gtm3Config: "alicloud:alidnscloudgtm/instanceConfig:InstanceConfig",
    esaEdgeContainerAppRecord: "alicloud:esa/edgeContainerAppRecord:EdgeContainerAppRecord",
    esaRoutineRelatedRecord: "alicloud:esa/routineRelatedRecord:RoutineRelatedRecord",
    esaTransportLayerApplication: "alicloud:esa/transportLayerApplication:TransportLayerApplication",
    esaLoadBalancer: "alicloud:esa/loadBalancer:LoadBalancer",
} as const;

export const DNS_TYPES: readonly string[] = [...Object.values(DNS_RECORD_TYPES), ...Object.values(DNS_SOURCE_TYPES)];
const DNS_TYPE_SET: ReadonlySet<string> = new Set(DNS_TYPES);
export const isDnsRecordType = (type: string): boolean => DNS_TYPE_SET.has(type);

/** Zone resources whose name completes a relative record name. */
export const ZONE_NAME_PROPERTY: Readonly<Record<string, string>> = {
    "alicloud:dns/alidnsDomain:AlidnsDomain": "domainName",
    "alicloud:dns/dnsDomain:DnsDomain": "domainName",
    "alicloud:dns/domain:Domain": "name",
    "aws:route53/zone:Zone": "name",
    "cloudflare:index/zone:Zone": "zone", // v4; v5 uses "name" (tried second)
    "alicloud:esa/site:Site": "siteName",
};

/** Record types that carry web traffic. */
const WEB_TYPES: ReadonlySet<string> = new Set([
    "A", "AAAA", "A/AAAA", "CNAME", "ALIAS", "REDIRECT_URL", "FORWORD_URL", "FORWARD_URL",
    // DNS sources that are not records (DNS_SOURCE_TYPES) carry these pseudo types in labels.
    "GA", "GTM", "ESA",
]);

export type NamePart =
    | { readonly kind: "fqdn"; readonly read: Read<string> }
    /** A name relative to a zone: `@`, `www`, `*`; the zone comes from `zoneProperty`. */
    | { readonly kind: "relative"; readonly label: string; readonly zone: Read<string>; readonly zoneProperty: string }
    /**
     * A name not known until apply (a random or computed label) at or under a zone: the labels on
     * the left are open, but the zone — and so the registrable domain — may well be known.
     */
    | { readonly kind: "under"; readonly zone: Read<string>; readonly zoneProperty: string };

export interface DnsRecord {
    /** How the record is named in messages, e.g. `www.example.com A`. */
    readonly name: NamePart;
    readonly recordType: Read<string>;
    /** Target values: an IP address or hostname each. */
    readonly values: readonly Read<string>[];
    /** Inputs whose propertyDependencies lead to the target. */
    readonly valueProperties: readonly string[];
    /** Top-level properties that make up the name, for secrets. */
    readonly nameProperties: readonly string[];
    /** Traffic goes through a proxy: Cloudflare's edge or ESA (then `via` names it). */
    readonly proxied?: "cloudflare" | "esa";
    /** Route 53 alias records point at AWS resources. */
    readonly awsAlias?: boolean;
    /** URL forwarding served by Alibaba Cloud DNS's own forwarders. */
    readonly urlForwarding?: boolean;
    /** Disabled records serve nothing. */
    readonly disabled?: boolean;
    /**
     * The targets are not in the record's own value but behind a linked resource, found in the
     * stack: the accelerator's `ga.IpSet`s, the GTM instance's address pools, or the addresses
     * a GTM 3.0 config depends on.
     */
    readonly link?: "ga-accelerator" | "gtm-instance" | "gtm3-config";
}

function relativeOrFqdn(label: Read<string>, zone: Read<string>, zoneProperty: string): NamePart {
    if (label.state === "unknown") return { kind: "under", zone, zoneProperty };
    if (label.state !== "known") return { kind: "fqdn", read: label.state === "absent" ? zone : label };
    const value = label.value.replace(/\.$/, "");
    if (value === "@" || value === "") return { kind: "relative", label: "@", zone, zoneProperty };
    // A name that already ends with the zone, or has dots and no known zone, is a full name.
    if (zone.state === "known" && (value === zone.value.replace(/\.$/, "") || value.endsWith(`.${zone.value.replace(/\.$/, "")}`))) {
        return { kind: "fqdn", read: { state: "known", value } };
    }
    if (zone.state !== "known" && value.includes(".")) return { kind: "fqdn", read: { state: "known", value } };
    return { kind: "relative", label: value, zone, zoneProperty };
}

/** Reads a DNS record of any supported host; undefined for other types. */
export function readDnsRecord(type: string, props: PropertyBag): DnsRecord | undefined {
    switch (type) {
        case DNS_RECORD_TYPES.alidns: {
            const recordType = readString(props, alidns("type"));
            const status = readString(props, alidns("status"));
            return {
                name: relativeOrFqdn(readString(props, alidns("rr")), readString(props, alidns("domainName")), alidns("domainName")),
                nameProperties: [alidns("domainName"), alidns("rr")],
                recordType,
                values: [readString(props, alidns("value"))],
                valueProperties: [alidns("value")],
                urlForwarding: isUrlForwarding(recordType),
                disabled: status.state === "known" && status.value.toUpperCase() === "DISABLE",
            };
        }
        case DNS_RECORD_TYPES.alidnsLegacy: {
            const recordType = readString(props, legacy("type"));
            return {
                name: relativeOrFqdn(readString(props, legacy("hostRecord")), readString(props, legacy("name")), legacy("name")),
                nameProperties: [legacy("name"), legacy("hostRecord")],
                recordType,
                values: [readString(props, legacy("value"))],
                valueProperties: [legacy("value")],
                urlForwarding: isUrlForwarding(recordType),
            };
        }
        case DNS_RECORD_TYPES.esa: {
            const data = readObject(props, esa("data"));
            const proxied = readBoolean(props, esa("proxied"));
            return {
                name: { kind: "fqdn", read: readString(props, esa("recordName")) },
                nameProperties: [esa("recordName")],
                recordType: readString(props, esa("recordType")),
                values: [data.state === "known" ? readString(data.value, "value") : data.state === "unknown" ? { state: "unknown" } : { state: "absent" }],
                valueProperties: [esa("data")],
                proxied: proxied.state === "known" && proxied.value ? "esa" : undefined,
            };
        }
        case DNS_RECORD_TYPES.route53: {
            const aliases = readArray(props, "aliases");
            const hasAlias = aliases.state === "known" && aliases.value.length > 0;
            const records = readArray(props, "records");
            return {
                name: relativeOrFqdn(readString(props, "name"), { state: "absent" }, "zoneId"),
                nameProperties: ["name"],
                recordType: hasAlias ? { state: "known", value: "ALIAS" } : readString(props, "type"),
                values: hasAlias
                    ? aliases.value.map((alias) => {
                          const bag = classifyObject(alias);
                          return bag.state === "known" ? readString(bag.value, "name") : { state: "unknown" as const };
                      })
                    : records.state === "known"
                      ? records.value.map(classifyString)
                      : [records.state === "unknown" ? { state: "unknown" } : { state: "absent" }],
                valueProperties: ["records", "aliases"],
                awsAlias: hasAlias,
            };
        }
        case DNS_RECORD_TYPES.cloudflareRecord:
        case DNS_RECORD_TYPES.cloudflareDnsRecord: {
            const content = readString(props, "content");
            const proxied = readBoolean(props, "proxied");
            return {
                name: relativeOrFqdn(readString(props, "name"), { state: "absent" }, "zoneId"),
                nameProperties: ["name"],
                recordType: readString(props, "type"),
                values: [content.state === "absent" ? readString(props, "value") : content],
                valueProperties: ["content", "value"],
                proxied: proxied.state === "known" && proxied.value ? "cloudflare" : undefined,
            };
        }
        default:
            return readDnsSource(type, props)?.[0];
    }
}

const gaDomain = field<GaDomainArgs>();
const gaRule = field<GaForwardingRuleArgs>();
const gaCondition = field<input.ga.ForwardingRuleRuleCondition>();
const gaHost = field<input.ga.ForwardingRuleRuleConditionHostConfig>();
const gtm = field<GtmInstanceArgs>();
const gtm3 = field<InstanceConfigArgs>();

/** The hostnames an ESA sub-resource puts under its site (all proxied through the site). */
const ESA_NAME_PROPERTY: Readonly<Record<string, string>> = {
    [DNS_SOURCE_TYPES.esaEdgeContainerAppRecord]: field<EdgeContainerAppRecordArgs>()("recordName"),
    [DNS_SOURCE_TYPES.esaRoutineRelatedRecord]: field<RoutineRelatedRecordArgs>()("recordName"),
    [DNS_SOURCE_TYPES.esaTransportLayerApplication]: field<TransportLayerApplicationArgs>()("recordName"),
    // An ESA load balancer is named by the hostname it balances, under the site.
    [DNS_SOURCE_TYPES.esaLoadBalancer]: field<EsaLoadBalancerArgs>()("loadBalancerName"),
};

/**
 * DNS sources that are not records, one entry per hostname they answer for (a GA forwarding rule
 * may match several hosts); undefined for other types.
 */
export function readDnsSource(type: string, props: PropertyBag): DnsRecord[] | undefined {
    const sourceRecord = (name: Read<string>, nameProperty: string, recordType: string, extra: Partial<DnsRecord>): DnsRecord => ({
        name: { kind: "fqdn", read: name },
        nameProperties: [nameProperty],
        recordType: { state: "known", value: recordType },
        values: [],
        valueProperties: [],
        ...extra,
    });
    switch (type) {
        case DNS_SOURCE_TYPES.gaDomain:
            return [sourceRecord(readString(props, gaDomain("domain")), gaDomain("domain"), "GA", { link: "ga-accelerator", valueProperties: [gaDomain("acceleratorId")] })];
        case DNS_SOURCE_TYPES.gaForwardingRule:
            return gaRuleHosts(props).map((host) => sourceRecord(host, gaRule("ruleConditions"), "GA", { link: "ga-accelerator", valueProperties: [gaRule("acceleratorId")] }));
        case DNS_SOURCE_TYPES.gtmInstance:
            return [sourceRecord(readString(props, gtm("publicUserDomainName")), gtm("publicUserDomainName"), "GTM", { link: "gtm-instance" })];
        case DNS_SOURCE_TYPES.gtm3Config: {
            // With scheduleZoneMode "sys_assign" the scheduling domain is Alibaba Cloud's own zone,
            // not a website domain; "custom" (or not known yet) uses the team's zone.
            const mode = readString(props, gtm3("scheduleZoneMode"));
            if (mode.state === "known" && mode.value.toLowerCase() !== "custom") return [];
            const rrType = readString(props, gtm3("scheduleRrType"));
            const enabled = readString(props, gtm3("enableStatus"));
            return [
                {
                    name: relativeOrFqdn(readString(props, gtm3("scheduleHostName")), readString(props, gtm3("scheduleZoneName")), gtm3("scheduleZoneName")),
                    nameProperties: [gtm3("scheduleHostName"), gtm3("scheduleZoneName")],
                    recordType: rrType.state === "known" ? rrType : { state: "known", value: "GTM" },
                    values: [],
                    valueProperties: [],
                    link: "gtm3-config",
                    disabled: enabled.state === "known" && enabled.value.toLowerCase() === "disable",
                },
            ];
        }
        default: {
            const nameProperty = ESA_NAME_PROPERTY[type];
            if (!nameProperty) return undefined;
            return [sourceRecord(readString(props, nameProperty), nameProperty, "ESA", { proxied: "esa", valueProperties: ["siteId"] })];
        }
    }
}

/**
 * Hosts a GA forwarding rule matches: `ruleConditions[].hostConfigs[].values`, or the newer form
 * `ruleConditionType: "Host"` with `ruleConditionValue` (a JSON list of hosts, or one host).
 */
function gaRuleHosts(props: PropertyBag): Read<string>[] {
    const conditions = readArray(props, gaRule("ruleConditions"));
    if (conditions.state === "unknown") return [{ state: "unknown" }];
    if (conditions.state !== "known") return [];
    const hosts: Read<string>[] = [];
    for (const condition of conditions.value) {
        const bag = classifyObject(condition);
        if (bag.state !== "known") {
            if (bag.state === "unknown") hosts.push({ state: "unknown" });
            continue;
        }
        const kind = readString(bag.value, gaCondition("ruleConditionType"));
        if (kind.state === "known" && kind.value.toLowerCase() !== "host") continue;
        const configs = readArray(bag.value, gaCondition("hostConfigs"));
        if (configs.state === "known") {
            for (const config of configs.value) {
                const configBag = classifyObject(config);
                const values = configBag.state === "known" ? readArray(configBag.value, gaHost("values")) : configBag;
                if (values.state === "known") hosts.push(...values.value.map(classifyString));
                else if (values.state === "unknown") hosts.push({ state: "unknown" });
            }
        } else if (configs.state === "unknown") hosts.push({ state: "unknown" });
        const value = readString(bag.value, gaCondition("ruleConditionValue"));
        if (value.state === "known") hosts.push(...hostsInConditionValue(value.value));
        else if (value.state === "unknown") hosts.push({ state: "unknown" });
        else if (configs.state === "absent" && kind.state === "unknown") hosts.push({ state: "unknown" });
    }
    return hosts;
}

function hostsInConditionValue(text: string): Read<string>[] {
    try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) return parsed.map(classifyString);
        if (typeof parsed === "string") return [{ state: "known", value: parsed }];
    } catch {
        // Not JSON: a single host.
    }
    return text.trim() === "" ? [] : [{ state: "known", value: text.trim() }];
}

function isUrlForwarding(recordType: Read<string>): boolean {
    return recordType.state === "known" && /^(REDIRECT_URL|FORWORD_URL|FORWARD_URL)$/i.test(recordType.value);
}

/** True for records that carry web traffic; unknown types count (they may). */
export function isWebRecord(record: DnsRecord): boolean {
    if (record.disabled) return false;
    if (record.recordType.state !== "known") return record.recordType.state === "unknown";
    return WEB_TYPES.has(record.recordType.value.toUpperCase());
}

/** The record's full name, given the zone name when the record is relative. */
export function recordFqdn(record: DnsRecord, zoneName?: string): Read<string> {
    const name = record.name;
    if (name.kind === "fqdn") return name.read;
    if (name.kind === "under") return { state: "unknown" };
    const zone: Read<string> = name.zone.state === "known" ? name.zone : zoneName !== undefined ? { state: "known", value: zoneName } : name.zone;
    if (zone.state !== "known") return zone.state === "absent" ? { state: "unknown" } : zone;
    const base = zone.value.replace(/\.$/, "");
    return { state: "known", value: name.label === "@" ? base : `${name.label}.${base}` };
}

/** The zone a record whose own name is not known lies at or under (`under` names only). */
export function recordZone(record: DnsRecord, zoneName?: string): Read<string> {
    const name = record.name;
    if (name.kind !== "under") return { state: "absent" };
    if (name.zone.state === "known") return { state: "known", value: name.zone.value.replace(/\.$/, "") };
    return zoneName !== undefined ? { state: "known", value: zoneName.replace(/\.$/, "") } : name.zone;
}

export function recordLabel(fqdn: Read<string>, recordType: Read<string>, zone?: Read<string>): string {
    const name = fqdn.state === "known" ? fqdn.value : zone?.state === "known" ? `(a name not known until apply, under ${zone.value})` : "(name not known until apply)";
    const type = recordType.state === "known" ? recordType.value.toUpperCase() : "(type unknown)";
    const source = SOURCE_LABELS[type];
    return source ? `${name} (${source})` : `${name} ${type}`;
}

/** Labels of the pseudo record types DNS sources that are not records carry. */
const SOURCE_LABELS: Readonly<Record<string, string>> = {
    GA: "accelerated by Global Accelerator",
    GTM: "answered by GTM",
    ESA: "a hostname under an ESA site",
};
