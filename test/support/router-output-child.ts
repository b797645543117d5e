/**
 * Run by router-output-limits.test.ts in a child with the package's 64 MB heap:
 * over SSH (to the flooding router whose port and fingerprint are argv 2 and 3)
 * a 250,000-route table and output that never ends, then through the exec
 * transport (argv 4: a stand-in dohost that prints forever), each followed by
 * an ordinary command. Limits are the configuration's defaults. Prints one
 * JSON line: what became of each command, and the highest heap use seen.
 */
import { ExecRouterCli } from '../../agent/adapters/router/exec-router-cli.js';
import { DEFAULT_OUTPUT_LIMITS_CONFIG, routerOutputLimits } from '../../agent/adapters/router/output-limits.js';
import { SshRouterCli } from '../../agent/adapters/router/ssh-router-cli.js';

const [port, fingerprint, dohost] = process.argv.slice(2);
const outputLimits = routerOutputLimits(DEFAULT_OUTPUT_LIMITS_CONFIG);
let peakHeap = 0;
const sample = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
const outcome = (p: Promise<string>) =>
  p.then(
    (text) => `returned ${text.length} characters`,
    (err: { code?: string }) => err.code ?? 'no code',
  );

// A long timeout: the limits, not the timeout, must end these commands.
const ssh = new SshRouterCli({
  host: '127.0.0.1',
  port: Number(port),
  username: 'agent',
  password: 'agent',
  hostKeySha256: fingerprint!,
  connectTimeoutMs: 10_000,
  commandTimeoutMs: 60_000,
  outputLimits,
});
const exec = new ExecRouterCli({ command: [dohost!], timeoutMs: 60_000, outputLimits });
try {
  const result = {
    table: await outcome(ssh.show('show ip route')),
    afterTable: await outcome(ssh.show('show version')),
    flood: await outcome(ssh.show('show flood')),
    afterFlood: await outcome(ssh.show('show version')),
    execFlood: await outcome(exec.show('show flood')),
    execAfter: await outcome(exec.show('show version')),
  };
  console.log(JSON.stringify({ ...result, peakHeapMb: Math.round(peakHeap / 1048576) }));
} finally {
  clearInterval(sample);
  await ssh.close();
}
