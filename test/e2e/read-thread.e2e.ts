// `npm run read-thread` (scripts/read-thread.ts) as a user runs it: a child process that reads a saved
// page with Earshot's adapter in headless Chromium. Exact output and exit codes on the 40-message
// replica, the broken replicas and the real 2014 Gmail capture. Needs no fake server: the tool answers
// the page's requests itself.

import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Participant, ThreadContext } from '../../src/shared/thread';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = resolve(ROOT, 'node_modules/tsx/dist/cli.mjs');
const GMAIL = 'test/fixtures/mail/gmail';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the tool in UTC, so the dates Gmail prints in local time read the same on every machine. */
function readThread(...args: string[]): Promise<Run> {
  return new Promise((resolveRun) => {
    execFile(
      process.execPath,
      [TSX, 'scripts/read-thread.ts', ...args],
      { cwd: ROOT, env: { ...process.env, TZ: 'UTC' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolveRun({ code, stdout, stderr });
      },
    );
  });
}

function person(name: string, email: string, roles: Participant['roles'], messageCount: number, lastMessageAt: string | null, isPerson = true): Participant {
  return { name, email, roles, messageCount, isPerson, lastMessageAt };
}

describe('npm run read-thread', () => {
  it('prints the 40-message conversation as JSON and exits 0', async () => {
    const run = await readThread(`${GMAIL}/forty-messages.html`, '--url', 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmnbVcRZhGqLpBtTwNxS');
    const expected: ThreadContext = {
      client: 'gmail',
      threadId: '191f0a6c3e8d2b74',
      subject: 'Orbital Cargo onboarding — weekly thread',
      participants: [
        person('Nadia Petrova', 'nadia.petrova@orbitalcargo.example', ['from', 'to'], 11, '2024-09-27T14:33:00.000Z'),
        person('Felix Wagner', 'felix.wagner@orbitalcargo.example', ['from', 'to', 'cc'], 6, '2024-09-27T09:26:00.000Z'),
        person('Samira Bakr', 'samira.bakr@harborview.example', ['from', 'to', 'cc'], 5, '2024-09-26T14:19:00.000Z'),
        person('Tom Brennan', 'tom.brennan@orbitalcargo.example', ['from', 'to', 'cc'], 5, '2024-09-25T09:58:00.000Z'),
        person('Orbital Cargo Support', 'support@orbitalcargo.example', ['from'], 1, '2024-09-17T09:34:00.000Z', false),
        person('Harborview Legal', 'legal@harborview.example', ['cc'], 0, null, false),
      ],
      self: 'jane@harborview.example',
    };
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expected);
    // Pretty-printed, one document, nothing else on stdout.
    expect(run.stdout).toBe(`${JSON.stringify(JSON.parse(run.stdout), null, 2)}\n`);
  });

  it('names the failing selector and exits 1 when the page has messages without senders', async () => {
    const run = await readThread(`${GMAIL}/broken-no-senders.html`, '--url', 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmnbVcRZhGqLpBtTwNxS');
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: "can't read this conversation: no match for sender: h3 span[email] | td.gF span[email] | span.gD[email]\n",
    });
  });

  it('spells out the selectors of an Outlook registry key that failed', async () => {
    const run = await readThread('test/fixtures/mail/outlook/broken-no-sender.html', '--url',
      'https://outlook.cloud.microsoft/mail/id/AAkALgAAAAAAHYQDEapmEc2byACqAC%2FEWg0AzN2f8Gl8ekGQpXb2XRK9KwAAB9QzYQAA');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      "can't read this conversation: no match for sender: " +
        '[role="heading"]:has([data-lpc-hover-target-id]) | [role="heading"]:has(button, [role="button"]) | ' +
        '[aria-label^="From:"] | [aria-label^="Von:"] | [aria-label^="De :"] | [aria-label^="De\u00a0:"] | ' +
        '[aria-label^="De\u202f:"] | [aria-label^="De:"] | span.OZZZK\n',
    );
  });

  it('says there is no open conversation and exits 2 on the real 2014 inbox capture', async () => {
    const run = await readThread('test/fixtures/mail/real/gmail__inboxsdk__injected-thread-identifier.html', '--url', 'https://mail.google.com/mail/u/0/#inbox');
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'no open conversation at https://mail.google.com/mail/u/0/#inbox\n' });
  });

  it('runs the saved page\'s own scripts with --scripts (the demo mailbox routes by its hash)', async () => {
    const url = 'https://mail.google.com/mail/u/0/#inbox/18f4b7e2a9c1d053';
    const snapshot = await readThread('scripts/demo/mailbox/gmail-demo.html', '--url', url);
    // Without its script the demo shows its inbox, although the URL names a conversation.
    expect(snapshot.code).toBe(1);
    expect(snapshot.stderr).toMatch(/^can't read this conversation: no match for conversation: /);
    const scripted = await readThread('scripts/demo/mailbox/gmail-demo.html', '--url', url, '--scripts');
    expect(scripted.code).toBe(0);
    expect((JSON.parse(scripted.stdout) as ThreadContext).subject).toBe('Lumencraft × Earshot: co-marketing webinar in April');
  });

  it('refuses to guess: no --url, or a host Earshot does not read, is a usage error (64)', async () => {
    const noUrl = await readThread(`${GMAIL}/inbox-list.html`);
    expect(noUrl.code).toBe(64);
    expect(noUrl.stdout).toBe('');
    expect(noUrl.stderr.split('\n')[0]).toBe('read-thread: no --url given: the adapter reads the URL as well as the page');
    const otherHost = await readThread(`${GMAIL}/inbox-list.html`, '--url', 'https://example.com/');
    expect(otherHost.code).toBe(64);
    expect(otherHost.stderr).toMatch(/^read-thread: Earshot reads no mail client at example\.com /);
  });
});
