import { spawn } from 'node:child_process';
import { assertSafeLine, RouterError, type RouterCli } from '../../ports/router-cli.js';
import { assertAccepted, assertConfigAccepted } from './ios-output.js';
import { DEFAULT_OUTPUT_LIMITS_CONFIG, routerOutputLimits, type OutputLimits } from './output-limits.js';
import { OutputMeter } from './output-meter.js';

export interface ExecRouterOptions {
  /** argv prefix; the IOS command is appended as one argument: `["dohost"]` in Guest Shell. */
  command: readonly string[];
  timeoutMs: number;
  /** Bytes and lines each command may print (routerOutputLimits); default: the configuration's defaults. */
  outputLimits?: OutputLimits;
}

/** Enough of dohost's complaint to say what went wrong. */
const STDERR_KEPT = 4096;

/**
 * Runs each command as a local process (Guest Shell's `dohost "show ..."`).
 * No shell is involved: the IOS command is one argv element. dohost runs exec
 * commands only, so this transport cannot configure: run it in dry-run mode or
 * actuate over SSH. Output is counted as it streams: past its limit the child
 * is killed and the command fails with ROUTER_OUTPUT_TOO_LARGE.
 */
export class ExecRouterCli implements RouterCli {
  private readonly limits: OutputLimits;

  constructor(private readonly options: ExecRouterOptions) {
    if (options.command.length === 0) throw new RouterError('ROUTER_CONNECT_FAILED', 'exec transport needs a command (e.g. ["dohost"])');
    this.limits = options.outputLimits ?? routerOutputLimits(DEFAULT_OUTPUT_LIMITS_CONFIG);
  }

  async show(command: string): Promise<string> {
    assertSafeLine(command);
    const stdout = await this.run(command);
    assertAccepted(stdout, command);
    return stdout.replace(/\r/g, '');
  }

  /** An acting command (`clear ...`) answers with nothing when accepted: any `%` line is a refusal. */
  async exec(command: string): Promise<string> {
    assertSafeLine(command);
    const stdout = await this.run(command);
    assertConfigAccepted(stdout, command);
    return stdout.replace(/\r/g, '');
  }

  async configure(): Promise<void> {
    throw new RouterError('ROUTER_CLI_ERROR', 'the exec (dohost) transport cannot change configuration: use SSH, or policy.mode dry-run');
  }

  async close(): Promise<void> {}

  private run(command: string): Promise<string> {
    const [file, ...args] = this.options.command;
    const meter = new OutputMeter(this.limits(command), command);
    return new Promise((resolve, reject) => {
      const child = spawn(file!, [...args, command], { stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks: string[] = [];
      let stderr = '';
      let failure: RouterError | undefined;
      // Rejects at once: a grandchild of dohost could hold the pipes open long after the kill,
      // and closing our ends makes its next write fail (EPIPE) instead of being read and dropped.
      const fail = (err: RouterError) => {
        if (failure) return;
        failure = err;
        chunks.length = 0;
        clearTimeout(timer);
        child.kill('SIGKILL');
        child.stdout.destroy();
        child.stderr.destroy();
        reject(err);
      };
      const timer = setTimeout(
        () => fail(new RouterError('ROUTER_TIMEOUT', `"${command}" took longer than ${this.options.timeoutMs} ms`)),
        this.options.timeoutMs,
      );
      child.stdout.setEncoding('latin1');
      child.stdout.on('data', (chunk: string) => {
        if (failure) return;
        const over = meter.add(chunk);
        if (over) fail(over);
        else chunks.push(chunk);
      });
      child.stderr.setEncoding('latin1');
      child.stderr.on('data', (chunk: string) => {
        if (stderr.length < STDERR_KEPT) stderr += chunk.slice(0, STDERR_KEPT - stderr.length);
      });
      child.on('error', (err: NodeJS.ErrnoException) => {
        fail(
          err.code === 'ENOENT'
            ? new RouterError('ROUTER_CONNECT_FAILED', `${file} not found (is this Guest Shell?)`)
            : new RouterError('ROUTER_CLI_ERROR', `${file} failed on "${command}": ${err.message}`, command),
        );
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (failure) return;
        if (code !== 0)
          reject(
            new RouterError('ROUTER_CLI_ERROR', `${file} failed on "${command}": ${stderr.trim() || `exit ${code ?? signal}`}`, command),
          );
        else resolve(chunks.join(''));
      });
    });
  }
}
