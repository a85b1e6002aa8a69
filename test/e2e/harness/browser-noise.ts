// Hosts the browsers contact on their own (updates, sign-in, telemetry, safe browsing, certificate
// checks). With every name resolved to the fake server they arrive there too; they are answered 404
// and flagged so a test that asserts what the extension sent can leave them out.

const NOISE_SUFFIXES = [
  // Chromium
  'googleapis.com',
  'gstatic.com',
  'gvt1.com',
  'gvt2.com',
  'googleusercontent.com',
  'google-analytics.com',
  'doubleclick.net',
  // Firefox
  'mozilla.com',
  'mozilla.org',
  'mozilla.net',
  'firefox.com',
  'mozaws.net',
  'cdn.mozilla.net',
  // Certificate status checks of either browser
  'digicert.com',
  'letsencrypt.org',
  'lencr.org',
  'pki.goog',
];

// google.com serves both the product (mail.google.com) and browser plumbing; only these are plumbing.
const NOISE_HOSTS = new Set([
  'accounts.google.com',
  'clients1.google.com',
  'clients2.google.com',
  'clients3.google.com',
  'clients4.google.com',
  'clientservices.googleapis.com',
  'www.google.com',
  'safebrowsing.google.com',
  'optimizationguide-pa.googleapis.com',
]);

export function isBrowserNoise(host: string): boolean {
  const name = host.toLowerCase();
  if (NOISE_HOSTS.has(name)) return true;
  return NOISE_SUFFIXES.some((suffix) => name === suffix || name.endsWith('.' + suffix));
}
