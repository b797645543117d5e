import { DEFAULT_THRESHOLDS_PCT } from '../core/metered/config.js';
import { MAX_CLASSES } from '../core/policy/classes.js';
import { DEFAULT_POLICY } from '../core/policy/config.js';
import type { AgentConfig } from './types.js';
import { BYTE_SIZE_PATTERN } from './byte-size.js';

/**
 * JSON Schema of the agent's configuration. Every object rejects unknown keys;
 * defaults are filled in by the validator. Anything that can reach IOS
 * configuration (interface names, addresses, names, numbers) is held to a
 * strict grammar here: no whitespace, newline or control character passes.
 */
const IPV4 = '^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$';
const INTERFACE =
  '^(GigabitEthernet|TwoGigabitEthernet|TenGigabitEthernet|FastEthernet|Ethernet|Cellular|Dialer|Tunnel|Loopback|Vlan|' +
  'Virtual-Access|Virtual-Template|VirtualPortGroup|Port-channel|Serial|Wlan-GigabitEthernet|AppGigabitEthernet)' +
  '\\d+(/\\d+){0,3}(\\.\\d+)?(:\\d+)?$';
const NAME = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$';
const TOPIC_LEVEL = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$';
const IP_ADDRESS = '^([0-9.]+|[0-9A-Fa-f:.]+)$';
const HOST_PORT = '^[A-Za-z0-9.:\\[\\]-]+:\\d{1,5}$';
const CIDR = '^[0-9A-Fa-f.:]+/\\d{1,3}$';
/** A service class's name: it reaches telemetry and the `config ios` comments, never IOS commands. */
const CLASS_NAME = '^[A-Za-z][A-Za-z0-9_-]{0,31}$';

const secret = {
  oneOf: [
    { type: 'string', minLength: 1 },
    {
      type: 'object',
      additionalProperties: false,
      required: ['env'],
      properties: { env: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } },
    },
    { type: 'object', additionalProperties: false, required: ['file'], properties: { file: { type: 'string', minLength: 1 } } },
  ],
};

const int = (minimum: number, maximum: number, def?: number) => ({
  type: 'integer',
  minimum,
  maximum,
  ...(def !== undefined ? { default: def } : {}),
});
const num = (minimum: number, maximum: number, def?: number) => ({
  type: 'number',
  minimum,
  maximum,
  ...(def !== undefined ? { default: def } : {}),
});
const obj = (properties: Record<string, unknown>, required: string[] = [], extra: Record<string, unknown> = {}) => ({
  type: 'object',
  additionalProperties: false,
  properties,
  required,
  ...extra,
});

const thresholds = (def: { lossPct: number; rttMs: number; jitterMs: number }) =>
  obj({ lossPct: num(0, 100, def.lossPct), rttMs: num(0, 60000, def.rttMs), jitterMs: num(0, 60000, def.jitterMs) }, [], { default: {} });

const P = DEFAULT_POLICY;

/**
 * Top-level keys a reload (SIGHUP, set-policy) applies at once; every other
 * key keeps its start-up value until a restart (agent/shell/current-config.ts).
 */
export const LIVE_KEYS = ['policy'] as const satisfies readonly (keyof AgentConfig)[];

// A WAN that costs money per byte (LTE with a monthly cap): agent/core/metered/config.ts.
const metered = obj(
  {
    // A number of bytes, or `2GB` (pattern and minimum each apply to their own type); normalised to bytes after validation.
    budget: { type: ['integer', 'string'], minimum: 1, pattern: BYTE_SIZE_PATTERN },
    billingDay: int(1, 28, 1),
    thresholdsPct: {
      type: 'array',
      minItems: 1,
      maxItems: 10,
      uniqueItems: true,
      items: int(1, 1000),
      default: [...DEFAULT_THRESHOLDS_PCT],
    },
    whenSpent: { enum: ['hard-failure-only', 'ignore'], default: 'hard-failure-only' },
    fullRateOperations: { type: 'array', maxItems: 8, uniqueItems: true, default: [], items: int(1, 2147483647) },
  },
  ['budget'],
);

