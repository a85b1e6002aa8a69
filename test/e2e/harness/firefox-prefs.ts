// Firefox preferences for tests on a closed network: every name resolves to the fake server, and the
// browser's own background traffic (updates, telemetry, captive-portal and connectivity probes, safe
// browsing lists, certificate revocation checks, remote settings) is switched off so it neither slows
// the tests nor clutters the fake server's request log. Puppeteer already sets a base set of such prefs
// (updates, health report, safe browsing lookups); these add what it leaves on.

import { LOOPBACK } from './loopback';

export function firefoxTestPrefs(): Record<string, string | number | boolean> {
  return {
    // Send every host name to the fake server (it listens on 443; Firefox cannot remap ports).
    'network.dns.forceResolve': LOOPBACK,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.http.speculative-parallel-limit': 0,
    'network.trr.mode': 5, // no DNS over HTTPS
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,

    'app.update.auto': false,
    'app.update.enabled': false,
    'app.normandy.enabled': false,
    'app.shield.optoutstudies.enabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.server': '',
    'toolkit.telemetry.archive.enabled': false,
    'datareporting.usage.uploadEnabled': false,
    'browser.ping-centre.telemetry': false,
    'browser.newtabpage.activity-stream.feeds.telemetry': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.newtabpage.activity-stream.feeds.section.topstories': false,
    'browser.newtabpage.activity-stream.feeds.snippets': false,
    'browser.topsites.contile.enabled': false,
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'browser.search.geoSpecificDefaults': false,
    'browser.safebrowsing.provider.google.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.update.enabled': false,
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'media.gmp-gmpopenh264.enabled': false,
    'media.gmp-manager.url': '',
    'security.OCSP.enabled': 0,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'services.settings.poll_interval': 86400 * 365,
    'dom.push.connection.enabled': false,
    'dom.push.serverURL': '',
    'identity.fxaccounts.enabled': false,
    'messaging-system.rsexperimentloader.enabled': false,
  };
}
