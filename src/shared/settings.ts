import * as z from 'zod/mini';
import type { SourceId } from './domain';
import { SOURCE_CATALOG } from './sources-catalog';

/**
 * The user's choices. Each field carries its own fallback, so one corrupt value (an old version, a
 * hand-edited sync entry) falls back to its default without losing the others.
 */
const sourceSwitches = Object.fromEntries(
  SOURCE_CATALOG.map((source) => [source.id, z.catch(z.boolean(), source.defaultOn)]),
) as Record<SourceId, z.ZodMiniCatch<z.ZodMiniBoolean>>;

/** Longest list the popup accepts: every list shares storage.sync's 8 KB per-item quota with the rest. */
export const MAX_LIST_ENTRIES = 200;
const MAX_ENTRY_LENGTH = 320;

/**
 * A list of short strings. Something that is not a list falls back to empty; an entry that is not text
 * (or is absurdly long) is dropped on its own, so one bad entry does not cost the user the others.
 */
const textList = () => z.catch(
  z.pipe(
    z.array(z.unknown()),
    z.transform((items: unknown[]): string[] => items
      .filter((item): item is string => typeof item === 'string' && item.length <= MAX_ENTRY_LENGTH)
      .slice(0, MAX_LIST_ENTRIES)),
  ),
  [],
);

/** The retention periods the popup offers; 0 keeps everything. */
export const RETENTION_CHOICES = [7, 30, 90, 0] as const;

/** "Until resumed": Infinity is not JSON, so the last instant a Date can hold (8.64e15 ms). */
export const UNTIL_RESUMED = 8_640_000_000_000_000;
export const ONE_HOUR_MS = 3_600_000;

export const settingsSchema = z.object({
  /** The master switch: off means Earshot sends nothing anywhere. */
  enabled: z.catch(z.boolean(), true),
  /** Epoch ms until which nothing is looked up; null when not paused; UNTIL_RESUMED for "until I resume". */
  pausedUntil: z.catch(z.nullable(z.number()), null),
  sites: z.catch(
    z.object({ gmail: z.catch(z.boolean(), true), outlook: z.catch(z.boolean(), true) }),
    { gmail: true, outlook: true },
  ),
  sources: z.catch(z.object(sourceSwitches), defaultSourceSwitches()),
  /** GitHub search by email sends the address itself: off until the user turns it on. */
  githubEmailSearch: z.catch(z.boolean(), false),
  /** The user's own domains: colleagues there are never looked up. */
  myDomains: textList(),
  /** Addresses and domains never looked up. */
  exclusions: textList(),
  /** When on, only the addresses in `vips` are looked up. */
  vipOnly: z.catch(z.boolean(), false),
  vips: textList(),
  /** The user's company and brand names, for the needs-attention flag. */
  brands: textList(),
  /** Days looked-up data is kept; 0 keeps everything. */
  retentionDays: z.catch(z.int().check(z.minimum(0), z.maximum(3650)), 30),
  /** Nothing is looked up before the user has made the first-run choice. */
  onboarded: z.catch(z.boolean(), false),
});

export type Settings = z.infer<typeof settingsSchema>;

function defaultSourceSwitches(): Record<SourceId, boolean> {
  return Object.fromEntries(SOURCE_CATALOG.map((source) => [source.id, source.defaultOn])) as Record<SourceId, boolean>;
}

/** Whatever is stored (nothing, an old shape, garbage) becomes a complete, valid Settings. */
export function parseSettings(stored: unknown): Settings {
  const input = stored !== null && typeof stored === 'object' && !Array.isArray(stored) ? stored : {};
  const parsed = z.safeParse(settingsSchema, input);
  return parsed.success ? parsed.data : z.parse(settingsSchema, {});
}

export const DEFAULT_SETTINGS: Settings = parseSettings({});

export function isPaused(settings: Settings, now: number): boolean {
  return settings.pausedUntil !== null && settings.pausedUntil > now;
}

/** Paused with no end: the user resumes by hand. */
export function pausedUntilResumed(settings: Settings): boolean {
  return settings.pausedUntil !== null && settings.pausedUntil >= UNTIL_RESUMED;
}

/** May anything at all be sent for this source right now? The last gate before every request. */
export function sourceAllowed(settings: Settings, source: SourceId, now: number): boolean {
  return settings.enabled && settings.onboarded && !isPaused(settings, now) && settings.sources[source];
}

// ---- list entries as the user types them ----

// At least two labels: a lone word is far more often a typo than a domain.
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ADDRESS = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]+$/;

/** "https://www.Acme.com/about" or "@acme.com" → "acme.com"; null when it is not a domain. */
export function normaliseDomain(raw: string): string | null {
  let text = raw.trim().toLowerCase().replace(/^@/, '');
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(text)) {
    try {
      text = new URL(text).hostname;
    } catch {
      return null;
    }
  }
  text = text.replace(/\/.*$/, '').replace(/^www\./, '').replace(/\.$/, '');
  return DOMAIN.test(text) ? text : null;
}

/** "  Jane@Acme.com " or "mailto:jane@acme.com" → "jane@acme.com"; null when it is not an address. */
export function normaliseAddress(raw: string): string | null {
  const text = raw.trim().toLowerCase().replace(/^mailto:/, '').replace(/^<|>$/g, '');
  if (!ADDRESS.test(text)) return null;
  const domain = normaliseDomain(text.slice(text.lastIndexOf('@') + 1));
  return domain ? `${text.slice(0, text.lastIndexOf('@'))}@${domain}` : null;
}

export type ListEntryKind = 'domain' | 'address' | 'address-or-domain' | 'name';

/** One entry of a settings list in its stored form, or null when it is not what the list holds. */
export function normaliseListEntry(kind: ListEntryKind, raw: string): string | null {
  switch (kind) {
    case 'domain': return normaliseDomain(raw);
    case 'address': return normaliseAddress(raw);
    case 'address-or-domain': return raw.includes('@') && !raw.trim().startsWith('@') ? normaliseAddress(raw) : normaliseDomain(raw);
    case 'name': {
      const text = raw.trim().replace(/\s+/g, ' ');
      return text.length > 0 && text.length <= 100 ? text : null;
    }
  }
}
