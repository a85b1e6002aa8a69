import type { MailAdapter } from './types';
import { gmailAdapter } from './gmail/gmail';
import { outlookAdapter } from './outlook/outlook';

const ADAPTERS: readonly MailAdapter[] = [gmailAdapter, outlookAdapter];

/** The adapter for a page's host, or null on a host Earshot does not read. */
export function adapterForHost(hostname: string): MailAdapter | null {
  const host = hostname.toLowerCase();
  return ADAPTERS.find((adapter) => adapter.hosts.includes(host)) ?? null;
}
