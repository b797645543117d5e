/**
 * `npm run conformance -- [--corpus DIR] [--exclusions FILE] [--command TEXT] [--verbose]`
 * Walks a corpus laid out like test/corpus (INDEX.tsv and the files it names),
 * prints one line per case, ends with `conformance: N passed, N failed`.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatResult, runCorpus, summaryLine } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: join(here, '..', 'corpus') },
    exclusions: { type: 'string', default: join(here, 'exclusions.tsv') },
    command: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

const results = runCorpus(resolve(values.corpus!), resolve(values.exclusions!)).filter(
  (r) => values.command === undefined || r.case.command.startsWith(values.command),
);
for (const r of results) console.log(formatResult(r, values.verbose));
console.log(summaryLine(results));
process.exitCode = results.some((r) => r.verdict === 'fail') ? 1 : 0;
