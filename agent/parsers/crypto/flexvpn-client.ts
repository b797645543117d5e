import type { FlexVpnClient } from '../../../proto/records/crypto.js';
import type { ParseResult } from '../../../proto/records/common.js';
import { canonicalInterface } from '../interface-name.js';
import { splitLines, Warnings } from '../lines.js';

/**
 * `show crypto ikev2 client flexvpn [NAME]`: one `Profile :` block per client,
 * `Key : value` lines with irregular spacing around the colon
 * (`Current state:ACTIVE`, `Backup group: None`, `Tunnel interface : Tunnel0`;
 * sample: test/corpus/samples/show_crypto_ikev2_client_flexvpn.txt, as in Cisco's
 * FlexVPN spoke configuration guide, the only public capture of this command).
 */
export function parseFlexVpnClient(text: string): ParseResult<FlexVpnClient> {
  const warnings = new Warnings(
    "a 'Profile : NAME' line, then 'key : value' lines (Current state, Peer, Source, ivrf, fvrf, Backup group, Tunnel interface)",
  );
  const records: FlexVpnClient[] = [];
  let client: FlexVpnClient | undefined;

  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '') continue;
    // Split at the first colon: values may hold more (`Peer : 4001::2000:1`).
    const colon = t.indexOf(':');
    const key = t.slice(0, Math.max(colon, 0)).trim().toLowerCase().replace(/\s+/g, ' ');
    const value = t.slice(colon + 1).trim();
    if (colon < 0 || !/^[a-z][a-z ]*$/.test(key)) {
      warnings.add(line, 'not a "key : value" line');
      continue;
    }
    if (key === 'profile') {
      client = { profile: value, currentState: 'unknown', currentStateRaw: '' };
      records.push(client);
      continue;
    }
    if (!client) {
      warnings.add(line, 'line outside any client profile');
      continue;
    }
    if (!applyField(client, key, value)) warnings.add(line, 'unrecognised client field');
  }
  return { records, warnings: warnings.list };
}

/** `None` or empty: IOS has nothing configured or selected. */
const isNone = (v: string): boolean => v === '' || /^none$/i.test(v);

function applyField(c: FlexVpnClient, key: string, value: string): boolean {
  switch (key) {
    case 'current state':
      c.currentStateRaw = value;
      c.currentState = value.toUpperCase() === 'ACTIVE' ? 'active' : 'unknown';
      return true;
    case 'peer':
      if (!isNone(value)) c.peer = value;
      return true;
    case 'source':
      if (!isNone(value)) c.sourceInterface = canonicalInterface(value);
      return true;
    case 'ivrf':
    case 'fvrf':
      // `IP DEFAULT` is the global table, which records leave absent (as `none` in SAs).
      if (!isNone(value) && !/^IP DEFAULT$/i.test(value)) c[key] = value;
      return true;
    case 'backup group':
      return backupGroup(c, value);
    case 'tunnel interface':
      if (!isNone(value)) c.tunnelInterface = canonicalInterface(value);
      return true;
    default:
      return false;
  }
}

/** `None`, `Default` (`backup group default`) or the group number. */
function backupGroup(c: FlexVpnClient, value: string): boolean {
  if (isNone(value)) return true;
  if (/^default$/i.test(value)) {
    c.backupGroup = 'default';
    return true;
  }
  if (/^\d+$/.test(value)) {
    c.backupGroup = Number(value);
    return true;
  }
  return false;
}
