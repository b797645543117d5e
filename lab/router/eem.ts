/**
 * Runs EEM applets on one lab router. Triggers (track changes from the event
 * bus, lines as the log buffer records them, timers) are queued and run on
 * the router's one-second step, never inside the step that raised them: IOS
 * publishes events to the EEM server and runs policies asynchronously too.
 * `action cli command` lines go through a CliSession on the router's own
 * command set, starting in user exec as IOS's EEM vty does (hence `enable`).
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

  constructor(
    private readonly m: RouterModel,
    private readonly commands: () => readonly CommandDef[],
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
    if (this.draining) return;
    this.draining = true;
    try {
      for (let name = this.queue.shift(); name !== undefined; name = this.queue.shift()) {
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
    let session: CliSession | undefined;
    for (const action of sortedActions(a.actions)) {
      if (action.kind === 'cli') {
        session ??= this.session(a.name);
        session.execute(action.command);
      } else this.act(a.name, action);
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
