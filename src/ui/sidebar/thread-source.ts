import { useEffect, useState } from 'preact/hooks';
import type { DockCommand } from '../../shared/dock-protocol';
import { database } from '../../db/database';
import { useLiveQuery } from '../common/use-live-query';
import { connectToDock } from './dock-link';

export type ThreadView = DockCommand | { type: 'waiting' };

/** Docked: what our content script says is open. In the browser's side panel: the newest reported thread. */
export function useThreadView(): ThreadView {
  const docked = new URLSearchParams(location.hash.slice(1)).has('dock');
  const [fromDock, setFromDock] = useState<ThreadView>({ type: 'waiting' });
  useEffect(() => {
    if (docked) connectToDock(window, setFromDock);
  }, [docked]);
  const latest = useLiveQuery(
    () => (docked ? undefined : database().threads.orderBy('seenAt').last()),
    [docked],
  );
  if (docked) return fromDock;
  if (latest.status !== 'ready' || !latest.value) return { type: 'waiting' };
  const { client, threadId, subject, participants, self } = latest.value;
  return { type: 'thread', thread: { client: client as 'gmail' | 'outlook', threadId, subject, participants, self } };
}
