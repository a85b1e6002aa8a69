import * as z from 'zod/mini';
import { InvalidResponseError } from './source';
import { validatedBy } from './validate';

/**
 * The parts of a v3 profile (GET /v3/profiles/{sha256}, the Profile schema of api.gravatar.com/v3/openapi)
 * that Earshot reads. Keyless answers hold only the public subset; a field the owner left empty comes
 * as "" (or is missing), so every text is optional and an empty one counts as absent.
 */
const text = z.optional(z.nullable(z.string()));

export const verifiedAccountSchema = z.looseObject({
  service_type: z.string(),
  service_label: z.optional(z.string()),
  url: z.string(),
  is_hidden: z.optional(z.boolean()),
});

export const profileSchema = z.looseObject({
  hash: z.string(),
  profile_url: z.string(),
  display_name: text,
  avatar_url: text,
  location: text,
  description: text,
  job_title: text,
  company: text,
  // Checked item by item (validItems): one odd account must not hide the profile.
  verified_accounts: z.optional(z.array(z.unknown())),
});

export type GravatarProfile = z.infer<typeof profileSchema>;
export type GravatarVerifiedAccount = z.infer<typeof verifiedAccountSchema>;

const parseV3 = validatedBy(profileSchema, 'Gravatar profile');

/**
 * The retired gravatar.com/{hash}.json answered `{"entry":[…]}` with booleans as strings. The v3
 * endpoint never returns it, so it is not read: named plainly as a source error instead of a schema
 * message about a missing `hash`.
 */
export function parseProfile(body: unknown): GravatarProfile {
  if (body !== null && typeof body === 'object' && Array.isArray((body as { entry?: unknown }).entry)) {
    throw new InvalidResponseError('Gravatar profile: the legacy {"entry":[…]} shape, not a v3 profile');
  }
  return parseV3(body);
}
