/**
 * Lines that mark where a sender's own text, or their signature, ends: quoted remnants, mobile footers,
 * legal notices, separators and valedictions, in English, German, French and Spanish (and a few
 * neighbours' where they cost nothing). Each test takes one trimmed line.
 */

const ORIGINAL_MESSAGE = /^-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado)\s*-{2,}$/i;
const WROTE = /^(?:on\s.+\swrote|am\s.+\sschrieb.*|le\s.+\sa écrit|el\s.+\sescribió)\s*:$/i;
const HEADER_FROM = /^(?:from|von|de|da|van)\s*:\s*\S/i;
const HEADER_OTHER = /^(?:sent|gesendet|envoyé|enviado|date|datum|to|an|à|para|cc|subject|betreff|objet|asunto)\s*:/i;

/** Index of the first line of quoted or forwarded text (a plain-text reply's), or lines.length. */
export function quotedFrom(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (ORIGINAL_MESSAGE.test(line) || WROTE.test(line) || line.startsWith('>')) return i;
    if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 5).some((next) => HEADER_OTHER.test(next))) return i;
  }
  return lines.length;
}

const MOBILE = new RegExp('^(?:sent from (?:my|mail|outlook|yahoo|gmail|samsung)|sent (?:with|via|using) |get outlook for|' +
  'von meinem .{1,40} gesendet|gesendet (?:von|vom|mit|über) |envoyé (?:de|depuis) (?:mon|ma|l\'|outlook|yahoo)|obtenir outlook pour|' +
  'enviado (?:desde|con) |obtener outlook para|inviato da|verzonden (?:vanaf|met) )', 'i');

/** "Sent from my iPhone", "Von meinem iPhone gesendet", "Envoyé de mon iPhone", "Enviado desde mi móvil"… */
export function isMobileFooter(line: string): boolean {
  return MOBILE.test(line);
}

// Outlook's "P" before a print-less plea is a tree in the Wingdings font.
const NOTICE = new RegExp('^(?:\\W{0,3}|P\\s+)(?:confidential|confidentiality|disclaimer|privileged|important notice|legal notice|notice:|' +
  'this (?:e-?mail|message|communication|transmission)|the (?:information|content)s? (?:contained|in this|of this)|' +
  'please consider the environment|think before you print|save a tree|' +
  'diese (?:e-?mail|nachricht|mitteilung)|vertraulich|hinweis:|haftungsausschluss|datenschutzhinweis|bitte denken sie|' +
  'registered (?:office|in|address|number)|company (?:no|number|registration)|vat (?:no|number|reg)|' +
  'sitz der gesellschaft|registergericht|amtsgericht|handelsregister|geschäftsführ(?:er|erin|ung)\\s*:|ust-?id|steuer-?nr|steuernummer|hrb \\d|vorstand:|aufsichtsrat|' +
  'ce (?:message|courriel|mail|e-mail)|avertissement|avis de confidentialité|confidentialité|pensez à l|' +
  'este (?:mensaje|correo|e-?mail)|aviso(?: legal| de confidencialidad)?:?|la información (?:contenida|de este)|' +
  'antes de imprimir|protección de datos|en cumplimiento)', 'i');
const NOTICE_WORDS = /\b(?:confidential|intended recipient|vertraulich|empfänger|destinataire|confidentiel|destinatario|confidencial)/i;

/** The start of a legal disclaimer, a confidentiality notice, a print-less plea or a company's register footer. */
export function isNotice(line: string): boolean {
  return NOTICE.test(line) || (line.length > 120 && NOTICE_WORDS.test(line));
}

/** "-- ", "—", "___": a line that only separates. */
export function isSeparator(line: string): boolean {
  return /^(?:-{2,}|[—–]+|_{3,}|={3,}|\*{3,})$/.test(line.trim());
}

const VALEDICTIONS = [
  // English
  'best', 'best regards', 'best wishes', 'all the best', 'all best', 'kind regards', 'kindest regards', 'warm regards', 'warmest regards',
  'warmly', 'regards', 'many thanks', 'thanks', 'thank you', 'thanks again', 'thanks so much', 'thanks in advance', 'thanks a lot',
  'thx', 'cheers', 'sincerely', 'yours sincerely', 'sincerely yours', 'yours truly', 'yours', 'cordially', 'take care', 'talk soon',
  'speak soon', 'with thanks', 'with best regards', 'with kind regards', 'respectfully', 'br', 'rgds', 'best,',
  // German
  'viele grüße', 'viele grüsse', 'beste grüße', 'beste grüsse', 'liebe grüße', 'liebe grüsse', 'lg', 'vg', 'mfg', 'mit freundlichen grüßen',
  'mit freundlichen grüssen', 'mit freundlichem gruß', 'mit freundlichem gruss', 'freundliche grüße', 'freundliche grüsse',
  'herzliche grüße', 'herzliche grüsse', 'schöne grüße', 'schöne grüsse', 'mit besten grüßen', 'mit besten grüssen', 'gruß', 'gruss',
  'grüße', 'grüsse', 'besten dank', 'vielen dank', 'danke', 'herzlichst', 'bis bald',
  // French
  'cordialement', 'bien cordialement', 'très cordialement', 'bien à vous', 'bien à toi', 'salutations', 'meilleures salutations',
  'sincères salutations', 'bonne journée', 'belle journée', 'merci', 'merci beaucoup', 'merci d\'avance', 'amitiés', 'bien amicalement',
  'à bientôt', 'a bientôt',
  // Spanish
  'saludos', 'un saludo', 'saludos cordiales', 'un cordial saludo', 'reciba un cordial saludo', 'atentamente', 'cordialmente', 'gracias',
  'muchas gracias', 'un abrazo', 'abrazos', 'quedo atento', 'quedo atenta', 'quedo a la espera',
  // Italian, Dutch
  'cordiali saluti', 'distinti saluti', 'grazie', 'met vriendelijke groet', 'met vriendelijke groeten', 'groeten', 'hartelijke groet',
];
const VALEDICTION = new Set(VALEDICTIONS.map((phrase) => phrase.replace(/,$/, '')));

/**
 * A line that is a valediction ("Best regards,", "Mit freundlichen Grüßen", "Un saludo"), maybe with a
 * short name after it on the same line ("Thanks, Dana", "Cheers – Dana"): null when it is not one, else
 * the name written after it ('' when none).
 */
export function valediction(line: string): string | null {
  const trimmed = line.trim().replace(/[\s,.!…:;]+$/u, '');
  const plain = trimmed.toLowerCase().replace(/\s+/g, ' ');
  if (VALEDICTION.has(plain)) return '';
  // Bilingual: "Best regards / Mit freundlichen Grüßen".
  const parts = plain.split(/\s*\/\s*/).map((part) => part.replace(/[,.!…:;]+$/u, ''));
  if (parts.length > 1 && parts.every((part) => VALEDICTION.has(part))) return '';
  const split = /^([^,–—-]+?)\s*(?:,|\s[–—-])\s*(\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*){0,2})$/u.exec(trimmed);
  if (split && VALEDICTION.has((split[1] ?? '').toLowerCase().replace(/\s+/g, ' '))) return split[2] ?? '';
  return null;
}
