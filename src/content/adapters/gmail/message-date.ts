const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The ISO time of a message from Gmail's `span.g3[title]`, which is the full date in the user's local
 * time and language: "Tue, Oct 8, 2024, 9:14 AM" (en-US, a narrow no-break space before AM since
 * 2023), "Thu, Dec 18, 2014 at 12:35 PM" (older), "Tue, 8 Oct 2024, 14:05" (en-GB). Anything else, such
 * as another language, gives null rather than a guess: Date.parse differs between browsers.
 */
export function parseGmailDate(title: string): string | null {
  const text = title.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
  const monthFirst = /^(?:[A-Za-z]{3}, )?([A-Za-z]{3})[a-z]* (\d{1,2}), (\d{4})(?:,| at) (\d{1,2}):(\d{2})(?: ?([AaPp][Mm]))?$/.exec(text);
  if (monthFirst) {
    const [, month, day, year, hour, minute, meridiem] = monthFirst;
    return build(year, month, day, hour, minute, meridiem);
  }
  const dayFirst = /^(?:[A-Za-z]{3}, )?(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})(?:,| at) (\d{1,2}):(\d{2})(?: ?([AaPp][Mm]))?$/.exec(text);
  if (dayFirst) {
    const [, day, month, year, hour, minute, meridiem] = dayFirst;
    return build(year, month, day, hour, minute, meridiem);
  }
  return null;
}

function build(
  year: string | undefined,
  monthName: string | undefined,
  day: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
  meridiem: string | undefined,
): string | null {
  const month = MONTHS.indexOf((monthName ?? '').toLowerCase());
  if (month < 0) return null;
  let hours = Number(hour);
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  const date = new Date(Number(year), month, Number(day), hours, Number(minute));
  // new Date rolls "Feb 31" over into March; a title Gmail wrote never does, so reject it.
  if (date.getDate() !== Number(day) || date.getMonth() !== month || hours > 23 || Number(minute) > 59) return null;
  return date.toISOString();
}
