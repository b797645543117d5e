import { DEFAULT_THRESHOLDS_PCT } from '../core/metered/config.js';
import { MAX_CLASSES } from '../core/policy/classes.js';
import { DEFAULT_POLICY } from '../core/policy/config.js';
import { BYTE_SIZE_PATTERN } from './byte-size.js';

/**
 * JSON Schema of the agent's configuration, and the one source of its type
 * (types.ts is checked against it: schema-validator.ts). Every object rejects
 * unknown keys; defaults are filled in by the validator. Anything that can
 * reach IOS configuration (interface names, addresses, names, numbers) is held
 * to a strict grammar here: no whitespace, newline or control character passes.
 *
 * Every key carries a `description` (what `config check --explain KEY`
 * prints, with its type, range and default); each top-level key says in
 * `x-reload` whether a reload (SIGHUP, set-policy) applies it at once (`live`)
 * or it keeps its start-up value until a restart (`restart`). A key without
 * one takes its parent's (agent/config/reload-plan.ts, read by
 * agent/shell/current-config.ts).
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

/** When a reload applies a key: `live` at once, `restart` only when the agent starts again. */
export type Reload = 'live' | 'restart';
export const RELOAD_KEYWORD = 'x-reload';

/** `schema` with what `config check --explain` prints about it, and, when given, when a reload applies it. */
const about = <const S extends object>(description: string, schema: S, reload?: Reload) => ({
  ...schema,
  description,
  ...(reload ? { [RELOAD_KEYWORD]: reload } : {}),
});

interface Ranged<T extends 'integer' | 'number'> {
  readonly type: T;
  readonly minimum: number;
  readonly maximum: number;
}
function int(minimum: number, maximum: number): Ranged<'integer'>;
function int(minimum: number, maximum: number, def: number): Ranged<'integer'> & { readonly default: number };
function int(minimum: number, maximum: number, def?: number): Ranged<'integer'> & { readonly default?: number } {
  return { type: 'integer', minimum, maximum, ...(def !== undefined ? { default: def } : {}) };
}
function num(minimum: number, maximum: number): Ranged<'number'>;
function num(minimum: number, maximum: number, def: number): Ranged<'number'> & { readonly default: number };
function num(minimum: number, maximum: number, def?: number): Ranged<'number'> & { readonly default?: number } {
  return { type: 'number', minimum, maximum, ...(def !== undefined ? { default: def } : {}) };
}
/** An object whose keys are `properties` only; `required` must name some of them (checked by the compiler). */
const obj = <const P extends Record<string, object>, const R extends readonly (keyof P & string)[] = []>(properties: P, required?: R) => ({
  type: 'object' as const,
  additionalProperties: false as const,
  properties,
  required: required ?? ([] as const),
});
/** A section every key of which has a default: absent, it is all defaults. */
const section = <const P extends Record<string, object>>(properties: P) => ({ ...obj(properties), default: {} });

const secret = (description: string) =>
  about(`${description} A secret: given as text, { env: NAME } or { file: PATH }; never logged or published.`, {
    oneOf: [
      { type: 'string', minLength: 1 },
      obj({ env: about('The environment variable that holds the secret.', { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }) }, [
        'env',
      ]),
      obj({ file: about('The file whose content is the secret (at most 64 KiB).', { type: 'string', minLength: 1 }) }, ['file']),
    ],
  });

const thresholds = (what: string, def: { lossPct: number; rttMs: number; jitterMs: number }) => ({
  ...section({
    lossPct: about(`Loss, percent of probes, ${what}.`, num(0, 100, def.lossPct)),
    rttMs: about(`Median round-trip time, milliseconds, ${what}.`, num(0, 60000, def.rttMs)),
    jitterMs: about(`Jitter between successive probes (as IP SLA counts it), milliseconds, ${what}.`, num(0, 60000, def.jitterMs)),
  }),
});

const P = DEFAULT_POLICY;
const SLA_OPERATION = int(1, 2147483647);

