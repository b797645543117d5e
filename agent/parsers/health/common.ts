import type { InterfaceStatus, LineProtocolState, SlaEntryState, SlaReturnCode, TrackState } from '../../../proto/records/health.js';
import { parseDuration } from '../duration.js';

// `genie#` alone, or `PE1>show interfaces ...` (corpus: genieparser ShowInterfaces
// ios golden_output_2 has a bare prompt, then the command on its own line).
const PROMPT = /^[A-Za-z0-9][\w.\-:()/]*[#>](\s*sh(o(w)?)?\s.*)?$/i;
const ECHOED_COMMAND = /^sh(o(w)?)?\s+\S/i;
// Headers IOS prints before any output when `exec prompt timestamp` is on
// (corpus: genieparser ShowInterfaces golden_interface_output_2).
const TIMESTAMP_HEADER = /^(Load for five secs: .*|Time source is .*)$/;

/**
 * True for what a capture adds in the middle of the output rather than at its
 * edges (splitLines drops only the first echoed command and the last prompt).
 */
export function isCaptureNoise(t: string): boolean {
  return PROMPT.test(t) || ECHOED_COMMAND.test(t) || TIMESTAMP_HEADER.test(t);
}

// Keyed by the code with spaces, `_` and `-` dropped, lower case: the CLI's words (`Sequence
// error`, `DNS query error`) and the MIB's names (`sequenceError`) alike; CISCO-RTTMON-TC-MIB
// RttResponseSense lists them (cisco/cisco-mibs v2/CISCO-RTTMON-TC-MIB.my).
const RETURN_CODES: Record<string, SlaReturnCode> = {
  ok: 'ok',
  timeout: 'timeout',
  overthreshold: 'over-threshold',
  noconnection: 'no-connection',
  busy: 'busy',
  disconnected: 'disconnected',
  notconnected: 'not-connected',
  dropped: 'dropped',
  sequenceerror: 'sequence-error',
  verifyerror: 'verify-error',
  applicationspecific: 'application-specific',
  applicationspecificerror: 'application-specific',
  dnsservertimeout: 'dns-server-timeout',
  tcpconnecttimeout: 'tcp-connect-timeout',
  httptransactiontimeout: 'http-transaction-timeout',
  dnsqueryerror: 'dns-query-error',
  httperror: 'http-error',
  error: 'error',
  mplslspechotxerror: 'mpls-lsp-echo-tx-error',
  mplslspunreachable: 'mpls-lsp-unreachable',
  mplslspmalformedreq: 'mpls-lsp-malformed-request',
  mplslspmalformedrequest: 'mpls-lsp-malformed-request',
  mplslspreachbutnotfec: 'mpls-lsp-reachable-not-fec',
};

/** A return code as IOS prints it (`OK`, `Over threshold`, `NoConnection`, `DNS query error`); anything else is `unknown`. */
export function slaReturnCode(raw: string): SlaReturnCode {
  return RETURN_CODES[raw.replace(/[\s_-]+/g, '').toLowerCase()] ?? 'unknown';
}

/** True when the words are one of the return codes above (`Unknown` included). */
export function isSlaReturnCode(raw: string): boolean {
  const key = raw.replace(/[\s_-]+/g, '').toLowerCase();
  return key === 'unknown' || RETURN_CODES[key] !== undefined;
}

export function trackState(raw: string): TrackState {
  const t = raw.toLowerCase();
  return t === 'up' || t === 'down' ? t : 'unknown';
}

export function slaEntryState(raw: string): SlaEntryState {
  const t = raw.toLowerCase();
  return t === 'active' || t === 'pending' || t === 'inactive' ? t : 'unknown';
}

const STATUS: Record<string, InterfaceStatus> = {
  up: 'up',
  down: 'down',
  'administratively down': 'administratively-down',
  deleted: 'deleted',
  reset: 'reset',
  // A backup interface in standby carries nothing until its primary fails; `operStateRaw` keeps the words.
  'standby mode': 'down',
};

/** Interface status words of `show ip interface brief` and `show interfaces`. */
export function interfaceStatus(raw: string): InterfaceStatus {
  return STATUS[raw.toLowerCase()] ?? 'unknown';
}

export function lineProtocolState(raw: string): LineProtocolState {
  const t = raw.toLowerCase();
  return t === 'up' || t === 'down' ? t : 'unknown';
}

/** Seconds for a duration, or `'never'`; `undefined` when the text is neither. */
export function durationOrNever(text: string): number | 'never' | undefined {
  // `00: 00: 01` (corpus: genieparser ShowInterfaces iosxe golden_output_1) is hh:mm:ss with stray spaces.
  const t = text.trim().replace(/:\s+/g, ':');
  if (t.toLowerCase() === 'never') return 'never';
  return parseDuration(t);
}