// The dual-cloud design (agent/core/dual-cloud/config.ts): hubs with their tunnels and the agent's route-maps.
const COMMUNITY =
  '^([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]):([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$';
const IPV4_CIDR = '^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}/(3[0-2]|[12]?\\d)$';
const dualCloud = obj(
  {
    asn: int(1, 4294967295),
    hubs: {
      type: 'array',
      minItems: 2,
      maxItems: 8,
      items: obj(
        {
          neighbor: { type: 'string', pattern: IPV4 },
          tunnel: { type: 'string', pattern: INTERFACE },
          routeMapIn: { type: 'string', pattern: NAME },
          routeMapOut: { type: 'string', pattern: NAME },
        },
        ['neighbor', 'tunnel', 'routeMapIn', 'routeMapOut'],
      ),
    },
    prefixes: { type: 'array', minItems: 1, maxItems: 32, uniqueItems: true, items: { type: 'string', pattern: IPV4_CIDR } },
    preferLocalPreference: int(101, 4294967295, 200),
    // One of the two: a community the hubs map to a lower local preference, or a MED.
    returnPath: obj({ community: { type: 'string', pattern: COMMUNITY }, med: int(0, 4294967295) }),
    protectedPrefixes: { type: 'array', maxItems: 64, default: [], items: { type: 'string', pattern: IPV4_CIDR } },
  },
  ['asn', 'hubs', 'prefixes', 'returnPath'],
);

