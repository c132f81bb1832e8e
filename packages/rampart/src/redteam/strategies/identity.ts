import { defineStrategy } from "./define.js";

/** The plain request, unchanged: the no-attack baseline every other strategy's uplift is measured against. */
export const identity = defineStrategy({
  id: "identity",
  description: "The plain request with no attack: the baseline for measuring each strategy's uplift.",
  tags: [],
  apply: (request) => request,
});
