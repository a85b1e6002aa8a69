import type { HandlerMap } from '../router';
import { onDataErase } from './data-erase';
import { createDockVerify } from './dock-verify';
import { onIdentityAdd } from './identity-add';
import { onIdentityVerdict } from './identity-verdict';
import { onMentionLookup } from './mention-lookup';
import { onMentionsGet } from './mentions-get';
import { onPersonRefresh } from './person-refresh';
import { onThreadOpened } from './thread-opened';
import { writeMakingRoom } from '../../db/evict';

export const HANDLERS: HandlerMap = {
  // A full disk refuses the conversation's first writes (the thread, its people, their lookups): the
  // oldest posts make room and the whole handler runs once more (every write in it is an upsert).
  'thread/opened': async (message, context) => (await writeMakingRoom(context.db, () => onThreadOpened(message, context))).result,
  'thread/closed': async () => ({ ok: true }),
  'person/refresh': onPersonRefresh,
  'identity/verdict': onIdentityVerdict,
  'identity/add': onIdentityAdd,
  'mention/lookup': onMentionLookup,
  'mentions/get': onMentionsGet,
  'data/erase': onDataErase,
  'dock/verify': createDockVerify(),
};
