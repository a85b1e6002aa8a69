/**
 * What the content script reads of a message's body: its own words only (quoted replies and forwarded
 * parts left out), as plain text with the links it carries. Bodies travel from the content script to the
 * background and are never stored: only the signature fields extracted from them are.
 */
export interface BodyLink {
  /** Absolute http(s) or mailto/tel URL as the body's anchor gave it. */
  href: string;
  /** The anchor's visible text (or an image's alt text when the anchor wraps an image). */
  text: string;
}

export interface MessageBody {
  /** Lower-cased address of the message's sender, or null when the client shows only a name. */
  senderEmail: string | null;
  senderName: string;
  /** Plain text, one line per visual line (block elements, <br>, table rows become line breaks). */
  text: string;
  links: BodyLink[];
}

export type ProfileNetwork = 'bluesky' | 'mastodon' | 'github' | 'linkedin' | 'x' | 'web';

export interface SignatureProfile {
  network: ProfileNetwork;
  url: string;
  /**
   * The handle the link names, normalised: Bluesky `alice.bsky.social`, Mastodon `alice@mastodon.social`,
   * GitHub `alice`, LinkedIn `in/alice`, X `alice`; absent for a personal site.
   */
  handle?: string;
}

/** A sender's signature block, as far as it could be read. Every field is optional but `profiles`. */
export interface Signature {
  name?: string;
  title?: string;
  company?: string;
  phone?: string;
  website?: string;
  profiles: SignatureProfile[];
}

/** People and organisations named in the bodies of one conversation, never stored. */
export interface ConversationMentions {
  people: string[];
  organisations: string[];
}
