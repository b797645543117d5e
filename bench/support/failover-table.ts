/**
 * The README's failover table from a bench run's JSON lines:
 * `npm run bench -- failover > run.jsonl`, then
 * `node --import tsx bench/support/failover-table.ts run.jsonl [arm,arm,...]`.
 * Median / p95 per scenario, arm and figure; a run that never recovered is
 * counted ("never (n)"), never shown as a time. A run of the classes group
 * (`npm run bench -- classes`, in the same file or its own) adds its table.
 */
import { readFileSync } from 'node:fs';
import { round } from '../metric.js';

const FIGURES: readonly [metric: string, label: string][] = [
  ['timeToWorkingPathSec', 'time to working path, s'],
  ['degradedSec', 'degraded, s'],
  ['pathChanges', 'path changes'],
  ['falseSwitches', 'false switches'],
  ['offPreferredAfterFaultSec', 'off preferred after fault, s'],
];

function parse(jsonl: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of jsonl.split('\n')) {
    if (!line.startsWith('{')) continue;
    const r = JSON.parse(line) as { metric: string; value: number };
    values.set(r.metric, r.value);
  }
  return values;
}

const scenariosOf = (values: Map<string, number>) =>
  [
    ...new Set(
      [...values.keys()]
        .map((k) => k.split('.'))
        .filter((p) => p[0] === 'failover' && p.length >= 5 && p[1] !== 'sshSample')
        .map((p) => p[1]!),
    ),
  ].sort();

/**
 * Where `arm` misses the issue's bar against `baseline` (issue 12, item 5): p95 time to
 * a working path and degraded seconds no worse, path changes and false switches no more,
 * no false switch at all in noisy-but-healthy, and never longer off the preferred path
 * after a fault than the baseline plus the preemption delay.
 */
export function shortfalls(jsonl: string, arm = 'agent', baseline = 'ios-tuned', preemptSec = 300): string[] {
  const values = parse(jsonl);
  const out: string[] = [];
  const get = (s: string, a: string, m: string, stat: string) => values.get(`failover.${s}.${a}.${m}.${stat}`);
  for (const s of scenariosOf(values)) {
    const neverA = values.get(`failover.${s}.${arm}.neverRecoveredRuns`) ?? 0,
      neverB = values.get(`failover.${s}.${baseline}.neverRecoveredRuns`) ?? 0;
    if (neverA > neverB) out.push(`${s}: never recovered in ${neverA} runs against ${neverB}`);
    for (const m of ['timeToWorkingPathSec', 'degradedSec', 'pathChanges', 'falseSwitches']) {
      const a = get(s, arm, m, 'p95'),
        b = get(s, baseline, m, 'p95');
      if (a !== undefined && b !== undefined && a > b) out.push(`${s}: ${m} p95 ${a} against ${b}`);
    }
    if (s === 'noisy-but-healthy' && (get(s, arm, 'falseSwitches', 'max') ?? 0) > 0)
      out.push(`${s}: ${get(s, arm, 'falseSwitches', 'max')} false switches at most (the bar is none)`);
    const off = get(s, arm, 'offPreferredAfterFaultSec', 'max'),
      offB = get(s, baseline, 'offPreferredAfterFaultSec', 'max');
    if (off !== undefined && offB !== undefined && off > offB + preemptSec)
      out.push(`${s}: off the preferred path ${off} s after the fault, against ${offB} s + ${preemptSec} s`);
  }
  return out;
}

export function failoverTable(jsonl: string, arms: readonly string[]): string {
  const values = parse(jsonl);
  const scenarios = scenariosOf(values);
  const rows = [`| scenario | figure | ${arms.join(' | ')} |`, `|---|---|${arms.map(() => '---|').join('')}`];
  for (const s of scenarios) {
    for (const [metric, label] of FIGURES) {
      const cells = arms.map((a) => {
        const never = values.get(`failover.${s}.${a}.neverRecoveredRuns`) ?? 0;
        const median = values.get(`failover.${s}.${a}.${metric}.median`);
        const p95 = values.get(`failover.${s}.${a}.${metric}.p95`);
        if (median === undefined) return metric === 'timeToWorkingPathSec' && never > 0 ? `never (${never})` : '-';
        return `${median} / ${p95}${metric === 'timeToWorkingPathSec' && never > 0 ? ` (never: ${never})` : ''}`;
      });
      if (cells.every((c) => c === '-')) continue;
      rows.push(`| ${s} | ${label} | ${cells.join(' | ')} |`);
    }
  }
  return rows.join('\n') + '\n';
}

