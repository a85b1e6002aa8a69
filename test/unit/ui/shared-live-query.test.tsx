// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { person } from '../helpers/seed';

const { database } = await import('../../../src/db/database');
const { forgetSharedLiveQueries, useSharedLiveQuery } = await import('../../../src/ui/common/shared-live-query');

/** Every render's text, in order: what a reader could have seen, however briefly. */
let seen: string[] = [];

function Name({ id }: { id: string }) {
  const answer = useSharedLiveQuery(`person ${id}`, () => database().people.get(id));
  const text = answer.status === 'ready' ? answer.value?.name ?? 'nobody' : answer.status;
  seen.push(text);
  return <p data-testid="name">{text}</p>;
}

beforeEach(async () => {
  forgetSharedLiveQueries();
  await database().delete();
  await database().open();
  await database().people.bulkPut([
    person({ id: 'maya@northwind-labs.com', name: 'Maya Okafor' }),
    person({ id: 'priya@lumencraft.io', email: 'priya@lumencraft.io', name: 'Priya Natarajan' }),
  ]);
  seen = [];
});
afterEach(() => cleanup());

describe('useSharedLiveQuery', () => {
  it('answers a key shown a moment ago at once on the way back, and never with another key\'s answer', async () => {
    const { rerender } = render(<Name id="maya@northwind-labs.com" />);
    await waitFor(() => expect(screen.getByTestId('name').textContent).toBe('Maya Okafor'));
    rerender(<Name id="priya@lumencraft.io" />);
    await waitFor(() => expect(screen.getByTestId('name').textContent).toBe('Priya Natarajan'));
    expect(seen).toEqual(['loading', 'Maya Okafor', 'loading', 'Priya Natarajan']);

    seen = [];
    rerender(<Name id="maya@northwind-labs.com" />);
    // The very render that switches shows the kept answer: no loading, no Priya under Maya's key.
    expect(seen[0]).toBe('Maya Okafor');
    expect(screen.getByTestId('name').textContent).toBe('Maya Okafor');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(new Set(seen)).toEqual(new Set(['Maya Okafor']));
  });

  it('keeps a query nobody shows current, so the way back shows what was written meanwhile', async () => {
    const { rerender } = render(<Name id="maya@northwind-labs.com" />);
    await waitFor(() => expect(screen.getByTestId('name').textContent).toBe('Maya Okafor'));
    rerender(<Name id="priya@lumencraft.io" />);
    await waitFor(() => expect(screen.getByTestId('name').textContent).toBe('Priya Natarajan'));
    await database().people.update('maya@northwind-labs.com', { name: 'Maya Okafor-Reyes' });
    // Time for the kept query's re-read (a wait, not a measurement).
    await new Promise((resolve) => setTimeout(resolve, 100));

    seen = [];
    rerender(<Name id="maya@northwind-labs.com" />);
    expect(seen[0]).toBe('Maya Okafor-Reyes');
  });

  it('shares one answer between components asking for the same key, and follows writes while shown', async () => {
    render(<><Name id="maya@northwind-labs.com" /><Name id="maya@northwind-labs.com" /></>);
    await waitFor(() => expect(screen.getAllByTestId('name').map((el) => el.textContent)).toEqual(['Maya Okafor', 'Maya Okafor']));
    await database().people.update('maya@northwind-labs.com', { name: 'M. Okafor' });
    await waitFor(() => expect(screen.getAllByTestId('name').map((el) => el.textContent)).toEqual(['M. Okafor', 'M. Okafor']));
  });

  it('ends the queries nobody shows once newer ones crowd them out, and starts afresh when shown again', async () => {
    const ids = Array.from({ length: 14 }, (_, i) => `p${i}@example.com`);
    await database().people.bulkPut(ids.map((id) => person({ id, email: id, name: id })));
    const { rerender } = render(<Name id={ids[0]!} />);
    for (const id of ids) {
      rerender(<Name id={id} />);
      await waitFor(() => expect(screen.getByTestId('name').textContent).toBe(id));
    }
    seen = [];
    rerender(<Name id={ids[0]!} />);
    expect(seen[0]).toBe('loading');
    await waitFor(() => expect(screen.getByTestId('name').textContent).toBe(ids[0]));
    seen = [];
    rerender(<Name id={ids[12]!} />);
    expect(seen[0]).toBe(ids[12]);
  });
});
