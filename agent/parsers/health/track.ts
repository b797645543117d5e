import type { ParseResult } from '../../../proto/records/common.js';
import type { Track, TrackClient, TrackListObject } from '../../../proto/records/health.js';
import { maskToLength } from '../address.js';
import { parseDuration } from '../duration.js';
import { canonicalInterface, looksLikeInterface } from '../interface-name.js';
import { fields, splitLines, Warnings } from '../lines.js';
import { isCaptureNoise, slaReturnCode, trackState } from './common.js';
import { trackParameter, trackType } from './track-kinds.js';
import { readTrackStateLine } from './track-state.js';

const TRACK = /^Track (\d+)$/;
// `track N ip sla M` prints `IP SLA M state`; `track N rtr M` (12.x, the same object by its older
// name: IP SLAs Command Reference, track rtr) prints `Response Time Reporter M state`.
const SLA_OBJECT = /^(IP SLA|Response Time Reporter) (\d+) (state|reachability)$/i;
// The interface as IOS names it, or with a space before its number as Cisco's command references
// print it (`Interface GigabitEthernet 1/0/1 ip routing`, IP Application Services Command
// Reference, Catalyst 3650, IOS XE 16.5.1a: show track).
const INTERFACE_OBJECT = /^Interface ([A-Za-z][\w-]* \d[\d/.:]*|\S+) (line-protocol|ip routing|ipv6 routing)$/i;
// `IP route 10.21.12.0 255.255.255.0 reachability` (corpus: genieparser ShowTrack golden_output2).
const ROUTE_OBJECT = /^(IPv6 route|IP route) (\S+)(?: (\d+\.\d+\.\d+\.\d+))? (reachability|metric threshold)$/i;
const LIST_OBJECT = /^List (boolean (?:and|or)|threshold (?:weight|percentage))$/i;
const STUB_OBJECT = /^Stub-object$/i;
const CHANGES = /^(\d+) changes?, last change (\S+)$/;
const DELAY = /^Delay(?: up (\d+) secs?)?,?(?: down (\d+) secs?)?$/;
const RETURN_CODE = /^Latest operation return code: (.+)$/;
const RTT = /^Latest RTT \(millisecs\) (\d+)$/;
const FIRST_HOP = /^First-hop interface is (\S+)(?: \(was (\S+)\))?$/;
const METRIC_THRESHOLD = /^Metric threshold down (\d+) up (\d+)$/;
const DEFAULT_STATE = /^Default state is (up|down)$/i;
// A threshold list's thresholds (`threshold weight up 30 down 10`, `threshold percentage up 50
// down 32`: IP Application Services Command Reference, threshold weight / threshold percentage),
// either order, the numbers bare, in parentheses or with `%`.
const LIST_THRESHOLD = /^Threshold(?: (?:weight|percentage))?:? (down|up):? \(?(\d+)%?\)?,? (down|up):? \(?(\d+)%?\)?$/i;
// `object 2 not Down`, `object 1 weight 10 Up`, `object 3 Down (0%)`, `object 4 Down ((hw admin-down))`.
const LIST_MEMBER = /^object (\d+)(?: weight (\d+))?( not)? (Up|Down|Unknown)(?: \(.*\))?$/i;

/**
 * `show track [N]`: a `Track N` line, the tracked object, its state, then
 * optional details; `Tracked by:` ends the object with one client per line.
 */
export function parseTrack(text: string): ParseResult<Track> {
  const warnings = new Warnings(
    "'Track N', the tracked object, '<what> is Up|Down [(reason)]', then change, delay, return-code, list-object or 'Tracked by:' lines",
  );
  const records: Track[] = [];
  let current: Track | undefined;
  let inClients = false;

  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '' || isCaptureNoise(t)) continue;
    const head = TRACK.exec(t);
    if (head) {
      current = { id: Number(head[1]), type: 'unknown', typeRaw: '', state: 'unknown' };
      records.push(current);
      inClients = false;
      continue;
    }
    if (!current) {
      warnings.add(line, 'line outside any track');
      continue;
    }
    if (t === 'Tracked by:') {
      inClients = true;
      continue;
    }
    if (objectLine(current, t) || detailLine(current, t)) continue;
    if (inClients) (current.trackedBy ??= []).push(trackClient(t));
    else warnings.add(line, 'unrecognised track detail');
  }
  return { records, warnings: warnings.list };
}

