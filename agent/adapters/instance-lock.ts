import { closeSync, openSync, readFileSync, realpathSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CodedError } from '../../proto/coded-error.js';

export interface InstanceLock {
  readonly path: string;
  release(): void;
}

/**
 * The lock for a database: beside the file it really is, so two paths to one
 * database (a symlink, a symlinked directory) share one lock (hostile re-test:
 * a symlinked path let two agents run on one database).
 */
export function lockPathFor(dbPath: string): string {
  try {
    return `${realpathSync(dbPath)}.lock`;
  } catch {
    try {
      return join(realpathSync(dirname(dbPath)), `${basename(dbPath)}.lock`);
    } catch {
      return `${dbPath}.lock`;
    }
  }
}

export class AlreadyRunningError extends CodedError<'AGENT_ALREADY_RUNNING'> {
  constructor(message: string) {
    super('AGENT_ALREADY_RUNNING', message);
  }
}

/**
 * One agent per database: a lingering instance and its successor would fight
 * over the MQTT client id (each connect kicks the other) and over the router.
 * A pid file beside the database, created exclusively; a file left by a dead
 * process (or by a process with our own pid: a container restarted) is taken over.
 */
export function acquireInstanceLock(path: string, pid = process.pid): InstanceLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      writeSync(fd, `${pid}\n`);
      closeSync(fd);
      return { path, release: () => releaseIfOurs(path, pid) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(path);
    if (holder !== undefined && holder !== pid && isAgentProcess(holder)) {
      throw new AlreadyRunningError(`another spokepilot (pid ${holder}) holds ${path}; stop it first`);
    }
    try {
      unlinkSync(path);
    } catch {
      /* raced with another starter: the next attempt tells */
    }
  }
  throw new AlreadyRunningError(`could not take ${path}: another instance is starting`);
}

function readHolder(path: string): number | undefined {
  try {
    const n = Number(readFileSync(path, 'utf8').trim());
    return Number.isSafeInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** Alive, and (where /proc tells) a spokepilot or node process: a recycled pid of something else is not a holder. */
function isAgentProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /spokepilot|node/.test(cmdline);
  } catch {
    return true;
  }
}

function releaseIfOurs(path: string, pid: number): void {
  if (readHolder(path) === pid) {
    try {
      unlinkSync(path);
    } catch {
      /* already gone */
    }
  }
}
