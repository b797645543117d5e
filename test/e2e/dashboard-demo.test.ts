/** `npm start` (the demo) prints the dashboard's address, and the page's API shows the demo spoke's fault and the agent's decision. */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { BIN } from '../support/run-cli.js';
import { waitFor } from '../support/wait-for.js';

describe('the demo on the web', () => {
  it('prints the dashboard address, which shows the agent\'s switch in words', async () => {
    const child = spawn(process.execPath, [BIN, 'demo', '--speed', '20'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
    try {
      const [, url, token] = await waitFor('the dashboard line', () => /^dashboard {2}(http:\/\/127\.0\.0\.1:\d+\/)#token=(spk_\S+) {2}\(open it/m.exec(out) ?? undefined, 60_000);
      const api = async (path: string) => (await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<Record<string, unknown>>;
      const decision = await waitFor('the switch on the spoke page', async () => {
        const page = await api('api/spoke?key=lab%2Fspoke1') as { decisions?: { text: string }[] };
        return page.decisions?.find((d) => d.text.startsWith('switch fibre-hub1 -> lte-hub1'))?.text;
      }, 60_000, 250);
      expect(decision).toMatch(/fibre-hub1 went bad at .*(RTT|jitter|loss) [\d.]+ (ms|%) over the [\d.]+ (ms|%) threshold/);
      expect((await api('api/me'))).toMatchObject({ name: 'demo', canCommand: false });
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 120_000);
});
