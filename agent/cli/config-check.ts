import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { loadConfigFile } from '../config/load.js';
import { redact } from '../config/secrets.js';
import { checkSecrets } from '../config/secret-check.js';
import type { AgentConfig, FailoverAgentConfig } from '../config/types.js';
import { asWritten, type ConfigIssue } from '../config/validate.js';
import { iosConfig, type IosConfigInput } from '../core/ios-config.js';
import { dualCloudIos } from '../core/dual-cloud/ios-config.js';
import { silentLogger } from '../ports/logger.js';
import { describeError } from '../../proto/coded-error.js';

const USAGE = `Usage: spokepilot config check FILE [--print] [--router]
       spokepilot config check --explain [KEY]
       spokepilot config ios FILE [--app-address A.B.C.D] [--track-base N]

config ios prints the layered IOS configuration FILE expects on the router,
commented, to review and paste: an IP SLA probe per candidate path whose
threshold is the service level (policy.fail.rttMs); IOS's own judgement of
each hub and WAN (ios-tuned's state and reachability tracks, IP routing,
periodic DPD, peer reactivate); the agent's stub tracks ANDed into each
FlexVPN client line, so the agent can only take a hub or a WAN away.
With presence.listen in FILE and --app-address (the app's address as the
router reaches it), the stubs count only while an IP SLA tcp-connect reaches
the agent's presence port; without them, a comment says what to add. Its
tracks are N..N+308 at most (--track-base, default 500): they must not take
the file's stub tracks and must stay within IOS's 1-1000. What the file
cannot tell (the host the in-tunnel probes ping, the agent user's password)
is left as a comment to fill in.

Validates a configuration file and reports every problem with its path
(flexvpn.peers[1].address: "10.0.0.300" is not a valid IPv4 address).
With --print, also prints the configuration the agent would run with:
defaults filled in, package_config.ini and SPOKEPILOT_* environment
overrides applied, secrets (and credentials in any URL) shown as [redacted].
Files over 64 KiB (and secret files over 64 KiB) are refused unread.
Secrets are read as the agent reads them at start: a secret file that is
there but cannot be read, or a command key that is no Ed25519 public key, is
a problem; an environment variable not set in this shell, or a secret file not
on this machine (IOx's /data), is a note: only the spoke can tell.
With --router, also connects to the router as the agent would and checks the
file against its running configuration: the FlexVPN client exists, its peer
and source lines reference the agent's stub tracks (directly or in a list
track), those are stub objects, the IP SLA operations exist and probe from the
candidates' WANs (and not another of the file's hubs), and the user may enter
configuration mode. Each problem is printed with what to configure. The agent
makes the same check at start and only monitors (dry-run) when it fails.

With --explain KEY (a dotted path: policy.preemptDelaySec; a list's items as
candidates[].slaOperations or candidates.slaOperations), prints what the key
means, its type, allowed values or range, its default, and whether a reload
(SIGHUP, set-policy) applies it at once or it needs a restart; with --explain
alone, the top-level keys. An unknown key is named with the nearest ones.
Exit 0 when valid, 1 when not, 2 on usage errors (and an unknown --explain KEY).`;

