import type { MessageOf, ResponseOf } from '../../shared/messages';
import { eraseEverything } from '../data/erase';
import { forgetAllMentions } from '../email-text/thread-mentions';
import { sessionArea } from '../email-text/session-area';
import type { BackgroundContext } from '../context';

/** The popup's "Erase everything", after the user confirmed it there. */
export async function onDataErase(
  _message: MessageOf<'data/erase'>, context: BackgroundContext,
): Promise<ResponseOf<'data/erase'>> {
  try {
    // The names read from open conversations live in session memory, not in a table: forgotten first.
    const session = sessionArea();
    if (session) await forgetAllMentions(session);
    await eraseEverything(context);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
