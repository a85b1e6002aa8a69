import { matchesSender } from './person-name';
import { isMobileFooter, isNotice, isSeparator, quotedFrom, valediction } from './text-markers';

/**
 * Where a message's signature block is: the sender's own text (before any quoted remnant) is searched
 * from its end for the latest of three starts — the line after a separator ("-- ", "—"), the line after
 * a valediction ("Best,", "Viele Grüße", "Cordialement", "Un saludo"), a line that is the sender's name
 * (alone or first in "Name | Title") — and the block runs from there to a mobile footer, a legal notice,
 * another separator, a line of prose or the end. A start whose block opens with prose, or is longer than
 * any signature, is passed over for an earlier one.
 */
export interface SignatureBlock {
  /** Line range [start, end) in `text.split('\n')`; start is the block's first non-empty line. */
  start: number;
  end: number;
  /** A name the valediction line carried ("Thanks, Dana" → "Dana"), '' when none. */
  signOffName: string;
}

const MAX_BLOCK_LINES = 15;
const MAX_LINE = 160;
const MAX_TRIES = 8;

/** Splits a signature line into its parts: "Dana Whitfield | VP Sales · Litware" → three. */
export function segments(line: string): string[] {
  return line.split(/\s*[|•·▪■◆]\s*|\s+[–—-]\s+|\s{3,}|\t+/u).map((part) => part.trim()).filter(Boolean);
}

export function signatureBlock(text: string, sender: ReadonlySet<string>): SignatureBlock | null {
  const lines = text.split('\n').map((line) => line.trim());
  const own = quotedFrom(lines);
  const starts: { at: number; signOffName: string }[] = [];
  for (let i = 0; i < own; i++) {
    const line = lines[i] ?? '';
    const signOff = valediction(line);
    if (isSeparator(line)) starts.push({ at: i + 1, signOffName: '' });
    else if (signOff !== null) starts.push({ at: i + 1, signOffName: signOff });
    else if (matchesSender(segments(line)[0] ?? '', sender)) starts.push({ at: i, signOffName: '' });
  }
  // The latest start with a block wins, or an earlier one whose block runs through it ("--\n📞 …\nDana
  // Whitfield", "Best,\nLitware Inc.\nDana Whitfield"). The latest few only: a hostile body of a
  // thousand "Thanks" lines must not cost a thousand passes.
  let best: SignatureBlock | null = null;
  for (let n = starts.length - 1; n >= Math.max(0, starts.length - MAX_TRIES); n--) {
    const candidate = starts[n] as { at: number; signOffName: string };
    const block = blockFrom(lines, candidate.at, own, candidate.signOffName);
    if (!best) best = block;
    else if (block && block.start <= best.start && block.end >= best.end) best = { ...block, signOffName: block.signOffName || best.signOffName };
    else break;
  }
  return best;
}

function blockFrom(lines: readonly string[], from: number, own: number, signOffName: string): SignatureBlock | null {
  let start = from;
  let name = signOffName;
  // The separator may come before the valediction ("-- \nBest regards,\nDana").
  for (; start < own; start++) {
    const line = lines[start] ?? '';
    const signOff = line ? valediction(line) : '';
    if (signOff === null) break;
    if (signOff) name = signOff;
  }
  let end = start;
  let count = 0;
  for (; end < own; end++) {
    const line = lines[end] ?? '';
    if (isMobileFooter(line) || isNotice(line) || isSeparator(line) || line.length > MAX_LINE) break;
    if (!line) continue;
    // Prose as the block's first line means this was no signature; after it, a P.S. or a footer.
    if (prose(line)) {
      if (count === 0) return null;
      break;
    }
    if (++count > MAX_BLOCK_LINES) return null;
  }
  while (end > start && !lines[end - 1]) end--;
  return count > 0 ? { start, end, signOffName: name } : null;
}

/** A sentence of the message rather than a signature line. */
function prose(line: string): boolean {
  const words = line.split(/\s+/).length;
  return (words >= 8 && /[.!?]$/.test(line) && !/\S+\.\S+$/.test(line)) || words >= 20;
}
