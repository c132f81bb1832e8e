/** `npm run bench:proxy`: measures the guarding proxy's overhead and prints the markdown section. A script: it prints. */
import { proxyOverheadSection } from "./proxy-overhead.js";

process.stdout.write(await proxyOverheadSection());
