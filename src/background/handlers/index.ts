import type { HandlerMap } from '../router';
import { onDataErase } from './data-erase';
import { createDockVerify } from './dock-verify';
import { onIdentityAdd } from './identity-add';
import { onIdentityVerdict } from './identity-verdict';
import { onMentionLookup } from './mention-lookup';
import { onMentionsGet } from './mentions-get';
import { onPersonRefresh } from './person-refresh';
import { onThreadOpened } from './thread-opened';

export const HANDLERS: HandlerMap = {
  'thread/opened': onThreadOpened,
  'thread/closed': async () => ({ ok: true }),
  'person/refresh': onPersonRefresh,
  'identity/verdict': onIdentityVerdict,
  'identity/add': onIdentityAdd,
  'mention/lookup': onMentionLookup,
  'mentions/get': onMentionsGet,
  'data/erase': onDataErase,
  'dock/verify': createDockVerify(),
};
