import type { MessageOf, ResponseOf } from '../../shared/messages';
import { eraseEverything } from '../data/erase';
import type { BackgroundContext } from '../context';

/** The popup's "Erase everything", after the user confirmed it there. */
export async function onDataErase(
  _message: MessageOf<'data/erase'>, context: BackgroundContext,
): Promise<ResponseOf<'data/erase'>> {
  try {
    await eraseEverything(context);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
