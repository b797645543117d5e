/**
 * Text that goes into a configuration issue comes from the file: it is shown
 * to an operator's terminal and logged, so control characters are escaped
 * (an ESC sequence could clear the screen or retitle it) and values are
 * short. Secrets never appear: values under secret keys, and the userinfo of
 * URLs, are redacted first.
 */
const MAX_VALUE_CHARS = 60;

/** Keys whose values are secrets (or references to them). */
export const SECRET_KEYS: ReadonlySet<string> = new Set(['password', 'privateKey', 'passphrase', 'secret']);

// `scheme://user:pass@` anywhere in a string (finding 8: `mqtt://spoke:UrlSecret-999@host:1883`).
// Up to the first @, even across a `/`: a password may hold one, and redacting too much is the safe error.
const URL_USERINFO = /\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s@]*@/g;

export function hasUrlUserinfo(s: string): boolean {
  return new RegExp(URL_USERINFO.source).test(s);
}

export function redactUrlUserinfo(s: string): string {
  return s.replace(URL_USERINFO, '$1[redacted]@');
}

/** C0 and C1 controls, DEL, line/paragraph separators and format characters (bidi overrides) as \uXXXX. */
export function escapeControls(s: string): string {
  return s.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) => {
    const hex = c.codePointAt(0)!.toString(16);
    return hex.length > 4 ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
  });
}

/**
 * A value as JSON, secrets redacted, controls escaped, cut to a readable
 * length. Built piece by piece and stopped at the limit: the value may be a
 * whole mapping of a 64 KiB file, and there may be an issue per key.
 */
export function showValue(value: unknown): string {
  const parts: string[] = [];
  let length = 0;
  const emit = (s: string) => {
    parts.push(s);
    length += s.length;
  };
  const walk = (v: unknown, key: string): void => {
    if (length > MAX_VALUE_CHARS) return;
    if (SECRET_KEYS.has(key)) return emit('"[redacted]"');
    if (typeof v === 'string') return emit(escapeControls(JSON.stringify(redactUrlUserinfo(v.slice(0, MAX_VALUE_CHARS * 4)))));
    if (Array.isArray(v)) {
      emit('[');
      v.forEach((x, i) => {
        if (length <= MAX_VALUE_CHARS) {
          if (i > 0) emit(',');
          walk(x, '');
        }
      });
      return emit(']');
    }
    if (v !== null && typeof v === 'object') {
      emit('{');
      Object.entries(v).forEach(([k, x], i) => {
        if (length <= MAX_VALUE_CHARS) {
          emit(`${i > 0 ? ',' : ''}${escapeControls(JSON.stringify(k))}:`);
          walk(x, k);
        }
      });
      return emit('}');
    }
    emit(String(v));
  };
  walk(value, '');
  const text = parts.join('');
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}
