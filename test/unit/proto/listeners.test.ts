import { describe, expect, it } from 'vitest';
import { Listeners } from '../../../proto/listeners.js';

describe('Listeners (the one typed event emitter)', () => {
  it('delivers to every listener in subscription order until it unsubscribes', () => {
    const l = new Listeners<number>();
    const seen: string[] = [];
    const offA = l.on((n) => seen.push(`a${n}`));
    l.on((n) => seen.push(`b${n}`));
    l.emit(1);
    offA();
    l.emit(2);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
    expect(l.size).toBe(1);
  });

  it('delivers to those subscribed when it emits: a listener added meanwhile hears the next one', () => {
    const l = new Listeners<number>();
    const seen: number[] = [];
    l.on(() => {
      l.on((n) => seen.push(n));
    });
    l.emit(1);
    expect(seen).toEqual([]);
    l.emit(2);
    expect(seen).toEqual([2]);
  });

  it('lets a throwing listener reach the emitter unless told to isolate it', () => {
    const plain = new Listeners<number>();
    plain.on(() => {
      throw new Error('bug');
    });
    expect(() => plain.emit(1)).toThrow('bug');

    const faults: unknown[] = [];
    const isolated = new Listeners<number>((err) => faults.push(err));
    const seen: number[] = [];
    isolated.on(() => {
      throw new Error('bug');
    });
    isolated.on((n) => seen.push(n));
    isolated.emit(7);
    expect(seen).toEqual([7]);
    expect(faults).toHaveLength(1);
  });
});
