/** Pure helpers about addresses: normalisation, free-mail and role addresses. */

const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

/** Trimmed, lower-cased address, or null when the text is not an address. */
export function normaliseEmail(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const trimmed = raw.trim().replace(/^mailto:/i, '').replace(/^<|>$/g, '').toLowerCase();
  return EMAIL_PATTERN.test(trimmed) ? trimmed : null;
}

export function splitEmail(email: string): { local: string; domain: string } {
  const at = email.lastIndexOf('@');
  return { local: email.slice(0, at), domain: email.slice(at + 1) };
}

/** Providers whose domain says nothing about the person: domain rules are skipped for them. */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'live.com', 'msn.com',
  'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'ymail.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com',
  'proton.me', 'protonmail.com', 'pm.me', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'mail.com',
  'zoho.com', 'yandex.com', 'yandex.ru', 'mail.ru', 'fastmail.com', 'hey.com', 'tutanota.com',
  'qq.com', '163.com', '126.com', 'orange.fr', 'free.fr', 'laposte.net', 't-online.de', 'libero.it',
]);

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain.toLowerCase());
}

/** Local parts that belong to a function, not a person. */
const ROLE_LOCAL_PARTS = new Set([
  'noreply', 'no-reply', 'donotreply', 'do-not-reply', 'notifications', 'notification', 'notify',
  'support', 'help', 'info', 'hello', 'contact', 'sales', 'billing', 'invoices', 'accounts', 'admin',
  'postmaster', 'mailer-daemon', 'bounce', 'bounces', 'news', 'newsletter', 'marketing', 'team',
  'office', 'hr', 'jobs', 'careers', 'security', 'abuse', 'privacy', 'legal', 'press', 'feedback',
  'alerts', 'updates', 'reply', 'calendar', 'calendar-notification', 'drive-shares-noreply',
]);

export function isRoleAddress(email: string): boolean {
  const local = splitEmail(email).local.toLowerCase();
  const base = local.split('+')[0] ?? local;
  if (ROLE_LOCAL_PARTS.has(base)) return true;
  return /^(no-?reply|do-?not-?reply|notifications?)([-._].*)?$/.test(base);
}

/** A domain's own registrable-ish part is enough for our rules: strip a leading "www.". */
export function bareDomain(host: string): string {
  return host.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
}
