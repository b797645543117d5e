import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { readCorpusIndex } from '../conformance/corpus-index.js';
import { resolveCommand } from '../../agent/parsers/registry.js';

export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus');

/** Raw corpus outputs grouped by the id of the command that parses them. */
export function corpusTextsByCommand(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of readCorpusIndex(CORPUS_DIR)) {
    const resolved = resolveCommand(c.command);
    if (!resolved) continue;
    const list = out.get(resolved.spec.id) ?? [];
    list.push(readFileSync(join(CORPUS_DIR, c.rawPath), 'utf8'));
    out.set(resolved.spec.id, list);
  }
  return out;
}
