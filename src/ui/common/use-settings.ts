import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { loadSettings, onSettingsChanged } from '../../shared/settings-store';

/** The current settings, updated live when the popup (or another window) changes them. */
export function useSettings(): { settings: Settings; loaded: boolean } {
  const [state, setState] = useState({ settings: DEFAULT_SETTINGS, loaded: false });
  useEffect(() => {
    let alive = true;
    void loadSettings().then((settings) => alive && setState({ settings, loaded: true }));
    const stop = onSettingsChanged((settings) => setState({ settings, loaded: true }));
    return () => {
      alive = false;
      stop();
    };
  }, []);
  return state;
}
