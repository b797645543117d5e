import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigFile } from '../../../agent/config/load.js';
import { resolveSecret } from '../../../agent/config/secrets.js';
import { tempDir } from '../../support/temp-dir.js';
import { MINIMAL } from './minimal-config.js';

/** Finding 15 (red team 2026-12-06): a 67 MB YAML took 38 s and 2.9 GB; the IOx heap is 64 MB. */
describe('size caps on files the configuration reads', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  /** A sparse file: its size costs no disk, and must cost no memory either. */
  const sparse = (name: string, bytes: number, head = '') => {
    const file = join(tmp.dir, name);
    writeFileSync(file, head);
    truncateSync(file, bytes);
    return file;
  };

  it('refuses a configuration file over 64 KiB, naming its size and the limit', () => {
    const r = loadConfigFile(sparse('big.yaml', 64 * 2 ** 20, MINIMAL));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.code).toBe('CONFIG_TOO_LARGE');
    expect(r.issues[0]!.message).toContain(String(64 * 2 ** 20));
    expect(r.issues[0]!.message).toContain(String(64 * 2 ** 10));
  });

  it('accepts a configuration just under the limit', () => {
    const file = join(tmp.dir, 'padded.yaml');
    writeFileSync(file, MINIMAL + `#${'x'.repeat(64 * 2 ** 10 - MINIMAL.length - 2)}\n`);
    expect(loadConfigFile(file).ok).toBe(true);
  });

  it('reads regular files only: a device never ends, and a FIFO nobody writes must not block the agent', () => {
    const r = loadConfigFile('/dev/zero');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'CONFIG_UNREADABLE', message: expect.stringContaining('not a regular file') });
    const fifo = join(tmp.dir, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const f = loadConfigFile(fifo); // before: blocked here until a writer came
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(f.ok).toBe(false);
    if (!f.ok) expect(f.issues[0]!.code).toBe('CONFIG_UNREADABLE');
  });

  it('refuses a package_config.ini over the limit, and a YAML it names over the limit', () => {
    const bigIni = loadConfigFile(sparse('package_config.ini', 2 * 2 ** 20, '[config]\nfile = x.yaml\n'));
    expect(bigIni.ok ? [] : bigIni.issues.map((i) => i.code)).toEqual(['CONFIG_TOO_LARGE']);
    sparse('named.yaml', 2 * 2 ** 20, MINIMAL);
    const ini = join(tmp.dir, 'small.ini');
    writeFileSync(ini, '[config]\nfile = named.yaml\n');
    const r = loadConfigFile(ini);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['CONFIG_TOO_LARGE']);
  });

  it('refuses a secret file over 64 KiB without reading or echoing it', () => {
    const file = sparse('secret.txt', 2 ** 20, 'hunter2-content');
    expect(() => resolveSecret({ file })).toThrow(
      expect.objectContaining({ code: 'CONFIG_SECRET_UNAVAILABLE', message: expect.stringContaining(String(64 * 1024)) }),
    );
    expect(() => resolveSecret({ file })).toThrow(expect.not.objectContaining({ message: expect.stringContaining('hunter2') }));
    const small = join(tmp.dir, 'ok.txt');
    writeFileSync(small, 'hunter2\n');
    expect(resolveSecret({ file: small })).toBe('hunter2');
  });
});
