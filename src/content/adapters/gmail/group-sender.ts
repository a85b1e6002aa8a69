import type { Address } from './address';
import type { MessageDetails } from './details-table';
import { isListAddress } from './person-rules';

/** Who really sent a message, and the list it came through when Google Groups rewrote the sender. */
export interface ResolvedSender {
  sender: Address;
  list: Address | null;
}

/**
 * When the author's domain has a strict DMARC policy, Google Groups rewrites From to
 * "'Omar Haddad' via Platform Guild <platform-guild@googlegroups.com>", so `span.gD[email]` holds the
 * list. The author is then the name before "via", and their address the Reply-To when the details table
 * shows one; without it the author is known by name only. The list becomes a recipient. A plain
 * "via sendgrid.net" beside a normal sender needs nothing: span.gD[email] already is the person.
 */
export function resolveSender(sender: Address, details: MessageDetails | null, listIds: ReadonlySet<string>): ResolvedSender {
  const rewritten = /^['"\u2018\u201c]?(.+?)['"\u2019\u201d]? via (.+)$/.exec(sender.name);
  if (!rewritten?.[1] || !sender.email || !isListAddress(sender.email, listIds)) return { sender, list: null };
  const author = details?.replyTo.find((address) => address.email && address.email !== sender.email);
  return {
    sender: { name: rewritten[1].trim() || author?.name || '', email: author?.email ?? null },
    list: { name: rewritten[2]?.trim() ?? '', email: sender.email },
  };
}
