/**
 * The demo's web view: the fleet dashboard (agent/fleet) on the demo's
 * embedded broker, at 127.0.0.1:8088 when that port is free (another free
 * port otherwise), with a view-only token in the printed address. Its
 * database lives in a directory of its own, removed on close.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDashboard, type Dashboard } from '../../agent/fleet/dashboard.js';
import { DEFAULT_ROOT } from '../../proto/topics.js';

export const DEMO_DASHBOARD_PORT = 8088;

export interface DemoDashboard { address: string; close(): Promise<void> }

/** The dashboard, or why it could not start (the demo runs on without it). */
export async function startDemoDashboard(brokerUrl: string): Promise<DemoDashboard | string> {
  const dir = mkdtempSync(join(tmpdir(), 'spokepilot-demo-dashboard-'));
  const options = (port: number) => ({
    brokers: [brokerUrl], root: DEFAULT_ROOT, dbPath: join(dir, 'dashboard.db'), listen: { host: '127.0.0.1', port },
    bootstrapToken: { name: 'demo', canCommand: false },
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
    async close() {
      await dashboard.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
