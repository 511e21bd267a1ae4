/**
 * ICP filing numbers (ICP备案号 / ICP证).
 *
 * Format (Tencent Cloud "ICP备案号"; ICP-RULES.md §5): province abbreviation + `ICP备` + entity
 * serial + `号`, and for a website `-N` (网站序列号). Serials are 8 digits (YY + 6, before ~2020) or
 * 10 digits (YYYY + 6). Commercial licences read `京ICP证030173号` (6 digits). Province prefixes are
 * the 31 standard abbreviations plus the aliases seen in real numbers: 滇 (云), 黔 (贵), 蜀 (川),
 * 陇 (甘).
 */

export const PROVINCE_PREFIXES = "京津沪渝冀豫云滇辽黑湘皖鲁新苏浙赣鄂桂甘陇晋蒙陕吉闽贵黔粤青藏川蜀宁琼";

const STRICT = new RegExp(`^([${PROVINCE_PREFIXES}])ICP(?:备(\\d{8}|\\d{10})|证(\\d{6}))号(?:-([1-9]\\d{0,2}))?$`, "u");

export interface IcpNumber {
    /** Normalised full number, e.g. `浙ICP备2023012345号-1`. */
    readonly full: string;
    readonly province: string;
    /** `备` for a filing (备案), `证` for a commercial licence (经营许可证). */
    readonly kind: "备" | "证";
    readonly serial: string;
    /** Entity (主体) number without the website suffix, e.g. `浙ICP备2023012345号`. */
    readonly entity: string;
    /** Website serial (网站序列号) `N` of `-N`, when present. */
    readonly website?: number;
}

export type IcpParse = { readonly ok: true; readonly number: IcpNumber } | { readonly ok: false; readonly problem: string };

const EXAMPLE = "浙ICP备2023012345号-1";

export function parseIcpNumber(input: string): IcpParse {
    const strict = STRICT.exec(input);
    if (strict) {
        const [, province, filingSerial, licenceSerial, website] = strict;
        const kind = filingSerial !== undefined ? "备" : "证";
        const serial = filingSerial ?? licenceSerial;
        const entity = `${province}ICP${kind}${serial}号`;
        return {
            ok: true,
            number: { full: input, province, kind, serial, entity, website: website === undefined ? undefined : Number(website) },
        };
    }
    return { ok: false, problem: explain(input) };
}

/** Says why a string is not an ICP number and, where the intent is clear, how to write it. */
function explain(input: string): string {
    if (input.length > 64) return `is ${input.length} characters long; an ICP number looks like ${EXAMPLE}`;
    if (input.includes("公网安备")) {
        return `is a public-security filing number (公安联网备案号), not an ICP number; use the website's ICP number, e.g. ${EXAMPLE}`;
    }
    if (/^([^\d\s]?)B[12]-\d/u.test(input)) {
        return `is a value-added telecom licence (增值电信业务经营许可证), not an ICP filing number; use the website's ICP number, e.g. ${EXAMPLE}`;
    }
    if (/号-\d+[A-Z]$/u.test(input)) {
        return `is an App or mini-program filing number (App备案); websites need their website filing number, e.g. ${EXAMPLE}`;
    }
    const suggestion = normaliseLenient(input);
    if (suggestion !== undefined && suggestion !== input && STRICT.test(suggestion)) {
        return `is not in the official form; write it as ${suggestion}`;
    }
    const province = input.charAt(0);
    if (!PROVINCE_PREFIXES.includes(province) || province === "") {
        return `must start with a province abbreviation (one of ${PROVINCE_PREFIXES}), e.g. ${EXAMPLE}`;
    }
    return `is not an ICP number; expected province + ICP备 + 8 or 10 digits + 号, optionally -N for the website (e.g. ${EXAMPLE}), or a licence such as 京ICP证030173号`;
}

/** Repairs the irregular forms seen in real site footers (spaces, full-width hyphen, `-N` before 号). */
function normaliseLenient(input: string): string | undefined {
    const compact = input.replace(/[\s\u3000]+/gu, "").replace(/[－—–]/gu, "-").replace(/^(.)icp/u, "$1ICP");
    const match = new RegExp(`^([${PROVINCE_PREFIXES}])ICP([备证])(\\d+)(?:号)?(?:-(\\d{1,3}))?(?:号)?$`, "u").exec(compact);
    if (!match) return undefined;
    const [, province, kind, serial, website] = match;
    return `${province}ICP${kind}${serial}号${website ? `-${website}` : ""}`;
}
