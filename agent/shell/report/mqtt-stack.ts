import type { CommandHandlerStats } from '../commands/command-handler.js';
import type { Goodbye } from './publisher-session.js';

/** The agent's MQTT side as status, metrics and shutdown see it (built in agent/compose/mqtt-stack.ts). */
export interface MqttStack {
  /** This process's instance id, in every status it publishes. */
  readonly instance: string;
  start(): Promise<void>;
  /**
   * Flushes what it can until `signal` aborts, publishes offline, disconnects
   * (the one signal covers all three). `goodbye` says, in the offline status, how the router was left.
   */
  stop(signal: AbortSignal, goodbye?: Goodbye): Promise<void>;
  stats(): {
    connected: boolean;
    outboxDepth: number;
    evictions: number;
    commands: CommandHandlerStats;
    /** Reports the outbox refused (a full disk), held in memory instead; `appendFailures` counts the refusals. */
    spill: { depth: number; spilled: number; evicted: number; appendFailures: number };
  };
}
