/**
 * Run by hostile-config-heap.test.ts in a child with the package's 64 MB heap:
 * loads each hostile configuration shape at just under the size cap and
 * prints one JSON line: each shape's outcome (ok or its first issue code).
 */
import { loadConfigText, MAX_CONFIG_FILE_BYTES, MAX_FLOW_NESTING } from '../../agent/config/load.js';

const size = MAX_CONFIG_FILE_BYTES - 16;
const fill = (unit: string, head = '', tail = '') =>
  head + unit.repeat(Math.floor((size - head.length - tail.length) / unit.length)) + tail;
const shapes: Record<string, string> = {
  shortFlowLines: fill('k: [1, 2, {a: b}]\n')
    .replace(/k:/g, () => `k${Math.random().toString(36).slice(2, 8)}:`)
    .slice(0, size),
  longFlowList: fill('1,', 'x: [', '1]\n'),
  deepNesting: fill('[', 'x: '),
  nestingAtTheLimit: `x: ${'['.repeat(MAX_FLOW_NESTING)}${']'.repeat(MAX_FLOW_NESTING)}\n`,
  manyKeys: fill('a: 1\n')
    .replace(/a:/g, () => `k${Math.random().toString(36).slice(2, 10)}:`)
    .slice(0, size),
};
const out: Record<string, string> = {};
for (const [name, text] of Object.entries(shapes)) {
  const r = loadConfigText(text);
  out[name] = r.ok ? 'ok' : (r.issues[0]?.code ?? 'invalid');
}
console.log(JSON.stringify(out));
