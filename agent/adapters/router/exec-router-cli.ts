import { execFile } from 'node:child_process';
import { assertSafeLine, RouterError, type RouterCli } from '../../ports/router-cli.js';
import { assertAccepted } from './ios-output.js';

export interface ExecRouterOptions {
  /** argv prefix; the IOS command is appended as one argument: `["dohost"]` in Guest Shell. */
  command: readonly string[];
  timeoutMs: number;
}

/**
 * Runs each command as a local process (Guest Shell's `dohost "show ..."`).
 * No shell is involved: the IOS command is one argv element. dohost runs exec
 * commands only, so this transport cannot configure: run it in dry-run mode or
 * actuate over SSH.
 */
export class ExecRouterCli implements RouterCli {
  constructor(private readonly options: ExecRouterOptions) {
    if (options.command.length === 0) throw new RouterError('ROUTER_CONNECT_FAILED', 'exec transport needs a command (e.g. ["dohost"])');
  }

  async show(command: string): Promise<string> {
    assertSafeLine(command);
    const [file, ...args] = this.options.command;
    return await new Promise((resolve, reject) => {
      execFile(file!, [...args, command], { timeout: this.options.timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'latin1' }, (err, stdout, stderr) => {
        if (err) {
          const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: string | number };
          if (e.killed) reject(new RouterError('ROUTER_TIMEOUT', `"${command}" took longer than ${this.options.timeoutMs} ms`));
          else if (e.code === 'ENOENT') reject(new RouterError('ROUTER_CONNECT_FAILED', `${file} not found (is this Guest Shell?)`));
          else reject(new RouterError('ROUTER_CLI_ERROR', `${file} failed on "${command}": ${String(stderr).trim() || e.message}`, command));
          return;
        }
        try {
          assertAccepted(stdout, command);
          resolve(stdout.replace(/\r/g, ''));
        } catch (refused) {
          reject(refused);
        }
      });
    });
  }

  exec(command: string): Promise<string> {
    return this.show(command);
  }

  async configure(): Promise<void> {
    throw new RouterError('ROUTER_CLI_ERROR', 'the exec (dohost) transport cannot change configuration: use SSH, or policy.mode dry-run');
  }

  async close(): Promise<void> {}
}
