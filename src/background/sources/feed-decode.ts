/**
 * A feed's bytes to text. Feeds still come in legacy encodings (ISO-8859-1, GB2312, Shift_JIS) named
 * only in their XML declaration, and Response.text() would decode them all as UTF-8, so the company-site
 * source reads bytes and decodes them here with the encoding the feed names.
 *
 * Order, after RFC 7303 §3: a byte order mark; the charset of the Content-Type header; the encoding of
 * the XML declaration; UTF-8. Two common server mistakes are corrected: a header charset the bytes are
 * not valid in, and a default ISO-8859-1 header on a feed that declares, and is, UTF-8.
 */

function decoderFor(label: string | null | undefined): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    // An encoding the browser does not know is as good as no declaration.
    return null;
  }
}

function byteOrderMark(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  // "<?" in UTF-16 without a mark.
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return 'utf-16be';
  return null;
}

export function headerCharset(contentType: string | null): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1] ?? null;
}

/** The encoding named in `<?xml … encoding="…"?>`, read as ASCII (every encoding a feed uses keeps ASCII). */
export function declaredEncoding(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, 512));
  const match = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1] ?? null;
}

function decodesCleanly(decoder: TextDecoder, bytes: Uint8Array): boolean {
  try {
    new TextDecoder(decoder.encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const SINGLE_BYTE_LATIN = new Set(['windows-1252', 'iso-8859-15', 'iso-8859-2']);

function hasNonAscii(bytes: Uint8Array): boolean {
  return bytes.some((byte) => byte >= 0x80);
}

export function decodeFeed(bytes: Uint8Array, contentType: string | null): string {
  const bom = byteOrderMark(bytes);
  if (bom) return new TextDecoder(bom).decode(bytes);
  const fromHeader = decoderFor(headerCharset(contentType));
  const fromDeclaration = decoderFor(declaredEncoding(bytes));
  let chosen = fromHeader ?? fromDeclaration ?? new TextDecoder('utf-8');
  if (fromHeader && fromDeclaration && fromHeader.encoding !== fromDeclaration.encoding) {
    const headerFails = !decodesCleanly(fromHeader, bytes) && decodesCleanly(fromDeclaration, bytes);
    const utf8MislabelledLatin = SINGLE_BYTE_LATIN.has(fromHeader.encoding) && fromDeclaration.encoding === 'utf-8'
      && hasNonAscii(bytes) && decodesCleanly(fromDeclaration, bytes);
    if (headerFails || utf8MislabelledLatin) chosen = fromDeclaration;
  }
  return chosen.decode(bytes);
}
