/**
 * A phone number as a signature writes it, its label ("M:", "Tel.", "Mobile", "Téléphone", "Handy",
 * "Móvil") left out. Unlabelled digits count only when they look like a number to dial (an
 * international or trunk prefix, or ten digits and more), so dates, postcodes and register numbers
 * do not.
 */
const NUMBER = /(?:\+|\(\+?)?\d[\d\s()./–-]{5,}\d/u;
const LABEL = /(?:tel|phone|ph|mob|cell|handy|fon|office|direct|dir|work|tél|port|móvil|movil|celular|fijo|whatsapp|(?:^|\s)[tmpodcw])[\p{L}.]*\s*[:.]?\s*$/iu;
const FAX = /(?:fax|(?:^|\s)f)\s*[:.]?\s*$/i;

/** The number written in the segment; '' for a fax number; undefined when the segment holds no number. */
export function phoneIn(segment: string): string | undefined {
  const match = NUMBER.exec(segment);
  if (!match) return undefined;
  const number = match[0].trim();
  const digits = number.replace(/\D/g, '').length;
  if (digits < 7 || digits > 16) return undefined;
  const prefix = segment.slice(0, match.index);
  if (FAX.test(prefix)) return '';
  const labelled = LABEL.test(prefix);
  const dialled = /^[+(0]/.test(number) ? digits >= 9 : digits >= 10;
  if (!labelled && !dialled) return undefined;
  // Text after the number ("(mobile)", "ext. 12") stays out; a number must also be most of its part.
  if (!labelled && prefix.replace(/[^\p{L}]/gu, '').length > 12) return undefined;
  return number;
}
