import { parseArgs } from 'node:util';
import { SqliteJournal } from '../adapters/sqlite/journal.js';
import { resolveDbPath } from './db-path.js';
import { journalLine } from './human/journal-text.js';
import { cliArgs } from './cli-args.js';
import { openForQuery } from './open-store.js';
import { parseTimeArg } from './time-arg.js';
import { describeError } from '../../proto/coded-error.js';

const USAGE = `Usage: spokepilot events [--since TIME] [--until TIME] [--kind KIND]... [--limit N] [--json] [--db PATH]

The agent's journal: observations that changed state, decisions with their
reasons, actions and their verification. KIND: observation, decision, action,
verification, command, route-diff, route-expectation, warning, ...
TIME: ISO 8601 (2026-11-23T03:12Z), an age (15m, 2h, 3d), or epoch ms.
Without --since, the newest --limit entries (1000); with it, the first from then.
Printed with local times and how long ago, decisions' reasons in words (dry-run
ones marked); --json prints the entries as stored (epoch ms, reason codes).`;

export async function eventsCommand(argv: string[], nowMs = Date.now()): Promise<number> {
  const parsed = cliArgs(
    () =>
      parseArgs({
        args: argv,
        options: {
          since: { type: 'string' },
          until: { type: 'string' },
          kind: { type: 'string', multiple: true },
          limit: { type: 'string' },
          json: { type: 'boolean' },
          db: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    USAGE,
    'events',
  );
  if (!parsed) return 2;
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const times: Record<string, number> = {};
  for (const flag of ['since', 'until'] as const) {
    const text = values[flag];
    if (text === undefined) continue;
    const t = parseTimeArg(text, nowMs);
    if (typeof t !== 'number') {
      console.error(`spokepilot events: --${flag}: ${t.error}`);
      return 2;
    }
    times[flag] = t;
  }
  const limit = values.limit === undefined ? 1000 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    console.error(`spokepilot events: --limit must be a positive integer, not "${values.limit}"`);
    return 2;
  }
  const db = openForQuery(resolveDbPath(values.db), 'events');
  if (!db) return 1;
  try {
    const journal = new SqliteJournal(db, { maxAgeMs: Number.MAX_SAFE_INTEGER, maxRows: Number.MAX_SAFE_INTEGER });
    // A misspelt kind must not look like a quiet journal.
    const known = journal.kinds();
    const unknown = (values.kind ?? []).filter((k) => !known.includes(k));
    if (unknown.length > 0) {
      console.error(
        `spokepilot events: no entries of kind ${unknown.map((k) => `"${k}"`).join(', ')} in this journal; its kinds: ${known.join(', ') || '(none yet)'}`,
      );
      return 2;
    }
    const rows = journal.query({
      ...(times.since !== undefined ? { sinceMs: times.since } : {}),
      ...(times.until !== undefined ? { untilMs: times.until } : {}),
      ...(values.kind ? { kinds: values.kind } : {}),
      limit,
      // What happened lately is what an operator asks for; --since asks for a span from its start.
      newest: times.since === undefined,
    });
    if (values.json) console.log(JSON.stringify(rows, null, 2));
    else for (const r of rows) console.log(journalLine(r, nowMs));
    return 0;
  } catch (err) {
    const { code, message } = describeError(err);
    console.error(`spokepilot events: ${code ?? 'error'}: ${message}`);
    return 1;
  } finally {
    db.close();
  }
}
