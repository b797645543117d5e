import { describe, expect, it } from 'vitest';
import { OutputBuffer } from '../../../agent/adapters/router/output-buffer.js';
import { MORE } from '../../../agent/adapters/router/ios-output.js';

const roomy = { maxBytes: 1 << 20, maxLines: 1000 };

describe('router output buffer', () => {
  it('takes a --More-- split across chunks off the end, keeping everything before it', () => {
    const b = new OutputBuffer(roomy, 'show x');
    for (const c of ['line 1\r\nline 2\r\n --Mo', 're-- ']) b.push(c);
    expect(MORE.test(b.tail)).toBe(true);
    expect(b.dropMore()).toBe(true);
    b.push('line 3\r\nspoke1#');
    expect(b.text()).toBe('line 1\r\nline 2\r\nline 3\r\nspoke1#');
  });

  it('marks a tail cut from a longer output, so the cut never reads as a line start', () => {
    const b = new OutputBuffer(roomy, 'show x');
    b.push('x'.repeat(1000) + 'spoke1#');
    expect(b.tail.startsWith('\0')).toBe(true);
  });

  it('refuses once over bytes, lines or pages, keeps nothing, and takes nothing more', () => {
    const bytes = new OutputBuffer({ maxBytes: 10, maxLines: 100 }, 'show x');
    expect(bytes.push('12345')).toBe(true);
    expect(bytes.push('678901')).toBe(false);
    expect(bytes.overflow).toMatchObject({ code: 'ROUTER_OUTPUT_TOO_LARGE', line: 'show x' });
    expect(bytes.push('a')).toBe(false);
    expect(bytes.text()).toBe('');
    const lines = new OutputBuffer({ maxBytes: 100, maxLines: 2 }, 'show x');
    expect(lines.push('a\nb\nc\n')).toBe(false);
    const pages = new OutputBuffer({ maxBytes: 100, maxLines: 2 }, 'show x');
    pages.push(' --More-- ');
    expect(pages.dropMore()).toBe(true);
    pages.push(' --More-- ');
    expect(pages.dropMore()).toBe(true);
    pages.push(' --More-- ');
    expect(pages.dropMore()).toBe(false);
    expect(pages.overflow).toMatchObject({ code: 'ROUTER_OUTPUT_TOO_LARGE' });
  });

  it('starts afresh, with its own limit, for the next command', () => {
    const b = new OutputBuffer({ maxBytes: 4, maxLines: 10 }, 'show x');
    b.push('too long');
    b.reset(roomy, 'show y');
    expect(b.overflow).toBeUndefined();
    expect(b.push('too long')).toBe(true);
    expect(b.text()).toBe('too long');
  });
});
