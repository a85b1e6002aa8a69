// The error trap of faults-background.ts prints a rejection's stack, and Firefox gives a DOMException
// an empty one: an IndexedDB refusal reached it as "unhandled rejection: " and nothing more. This trap
// records the name and message too, so a failure says which refusal went unhandled.

import type { Background } from './faults-background';

/** Records every unhandled rejection of the background from now on as "name: message". */
export async function trapRejectionNames(background: Background): Promise<void> {
  await background.run((scope) => {
    if (scope.earshotTestRejections) return;
    const rejections: string[] = [];
    scope.earshotTestRejections = rejections;
    (scope as unknown as EventTarget).addEventListener('unhandledrejection', (event) => {
      const reason = (event as PromiseRejectionEvent).reason as { name?: unknown; message?: unknown } | undefined;
      rejections.push(`${String(reason?.name)}: ${String(reason?.message)}`);
    });
  }, null);
}

export async function rejectionNames(background: Background): Promise<string[]> {
  return background.run((scope) => [...((scope.earshotTestRejections as string[] | undefined) ?? [])], null);
}
