import { normaliseEmail } from '../../src/shared/email';

/** The sender as a mail client shows it: `Jane Doe <jane@acme.com>`, `"Doe, Jane" <jane@acme.com>` or a bare address. */
export interface Sender {
  name: string;
  email: string;
}

export function parseSender(text: string): Sender | null {
  const trimmed = text.trim();
  const angled = /^(.*?)\s*<([^<>]+)>$/.exec(trimmed);
  const rawName = angled ? angled[1] ?? '' : '';
  const email = normaliseEmail(angled ? angled[2] : trimmed);
  if (!email) return null;
  const name = rawName.trim().replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1').trim();
  return { name, email };
}
