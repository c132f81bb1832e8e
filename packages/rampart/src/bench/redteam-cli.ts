/** `npm run bench:redteam`: measures the red-team runner and prints the markdown section. A script: it prints. */
import { redteamSection } from "./redteam.js";

process.stdout.write(await redteamSection());
