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

export const settingsSchema = z.object({
  /** The master switch: off means Earshot sends nothing anywhere. */
  enabled: z.catch(z.boolean(), true),
  /** Epoch ms until which nothing is looked up; null when not paused. Infinity is not JSON: "until resumed" is a far date. */
  pausedUntil: z.catch(z.nullable(z.number()), null),
  sites: z.catch(
    z.object({ gmail: z.catch(z.boolean(), true), outlook: z.catch(z.boolean(), true) }),
    { gmail: true, outlook: true },
  ),
  sources: z.catch(z.object(sourceSwitches), defaultSourceSwitches()),
  /** GitHub search by email sends the address itself: off until the user turns it on. */
  githubEmailSearch: z.catch(z.boolean(), false),
  myDomains: z.catch(z.array(z.string()), []),
  exclusions: z.catch(z.array(z.string()), []),
  vipOnly: z.catch(z.boolean(), false),
  vips: z.catch(z.array(z.string()), []),
  brands: z.catch(z.array(z.string()), []),
  /** 0 keeps everything. */
  retentionDays: z.catch(z.number(), 30),
  /** Nothing is looked up before the user has made the first-run choice. */
  onboarded: z.catch(z.boolean(), false),
});

export type Settings = z.infer<typeof settingsSchema>;

function defaultSourceSwitches(): Record<SourceId, boolean> {
  return Object.fromEntries(SOURCE_CATALOG.map((source) => [source.id, source.defaultOn])) as Record<SourceId, boolean>;
}

/** Whatever is stored (nothing, an old shape, garbage) becomes a complete, valid Settings. */
export function parseSettings(stored: unknown): Settings {
  const input = stored !== null && typeof stored === 'object' ? stored : {};
  const parsed = z.safeParse(settingsSchema, input);
  return parsed.success ? parsed.data : z.parse(settingsSchema, {});
}

export const DEFAULT_SETTINGS: Settings = parseSettings({});

export function isPaused(settings: Settings, now: number): boolean {
  return settings.pausedUntil !== null && settings.pausedUntil > now;
}

/** May anything at all be sent for this source right now? The last gate before every request. */
export function sourceAllowed(settings: Settings, source: SourceId, now: number): boolean {
  return settings.enabled && settings.onboarded && !isPaused(settings, now) && settings.sources[source];
}
