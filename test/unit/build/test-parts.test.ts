/**
 * `npm test` runs every test file; the parts (test:unit, test:faults, test:integration, test:lab,
 * test:e2e) are for running a stage alone. A new test folder outside every part would run in CI
 * and never in a developer's loop: this names it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const PARTS = ['test:unit', 'test:faults', 'test:integration', 'test:lab', 'test:e2e'];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [relative(ROOT, join(dir, e.name))] : [],
  );
}

describe('the test parts', () => {
  const folders = PARTS.map((p) => {
    const m = /^vitest run ((?:test\/[\w-]+ ?)+)$/.exec(scripts[p] ?? '');
    return { part: p, folders: m ? m[1]!.trim().split(' ') : [] };
  });

  it('each part is `vitest run` over test folders', () => {
    for (const f of folders) expect(f.folders.length, `${f.part}: "${scripts[f.part]}"`).toBeGreaterThan(0);
  });

  it('every test file is in exactly one part', () => {
    const files = testFiles(join(ROOT, 'test'));
    expect(files.length).toBeGreaterThan(200);
    const outside = files.filter((file) => folders.filter((f) => f.folders.some((d) => file.startsWith(d + '/'))).length !== 1);
    expect(outside).toEqual([]);
  });
});
