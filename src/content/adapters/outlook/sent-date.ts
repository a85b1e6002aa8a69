/**
 * Reading the date Outlook prints on a message ("Fri 4/10/2026 8:23 AM", "Fr 10.04.2026 08:23",
 * "ven. 10/04/2026 08:23", "vie 10/04/2026 8:23") without knowing the language of the weekday.
 *
 * The result is a local date-time without an offset ("2026-04-10T08:23:00"), because that is all the
 * page says; `new Date()` reads such a string as local time, which is what the user saw.
 */

const DATE = /(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})/;
const TIME = /(\d{1,2})[:.h](\d{2})(?:[:.](\d{2}))?\s*(?:([ap])\.?\s?m\.?)?/i;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function fullYear(year: number): number {
  return year < 100 ? 2000 + year : year;
}

/** Day, month and year from the three numbers, by separator, by range, then by the page's language. */
function orderParts(
  a: number,
  sep: string,
  b: number,
  c: number,
  twelveHour: boolean,
  lang: string,
): { year: number; month: number; day: number } {
  if (a > 31) return { year: a, month: b, day: c };
  if (sep === '.') return { year: fullYear(c), month: b, day: a };
  if (a > 12) return { year: fullYear(c), month: b, day: a };
  if (b > 12) return { year: fullYear(c), month: a, day: b };
  // Month first is a US habit, not a 12-hour-clock one (es-MX prints "10/04/2026 8:23 p. m."): the page's
  // language decides, and the clock only when the page declares none.
  const monthFirst = lang ? /^en(-us|-ph)?$/i.test(lang) : twelveHour;
  return monthFirst ? { year: fullYear(c), month: a, day: b } : { year: fullYear(c), month: b, day: a };
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The local ISO date-time of a printed date, or null when the text holds no full date. */
export function parseSentDate(text: string | null | undefined, lang: string): string | null {
  if (!text) return null;
  const date = DATE.exec(text);
  if (!date) return null;
  const after = text.slice(date.index + date[0].length);
  const time = TIME.exec(after);
  const meridiem = time?.[4]?.toLowerCase() ?? null;
  const { year, month, day } = orderParts(
    Number(date[1]),
    date[2] ?? '/',
    Number(date[3]),
    Number(date[4]),
    meridiem !== null,
    lang,
  );
  if (!isRealDate(year, month, day)) return null;
  const day0 = `${year}-${pad(month)}-${pad(day)}`;
  if (!time) return day0;
  let hours = Number(time[1]);
  const minutes = Number(time[2]);
  const seconds = Number(time[3] ?? 0);
  if (meridiem === 'p' && hours < 12) hours += 12;
  if (meridiem === 'a' && hours === 12) hours = 0;
  if (hours > 23 || minutes > 59 || seconds > 59) return day0;
  return `${day0}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
}
