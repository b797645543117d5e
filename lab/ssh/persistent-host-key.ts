/**
 * A lab host key kept on disk, as a router keeps its RSA key in NVRAM
 * across reloads: the fingerprint an agent configuration pins stays right
 * from one `spokepilot lab` to the next.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateHostKeyPem, loadHostKey, type HostKey } from './host-key.js';

export function defaultHostKeyPath(): string {
  return join(tmpdir(), 'spokepilot-lab', 'ssh_host_rsa_key');
}

/** Reads the key at `path`, or creates it there (mode 0600) when absent. */
export async function persistentHostKey(path: string): Promise<HostKey> {
  try {
    return loadHostKey(readFileSync(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const pem = await generateHostKeyPem();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Written aside, then linked into place: two labs starting at once agree on one key, never read half a file.
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, pem, { mode: 0o600 });
  try {
    linkSync(temp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    rmSync(temp, { force: true });
  }
  return loadHostKey(readFileSync(path));
}
