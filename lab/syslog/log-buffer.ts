/**
 * The router's logging: every event IOS would log goes to the buffer (`show
 * logging`) with the next sequence number and, when a collector is set, over UDP.
 */
import { Listeners } from '../../proto/listeners.js';
import type { RouterEvent } from '../router/events.js';
import { bufferLine, udpLine } from './format.js';
import { messageFor } from './messages.js';

export interface SyslogSink {
  send(line: string): void;
}

export class LogBuffer {
  private sequence = 0;
  readonly lines: string[] = [];
  /** Messages handed to the syslog host. */
  trapLines = 0;
  /** Called with each line as the buffer records it (EEM syslog event detector). */
  private readonly watchers = new Listeners<string>();

  constructor(
    private readonly capacity = 200,
    private readonly sink?: SyslogSink,
  ) {}

  record(event: RouterEvent): void {
    const msg = messageFor(event);
    if (!msg) return;
    const seq = ++this.sequence;
    this.lines.push(bufferLine(seq, event.at, msg));
    if (this.lines.length > this.capacity) this.lines.shift();
    this.watchers.emit(this.lines.at(-1)!);
    if (this.sink) {
      this.sink.send(udpLine(seq, event.at, msg));
      this.trapLines++;
    }
  }

  watch(watcher: (line: string) => void): () => void {
    return this.watchers.on(watcher);
  }

  get logged(): number {
    return this.sequence;
  }
}
