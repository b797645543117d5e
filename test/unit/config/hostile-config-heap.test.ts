import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { flowNestingDepth } from '../../../agent/config/load.js';

const CHILD = fileURLToPath(new URL('../../support/hostile-config-child.ts', import.meta.url));

describe('hostile configurations under the size cap (red-team finding 15)', () => {
  it("are refused or reported within the package's 64 MB heap, never a crash", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--max-old-space-size=64', '--max-semi-space-size=1', '--import', 'tsx', CHILD],
      { encoding: 'utf8' },
    );
    const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, string>;
    expect(r.deepNesting).toBe('CONFIG_TOO_DEEP');
    // The others parse and fail validation (not a configuration), with the process alive to say so.
    for (const shape of ['shortFlowLines', 'longFlowList', 'nestingAtTheLimit', 'manyKeys']) expect(r[shape]).not.toBe('ok');
  }, 120_000);

  it.each([
    ['a: [1, [2, {b: [3]}]]', 4],
    ['a: "[[[[[["  # [[[[', 0],
    ["a: '[[['\nb: [x]", 1],
    ['a: b#[[[', 0 + 3], // not a comment without whitespace before #: plain scalar, counted (errs towards refusing)
  ])('measures flow nesting of %j as %i', (text, depth) => {
    expect(flowNestingDepth(text)).toBe(depth);
  });
});