/**
 * What each arm sends over the metered WAN (LTE) per run, median, in kB: probes, IKE,
 * DPD and the tunnel's data while it is there. The cost side of a configuration that
 * probes harder; one row per scenario.
 */
export function meteredTable(jsonl: string, arms: readonly string[]): string {
  const values = parse(jsonl);
  const rows = [`| scenario | ${arms.join(' | ')} |`, `|---|${arms.map(() => '---|').join('')}`];
  for (const s of scenariosOf(values)) {
    const cells = arms.map((a) => {
      const b = values.get(`failover.${s}.${a}.meteredBytes.median`);
      return b === undefined ? '-' : (b / 1000).toFixed(b < 10_000 ? 1 : 0);
    });
    if (cells.every((c) => c === '-')) continue;
    rows.push(`| ${s} | ${cells.join(' | ')} |`);
  }
  return rows.join('\n') + '\n';
}

/**
 * Issue 19's classes group (`npm run bench -- classes`, bench/support/classes-bench.ts): per
 * scenario and arm, each class's seconds outside its level, how far over voice was then (mean
 * ratio to its level), degraded seconds, path changes and LTE kB, median / p95. Empty when the run has no `classes.` figures.
 */
export function classesTable(jsonl: string): string {
  const values = parse(jsonl);
  const keys = [...values.keys()].filter((k) => k.startsWith('classes.') && k.endsWith('.median')).map((k) => k.split('.'));
  const scenarios = [...new Set(keys.map((p) => p[1]!))];
  if (scenarios.length === 0) return '';
  const rows = [
    '| scenario | arm | voice outside its level, s | voice over its level, x | bulk outside its level, s | degraded, s | path changes | LTE kB |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const s of scenarios) {
    const arms = [...new Set(keys.filter((p) => p[1] === s).map((p) => p[2]!))];
    for (const a of arms) {
      const cell = (m: string, scale = 1, digits = 1) => {
        const med = values.get(`classes.${s}.${a}.${m}.median`),
          p95 = values.get(`classes.${s}.${a}.${m}.p95`);
        const r = (v: number) => round(v / scale, digits);
        return med === undefined ? '-' : `${r(med)} / ${r(p95!)}`;
      };
      rows.push(
        `| ${s} | ${a} | ${cell('classNoncompliantSec.voice')} | ${cell('classExcessMean.voice', 1, 2)} | ${cell('classNoncompliantSec.bulk')} | ${cell('degradedSec')} | ${cell('pathChanges')} | ${cell('meteredBytes', 1000)} |`,
      );
    }
  }
  return rows.join('\n') + '\n';
}

if (process.argv[1]?.endsWith('failover-table.ts')) {
  const [file, arms] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: failover-table.ts RUN.jsonl [arm,arm,...]\n');
    process.exit(2);
  }
  const text = readFileSync(file, 'utf8');
  const armList = (arms ?? 'ios-minimal,ios-tuned,agent').split(',');
  process.stdout.write(failoverTable(text, armList));
  process.stdout.write(`\nLTE (metered) kB sent per run, median:\n\n${meteredTable(text, armList)}`);
  const classes = classesTable(text);
  if (classes) process.stdout.write(`\nService classes and a spent LTE budget (issue 19), median / p95:\n\n${classes}`);
  // Each agent arm against the configuration it is layered on, where the run has both.
  for (const [arm, baseline] of [
    ['agent', 'ios-tuned'],
    ['agent-on-combined', 'ios-tuned-combined'],
  ] as const) {
    if (!text.includes(`failover.hub1-dies.${arm}.`) || !text.includes(`failover.hub1-dies.${baseline}.`)) continue;
    const misses = shortfalls(text, arm, baseline);
    process.stdout.write(
      misses.length === 0
        ? `\n${arm} against ${baseline}: meets the bar on every scenario\n`
        : `\n${arm} against ${baseline}, short of the bar:\n${misses.map((m) => `- ${m}`).join('\n')}\n`,
    );
  }
}