export const CONFIG_SCHEMA = obj(
  {
    site: { type: 'string', pattern: TOPIC_LEVEL },
    node: { type: 'string', pattern: TOPIC_LEVEL },
    topology: { enum: ['failover', 'dual-cloud'], default: 'failover' },
    dualCloud,
    router: obj(
      {
        transport: { enum: ['ssh', 'exec'], default: 'ssh' },
        ssh: obj(
          {
            host: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9.:-]+$' },
            port: int(1, 65535, 22),
            username: { type: 'string', minLength: 1, maxLength: 64, pattern: '^\\S+$' },
            password: secret,
            privateKey: secret,
            hostKeySha256: { type: 'string', pattern: '^SHA256:[A-Za-z0-9+/]{43}=?$' },
            acceptAnyHostKey: { type: 'boolean', default: false },
            connectTimeoutMs: int(100, 120000, 10000),
            commandTimeoutMs: int(100, 300000, 15000),
          },
          ['host', 'username'],
        ),
        exec: obj(
          { command: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } }, timeoutMs: int(100, 300000, 15000) },
          ['command'],
        ),
        // Per command, applied while the output streams in; route tables get their own limit from routes.maxTableRoutes.
        maxOutputBytes: int(16384, 256 * 1024 * 1024, 2 * 1024 * 1024),
        maxOutputLines: int(100, 10_000_000, 20_000),
      },
      [],
      { default: {} },
    ),
    syslog: obj(
      {
        listen: { type: 'string', pattern: HOST_PORT },
        // Sources whose datagrams are read; absent: the router's own address (router.ssh.host).
        allowFrom: { type: 'array', maxItems: 64, items: { type: 'string', pattern: IP_ADDRESS } },
        maxPerSecond: int(1, 100_000, 50),
        minReadIntervalSec: num(0, 3600, 2),
        minRoutesReadIntervalSec: num(0, 86400, 30),
      },
      [],
      { default: {} },
    ),
    flexvpn: obj(
      {
        client: { type: 'string', pattern: NAME },
        tunnel: { type: 'string', pattern: INTERFACE },
        peers: {
          type: 'array',
          minItems: 1,
          maxItems: 16,
          items: obj({ address: { type: 'string', pattern: IPV4 }, stubTrack: int(1, 1000) }, ['address', 'stubTrack']),
        },
        sources: {
          type: 'array',
          minItems: 1,
          maxItems: 8,
          items: obj({ interface: { type: 'string', pattern: INTERFACE }, stubTrack: int(1, 1000), metered }, ['interface', 'stubTrack']),
        },
        tunnelSlaOperations: { type: 'array', maxItems: 8, default: [], items: int(1, 2147483647) },
      },
      ['client', 'tunnel', 'peers', 'sources'],
    ),
    candidates: {
      type: 'array',
      minItems: 1,
      maxItems: 64,
      items: obj(
        {
          id: { type: 'string', pattern: NAME },
          peer: { type: 'string', pattern: IPV4 },
          source: { type: 'string', pattern: INTERFACE },
          slaOperations: { type: 'array', minItems: 1, items: int(1, 2147483647) },
          // Per service class (policy.classes[].name): the jitter operations, marked with its DSCP, that judge it on this path.
          classOperations: {
            type: 'object',
            maxProperties: MAX_CLASSES,
            propertyNames: { pattern: CLASS_NAME },
            additionalProperties: { type: 'array', minItems: 1, maxItems: 8, uniqueItems: true, items: int(1, 2147483647) },
          },
        },
        ['id', 'peer', 'source', 'slaOperations'],
      ),
    },
    policy: obj(
      {
        windowSamples: int(1, 1000, P.windowSamples),
        minSamples: int(1, 1000, P.minSamples),
        fail: thresholds(P.fail),
        recover: thresholds(P.recover),
        failAfter: int(1, 100, P.failAfter),
        recoverAfter: int(1, 100, P.recoverAfter),
        unreachableAfter: int(1, 100, P.unreachableAfter),
        preemptDelaySec: int(0, 86400, P.preemptDelaySec),
        damping: obj(
          {
            penalty: num(0, 1e6, P.damping.penalty),
            halfLifeSec: num(1, 86400, P.damping.halfLifeSec),
            suppressAt: num(1, 1e6, P.damping.suppressAt),
            reuseBelow: num(1, 1e6, P.damping.reuseBelow),
            maxPenalty: num(1, 1e7, P.damping.maxPenalty),
          },
          [],
          { default: {} },
        ),
        allDown: { enum: ['hold', 'release', 'least-bad'], default: P.allDown },
        minChangeIntervalSec: int(0, 3600, P.minChangeIntervalSec),
        mode: { enum: ['enforce', 'dry-run'], default: P.mode },
        clearStaleSa: { type: 'boolean', default: P.clearStaleSa },
        // Service-level classes (agent/core/policy/classes.ts): at most four, each with its level and DSCP.
        classes: {
          type: 'array',
          maxItems: MAX_CLASSES,
          default: [],
          items: obj(
            {
              name: { type: 'string', pattern: CLASS_NAME },
              dscp: int(0, 63),
              critical: { type: 'boolean', default: false },
              lossPct: num(0, 100),
              rttMs: num(0, 60000),
              jitterMs: num(0, 60000),
            },
            ['name', 'dscp', 'lossPct', 'rttMs', 'jitterMs'],
          ),
        },
        classBandPct: num(0, 1000, P.classBandPct),
      },
      [],
      { default: {} },
    ),
    actuation: obj(
      {
        strategy: { enum: ['stub-tracks', 'peer-order'], default: 'stub-tracks' },
        // How a stub track is set (agent/core/actuation/plan.ts TrackSetter): configuration, or the operator's EEM applets.
        setTracksWith: { enum: ['default-state', 'eem-applets'], default: 'default-state' },
        // Applet names are PREFIX-N-UP / PREFIX-N-DOWN; a word IOS takes as an applet name.
        eemAppletPrefix: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,23}$', default: 'SPOKEPILOT' },
        verifyTimeoutSec: int(1, 600, 30),
        retries: int(0, 10, 2),
        onStop: { enum: ['restore', 'leave'], default: 'restore' },
        pathRepair: obj(
          {
            enabled: { type: 'boolean', default: true },
            settleSec: int(10, 3600, 60),
            backoffSec: int(10, 3600, 60),
            maxBackoffSec: int(10, 86400, 300),
          },
          [],
          { default: {} },
        ),
      },
      [],
      { default: {} },
    ),
    polling: obj(
      {
        slaSec: int(1, 3600, 10),
        flexvpnSec: int(1, 3600, 15),
        interfacesSec: int(1, 3600, 30),
        cryptoSec: int(1, 3600, 30),
        routesSec: int(5, 86400, 300),
        jitter: num(0, 0.5, 0.2),
      },
      [],
      { default: {} },
    ),
    store: obj(
      {
        path: { type: 'string', minLength: 1 },
        journalMaxAgeDays: num(0.01, 3650, 30),
        journalMaxRows: int(100, 1e8, 200000),
        outboxMaxBytes: int(1024, 1e10, 50 * 1024 * 1024),
        outboxMaxAgeHours: num(0.01, 8760, 168),
        routeHistoryDays: num(0.01, 3650, 14),
      },
      [],
      { default: {} },
    ),
    routes: obj(
      {
        vrfs: { type: 'array', items: { type: 'string', pattern: NAME }, default: [] },
        ipv6: { type: 'boolean', default: false },
        maxTableRoutes: int(100, 1_000_000, 50_000),
        expectations: obj(
          {
            required: {
              type: 'array',
              default: [],
              items: obj(
                {
                  prefix: { type: 'string', pattern: CIDR },
                  viaInterface: { type: 'string', pattern: '^[A-Za-z-]+$' },
                  vrf: { type: 'string', pattern: NAME },
                },
                ['prefix'],
              ),
            },
            allowed: {
              type: 'array',
              default: [],
              items: obj({ prefix: { type: 'string', pattern: CIDR }, maxLength: int(0, 128), vrf: { type: 'string', pattern: NAME } }, [
                'prefix',
              ]),
            },
          },
          [],
          { default: {} },
        ),
      },
      [],
      { default: {} },
    ),
    mqtt: obj(
      {
        // No userinfo (`user:pass@`): credentials go in username and password, a secret that is redacted everywhere.
        url: { type: 'string', pattern: '^mqtts?://[^\\s/@]+(:\\d{1,5})?/?$' },
        // A clustered broker's endpoints (one of url and urls): each agent starts at a random one and fails over in turn.
        urls: {
          type: 'array',
          minItems: 1,
          maxItems: 16,
          uniqueItems: true,
          items: { type: 'string', pattern: '^mqtts?://[^\\s/@]+(:\\d{1,5})?/?$' },
        },
        root: { type: 'string', pattern: '^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$', default: 'spokepilot/v1' },
        protocolVersion: { enum: [4, 5], default: 4 },
        clientId: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' },
        username: { type: 'string', minLength: 1 },
        password: secret,
        tls: obj({
          caFile: { type: 'string', minLength: 1 },
          certFile: { type: 'string', minLength: 1 },
          keyFile: { type: 'string', minLength: 1 },
          rejectUnauthorized: { type: 'boolean', default: true },
          servername: { type: 'string', minLength: 1 },
        }),
        heartbeatSec: int(10, 86400, 300),
        // Reconnect backoff (agent/adapters/mqtt/backoff.ts): the first window sets the fleet's reconnect wave,
        // about spokes / firstWindowSec CONNECTs a second; 10 s keeps 1,000 spokes under 200 a second.
        reconnect: obj({ firstWindowSec: { type: 'number', minimum: 0.1, maximum: 3600, default: 10 }, capSec: int(1, 86400, 60) }, [], {
          default: {},
        }),
        commandKeys: {
          type: 'array',
          default: [],
          items: obj({ id: { type: 'string', pattern: NAME }, publicKey: secret }, ['id', 'publicKey']),
        },
        // Larger command messages are refused before they are parsed; signed commands are a few hundred bytes.
        maxPayloadBytes: int(1024, 16 * 1024 * 1024, 65_536),
      },
      [],
    ),
    // Where the router's IP SLA tcp-connect finds the agent in control (agent/ports/presence.ts); absent: no presence port.
    presence: obj({ listen: { type: 'string', pattern: HOST_PORT }, staleAfterSec: int(5, 3600, 60) }, [], { default: {} }),
    http: obj(
      { enabled: { type: 'boolean', default: true }, listen: { type: 'string', pattern: HOST_PORT, default: '127.0.0.1:8087' } },
      [],
      { default: {} },
    ),
    log: obj({ level: { enum: ['debug', 'info', 'warn', 'error'], default: 'info' }, dir: { type: 'string', minLength: 1 } }, [], {
      default: {},
    }),
  },
  // flexvpn is required with topology failover, dualCloud with dual-cloud (config/cross-check.ts).
  ['site', 'node', 'candidates'],
);
