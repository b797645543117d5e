/// <reference lib="dom" />
/**
 * The fleet dashboard at 5,000 spokes: `spokepilot fleet serve` in a process
 * of its own on an aedes broker holding the fleet's retained state, its
 * database filled beforehand with a week of quality history at the real
 * 60 s heartbeat (dashboard-history.ts, whose figures come first); Debian's
 * chromium (puppeteer-core) for the page.
 *
 *  dashboard.overview.firstRenderMs   navigation start to the frame showing the overview's counts of every spoke and the table's first page, median of 5 loads
 *  dashboard.overview.firstRender.*   where that time goes (firstRenderPhases), and when the whole fleet is in the page
 *  dashboard.server.rssMb             the server's resident memory with the fleet and the history loaded
 *  dashboard.updateLatencyMs.p95      a spoke's state published to the row changing on the page, 50 changes
 *  dashboard.fleetEvent.allShownMs    1,000 spokes changing at once, to the page counting all of them
 *  dashboard.fleetEvent.longestTaskMs the longest main-thread task in the page meanwhile (a frozen page shows here)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import puppeteer from 'puppeteer-core';
import { startEmbeddedBroker } from '../../lab/embedded-broker.js';
import { BIN } from '../../test/support/run-cli.js';
import { waitFor } from '../../test/support/wait-for.js';
import { birth, state, topic } from '../../test/unit/fleet-server/synthetic-fleet.js';
import { median, round, type Metric } from '../metric.js';
import { historyBench } from './dashboard-history.js';

const SPOKES = 5000;
const CHROMIUM = '/usr/bin/chromium';

/**
 * In the page, from the navigation and resource timings, the server's
 * Server-Timing and the page's own marks (agent/fleet/web/app.ts): the
 * document, the script (fetch, then parse and run to its first line), the
 * first-page request (server build, wait, transfer), and what follows.
 */
function firstRenderPhases(): Record<string, number> {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
  const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const script = res.find((r) => r.name.endsWith('/app.js'))!;
  const first = res.find((r) => r.name.includes('/api/overview?first='))!;
  const whole = res.find((r) => /\/api\/overview$/.test(r.name))!;
  // No arrow functions held in variables here: tsx's keepNames would wrap them in a helper the page lacks.
  const marks: Record<string, number> = {};
  for (const e of performance.getEntriesByType('mark')) marks[e.name] = e.startTime;
  const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
  return {
    documentMs: nav.responseEnd,
    scriptFetchedMs: script.responseEnd,
    scriptRunMs: marks['spokepilot:script']! - script.responseEnd,
    firstPageServerBuildMs: first.serverTiming.find((t) => t.name === 'build')?.duration ?? 0,
    firstPageWaitMs: first.responseStart - first.requestStart,
    firstPageTransferMs: first.responseEnd - first.responseStart,
    firstPageBytes: first.encodedBodySize,
    firstPageArrivedMs: marks['spokepilot:first-page']!,
    tableDrawnMs: marks['spokepilot:first-render']!,
    firstContentfulPaintMs: paint,
    wholeFleetServerBuildMs: whole.serverTiming.find((t) => t.name === 'build')?.duration ?? 0,
    wholeFleetBytes: whole.encodedBodySize,
    wholeFleetInPageMs: marks['spokepilot:whole-fleet']!,
  };
}

