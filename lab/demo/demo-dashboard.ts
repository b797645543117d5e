/**
 * The demo's web view: the fleet dashboard (agent/fleet) on the demo's
 * embedded broker, at 127.0.0.1:8088 when that port is free (another free
 * port otherwise), with a token in the printed address that may send
 * commands. An operator key pair is generated for the run: the dashboard
 * signs with the private key, the demo agent accepts the public one. The keys
 * and the database live in a directory of their own, removed on close:
 * nothing of them outlives the demo.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDashboard, type Dashboard, type SpokeClock } from '../../agent/fleet/dashboard.js';
import { generateSigningKey, parsePrivateKey } from '../../proto/command-signing.js';
import { DEFAULT_ROOT } from '../../proto/topics.js';

export const DEMO_DASHBOARD_PORT = 8088;

/** The key id the demo's dashboard signs as, and its agent accepts. */
export const DEMO_OPERATOR_KEY_ID = 'demo-operator';

export interface DemoDashboard {
  address: string;
  /** Where its database and the run's operator keys live until close. */
  dir: string;
  /** For the demo agent's mqtt.commandKeys. */
  commandKeys: { id: string; publicKey: string }[];
  close(): Promise<void>;
}

/**
 * What the page says of the demo's time: the lab plays at `speed`, so the
 * spoke's clock runs ahead of the reader's, and the page's times and ages are
 * the scenario's, as the terminal's "+12.0s" and the summary's seconds are.
 */
export function demoClockNote(speed: number): string {
  return `Demo: the lab plays the scenario at ${speed}x, so the spoke's clock runs ${speed} times as fast as yours. Times and ages on this page are in scenario time, as in the terminal: "30 s ago" is 30 s of the scenario, ${+(30 / speed).toFixed(1)} s of yours.`;
}

/** The dashboard, or why it could not start (the demo runs on without it). `spokeClock`: the lab's, when it runs faster than life. */
export async function startDemoDashboard(brokerUrl: string, spokeClock?: SpokeClock): Promise<DemoDashboard | string> {
  const dir = mkdtempSync(join(tmpdir(), 'spokepilot-demo-dashboard-'));
  // Written as an operator keeps them (the private key readable by its owner only), read back as `fleet serve --operator-key` does.
  const pair = generateSigningKey();
  writeFileSync(join(dir, 'operator.key'), pair.privatePem, { mode: 0o600 });
  writeFileSync(join(dir, 'operator.pub'), pair.publicPem);
  const signer = { key: parsePrivateKey(readFileSync(join(dir, 'operator.key'), 'utf8')), keyId: DEMO_OPERATOR_KEY_ID };
  const options = (port: number) => ({
    brokers: [brokerUrl],
    root: DEFAULT_ROOT,
    dbPath: join(dir, 'dashboard.db'),
    listen: { host: '127.0.0.1', port },
    signer,
    bootstrapToken: { name: 'demo', canCommand: true },
    ...(spokeClock ? { spokeClock } : {}),
  });
  let dashboard: Dashboard;
  try {
    try {
      dashboard = await startDashboard(options(DEMO_DASHBOARD_PORT));
    } catch (err) {
      if (!/EADDRINUSE/.test((err as Error).message)) throw err;
      dashboard = await startDashboard(options(0));
    }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return (err as Error).message;
  }
  return {
    address: `${dashboard.url}#token=${dashboard.token}`,
    dir,
    commandKeys: [{ id: DEMO_OPERATOR_KEY_ID, publicKey: readFileSync(join(dir, 'operator.pub'), 'utf8') }],
    async close() {
      await dashboard.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
