/**
 * The DNS names the inputs define, for following a record to the records of the name it points
 * at (a CNAME to `example.co`, whose `@` A record points at a load balancer).
 *
 * Built once per stack; each lookup walks up the labels of one name (a handful of map accesses),
 * so following records stays linear in the number of records.
 *
 * Lookup is what an authoritative server answers for the name (RFC 1034 §4.3.2, RFC 4592 §2.2):
 * the records of the name itself; if the name does not exist, the records of the wildcard
 * `*.<closest encloser>`, where the closest encloser is the nearest ancestor that exists — as an
 * owner of records, or as an empty non-terminal (a name with records below it). A name that
 * exists with no records that carry web traffic answers no address (NODATA), and a wildcard never
 * covers a name that exists.
 */
import { domainToASCII } from "url";

/** A name as the index keys it: lower case, ASCII (punycode), no trailing dot; undefined if it is not a DNS name. */
export function dnsNameKey(name: string): string | undefined {
    let key = name.trim().toLowerCase();
    if (key.endsWith(".")) key = key.slice(0, -1);
    if (key === "" || key.length > 253 || /[\s/:@?#\\[\]]/.test(key)) return undefined;
    // Unicode names compare in punycode, as resolvers send them; a wildcard label stays as it is.
    if (/[^\x20-\x7e]/.test(key)) {
        const wildcard = key.startsWith("*.");
        const ascii = domainToASCII(wildcard ? key.slice(2) : key);
        if (ascii === "") return undefined;
        key = wildcard ? `*.${ascii}` : ascii;
    }
    return key;
}

const parentOf = (name: string): string | undefined => {
    const dot = name.indexOf(".");
    return dot < 0 || dot === name.length - 1 ? undefined : name.slice(dot + 1);
};

export type NameLookup<T> =
    /** The records that answer for the name (its own, or the covering wildcard's), serving ones only. */
    | { readonly kind: "records"; readonly owner: string; readonly entries: readonly T[] }
    /** The name exists in the inputs, but none of its records serves web traffic (TXT, MX, disabled…), or only names below it have records. */
    | { readonly kind: "no-web-records"; readonly owner: string; readonly why: string }
    /** No record of the inputs answers for the name. */
    | { readonly kind: "not-defined" };

export class DnsNameIndex<T> {
    /** Owner name → records that serve web traffic. */
    private readonly serving = new Map<string, T[]>();
    /** Owner names with at least one record of any type. */
    private readonly owners = new Set<string>();
    /** Names that exist only because names below them do (empty non-terminals), and owners' ancestors. */
    private readonly ancestors = new Set<string>();

    /**
     * Adds a record named `name` (may be a wildcard `*.x`): `entry` for one that carries web traffic
     * (A, AAAA, CNAME, …), none for the others (TXT, MX…), which only make the name exist.
     */
    add(name: string, entry?: T): void {
        this.owners.add(name);
        if (entry !== undefined) {
            const list = this.serving.get(name);
            if (list) list.push(entry);
            else this.serving.set(name, [entry]);
        }
        for (let parent = parentOf(name); parent !== undefined && !this.ancestors.has(parent); parent = parentOf(parent)) this.ancestors.add(parent);
    }

    lookup(name: string): NameLookup<T> {
        const own = this.answer(name);
        if (own) return own;
        if (this.ancestors.has(name)) return { kind: "no-web-records", owner: name, why: "only names below it have records" };
        // The closest encloser: the nearest ancestor that exists; only its wildcard applies.
        for (let parent = parentOf(name); parent !== undefined; parent = parentOf(parent)) {
            if (!this.owners.has(parent) && !this.ancestors.has(parent)) continue;
            return this.answer(`*.${parent}`) ?? { kind: "not-defined" };
        }
        return { kind: "not-defined" };
    }

    private answer(owner: string): NameLookup<T> | undefined {
        const entries = this.serving.get(owner);
        if (entries) return { kind: "records", owner, entries };
        if (this.owners.has(owner)) return { kind: "no-web-records", owner, why: "its records in the inputs serve no web traffic (no A, AAAA or CNAME record, or only disabled ones)" };
        return undefined;
    }
}
