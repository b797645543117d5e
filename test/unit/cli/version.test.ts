import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AGENT_VERSION } from '../../../agent/version.js';
import { execFileSync } from 'node:child_process';
import { usage } from '../../../agent/cli/main.js';
import { BIN, runCli } from '../../support/run-cli.js';

describe('spokepilot --version', () => {
  it('prints the version package.json declares (the one the birth and /status carry)', async () => {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { version: string };
    expect(AGENT_VERSION).toBe(pkg.version);
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`spokepilot ${pkg.version}`);
  }, 30_000);

  it("the bin answers --help, -h, help and nothing at all with the CLI's own usage, as the ES module CLI does", async () => {
    const esm = BIN.replace(/spokepilot\.cjs$/, 'spokepilot.mjs');
    for (const args of [['--help'], ['-h'], ['help'], [], ['--version'], ['-V']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(args.length === 0 ? 2 : 0);
      let viaEsm: string;
      try {
        viaEsm = execFileSync(process.execPath, [esm, ...args], { encoding: 'utf8' });
      } catch (e) {
        viaEsm = (e as { stdout: string }).stdout;
      }
      expect(r.stdout, args.join(' ')).toBe(viaEsm);
    }
    expect((await runCli(['--help'])).stdout).toBe(`${usage()}\n`);
  }, 60_000);
});
