/**
 * What Gmail's hash route says. Conversations open at `#<view>/<id>`: `#inbox/<id>`, `#label/x/<id>`,
 * `#search/query/<id>` (gmail.js #531). The id is the legacy hex id (up to 16 hex digits) or, since 2018,
 * an opaque mixed-case token ("FMfcgzGxSRNbXwmt…"); settings and list pages end in words.
 */
export function threadIdFromHash(url: URL): string | null {
  const hash = safeDecode(url.hash.replace(/^#/, '')).split('?')[0] ?? '';
  const segments = hash.split('/').filter(Boolean);
  if (segments.length < 2 || segments[0] === 'settings') return null;
  const last = segments[segments.length - 1] ?? '';
  return looksLikeThreadId(last) ? last : null;
}

function looksLikeThreadId(segment: string): boolean {
  if (/^[0-9a-f]{12,16}$/i.test(segment)) return true;
  return /^[A-Za-z0-9]{24,}$/.test(segment) && /[a-z]/.test(segment) && /[A-Z]/.test(segment);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
