// The loopback address the fake server listens on and the browsers send every host name to. Firefox can
// remap names but not ports, so each fake server needs port 443 of an address of its own: end-to-end
// files run side by side (scripts/e2e.ts) each on their own 127.x.y.z, one file at a time on each.

const DEFAULT_LOOPBACK = '127.0.0.1';

export function loopbackAddress(value = process.env.EARSHOT_E2E_LOOPBACK): string {
  if (value === undefined || value === '') return DEFAULT_LOOPBACK;
  const parts = value.split('.');
  const valid = parts.length === 4 && parts[0] === '127' && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
  if (!valid) throw new Error(`EARSHOT_E2E_LOOPBACK must be a 127.x.y.z address (got ${value})`);
  return value;
}

export const LOOPBACK = loopbackAddress();
