import { afterEach, describe, expect, it } from 'vitest';
import { ParsePool } from '../../agent/parsers/pool/parse-pool.js';
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import { corpusTextsByCommand } from '../support/corpus-texts.js';

const ikeText = corpusTextsByCommand().get('show crypto ikev2 sa')!.join('\n');
// Enough SAs that records come back in several chunks.
const bigIkeText = Array.from(
  { length: 3000 },
  (_, i) =>
    `${i + 1}         10.0.${i >> 8}.${i & 255}/500       192.0.2.1/500       none/none            READY\n      Life/Active Time: 86400/${i} sec`,
).join('\n');

describe('parse pool (real worker threads)', () => {
  let pool: ParsePool | undefined;
  afterEach(async () => {
    await pool?.close();
  });

  it('parses in a worker exactly what the inline parser gives, across chunks', async () => {
    pool = new ParsePool({ inlineBelowBytes: 0 });
    const viaWorker = await pool.parse('show crypto ikev2 sa', bigIkeText);
    expect(viaWorker.records).toHaveLength(3000);
    expect(viaWorker).toEqual(parseCommandOutput('show crypto ikev2 sa', bigIkeText));
  });

  it('parseAs: typed by id, the same records through a worker and inline; a line of another command is refused', async () => {
    pool = new ParsePool({ inlineBelowBytes: 0 });
    const viaWorker = await pool.parseAs('show crypto ikev2 sa', bigIkeText);
    expect(viaWorker.records).toHaveLength(3000);
    expect(viaWorker.records[0]!.localAddress).toBe('10.0.0.0');
    const inline = new ParsePool({ inlineBelowBytes: 1 << 30 });
    expect(await inline.parseAs('show crypto ikev2 sa', bigIkeText)).toEqual(viaWorker);
    await inline.close();
    await expect(pool.parseAs('show crypto ikev2 sa', bigIkeText, 'show crypto session')).rejects.toMatchObject({
      code: 'PARSE_COMMAND_MISMATCH',
    });
  });

  it('parses small outputs inline', async () => {
    pool = new ParsePool({ inlineBelowBytes: 1 << 20 });
    const r = await pool.parse('show crypto ikev2 sa', ikeText);
    expect(r.records.length).toBeGreaterThan(0);
  });

  it('rejects an unsupported command with its code', async () => {
    pool = new ParsePool();
    await expect(pool.parse('show frobnicate', 'x')).rejects.toMatchObject({ code: 'PARSE_UNSUPPORTED_COMMAND' });
  });

  it('bounds its queue', async () => {
    pool = new ParsePool({ inlineBelowBytes: 0, size: 1, maxQueue: 2 });
    const jobs = Array.from({ length: 4 }, () => pool!.parse('show crypto ikev2 sa', bigIkeText));
    const settled = await Promise.allSettled(jobs);
    const rejected = settled.filter((s) => s.status === 'rejected') as PromiseRejectedResult[];
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected[0]!.reason).toMatchObject({ code: 'POOL_QUEUE_FULL' });
    expect(settled.filter((s) => s.status === 'fulfilled').length).toBeGreaterThanOrEqual(2);
  });

  it('rejects waiting jobs when closed', async () => {
    pool = new ParsePool({ inlineBelowBytes: 0, size: 1 });
    const first = pool.parse('show crypto ikev2 sa', bigIkeText).catch((e: unknown) => e);
    const second = pool.parse('show crypto ikev2 sa', bigIkeText).catch((e: unknown) => e);
    await pool.close();
    expect(await second).toMatchObject({ code: 'POOL_CLOSED' });
    expect(await first).toMatchObject({ code: 'POOL_CLOSED' });
  });
});
