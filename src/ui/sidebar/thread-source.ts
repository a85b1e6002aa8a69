import { useEffect, useState } from 'preact/hooks';
import type { DockCommand } from '../../shared/dock-protocol';
import type { ThreadRecord } from '../../shared/domain';
import type { ThreadContext } from '../../shared/thread';
import { database } from '../../db/database';
import { useSharedLiveQuery } from '../common/shared-live-query';
import { connectToDock } from './dock-link';

export type ThreadView = DockCommand | { type: 'waiting' };

/** Docked: what our content script says is open. In the browser's side panel: the newest reported thread. */
export function useThreadView(): ThreadView {
  const docked = new URLSearchParams(location.hash.slice(1)).has('dock');
  const [fromDock, setFromDock] = useState<ThreadView>({ type: 'waiting' });
  useEffect(() => {
    if (docked) connectToDock(window, setFromDock);
  }, [docked]);
  const latest = useSharedLiveQuery(
    docked ? 'dock' : 'threads',
    () => (docked ? undefined : database().threads.orderBy('seenAt').last()),
  );
  if (docked) return fromDock;
  if (latest.status !== 'ready' || !latest.value) return { type: 'waiting' };
  // A stored thread is the one reported, with its key and time besides; the client is one of ours.
  return { type: 'thread', thread: latest.value as ThreadRecord & ThreadContext };
}
