// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeExtension, type FakeExtension } from './fake-extension';

/**
 * The popup, control by control, on a real (fake-indexeddb) database and in-memory extension storage:
 * each test changes a control the way a user does and checks what was saved.
 */
const fake = vi.hoisted(() => ({ browser: null as unknown as FakeExtension }));
vi.mock('webextension-polyfill', () => ({ default: new Proxy({}, { get: (_t, key) => (fake.browser as never)[key] }) }));

const { database } = await import('../../../../src/db/database');
const { Popup } = await import('../../../../src/ui/popup/Popup');
const { UNTIL_RESUMED, parseSettings } = await import('../../../../src/shared/settings');
const { PENDING_HOSTS_KEY } = await import('../../../../src/db/pending-hosts');
const { buildExport } = await import('../../../../src/db/export-format');
const { SOURCE_CATALOG } = await import('../../../../src/shared/sources-catalog');

async function stored() {
  const { settings } = await fake.browser.storage.sync.get('settings');
  return parseSettings(settings);
}

async function setStored(settings: Record<string, unknown>) {
  await fake.browser.storage.sync.set({ settings: parseSettings({ onboarded: true, ...settings }) });
}

async function renderPopup() {
  const view = render(<Popup />);
  await screen.findByRole('switch', { name: /Earshot is/ });
  return view;
}

function typeInto(input: HTMLElement, text: string) {
  fireEvent.input(input, { target: { value: text } });
  fireEvent.submit(input.closest('form') as HTMLFormElement);
}

beforeEach(async () => {
  fake.browser = createFakeExtension();
  await database().delete();
  await database().open();
  await setStored({});
});
afterEach(() => cleanup());

describe('popup: accessible to the keyboard and screen readers', () => {
  it('gives every control an accessible name and keeps the natural tab order', async () => {
    await fake.browser.storage.local.set({ [PENDING_HOSTS_KEY]: [{ origin: 'https://mastodon.example', host: 'mastodon.example', firstAt: 1, lastAt: 1 }] });
    await database().requestLog.add({ at: Date.now(), source: 'gravatar', host: 'api.gravatar.com', path: '/v3/profiles/x', identifierKind: 'hash', status: 200, durationMs: 3 });
    await renderPopup();
    await screen.findByTestId('pending-hosts');
    await screen.findByTestId('audit');
    const controls = [...document.querySelectorAll<HTMLElement>('input, button, select, textarea, a[href], [tabindex]')];
    expect(controls.length).toBeGreaterThan(30);
    // Every control of every role has a name (testing-library computes it as assistive technology does).
    let named = 0;
    for (const role of ['switch', 'checkbox', 'radio', 'button', 'textbox', 'link', 'region', 'table', 'list', 'group']) {
      const all = screen.queryAllByRole(role);
      expect(screen.queryAllByRole(role, { name: /\S/ }), role).toHaveLength(all.length);
      named += all.filter((el) => controls.includes(el)).length;
    }
    expect(named).toBe(controls.length);
    // Nothing jumps the natural tab order.
    for (const control of controls) expect(Number(control.getAttribute('tabindex') ?? 0), control.outerHTML.slice(0, 120)).toBeLessThanOrEqual(0);
    // The controls a user looks for, by role and name, as a screen reader announces them.
    screen.getByRole('switch', { name: 'Earshot is on' });
    screen.getByRole('button', { name: 'For an hour' });
    screen.getByRole('button', { name: 'Until I resume' });
    screen.getByRole('checkbox', { name: 'Gmail' });
    screen.getByRole('checkbox', { name: 'Outlook on the web' });
    for (const source of SOURCE_CATALOG) screen.getByRole('checkbox', { name: source.label });
    screen.getByRole('checkbox', { name: 'Also search GitHub by email address' });
    screen.getByRole('textbox', { name: 'My domains' });
    screen.getByRole('textbox', { name: 'Never look up' });
    screen.getByRole('checkbox', { name: 'Look up only my VIPs' });
    screen.getByRole('textbox', { name: 'VIPs' });
    screen.getByRole('textbox', { name: 'Company and brand names' });
    screen.getByRole('group', { name: 'Keep what was looked up for' });
    for (const name of ['7 days', '30 days', '90 days', 'Forever']) screen.getByRole('radio', { name });
    screen.getByRole('button', { name: 'Allow Earshot to reach mastodon.example' });
    screen.getByRole('button', { name: 'Export my data' });
    screen.getByRole('button', { name: 'Erase everything…' });
    screen.getByRole('table', { name: /requests, newest first/ });
    // Sections are landmarks with headings, so a screen reader can jump between them.
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['Mail sites', 'Sources', 'Who is looked up', 'My company and brands', 'Fediverse and company sites', 'Your data', 'Requests sent']);
    for (const title of headings) screen.getByRole('region', { name: title as string });
  });
});

