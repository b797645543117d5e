import { existsSync, readdirSync, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Copies kept of corrupt databases: enough for forensics, never enough to fill the IOx disk. */
const KEEP = 2;

/**
 * Renames a database and its WAL and shared-memory files to
 * `<name>.corrupt-<time>` (a WAL must never meet a database it was not written
 * for), keeping only the newest few such copies. Returns the new name.
 */
export function moveAside(path: string, nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  const aside = `${path}.corrupt-${stamp}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  }
  const dir = dirname(path);
  const prefix = `${basename(path)}.corrupt-`;
  const copies = readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && !f.endsWith('-wal') && !f.endsWith('-shm'))
    .sort();
  for (const old of copies.slice(0, Math.max(0, copies.length - KEEP))) {
    for (const suffix of ['', '-wal', '-shm']) {
      try {
        unlinkSync(join(dir, old + suffix));
      } catch {
        /* not there */
      }
    }
  }
  return aside;
}
