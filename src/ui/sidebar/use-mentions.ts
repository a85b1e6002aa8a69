import browser from 'webextension-polyfill';
import { useEffect, useState } from 'preact/hooks';
import type { ConversationMentions } from '../../shared/message-body';
import { isMentionsChanged, threadKeyOf } from '../../shared/mentions-store';
import { send } from '../common/send';

/**
 * The names the background found in the open conversation's bodies, asked of the background (they live
 * in its session memory) and asked again each time it says they changed; null until there are any.
 */
export function useMentions(client: string, threadId: string): ConversationMentions | null {
  const threadKey = threadKeyOf(client, threadId);
  const [mentions, setMentions] = useState<ConversationMentions | null>(null);
  useEffect(() => {
    let current = true;
    // Answers can cross: only the newest request's answer is taken.
    let asked = 0;
    const ask = () => {
      const ticket = ++asked;
      send({ type: 'mentions/get', threadKey }).then(
        (answer) => { if (current && ticket === asked) setMentions(answer?.mentions ?? null); },
        () => undefined,
      );
    };
    const onMessage = (message: unknown) => {
      if (isMentionsChanged(message) && message.threadKey === threadKey) ask();
      return undefined;
    };
    setMentions(null);
    browser.runtime.onMessage.addListener(onMessage);
    ask();
    return () => {
      current = false;
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, [threadKey]);
  return mentions;
}
