import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface RotatingLogOptions {
  dir: string;
  name?: string;
  /** Rotate when the current file would pass this size. */
  maxBytes?: number;
  /** Rotated files kept (name.1 ... name.N); older ones are deleted. */
  keep?: number;
}

/**
 * JSON log lines to a size-capped, rotated file: IOx shows $CAF_APP_LOG_DIR in
 * Local Manager, and large logs there have pushed apps back to DEPLOYED.
 * Writes are synchronous and small, so a crash loses no line already logged.
 */
export function rotatingLogWriter(o: RotatingLogOptions): { write(line: string): void; close(): void } {
  const name = o.name ?? 'spokepilot.log';
  const maxBytes = o.maxBytes ?? 1024 * 1024;
  const keep = o.keep ?? 3;
  const path = join(o.dir, name);
  mkdirSync(o.dir, { recursive: true });
  let fd = openSync(path, 'a');
  let size = fstatSync(fd).size;
  const rotate = () => {
    closeSync(fd);
    rmSync(`${path}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(`${path}.${i}`, `${path}.${i + 1}`);
      } catch {
        /* not there yet */
      }
    }
    renameSync(path, `${path}.1`);
    fd = openSync(path, 'a');
    size = 0;
  };
  return {
    write(line: string) {
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) rotate();
      writeSync(fd, line);
      size += bytes;
    },
    close: () => closeSync(fd),
  };
}
