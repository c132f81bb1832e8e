export * from "./category.js";
export * from "./errors.js";
export * from "./message.js";
export * from "./signal.js";
export * from "./verdict.js";
