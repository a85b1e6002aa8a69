import { nameTokens } from './person-name';
import { compact, domainLabel, sameOrganisation } from './roles';

/**
 * The names a conversation mentions, one kind at a time: noise left out, the conversation's own people
 * and organisations left out, duplicates merged ("Dana" and "Dana Whitfield" → the full name, at the
 * place the first was seen), capped.
 */
export const MAX_MENTIONS = 20;

export interface Excluded {
  /** Each participant's name words ("Dana Whitfield", "dana.whitfield@…" → dana, whitfield). */
  people: string[][];
  /** Organisation keys: names given, and the organisation part of each non-free-mail address. */
  organisations: string[];
}

const HONORIFICS = new Set('mr mrs ms mx dr prof herr frau mme mlle m sr sra srta don dona'.split(' '));

export function excluded(entries: readonly string[]): Excluded {
  const people: string[][] = [];
  const organisations: string[] = [];
  for (const entry of entries) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    const at = trimmed.lastIndexOf('@');
    if (at > 0) {
      people.push(nameTokens(trimmed.slice(0, at).replace(/[._+-]+/g, ' ')).filter((token) => token.length > 1));
      const label = domainLabel(trimmed.slice(at + 1));
      if (label) organisations.push(label);
    } else {
      people.push(personTokens(trimmed));
      organisations.push(trimmed);
    }
  }
  return { people: people.filter((tokens) => tokens.length > 0), organisations };
}

function personTokens(name: string): string[] {
  return nameTokens(name).filter((token) => !HONORIFICS.has(token));
}

const MONTHS_AND_DAYS = new Set(('monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
  'august september october november december montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar marz maerz ' +
  'mai juni juli oktober dezember lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril juin juillet aout ' +
  'septembre octobre novembre decembre lunes martes miercoles jueves viernes sabado domingo enero febrero marzo abril mayo junio julio ' +
  'agosto septiembre octubre noviembre diciembre today tomorrow yesterday heute morgen gestern aujourd hui demain hier hoy manana ayer').split(' '));
/** Mail and meeting software, greetings and other words that start with a capital without naming anyone. */
const NOISE = new Set(('gmail outlook teams zoom slack meet webex skype iphone ipad android mac windows excel word powerpoint pdf ' +
  'docx xlsx pptx sharepoint onedrive dropbox calendly whatsapp linkedin re fwd fw aw wg tr rv hi hello hey dear ' +
  'thanks thank regards best cheers ok okay yes no please ps p.s. hallo danke bitte merci bonjour hola gracias saludos cc bcc eod eow asap ' +
  'fyi faq ceo cto cfo coo vp hr it q1 q2 q3 q4 am pm utc cet cest est pst').split(' '));

/** Office and meeting products that carry a company's name. */
const PRODUCTS = new Set(['google docs', 'google drive', 'google sheets', 'google slides', 'google meet', 'google calendar',
  'google workspace', 'microsoft teams', 'ms teams', 'microsoft 365', 'office 365', 'microsoft office', 'zoom meeting', 'apple mail']);

function noise(label: string): boolean {
  const tokens = nameTokens(label);
  if (tokens.length === 0 || label.length < 2 || label.length > 60 || PRODUCTS.has(tokens.join(' '))) return true;
  return tokens.every((token) => MONTHS_AND_DAYS.has(token) || NOISE.has(token) || HONORIFICS.has(token));
}

interface Entry {
  label: string;
  key: string;
  tokens: string[];
}

export class MentionList {
  private readonly entries: Entry[] = [];

  constructor(private readonly kind: 'person' | 'organisation') {}

  add(label: string, left: Excluded): void {
    const clean = label.replace(/\s+/g, ' ').replace(/^[\s'"“(]+|[\s'"”),;:]+$/g, '');
    if (noise(clean) || this.isExcluded(clean, left)) return;
    const tokens = this.kind === 'person' ? personTokens(clean) : [compact(clean)];
    const entry: Entry = { label: clean, key: compact(clean), tokens };
    const same = this.entries.findIndex((other) => this.sameName(other, entry));
    if (same >= 0) {
      const other = this.entries[same] as Entry;
      // The fuller spelling wins and keeps the first one's place.
      if (entry.tokens.join(' ').length > other.tokens.join(' ').length || (entry.label.length > other.label.length && entry.key.startsWith(other.key))) {
        this.entries[same] = entry;
      }
      return;
    }
    if (this.entries.length < MAX_MENTIONS) this.entries.push(entry);
  }

  list(): string[] {
    return this.entries.map((entry) => entry.label);
  }

  private sameName(a: Entry, b: Entry): boolean {
    if (this.kind === 'organisation') return sameOrganisation(a.label, b.label) || a.key === b.key;
    const [shorter, longer] = a.tokens.length <= b.tokens.length ? [a.tokens, b.tokens] : [b.tokens, a.tokens];
    return shorter.length > 0 && shorter.every((token) => longer.includes(token));
  }

  private isExcluded(label: string, left: Excluded): boolean {
    if (this.kind === 'organisation') return left.organisations.some((name) => compact(name).length >= 3 && sameOrganisation(label, name));
    const tokens = personTokens(label);
    return left.people.some((participant) => tokens.every((token) => participant.includes(token)) ||
      participant.every((token) => tokens.includes(token)));
  }
}
