/** Sends syslog lines over UDP to one collector (`logging host A transport udp port P`). */
import { createSocket, type Socket } from 'node:dgram';

export class UdpSyslogSender {
  private socket: Socket | undefined;
  sent = 0;
  failed = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  send(line: string): void {
    this.socket ??= this.open();
    this.socket.send(Buffer.from(line, 'utf8'), this.port, this.host, (err) => {
      if (err) this.failed++;
      else this.sent++;
    });
  }

  close(): void {
    this.socket?.close();
    this.socket = undefined;
  }

  private open(): Socket {
    const s = createSocket(this.host.includes(':') ? 'udp6' : 'udp4');
    s.on('error', () => {
      this.failed++;
    });
    s.unref();
    return s;
  }
}
