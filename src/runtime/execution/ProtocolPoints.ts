import type { RunServices } from './RunServices.ts';

/**
 * Named points in the checkpoint and commit protocols where the fault
 * injector may crash a task (DESIGN §6): the code that reaches a point calls
 * `reach`, and an installed hook may throw a crash right there, leaving
 * whatever side effects happened before it in place.
 */
export type ProtocolPoint =
  | 'during-alignment'
  | 'after-snapshot-before-ack'
  | 'after-completion-before-notify'
  | 'after-pre-commit'
  | 'mid-commit'
  | 'mid-wal-write'
  | 'before-wal-mark';

/**
 * A crash the fault injector caused on purpose (not a bug in the job). It has
 * no stack trace: the message says where it struck, and capturing the stack
 * cost about 3 µs per crash, 1-2% of a matrix run.
 */
export class InjectedCrash extends Error {
  constructor(message: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = 'InjectedCrash';
  }
}

export interface ProtocolPointHook {
  reach(point: ProtocolPoint, where: string): void;
}

const KEY = 'protocol-point-hook';

export function installProtocolPointHook(services: RunServices, hook: ProtocolPointHook): void {
  services.get(KEY, () => hook);
}

/** Called by protocol code at a named point; a no-op unless the fault injector installed a hook. */
export function reachProtocolPoint(services: RunServices, point: ProtocolPoint, where: string): void {
  if (!services.has(KEY)) return;
  services.get<ProtocolPointHook>(KEY, () => ({ reach() {} })).reach(point, where);
}
