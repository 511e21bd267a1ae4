/**
 * Terraform's names for what the rules read: the front end converts `alicloud_cdn_domain_new` and
 * `domain_name` to the model's `alicloud:cdn/domainNew:DomainNew` and `domainName`
 * (mapping.ts), and this naming turns them back wherever a finding names a type or a property,
 * so a Terraform user reads the names of their own configuration.
 */
import { Naming } from "../../model/naming";
import { TERRAFORM_TYPES, TerraformType } from "./mapping";

const BY_TOKEN: ReadonlyMap<string, readonly [string, TerraformType]> = (() => {
    const byToken = new Map<string, readonly [string, TerraformType]>();
    for (const [terraformType, entry] of Object.entries(TERRAFORM_TYPES)) if (!byToken.has(entry.token)) byToken.set(entry.token, [terraformType, entry]);
    return byToken;
})();

/**
 * The Terraform type of a model token: from the table, from the token the front end gives types the
 * table does not know (`<pkg>:terraform/<type>:<type>`), and for providers `provider "alicloud"`.
 */
export function terraformTypeName(token: string): string {
    const known = BY_TOKEN.get(token);
    if (known) return known[0];
    const unmapped = /^[^:]+:terraform\/([^:]+):/.exec(token);
    if (unmapped) return unmapped[1];
    const provider = /^pulumi:providers:(.+)$/.exec(token);
    if (provider) return `provider "${provider[1]}"`;
    return token;
}

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** A top-level attribute: the table's renames (`aliases` → `alias`), else snake_case. */
function attributeName(pulumiName: string, type: TerraformType | undefined): string {
    for (const [terraform, pulumi] of Object.entries(type?.renames ?? {})) if (pulumi === pulumiName) return terraform;
    return snakeCase(pulumiName);
}

export const TERRAFORM_NAMING: Naming = {
    frontEnd: "Terraform",
    type: terraformTypeName,
    typeId: terraformTypeName,
    // Each name at the start of the path or after a dot; the renames apply to the resource's own
    // attributes only (a nested block's `address` stays `address`, as mapping.ts converts it).
    property: (token, path) => {
        const type = BY_TOKEN.get(token)?.[1];
        return path.replace(/(^|\.)([A-Za-z][A-Za-z0-9]*)/g, (_match, dot: string, name: string) => `${dot}${dot === "" ? attributeName(name, type) : snakeCase(name)}`);
    },
    setting: (token, path, value) => `${TERRAFORM_NAMING.property(token, path)} = ${value}`,
};
