/**
 * What a fleet view shows during a broker node kill: the terminal view's own
 * model (proto/fleet-view.ts) fed by the bench's consumer, sampled every
 * 250 ms. A spoke cut by the kill is alive throughout; the view shows it
 * offline only if some broker sends its Will, and a Will held by a killed
 * node is never sent, so most cuts are never seen at all.
 */
import type { MqttClient } from 'mqtt';
import { FleetModel } from '../../proto/fleet-view.js';

const SAMPLE_MS = 250;

export class OfflineWatch {
  private readonly model: FleetModel;
  private readonly offlineSince = new Map<string, number>();
  /** Per spoke, how long it was shown offline in all (ms), since `from`. */
  private readonly shownOfflineMs = new Map<string, number>();
  private from = Number.POSITIVE_INFINITY;
  private readonly timer: NodeJS.Timeout;
  private dirty = false;

  constructor(client: MqttClient, root: string) {
    this.model = new FleetModel(root);
    // Only status decides online or offline; the rest is left alone so the watch adds next to nothing to the
    // consumer's process (a consumer that falls behind has more in flight when the node dies).
    client.on('message', (topic, payload) => {
      if (!topic.endsWith('/status')) return;
      this.model.apply(topic, payload, Date.now());
      this.dirty = true;
    });
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
  }

  /** Counts offline spells from now on (those already open are counted from now). */
  startAt(ms: number): void {
    this.from = ms;
    this.shownOfflineMs.clear();
  }

  private sample(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const now = Date.now();
    for (const n of this.model.nodes()) {
      const key = `${n.site}/${n.node}`;
      const since = this.offlineSince.get(key);
      if (n.status === 'offline' && since === undefined) this.offlineSince.set(key, now);
      if (n.status !== 'offline' && since !== undefined) {
        this.offlineSince.delete(key);
        this.add(key, since, now);
      }
    }
  }

  private add(key: string, since: number, until: number): void {
    const start = Math.max(since, this.from);
    if (until > start) this.shownOfflineMs.set(key, (this.shownOfflineMs.get(key) ?? 0) + until - start);
  }

  /** Seconds shown offline per spoke (`site/node`) that was shown offline at all since startAt (spells still open counted to now). */
  report(): Map<string, number> {
    this.dirty = true;
    this.sample();
    const now = Date.now();
    const total = new Map(this.shownOfflineMs);
    for (const [key, since] of this.offlineSince) {
      const start = Math.max(since, this.from);
      if (now > start) total.set(key, (total.get(key) ?? 0) + now - start);
    }
    return new Map([...total].map(([key, ms]) => [key, ms / 1000]));
  }

  /** Spokes the view shows online now. */
  online(): number {
    return this.model.nodes().filter((n) => n.status === 'online').length;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