/** The line naming what is tracked; only the first one of a track counts. */
function objectLine(track: Track, t: string): boolean {
  if (track.typeRaw !== '') return false;
  let m = SLA_OBJECT.exec(t);
  if (m) return setObject(track, /^IP SLA$/i.test(m[1]!) ? 'IP SLA' : 'Response Time Reporter', m[2]!, m[3]!);
  m = INTERFACE_OBJECT.exec(t);
  if (m) return setObject(track, 'Interface', canonicalInterface(m[1]!), m[2]!);
  m = ROUTE_OBJECT.exec(t);
  if (m) {
    const length = m[3] === undefined ? undefined : maskToLength(m[3]);
    return setObject(track, m[1]!, length === undefined ? m[2]! : `${m[2]}/${length}`, m[4]!);
  }
  m = LIST_OBJECT.exec(t);
  if (m) return setObject(track, 'List', undefined, m[1]!);
  if (STUB_OBJECT.test(t)) return setObject(track, 'Stub-object', undefined, undefined);
  return false;
}

function setObject(track: Track, typeRaw: string, instance: string | undefined, parameterRaw: string | undefined): true {
  track.typeRaw = typeRaw;
  track.type = trackType(typeRaw);
  if (instance !== undefined) track.instance = instance;
  if (parameterRaw !== undefined) {
    track.parameterRaw = parameterRaw;
    track.parameter = trackParameter(parameterRaw);
  }
  return true;
}

function detailLine(track: Track, t: string): boolean {
  let m = DEFAULT_STATE.exec(t);
  if (m) {
    track.defaultState = trackState(m[1]!);
    return true;
  }
  m = FIRST_HOP.exec(t);
  if (m) {
    track.firstHopInterface = m[1] === 'unknown' ? 'unknown' : canonicalInterface(m[1]!);
    if (m[2] !== undefined) track.previousFirstHopInterface = canonicalInterface(m[2]);
    return true;
  }
  const state = readTrackStateLine(t);
  if (state) {
    track.stateRaw = state.state;
    track.state = trackState(state.state);
    if (state.detail !== undefined) track.stateDetail = state.detail;
    if (state.delayedState !== undefined) track.delayedState = trackState(state.delayedState);
    if (state.delayedRemainingSec !== undefined) track.delayedRemainingSec = state.delayedRemainingSec;
    if (state.delayedDetail !== undefined) track.delayedDetail = state.delayedDetail;
    return true;
  }
  m = CHANGES.exec(t);
  if (m) {
    track.changes = Number(m[1]);
    const since = parseDuration(m[2]!);
    if (since !== undefined) track.lastChangeSec = since;
    return true;
  }
  m = DELAY.exec(t);
  if (m && (m[1] !== undefined || m[2] !== undefined)) {
    if (m[1] !== undefined) track.delayUpSec = Number(m[1]);
    if (m[2] !== undefined) track.delayDownSec = Number(m[2]);
    return true;
  }
  m = RETURN_CODE.exec(t);
  if (m) {
    track.latestReturnCodeRaw = m[1]!;
    track.latestReturnCode = slaReturnCode(m[1]!);
    return true;
  }
  m = RTT.exec(t);
  if (m) {
    track.latestRttMs = Number(m[1]);
    return true;
  }
  m = METRIC_THRESHOLD.exec(t);
  if (m) {
    track.metricThresholdDown = Number(m[1]);
    track.metricThresholdUp = Number(m[2]);
    return true;
  }
  m = LIST_THRESHOLD.exec(t);
  if (m && m[1]!.toLowerCase() !== m[3]!.toLowerCase()) {
    const [down, up] = m[1]!.toLowerCase() === 'down' ? [m[2]!, m[4]!] : [m[4]!, m[2]!];
    track.listThresholdDown = Number(down);
    track.listThresholdUp = Number(up);
    return true;
  }
  m = LIST_MEMBER.exec(t);
  if (m) {
    const member: TrackListObject = { id: Number(m[1]), negated: m[3] !== undefined, state: trackState(m[4]!) };
    if (m[2] !== undefined) member.weight = Number(m[2]);
    (track.listObjects ??= []).push(member);
    return true;
  }
  return false;
}

/** `HSRP Ethernet0/0 3`, `VRRP GigabitEthernet3.420 10`; other clients keep their words. */
function trackClient(t: string): TrackClient {
  const f = fields(t);
  const last = f[f.length - 1]!;
  const beforeLast = f[f.length - 2];
  if (f.length >= 3 && /^\d+$/.test(last) && beforeLast !== undefined && looksLikeInterface(beforeLast)) {
    return { client: f.slice(0, -2).join(' '), interface: canonicalInterface(beforeLast), group: last, raw: t };
  }
  if (f.length >= 2 && looksLikeInterface(last)) {
    return { client: f.slice(0, -1).join(' '), interface: canonicalInterface(last), raw: t };
  }
  return { client: t, raw: t };
}