describe('popup controls', () => {
  it('master switch', async () => {
    await renderPopup();
    fireEvent.click(screen.getByRole('switch', { name: 'Earshot is on' }));
    await waitFor(async () => expect((await stored()).enabled).toBe(false));
    await screen.findByRole('switch', { name: 'Earshot is off' });
    // Off: the per-site and per-source switches are disabled, and say so to assistive technology.
    expect((screen.getByRole('checkbox', { name: 'Bluesky' }) as HTMLInputElement).disabled).toBe(true);
  });

  it('pause for an hour, until resumed, and resume', async () => {
    await renderPopup();
    const before = Date.now();
    fireEvent.click(screen.getByRole('button', { name: 'For an hour' }));
    await waitFor(async () => expect((await stored()).pausedUntil).not.toBeNull());
    const until = (await stored()).pausedUntil as number;
    expect(until - before).toBeGreaterThanOrEqual(3_600_000);
    expect(until - Date.now()).toBeLessThanOrEqual(3_600_000);
    expect((await screen.findByTestId('pause-state')).textContent).toMatch(/^Paused until .+: nothing is looked up\.$/);
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await waitFor(async () => expect((await stored()).pausedUntil).toBeNull());
    fireEvent.click(await screen.findByRole('button', { name: 'Until I resume' }));
    await waitFor(async () => expect((await stored()).pausedUntil).toBe(UNTIL_RESUMED));
    expect((await screen.findByTestId('pause-state')).textContent).toBe('Paused until you resume: nothing is looked up.');
  });

  it('a timed pause that is over shows as not paused', async () => {
    await setStored({ pausedUntil: Date.now() - 1 });
    await renderPopup();
    expect(screen.queryByTestId('pause-state')).toBeNull();
    screen.getByRole('button', { name: 'For an hour' });
  });

  it('per-site switches', async () => {
    await renderPopup();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Gmail' }));
    await waitFor(async () => expect((await stored()).sites).toEqual({ gmail: false, outlook: true }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Outlook on the web' }));
    await waitFor(async () => expect((await stored()).sites).toEqual({ gmail: false, outlook: false }));
  });

  it('per-source switches say what each source sends and to which host', async () => {
    await renderPopup();
    const described = (name: string) => {
      const box = screen.getByRole('checkbox', { name });
      return document.getElementById(box.getAttribute('aria-describedby') as string)?.textContent ?? '';
    };
    expect(described('Gravatar')).toContain('Sends SHA-256 of the address to api.gravatar.com.');
    expect(described('Bluesky')).toContain('Sends a handle, a domain and a name to public.api.bsky.app.');
    expect(described('Mastodon / fediverse')).toContain('Sends the address itself, a handle and an account id to the sender\'s own mail domain');
    expect(described('Wikidata')).toContain('Sends a domain to query.wikidata.org.');
    expect(described('Also search GitHub by email address')).toContain('Sends the address itself to api.github.com.');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Gravatar' }));
    await waitFor(async () => expect((await stored()).sources.gravatar).toBe(false));
    expect((await stored()).sources.bluesky).toBe(true);
  });

  it('GitHub email search has its own switch, off by default, and needs GitHub on', async () => {
    await renderPopup();
    const search = screen.getByRole('checkbox', { name: 'Also search GitHub by email address' }) as HTMLInputElement;
    expect(search.checked).toBe(false);
    fireEvent.click(search);
    await waitFor(async () => expect((await stored()).githubEmailSearch).toBe(true));
    fireEvent.click(screen.getByRole('checkbox', { name: 'GitHub' }));
    await waitFor(async () => expect((await stored()).sources.github).toBe(false));
    await waitFor(() => expect((screen.getByRole('checkbox', { name: 'Also search GitHub by email address' }) as HTMLInputElement).disabled).toBe(true));
  });

  it('my domains: suggested from the signed-in address, added by hand, removed', async () => {
    await database().threads.bulkPut([
      { key: 'gmail:1', client: 'gmail', threadId: '1', subject: 'a', participants: [], self: 'old@previous.example', seenAt: 1 },
      { key: 'gmail:2', client: 'gmail', threadId: '2', subject: 'b', participants: [], self: 'Jane@Harborview.example', seenAt: 2 },
    ]);
    await renderPopup();
    const suggest = await screen.findByRole('button', { name: 'Add harborview.example' });
    expect(screen.getByText(/You are signed in as jane@harborview\.example/)).toBeTruthy();
    fireEvent.click(suggest);
    await waitFor(async () => expect((await stored()).myDomains).toEqual(['harborview.example']));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Add harborview.example' })).toBeNull());
    typeInto(screen.getByRole('textbox', { name: 'My domains' }), 'https://www.Acme.com/about');
    await waitFor(async () => expect((await stored()).myDomains).toEqual(['harborview.example', 'acme.com']));
    fireEvent.click(await screen.findByRole('button', { name: 'Remove harborview.example from My domains' }));
    await waitFor(async () => expect((await stored()).myDomains).toEqual(['acme.com']));
    // Focus stays in the list's field for the keyboard user.
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'My domains' }));
  });

  it('my domains: a free-mail address is not suggested', async () => {
    await database().threads.put({ key: 'gmail:1', client: 'gmail', threadId: '1', subject: 'a', participants: [], self: 'me@gmail.com', seenAt: 1 });
    await renderPopup();
    await new Promise((r) => setTimeout(r, 50));
    expect(document.getElementById('my-domains-suggest')).toBeNull();
    expect(screen.queryByText(/You are signed in as/)).toBeNull();
  });

  it('exclusions take addresses and domains, refuse anything else, and say why', async () => {
    await renderPopup();
    const input = screen.getByRole('textbox', { name: 'Never look up' });
    typeInto(input, ' Boss@Partner.com ');
    await waitFor(async () => expect((await stored()).exclusions).toEqual(['boss@partner.com']));
    typeInto(input, '@rival.io');
    await waitFor(async () => expect((await stored()).exclusions).toEqual(['boss@partner.com', 'rival.io']));
    typeInto(input, 'not an address');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('That is neither an email address (jane@acme.com) nor a domain (acme.com).');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(alert.id);
    typeInto(input, 'rival.io');
    expect((await screen.findByRole('alert')).textContent).toBe('rival.io is already in the list.');
    expect((await stored()).exclusions).toEqual(['boss@partner.com', 'rival.io']);
    const list = screen.getByRole('list', { name: 'Never look up' });
    expect(within(list).getAllByRole('listitem').map((item) => item.firstChild?.textContent)).toEqual(['boss@partner.com', 'rival.io']);
  });

  it('VIP-only mode and the VIP list', async () => {
    await renderPopup();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Look up only my VIPs' }));
    await waitFor(async () => expect((await stored()).vipOnly).toBe(true));
    typeInto(screen.getByRole('textbox', { name: 'VIPs' }), 'Dana@Shop.com');
    await waitFor(async () => expect((await stored()).vips).toEqual(['dana@shop.com']));
    typeInto(screen.getByRole('textbox', { name: 'VIPs' }), 'shop.com');
    expect((await screen.findByRole('alert')).textContent).toBe('That is not an email address (e.g. jane@acme.com).');
  });

  it('my company and brands', async () => {
    await renderPopup();
    typeInto(screen.getByRole('textbox', { name: 'Company and brand names' }), '  Northwind   Labs ');
    await waitFor(async () => expect((await stored()).brands).toEqual(['Northwind Labs']));
    typeInto(screen.getByRole('textbox', { name: 'Company and brand names' }), 'northwind labs');
    expect((await screen.findByRole('alert')).textContent).toBe('northwind labs is already in the list.');
  });

  it('retention period', async () => {
    await renderPopup();
    expect((screen.getByRole('radio', { name: '30 days' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: '7 days' }));
    await waitFor(async () => expect((await stored()).retentionDays).toBe(7));
    fireEvent.click(screen.getByRole('radio', { name: 'Forever' }));
    await waitFor(async () => expect((await stored()).retentionDays).toBe(0));
  });

  it('counts what is stored, live', async () => {
    await renderPopup();
    await waitFor(() => expect(screen.getByTestId('count-people').textContent).toBe('0'));
    await database().people.put({ id: 'a@b.com', email: 'a@b.com', name: 'A', domain: 'b.com', firstSeenAt: 1, lastSeenAt: 1, lookups: {} });
    await database().notes.put({ personId: 'a@b.com', text: 'hi', updatedAt: 1 });
    await waitFor(() => expect(screen.getByTestId('count-notes').textContent).toBe('1'));
    expect(screen.getByTestId('count-people').textContent).toBe('1');
    expect(within(screen.getByTestId('counts')).getAllByRole('term').map((t) => t.textContent))
      .toEqual(['People', 'Accounts found', 'Posts', 'Your notes', 'Conversations', 'Requests logged', 'Lookups waiting']);
  });

  it('the last 50 outbound requests, newest first, with time, source, host and kind of identifier', async () => {
    const now = Date.now();
    await database().requestLog.bulkAdd(Array.from({ length: 60 }, (_, i) => ({
      at: now - i * 1000, source: i % 2 ? 'gravatar' as const : 'bluesky' as const, host: i % 2 ? 'api.gravatar.com' : 'public.api.bsky.app',
      path: '/p', identifierKind: i % 2 ? 'hash' as const : 'handle' as const, status: 200, durationMs: 4,
    })));
    await renderPopup();
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows).toHaveLength(50);
    expect([...rows[0]!.querySelectorAll('td')].slice(1).map((cell) => cell.textContent)).toEqual(['Bluesky', 'public.api.bsky.app', 'a handle']);
    expect([...rows[1]!.querySelectorAll('td')].slice(1).map((cell) => cell.textContent)).toEqual(['Gravatar', 'api.gravatar.com', 'SHA-256 of the address']);
    expect(rows[0]!.querySelector('time')?.getAttribute('datetime')).toBe(new Date(now).toISOString());
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Time', 'Source', 'Host', 'Sent']);
  });

  it('export downloads one JSON file with everything stored and the settings', async () => {
    await setStored({ exclusions: ['x@y.com'] });
    await database().people.put({ id: 'a@b.com', email: 'a@b.com', name: 'A', domain: 'b.com', firstSeenAt: 1, lastSeenAt: 1, lookups: {} });
    await database().notes.put({ personId: 'a@b.com', text: 'hi', updatedAt: 1 });
    const blobs: Blob[] = [];
    const downloads: string[] = [];
    URL.createObjectURL = (blob: Blob) => {
      blobs.push(blob);
      return 'blob:test';
    };
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    await renderPopup();
    fireEvent.click(screen.getByRole('button', { name: 'Export my data' }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    click.mockRestore();
    expect(downloads).toEqual([`earshot-export-${new Date().toISOString().slice(0, 10)}.json`]);
    const data = JSON.parse(await blobs[0]!.text());
    expect(data).toMatchObject({ format: 'earshot-export', version: 1, people: [{ id: 'a@b.com' }], notes: [{ text: 'hi' }], settings: { exclusions: ['x@y.com'] } });
    expect((await screen.findByTestId('status')).textContent).toMatch(/^Exported 2 records and your settings to earshot-export-/);
  });

  it('import (in a tab) merges an export file and restores its settings', async () => {
    fake.browser = createFakeExtension({ inTab: true });
    await setStored({ onboarded: false });
    await database().people.put({ id: 'a@b.com', email: 'a@b.com', name: 'A', domain: 'b.com', firstSeenAt: 1, lastSeenAt: 1, lookups: {} });
    const file = await buildExport(database(), { settings: parseSettings({ onboarded: true, brands: ['Acme'] }), pendingHosts: [], now: 5 });
    file.notes.push({ personId: 'a@b.com', text: 'from the file', updatedAt: 9 });
    file.people.push({ id: 'c@d.com', email: 'c@d.com', name: 'C', domain: 'd.com', firstSeenAt: 2, lastSeenAt: 2, lookups: {} });
    (file.people as unknown[]).push({ id: 42 });
    await database().people.clear();
    await renderPopup();
    const input = await screen.findByLabelText('Import from an export file');
    Object.defineProperty(input, 'files', { value: [new File([JSON.stringify(file)], 'export.json', { type: 'application/json' })], configurable: true });
    fireEvent.change(input);
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Imported 3 records and the file\'s settings. 1 records were not valid and were skipped.'));
    expect((await database().people.toCollection().primaryKeys()).sort()).toEqual(['a@b.com', 'c@d.com']);
    expect((await database().notes.get('a@b.com'))?.text).toBe('from the file');
    expect(await stored()).toMatchObject({ onboarded: true, brands: ['Acme'] });
  });

  it('import refuses a file that is not an Earshot export', async () => {
    fake.browser = createFakeExtension({ inTab: true });
    await setStored({});
    await renderPopup();
    const input = await screen.findByLabelText('Import from an export file');
    Object.defineProperty(input, 'files', { value: [new File(['{"format":"other"}'], 'x.json')], configurable: true });
    fireEvent.change(input);
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Nothing imported: This file is not an Earshot export.'));
  });

  it('import from the toolbar popup opens a tab (a file picker would close the popup)', async () => {
    await renderPopup();
    fireEvent.click(await screen.findByRole('button', { name: 'Import from a file…' }));
    expect(fake.browser.createdTabs).toEqual(['chrome-extension://test-extension/popup.html#data']);
    expect(screen.queryByLabelText('Import from an export file')).toBeNull();
  });

  it('erase asks first (Cancel has focus, Escape backs out) and then asks the background to erase', async () => {
    await renderPopup();
    const erase = screen.getByRole('button', { name: 'Erase everything…' });
    fireEvent.click(erase);
    const dialog = await screen.findByRole('alertdialog', { name: 'Erase everything?' });
    expect(erase.getAttribute('aria-expanded')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' })));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(document.activeElement).toBe(erase);
    expect(fake.browser.sent).toEqual([]);

    fireEvent.click(erase);
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Erase everything now' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Everything is erased. Earshot looks nothing up until you choose your sources again.'));
    expect(fake.browser.sent).toEqual([{ type: 'data/erase' }]);
  });

  it('erase says when the background could not erase', async () => {
    fake.browser.answerMessages(() => ({ ok: false, reason: 'database busy' }));
    await renderPopup();
    fireEvent.click(screen.getByRole('button', { name: 'Erase everything…' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Erase everything now' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Erase failed: database busy'));
  });

  it('servers waiting for a permission: Allow asks the browser for exactly that origin', async () => {
    await fake.browser.storage.local.set({
      [PENDING_HOSTS_KEY]: [
        { origin: 'https://mastodon.example', host: 'mastodon.example', firstAt: 1, lastAt: Date.now() },
        { origin: 'https://acme.example', host: 'acme.example', firstAt: 1, lastAt: Date.now() },
      ],
    });
    await renderPopup();
    fireEvent.click(await screen.findByRole('button', { name: 'Allow Earshot to reach mastodon.example' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Allow Earshot to reach mastodon.example' })).toBeNull());
    expect(fake.browser.permissionRequests).toEqual([['https://mastodon.example/*']]);
    expect(screen.getByTestId('status').textContent).toBe('Allowed mastodon.example.');
    // Listed as allowed, with a way to take it back; the manifest's own hosts are not listed.
    const granted = await screen.findByTestId('granted-hosts');
    expect(within(granted).getAllByRole('listitem').map((li) => li.firstChild?.textContent)).toEqual(['mastodon.example allowed']);
    fake.browser.answerPermissionRequests(false);
    fireEvent.click(screen.getByRole('button', { name: 'Allow Earshot to reach acme.example' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Not allowed.'));
    screen.getByRole('button', { name: 'Allow Earshot to reach acme.example' });
    fireEvent.click(screen.getByRole('button', { name: 'Stop Earshot reaching mastodon.example' }));
    await waitFor(() => expect(screen.queryByTestId('granted-hosts')).toBeNull());
  });

  it('follows settings changed elsewhere (another window, the sidebar)', async () => {
    await renderPopup();
    await setStored({ vipOnly: true, vips: ['a@b.com'] });
    await waitFor(() => expect((screen.getByRole('checkbox', { name: 'Look up only my VIPs' }) as HTMLInputElement).checked).toBe(true));
    screen.getByRole('button', { name: 'Remove a@b.com from VIPs' });
  });

  it('asks for the first-run choice when it has not been made', async () => {
    await setStored({ onboarded: false });
    await renderPopup();
    expect(screen.getByTestId('not-onboarded').textContent).toContain('Earshot looks nothing up until you choose your sources.');
    expect(screen.getByRole('link', { name: 'Choose now' }).getAttribute('href')).toBe('chrome-extension://test-extension/onboarding.html');
  });
});
