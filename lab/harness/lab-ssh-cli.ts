import { SshRouterCli } from '../../agent/adapters/router/ssh-router-cli.js';

/** Where a lab spoke's SSH server listens, and the host key it presents. */
export interface LabSshEndpoint {
  port: number;
  fingerprint: string;
}

/**
 * The agent's SSH router port to a lab spoke on this machine, pinned to the
 * spoke's host key, logging in as `user` (an operator's session in the tests,
 * the agent's in the harness and the demo). Timeouts 10 s unless given.
 */
export function labSshCli(
  ssh: LabSshEndpoint,
  user: { username: string; password: string },
  timeouts: { connectTimeoutMs?: number; commandTimeoutMs?: number } = {},
): SshRouterCli {
  return new SshRouterCli({
    host: '127.0.0.1',
    port: ssh.port,
    username: user.username,
    password: user.password,
    hostKeySha256: ssh.fingerprint,
    connectTimeoutMs: timeouts.connectTimeoutMs ?? 10_000,
    commandTimeoutMs: timeouts.commandTimeoutMs ?? 10_000,
  });
}
