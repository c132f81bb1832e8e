/** `npm run bench:ledger`: measures the transparency log and prints the markdown section. A script: it prints. */
import { ledgerSection } from "./ledger.js";

process.stdout.write(await ledgerSection());
