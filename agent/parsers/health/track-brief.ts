import type { ParseResult } from '../../../proto/records/common.js';
import type { Track } from '../../../proto/records/health.js';
import { parseDuration } from '../duration.js';
import { canonicalInterface } from '../interface-name.js';
import { fields, splitLines, Warnings } from '../lines.js';
import { isCaptureNoise, trackState } from './common.js';
import { BRIEF_TYPE_WORDS, trackParameter, trackType } from './track-kinds.js';

// 12.x headed the same columns `Track Object Parameter Value Last Change`, the type and instance
// under one `Object` heading (IP Application Services Command Reference, 12.4T: show track brief).
const HEADER = /^Track\s+(?:Type\s+Instance|Object)\s+Parameter\s+(?:State|Value)\s+Last Change$/i;

/**
 * `show track brief`: one row per object. Type and Parameter may be two
 * words (`ip sla`, `ip routing`) and a list has no Instance (corpus:
 * samples/show_track_brief_2), so the row is read by its known type words
 * rather than by column offsets.
 */
export function parseTrackBrief(text: string): ParseResult<Track> {
  const warnings = new Warnings("'Track Type Instance Parameter State Last Change' rows");
  const records: Track[] = [];
  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '' || HEADER.test(t) || isCaptureNoise(t)) continue;
    const row = briefRow(fields(t));
    if (row) records.push(row);
    else warnings.add(line, 'unrecognised track brief row');
  }
  return { records, warnings: warnings.list };
}

function briefRow(f: string[]): Track | undefined {
  if (f.length < 4 || !/^\d+$/.test(f[0]!)) return undefined;
  const stateRaw = f[f.length - 2]!;
  const lastChange = f[f.length - 1]!;
  const middle = f.slice(1, -2);
  const typeWords = BRIEF_TYPE_WORDS.find((words) => words.every((w, i) => middle[i]?.toLowerCase() === w));
  if (!typeWords) return undefined;
  const typeRaw = middle.slice(0, typeWords.length).join(' ');
  const rest = middle.slice(typeWords.length);
  const track: Track = { id: Number(f[0]), type: trackType(typeRaw), typeRaw, state: trackState(stateRaw), stateRaw };
  const hasInstance = track.type !== 'list' && track.type !== 'stub-object';
  if (hasInstance && rest.length > 0) {
    track.instance = track.type === 'interface' ? canonicalInterface(rest[0]!) : rest[0]!;
    rest.shift();
  }
  if (rest.length > 0) {
    track.parameterRaw = rest.join(' ');
    track.parameter = trackParameter(track.parameterRaw);
  }
  const since = parseDuration(lastChange);
  if (since !== undefined) track.lastChangeSec = since;
  return track;
}
