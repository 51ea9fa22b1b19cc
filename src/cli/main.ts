// The `twostage` executable from the sources: `node --import tsx src/cli/main.ts …` (development and tests). The
// shipped one is the bundle of entry.ts that dist/main.js (launch.ts) runs.
import { main } from './entry.ts';

await main();
