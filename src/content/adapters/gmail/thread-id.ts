import { firstOf } from './dom-query';
import { threadIdFromHash } from './route';

/**
 * The conversation's id in Gmail's legacy hex form, so the same thread gets the same id whichever
 * attribute this Gmail build happens to render: data-legacy-thread-id is hex already, and
 * data-thread-perm-id="thread-f:<decimal>" is the same number in decimal (InboxSDK #1284). The URL
 * hash is the last resort; it may hold Gmail's newer opaque id ("FMfcgz…"), kept as it is.
 */
export function readThreadId(conversation: Element, url: URL): string | null {
  const legacy = firstOf(conversation, 'threadId');
  const legacyValue = legacy?.getAttribute('data-legacy-thread-id')?.trim();
  if (legacyValue && /^[0-9a-f]+$/i.test(legacyValue)) return legacyValue.toLowerCase();

  const permValue = legacy?.getAttribute('data-thread-perm-id') ?? permIdElsewhere(conversation);
  const fromPerm = permValue ? hexFromPermId(permValue) : null;
  if (fromPerm) return fromPerm;

  return threadIdFromHash(url);
}

/** The first alternative may have matched an element without the perm id; look for it on its own. */
function permIdElsewhere(conversation: Element): string | null {
  return conversation.querySelector('[data-thread-perm-id]')?.getAttribute('data-thread-perm-id') ?? null;
}

/** "thread-f:1781234567890123456" → "18b7…"; other kinds ("thread-a:r…", drafts) are kept as they are. */
export function hexFromPermId(permId: string): string | null {
  const match = /^thread-f:(\d+)$/.exec(permId.trim());
  if (!match?.[1]) return permId.trim() || null;
  return BigInt(match[1]).toString(16);
}
