import { assertAccepted, assertConfigAccepted } from '../../agent/adapters/router/ios-output.js';
import type { Clock } from '../../agent/ports/clock.js';
import { RouterError, assertSafeLine, type RouterCli } from '../../agent/ports/router-cli.js';
import { CliSession } from '../cli/session.js';
import type { LabRouter } from '../router/index.js';

/** What the management plane does to the agent's commands (scenario "SSH refused or slow"). */
export type ManagementPlane =
  | { state: 'ok' }
  /** Every command fails at once, as a refused SSH connection does. */
  | { state: 'refused' }
  /** Every command takes `latencyMs` of lab time instead of the usual. */
  | { state: 'slow'; latencyMs: number };

export interface InProcessRouterCliOptions {
  router: LabRouter;
  clock: Clock;
  /** Lab time one command costs (an SSH round trip plus IOS's own work). */
  commandLatencyMs: number;
}

/**
 * The agent's router port wired straight to a lab router's command line, with
 * no SSH in between, so that the agent and the lab run on one manual clock
 * and a seed reproduces a run exactly. One vty, commands one at a time, as
 * the SSH adapter does; each costs lab time, and the management plane can be
 * refused or slowed by a scenario.
 */
export class InProcessRouterCli implements RouterCli {
  private readonly session: CliSession;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  plane: ManagementPlane = { state: 'ok' };
  commands = 0;

  constructor(private readonly o: InProcessRouterCliOptions) {
    this.session = new CliSession({ device: o.router, privilege: 15, terminalLength: 0, user: 'agent' });
  }

  show(command: string): Promise<string> {
    return this.serial(async () => this.run(command));
  }

  exec(command: string): Promise<string> {
    return this.serial(async () => {
      const out = this.run(command);
      assertConfigAccepted(out, command);
      return out;
    });
  }

  configure(lines: readonly string[]): Promise<void> {
    return this.serial(async () => {
      lines.forEach(assertSafeLine);
      assertAccepted(this.run('configure terminal'), 'configure terminal');
      try {
        for (const line of lines) assertConfigAccepted(this.run(line), line.trim());
      } finally {
        this.run('end');
      }
    });
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  private run(line: string): string {
    assertSafeLine(line);
    this.commands++;
    const lines = this.session.execute(line).lines;
    return lines.length ? `${lines.join('\n')}\n` : '';
  }

  /** One command at a time, each after its latency; a refused plane fails before anything runs. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      if (this.closed) throw new RouterError('ROUTER_CLOSED', 'router connection closed');
      if (this.plane.state === 'refused') throw new RouterError('ROUTER_CONNECT_FAILED', 'connection refused by the router');
      await this.o.clock.sleep(this.plane.state === 'slow' ? this.plane.latencyMs : this.o.commandLatencyMs);
      return fn();
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
