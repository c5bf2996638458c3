import { describe, expect, it } from 'vitest';
import { InjectedCrash } from './ProtocolPoints.ts';

describe('InjectedCrash', () => {
  it('carries its name and message but no stack frames, and leaves the stack trace limit as it was', () => {
    const before = Error.stackTraceLimit;
    const crash = new InjectedCrash("injected crash of Append (1/2) at 'mid-commit' (occurrence 1)");
    expect(crash).toBeInstanceOf(Error);
    expect(crash.name).toBe('InjectedCrash');
    expect(crash.stack).toBe("InjectedCrash: injected crash of Append (1/2) at 'mid-commit' (occurrence 1)");
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('other').stack).toMatch(/\n\s+at /);
  });
});
