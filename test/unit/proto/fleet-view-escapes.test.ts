/**
 * Red-team finding 12: `spokepilot fleet` printed payload strings raw, so a
 * retained state could set the operator's window title, clear the screen and
 * draw a fake status. Agent-to-fleet messages are not signed: any client the
 * broker lets publish on the tree can send them.
 */
import { describe, expect, it } from 'vitest';
import { FleetModel, renderFleet, terminalSafe } from '../../../proto/fleet-view.js';
import { DEFAULT_ROOT, topicOf } from '../../../proto/topics.js';
import { birth, state } from './examples.js';

const at = { site: 'evil', node: 'n1' };
const t = (leaf: 'status' | 'state' | 'event') => topicOf(DEFAULT_ROOT, at, leaf);
const json = (o: unknown) => Buffer.from(JSON.stringify(o));
const ESC = '\u001b]0;PWN\u0007\u001b[2J\u001b[1;31mFAKE: fibre-hub1 DOWN\u001b[0m\r\n\u009b2J\u202eevil';
/** Anything a terminal acts on: C0 but newline (between rows), DEL, C1, bidi and line separators. */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const TERMINAL_CONTROLS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('fleet view against hostile payloads', () => {
  it('makes escape sequences and control characters inert, visibly', () => {
    expect(terminalSafe('a\u001b[2Jb')).toBe('a\u241bb');
    expect(terminalSafe('\u001b]0;title\u0007x')).toBe('\u241bx');
    expect(terminalSafe('\u001b]0;title\u001b\\x')).toBe('\u241bx');
    expect(terminalSafe('a\rb\u0000\u007f\u009b\u202e')).toBe('a\\u000db\\u0000\\u007f\\u009b\\u202e');
    expect(terminalSafe('GigabitEthernet0/0 → ok')).toBe('GigabitEthernet0/0 → ok');
    expect(TERMINAL_CONTROLS.test(terminalSafe(ESC))).toBe(false);
  });

  it('renders a schema-valid state full of escapes with none of them', () => {
    const m = new FleetModel(DEFAULT_ROOT);
    m.apply(t('status'), json(birth), 1000);
    const hostile = { ...state, active: { ...state.active, peer: ESC }, candidates: state.candidates.map((c) => ({ ...c, id: ESC })) };
    expect(m.apply(t('state'), json(hostile), 1000)).toBe(true);
    expect(m.apply(t('event'), json({ v: 1, id: 'e', ts: 1000, kind: 'warning', code: ESC, message: ESC }), 1000)).toBe(true);
    const out = renderFleet(m.nodes(), 2000);
    expect(TERMINAL_CONTROLS.test(out)).toBe(false);
    expect(out).toContain('\u241b');
  });

  it('shows a state that fails its schema as invalid instead of rendering it, until a valid one comes', () => {
    const m = new FleetModel(DEFAULT_ROOT);
    m.apply(t('state'), json(state), 1000);
    expect(m.apply(t('state'), json({ v: 1, id: 'x', ts: 1, active: { peer: ESC } }), 1000)).toBe(true);
    const [n] = m.nodes();
    expect(n).toMatchObject({ invalidLeaf: 'state', activePeer: undefined, health: [] });
    const out = renderFleet(m.nodes(), 2000);
    expect(out).toMatch(/\[invalid state: /);
    expect(out).not.toContain('PWN');
    m.apply(t('state'), json(state), 3000);
    expect(m.nodes()[0]).toMatchObject({ activePeer: state.active.peer });
    expect(m.nodes()[0]!.invalid).toBeUndefined();
  });

  it('makes the invalid note inert too (an error path can carry a key from the payload)', () => {
    const errors = [`/codes/${ESC}: must be integer`];
    const m = new FleetModel(DEFAULT_ROOT, { payload: () => errors, decode: () => ({ ok: false, errors }), args: () => null });
    expect(m.apply(t('event'), json({ v: 1 }), 1)).toBe(true);
    expect(m.nodes()[0]!.invalid).toContain('\u001b');
    expect(TERMINAL_CONTROLS.test(renderFleet(m.nodes(), 2))).toBe(false);
  });

  it('marks a payload over the size cap invalid without parsing it', () => {
    const m = new FleetModel(DEFAULT_ROOT);
    expect(m.apply(t('state'), Buffer.alloc(2 * 1024 * 1024, '['), 1)).toBe(true);
    expect(m.nodes()[0]!.invalid).toMatch(/^state: \d+ bytes$/);
  });
});
