/**
 * The one error convention (issue 14): every error the agent raises on purpose
 * carries a machine-readable `code` from its area's union, a message naming the
 * bad input, and the error it wraps as `cause`. It lives in proto/ because the
 * pure core and the contract throw it too, and they import nothing else.
 */
export class CodedError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export function isCodedError(err: unknown): err is CodedError {
  return err instanceof CodedError;
}

/** The code of any error that has one: ours, Node's system errors (ENOENT), SQLite's (SQLITE_BUSY). */
export function errorCode(err: unknown): string | undefined {
  if (err === null || typeof err !== 'object' || !('code' in err)) return undefined;
  const code = (err as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** The message of anything thrown: a library may throw a string, or an object that is not an Error. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return String(err);
  } catch {
    return 'unprintable error'; // an object whose toString throws
  }
}

/** Code (when there is one) and message, the two fields a log line or a CLI error shows. */
export function describeError(err: unknown): { code: string | undefined; message: string } {
  return { code: errorCode(err), message: errorMessage(err) };
}
