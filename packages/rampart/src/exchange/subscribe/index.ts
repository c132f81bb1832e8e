/** Following the exchange's feed: a guard whose signatures track the live advisories. */
export { DEFAULT_RETRY, type RetrySettings } from "./backoff.js";
export {
  DEFAULT_IDLE_MS,
  type FollowEvent,
  type Follower,
  type FollowOptions,
  type FollowStats,
  followExchange,
} from "./follow.js";
export { SignatureBook } from "./signature-book.js";
export { advisoryViewSchema, parseAdvisoryView } from "./view-schema.js";
