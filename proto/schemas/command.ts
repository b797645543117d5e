import { COMMAND_NAMES, REFUSAL_CODES, type CommandName } from '../commands.js';
import {
  ENVELOPE_PROPERTIES,
  ENVELOPE_REQUIRED,
  arrayOf,
  epochMs,
  int,
  object,
  oneOfStrings,
  payload,
  str,
  type Schema,
} from './common.js';

/**
 * The outer shape of a command. `cmd` is any plausible name here so that an
 * unknown command is refused as `unknown-command` (after its signature is
 * checked), not as `malformed`; `args` is checked per command below.
 */
export const commandSchema = payload(
  'cmd',
  {
    tx: str({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$' }),
    site: str({ minLength: 1, maxLength: 64 }),
    node: str({ minLength: 1, maxLength: 64 }),
    cmd: str({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9-]*$' }),
    args: { type: 'object' },
    exp: epochMs,
    nonce: str({ minLength: 22, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' }),
    keyId: str({ minLength: 1, maxLength: 64 }),
    sig: str({ minLength: 1, maxLength: 256, pattern: '^[A-Za-z0-9_-]+$' }),
  },
  ['tx', 'site', 'node', 'cmd', 'args', 'exp', 'nonce'],
);

const none = object({});
// An IPv4/IPv6 address or a DNS name (`peer <seq> fqdn <name>`); nothing that could carry a newline.
const peer = str({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9][A-Za-z0-9.:-]*$' });
// A canonical IOS interface name: `GigabitEthernet0/0`, `Cellular0/1/0`, `Dialer1`, `GigabitEthernet0/0.100`.
const iface = str({ minLength: 2, maxLength: 64, pattern: '^[A-Z][A-Za-z-]*[0-9]+(/[0-9]+)*(\\.[0-9]+)?$' });
const vrf = str({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9._-]+$' });

export const commandArgsSchemas: Record<CommandName, Schema> = {
  'get-state': none,
  'get-routes': object({ family: oneOfStrings('ipv4', 'ipv6'), vrf, limit: int({ minimum: 1, maximum: 10_000 }) }),
  'get-events': object({
    sinceMs: epochMs,
    kinds: arrayOf(str({ pattern: '^[a-z][a-z0-9.-]{0,63}$' }), { maxItems: 32 }),
    limit: int({ minimum: 1, maximum: 1000 }),
  }),
  'force-path': object({ peer, source: iface, forSec: int({ minimum: 1, maximum: 7 * 86400 }) }, ['forSec'], {
    anyOf: [{ required: ['peer'] }, { required: ['source'] }],
  }),
  'clear-override': none,
  'set-policy': object({ policy: { type: 'object' } }, ['policy']),
  'run-show': object({ command: str({ minLength: 4, maxLength: 200 }) }, ['command']),
  rebirth: none,
};

// Keep the record total: a command added to COMMAND_NAMES without a schema fails to compile above.
void COMMAND_NAMES;

const replyBase = { ...ENVELOPE_PROPERTIES, tx: { type: ['string', 'null'] }, cmd: str() };

export const replySchema: Schema = {
  title: 'reply',
  oneOf: [
    object({ ...replyBase, ok: { const: true }, result: {} }, [...ENVELOPE_REQUIRED, 'tx', 'ok', 'result']),
    object(
      {
        ...replyBase,
        ok: { const: false },
        error: object({ code: oneOfStrings(...REFUSAL_CODES, 'failed', 'unavailable', 'timeout'), message: str() }, ['code', 'message']),
      },
      [...ENVELOPE_REQUIRED, 'tx', 'ok', 'error'],
    ),
  ],
};
