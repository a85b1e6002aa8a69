// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { LookupStatus } from '../../../src/ui/sidebar/LookupStatus';
import type { PersonRecord } from '../../../src/shared/domain';

const NOW = Date.parse('2026-11-22T10:00:00Z');

function personWith(lookups: PersonRecord['lookups']): PersonRecord {
  return { id: 'maya@example.com', email: 'maya@example.com', name: 'Maya', domain: 'example.com', firstSeenAt: NOW, lastSeenAt: NOW, lookups };
}

afterEach(cleanup);

describe('LookupStatus', () => {
  it('shows what a successful lookup had to say (storage was full and old posts made room)', () => {
    render(<LookupStatus now={NOW} hasIdentities onRefresh={() => undefined} person={personWith({
      bluesky: { state: 'found', at: NOW, detail: 'Storage was full: removed the 120 oldest posts to make room' },
      gravatar: { state: 'none', at: NOW },
    })} />);
    expect(screen.getAllByTestId('source-note').map((note) => note.textContent)).toEqual([
      'Bluesky: Storage was full: removed the 120 oldest posts to make room.',
    ]);
    expect(screen.queryByTestId('source-failed')).toBeNull();
  });

  it('says nothing extra for a plain success', () => {
    render(<LookupStatus now={NOW} hasIdentities onRefresh={() => undefined} person={personWith({ bluesky: { state: 'found', at: NOW } })} />);
    expect(screen.queryByTestId('source-note')).toBeNull();
  });
});
