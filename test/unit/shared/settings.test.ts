import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, isPaused, parseSettings, sourceAllowed } from '../../../src/shared/settings';

describe('settings', () => {
  it('gives complete defaults for nothing stored', () => {
    for (const stored of [undefined, null, 'garbage', 42, []]) {
      expect(parseSettings(stored)).toEqual(DEFAULT_SETTINGS);
    }
    expect(DEFAULT_SETTINGS.enabled).toBe(true);
    expect(DEFAULT_SETTINGS.onboarded).toBe(false);
    expect(DEFAULT_SETTINGS.githubEmailSearch).toBe(false);
    expect(DEFAULT_SETTINGS.sources.bluesky).toBe(true);
  });

  it('keeps the good fields when one is corrupt', () => {
    const parsed = parseSettings({ enabled: false, retentionDays: 'lots', sources: { bluesky: false, gravatar: 'yes' }, brands: ['Acme'] });
    expect(parsed.enabled).toBe(false);
    expect(parsed.retentionDays).toBe(30);
    expect(parsed.sources.bluesky).toBe(false);
    expect(parsed.sources.gravatar).toBe(true);
    expect(parsed.brands).toEqual(['Acme']);
  });

  it('lets a source send only when on, onboarded, enabled and not paused', () => {
    const now = 1_000_000;
    const ready = parseSettings({ onboarded: true });
    expect(sourceAllowed(ready, 'bluesky', now)).toBe(true);
    expect(sourceAllowed({ ...ready, enabled: false }, 'bluesky', now)).toBe(false);
    expect(sourceAllowed({ ...ready, onboarded: false }, 'bluesky', now)).toBe(false);
    expect(sourceAllowed({ ...ready, sources: { ...ready.sources, bluesky: false } }, 'bluesky', now)).toBe(false);
    expect(sourceAllowed({ ...ready, pausedUntil: now + 1 }, 'bluesky', now)).toBe(false);
    expect(isPaused({ ...ready, pausedUntil: now - 1 }, now)).toBe(false);
  });
});
