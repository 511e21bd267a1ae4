/**
 * A local stand-in for the Pulumi Cloud REST API (http on 127.0.0.1), for `icp-guard endpoints
 * --pulumi-org` (test/pulumi-cloud.spec.ts) and the endpoint-catalog CI recipe
 * (test/ci-recipes.spec.ts, through stand-ins/pulumi-cloud-server.ts). Transcribed from the Pulumi
 * CLI's own client — pulumi/pulumi 1b5949891b3cefcb9974752b24a5ecef0acc86c8,
 * pkg/backend/httpstate/client/client.go (ListStacks: GET /api/user/stacks with organization,
 * project and continuationToken query parameters; ExportStackDeployment: GET
 * /api/stacks/{org}/{project}/{stack}/export), api_endpoints.go, api.go (Authorization: token …,
 * Accept: application/vnd.pulumi+N, 401/403/429, ErrorResponse bodies),
 * sdk/go/common/apitype/stacks.go (StackSummary, ListStacksResponse) and core.go
 * (UntypedDeployment). Never imports product code.
 */
import * as http from "http";
import * as net from "net";

export type Json = Record<string, unknown>;

export interface Seen {
    readonly method: string;
    readonly path: string;
    readonly query: Record<string, string>;
    readonly authorization: string;
    readonly accept: string;
}

/** `apitype.StackSummary` */
export interface Summary {
    readonly orgName: string;
    readonly projectName: string;
    readonly stackName: string;
    readonly lastUpdate?: number;
    readonly resourceCount?: number;
}

export class StandInPulumiCloud {
    readonly seen: Seen[] = [];
    /** Pages of /api/user/stacks per organization: page N is answered for the continuationToken page N-1 handed out. */
    readonly pages = new Map<string, { stacks: Summary[]; continuationToken?: string }[]>();
    /** `org/project/stack` → the export body (an `apitype.UntypedDeployment`). */
    readonly exports = new Map<string, unknown>();
    /** Path → statuses to answer before the real answer (429, 503, "slow"). */
    readonly faults = new Map<string, (number | "slow")[]>();
    /** Answer every request with this status (401, 403). */
    refuseWith?: number;
    inFlight = 0;
    maxInFlight = 0;
    private server!: http.Server;

    async start(): Promise<string> {
        this.server = http.createServer((request, response) => void this.answer(request, response));
        await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
        return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
    }

    async stop(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }

    private async answer(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
        const url = new URL(request.url ?? "/", "http://stand-in");
        this.seen.push({
            method: request.method ?? "",
            path: url.pathname,
            query: Object.fromEntries(url.searchParams),
            authorization: String(request.headers["authorization"] ?? ""),
            accept: String(request.headers["accept"] ?? ""),
        });
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
            this.inFlight--;
            if (response.destroyed) return;
            response.writeHead(status, { "content-type": "application/json", ...headers });
            response.end(JSON.stringify(body));
        };
        // apitype.ErrorResponse {code, message}
        const error = (status: number, message: string, headers: Record<string, string> = {}) => send(status, { code: status, message }, headers);
        await new Promise((resolve) => setTimeout(resolve, 15));
        if (request.method !== "GET") return error(405, "method not allowed");
        if (this.refuseWith === 401) return error(401, `Unauthorized: No credentials provided or are invalid (got ${String(request.headers["authorization"]).slice(6)})`);
        if (this.refuseWith === 403) return error(403, "Forbidden: you do not have permission to access this organization");
        if (!/^token \S+$/.test(String(request.headers["authorization"] ?? ""))) return error(401, "Unauthorized: No credentials provided or are invalid.");
        const fault = this.faults.get(url.pathname)?.shift();
        if (fault === "slow") {
            await new Promise((resolve) => setTimeout(resolve, 1500));
        } else if (fault === 429) return error(429, "rate limit exceeded", { "retry-after": "0" });
        else if (typeof fault === "number") return error(fault, "upstream unavailable");

        if (url.pathname === "/api/user/stacks") {
            const pages = this.pages.get(url.searchParams.get("organization") ?? "") ?? [{ stacks: [] }];
            const token = url.searchParams.get("continuationToken");
            const index = token === null ? 0 : pages.findIndex((_page, i) => i > 0 && pages[i - 1].continuationToken === token);
            if (index < 0) return error(400, "invalid continuation token");
            const project = url.searchParams.get("project");
            const page = pages[index];
            return send(200, { stacks: page.stacks.filter((s) => project === null || s.projectName === project), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) });
        }
        const exported = /^\/api\/stacks\/([^/]+)\/([^/]+)\/([^/]+)\/export$/.exec(url.pathname);
        if (exported) {
            const body = this.exports.get(exported.slice(1, 4).map(decodeURIComponent).join("/"));
            return body === undefined ? error(404, "Stack not found") : send(200, body);
        }
        return error(404, "Not Found");
    }
}
