// The hostile mail pages at their production URLs: the hostile Gmail conversation (the people of the
// hostile world, named by the hostile display names), the stress conversations, and the Outlook
// replicas with hostile names.

import { HOSTILE_SUFFIX } from '../../fixtures/hostile/kit';
import {
  HOSTILE_THREAD_ID, OUTLOOK_CASES, STRESS_CASES, gmailConversationPage, hostileSenderName, outlookPage,
} from '../../fixtures/hostile/mail';
import type { SlotCases } from '../../fixtures/hostile/world';
import type { RouteHandler, RouteResponse } from '../harness/fake-server';

const page = (body: string): RouteResponse => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body });

export const HOSTILE_GMAIL_URL = `https://mail.google.com/mail/u/0/#inbox/${HOSTILE_THREAD_ID}`;

/** Stress conversation n (0-based) lives in Gmail account n + 1. */
export function stressUrl(index: number): string {
  return `https://mail.google.com/mail/u/${index + 1}/#inbox/${STRESS_CASES[index]?.threadId}`;
}

/** Outlook case n opens as its own item id. */
export function outlookUrl(index: number): string {
  return `https://outlook.office.com/mail/id/AAkALgAAAAAAHYQDEapmEc2byACqAC%2FEWg0AzN2f8Gl8ekGQpXb2XRK9KwAAB9Qz${String(index).padStart(2, '0')}AA`;
}

/** The hostile conversation: one message from each hostile person, in slot order. */
export function hostileGmail(people: readonly SlotCases[]): RouteHandler {
  const conversation = gmailConversationPage({
    threadId: HOSTILE_THREAD_ID,
    subject: `Hostile world <script>top.x=1</script> ${HOSTILE_SUFFIX}`,
    senders: people.map((person, i) => ({ name: hostileSenderName(i), email: person.slot.email })),
  });
  const stress = STRESS_CASES.map((stressCase) => stressCase.page());
  return (request) => {
    const account = /^\/mail\/u\/(\d+)\//.exec(request.path)?.[1];
    if (account === undefined) return undefined;
    if (account === '0') return page(conversation);
    const body = stress[Number(account) - 1];
    return body === undefined ? undefined : page(body);
  };
}

export const hostileOutlook: RouteHandler = (request) => {
  const index = /AAB9Qz(\d\d)AA$/.exec(decodeURIComponent(request.path))?.[1];
  const outlookCase = index === undefined ? undefined : OUTLOOK_CASES[Number(index)];
  return outlookCase ? page(outlookPage(outlookCase)) : undefined;
};
