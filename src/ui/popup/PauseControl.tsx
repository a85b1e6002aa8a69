import { useEffect, useState } from 'preact/hooks';
import { ONE_HOUR_MS, UNTIL_RESUMED, isPaused, pausedUntilResumed, type Settings } from '../../shared/settings';

type Change = (edit: (current: Settings) => Settings) => void;

/** Re-renders when a timed pause ends, so the popup never says "paused" after it is over. */
function useNowUntil(until: number | null): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (until === null || until <= now || until - now > 2 ** 31 - 1) return undefined;
    const timer = setTimeout(() => setNow(Date.now()), until - now + 50);
    return () => clearTimeout(timer);
  }, [until, now]);
  return now;
}

const clock = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/** Pause every lookup for an hour, or until the user resumes. */
export function PauseControl({ settings, change }: { settings: Settings; change: Change }) {
  const now = useNowUntil(settings.pausedUntil);
  const paused = isPaused(settings, now);
  if (paused) {
    const until = pausedUntilResumed(settings) ? 'until you resume' : `until ${clock(settings.pausedUntil as number)}`;
    return (
      <div class="pause paused">
        <p id="pause-state" data-testid="pause-state">Paused {until}: nothing is looked up.</p>
        <button type="button" id="resume" aria-describedby="pause-state" onClick={() => change((current) => ({ ...current, pausedUntil: null }))}>
          Resume
        </button>
      </div>
    );
  }
  return (
    <div class="pause" role="group" aria-labelledby="pause-label">
      <span id="pause-label">Pause lookups</span>
      <button type="button" id="pause-hour" onClick={() => change((current) => ({ ...current, pausedUntil: Date.now() + ONE_HOUR_MS }))}>
        For an hour
      </button>
      <button type="button" id="pause-indefinitely" onClick={() => change((current) => ({ ...current, pausedUntil: UNTIL_RESUMED }))}>
        Until I resume
      </button>
    </div>
  );
}
