import { existsSync } from 'node:fs';
import { openDatabase, type SqliteDb } from '../adapters/sqlite/database.js';
import { describeError } from '../../proto/coded-error.js';

/** Opens the agent's database read-only for a CLI query; `undefined` after printing why not. */
export function openForQuery(path: string, command: string): SqliteDb | undefined {
  if (!existsSync(path)) {
    console.error(`spokepilot ${command}: no database at ${path} (has the agent run here? point --db at its database)`);
    return undefined;
  }
  try {
    return openDatabase(path, { readonly: true });
  } catch (err) {
    const { code, message } = describeError(err);
    console.error(`spokepilot ${command}: cannot open ${path}: ${code ?? ''} ${message}`);
    return undefined;
  }
}
