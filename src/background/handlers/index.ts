import type { HandlerMap } from '../router';
import { onDataErase } from './data-erase';
import { onIdentityAdd } from './identity-add';
import { onIdentityVerdict } from './identity-verdict';
import { onPersonRefresh } from './person-refresh';
import { onThreadOpened } from './thread-opened';

export const HANDLERS: HandlerMap = {
  'thread/opened': onThreadOpened,
  'thread/closed': async () => ({ ok: true }),
  'person/refresh': onPersonRefresh,
  'identity/verdict': onIdentityVerdict,
  'identity/add': onIdentityAdd,
  'data/erase': onDataErase,
};
