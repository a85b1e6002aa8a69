import type { MessageBody } from './message-body';

/**
 * How much of the bodies one thread/opened message may carry. The background's schema refuses anything
 * larger, so the content script trims to these first: a long thread then loses its oldest bodies and
 * the tail of a very long one, never the whole message.
 */
export const BODY_LIMITS = {
  bodies: 100,
  /**
   * Bodies walked per read: the newest messages only. Walking all forty bodies of a long conversation
   * took ~50 ms on first read; a sender's latest signature and what the conversation is about now are
   * in its last messages.
   */
  read: 10,
  textChars: 20_000,
  linksPerBody: 200,
  hrefChars: 2_048,
  linkTextChars: 500,
  nameChars: 320,
} as const;

/** The newest bodies within the limits; kept in conversation order. */
export function clampBodies(bodies: readonly MessageBody[]): MessageBody[] {
  return bodies.slice(-BODY_LIMITS.bodies).map((body) => ({
    senderEmail: body.senderEmail && body.senderEmail.length <= BODY_LIMITS.nameChars ? body.senderEmail : null,
    senderName: body.senderName.slice(0, BODY_LIMITS.nameChars),
    text: body.text.slice(0, BODY_LIMITS.textChars),
    links: body.links
      .filter((link) => link.href.length <= BODY_LIMITS.hrefChars)
      .slice(0, BODY_LIMITS.linksPerBody)
      .map((link) => ({ href: link.href, text: link.text.slice(0, BODY_LIMITS.linkTextChars) })),
  }));
}
