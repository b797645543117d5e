/** A consumer of the topic tree, as an operator's tool would be: collects what it receives. */
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { waitFor } from './wait.js';

export interface Seen {
  topic: string;
  retain: boolean;
  body: Record<string, unknown>;
}

export class Observer {
  readonly seen: Seen[] = [];
  private constructor(readonly client: MqttClient) {
    client.on('message', (topic, payload, packet) => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(payload.toString());
      } catch {
        body = { raw: payload.toString() };
      }
      this.seen.push({ topic, retain: packet.retain, body });
    });
  }

  static async connect(url: string, filter: string, options: IClientOptions = {}): Promise<Observer> {
    const client = await mqtt.connectAsync(url, {
      reconnectPeriod: 100,
      clientId: `observer-${Math.random().toString(36).slice(2)}`,
      ...options,
    });
    const o = new Observer(client);
    await client.subscribeAsync(filter, { qos: 1 });
    return o;
  }

  on(leaf: string): Seen[] {
    return this.seen.filter((s) => s.topic.endsWith('/' + leaf));
  }

  async waitFor(pred: (s: Seen) => boolean, what: string, timeoutMs = 10_000): Promise<Seen> {
    await waitFor(() => this.seen.some(pred), timeoutMs, what);
    return this.seen.find(pred)!;
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}
