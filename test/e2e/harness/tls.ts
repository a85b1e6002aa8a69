// A throwaway self-signed certificate for the fake server, made at start. The browsers are told to
// accept any certificate, so the names in it only matter to tools that do check (curl -k aside).

import { generate } from 'selfsigned';
import { LOOPBACK } from './loopback';

export interface KeyAndCert {
  key: string;
  cert: string;
}

export async function makeSelfSignedCert(hosts: readonly string[]): Promise<KeyAndCert> {
  const dnsNames = [...new Set(['localhost', ...hosts])];
  const pems = await generate([{ name: 'commonName', value: 'earshot-fake-server' }], {
    // EC keys are made in milliseconds; a 2048-bit RSA key can take a noticeable part of a second.
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...dnsNames.map((value) => ({ type: 2 as const, value })), { type: 7, ip: LOOPBACK }],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
