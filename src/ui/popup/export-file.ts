import { database } from '../../db/database';
import { buildExport, importExport, parseExport, type ImportCounts } from '../../db/export-format';
import { mergePendingHosts, readPendingHosts } from '../../db/pending-hosts';
import { loadSettings, saveSettings } from '../../shared/settings-store';

/** "earshot-export-2026-05-01.json" */
export function exportFileName(now: number): string {
  return `earshot-export-${new Date(now).toISOString().slice(0, 10)}.json`;
}

/** Writes everything stored to a JSON file the browser downloads; returns the file name and row count. */
export async function downloadExport(now = Date.now()): Promise<{ fileName: string; rows: number }> {
  const data = await buildExport(database(), { settings: await loadSettings(), pendingHosts: await readPendingHosts(), now });
  const blob = new Blob([JSON.stringify(data, null, 1)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const fileName = exportFileName(now);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Firefox reads the blob after click() returns; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  const rows = data.people.length + data.identities.length + data.posts.length + data.notes.length + data.threads.length + data.requestLog.length;
  return { fileName, rows };
}

export type ImportOutcome = { ok: true; counts: ImportCounts; skipped: number } | { ok: false; reason: string };

/** Reads an export file, merges its records and restores its settings. */
export async function importFile(fileText: string): Promise<ImportOutcome> {
  const parsed = parseExport(fileText);
  if (!parsed.ok) return parsed;
  const counts = await importExport(database(), parsed.data);
  await mergePendingHosts(parsed.data.pendingHosts);
  await saveSettings(parsed.data.settings);
  return { ok: true, counts, skipped: parsed.skipped };
}
