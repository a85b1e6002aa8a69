/**
 * Person names as written in mail: compared loosely (case, accents, "Last, First", initials, honorifics),
 * and recognised by their shape when there is nothing to compare with.
 */

const HONORIFICS = new Set(('dr prof mr mrs ms miss mx mme mlle m sr sra srta herr frau dipl ing mag phd mba jr ii iii iv ' +
  'dott ing rer nat med').split(' '));
const PARTICLES = new Set('de del della der den di du da das dos van von la le y bin al ter ten zu st'.split(' '));

/** Lower-case words without accents: "Dr. Zoë Müller-Lang" → [dr, zoe, muller, lang]. */
export function nameTokens(text: string): string[] {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
}

/** The words a sender's name and address give: "Dana Whitfield" <dana.whitfield@…> → dana, whitfield. */
export function senderTokens(senderName: string, senderEmail: string | null): Set<string> {
  // "Whitfield, Dana (Litware)", "Dana Whitfield via LinkedIn": the name without what the client adds.
  const name = senderName.includes('@') ? '' : senderName.replace(/\([^)]*\)|\[[^\]]*\]|\s+via\s+.*$/giu, ' ');
  const named = nameTokens(name).filter((token) => !HONORIFICS.has(token));
  if (named.length > 0) return new Set(named);
  // Only without a name: a role address (buchhaltung@, sales@) names no one.
  const local = (senderEmail ?? (senderName.includes('@') ? senderName : '')).split('@')[0] ?? '';
  return new Set(nameTokens(local.replace(/[._+-]+/g, ' ')).filter((token) => token.length > 1 && !HONORIFICS.has(token)));
}

/** "i. A. Stefan Braun", "ppa. Stefan Braun": German mail signs on someone's behalf; the name is what follows. */
export function withoutProxy(text: string): string {
  return text.replace(/^(?:i\.\s?A\.|i\.\s?V\.|ppa\.|pp\.)\s+/u, '');
}

/**
 * True when every word of `text` belongs to the sender's name (honorifics, particles and initials of a
 * name word allowed) and at least one is a name word: "Dana", "D. Whitfield", "WHITFIELD, Dana".
 */
export function matchesSender(text: string, sender: ReadonlySet<string>): boolean {
  if (sender.size === 0 || /[@\d]/.test(text) || text.length > 60) return false;
  const tokens = nameTokens(withoutProxy(text));
  if (tokens.length === 0 || tokens.length > 5) return false;
  let named = false;
  for (const token of tokens) {
    if (sender.has(token)) named = true;
    else if (!(HONORIFICS.has(token) || PARTICLES.has(token) || (token.length === 1 && [...sender].some((word) => word.startsWith(token))))) {
      return false;
    }
  }
  return named;
}

const NAME_WORD = /^(?:\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?|\p{Lu}\.|\p{Lu}[\p{Ll}]*\p{Lu}[\p{Ll}]+)$/u;

/**
 * Shaped like a person's name: two to four capitalised words ("Dana Whitfield", "María José García",
 * "Jean-Luc O'Neill", "Anke van der Berg"), an honorific allowed in front. Whether the words are a
 * title or a company instead is for the caller to rule out.
 */
export function looksLikePersonName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  while (words.length > 0 && HONORIFICS.has(nameTokens(words[0] ?? '').join(''))) words.shift();
  const named = words.filter((word) => !PARTICLES.has(word));
  if (named.length < 2 || named.length > 4) return false;
  return named.every((word) => NAME_WORD.test(word) && !TEAM_WORDS.has(word.toLowerCase()));
}

/** Words of the shared mailboxes that sign like people: "Customer Support", "Das Vertriebsteam", "Équipe Facturation". */
const TEAM_WORDS = new Set(('team support service services customer customers office department desk help info news newsletter ' +
  'billing accounts admin administration reception hr the your our das die der ihr ihre equipe équipe le la les votre notre el los ' +
  'equipo servicio atención').split(' '));
