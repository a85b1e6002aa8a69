import type { PersonSignature } from '../../shared/domain';
import { safeHttpUrl } from '../common/safe-url';

/** "https://www.brightline-freight.example/" → "brightline-freight.example" for the link's text. */
function shortUrl(url: string): string {
  return url.replace(/^https?:\/\/(www\.)?/i, '').replace(/\/$/, '');
}

/**
 * What their own signature gives besides title and company: their website and personal site, and the
 * phone number as text. Profile links on networks are identities and listed there; web links here are
 * followed only when they are plain http(s), in a new tab, without a referrer.
 */
export function SignatureLinks({ signature }: { signature: PersonSignature | undefined }) {
  if (!signature) return null;
  const urls = [signature.website, ...signature.links.filter((link) => link.network === 'web').map((link) => link.url)]
    .map((url) => safeHttpUrl(url))
    .filter((url): url is string => url !== null);
  const unique = [...new Set(urls)];
  if (unique.length === 0 && !signature.phone) return null;
  return (
    <ul class="signature-links" aria-label="From their email signature" data-testid="signature-links">
      {unique.map((url) => (
        <li key={url}>
          <a href={url} target="_blank" rel="noopener noreferrer" title="From their email signature" data-testid="signature-link">{shortUrl(url)}</a>
        </li>
      ))}
      {signature.phone && <li class="signature-phone" title="From their email signature" data-testid="signature-phone">{signature.phone}</li>}
    </ul>
  );
}
