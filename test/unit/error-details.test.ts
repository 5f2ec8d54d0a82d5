// Error details typed per code (shared/error-details.ts): every code's details survive the trip
// over the wire (JSON) and read back through `detailsOf` as they were sent; details of the wrong
// shape, or of another code, read as none instead of as a wrong object.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { detailsOf, ERROR_DETAILS, fieldIssuesOf, type ErrorDetails } from '../../shared/error-details.ts';
import { AppFailure, ERROR_CODES, fail, type AppError, type ErrorCode } from '../../shared/errors.ts';
import { toWireIssue } from '../../shared/validation.ts';
import { fileSystemFailure } from '../../electron/core/fs-failure.ts';

const holder = { pid: 4242, kind: 'serve', since: 1_700_000_000_000 } as const;

/** Details each code carries, as the core sends them (typed: a sample that does not fit its code does not compile). */
const SAMPLES: { [C in ErrorCode]: (ErrorDetails[C] | undefined)[] } = {
  VALIDATION: [
    [{ path: ['newPassword'], message: 'samePassword' }],
    [{ path: ['contacts', 0, 'id'], message: 'contact' }],
    z.object({ name: z.string().min(1), phone: z.string().max(3) }).safeParse({ name: '', phone: '12345' }).error!.issues.map(toWireIssue),
    { reason: 'link', path: '/tmp/logo.png' },
    { reason: 'image' },
    undefined,
  ],
  UNAUTHENTICATED: [{ reason: 'token' }, { reason: 'idle' }, undefined],
  FORBIDDEN: [[{ path: ['ownerId'], message: 'scope' }], undefined],
  NOT_FOUND: [{ reason: 'upload' }, { reason: 'download' }, undefined],
  CONFLICT: [
    { reason: 'running', holders: [holder, { pid: 77, kind: 'cli', command: 'status', since: 1, exclusive: 'rekey' }] },
    { reason: 'busy' },
    { reason: 'lastOwner' },
    { reason: 'otherShop', shopName: '李四花店' },
    [{ path: ['username'], message: 'takenLookAlike' }],
    undefined,
  ],
  LOCKED_OUT: [{ retryAt: 1_700_000_090_000, retryInSeconds: 90 }],
  TOO_LARGE: [{ limit: 10 * 1024 * 1024 }, { limit: 5_000_000, size: 5_000_001 }],
  CORRUPT: [{ reason: 'blob' }, undefined],
  UNSUPPORTED_VERSION: [undefined],
  ALREADY_INITIALISED: [undefined],
  NOT_INITIALISED: [undefined],
  BAD_PASSWORD: [{ attemptsLeft: 4 }, [{ path: ['oldPassword'], message: 'wrongPassword', attemptsLeft: 2 }], undefined],
  PASSWORD_CHANGE_REQUIRED: [undefined],
  IO: [{ reason: 'busy' }, { reason: 'busy', holders: [{ ...holder, exclusive: 'restore' }] }, { reason: 'full', path: '/media/usb' }, { reason: 'denied', path: null }, { reason: 'interrupted' }],
  CANCELLED: [undefined],
  INTERNAL: [undefined],
};

/** What came over the wire: the result value as JSON, parsed again. */
function overTheWire(result: { ok: false; error: AppError }): AppError {
  return (JSON.parse(JSON.stringify(result)) as { error: AppError }).error; // the shape `fail` just made
}

describe('error details, typed per code', () => {
  it('has a schema for every code, and nothing else', () => {
    expect(Object.keys(ERROR_DETAILS).sort()).toEqual([...ERROR_CODES].sort());
  });

  for (const code of ERROR_CODES) {
    it(`${code}: every kind of details round-trips through JSON and the schema`, () => {
      for (const details of SAMPLES[code] as unknown[]) {
        const error = overTheWire(fail(code, `x.y: ${code}`, details as never)); // each sample was typed against its code above
        expect(error.code).toBe(code);
        if (details === undefined) {
          expect('details' in error).toBe(false);
          expect(detailsOf(error, code)).toBeNull();
        } else {
          expect(detailsOf(error, code), JSON.stringify(details)).toEqual(details);
        }
      }
    });
  }

  it('thrown as AppFailure, the details stay with their code', () => {
    const failure = new AppFailure('LOCKED_OUT', 'too many wrong attempts', { retryAt: 5, retryInSeconds: 1 });
    expect(detailsOf({ code: failure.code, message: failure.message, details: failure.details }, 'LOCKED_OUT')).toEqual({ retryAt: 5, retryInSeconds: 1 });
  });

  it("the core's file-system failures carry IO details the schema reads", () => {
    const failure = fileSystemFailure(Object.assign(new Error('no space'), { code: 'ENOSPC', syscall: 'write', path: '/media/usb/x.clbak' }));
    expect(failure).not.toBeNull();
    expect(ERROR_DETAILS.IO.parse(failure!.details)).toEqual({ reason: 'full', path: '/media/usb/x.clbak' });
  });

  it('reads details of another code, of a shape the code does not carry, or hostile ones as none', () => {
    const locked: AppError = { code: 'LOCKED_OUT', message: 'x', details: { retryAt: 5, retryInSeconds: 1 } };
    expect(detailsOf(locked, 'BAD_PASSWORD')).toBeNull();
    expect(detailsOf(null, 'IO')).toBeNull();
    const odd = (details: unknown) => details as AppError['details']; // what a newer or broken core might send
    expect(detailsOf({ code: 'LOCKED_OUT', message: 'x', details: odd({ retryAt: 'soon' }) }, 'LOCKED_OUT')).toBeNull();
    expect(detailsOf({ code: 'IO', message: 'x', details: odd({ reason: 'exploded' }) }, 'IO')).toBeNull();
    expect(detailsOf({ code: 'CONFLICT', message: 'x', details: odd({ reason: 'running', holders: [{ pid: -1, kind: 'cli', since: 0 }] }) }, 'CONFLICT')).toBeNull();
    expect(detailsOf({ code: 'CONFLICT', message: 'x', details: odd({ reason: 'running', holders: [{ ...holder, command: 'x'.repeat(10_000) }] }) }, 'CONFLICT')).toBeNull();
    expect(detailsOf({ code: 'VALIDATION', message: 'x', details: odd([{ path: 'name', message: 'phone' }]) }, 'VALIDATION')).toBeNull();
    const polluted = JSON.parse('{"reason": "busy", "__proto__": {"polluted": true}}') as unknown;
    const read = detailsOf({ code: 'IO', message: 'x', details: odd(polluted) }, 'IO');
    expect(read).toEqual({ reason: 'busy' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
  });

  it('names the field problems of the codes that can point at a field, and none of the others', () => {
    const issues = [{ path: ['username'], message: 'taken' }] as const;
    for (const code of ['VALIDATION', 'FORBIDDEN', 'CONFLICT', 'BAD_PASSWORD'] as const) {
      expect(fieldIssuesOf({ code, message: 'x', details: issues }), code).toEqual(issues);
    }
    expect(fieldIssuesOf({ code: 'CONFLICT', message: 'x', details: { reason: 'lastOwner' } })).toEqual([]);
    expect(fieldIssuesOf({ code: 'IO', message: 'x', details: { reason: 'busy' } })).toEqual([]);
    expect(fieldIssuesOf(null)).toEqual([]);
    // One issue of an unknown shape does not hide the others.
    const mixed = [{ path: ['name'], message: 'no-such-reason' }, ...issues] as unknown as AppError['details']; // as a newer core might send
    expect(fieldIssuesOf({ code: 'VALIDATION', message: 'x', details: mixed })).toEqual(issues);
  });
});
