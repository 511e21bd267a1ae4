/**
 * Every icp-guard policy, sorted by code. Codes are never reused: a retired policy keeps a
 * tombstone line here (test/policies-index.spec.ts checks codes are dense and unique).
 */
import { PolicyDefinition } from "../lib/kit/policy-kit";
import icpDomainUnfiled from "./icp-domain-unfiled";
import icpFilingNotAccessedAtAlibaba from "./icp-filing-not-accessed-at-alibaba";
import icpBindingUndecidable from "./icp-binding-undecidable";
import icpRegionUnrecognised from "./icp-region-unrecognised";
import icpHollowFiling from "./icp-hollow-filing";
import icpFilingHostIneligible from "./icp-filing-host-ineligible";
import icpFilingHostQuota from "./icp-filing-host-quota";
import icpTldNotFileable from "./icp-tld-not-fileable";
import icpGovernmentDomain from "./icp-government-domain";
import icpIpOnlyWebsite from "./icp-ip-only-website";
import icpRegistryWebsiteNumberReuse from "./icp-registry-website-number-reuse";
import icpWaiverUnused from "./icp-waiver-unused";
import icpProxyMainlandOrigin from "./icp-proxy-mainland-origin";
import icpOverseasCdnMainlandOrigin from "./icp-overseas-cdn-mainland-origin";

export const POLICIES: readonly PolicyDefinition[] = [
    icpDomainUnfiled, // ICP001
    icpFilingNotAccessedAtAlibaba, // ICP002
    icpBindingUndecidable, // ICP003
    icpRegionUnrecognised, // ICP004
    icpHollowFiling, // ICP005
    icpFilingHostIneligible, // ICP006
    icpFilingHostQuota, // ICP007
    icpTldNotFileable, // ICP008
    icpGovernmentDomain, // ICP009
    icpIpOnlyWebsite, // ICP010
    icpRegistryWebsiteNumberReuse, // ICP011
    icpWaiverUnused, // ICP012 (its stack check runs after the others': it reads which waivers they matched)
    icpProxyMainlandOrigin, // ICP013
    icpOverseasCdnMainlandOrigin, // ICP014
];

/** Retired codes, kept so they are never handed out again. */
export const RETIRED_CODES: readonly string[] = [];
