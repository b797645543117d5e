import { existsSync } from 'node:fs';
import { parsePublicKey } from '../../proto/command-signing.js';
import { describeError } from '../../proto/coded-error.js';
import { resolveSecret } from './secrets.js';
import type { AgentConfig, Secret } from './types.js';
import type { ConfigIssue } from './validate.js';

/** What `config check` can tell of the secrets a file names, short of starting the agent. */
export interface SecretCheck {
  /** The agent would refuse to start: a secret file there but unreadable (a directory, too large), a command key that is no key. */
  problems: ConfigIssue[];
  /** What only the spoke can tell: a variable not set in this shell, a file not on this machine (IOx's /data). */
  notes: ConfigIssue[];
}

/**
 * Resolves every secret the agent resolves at start (the router's password
 * and key, the broker's password, the command keys) and parses the command
 * keys, as the agent would: a schema-valid file used to pass the check and
 * then fail at start on a missing key file or a key that is not Ed25519.
 * Values are never put in a message, only where they come from.
 */
export function checkSecrets(c: AgentConfig, env: NodeJS.ProcessEnv): SecretCheck {
  const out: SecretCheck = { problems: [], notes: [] };
  const resolve = (path: string, secret: Secret): string | undefined => {
    // Where the file does not exist here (IOx's /data/appdata/... on an operator's machine), only the spoke can tell.
    if (typeof secret === 'object' && 'file' in secret && !existsSync(secret.file)) {
      out.notes.push({ path, message: `secret file ${secret.file} is not on this machine; the agent reads it where it runs, at start` });
      return undefined;
    }
    try {
      return resolveSecret(secret, env);
    } catch (err) {
      const message = describeError(err).message;
      if (typeof secret === 'object' && 'env' in secret)
        out.notes.push({ path, message: `${message} in this shell; the agent needs it in its own environment at start` });
      else out.problems.push({ path, message: `${message}: the agent would not start` });
      return undefined;
    }
  };
  const ssh = c.router.transport === 'ssh' ? c.router.ssh : undefined;
  if (ssh?.password !== undefined) resolve('router.ssh.password', ssh.password);
  if (ssh?.privateKey !== undefined) resolve('router.ssh.privateKey', ssh.privateKey);
  if (c.mqtt?.password !== undefined) resolve('mqtt.password', c.mqtt.password);
  c.mqtt?.commandKeys.forEach((k, i) => {
    const path = `mqtt.commandKeys[${i}].publicKey`;
    const text = resolve(path, k.publicKey);
    if (text === undefined) return;
    try {
      parsePublicKey(text);
    } catch (err) {
      out.problems.push({
        path,
        message: `key "${k.id}" is not an Ed25519 public key (PEM, or the raw 32 bytes in base64): ${describeError(err).message}`,
      });
    }
  });
  return out;
}
