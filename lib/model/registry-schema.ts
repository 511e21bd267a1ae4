/**
 * The filing registry's JSON schema (shape only; lib/model/registry.ts adds the semantic checks). ajv
 * compiles it at build time (see lib/model/compiled-schemas.ts).
 */
export const REGISTRY_SCHEMA = {
    type: "object",
    additionalProperties: false,
    required: ["filings"],
    properties: {
        $schema: { type: "string" },
        filings: {
            type: "array",
            items: {
                type: "object",
                additionalProperties: false,
                required: ["domain", "icp", "accessProviders"],
                properties: {
                    domain: { type: "string", minLength: 1, maxLength: 253 },
                    icp: { type: "string", minLength: 1, maxLength: 64 },
                    accessProviders: {
                        type: "array",
                        minItems: 1,
                        uniqueItems: true,
                        items: { type: "string", pattern: "^[a-z][a-z0-9-]{0,39}$" },
                    },
                    note: { type: "string", maxLength: 2000 },
                    filedOn: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
                },
            },
        },
        waivers: {
            type: "array",
            items: {
                type: "object",
                additionalProperties: false,
                required: ["policy", "resource", "reason", "owner", "expires"],
                properties: {
                    policy: { type: "string", minLength: 1, maxLength: 100 },
                    resource: { type: "string", minLength: 1, maxLength: 2000 },
                    domain: { type: "string", minLength: 1, maxLength: 253 },
                    reason: { type: "string", minLength: 10, maxLength: 2000 },
                    owner: { type: "string", minLength: 1, maxLength: 200 },
                    expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
                },
            },
        },
    },
} as const;