// A WAN that costs money per byte (LTE with a monthly cap): agent/core/metered/config.ts.
const metered = about(
  'Marks this WAN as paid by the byte (an LTE with a monthly cap): its usage is counted from the interface counters and weighed by the policy. Which WANs are metered needs a restart; budget, billingDay, thresholdsPct and whenSpent a reload applies at once when nothing else of flexvpn changed.',
  obj(
    {
      budget: about(
        "Bytes allowed per billing period, both directions, in the carrier's decimal units: a number of bytes, or 2GB, 500MB, 1.5GiB.",
        // pattern and minimum each apply to their own type; normalised to bytes after validation.
        { type: ['integer', 'string'], minimum: 1, pattern: BYTE_SIZE_PATTERN },
        'live',
      ),
      billingDay: about('Day of the month (1-28, so every month has it) a billing period starts, at 00:00 UTC.', int(1, 28, 1), 'live'),
      thresholdsPct: about(
        'Shares of the budget, percent, at which a metered event is raised, once per period each.',
        { type: 'array', minItems: 1, maxItems: 10, uniqueItems: true, items: int(1, 1000), default: [...DEFAULT_THRESHOLDS_PCT] },
        'live',
      ),
      whenSpent: about(
        'What the policy does once the budget is spent: hard-failure-only takes this WAN only when every unmetered path has failed hard; ignore goes on as before.',
        { enum: ['hard-failure-only', 'ignore'], default: 'hard-failure-only' },
        'live',
      ),
      fullRateOperations: about(
        "IP SLA operation numbers on this WAN that probe at full rate, configured on the router but not scheduled: the agent schedules them only while the WAN is needed. Each must be in a candidate's slaOperations on this WAN.",
        { type: 'array', maxItems: 8, uniqueItems: true, default: [], items: SLA_OPERATION },
      ),
    },
    ['budget'],
  ),
);

// The dual-cloud design (agent/core/dual-cloud/config.ts): hubs with their tunnels and the agent's route-maps.
const COMMUNITY =
  '^([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]):([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$';
const IPV4_CIDR = '^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}/(3[0-2]|[12]?\\d)$';
const dualCloud = about(
  'The dual-cloud design (topology: dual-cloud only): a tunnel to each hub at all times, iBGP choosing the hub, steered through agent-owned route-maps.',
  obj(
    {
      asn: about("The spoke's BGP AS number (router bgp N), where the neighbours and their route-maps live.", int(1, 4294967295)),
      hubs: about('The hubs, 2 to 8, each with its BGP neighbour, its tunnel and its pair of agent-owned route-maps.', {
        type: 'array',
        minItems: 2,
        maxItems: 8,
        items: obj(
          {
            neighbor: about("The hub's iBGP neighbour address (IPv4).", { type: 'string', pattern: IPV4 }),
            tunnel: about('The tunnel interface to this hub (e.g. Tunnel1).', { type: 'string', pattern: INTERFACE }),
            routeMapIn: about("The agent-owned inbound route-map on this neighbour (sets the chosen hub's local preference).", {
              type: 'string',
              pattern: NAME,
            }),
            routeMapOut: about('The agent-owned outbound route-map on this neighbour (tags the return path).', {
              type: 'string',
              pattern: NAME,
            }),
            qualityTrack: about(
              "The router's own quality track (1-1000) for this hub (track N ip sla M state on the tunnel's probe): Down makes the hub bad at once when the agent's latest probes confirm it (qualityTrackDown); recovery still waits on the agent's windows and preemption.",
              int(1, 1000),
            ),
            qualityTrackDown: about(
              "confirm (default): a Down quality track moves traffic only when the agent's latest probes show the fault too (one burst of loss trips IP SLA's reactions); trust: at once, for a track that watches what the agent's probes cannot.",
              { type: 'string', enum: ['confirm', 'trust'] },
            ),
          },
          ['neighbor', 'tunnel', 'routeMapIn', 'routeMapOut'],
        ),
      }),
      prefixes: about(
        "Hub-learned IPv4 prefixes whose best path the agent steers and reads back (the hubs' summary, 10.0.0.0/8); the first one the table holds names the hub in use.",
        { type: 'array', minItems: 1, maxItems: 32, uniqueItems: true, items: { type: 'string', pattern: IPV4_CIDR } },
      ),
      preferLocalPreference: about(
        "BGP local preference given to the chosen hub's routes (the others keep IOS's default 100).",
        int(101, 4294967295, 200),
      ),
      // One of the two: a community the hubs map to a lower local preference, or a MED.
      returnPath: about(
        'How the return path is tagged on the hubs not chosen: exactly one of community or med.',
        obj({
          community: about('A BGP community (AA:NN, each 0-65535) the hubs map to a lower local preference.', {
            type: 'string',
            pattern: COMMUNITY,
          }),
          med: about('A MED (BGP multi-exit discriminator) set on the routes advertised to the hubs not chosen.', int(0, 4294967295)),
        }),
      ),
      protectedPrefixes: about(
        'IPv4 prefixes that must always be reached through a hub (the data centre): an NHRP shortcut toward one of them is a violation.',
        { type: 'array', maxItems: 64, default: [], items: { type: 'string', pattern: IPV4_CIDR } },
      ),
    },
    ['asn', 'hubs', 'prefixes', 'returnPath'],
  ),
  'restart',
);

