/**
 * `createLabRouter(options)`: one simulated FlexVPN spoke. It implements the
 * terminal's LabDevice contract (hostname, commands) and gives the scenario
 * runner and tests its world, its events and a readable state. Several can
 * share one process: nothing here is global.
 */
import type { CommandDef, LabDevice } from '../cli/grammar.js';
import { SeededRandom } from '../world/random.js';
import { World } from '../world/world.js';
import { Listeners } from '../../proto/listeners.js';
import { LogBuffer, type SyslogSink } from '../syslog/log-buffer.js';
import { UdpSyslogSender } from '../syslog/udp-sender.js';
import { execCommands } from './commands/exec.js';
import { flexvpnCommands } from './commands/flexvpn.js';
import { interfaceCommands } from './commands/interface.js';
import { ipSlaCommands } from './commands/ip-sla.js';
import { loggingCommands } from './commands/logging.js';
import { trackCommands } from './commands/track.js';
import { trackListCommands } from './commands/track-list.js';
import { trackThresholdCommands } from './commands/track-threshold.js';
import { eemCommands } from './commands/eem.js';
import { eemExecCommands } from './commands/eem-exec.js';
import { dampeningShowCommands } from './commands/dampening.js';
import { operatorExecCommands } from './commands/operator-exec.js';
import { pingCommands } from './commands/ping.js';
import { EemRunner } from './eem.js';
import { vrfCommands } from './commands/vrf.js';
import { bgpCommands } from './bgp/commands.js';
import { bgpShowCommands } from './bgp/show.js';
import { routeMapCommands } from './route-map/commands.js';
import { nhrpCommands } from './nhrp/commands.js';
import { emptyConfig, type InterfaceConfig } from './config-model.js';
import { applyConfigText } from './config-loader.js';
import { defaultLabConfig } from './default-config.js';
import { dualCloudConfig } from './dual-cloud-config.js';
import { stepTracks, tick } from './engine.js';
import { EventBus, type RouterEvent, type RouterEventListener } from './events.js';
import type { RouterModel } from './model.js';
import { resolveOptions, type LabRouterOptions, type TrafficRates } from './options.js';
import { newRuntime } from './runtime.js';
import { snapshot, type RouterSnapshot } from './snapshot.js';
import { warmStart } from './warm-start.js';

export type { LabRouterOptions, LabTopology, TrafficRates } from './options.js';
export type { RouterEvent } from './events.js';
export type { RouterSnapshot } from './snapshot.js';

export interface LabRouter extends LabDevice {
  readonly model: RouterModel;
  readonly world: World;
  /** Starts ticking once per lab second on the clock. */
  start(): void;
  /** Stops ticking and closes the syslog socket. */
  stop(): void;
  /** Runs one step now (the clock normally does this). */
  step(): void;
  /** Calls `hook` at the start of every step, before the router looks at the world (scenario actions due now). */
  beforeStep(hook: () => void): () => void;
  subscribe(listener: RouterEventListener): () => void;
  /** Applies configuration text (full words) as if typed in configuration mode. */
  configure(text: string): void;
  /** Logs `%SYS-5-CONFIG_I` (the terminal calls this when a session leaves configuration mode). */
  configured(by: string): void;
  /** Records a world change in the event stream (scenario runner). */
  note(description: string): void;
  /** Asks the terminal to drop every SSH session (scenario action). */
  dropSessions(): void;
  /** Changes the LAN's traffic through the tunnel from the next second (on-demand DPD probes only while the LAN sends). */
  setTraffic(rates: Partial<TrafficRates>): void;
  /** Starts or stops the LAN sending to `address` (another spoke's LAN: NHRP builds a shortcut to it). */
  setFlow(address: string, active: boolean): void;
  state(): RouterSnapshot;
}

/**
 * A configuration change reaches tracked objects at once (IOS logs
 * `%TRACK-6-STATE` as the stub's `default-state` is entered); everything
 * else follows on the next one-second step.
 */
function settlesTracks(def: CommandDef, model: RouterModel): CommandDef {
  return {
    ...def,
    handler: (ctx, args) => {
      const result = def.handler(ctx, args);
      stepTracks(model);
      return result;
    },
  };
}

