/**
 * Every CSS selector the Outlook adapter uses, by registry key. Each key is a list of alternatives tried
 * in order: roles, ids, data-* and aria attributes first, localised labels next, generated class names
 * last. Outlook renames its hashed classes several times a year, so a new build usually means adding an
 * alternative at the top, not editing one.
 *
 * Each alternative carries a comment: where the fact comes from, and when it was seen. "DOM-NOTES" is
 * /work/shared/fixtures/mail/DOM-NOTES.md; "outlook-web-skill" is its live ARIA map of the new Outlook
 * (gabeosx/outlook-web-skill, outlook-ui.example.md, captured April 2026).
 */
import { fromLabelSelectors } from './labels';

export const OUTLOOK_SELECTORS = {
  /** The read surface: what the dock sits beside and what the watcher observes. */
  readingPane: [
    // Mailvelope outlook-dom-templates.js (main landmark of the read surface, German build), 2025
    'div[role="main"][data-app-section="MailReadCompose"]',
    // outlook-web-skill: `main "Reading Pane"`, the only main landmark of the mail app, 2026-04
    '[role="main"]',
    // DOM-NOTES (Mailvelope outlook-api branch; other extensions), seen by 2025
    '#ReadingPaneContainerId',
    // DOM-NOTES (Mailvelope outlook-dom-templates.js), seen by 2025
    '#ConversationReadingPaneContainer',
    // DOM-NOTES (Mailvelope; other extensions), seen by 2025
    'div[data-app-section="ConversationContainer"]',
  ],

  /** Anything that only an open item has: tells an open conversation from an empty or settings pane. */
  conversationMarker: [
    // DOM-NOTES (Mailvelope), seen by 2025
    '[data-app-section="ConversationContainer"]',
    // DOM-NOTES (Mailvelope), seen by 2025
    '[data-testid="RecipientWell"]',
    // DOM-NOTES (date not recorded there)
    '[data-testid="SentReceivedSavedTime"]',
    // DOM-NOTES (Mailvelope `UniqueMessageBody_`), seen by 2025
    '[id^="UniqueMessageBody"]',
    // outlook-web-skill: `document "Message body"`, 2026-04
    'div[role="document"]',
  ],

  /** Regions never read for participants: bodies (quotes, signatures, mentions) and reply drafts. */
  ignoredRegion: [
    // outlook-web-skill: `document "Message body"`, 2026-04
    '[role="document"]',
    // DOM-NOTES (Mailvelope), seen by 2025
    '[id^="UniqueMessageBody"]',
    // An inline reply being written: its recipient chips are a draft, not the conversation. Generic ARIA.
    '[contenteditable="true"]',
  ],

  /** The body of one expanded message, searched inside that message; collapsed messages have none. */
  messageBody: [
    // DOM-NOTES (Mailvelope `UniqueMessageBody_`), seen by 2025
    '[id^="UniqueMessageBody"]',
    // outlook-web-skill: `document "Message body"` (English label), 2026-04
    'div[role="document"][aria-label="Message body"]',
  ],

  /** The header line that names a message's sender: one per message, expanded or collapsed. */
  sender: [
    // outlook-web-skill: heading "From: X" [level=3] containing a button; DOM-NOTES persona hover
    // targets `data-lpc-hover-target-id`; 2026-04
    '[role="heading"]:has([data-lpc-hover-target-id])',
    // outlook-web-skill: heading containing `button "From: X"`, 2026-04
    '[role="heading"]:has(button, [role="button"])',
    // DOM-NOTES `span[aria-label^="From: "]` (Mailvelope, German "Von: "), seen by 2025; labels.ts
    ...fromLabelSelectors(),
    // Generated class of the sender chip: Mailvelope's mock (2025) and another extension's sender lookup
    // (DOM-NOTES names `OZZZK` as a build hash); expect it to change
    'span.OZZZK',
  ],

  /** Inside a sender line, the element that holds the person (its text is "Name <address>"). */
  senderChip: [
    // DOM-NOTES: hover targets `span[data-lpc-hover-target-id]` (an assistant extension; date not recorded)
    '[data-lpc-hover-target-id]',
    // outlook-web-skill: `button "From: X"` inside the From heading, 2026-04
    'button',
    '[role="button"]',
    // Generated class of the sender chip (Mailvelope mock), 2025; expect it to change
    '.OZZZK',
  ],

  /** Where a message's To/Cc/Bcc lines live. */
  recipientWell: [
    // DOM-NOTES (Mailvelope; an assistant extension), seen by 2025
    '[data-testid="RecipientWell"]',
  ],

  /** One To, Cc or Bcc line. */
  recipientLine: [
    // outlook-web-skill: heading "To: …" / "Cc: …" [level=3], 2026-04
    '[role="heading"]',
  ],

  /** One person on a recipient line. */
  recipientChip: [
    // DOM-NOTES: persona hover targets (date not recorded there)
    '[data-lpc-hover-target-id]',
    // outlook-web-skill: a button per person inside the To/Cc heading, 2026-04
    'button',
    '[role="button"]',
  ],

  /** When a message was sent, as the client prints it. */
  sentTime: [
    // DOM-NOTES (date not recorded there)
    '[data-testid="SentReceivedSavedTime"]',
  ],

  /** Where no sentTime element is readable: a heading that reads as a date. */
  dateHeading: [
    // outlook-web-skill: heading "Fri 4/10/2026 8:23 AM" [level=3], 2026-04
    '[role="heading"]',
  ],

  /** Candidates for the conversation's subject; the adapter skips sender, recipient and date headings. */
  subject: [
    // outlook-web-skill: heading "{subject}" [level=3], shown twice, 2026-04
    '[role="heading"][aria-level="3"]',
    // DOM-NOTES: "role=heading level 2 or 3"; level 2 in other extensions' selectors (date not recorded)
    '[role="heading"][aria-level="2"]',
    // Level 1 in another extension's selector (public code, date not recorded)
    '[role="heading"][aria-level="1"]',
    // Any heading, for a build that drops aria-level
    '[role="heading"]',
  ],

  /** The message list, whose selected row names the open conversation. */
  messageList: [
    // outlook-web-skill: listbox of options carrying data-convid, 2026-04
    '[role="listbox"]:has([role="option"][data-convid])',
    // Mailvelope outlook-dom-templates.js, 2025
    '#MailList [role="listbox"]',
    // outlook-web-skill: `listbox "Message list"` (English only), 2026-04
    '[role="listbox"][aria-label^="Message list"]',
  ],

  /** The row of the open conversation. */
  selectedRow: [
    // outlook-web-skill: option[data-convid][aria-selected="true"], 2026-04
    '[role="option"][aria-selected="true"][data-convid]',
    // Mailvelope outlookIntegration.js getActiveConversationId, 2025
    '#MailList [aria-selected="true"][data-convid]',
  ],

  /** The signed-in mailbox's address. */
  selfMailbox: [
    // DOM-NOTES (Mailvelope getUserInfo: title / data-folder-name), 2025
    '[id^="primaryMailboxRoot"]',
  ],

  /** The account control of the Microsoft 365 header, when the folder tree is not on the page. */
  selfAccount: [
    // Microsoft 365 account manager's address line (public Selenium tests against Microsoft 365; date not
    // recorded). Present once the account flyout has rendered.
    '#mectrl_currentAccount_secondary',
    // DOM-NOTES (Briskine; date not recorded there)
    '#O365_MainLink_Me',
  ],

  /** The signed-in user's display name, to recognise their own messages, which carry no address. */
  selfName: [
    // Microsoft 365 account manager's name line (public Selenium tests against Microsoft 365; date not recorded)
    '#mectrl_currentAccount_primary',
    // Fluent avatar (`role=img`, aria-label = the person's name) inside the header button; assumed, 2026-04
    '#O365_MainLink_Me [role="img"][aria-label]',
    '#O365_MainLink_Me img[alt]',
  ],
} as const satisfies Record<string, readonly string[]>;

export type OutlookSelectorKey = keyof typeof OUTLOOK_SELECTORS;