const MQTT_URL = '^mqtts?://[^\\s/@]+(:\\d{1,5})?/?$';

export const CONFIG_SCHEMA = obj(
  {
    site: about(
      'The site name: the first level of the MQTT topics and the name in every report. No dots (RabbitMQ splits them).',
      {
        type: 'string',
        pattern: TOPIC_LEVEL,
      },
      'restart',
    ),
    node: about(
      "This spoke's name within the site: the MQTT topic level after the site. No dots.",
      {
        type: 'string',
        pattern: TOPIC_LEVEL,
      },
      'restart',
    ),
    topology: about(
      "failover: one tunnel, the FlexVPN client's peers and sources steered through stub tracks (flexvpn). dual-cloud: a tunnel to each hub, iBGP choosing the hub, steered through route-maps (dualCloud).",
      { enum: ['failover', 'dual-cloud'], default: 'failover' },
      'restart',
    ),
    dualCloud,
    router: about(
      "How the agent reaches IOS: over SSH (router.ssh) or a local command such as Guest Shell's dohost (router.exec), as transport says.",
      section({
        transport: about('ssh: an SSH session to the router (router.ssh). exec: a local command run per show command (router.exec).', {
          enum: ['ssh', 'exec'],
          default: 'ssh',
        }),
        ssh: about(
          'The SSH session to the router (transport: ssh).',
          obj(
            {
              host: about("The router's address or host name.", {
                type: 'string',
                minLength: 1,
                maxLength: 255,
                pattern: '^[A-Za-z0-9.:-]+$',
              }),
              port: about('TCP port of the SSH server.', int(1, 65535, 22)),
              username: about("The agent's user on the router (privilege 15, or a CLI view with eem-applets).", {
                type: 'string',
                minLength: 1,
                maxLength: 64,
                pattern: '^\\S+$',
              }),
              password: secret('The password of router.ssh.username (this or privateKey).'),
              privateKey: secret('The private key (PEM or OpenSSH format) of router.ssh.username (this or password).'),
              hostKeySha256: about(
                "The router's host key fingerprint, SHA256:<base64> as ssh-keygen -l prints it; required unless acceptAnyHostKey.",
                {
                  type: 'string',
                  pattern: '^SHA256:[A-Za-z0-9+/]{43}=?$',
                },
              ),
              acceptAnyHostKey: about('Accept any host key: an explicit opt-out of host key pinning, for a lab only.', {
                type: 'boolean',
                default: false,
              }),
              connectTimeoutMs: about('How long a connection may take, milliseconds.', int(100, 120000, 10000)),
              commandTimeoutMs: about("How long one command's output may take, milliseconds.", int(100, 300000, 15000)),
            },
            ['host', 'username'],
          ),
        ),
        exec: about(
          "A local command that runs each show command (transport: exec), Guest Shell's dohost.",
          obj(
            {
              command: about('The argv prefix; the show command is appended as one argument: [dohost].', {
                type: 'array',
                minItems: 1,
                items: { type: 'string', minLength: 1 },
              }),
              timeoutMs: about('How long one command may run, milliseconds; then it is killed.', int(100, 300000, 15000)),
            },
            ['command'],
          ),
        ),
        // Per command, applied while the output streams in; route tables get their own limit from routes.maxTableRoutes.
        maxOutputBytes: about(
          "Bytes of one command's output beyond which it is refused while it streams (ROUTER_OUTPUT_TOO_LARGE); route tables have their own limit (routes.maxTableRoutes).",
          int(16384, 256 * 1024 * 1024, 2 * 1024 * 1024),
        ),
        maxOutputLines: about("Lines of one command's output beyond which it is refused while it streams.", int(100, 10_000_000, 20_000)),
      }),
      'restart',
    ),
    syslog: about(
      "The router's syslog, read as hints that wake a read early (unauthenticated UDP: read only from the router).",
      section({
        listen: about("HOST:PORT the agent listens on for the router's syslog (UDP); absent: no syslog listener.", {
          type: 'string',
          pattern: HOST_PORT,
        }),
        // Sources whose datagrams are read; absent: the router's own address (router.ssh.host).
        allowFrom: about(
          "Addresses whose datagrams are read; others are dropped. Absent: the router's own address (router.ssh.host); required with transport exec.",
          { type: 'array', maxItems: 64, items: { type: 'string', pattern: IP_ADDRESS } },
        ),
        maxPerSecond: about('Datagrams a second read per source; beyond it they are dropped and counted.', int(1, 100_000, 50)),
        minReadIntervalSec: about(
          'Least time, seconds, between two syslog-triggered reads of one command family (routes: minRoutesReadIntervalSec).',
          num(0, 3600, 2),
        ),
        minRoutesReadIntervalSec: about('Least time, seconds, between two syslog-triggered reads of the route tables.', num(0, 86400, 30)),
      }),
      'restart',
    ),
    flexvpn: about(
      'The FlexVPN client the agent steers (topology: failover; required there): its tunnel, hub peers and WAN sources with their agent-owned stub tracks. A reload applies only the metered settings of its sources, and only when nothing else here changed.',
      obj(
        {
          client: about('The FlexVPN client block steered: crypto ikev2 client flexvpn NAME.', { type: 'string', pattern: NAME }),
          tunnel: about("The client's tunnel interface (e.g. Tunnel100; abbreviations such as Tu100 are expanded).", {
            type: 'string',
            pattern: INTERFACE,
          }),
          peers: about(
            "The client's hub peers, 1 to 16, in the client's order, each with the agent-owned stub track its peer line references.",
            {
              type: 'array',
              minItems: 1,
              maxItems: 16,
              items: obj(
                {
                  address: about("The hub's address, as in the client's peer <seq> <ip> line (IPv4).", { type: 'string', pattern: IPV4 }),
                  stubTrack: about("The agent-owned stub track (1-1000) this peer's line references.", int(1, 1000)),
                },
                ['address', 'stubTrack'],
              ),
            },
          ),
          sources: about("The client's WAN sources, 1 to 8, each with the agent-owned stub track its source line references.", {
            type: 'array',
            minItems: 1,
            maxItems: 8,
            items: obj(
              {
                interface: about("The WAN interface, as in the client's source <n> <interface> line (abbreviations expanded).", {
                  type: 'string',
                  pattern: INTERFACE,
                }),
                stubTrack: about("The agent-owned stub track (1-1000) this source's line references.", int(1, 1000)),
                metered,
              },
              ['interface', 'stubTrack'],
            ),
          }),
          tunnelSlaOperations: about(
            'IP SLA operation numbers that probe through the tunnel (source-interface the tunnel): evidence about the path in use from inside the encryption; they outrank the WAN probes on loss.',
            { type: 'array', maxItems: 8, default: [], items: SLA_OPERATION },
          ),
        },
        ['client', 'tunnel', 'peers', 'sources'],
      ),
      'restart',
    ),
    candidates: about(
      "The paths the tunnel may take, 1 to 64, in preference order (the first healthy one is where it belongs): each a (hub peer, WAN source) pair judged on its IP SLA operations. The policy in force takes a reload's list; the rest of the agent keeps the start-up one.",
      {
        type: 'array',
        minItems: 1,
        maxItems: 64,
        items: obj(
          {
            id: about('Stable name used in reasons, metrics and overrides: fibre-hub1.', { type: 'string', pattern: NAME }),
            peer: about("The hub peer's address: one of flexvpn.peers (dual-cloud: a hub's neighbor).", { type: 'string', pattern: IPV4 }),
            source: about("The WAN source interface: one of flexvpn.sources (dual-cloud: the hub's tunnel).", {
              type: 'string',
              pattern: INTERFACE,
            }),
            slaOperations: about('IP SLA operation numbers that measure this path (probes from source towards the hub).', {
              type: 'array',
              minItems: 1,
              items: SLA_OPERATION,
            }),
            // Per service class (policy.classes[].name): the jitter operations, marked with its DSCP, that judge it on this path.
            classOperations: about(
              'Per service class (policy.classes[].name), the jitter operations marked with its DSCP that judge the class on this path; a class not listed is not judged here. Not also in slaOperations.',
              {
                type: 'object',
                maxProperties: MAX_CLASSES,
                propertyNames: { pattern: CLASS_NAME },
                additionalProperties: { type: 'array', minItems: 1, maxItems: 8, uniqueItems: true, items: SLA_OPERATION },
              },
            ),
          },
          ['id', 'peer', 'source', 'slaOperations'],
        ),
      },
      'restart',
    ),
    policy: about(
      "The policy core's settings (agent/core/policy/config.ts): how candidates are judged, damped and chosen. A reload applies them at once, keeping the state and evidence; set-policy changes them too.",
      section({
        windowSamples: about('Samples per IP SLA operation in the sliding window a candidate is judged on.', int(1, 1000, P.windowSamples)),
        minSamples: about('Fewest samples in the window before quality is judged (at most windowSamples).', int(1, 1000, P.minSamples)),
        fail: about(
          'A candidate fails when any metric is above these, with 99 % confidence for loss.',
          thresholds('above which a candidate fails', P.fail),
        ),
        recover: about(
          'A failed candidate recovers only when every metric is at or below these (the stricter bar: each at most its fail value).',
          thresholds('at or below which a failed candidate recovers', P.recover),
        ),
        failAfter: about('Consecutive failing evaluations before a good candidate is declared bad.', int(1, 100, P.failAfter)),
        recoverAfter: about('Consecutive passing evaluations before a bad candidate is declared good.', int(1, 100, P.recoverAfter)),
        unreachableAfter: about(
          "Probes lost in a row that make a path unreachable at once, before the window's statistics say so.",
          int(1, 100, P.unreachableAfter),
        ),
        preemptDelaySec: about(
          'Seconds a better candidate must stay good before the tunnel moves back to it (failback).',
          int(0, 86400, P.preemptDelaySec),
        ),
        damping: about(
          'Flap damping: each time a candidate goes bad it gains a penalty that halves every halfLifeSec; at suppressAt it is not eligible until the penalty falls below reuseBelow.',
          section({
            penalty: about('Penalty added each time a candidate goes bad.', num(0, 1e6, P.damping.penalty)),
            halfLifeSec: about('Seconds in which the penalty halves.', num(1, 86400, P.damping.halfLifeSec)),
            suppressAt: about(
              'Penalty at or above which a candidate is suppressed (at most maxPenalty).',
              num(1, 1e6, P.damping.suppressAt),
            ),
            reuseBelow: about(
              'Penalty below which a suppressed candidate is eligible again (below suppressAt).',
              num(1, 1e6, P.damping.reuseBelow),
            ),
            maxPenalty: about('Ceiling of the penalty, which bounds how long a path stays suppressed.', num(1, 1e7, P.damping.maxPenalty)),
          }),
        ),
        allDown: about(
          'When every candidate is down: hold keeps the current path; release allows every candidate and lets IOS choose (native behaviour); least-bad steers to the best of the bad.',
          { enum: ['hold', 'release', 'least-bad'], default: P.allDown },
        ),
        minChangeIntervalSec: about(
          'Fewest seconds between two steering changes (protects the router and the hubs).',
          int(0, 3600, P.minChangeIntervalSec),
        ),
        mode: about("enforce steers the router; dry-run decides and reports but never steers (and releases the agent's forbids).", {
          enum: ['enforce', 'dry-run'],
          default: P.mode,
        }),
        clearStaleSa: about("Clear the old peer's IKEv2 SA when leaving a degraded path that is still up (off in dual-cloud).", {
          type: 'boolean',
          default: P.clearStaleSa,
        }),
        // Service-level classes (agent/core/policy/classes.ts): at most four, each with its level and DSCP.
        classes: about(
          'Service-level classes, at most four, each judged per candidate on its own probes (candidates[].classOperations); the policy prefers a path meeting every critical class.',
          {
            type: 'array',
            maxItems: MAX_CLASSES,
            default: [],
            items: obj(
              {
                name: about('The class name (voice), used in reasons, telemetry and candidates[].classOperations.', {
                  type: 'string',
                  pattern: CLASS_NAME,
                }),
                dscp: about("The class's DSCP (0-63), which its probes carry (tos = DSCP x 4).", int(0, 63)),
                critical: about("The tunnel's path must meet this class: the policy prefers a path meeting every critical class.", {
                  type: 'boolean',
                  default: false,
                }),
                lossPct: about("The class's loss level, percent.", num(0, 100)),
                rttMs: about("The class's round-trip time level, milliseconds.", num(0, 60000)),
                jitterMs: about("The class's jitter level, milliseconds.", num(0, 60000)),
              },
              ['name', 'dscp', 'lossPct', 'rttMs', 'jitterMs'],
            ),
          },
        ),
        classBandPct: about(
          'When no path meets every critical class, the tunnel moves only to a path whose worst excess over the critical levels is lower by more than this share, percent.',
          num(0, 1000, P.classBandPct),
        ),
      }),
      'live',
    ),
    actuation: about(
      'How the agent steers the router and checks it happened.',
      section({
        strategy: about(
          "stub-tracks sets the agent's stub tracks referenced by the client's peer and source lines; peer-order rewrites the client's peer lines (at most 5 peers).",
          { enum: ['stub-tracks', 'peer-order'], default: 'stub-tracks' },
        ),
        // How a stub track is set (agent/core/actuation/plan.ts TrackSetter): configuration, or the operator's EEM applets.
        setTracksWith: about(
          "default-state sets a stub track with default-state lines in a configuration session; eem-applets runs the operator's event none applets from exec mode (no configuration right, the running-config unchanged).",
          { enum: ['default-state', 'eem-applets'], default: 'default-state' },
        ),
        // Applet names are PREFIX-N-UP / PREFIX-N-DOWN; a word IOS takes as an applet name.
        eemAppletPrefix: about('Prefix of the EEM applet names, PREFIX-N-UP and PREFIX-N-DOWN for stub track N (eem-applets).', {
          type: 'string',
          pattern: '^[A-Za-z][A-Za-z0-9_-]{0,23}$',
          default: 'SPOKEPILOT',
        }),
        verifyTimeoutSec: about(
          'Seconds a steer has to show on the router before it counts as failed; also the least time between two repairs of a hand-changed track.',
          int(1, 600, 30),
        ),
        retries: about('Tries again after a steer failed or was not verified.', int(0, 10, 2)),
        onStop: about('On SIGTERM: restore allows every candidate again (native IOS behaviour); leave keeps the last steer.', {
          enum: ['restore', 'leave'],
          default: 'restore',
        }),
        pathRepair: about(
          "Path repair: with the agent's tracks right and the client on a less preferred hub (a drain ended), clear that hub's IKEv2 SA so the client reselects; each try costs the site about 2 s without a tunnel.",
          section({
            enabled: about('Repair the path; false leaves the router where IOS put it (the difference is still raised as DRIFT_PATH).', {
              type: 'boolean',
              default: true,
            }),
            settleSec: about('Seconds the intended candidate must have been good and intended before the first try.', int(10, 3600, 60)),
            backoffSec: about('Seconds before the second try; each later one waits twice as long.', int(10, 3600, 60)),
            maxBackoffSec: about('Longest wait between two tries, seconds (at least backoffSec).', int(10, 86400, 300)),
          }),
        ),
      }),
      'restart',
    ),
    polling: about(
      'How often each command family is read from the router, seconds.',
      section({
        slaSec: about(
          'The probe frequency config ios generates, seconds; the IP SLA statistics are read twice in each such period (at most once a second), so no probe falls between two reads.',
          int(1, 3600, 10),
        ),
        flexvpnSec: about('Seconds between two reads of the FlexVPN client, tunnel and tracks (dual-cloud: BGP).', int(1, 3600, 15)),
        interfacesSec: about("Seconds between two reads of the interfaces (and the metered WANs' counters).", int(1, 3600, 30)),
        cryptoSec: about('Seconds between two reads of the IKEv2 and IPsec SAs.', int(1, 3600, 30)),
        routesSec: about('Seconds between two reads of the route tables.', int(5, 86400, 300)),
        jitter: about('Each interval varies by up to this fraction (0-0.5), so a fleet never polls in lockstep.', num(0, 0.5, 0.2)),
      }),
      'restart',
    ),
    store: about(
      'The local SQLite store: journal, outbox, route history, metered usage.',
      section({
        path: about('The database file; absent: $SPOKEPILOT_DB, else spokepilot.db in $CAF_APP_PERSISTENT_DIR (IOx), else data/.', {
          type: 'string',
          minLength: 1,
        }),
        journalMaxAgeDays: about('Days a journal entry (decision, event) is kept.', num(0.01, 3650, 30)),
        journalMaxRows: about('Most journal rows kept; the oldest go first.', int(100, 1e8, 200000)),
        outboxMaxBytes: about(
          'Bytes the outbox (messages waiting for the broker) may hold; beyond it messages are dropped, telemetry first, then state, then events, oldest first in each.',
          int(1024, 1e10, 50 * 1024 * 1024),
        ),
        outboxMaxAgeHours: about('Hours an unsent message is kept in the outbox.', num(0.01, 8760, 168)),
        routeHistoryDays: about('Days of route table history kept.', num(0.01, 3650, 14)),
      }),
      'restart',
    ),
    routes: about(
      'Which route tables are read and cached, and what they must and may hold.',
      section({
        vrfs: about('VRFs whose route tables are read besides the global one.', {
          type: 'array',
          items: { type: 'string', pattern: NAME },
          default: [],
        }),
        ipv6: about('Read the IPv6 route tables too.', { type: 'boolean', default: false }),
        maxTableRoutes: about(
          "Routes (counted by the lines that start one) beyond which a table is not read or cached: it would exhaust the heap (about 70,000 fit the IOx package's 64 MB).",
          int(100, 1_000_000, 50_000),
        ),
        expectations: about(
          'What the route tables must and may hold; a difference is a route violation in the reports.',
          section({
            required: about('Prefixes that must be reachable.', {
              type: 'array',
              default: [],
              items: obj(
                {
                  prefix: about('The prefix (CIDR: 10.0.0.0/8).', { type: 'string', pattern: CIDR }),
                  viaInterface: about('The interface kind it must be reached through (Tunnel); absent: any.', {
                    type: 'string',
                    pattern: '^[A-Za-z-]+$',
                  }),
                  vrf: about('The VRF whose table must hold it; absent: the global table.', { type: 'string', pattern: NAME }),
                },
                ['prefix'],
              ),
            }),
            allowed: about(
              'Ranges the learned routes (of the protocols checked) may fall in: a route outside every range, or more specific than its maxLength, is a violation (route injection).',
              {
                type: 'array',
                default: [],
                items: obj(
                  {
                    prefix: about('The range (CIDR: 10.0.0.0/8).', { type: 'string', pattern: CIDR }),
                    maxLength: about(
                      "The longest prefix length allowed in the range (how specific a route may be); absent: the range's own length.",
                      int(0, 128),
                    ),
                    vrf: about('The VRF whose table it applies to; absent: the global table.', { type: 'string', pattern: NAME }),
                  },
                  ['prefix'],
                ),
              },
            ),
          }),
        ),
      }),
      'restart',
    ),
    mqtt: about(
      'The central MQTT broker: telemetry, events and routes out, signed commands in. Absent: the agent runs without a broker (journal and routes still kept locally).',
      obj({
        // No userinfo (`user:pass@`): credentials go in username and password, a secret that is redacted everywhere.
        url: about('The broker, mqtt://HOST:1883 or mqtts://HOST:8883, without credentials (one of url and urls).', {
          type: 'string',
          pattern: MQTT_URL,
        }),
        // A clustered broker's endpoints (one of url and urls): each agent starts at a random one and fails over in turn.
        urls: about("A clustered broker's endpoints (one of url and urls): each agent starts at a random one and fails over in turn.", {
          type: 'array',
          minItems: 1,
          maxItems: 16,
          uniqueItems: true,
          items: { type: 'string', pattern: MQTT_URL },
        }),
        root: about('The topic root: topics are ROOT/SITE/NODE/...', {
          type: 'string',
          pattern: '^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$',
          default: 'spokepilot/v1',
        }),
        protocolVersion: about('4 = MQTT 3.1.1, 5 = MQTT 5.', { enum: [4, 5], default: 4 }),
        clientId: about('The MQTT client id; absent: spokepilot-SITE-NODE-HOSTNAME (at most 64 characters).', {
          type: 'string',
          pattern: '^[A-Za-z0-9_.-]{1,64}$',
        }),
        username: about('The MQTT user name.', { type: 'string', minLength: 1 }),
        password: secret('The MQTT password.'),
        tls: about(
          'TLS to the broker (every endpoint mqtts://).',
          obj({
            caFile: about("PEM file of the CA that signed the broker's certificate; absent: the system's CAs.", {
              type: 'string',
              minLength: 1,
            }),
            certFile: about("PEM file of the agent's client certificate (mutual TLS, with keyFile).", { type: 'string', minLength: 1 }),
            keyFile: about("PEM file of the agent's client key (mutual TLS, with certFile).", { type: 'string', minLength: 1 }),
            rejectUnauthorized: about('Refuse a broker whose certificate does not verify; false only for a lab.', {
              type: 'boolean',
              default: true,
            }),
            servername: about("The name the certificate is checked against (SNI) when it differs from the URL's host.", {
              type: 'string',
              minLength: 1,
            }),
          }),
        ),
        heartbeatSec: about('Telemetry is published at least this often, seconds, changed or not.', int(10, 86400, 300)),
        // Reconnect backoff (agent/adapters/mqtt/backoff.ts): the first window sets the fleet's reconnect wave,
        // about spokes / firstWindowSec CONNECTs a second; 10 s keeps 1,000 spokes under 200 a second.
        reconnect: about(
          'Reconnect backoff, full jitter: a fleet cut at once reconnects at about spokes / firstWindowSec a second.',
          section({
            firstWindowSec: about(
              'Seconds within which the first try after a lost connection is made; each failed one doubles the window.',
              {
                type: 'number',
                minimum: 0.1,
                maximum: 3600,
                default: 10,
              },
            ),
            capSec: about('The longest window, seconds (at least firstWindowSec).', int(1, 86400, 60)),
          }),
        ),
        commandKeys: about('Public keys allowed to sign commands; none: every command is refused.', {
          type: 'array',
          default: [],
          items: obj(
            {
              id: about('The key id a command names.', { type: 'string', pattern: NAME }),
              publicKey: secret('The Ed25519 public key, PEM.'),
            },
            ['id', 'publicKey'],
          ),
        }),
        // Larger command messages are refused before they are parsed; signed commands are a few hundred bytes.
        maxPayloadBytes: about('Command messages larger than this, bytes, are refused unparsed.', int(1024, 16 * 1024 * 1024, 65_536)),
      }),
      'restart',
    ),
    // Where the router's IP SLA tcp-connect finds the agent in control (agent/ports/presence.ts); absent: no presence port.
    presence: about(
      "The TCP port the router's layered configuration probes (IP SLA tcp-connect) to know the agent is in control; open only while it is.",
      section({
        listen: about('HOST:PORT of the presence port; absent: none.', { type: 'string', pattern: HOST_PORT }),
        staleAfterSec: about(
          'Seconds without a read that found the router as intended before the agent stops claiming control.',
          int(5, 3600, 60),
        ),
      }),
      'restart',
    ),
    http: about(
      'The local status endpoint: /healthz (the IOx monitor script), /status, /metrics.',
      section({
        enabled: about('Serve the status endpoint.', { type: 'boolean', default: true }),
        listen: about('HOST:PORT it listens on.', { type: 'string', pattern: HOST_PORT, default: '127.0.0.1:8087' }),
      }),
      'restart',
    ),
    log: about(
      'The JSON-lines log.',
      section({
        level: about('The least level logged.', { enum: ['debug', 'info', 'warn', 'error'], default: 'info' }),
        dir: about('Directory of the rotated log file (1 MB, 3 kept); absent: $CAF_APP_LOG_DIR, else standard output.', {
          type: 'string',
          minLength: 1,
        }),
      }),
      'restart',
    ),
  },
  // flexvpn is required with topology failover, dualCloud with dual-cloud (config/cross-check.ts).
  ['site', 'node', 'candidates'],
);
