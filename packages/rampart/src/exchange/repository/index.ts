export type { AdvisoryChange, PublishInput } from "./advisories.js";
export { type AdvisoryFilters, MAX_PAGE } from "./advisory-reads.js";
export type { CreatedApiKey, Principal } from "./api-keys.js";
export { ExchangeRepository } from "./exchange-repository.js";
export type { SharingGroup } from "./groups.js";
export type { Member, Organisation } from "./organisations.js";
