import { describeError } from '../../../proto/coded-error.js';
import type { Clock } from '../../ports/clock.js';
import { RouterError, type RouterCli } from '../../ports/router-cli.js';
import type { Degradations } from '../observe/degradations.js';

/** Failures that mean the agent cannot talk to IOS at all (as opposed to IOS refusing one line). */
const UNREACHABLE = new Set<string>(['ROUTER_CONNECT_FAILED', 'ROUTER_DISCONNECTED', 'ROUTER_TIMEOUT']);
/** Failures no retry will cure: someone must look (a replaced router, a man in the middle, a changed password). */
const AT_ONCE = new Set<string>(['ROUTER_HOSTKEY_MISMATCH', 'ROUTER_AUTH_FAILED']);
/** Failures in which IOS answered: the router is reachable (and its host key matched). */
const ANSWERED = new Set<string>(['ROUTER_CLI_ERROR', 'ROUTER_OUTPUT_TOO_LARGE']);
/** Consecutive unreachable failures before the router is reported unreachable: one dropped session is not news. */
export const UNREACHABLE_AFTER = 3;

/**
 * The router as the runtime sees it: every call's outcome feeds the router's
 * degradation (so an unreachable router or a host-key mismatch reaches
 * /healthz and the fleet, not just a log line), and at shutdown the gate
 * closes: nothing the runtime started may reach IOS after the restore begins.
 * The restore itself goes to the inner router.
 */
export class GuardedRouter implements RouterCli {
  private closed = false;
  private failuresInARow = 0;

  constructor(
    readonly inner: RouterCli,
    private readonly degradations: Degradations,
    private readonly clock: Clock,
  ) {}

  show(command: string): Promise<string> {
    return this.call(() => this.inner.show(command));
  }

  configure(lines: readonly string[]): Promise<void> {
    return this.call(() => this.inner.configure(lines));
  }

  exec(command: string): Promise<string> {
    return this.call(() => this.inner.exec(command));
  }

  /** Refuses every later call from the runtime with ROUTER_CLOSED; the inner router stays open for the restore. */
  shutDown(): void {
    this.closed = true;
  }

  close(): Promise<void> {
    this.closed = true;
    return this.inner.close();
  }

  private async call<T>(run: () => Promise<T>): Promise<T> {
    if (this.closed) throw new RouterError('ROUTER_CLOSED', 'the agent is stopping: no more commands to the router');
    try {
      const out = await run();
      this.reachable();
      return out;
    } catch (err) {
      this.judge(err);
      throw err;
    }
  }

  private reachable(): void {
    this.failuresInARow = 0;
    this.degradations.clear('router');
  }

  private judge(err: unknown): void {
    const { code = '', message } = describeError(err);
    if (AT_ONCE.has(code)) {
      this.degradations.set({ component: 'router', code, message, sinceMs: this.clock.now() });
      return;
    }
    if (ANSWERED.has(code)) return this.reachable();
    if (!UNREACHABLE.has(code)) return; // never sent (an unsafe line, the closed gate): says nothing of the router
    if (++this.failuresInARow >= UNREACHABLE_AFTER) {
      this.degradations.set({
        component: 'router',
        code: 'ROUTER_UNREACHABLE',
        message: `${this.failuresInARow} commands in a row failed; last: ${code}: ${message}`,
        sinceMs: this.clock.now(),
      });
    }
  }
}