export async function* dashboardBench(): AsyncGenerator<Metric> {
  const dir = mkdtempSync(join(tmpdir(), 'spokepilot-bench-dash-'));
  const broker = await startEmbeddedBroker();
  const fleet = await mqtt.connectAsync(broker.url, { clientId: 'bench-fleet' });
  const dbPath = join(dir, 'fleet.db');
  yield* historyBench(dbPath, SPOKES, Date.now());
  const now = Date.now();
  for (let i = 0; i < SPOKES; i += 500) {
    await Promise.all(
      Array.from({ length: 500 }, async (_, k) => {
        await fleet.publishAsync(topic(i + k, 'status'), JSON.stringify(birth(now)), { qos: 1, retain: true });
        await fleet.publishAsync(topic(i + k, 'state'), JSON.stringify(state(i + k, now)), { qos: 1, retain: true });
      }),
    );
  }
  // The server as installed: compiled, not the sources through tsx.
  spawnSync(process.execPath, ['--import', 'tsx', 'build/compile-cli.ts', '--if-stale'], { stdio: 'inherit' });
  const server = spawn(process.execPath, [BIN, 'fleet', 'serve', '--broker', broker.url, '--listen', '127.0.0.1:0', '--db', dbPath], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  server.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const profile = mkdtempSync(join(tmpdir(), 'spokepilot-bench-chromium-'));
  try {
    const url = await waitFor('the server address', () => /dashboard on (http:\S+)/.exec(out)?.[1], 60_000);
    const token = await waitFor('the first token', () => /token "admin": (spk_\S+)/.exec(out)?.[1]);
    const api = async (path: string) => (await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } })).text();
    await waitFor('every spoke in the server', async () => JSON.parse(await api('api/overview')).counts.total === SPOKES, 120_000, 500);
    await api('metrics');
    const rss = Number(/^process_resident_memory_bytes (\d+)$/m.exec(await api('metrics'))?.[1]);
    yield { metric: 'dashboard.server.rssMb', value: round(rss / 2 ** 20, 1), unit: 'MB' };
    if (!existsSync(CHROMIUM)) {
      console.error(`dashboard bench: ${CHROMIUM} is missing (apt-get install chromium): no page figures`);
      return;
    }
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      userDataDir: profile,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const renders: number[] = [];
      const phases: Record<string, number[]> = {};
      for (let round_ = 0; round_ < 5; round_++) {
        const page = await browser.newPage();
        await page.setViewport({ width: 1280, height: 900 });
        await page.goto(`${url}#token=${token}`);
        await page.waitForFunction(
          (n) => document.querySelector('.count b')?.textContent === String(n) && document.querySelectorAll('#rows tr').length === 100,
          { polling: 'raf', timeout: 60_000 },
          SPOKES,
        );
        // The time is the page's own: the frame that first shows the table (a poll from here, installed after
        // the load event and a round trip, saw it hundreds of ms late under load).
        await page.waitForFunction(() => performance.getEntriesByName('spokepilot:first-render-frame').length > 0, { timeout: 10_000 });
        renders.push(await page.evaluate(() => performance.getEntriesByName('spokepilot:first-render-frame')[0]!.startTime));
        await page.waitForFunction(() => performance.getEntriesByName('spokepilot:whole-fleet').length > 0, { timeout: 60_000 });
        for (const [k, v] of Object.entries(await page.evaluate(firstRenderPhases))) (phases[k] ??= []).push(v);
        if (round_ < 4) await page.close();
      }
      yield { metric: 'dashboard.overview.firstRenderMs', value: round(median(renders), 0), unit: 'ms' };
      for (const [k, v] of Object.entries(phases))
        yield { metric: `dashboard.overview.firstRender.${k}`, value: round(median(v), 1), unit: k.endsWith('Bytes') ? 'bytes' : 'ms' };
      const page = (await browser.pages()).at(-1)!;
      // In the page: when each row first shows LTE, when the backup count reaches a figure, and the longest task.
      await page.evaluate(() => {
        const w = window as unknown as { seen: Record<string, number>; backupAt: Record<string, number>; longest: number };
        w.seen = {};
        w.backupAt = {};
        w.longest = 0;
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) w.longest = Math.max(w.longest, e.duration);
        }).observe({ type: 'longtask', buffered: false });
        new MutationObserver(() => {
          document.querySelectorAll('#rows tr[data-key]').forEach((tr) => {
            const key = (tr as HTMLElement).dataset.key!;
            if (!w.seen[key] && tr.children[4]?.textContent === 'lte') w.seen[key] = Date.now();
          });
          const backup = document.querySelectorAll('.count b')[4]?.textContent ?? '';
          if (!w.backupAt[backup]) w.backupAt[backup] = Date.now();
        }).observe(document.getElementById('main')!, { childList: true, subtree: true });
      });
      const published: Record<string, number> = {};
      for (let i = 0; i < 50; i++) {
        published[topic(i, 'x').split('/').slice(2, 4).join('/')] = Date.now();
        await fleet.publishAsync(topic(i, 'state'), JSON.stringify(state(i, Date.now(), true)), { qos: 1, retain: true });
        await new Promise((r) => setTimeout(r, 100));
      }
      const seen = await waitFor(
        'the 50 changes on the page',
        async () => {
          const s = await page.evaluate(() => (window as unknown as { seen: Record<string, number> }).seen);
          return Object.keys(s).length >= 50 && s;
        },
        30_000,
      );
      const latencies = Object.entries(published)
        .map(([k, t]) => seen[k]! - t)
        .sort((a, b) => a - b);
      yield { metric: 'dashboard.updateLatencyMs.p95', value: latencies[Math.ceil(latencies.length * 0.95) - 1]!, unit: 'ms' };
      const t0 = Date.now();
      await Promise.all(
        Array.from({ length: 1000 }, (_, k) =>
          fleet.publishAsync(topic(100 + k, 'state'), JSON.stringify(state(100 + k, t0, true)), { qos: 1, retain: true }),
        ),
      );
      const shown = await waitFor(
        '1,050 spokes on backup on the page',
        async () => (await page.evaluate(() => (window as unknown as { backupAt: Record<string, number> }).backupAt))['1050'],
        60_000,
      );
      yield { metric: 'dashboard.fleetEvent.allShownMs', value: shown - t0, unit: 'ms' };
      yield {
        metric: 'dashboard.fleetEvent.longestTaskMs',
        value: round(await page.evaluate(() => (window as unknown as { longest: number }).longest), 0),
        unit: 'ms',
      };
    } finally {
      await browser.close();
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('close', resolve));
    await fleet.endAsync();
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}
