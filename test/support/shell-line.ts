/**
 * Documented command lines run as a reader runs them: through sh, with
 * `npx spokepilot` standing for the bin (npx only finds it, and costs seconds).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './run-cli.js';
import { waitFor } from './wait-for.js';

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A documented line as this test runs it: `npx spokepilot` is the bin, through
 * sh (pipes, quotes); sh execs a lone command, so a signal reaches it and not sh.
 */
function asRun(line: string): string {
  const run = line.replace(/\bnpx spokepilot\b/g, `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`);
  return run.includes('|') ? run : `exec ${run}`;
}

/** Environment of every command: no database or port taken from the environment the tests run in. */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of ['SPOKEPILOT_DB', 'CAF_APP_PERSISTENT_DIR', 'SPOKEPILOT_HTTP_PORT']) if (!(name in extra)) delete env[name];
  return env;
}

export class Started {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  /** In its own process group, so `npm start`'s node under npm and sh stops with it. */
  constructor(line: string, cwd: string, env?: NodeJS.ProcessEnv) {
    this.child = spawn('sh', ['-c', asRun(line)], { cwd, env: childEnv(env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  }

  output(pattern: RegExp, what: string, timeoutMs = 30_000): Promise<RegExpExecArray> {
    return waitFor(
      `${what} (stdout so far: ${this.stdout.slice(-300)}; stderr: ${this.stderr.slice(-300)})`,
      () => pattern.exec(this.stdout) ?? undefined,
      timeoutMs,
    );
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    try {
      process.kill(-this.child.pid!, signal);
    } catch {
      // already gone
    }
    return this.exited;
  }
}

export async function sh(line: string, cwd: string, env?: NodeJS.ProcessEnv): Promise<Finished> {
  const run = new Started(line, cwd, env);
  const code = await run.exited;
  return { code, stdout: run.stdout, stderr: run.stderr };
}
