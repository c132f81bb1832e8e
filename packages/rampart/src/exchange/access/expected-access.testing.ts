import type { AccessLevel, Tlp } from "../model/advisory.js";

/** The readers the access tests play: nobody signed in, the author, a named org, an org in a named group, a stranger. */
export const ROLES = ["anonymous", "creator", "recipient", "groupMember", "unrelated"] as const;
export type Role = (typeof ROLES)[number];

/** No embargo, one still running, one that ran out. */
export const EMBARGO_STATES = ["none", "active", "expired"] as const;
export type EmbargoState = (typeof EMBARGO_STATES)[number];

const F: AccessLevel = "full";
const S: AccessLevel = "signatures";
const N: AccessLevel = "none";

/**
 * The expected level for every TLP × embargo state × role, written out by hand from FIRST TLP 2.0
 * and the embargo rule rather than computed, so the tests cannot share a mistake with the code.
 * Shared by the access function's own test and the HTTP API's read-path matrix.
 */
export const EXPECTED_ACCESS: readonly (readonly [Tlp, EmbargoState, Record<Role, AccessLevel>])[] = [
  ["CLEAR", "none", { anonymous: F, creator: F, recipient: F, groupMember: F, unrelated: F }],
  ["CLEAR", "active", { anonymous: N, creator: F, recipient: F, groupMember: F, unrelated: S }],
  ["CLEAR", "expired", { anonymous: F, creator: F, recipient: F, groupMember: F, unrelated: F }],
  ["GREEN", "none", { anonymous: N, creator: F, recipient: F, groupMember: F, unrelated: F }],
  ["GREEN", "active", { anonymous: N, creator: F, recipient: F, groupMember: F, unrelated: S }],
  ["GREEN", "expired", { anonymous: N, creator: F, recipient: F, groupMember: F, unrelated: F }],
  ["AMBER", "none", { anonymous: N, creator: F, recipient: F, groupMember: F, unrelated: N }],
  ["AMBER", "active", { anonymous: N, creator: F, recipient: F, groupMember: F, unrelated: N }],
  ["AMBER", "expired", { anonymous: N, creator: F, recipient: F, groupMember: F, unrelated: N }],
  ["AMBER+STRICT", "none", { anonymous: N, creator: F, recipient: N, groupMember: N, unrelated: N }],
  ["AMBER+STRICT", "active", { anonymous: N, creator: F, recipient: N, groupMember: N, unrelated: N }],
  ["AMBER+STRICT", "expired", { anonymous: N, creator: F, recipient: N, groupMember: N, unrelated: N }],
  ["RED", "none", { anonymous: N, creator: F, recipient: F, groupMember: F, unrelated: N }],
  ["RED", "active", { anonymous: N, creator: F, recipient: F, groupMember: F, unrelated: N }],
  ["RED", "expired", { anonymous: N, creator: F, recipient: F, groupMember: F, unrelated: N }],
];
