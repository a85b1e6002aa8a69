import type { MessageBody, Signature } from '../../shared/message-body';
import { looksLikePersonName, matchesSender, senderTokens, withoutProxy } from './person-name';
import { phoneIn } from './phone';
import { urlsWritten } from './profiles';
import { domainLabel, hasLegalForm, hasOrganisationWord, hasTitleWord, isPlace, sameOrganisation } from './roles';
import { readLinks, type SignatureContext as Context } from './signature-links';
import { segments, signatureBlock, type SignatureBlock } from './signature-block';

/**
 * The sender's signature as far as its block can be read (see signature-block.ts for where the block
 * is): name, title, company, phone, website and profiles. Null when there is no block, or when the block
 * gives nothing beyond a name (a sign-off such as "Thanks,\nDana" is not a signature). Pure: no DOM, no
 * network; never throws.
 */
export function extractSignature(body: MessageBody): Signature | null {
  try {
    const sender = senderTokens(body.senderName, body.senderEmail);
    const block = signatureBlock(body.text, sender);
    return block ? read(body, block, sender) : null;
  } catch {
    return null;
  }
}

function read(body: MessageBody, block: SignatureBlock, sender: ReadonlySet<string>): Signature | null {
  const lines = body.text.split('\n').map((line) => line.trim());
  const context: Context = { sender, domain: domainLabel(body.senderEmail?.split('@')[1] ?? '') };
  const signature: Signature = { profiles: [] };
  const blockLines = lines.slice(block.start, block.end).filter(Boolean);
  readRoles(blockLines, signature, context);
  if (!signature.name && block.signOffName && matchesSender(block.signOffName, sender)) signature.name = block.signOffName;
  readLinks(body, lines, block, signature, context);
  const { name: _name, profiles, ...rest } = signature;
  return Object.keys(rest).length > 0 || profiles.length > 0 ? signature : null;
}

type Kind = 'name' | 'title' | 'company' | 'phone' | 'contact' | 'other';

/** Name, title, company and phone from the block's lines, in the order a signature writes them. */
function readRoles(blockLines: readonly string[], signature: Signature, context: Context): void {
  let previous: Kind = 'other';
  blockLines.forEach((line, lineIndex) => {
    segments(line).forEach((segment, segmentIndex) => {
      previous = readSegment(segment, lineIndex === 0 && segmentIndex === 0, previous, signature, context);
    });
  });
}

/**
 * What one part of a signature line is. The name is the sender's name wherever it stands in the block, or
 * a line shaped like a person's name at the block's start (`first`).
 */
function readSegment(segment: string, first: boolean, previous: Kind, signature: Signature, context: Context): Kind {
  if (/\S@\S/.test(segment) || urlsWritten(segment).length > 0 || /^(?:e-?mail|web|www|site|url)\s*:/i.test(segment)) return 'contact';
  const phone = phoneIn(segment);
  if (phone !== undefined) {
    if (phone && !signature.phone) signature.phone = phone;
    return 'phone';
  }
  if (!signature.name) {
    const written = withoutProxy(segment);
    const [person, role] = splitOnce(written, /,\s+/);
    if (isName(person, first, context) && (!role || hasTitleWord(role) || credentials(role))) {
      signature.name = role && credentials(role) ? written : person;
      if (role && !credentials(role)) readSegment(role, false, 'name', signature, context);
      return 'name';
    }
  }
  // A legal form makes a company ("Sales Force Ltd"), unless a title leads the segment ("Partner, Smith & Jones LLP").
  const parts = segment.split(/\s+(?:at|@|bei|chez|en)\s+|,\s+/u);
  if (hasLegalForm(segment) && !(parts.length > 1 && hasTitleWord(parts[0] ?? ''))) return setCompany(segment, signature);
  if (hasTitleWord(segment)) {
    if (signature.title) return 'other';
    const { title, company } = splitRole(segment, context);
    signature.title = title;
    if (company && !signature.company) signature.company = company;
    return 'title';
  }
  if (hasOrganisationWord(segment) || sameOrganisation(segment, context.domain)) return setCompany(segment, signature);
  // An unmarked short line right after the title is most often the company ("VP Sales\nNorthwind Traders").
  if (previous === 'title' && !signature.company && companyShaped(segment)) {
    signature.company = segment;
    return 'company';
  }
  return 'other';
}

const CREDENTIAL = /^(?:Ph\.?D\.?|MBA|M\.?D\.?|CPA|P\.?E\.?|Esq\.?|M\.?Sc\.?|B\.?Sc\.?|M\.?A\.?|J\.?D\.?|RN|PMP|CFA|LL\.?M\.?|Dipl\.-\p{L}+\.?|MRCP|FRCS)$/u;

/** "PhD", "MBA, CPA": letters after a name that belong to it. */
function credentials(text: string): boolean {
  return text.split(/,\s*/).every((part) => CREDENTIAL.test(part));
}

function setCompany(segment: string, signature: Signature): Kind {
  // "Litware Inc., 500 Market Street": the name ends at the comma after the legal form.
  const [head] = splitOnce(segment, /,\s+(?=\S*\d)/);
  if (!signature.company) signature.company = head;
  return 'company';
}

function isName(text: string, first: boolean, context: Context): boolean {
  if (matchesSender(text, context.sender)) return true;
  return first && looksLikePersonName(text) && !hasTitleWord(text) && !hasOrganisationWord(text) && !sameOrganisation(text, context.domain);
}

const REGIONS = new Set('emea dach apac latam amer americas nordics benelux iberia uk us eu'.split(' '));

/** "VP Sales, Litware", "Head of Growth @ Contoso", "Leiterin Vertrieb bei Fabrikam", "Directora de Ventas en Adatum S.L.". */
function splitRole(segment: string, context: Context): { title: string; company?: string } {
  const connector = /^(.+?)\s+(at|@|bei|chez|en)\s+(\p{Lu}.*)$/u.exec(segment);
  if (connector) {
    const [, title = '', word, company = ''] = connector;
    const evidence = hasOrganisationWord(company) || sameOrganisation(company, context.domain);
    if (!hasTitleWord(company) && (word !== 'en' || evidence)) return { title, company };
  }
  const comma = /^(.+?),\s+(\p{Lu}.*)$/u.exec(segment);
  if (comma) {
    const [, title = '', company = ''] = comma;
    if (hasTitleWord(title) && !hasTitleWord(company) && !REGIONS.has(company.toLowerCase()) && !/\d/.test(company)) return { title, company };
  }
  return { title: segment };
}

function companyShaped(segment: string): boolean {
  const words = segment.split(/\s+/);
  return words.length <= 5 && /^[\p{Lu}\d]/u.test(segment) && !/[\d,;:!?]/.test(segment) && !looksLikeSentence(segment) && !isPlace(segment);
}

function looksLikeSentence(text: string): boolean {
  return /[.!?]$/.test(text) && text.split(/\s+/).length > 3;
}

function splitOnce(text: string, separator: RegExp): [string, string | undefined] {
  const match = separator.exec(text);
  return match ? [text.slice(0, match.index).trim(), text.slice(match.index + match[0].length).trim()] : [text.trim(), undefined];
}
