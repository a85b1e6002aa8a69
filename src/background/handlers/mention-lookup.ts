import type { MessageOf, ResponseOf } from '../../shared/messages';
import type { PersonRecord } from '../../shared/domain';
import { isPaused, sourceAllowed } from '../../shared/settings';
import { personIdFor, setLookupState } from '../../db/people';
import { resolveJobsFor } from '../resolver';
import type { BackgroundContext } from '../context';

/** The sources that can look up a bare name: the others need an address or a domain. */
const NAME_SOURCES = new Set(['bluesky']);

/** "  Dana   Whitfield " → "Dana Whitfield". */
function tidyName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * "Look up" on a name mentioned in the open conversation. Nothing ties the name to an address, so this
 * runs only when the user asks, only through the sources that can search a name, and whatever they find
 * stays a possible match until the user confirms it. The name is kept (the user chose it); the
 * conversation it came from is not.
 */
export async function onMentionLookup(
  message: MessageOf<'mention/lookup'>, context: BackgroundContext,
): Promise<ResponseOf<'mention/lookup'>> {
  const { db, now } = context;
  const name = tidyName(message.name);
  if (name === '') return { ok: false, reason: 'No name to look up.' };
  const settings = await context.loadSettings();
  if (!settings.enabled) return { ok: false, reason: 'Earshot is switched off.' };
  if (!settings.onboarded) return { ok: false, reason: 'Choose your sources first.' };
  if (isPaused(settings, now())) return { ok: false, reason: 'Earshot is paused.' };
  const sources = context.sources.filter((source) => NAME_SOURCES.has(source.id) && sourceAllowed(settings, source.id, now()));
  if (sources.length === 0) return { ok: false, reason: 'Bluesky is switched off: no source can look up a name.' };

  const id = personIdFor({ email: null, name });
  const person = await db.transaction('rw', db.people, async () => {
    const existing = await db.people.get(id);
    const record: PersonRecord = existing
      ? { ...existing, lastSeenAt: now(), lookupChosenAt: now() }
      : { id, email: null, name, domain: null, firstSeenAt: now(), lastSeenAt: now(), lookups: {}, lookupChosenAt: now() };
    await db.people.put(record);
    return record;
  });
  const jobs = resolveJobsFor(person, sources, settings, 0, now());
  for (const job of jobs) await setLookupState(db, person.id, job.source, 'queued', now());
  await context.scheduler.enqueue(jobs);
  return { ok: true, personId: person.id };
}
