import { describe, expect, it } from 'vitest';
import { CodedError, describeError, errorCode, errorMessage, isCodedError } from '../../../proto/coded-error.js';
import { RouterError } from '../../../agent/ports/router-cli.js';
import { StoreError, toStoreError } from '../../../agent/adapters/sqlite/store-error.js';
import { TopicError, checkRoot } from '../../../proto/topics.js';

describe('coded errors: one base, a code, a cause', () => {
  it('a subclass keeps its code, its own name and the error it wraps', () => {
    const cause = new Error('socket hang up');
    const e = new RouterError('ROUTER_DISCONNECTED', 'session dropped', undefined, { cause });
    expect(e).toBeInstanceOf(CodedError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('RouterError');
    expect(e.code).toBe('ROUTER_DISCONNECTED');
    expect(e.cause).toBe(cause);
    expect(isCodedError(e)).toBe(true);
  });

  it('errors of the areas are coded errors with their area code', () => {
    expect(() => checkRoot('a/+')).toThrow(TopicError);
    try {
      checkRoot('a/+');
    } catch (err) {
      expect(isCodedError(err)).toBe(true);
      expect(errorCode(err)).toBe('PROTO_BAD_TOPIC');
      expect(errorMessage(err)).toContain('"a/+"');
    }
    const wrapped = toStoreError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), 'reading');
    expect(wrapped).toBeInstanceOf(StoreError);
    expect(describeError(wrapped)).toEqual({ code: 'STORE_BUSY', message: 'reading: database is locked' });
    expect(wrapped.sqliteCode).toBe('SQLITE_BUSY');
  });

  it('reads the code of errors that are not ours, and of things that are not errors', () => {
    const enoent = Object.assign(new Error('no such file'), { code: 'ENOENT' });
    expect(isCodedError(enoent)).toBe(false);
    expect(describeError(enoent)).toEqual({ code: 'ENOENT', message: 'no such file' });
    expect(describeError(new Error('plain'))).toEqual({ code: undefined, message: 'plain' });
    expect(describeError('a string')).toEqual({ code: undefined, message: 'a string' });
    expect(describeError({ code: 25 })).toEqual({ code: undefined, message: '[object Object]' });
    expect(errorCode(undefined)).toBeUndefined();
    expect(
      errorMessage({
        toString() {
          throw new Error('no');
        },
      }),
    ).toBe('unprintable error');
  });
});
