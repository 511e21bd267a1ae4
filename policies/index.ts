/**
 * Every icp-guard policy, sorted by code. Codes are never reused: a retired policy keeps a
 * tombstone line here (test/policies-index.spec.ts checks codes are dense and unique).
 */
import { PolicyDefinition } from "../lib/policy-kit";
import icpDomainUnfiled from "./icp-domain-unfiled";
import icpFilingNotAccessedAtAlibaba from "./icp-filing-not-accessed-at-alibaba";
import icpBindingUndecidable from "./icp-binding-undecidable";
import icpRegionUnrecognised from "./icp-region-unrecognised";
import icpHollowFiling from "./icp-hollow-filing";

export const POLICIES: readonly PolicyDefinition[] = [
    icpDomainUnfiled, // ICP001
    icpFilingNotAccessedAtAlibaba, // ICP002
    icpBindingUndecidable, // ICP003
    icpRegionUnrecognised, // ICP004
    icpHollowFiling, // ICP005
];

/** Retired codes, kept so they are never handed out again. */
export const RETIRED_CODES: readonly string[] = [];
