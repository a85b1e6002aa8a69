import type { MailClient } from './thread';

/**
 * Whether Earshot runs on a mail client, read straight from the stored settings. The content script
 * uses this instead of the full settings schema to stay small; a missing or odd value means "on",
 * as it does in the schema.
 */
export function siteEnabled(stored: unknown, client: MailClient): boolean {
  if (stored === null || typeof stored !== 'object') return true;
  const { enabled, sites } = stored as { enabled?: unknown; sites?: Record<string, unknown> };
  if (enabled === false) return false;
  return !(sites && typeof sites === 'object' && sites[client] === false);
}
