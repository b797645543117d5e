import { stringify } from 'yaml';
import { loadConfigFile } from '../config/load.js';
import { redact } from '../config/secrets.js';
import type { AgentConfig } from '../config/types.js';
import { iosConfig } from '../core/ios-config.js';
import { silentLogger } from '../ports/logger.js';

const USAGE = `Usage: spokepilot config check FILE [--print] [--router]
       spokepilot config ios FILE

config ios prints the IOS configuration FILE expects on the router (the
agent's stub tracks, an IP SLA operation per probe, the FlexVPN client's peer
and source lines on them), commented, to review and paste; what the file cannot
tell (the app's address for logging host, the agent user's password) is left
as a comment to fill in.

Validates a configuration file and reports every problem with its path
(flexvpn.peers[1].address: "10.0.0.300" is not a valid IPv4 address).
With --print, also prints the configuration the agent would run with:
defaults filled in, package_config.ini and SPOKEPILOT_* environment
overrides applied, secrets (and credentials in any URL) shown as [redacted].
Files over 64 KiB (and secret files over 64 KiB) are refused unread.
With --router, also connects to the router as the agent would and checks the
file against its running configuration: the FlexVPN client exists, its peer
and source lines reference the agent's stub tracks (directly or in a list
track), those are stub objects, the IP SLA operations exist and probe from the
candidates' WANs, and the user may enter configuration mode. Each problem is
printed with what to configure. The agent makes the same check at start and
only monitors (dry-run) when it fails.
Exit 0 when valid, 1 when not, 2 on usage errors.`;

export async function configCommand(argv: string[]): Promise<number> {
  const print = argv.includes('--print');
  const againstRouter = argv.includes('--router');
  const [sub, file, ...extra] = argv.filter((a) => a !== '--print' && a !== '--router');
  if (argv.includes('--help') || argv.includes('-h')) { console.log(USAGE); return 0; }
  if ((sub !== 'check' && sub !== 'ios') || file === undefined || extra.length > 0) { console.error(USAGE); return 2; }
  const result = loadConfigFile(file, process.env);
  if (!result.ok) {
    console.error(`${file}: ${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}`);
    for (const i of result.issues) console.error(`  ${i.path || '(document)'}: ${i.message}`);
    return 1;
  }
  const c = result.config;
  if (sub === 'ios') {
    process.stdout.write(iosConfig({
      site: c.site, node: c.node, client: c.flexvpn.client, tunnel: c.flexvpn.tunnel, peers: c.flexvpn.peers, sources: c.flexvpn.sources,
      candidates: c.candidates, probeFrequencySec: Math.max(1, c.polling.slaSec),
      ...(c.syslog.listen ? { syslogListen: c.syslog.listen } : {}), ...(c.router.ssh ? { username: c.router.ssh.username } : {}),
    }));
    return 0;
  }
  if (print) console.log(stringify(redact(c)).trimEnd());
  console.log(`${file}: valid. site ${c.site}, node ${c.node}, client ${c.flexvpn.client}, ${c.candidates.length} candidates, mode ${c.policy.mode}`);
  return againstRouter ? checkAgainstRouter(c) : 0;
}

async function checkAgainstRouter(c: AgentConfig): Promise<number> {
  const { buildRouter } = await import('../compose.js');
  const { runPreflight } = await import('../shell/run-preflight.js');
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
    // Configuration mode with nothing in it: the agent's user must be allowed there to steer.
    try {
      await router.configure([]);
    } catch (err) {
      const e = err as Error & { code?: string };
      console.error(`  CONFIG_MODE_REFUSED: the router user cannot enter configuration mode: ${e.code ?? ''} ${e.message}\n      fix: a privilege-15 user for the agent (router.ssh.username)`);
      problems++;
    }
    if (problems > 0) {
      console.error(`router: ${problems} problem${problems === 1 ? '' : 's'}; the agent would only monitor (dry-run) until they are fixed`);
      return 1;
    }
    console.log('router: matches the configuration (client, peers, sources, stub tracks, IP SLA operations, configuration mode).');
    return 0;
  } finally {
    await router.close();
  }
}
