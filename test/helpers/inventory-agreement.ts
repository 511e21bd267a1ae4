/**
 * Agreement between `icp-guard domains` (lib/kit/inventory.ts) and the gate: the filing findings
 * that block (ICP001 icp-domain-unfiled, ICP002 icp-filing-not-accessed-at-alibaba, ICP013
 * icp-proxy-mainland-origin, at mandatory level) against the inventory's statuses.
 */
import * as assert from "assert";
import { parseHostname } from "../../lib/model/domain";

/** The policies whose mandatory findings mean "this domain lacks a qualifying filing here". */
export const BLOCKING: ReadonlySet<string> = new Set(["icp-domain-unfiled", "icp-filing-not-accessed-at-alibaba", "icp-proxy-mainland-origin"]);

/**
 * Every binding the gate blocks is listed in a domain without a qualifying filing, and no binding of
 * a domain listed filed is blocked. By binding and registrable domain (what a finding names): a
 * government sub-unit is listed under its own entry, its finding under the registrable domain.
 */
export function assertAgrees(inventory: readonly { ascii: string; status: string; bindings: readonly { urn: string }[] }[], blocked: ReadonlySet<string>): void {
    const listed = new Map<string, string[]>();
    for (const entry of inventory) {
        const parsed = parseHostname(entry.ascii);
        const registrable = parsed.ok ? parsed.host.registrable : entry.ascii;
        for (const binding of entry.bindings) listed.set(`${binding.urn} ${registrable}`, [...(listed.get(`${binding.urn} ${registrable}`) ?? []), entry.status]);
    }
    for (const key of blocked) {
        const statuses = listed.get(key) ?? [];
        assert.ok(statuses.some((s) => s === "unfiled" || s === "unfileable" || s === "filed-elsewhere"), `check blocks ${key}, but domains lists it as ${statuses.join(", ") || "nothing"}`);
    }
    for (const [key, statuses] of listed) {
        if (statuses.every((s) => s === "filed")) assert.ok(!blocked.has(key), `domains lists ${key} as filed, but check blocks it`);
    }
}

