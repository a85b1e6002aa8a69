import { parseArgs, USAGE, UsageError } from './args';
import { formatReport } from './report';
import { runLookup, type LookupResult } from './run';
import { parseSender } from './sender';

export interface MainIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Replaces the global fetch (tests). */
  fetch?: typeof fetch;
}

const processIo: MainIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * `npm run lookup -- "Jane Doe <jane@acme.com>" [--api-base URL] [--json] [--github-email]`: prints what
 * Earshot would find about the sender. Returns the exit code (0; 2 for a usage error; 3 when it stopped
 * waiting before every lookup had finished) and, when the lookup ran, its result.
 */
export async function main(argv: readonly string[], io: MainIo = processIo): Promise<{ code: number; result?: LookupResult }> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(`${USAGE}\n`);
    return { code: 0 };
  }
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`lookup: ${error.message}\n\n${USAGE}\n`);
    return { code: 2 };
  }
  const sender = parseSender(args.sender);
  if (!sender) {
    io.err(`lookup: "${args.sender}" holds no email address\n`);
    return { code: 2 };
  }
  const { details, ...result } = await runLookup({
    sender, apiBase: args.apiBase, githubEmail: args.githubEmail, timeoutMs: args.timeoutMs, ...(io.fetch ? { fetch: io.fetch } : {}),
  });
  if (details.timedOut) io.err(`lookup: stopped waiting after ${args.timeoutMs / 1000} s; the report shows what had landed\n`);
  io.out(args.json ? `${JSON.stringify(result, null, 2)}\n` : formatReport(result, details));
  // 3: the report is partial (some lookups were still waiting, e.g. on a 429 or an unreachable host).
  return { code: details.timedOut ? 3 : 0, result };
}
