import { base32 } from "./base32.js";
import { base64 } from "./base64.js";
import type { Decoder } from "./decoder.js";
import { hex } from "./hex.js";
import { htmlEntities } from "./html-entities.js";
import { reversed } from "./reversed.js";
import { rot13 } from "./rot13.js";
import { urlPercent } from "./url-percent.js";

/** Every decoder, tried in this order at each depth. */
export const DECODERS: readonly Decoder[] = [base64, base32, hex, urlPercent, htmlEntities, rot13, reversed];
