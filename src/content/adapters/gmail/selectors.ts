/**
 * Every selector the Gmail adapter uses, in one place, so a Gmail release that breaks us is fixed here.
 *
 * Each key holds alternatives, tried in order (see dom-query.ts for how each key is combined). Keys on
 * roles, data-* and [email] attributes come first and Gmail's generated class names last, because class
 * names are build artefacts that Gmail renames (2016, 2018, 2020, 2022, 2023, 2024, 2025, 2026).
 *
 * Each alternative's comment gives its source (the public code DOM-NOTES traces it to, see
 * test/fixtures/mail/DOM-NOTES.md) and the date it appeared. "in use at snapshot" means the code relies
 * on it at the commit recorded in test/fixtures/mail/real/SOURCES.tsv and DOM-NOTES gives no first date.
 * "replica" marks an assumption of ours that no public code confirms; it is never the only alternative.
 */
export const GMAIL_SELECTORS = {
  /** The visible application area; absent while Gmail loads. */
  mainArea: [
    // gmail.js api.dom.inbox_content `div[role=main]:first`; present in the real capture of 2014-12-18.
    'div[role=main]',
  ],

  /** Gmail's view switcher: its `.nH` children toggle style.display when the route changes. */
  viewContainer: [
    // InboxSDK getMainContentContainer, gmail.js inbox_content; in the real capture of 2014-12-18.
    'div.aeF > div.nH',
  ],

  /** The open conversation inside a visible main area. */
  conversation: [
    // InboxSDK PRs #1073/#1075: `[role=main] .g.id .a98.iY`, since 2023-11-16.
    '.g.id .a98.iY',
    // InboxSDK PRs #1095/#1097: split/preview pane `.aia` then `.ao9` holding `.a98.iY`, 2023-11.
    '.aia .ao9 .a98.iY',
    // InboxSDK PRs #1095/#1097: the preview pane's other container `.apa` (older layout), 2023-11.
    '.aia .ao9 .apa',
    // InboxSDK PRs #1073/#1075: `[role=main] .g.id table.Bs > tr`, the layout before 2023-11-16 (both
    // lived side by side for a while). The table is taken: an HTML parser adds a tbody live Gmail lacks.
    '.g.id table.Bs',
  ],

  /** The subject heading of the conversation. */
  subject: [
    // InboxSDK #1284 / PR #1309: the heading carries the thread ids; in use at snapshot.
    'h2[data-legacy-thread-id]',
    'h2[data-thread-perm-id]',
    // InboxSDK thread view `.ha h2`; in use at snapshot.
    '.ha h2',
    // gmail.js api.dom.email_subject `.hP`, FlowCrypt; in gmail.js since 2014.
    'h2.hP',
  ],

  /** The conversation's hex id; the perm id `thread-f:<decimal>` is the same number in decimal. */
  threadId: [
    // InboxSDK #1284, PR #1309: hex legacy id; in use at snapshot.
    '[data-legacy-thread-id]',
    // InboxSDK #1284: sometimes missing, hence second; in use at snapshot.
    '[data-thread-perm-id]',
  ],

  /**
   * One message header, expanded or collapsed. Taken as the union of all alternatives (outermost match
   * wins), because Gmail has shipped pages where only some messages carry the data attribute.
   */
  message: [
    // gmail.js, InboxSDK, FlowCrypt: `data-message-id="#msg-f:<decimal>"`; a message just sent has it
    // but no data-legacy-message-id (InboxSDK gmail-message-view). In use at snapshot.
    '[data-message-id]',
    // InboxSDK getViewState: expanded `div.adn.ads`, collapsed `div.adf.ads`; in use at snapshot.
    'div.adn.ads',
    'div.adf.ads',
  ],

  /** Wrappers Gmail marks as hidden under "N older messages": no sender in the DOM until expanded. */
  hiddenMessage: [
    // InboxSDK getViewState: `.kQ` / `.kx` mean HIDDEN; in use at snapshot.
    '.kQ',
    '.kx',
  ],

  /** The sender of one message, searched inside its header; the first match in the header wins. */
  sender: [
    // InboxSDK monitorEmailAddressHovering: the header's `h3` (h3.iw) holds the sender; in use at snapshot.
    'h3 span[email]',
    // InboxSDK getSender `td.gF span[email]`; in use at snapshot.
    'td.gF span[email]',
    // gmail.js dom.email `from: span[email].gD`; in gmail.js since 2014.
    'span.gD[email]',
  ],

  /** The full To/Cc/Bcc table shown after "show details" (div.ajy / img.ajz). */
  recipientDetailsRow: [
    // gmail.js #466 (2018): rows of `table.ajC`.
    'table.ajC tr',
  ],
  /** The row's label cell ("to:", "cc:"): English text, see details-table.ts. */
  recipientDetailsLabel: [
    // gmail.js #466 (2018).
    'td.gG',
  ],

  /** The summary line ("to me, Leo"): To and Cc together, not separated. */
  recipientSummary: [
    // InboxSDK getRecipients `.hb span[email]`; in use at snapshot.
    '.hb span[email]',
  ],

  /** The message date: the title holds the full local date, the text a relative one. */
  date: [
    // InboxSDK getDateString `.ads .gK .g3` (title attribute); in use at snapshot.
    'span.g3[title]',
  ],

  /**
   * The body of one expanded message, searched inside its header's message element; collapsed messages
   * have none in the DOM.
   */
  body: [
    // InboxSDK PR #1309, gmail.js: `div.ii.gt div.a3s`; in use at snapshot.
    'div.ii.gt div.a3s',
    // DOM-NOTES: `.a3s.aiL` now (and `.a3s.aXjCH` earlier) without the `.ii.gt` wrapper.
    '.a3s.aiL',
    '.a3s.aXjCH',
  ],

  /** The message list, watched for messages being added (childList only). */
  messageList: [
    // gmail.js api.dom.email_body `.nH.hx`; in gmail.js since 2014. Listed before the role because
    // the role below is our assumption and could match another list inside the conversation.
    '.nH.hx',
    // replica: the accessible list role around the messages (not in DOM-NOTES).
    '[role=list]',
  ],

  /** The preview pane of split mode, watched for the conversation being swapped (childList only). */
  previewPane: [
    // InboxSDK PRs #1095/#1097 (2023-11).
    '.aia .ao9',
  ],
} as const satisfies Record<string, readonly string[]>;

export type GmailSelectorKey = keyof typeof GMAIL_SELECTORS;

/** "sender: h3 span[email] | td.gF span[email] | …", for the single console.debug line of a failure. */
export function describeSelector(key: GmailSelectorKey): string {
  return `${key}: ${GMAIL_SELECTORS[key].join(' | ')}`;
}
