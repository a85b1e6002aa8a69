/**
 * Feed dates to epoch ms, the same in every browser. RSS uses RFC 822 dates ("Tue, 07 Sep 2021
 * 02:47:57 +0200"), Atom and Dublin Core use ISO 8601; Date.parse accepts the first only by engine
 * custom, so it is parsed here.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Offsets in minutes for the zone names RFC 822 allows, and a few feeds use anyway.
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360,
  PST: -480, PDT: -420, CET: 60, CEST: 120, BST: 60, IST: 330, JST: 540, AEST: 600, AEDT: 660,
};

const RFC_822 = /^(?:[A-Za-z]+\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3})[A-Za-z]*\.?[\s-]+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?\s*$/;
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function offsetMinutes(zone: string | undefined): number {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3]));
  // Unknown names (and military letters) count as UTC, which RFC 1123 says they should.
  return ZONES[zone.toUpperCase()] ?? 0;
}

function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, zone: string | undefined): number | null {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  return Date.UTC(year, month, day, hour, minute, second) - offsetMinutes(zone) * 60_000;
}

export function parseFeedDate(raw: string | null | undefined): number | null {
  const text = raw?.trim();
  if (!text) return null;
  const iso = ISO_8601.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, fraction, zone] = iso;
    const ms = utc(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), zone);
    return ms === null ? null : ms + Math.round(Number(fraction ?? 0) * 1000);
  }
  const rfc = RFC_822.exec(text);
  if (rfc) {
    const [, d, mon, y, h, mi, s, zone] = rfc;
    const month = MONTHS.indexOf((mon ?? '').toLowerCase());
    let year = Number(y);
    if (year < 100) year += year < 50 ? 2000 : 1900;
    return utc(year, month, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), zone);
  }
  return null;
}
