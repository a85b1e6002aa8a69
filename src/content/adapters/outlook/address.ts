/** Finding an address inside free text such as a `title`, an `aria-label` or an account line. */
import { normaliseEmail } from '../../../shared/email';

const ADDRESS_INSIDE = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+\.[^\s<>()[\]"',;:]+/;

/** The first address in the text, normalised, or null. */
export function addressIn(text: string | null | undefined): string | null {
  return normaliseEmail(ADDRESS_INSIDE.exec(text ?? '')?.[0]);
}
