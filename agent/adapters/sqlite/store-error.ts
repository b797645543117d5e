import { CodedError } from '../../../proto/coded-error.js';

/** Stable codes for store faults; tests and callers match on `code`, not message. */
export type StoreErrorCode =
  | 'STORE_DISK_FULL'
  | 'STORE_READ_ONLY'
  | 'STORE_CORRUPT'
  | 'STORE_BUSY'
  | 'STORE_CANNOT_OPEN'
  | 'STORE_IO'
  | 'STORE_BAD_INPUT'
  | 'STORE_SUPERSEDED'
  | 'STORE_TABLE_TOO_LARGE'
  | 'STORE_OUT_OF_MEMORY'
  /** The database could not be opened at all: the agent runs without it (compose's openStore). */
  | 'STORE_UNAVAILABLE'
  | 'STORE_FAILED';

export class StoreError extends CodedError<StoreErrorCode> {
  constructor(
    code: StoreErrorCode,
    message: string,
    readonly sqliteCode?: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

// better-sqlite3 raises SqliteError with `code` = the extended result code name.
const BY_SQLITE_CODE: ReadonlyArray<readonly [RegExp, StoreErrorCode]> = [
  [/^SQLITE_FULL/, 'STORE_DISK_FULL'],
  [/^SQLITE_READONLY/, 'STORE_READ_ONLY'],
  [/^SQLITE_(CORRUPT|NOTADB)/, 'STORE_CORRUPT'],
  [/^SQLITE_(BUSY|LOCKED)/, 'STORE_BUSY'],
  [/^SQLITE_CANTOPEN/, 'STORE_CANNOT_OPEN'],
  [/^SQLITE_IOERR/, 'STORE_IO'],
];

/** Wraps any error thrown by SQLite into a StoreError with a stable code. */
export function toStoreError(err: unknown, doing: string): StoreError {
  if (err instanceof StoreError) return err;
  const e = err as { code?: unknown; message?: unknown };
  const sqliteCode = typeof e?.code === 'string' ? e.code : undefined;
  const code = BY_SQLITE_CODE.find(([re]) => sqliteCode !== undefined && re.test(sqliteCode))?.[1] ?? 'STORE_FAILED';
  return new StoreError(code, `${doing}: ${String(e?.message ?? err)}`, sqliteCode);
}

/** Runs `fn`, turning SQLite errors into coded StoreErrors. */
export function guarded<T>(doing: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toStoreError(err, doing);
  }
}
