/** Remote links are followed only when they are plain web links. */
export function safeHttpUrl(raw: string | undefined | null): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Remote images load only over https (never http, data: or blob:), and without a referrer. */
export function safeImageUrl(raw: string | undefined | null): string | null {
  const url = safeHttpUrl(raw);
  return url && url.startsWith('https:') ? url : null;
}
