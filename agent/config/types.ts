import type { DualCloudConfig } from '../core/dual-cloud/config.js';
import type { MeteredConfig } from '../core/metered/config.js';
import type { ServiceClass } from '../core/policy/classes.js';
import type { CandidateConfig, PolicyConfig } from '../core/policy/config.js';
import type { RouteExpectations } from '../core/route-expectations.js';

/** A secret given literally, or better by reference: never logged, never published. */
export type Secret = string | { env: string } | { file: string };

export interface SshRouterConfig {
  host: string;
  port: number;
  username: string;
  password?: Secret;
  privateKey?: Secret;
  /** The router's host key, `SHA256:<base64>` as OpenSSH prints it. */
  hostKeySha256?: string;
  /** Explicit opt-out of host key pinning (lab use only). */
  acceptAnyHostKey: boolean;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

export interface ExecRouterConfig {
  /** argv prefix; the show command is appended as one argument: `["dohost"]`. */
  command: string[];
  timeoutMs: number;
}

/**
 * How the agent reaches IOS, by `transport`: each names the section it needs
 * (config/cross-check.ts refuses a file without it), so code that has the
 * transport has its settings without a non-null assertion.
 */
export type RouterConfig = RouterOutputConfig &
  (
    | { transport: 'ssh'; ssh: SshRouterConfig; exec?: ExecRouterConfig }
    | { transport: 'exec'; exec: ExecRouterConfig; ssh?: SshRouterConfig }
  );

/** The router section as the schema accepts it, before the cross check makes sure the transport's section is there. */
export type SchemaRouterConfig = RouterOutputConfig & { transport: 'ssh' | 'exec'; ssh?: SshRouterConfig; exec?: ExecRouterConfig };

/**
 * A configuration the schema accepted (the validator's own type, checked against the schema in
 * schema-validator.ts); `validateConfig` makes an AgentConfig of it once the cross check passes.
 * It differs where the schema cannot say it all: the transport's section, `flexvpn` (required with
 * topology failover only), a metered budget still as text (`2GB`), and a return path that must
 * carry exactly one of its two tags.
 */
export type SchemaValidConfig = Omit<CommonAgentConfig, 'router'> & {
  topology: AgentConfig['topology'];
  router: SchemaRouterConfig;
  flexvpn?: Omit<FlexvpnConfig, 'sources'> & { sources: SchemaSourceConfig[] };
  dualCloud?: Omit<DualCloudConfig, 'returnPath'> & { returnPath: { community?: string; med?: number } };
};

type SchemaSourceConfig = Omit<WanSourceConfig, 'metered'> & {
  metered?: Omit<MeteredConfig, 'budget'> & { budget: number | string };
};

/** Whether the section the transport names is there (what the cross check requires). */
export function isCompleteRouter(r: SchemaRouterConfig): r is RouterConfig {
  return r.transport === 'ssh' ? r.ssh !== undefined : r.exec !== undefined;
}

interface RouterOutputConfig {
  /** Output of one command beyond this is refused while it streams (ROUTER_OUTPUT_TOO_LARGE). */
  maxOutputBytes: number;
  maxOutputLines: number;
}

/**
 * A validated configuration, by `topology`:
 * `failover`: one tunnel, the FlexVPN client's peers and sources steered through stub tracks (`flexvpn`).
 * `dual-cloud`: a tunnel to each hub at all times, iBGP choosing the hub, steered through
 * agent-owned route-maps (`dualCloud`); there is no client block, so no `flexvpn`.
 */
export type AgentConfig = FailoverAgentConfig | DualCloudAgentConfig;

export interface FailoverAgentConfig extends CommonAgentConfig {
  topology: 'failover';
  flexvpn: FlexvpnConfig;
  dualCloud?: undefined;
}

export interface DualCloudAgentConfig extends CommonAgentConfig {
  topology: 'dual-cloud';
  dualCloud: DualCloudConfig;
  flexvpn?: undefined;
}

export interface FlexvpnConfig {
  client: string;
  tunnel: string;
  /** Agent-owned stub tracks referenced by the client's `peer` lines, one per hub. */
  peers: { address: string; stubTrack: number }[];
  /** Agent-owned stub tracks referenced by the client's `source` lines, one per WAN. */
  sources: WanSourceConfig[];
  /**
   * IP SLA operations that probe through the tunnel (`source-interface` the tunnel):
   * encrypted, they see what the users' traffic sees on the path in use.
   */
  tunnelSlaOperations: number[];
}

export interface WanSourceConfig {
  interface: string;
  stubTrack: number;
  metered?: MeteredConfig;
}

/** The WAN sources a failover spoke's client chooses among; none on a dual-cloud spoke (its candidates are tunnels). */
export const wanSources = (c: AgentConfig): readonly WanSourceConfig[] => c.flexvpn?.sources ?? [];

/** What both designs' configurations have. */
interface CommonAgentConfig {
  site: string;
  node: string;
  router: RouterConfig;
  syslog: {
    listen?: string;
    /** Datagrams from other addresses are dropped; absent: the router's own address. */
    allowFrom?: string[];
    /** Per source; beyond it datagrams are dropped and counted. */
    maxPerSecond: number;
    /** Least time between two syslog-triggered reads of one family; routes have their own. */
    minReadIntervalSec: number;
    minRoutesReadIntervalSec: number;
  };
  candidates: CandidateConfig[];
  /**
   * The policy core's settings (agent/core/policy/config.ts), less what comes from elsewhere in this
   * file (the client, candidates and in-tunnel operations; `metered` from flexvpn.sources;
   * `failOnSustainedBreach` from the topology: policyOf).
   */
  policy: Omit<PolicyConfig, 'client' | 'candidates' | 'tunnelSlaOperations' | 'metered' | 'classes' | 'failOnSustainedBreach'> & {
    /** Always there once validated (default: none). */
    classes: readonly ServiceClass[];
  };
  actuation: {
    strategy: 'stub-tracks' | 'peer-order';
    /**
     * How the stub tracks are set: `default-state` lines in a configuration session, or the operator's
     * `event none` applets run from exec mode (`event manager run PREFIX-N-UP|DOWN`), which needs no
     * configuration right and leaves the running-config alone.
     */
    setTracksWith: 'default-state' | 'eem-applets';
    eemAppletPrefix: string;
    verifyTimeoutSec: number;
    retries: number;
    /** On SIGTERM: `restore` allows every candidate again (native IOS behaviour); `leave` keeps the last steer. */
    onStop: 'restore' | 'leave';
    /**
     * Path repair: with the agent's tracks right and the client on a less preferred hub (a drain
     * ended), clear that hub's IKEv2 SA so the client reselects. Each try renegotiates the tunnel
     * (about 2 s without it); `enabled: false` leaves the router where IOS put it.
     */
    pathRepair: { enabled: boolean; settleSec: number; backoffSec: number; maxBackoffSec: number };
  };
  polling: {
    slaSec: number;
    flexvpnSec: number;
    interfacesSec: number;
    cryptoSec: number;
    routesSec: number;
    /** Each interval varies by up to this fraction, so a fleet never polls in lockstep. */
    jitter: number;
  };
  store: {
    path?: string;
    journalMaxAgeDays: number;
    journalMaxRows: number;
    outboxMaxBytes: number;
    outboxMaxAgeHours: number;
    routeHistoryDays: number;
  };
  routes: {
    vrfs: string[];
    ipv6: boolean;
    /**
     * A table with more routes than this (counted by the lines that start one) is
     * not read or not cached (ROUTER_OUTPUT_TOO_LARGE, STORE_TABLE_TOO_LARGE): it
     * would exhaust the heap (about 70,000 routes fit the package's 64 MB).
     */
    maxTableRoutes: number;
    /** `checkedProtocols` is the route cache's own setting, not the file's. */
    expectations: Omit<RouteExpectations, 'checkedProtocols'>;
  };
  /** Absent: the agent runs without a broker (journal and routes still kept locally). */
  mqtt?: MqttConfig;
  /**
   * The TCP port the router's layered configuration probes (IP SLA tcp-connect) to know the
   * agent is in control; open only while it is. `staleAfterSec`: how long without a read that
   * found the router as intended before the agent stops claiming control.
   */
  presence: { listen?: string; staleAfterSec: number };
  /** Local status endpoint: /healthz (the IOx monitor script), /status, /metrics. */
  http: { enabled: boolean; listen: string };
  log: { level: 'debug' | 'info' | 'warn' | 'error'; dir?: string };
}

export interface MqttConfig {
  /** `mqtt://host:1883` or `mqtts://host:8883`; absent when `urls` lists a cluster's endpoints (one of the two is set). */
  url?: string;
  /** A clustered broker's endpoints, failed over in turn (`mqttEndpoints` gives the list either way). */
  urls?: string[];
  root: string;
  /** 4 = MQTT 3.1.1, 5 = MQTT 5. */
  protocolVersion: 4 | 5;
  clientId?: string;
  username?: string;
  password?: Secret;
  tls?: { caFile?: string; certFile?: string; keyFile?: string; rejectUnauthorized: boolean; servername?: string };
  /** Telemetry is published at least this often, changed or not. */
  heartbeatSec: number;
  /**
   * Reconnect backoff, full jitter: the first try after a lost connection within `firstWindowSec`,
   * each failed one doubling the window up to `capSec`. A fleet cut at once reconnects at about
   * spokes / firstWindowSec a second: size it to what the broker cluster takes.
   */
  reconnect: { firstWindowSec: number; capSec: number };
  /** Public keys (Ed25519, PEM) allowed to sign commands; none: every command is refused. */
  commandKeys: { id: string; publicKey: Secret }[];
  /** Command messages larger than this are refused unparsed. */
  maxPayloadBytes: number;
}

/** The broker endpoints an agent connects to: `mqtt.urls`, or the one `mqtt.url`. */
export const mqttEndpoints = (m: Pick<MqttConfig, 'url' | 'urls'>): string[] =>
  m.urls && m.urls.length > 0 ? m.urls : m.url !== undefined ? [m.url] : [];