/** Interfaces the chassis has whatever the configuration says (IR829: WANs, the IOx port, the LAN SVI). */
function hardwareInterfaces(world: World): InterfaceConfig[] {
  return [...world.wans().map((w) => w.interface), 'GigabitEthernet5', 'Vlan1'].map((name) => ({ name, shutdown: false }));
}

export function createLabRouter(options: LabRouterOptions, sink?: SyslogSink): LabRouter {
  const opts = resolveOptions(options);
  const world = new World(opts.world);
  world.attachClock(() => opts.clock.now());
  const root = new SeededRandom(opts.seed);
  const config = emptyConfig(opts.hostname);
  for (const i of hardwareInterfaces(world)) config.interfaces.set(i.name, i);
  const senders = new Map<string, UdpSyslogSender>();
  const udpSink: SyslogSink = {
    send(line) {
      for (const h of config.loggingHosts) {
        const key = `${h.address}:${h.port}`;
        let s = senders.get(key);
        if (!s) senders.set(key, (s = new UdpSyslogSender(h.address, h.port)));
        s.send(line);
      }
    },
  };
  const bus = new EventBus();
  const model: RouterModel = {
    opts,
    config,
    rt: newRuntime(opts.clock.now() - opts.uptimeSec * 1000),
    world,
    rng: { sla: root.fork('sla'), ike: root.fork('ike'), traffic: root.fork('traffic') },
    bus,
    log: new LogBuffer(200, sink ?? udpSink),
    emitting: true,
  };
  bus.subscribe((e) => model.log.record(e));
  // After the log buffer, so that syslog detectors see the line the event produced.
  const eem = new EemRunner(model, () => commands, opts.eemCliCommandMs);
  const commands: CommandDef[] = [
    ...trackCommands(model),
    ...trackListCommands(model),
    ...ipSlaCommands(model),
    ...flexvpnCommands(model),
    ...interfaceCommands(model),
    ...loggingCommands(model),
    ...vrfCommands(model),
    ...trackThresholdCommands(model),
    ...eemCommands(model),
    ...bgpCommands(model),
    ...routeMapCommands(model),
    ...nhrpCommands(model),
  ]
    .map((def) => settlesTracks(def, model))
    .concat(
      execCommands(model),
      bgpShowCommands(model),
      eemExecCommands(model, eem),
      dampeningShowCommands(model),
      operatorExecCommands(model),
      pingCommands(model),
    );
  // The boot configuration is history: nothing it sets is logged.
  model.emitting = false;
  const bootConfig =
    opts.topology === 'dual-cloud'
      ? dualCloudConfig(opts.world, opts.hostname, opts.syslog)
      : defaultLabConfig(opts.world, opts.hostname, opts.syslog);
  applyConfigText(() => commands, opts.config ?? bootConfig);
  if (opts.warmStart) warmStart(model);
  else tick(model);
  model.emitting = true;

  const hooks = new Listeners<void>();
  const step = (): void => {
    hooks.emit();
    tick(model);
    eem.tick();
  };
  let cancelTimer: (() => void) | undefined;
  const schedule = (): void => {
    cancelTimer = opts.clock.setTimer(() => {
      step();
      schedule();
    }, 1000);
  };
  const emitNow = (e: RouterEvent): void => bus.emit(e);

  return {
    model,
    world,
    hostname: () => config.hostname,
    commands: () => commands,
    start() {
      if (!cancelTimer) schedule();
    },
    stop() {
      cancelTimer?.();
      cancelTimer = undefined;
      for (const s of senders.values()) s.close();
      senders.clear();
    },
    step,
    beforeStep(hook) {
      return hooks.on(hook);
    },
    subscribe: (listener) => bus.subscribe(listener),
    configure: (text) => applyConfigText(() => commands, text),
    configured: (by) => emitNow({ kind: 'config', at: opts.clock.now(), by }),
    watchLog: (listener) => model.log.watch(listener),
    note: (description) => emitNow({ kind: 'world', at: opts.clock.now(), description }),
    dropSessions: () => emitNow({ kind: 'drop-sessions', at: opts.clock.now() }),
    setTraffic: (rates) => {
      opts.traffic = { ...opts.traffic, ...rates };
    },
    setFlow: (address, active) => {
      if (active) model.rt.nhrp.flows.add(address);
      else model.rt.nhrp.flows.delete(address);
    },
    state: () => snapshot(model),
  };
}
