import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export type CappedRead = { ok: true; text: string } | { ok: false; code: 'too-large' | 'unreadable'; message: string };

/**
 * Reads a small regular file whole, refusing one over `maxBytes` before it is
 * held in memory: the size is checked first, and the read itself stops one
 * byte past the limit, for a file that grows meanwhile. The packaged agent has
 * a 64 MB heap; a 67 MB YAML took 2.9 GB to check (red team 2026-12-06,
 * finding 15). Only regular files: a FIFO put in a configuration's place froze
 * the agent's whole loop on SIGHUP (a blocking read with nobody writing), and
 * a device never ends; opened without blocking, then checked, so neither can.
 */
export function readTextCapped(path: string, maxBytes: number, what: string): CappedRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return unreadable(path, what, err);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      closeSync(fd);
      return { ok: false, code: 'unreadable', message: `cannot read ${what} ${path}: not a regular file` };
    }
    if (st.size > maxBytes) {
      closeSync(fd);
      return tooLarge(path, what, `is ${st.size} bytes`, maxBytes);
    }
  } catch (err) {
    closeSync(fd);
    return unreadable(path, what, err);
  }
  try {
    const buf = Buffer.allocUnsafe(maxBytes + 1);
    let used = 0;
    while (used < buf.length) {
      const n = readSync(fd, buf, used, buf.length - used, null);
      if (n === 0) break;
      used += n;
    }
    if (used > maxBytes) return tooLarge(path, what, `holds more than ${maxBytes} bytes`, maxBytes);
    return { ok: true, text: buf.toString('utf8', 0, used) };
  } catch (err) {
    return unreadable(path, what, err);
  } finally {
    closeSync(fd);
  }
}

function tooLarge(path: string, what: string, size: string, maxBytes: number): CappedRead {
  return { ok: false, code: 'too-large', message: `${what} ${path} ${size}, over the limit of ${maxBytes} bytes` };
}

/** `ENOENT: no such file or directory`: the system's reason, never anything read from the file. */
function unreadable(path: string, what: string, err: unknown): CappedRead {
  const reason = (err as Error).message.replace(/, \w+ '.*'$/s, '');
  return { ok: false, code: 'unreadable', message: `cannot read ${what} ${path}: ${reason}` };
}
