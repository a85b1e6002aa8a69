import type { BriefData } from './brief-data';
import { tierBadge } from '../common/tiers';

const day = (at: number) => new Date(at).toISOString().slice(0, 10);
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The call brief as Markdown, for pasting into a CRM or a note. */
export function briefMarkdown(brief: BriefData): string {
  const { person, facts } = brief;
  const lines: string[] = [`# ${person.name || person.email || person.id}`];
  const role = [facts.jobTitle, facts.company].filter(Boolean).join(', ');
  if (role) lines.push('', role);
  const meta = [person.email, facts.location].filter(Boolean).join(' · ');
  if (meta) lines.push('', meta);
  if (facts.description) lines.push('', `> ${oneLine(facts.description)}`);

  if (brief.identities.length > 0) {
    lines.push('', '## Identities');
    for (const identity of brief.identities) lines.push(`- ${identity.network}: [${identity.handle}](${identity.url}) (${tierBadge(identity)})`);
  }
  const points = [...brief.points.topics, ...brief.points.hashtags, ...brief.points.organisations];
  if (points.length > 0) {
    lines.push('', '## Talking points');
    if (brief.points.topics.length) lines.push(`- Topics: ${brief.points.topics.map((p) => `${p.label} (${p.count})`).join(', ')}`);
    if (brief.points.hashtags.length) lines.push(`- Hashtags: ${brief.points.hashtags.map((p) => `${p.label} (${p.count})`).join(', ')}`);
    if (brief.points.organisations.length) lines.push(`- Organisations: ${brief.points.organisations.map((p) => `${p.label} (${p.count})`).join(', ')}`);
  }
  if (brief.attention.length > 0) {
    lines.push('', '## Needs attention');
    for (const { post, matched } of brief.attention) lines.push(`- ${day(post.createdAt)} mentions ${matched}: "${oneLine(post.text)}" (${post.url})`);
  }
  if (brief.recent.length > 0) {
    lines.push('', '## Recent posts');
    for (const post of brief.recent) lines.push(`- ${day(post.createdAt)} (${post.network}): ${oneLine(post.text)} (${post.url})`);
  }
  if (brief.company.length > 0 || brief.companyNews.length > 0) {
    lines.push('', '## Company');
    for (const identity of brief.company) lines.push(`- ${identity.network}: [${identity.displayName ?? identity.handle}](${identity.url})`);
    for (const post of brief.companyNews) lines.push(`- ${day(post.createdAt)}: ${oneLine(post.text)} (${post.url})`);
  }
  if (brief.note?.text.trim()) lines.push('', '## Notes', '', brief.note.text.trim());
  lines.push('', `_Brief made by Earshot on ${day(brief.generatedAt)} from public sources._`, '');
  return lines.join('\n');
}
