/** The command line of `npm run lookup -- "Jane Doe <jane@acme.com>" [--api-base URL] [--json] [--github-email]`. */
export interface LookupArgs {
  sender: string;
  /** `http://127.0.0.1:PORT`: every request for https://HOST/PATH?QUERY goes to {apiBase}/HOST/PATH?QUERY. */
  apiBase: string | null;
  json: boolean;
  /** Lets GitHub search by the address itself (off in Earshot until the user turns it on). */
  githubEmail: boolean;
  /** Gives up waiting after this long and reports what was found so far. */
  timeoutMs: number;
}

export const USAGE = `Usage: npm run lookup -- "Jane Doe <jane@acme.com>" [--api-base URL] [--json] [--github-email] [--timeout SECONDS]

Runs Earshot's resolver and sources in Node, with every source switched on and every host permission
granted, and prints what Earshot would find about the sender and every request it made.

  --api-base URL     send https://HOST/PATH?QUERY to URL/HOST/PATH?QUERY (the test fake server's form);
                     without it, the real public APIs are asked
  --json             print {identities, posts, company, requests} as JSON
  --github-email     also let GitHub search by the address itself (Earshot's own switch, off by default)
  --timeout SECONDS  stop waiting after this long (default 120), report what was found so far, exit 3`;

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): LookupArgs {
  const args: LookupArgs = { sender: '', apiBase: null, json: false, githubEmail: false, timeoutMs: 120_000 };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === '') throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--api-base': {
        const base = value().replace(/\/+$/, '');
        if (!/^https?:\/\/[^/]+$/.test(base)) throw new UsageError(`--api-base must be a scheme and host, like http://127.0.0.1:8080 (got ${base})`);
        args.apiBase = base;
        break;
      }
      case '--json':
        args.json = true;
        break;
      case '--github-email':
        args.githubEmail = true;
        break;
      case '--timeout': {
        const seconds = Number(value());
        if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError('--timeout must be a number of seconds');
        args.timeoutMs = seconds * 1000;
        break;
      }
      default:
        if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
        rest.push(arg);
    }
  }
  if (rest.length !== 1) throw new UsageError(rest.length === 0 ? 'name the sender, e.g. "Jane Doe <jane@acme.com>"' : 'name one sender (quote it)');
  args.sender = rest[0] ?? '';
  return args;
}
