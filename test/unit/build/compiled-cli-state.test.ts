import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compiledCliState, startAnswer } from '../../../build/compiled-cli.mjs';
import { tempDir } from '../../support/temp-dir.js';

const BUILT_AT_MS = 2_000_000;

describe('whether the bin may run the compiled CLI', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

  /** A checkout whose sources have these mtimes, and a build of them when `inputs` is given. */
  function checkout(
    sources: Record<string, number>,
    build?: { inputs: string[]; startInputs: string[]; startAnswers?: { help: string; version: string } },
  ): string {
    const d = tempDir('spokepilot-compiled-');
    dirs.push(d);
    for (const [file, mtimeMs] of Object.entries(sources)) {
      mkdirSync(dirname(join(d.dir, file)), { recursive: true });
      writeFileSync(join(d.dir, file), '');
      utimesSync(join(d.dir, file), mtimeMs / 1000, mtimeMs / 1000);
    }
    if (build) {
      mkdirSync(join(d.dir, 'dist/cli'), { recursive: true });
      writeFileSync(join(d.dir, 'dist/cli/build-inputs.json'), JSON.stringify({ startedAtMs: BUILT_AT_MS, ...build }));
    }
    return `${d.dir}/`;
  }

  it('is missing without a finished build', () => {
    expect(compiledCliState(false, checkout({ 'agent/cli/main.ts': 1_000_000 }))).toBe('missing');
  });

  it('is fresh when no source changed since the build started', () => {
    const root = checkout(
      { 'agent/cli/main.ts': 1_000_000, 'agent/cli/run.ts': 1_500_000 },
      { inputs: ['agent/cli/main.ts', 'agent/cli/run.ts'], startInputs: ['agent/cli/main.ts'] },
    );
    expect(compiledCliState(false, root)).toBe('fresh');
  });

  it('is stale when a source was edited after the build started, except to --help and --version when it is not theirs', () => {
    const root = checkout(
      { 'agent/cli/main.ts': 1_000_000, 'agent/cli/run.ts': 2_500_000 },
      { inputs: ['agent/cli/main.ts', 'agent/cli/run.ts'], startInputs: ['agent/cli/main.ts'] },
    );
    expect(compiledCliState(false, root)).toBe('stale');
    expect(compiledCliState(true, root)).toBe('fresh');
  });

  it('is stale when a source the build read is gone (renamed, deleted)', () => {
    const root = checkout({ 'agent/cli/main.ts': 1_000_000 }, { inputs: ['agent/cli/main.ts', 'agent/gone.ts'], startInputs: [] });
    expect(compiledCliState(false, root)).toBe('stale');
  });

  it('gives the compiled --help and --version text only while the sources they came from are unchanged', () => {
    const startAnswers = { help: 'Usage: spokepilot <command>', version: 'spokepilot 9.9.9' };
    const built = { inputs: ['agent/cli/main.ts', 'agent/cli/run.ts'], startInputs: ['agent/cli/main.ts'], startAnswers };
    const fresh = checkout({ 'agent/cli/main.ts': 1_000_000, 'agent/cli/run.ts': 2_500_000 }, built);
    expect(startAnswer('help', fresh)).toBe(startAnswers.help);
    expect(startAnswer('version', fresh)).toBe(startAnswers.version);
    const edited = checkout({ 'agent/cli/main.ts': 2_500_000, 'agent/cli/run.ts': 1_000_000 }, built);
    expect(startAnswer('help', edited)).toBeUndefined();
    const older = checkout({ 'agent/cli/main.ts': 1_000_000 }, { inputs: ['agent/cli/main.ts'], startInputs: ['agent/cli/main.ts'] });
    expect(startAnswer('version', older)).toBeUndefined();
    expect(startAnswer('version', checkout({ 'agent/cli/main.ts': 1_000_000 }))).toBeUndefined();
  });
});