export async function configCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      // --explain=KEY reads as --explain KEY: KEY is optional, so --explain is a flag and KEY a positional.
      args: argv.flatMap((a) => (a.startsWith('--explain=') ? ['--explain', a.slice('--explain='.length)] : [a])),
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        explain: { type: 'boolean' },
        print: { type: 'boolean' },
        router: { type: 'boolean' },
        'app-address': { type: 'string' },
        'track-base': { type: 'string' },
      },
    });
  } catch (err) {
    console.error(`spokepilot config: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    console.log(USAGE);
    return 0;
  }
  const [sub, file, ...extra] = positionals;
  if (v.explain) {
    if (sub !== 'check' || extra.length > 0 || v.print || v.router || v['app-address'] !== undefined || v['track-base'] !== undefined) {
      console.error(USAGE);
      return 2;
    }
    const { explainCommand } = await import('./config-explain.js');
    return explainCommand(file);
  }
  if ((sub !== 'check' && sub !== 'ios') || file === undefined || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const iosOptions = v['app-address'] !== undefined || v['track-base'] !== undefined;
  if (sub === 'check' ? iosOptions : v.print || v.router) {
    console.error(USAGE);
    return 2;
  }
  const trackBase = v['track-base'] === undefined ? undefined : Number(v['track-base']);
  if (trackBase !== undefined && !/^\d{1,4}$/.test(v['track-base']!)) {
    console.error(`spokepilot config ios: --track-base "${v['track-base']}" is not a whole number`);
    return 2;
  }
  const result = loadConfigFile(file, process.env);
  if (!result.ok) return printProblems(file, result.issues);
  const c = result.config;
  if (sub === 'ios') return printIosConfig(file, c, v['app-address'], trackBase);
  const secrets = checkSecrets(c, process.env);
  if (secrets.problems.length > 0) return printProblems(file, secrets.problems, secrets.notes);
  if (v.print) console.log(stringify(redact(asWritten(c))).trimEnd());
  const steered = c.dualCloud ? `dual-cloud, ${c.dualCloud.hubs.length} hubs (BGP AS ${c.dualCloud.asn})` : `client ${c.flexvpn.client}`;
  console.log(`${file}: valid. site ${c.site}, node ${c.node}, ${steered}, ${c.candidates.length} candidates, mode ${c.policy.mode}`);
  for (const n of secrets.notes) console.log(`  note: ${n.path}: ${n.message}`);
  return v.router ? checkAgainstRouter(c) : 0;
}

function printProblems(file: string, issues: readonly ConfigIssue[], notes: readonly ConfigIssue[] = []): number {
  console.error(`${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`);
  for (const i of issues) console.error(`  ${i.path || '(document)'}: ${i.message}`);
  for (const n of notes) console.error(`  note: ${n.path}: ${n.message}`);
  return 1;
}

async function checkAgainstRouter(c: AgentConfig): Promise<number> {
  const { buildRouter } = await import('../compose/start-agent.js');
  const { runPreflight } = await import('../shell/decide/run-preflight.js');
  const router = buildRouter(c, process.env, silentLogger, () => undefined);
  try {
    const outcome = await runPreflight(c, router);
    if (outcome.status === 'unknown') {
      console.error(`router: cannot read its running configuration: ${outcome.code}: ${outcome.message}`);
      return 1;
    }
    let problems = outcome.status === 'failed' ? outcome.problems.length : 0;
    if (outcome.status === 'failed') {
      for (const p of outcome.problems) console.error(`  ${p.code}: ${p.message}\n      fix: ${p.fix}`);
    }
    // Configuration mode with nothing in it: the agent's user must be allowed there to steer,
    // unless its tracks are set by EEM applets from exec mode (the preflight checked those).
    const eem = c.actuation.setTracksWith === 'eem-applets';
    if (!eem) {
      try {
        await router.configure([]);
      } catch (err) {
        const { code, message } = describeError(err);
        console.error(
          `  CONFIG_MODE_REFUSED: the router user cannot enter configuration mode: ${code ?? ''} ${message}\n      fix: a privilege-15 user for the agent (router.ssh.username)`,
        );
        problems++;
      }
    }
    if (problems > 0) {
      console.error(`router: ${problems} problem${problems === 1 ? '' : 's'}; the agent would only monitor (dry-run) until they are fixed`);
      return 1;
    }
    console.log(
      c.dualCloud
        ? "router: matches the configuration (BGP neighbors, the agent's route-maps applied and defined, IP SLA operations, configuration mode)."
        : `router: matches the configuration (client, peers, sources, stub tracks, IP SLA operations, ${eem ? 'EEM applets' : 'configuration mode'}).`,
    );
    return 0;
  } finally {
    await router.close();
  }
}

/** What `config ios` generates from: the file's slice, and what only the operator knows. */
export function iosConfigInputFor(c: FailoverAgentConfig, o: { appAddress?: string; trackBase?: number } = {}): IosConfigInput {
  return {
    site: c.site,
    node: c.node,
    client: c.flexvpn.client,
    tunnel: c.flexvpn.tunnel,
    peers: c.flexvpn.peers,
    sources: c.flexvpn.sources,
    candidates: c.candidates,
    serviceLevelRttMs: c.policy.fail.rttMs,
    probeFrequencySec: Math.max(1, c.polling.slaSec),
    tunnelSlaOperations: c.flexvpn.tunnelSlaOperations,
    ...(c.policy.classes && c.policy.classes.length > 0 ? { classes: c.policy.classes } : {}),
    ...(c.syslog.listen ? { syslogListen: c.syslog.listen } : {}),
    ...(c.presence.listen ? { presenceListen: c.presence.listen } : {}),
    ...(o.appAddress !== undefined ? { appAddress: o.appAddress } : {}),
    ...(o.trackBase !== undefined ? { trackBase: o.trackBase } : {}),
    ...(c.router.ssh ? { username: c.router.ssh.username } : {}),
    ...(c.actuation.setTracksWith === 'eem-applets' ? { eemAppletPrefix: c.actuation.eemAppletPrefix } : {}),
  };
}

function printIosConfig(file: string, c: AgentConfig, appAddress: string | undefined, trackBase: number | undefined): number {
  if (c.dualCloud) {
    process.stdout.write(
      dualCloudIos({
        dualCloud: c.dualCloud,
        candidates: c.candidates,
        probeFrequencySec: Math.max(1, c.polling.slaSec),
        serviceLevelRttMs: c.policy.fail.rttMs,
      }) + '\n',
    );
    return 0;
  }
  const generated = iosConfig(
    iosConfigInputFor(c, { ...(appAddress !== undefined ? { appAddress } : {}), ...(trackBase !== undefined ? { trackBase } : {}) }),
  );
  if (!generated.ok) {
    console.error(`${file}: cannot generate the IOS configuration`);
    for (const p of generated.problems) console.error(`  ${p.code}: ${p.message}`);
    return 1;
  }
  process.stdout.write(generated.text);
  return 0;
}
