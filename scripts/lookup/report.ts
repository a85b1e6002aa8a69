import { SOURCE_CATALOG } from '../../src/shared/sources-catalog';
import type { Tier } from '../../src/shared/domain';
import { lookupStates, type LookupDetails, type LookupResult, type PostOut } from './run';

const TIER_WORDS: Record<Tier, string> = {
  A: 'tied to the email',
  B: 'linked from an A identity',
  C: 'the company',
  D: 'possible match (name or claim only)',
};

const SKIP_WORDS: Record<string, string> = {
  self: 'this is you',
  'no-address': 'there is no address to look up',
  'not-a-person': 'a role address (noreply@, support@, …) is not a person',
  colleague: 'a colleague',
  excluded: 'on the exclusion list',
  'not-vip': 'not a VIP',
};

function label(source: string): string {
  return SOURCE_CATALOG.find((info) => info.id === source)?.label ?? source;
}

function oneLine(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function postLines(posts: readonly PostOut[]): string[] {
  return posts.map((post) => `  ${post.createdAt.slice(0, 10)}  ${post.network.padEnd(10)} ${oneLine(post.text)}\n              ${post.url}`);
}

/** The human-readable report: who this is, why Earshot thinks so, what they said, and what was sent. */
export function formatReport(result: LookupResult, details: LookupDetails): string {
  const { sender } = details;
  const lines: string[] = [`What Earshot finds for ${sender.name ? `${sender.name} <${sender.email}>` : sender.email}`, ''];
  if (details.skipped) {
    lines.push(`Not looked up: ${SKIP_WORDS[details.skipped] ?? details.skipped}. Nothing was sent.`);
    return `${lines.join('\n')}\n`;
  }

  const person = result.identities.filter((identity) => identity.shownAsPerson);
  const others = result.identities.filter((identity) => !identity.shownAsPerson);
  lines.push(`Identities shown as the person (${person.length})`);
  if (person.length === 0) lines.push('  none');
  for (const group of [person, others]) {
    if (group === others) lines.push('', `Company and possible matches, never shown as the person (${others.length})`);
    for (const identity of group) {
      lines.push(`  [${identity.tier}] ${identity.network} ${identity.handle}  (${TIER_WORDS[identity.tier]})`, `      ${identity.url}`);
      identity.evidence.forEach((evidence, index) => lines.push(`      ${index === 0 ? 'because' : '   then'} ${evidence.text}`));
    }
  }

  lines.push('', `Posts (${result.posts.length})`, ...postLines(result.posts));
  const company = result.company;
  lines.push('', `Company: ${company.name ?? '—'}${company.domain ? ` (${company.domain})` : ' (no company domain: free mail or none)'}, ${company.items.length} item(s)`);
  lines.push(...postLines(company.items));

  lines.push('', 'Sources');
  for (const { source, state, detail } of lookupStates(details.lookups)) {
    lines.push(`  ${label(source).padEnd(22)} ${state}${detail ? ` — ${detail}` : ''}`);
  }
  if (details.timedOut) lines.push('  (stopped waiting: some lookups had not finished)');

  lines.push('', `Requests (${result.requests.length})`);
  for (const request of result.requests) lines.push(`  ${request.source.padEnd(12)} ${request.sent.padEnd(8)} ${request.url}`);
  return `${lines.join('\n')}\n`;
}
