/**
 * The seam between the runtime and the two designs it serves: how the path in
 * use is read, steered and reconciled. A failover spoke reads its FlexVPN
 * client and steers it with tracks (failover-design.ts); a dual-cloud spoke
 * reads BGP and NHRP and steers through its route-maps (dual-cloud-design.ts).
 * Everything else the runtime does (probes, interfaces, crypto, routes,
 * reporting) is the same for both.
 */
import type { Shortcut } from '../../core/dual-cloud/shortcuts.js';
import type { RouterJudgement } from '../../core/router-judgement.js';
import type { AgentConfig } from '../../config/types.js';
import type { CryptoSession } from '../../../proto/records/crypto.js';
import type { CommandId, RecordOf } from '../../parsers/registry.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { RouterCli } from '../../ports/router-cli.js';
import type { AgentStore } from '../../ports/store.js';
import type { Steering } from '../act/actuator.js';
import type { DecisionLoop, DecisionLoopOptions } from '../decide/decision-loop.js';
import type { RuntimeEvents } from '../report/runtime-events.js';

/** A read of one command, typed by its id, with how many lines the parser did not understand. */
export type ParseRead = <Id extends CommandId>(id: Id, command?: string) => Promise<{ records: RecordOf<Id>[]; warnings: number }>;

export interface PathDesignDeps {
  config: AgentConfig;
  router: RouterCli;
  clock: Clock;
  log: Logger;
  store: AgentStore;
  events: RuntimeEvents;
  /** The decision loop, which is built with the design's steering: there once the runtime is constructed. */
  loop: () => DecisionLoop;
  read: ParseRead;
  /** `show crypto session`, kept as the runtime's latest for reporting. */
  readSessions: () => Promise<CryptoSession[]>;
  /** `show ip sla statistics`, the probes observed as the `sla` family's read does. */
  readSla: () => Promise<void>;
  /** The router's own judgement of hubs and WANs, from its running configuration at start. */
  judgement?: RouterJudgement;
}

export interface PathDesign {
  readonly topology: AgentConfig['topology'];
  /** Steers the router to the policy's choice and checks it followed. */
  readonly steering: Steering;
  /** How the decision loop reconciles what the agent owns on the router. */
  readonly reconciliation: Pick<DecisionLoopOptions, 'applyModeChanges' | 'reconcile' | 'steeringReconcile'>;
  /** Interfaces whose line protocol failing fails a candidate at once. */
  readonly watchedInterfaces: readonly string[];
  /** The `flexvpn` family's read: the path in use, as policy observations, then reconciliation. */
  readPath(): Promise<void>;
  /**
   * The router's own quality tracks of the hubs, read alone when a track line wakes them (family
   * `tracks`, no interval of its own: readPath reads them first on its period), so the steer a
   * track calls for waits behind nothing; absent when none is named.
   */
  readonly readQualityTracks?: (() => Promise<void>) | undefined;
  /** NHRP shortcuts as last read (dual-cloud); undefined elsewhere or before the first read. */
  readonly shortcuts?: Shortcut[] | undefined;
}

/** Repairs of one difference before it is raised and left alone until something changes. */
export const MAX_REPAIRS = 3;
