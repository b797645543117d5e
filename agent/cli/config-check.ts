import { stringify } from 'yaml';
import { loadConfigFile } from '../config/load.js';
import { redact } from '../config/secrets.js';

const USAGE = `Usage: spokepilot config check FILE [--print]

Validates a configuration file and reports every problem with its path
(flexvpn.peers[1].address: "10.0.0.300" is not a valid IPv4 address).
With --print, also prints the configuration the agent would run with:
defaults filled in, package_config.ini and SPOKEPILOT_* environment
overrides applied, secrets (and credentials in any URL) shown as [redacted].
Files over 64 KiB (and secret files over 64 KiB) are refused unread.
Exit 0 when valid, 1 when not, 2 on usage errors.`;

export async function configCommand(argv: string[]): Promise<number> {
  const print = argv.includes('--print');
  const [sub, file, ...extra] = argv.filter((a) => a !== '--print');
  if (argv.includes('--help') || argv.includes('-h')) { console.log(USAGE); return 0; }
  if (sub !== 'check' || file === undefined || extra.length > 0) { console.error(USAGE); return 2; }
  const result = loadConfigFile(file, process.env);
  if (!result.ok) {
    console.error(`${file}: ${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}`);
    for (const i of result.issues) console.error(`  ${i.path || '(document)'}: ${i.message}`);
    return 1;
  }
  const c = result.config;
  if (print) console.log(stringify(redact(c)).trimEnd());
  console.log(`${file}: valid. site ${c.site}, node ${c.node}, client ${c.flexvpn.client}, ${c.candidates.length} candidates, mode ${c.policy.mode}`);
  return 0;
}
