/** `npm run bench:exchange`: measures the exchange (PostgreSQL parts with DATABASE_URL) and prints the markdown section. A script: it prints. */
import { exchangeSection } from "./exchange.js";

process.stdout.write(await exchangeSection());
