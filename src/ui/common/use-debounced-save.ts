import { useEffect, useRef } from 'preact/hooks';

/** Calls `save` once typing pauses, and once more on unmount so nothing typed is lost. */
export function useDebouncedSave(value: string, save: (value: string) => void, delayMs = 400): void {
  const latest = useRef({ value, save, dirty: false });
  const first = useRef(true);
  latest.current.save = save;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    latest.current.value = value;
    latest.current.dirty = true;
    const timer = setTimeout(() => {
      latest.current.dirty = false;
      latest.current.save(value);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  useEffect(() => () => {
    if (latest.current.dirty) latest.current.save(latest.current.value);
  }, []);
}
