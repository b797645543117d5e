import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpusIndex } from './corpus-index.js';
import { formatResult, readExclusions, runCase } from './harness.js';
import { resolveCommand } from '../../agent/parsers/registry.js';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, '..', 'corpus');
const exclusions = readExclusions(join(here, 'exclusions.tsv'));
const cases = readCorpusIndex(corpus);

describe('conformance against the real-device corpus', () => {
  it('reads the whole index', () => {
    expect(cases.length).toBeGreaterThan(150);
  });

  it('supports every command the corpus holds', () => {
    const unsupported = [...new Set(cases.filter((c) => !resolveCommand(c.command)).map((c) => c.command))];
    expect(unsupported).toEqual([]);
  });

  it('excludes only cases that exist, each with a reason', () => {
    const paths = new Set(cases.map((c) => c.rawPath));
    for (const [path, reason] of exclusions) {
      expect(paths.has(path), path).toBe(true);
      expect(reason.length).toBeGreaterThan(10);
    }
  });

  it.each(cases.filter((c) => resolveCommand(c.command) && !exclusions.has(c.rawPath)).map((c) => [c.rawPath, c] as const))(
    '%s',
    (_path, c) => {
      const result = runCase(corpus, c, exclusions);
      expect(result.verdict, formatResult(result, true)).toBe('pass');
    },
  );
});
