/**
 * Runs EEM applets on one lab router. Triggers (track changes from the event
 * bus, lines as the log buffer records them, timers) are queued and run on
 * the router's one-second step, never inside the step that raised them: IOS
 * publishes events to the EEM server and runs policies asynchronously too.
 * `action cli command` lines go through a CliSession on the router's own
 * command set, starting in user exec as IOS's EEM vty does (hence `enable`).
 * EEM's CLI library spawns an exec on a vty, writes each command and reads
 * its output back ("EEM CLI Library Command Extensions"), so a command costs
 * what a command on any vty costs: `cliCommandMs` for each exec command, the
 * lines of a configuration session going with its `configure terminal` (0:
 * instant, the default). Applets run one at a time (the default applet
 * thread class has one thread), so a run holds the rest until its last action.
 */
import { CliSession } from '../cli/session.js';
import type { CommandDef } from '../cli/grammar.js';
import type { AppletAction, AppletConfig } from './config-model.js';
import { admitRun, newAppletRuntime, sortedActions, syslogMatch, timerDue, trackFires, type AppletRuntime } from './dynamics/eem.js';
import { stepTracks } from './engine.js';
import { emit, now, type RouterModel } from './model.js';

export class EemRunner {
  private readonly queue: string[] = [];
  private readonly runtimes = new Map<string, AppletRuntime>();
  private draining = false;
  /** A run whose CLI actions are still waiting for their turn on the vty. */
  private running = false;

  constructor(
    private readonly m: RouterModel,
    private readonly commands: () => readonly CommandDef[],
    private readonly cliCommandMs = 0,
  ) {
    m.bus.subscribe((e) => {
      if (e.kind !== 'track') return;
      for (const a of this.registered()) if (trackFires(a.event, e.trackId, e.to)) this.queue.push(a.name);
    });
    m.log.watch((line) => {
      for (const a of this.registered()) {
        const r = syslogMatch(a.event, this.runtime(a), line, now(m));
        this.runtimes.set(a.name, r.rt);
        if (r.fires) this.queue.push(a.name);
      }
    });
  }

  /** On every lab second: timers that are due, then everything queued. */
  tick(): void {
    for (const a of this.registered()) {
      const r = timerDue(a.event, this.runtime(a), now(this.m));
      this.runtimes.set(a.name, r.rt);
      if (r.fires) this.queue.push(a.name);
    }
    this.drain();
  }

  /** `event manager run NAME`. */
  runNow(name: string): void {
    this.queue.push(name);
    this.drain();
  }

  private registered(): AppletConfig[] {
    return [...this.m.config.applets.values()].filter((a) => a.event !== undefined);
  }

  /** The applet's runtime, new when the applet was (re-)registered since. */
  private runtime(a: AppletConfig): AppletRuntime {
    const rt = this.runtimes.get(a.name);
    return rt && rt.registeredAt === a.registeredAt ? rt : newAppletRuntime(a.event, a.registeredAt);
  }

  private drain(): void {
    if (this.draining || this.running) return;
    this.draining = true;
    try {
      while (!this.running && this.queue.length > 0) {
        const name = this.queue.shift()!;
        const a = this.m.config.applets.get(name);
        if (!a) continue;
        const admitted = admitRun(this.runtime(a), now(this.m));
        if (!admitted) {
          emit(this.m, { kind: 'eem', at: now(this.m), applet: name, detail: 'run dropped: applet triggered itself too often' });
          continue;
        }
        this.runtimes.set(name, admitted);
        this.run(a);
      }
    } finally {
      this.draining = false;
    }
  }

  private run(a: AppletConfig): void {
    emit(this.m, { kind: 'eem', at: now(this.m), applet: a.name, detail: 'run' });
    this.runFrom(a, sortedActions(a.actions), 0, undefined);
  }

  /** Actions from `index` on; a CLI action with a cost waits for it on the clock, holding later runs. */
  private runFrom(a: AppletConfig, actions: readonly AppletAction[], index: number, session: CliSession | undefined): void {
    for (let i = index; i < actions.length; i++) {
      const action = actions[i]!;
      if (action.kind !== 'cli') {
        this.act(a.name, action);
        continue;
      }
      const s = session ?? this.session(a.name);
      // Lines inside a configuration session are charged as the agent's are: with the session's
      // `configure terminal`, not one by one (lab/harness/in-process-router-cli.ts).
      const inConfig = s.mode() !== 'user' && s.mode() !== 'exec';
      if (this.cliCommandMs <= 0 || inConfig) {
        session = s;
        s.execute(action.command);
        continue;
      }
      this.running = true;
      this.m.opts.clock.setTimer(() => {
        s.execute(action.command);
        this.runFrom(a, actions, i + 1, s);
      }, this.cliCommandMs);
      return;
    }
    if (this.running) {
      this.running = false;
      this.drain();
    }
  }

  private act(applet: string, action: Exclude<AppletAction, { kind: 'cli' }>): void {
    const at = now(this.m);
    if (action.kind === 'syslog') {
      emit(this.m, { kind: 'eem-log', at, applet, text: action.msg });
      return;
    }
    // `action track set` sets only a stub object's state; any other object keeps its own.
    if (this.m.config.tracks.get(action.track)?.kind !== 'stub-object') {
      emit(this.m, { kind: 'eem', at, applet, detail: `action ${action.label}: track ${action.track} is not a stub object` });
      return;
    }
    this.m.rt.stubStates.set(action.track, action.state);
    stepTracks(this.m);
  }

  /** EEM's own vty: user exec, no enable secret; leaving config mode logs `Configured from console by  on vty0 (EEM:NAME)`. */
  private session(applet: string): CliSession {
    const m = this.m;
    return new CliSession({
      device: {
        hostname: () => m.config.hostname,
        commands: this.commands,
        configured: () => emit(m, { kind: 'config', at: now(m), by: ` on vty0 (EEM:${applet})` }),
      },
    });
  }
}
