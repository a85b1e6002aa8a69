// `npm run lookup -- "Jane Doe <jane@acme.com>" [--api-base URL] [--json] [--github-email]`
// What would Earshot find? Runs the extension's own scheduler, resolver and sources in Node (every
// source on, host permissions granted, an in-memory IndexedDB) and prints each identity with its tier
// and evidence, the posts and company items found, and every request made. See scripts/lookup/.

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from './lookup/main';

export { main } from './lookup/main';
export type { LookupResult } from './lookup/run';

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then(
    ({ code }) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
