export { accessLevel } from "./access-level.js";
export { viewOf, visibleTo } from "./view.js";
