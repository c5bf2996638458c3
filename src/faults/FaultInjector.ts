import type { UploadPolicy } from '../checkpoint/CheckpointStorage.ts';
import type { JobOptions, JobRunner } from '../checkpoint/JobRunner.ts';
import type { NotificationPolicy } from '../checkpoint/NotificationPolicy.ts';
import { RELIABLE_NOTIFICATIONS } from '../checkpoint/NotificationPolicy.ts';
import { SYSTEM_FAULT_HOOK, type SystemFaultHook } from '../connectors/systems/ExternalSystem.ts';
import { ExternalSystemError } from '../connectors/types.ts';
import {
  InjectedCrash,
  installProtocolPointHook,
  type ProtocolPoint,
} from '../runtime/execution/ProtocolPoints.ts';
import type { RunServices } from '../runtime/execution/RunServices.ts';
import type { Fault, FaultPlan } from './types.ts';

/** How late a "late" notification arrives (ms), and how slow is "slow". */
const LATE_NOTIFICATION_DELAY = 250;

/**
 * Turns a fault plan into what the run needs: crash steps, a protocol-point
 * hook that crashes at the named points, notification and upload policies,
 * an external-system hook for write and commit errors, and step hooks for
 * clock jumps and coordinator failover. Every fault it fires is recorded in
 * the run's history. (Rescales are run by the scenario runner: they span two
 * runs.) Checkpoints are counted in trigger order from 1 within a run.
 */
export class FaultInjector {
  private readonly pointCounts = new Map<ProtocolPoint, number>();
  private readonly opCounts = new Map<'write' | 'commit', number>();
  private runner: JobRunner | undefined;

  constructor(readonly plan: FaultPlan) {}

  /** Options to merge into the run's JobOptions; call install() with the run's services first. */
  jobOptions(): Partial<JobOptions> {
    const crashes = this.plan.faults.flatMap((f) =>
      f.kind === 'crash' ? [{ atStep: f.atStep, task: f.task }] : [],
    );
    const stepFaults = this.plan.faults.filter(
      (f): f is Extract<Fault, { kind: 'clock-jump' | 'coordinator-failover' }> =>
        f.kind === 'clock-jump' || f.kind === 'coordinator-failover',
    );
    const fired = new Set<number>();
    return {
      crashes,
      notificationPolicy: this.notificationPolicy(),
      uploadPolicy: this.uploadPolicy(),
      onStep: (step, runner) => {
        this.runner = runner;
        stepFaults.forEach((f, i) => {
          if (fired.has(i) || f.atStep > step) return;
          fired.add(i);
          if (f.kind === 'clock-jump') {
            const to = runner.sim.clock.now() + f.by;
            runner.recordFault('clock-jump', `processing time jumps by ${f.by} ms to ${to}`);
            runner.sim.scheduler.advanceClockTo(to);
          } else {
            runner.recordFault(
              'coordinator-failover',
              'the JobManager failed over; pending checkpoints are lost',
            );
            runner.failover('coordinator failover');
          }
        });
      },
    };
  }

  /** Installs the protocol-point and external-system hooks into the run's services. */
  install(services: RunServices): void {
    const crashAt = this.plan.faults.filter(
      (f): f is Extract<Fault, { kind: 'crash-at' }> => f.kind === 'crash-at',
    );
    installProtocolPointHook(services, {
      reach: (point, where) => {
        const n = (this.pointCounts.get(point) ?? 0) + 1;
        this.pointCounts.set(point, n);
        if (crashAt.some((f) => f.point === point && f.occurrence === n)) {
          throw new InjectedCrash(`injected crash of ${where} at '${point}' (occurrence ${n})`);
        }
      },
    });
    const errors = this.plan.faults.filter(
      (f): f is Extract<Fault, { kind: 'system-error' }> => f.kind === 'system-error',
    );
    if (errors.length === 0) return;
    const hook: SystemFaultHook = {
      before: (op, where) => {
        const n = (this.opCounts.get(op) ?? 0) + 1;
        this.opCounts.set(op, n);
        if (errors.some((f) => f.op === op && f.occurrence === n)) {
          throw new ExternalSystemError(
            op === 'write' ? 'write-error' : 'commit-error',
            `injected ${op} error in ${where} (occurrence ${n})`,
          );
        }
      },
    };
    services.get(SYSTEM_FAULT_HOOK, () => hook);
  }

  private notificationPolicy(): NotificationPolicy {
    const faults = this.plan.faults.filter(
      (f): f is Extract<Fault, { kind: 'notification' }> => f.kind === 'notification',
    );
    if (faults.length === 0) return RELIABLE_NOTIFICATIONS;
    return (task, checkpointId) => {
      const f = faults.find((x) => x.checkpoint === checkpointId);
      if (f === undefined) return { copies: 1, delay: 0 };
      this.runner?.recordFault(
        `notification-${f.effect}`,
        `notification of checkpoint ${checkpointId} to ${task.name} ${f.effect}`,
      );
      if (f.effect === 'lost') return { copies: 0, delay: 0 };
      if (f.effect === 'late') return { copies: 1, delay: LATE_NOTIFICATION_DELAY };
      return { copies: 2, delay: 0 };
    };
  }

  private uploadPolicy(): UploadPolicy {
    const faults = this.plan.faults.filter(
      (f): f is Extract<Fault, { kind: 'decline' | 'slow-upload' }> =>
        f.kind === 'decline' || f.kind === 'slow-upload',
    );
    return (task, checkpointId) => {
      const decline = faults.find((f) => f.kind === 'decline' && f.checkpoint === checkpointId);
      if (decline !== undefined) {
        this.runner?.recordFault(
          'decline',
          `${task} declined checkpoint ${checkpointId}: snapshot upload failed`,
        );
        return { delay: 0, fails: true };
      }
      const slow = faults.find((f) => f.kind === 'slow-upload' && f.checkpoint === checkpointId);
      return { delay: slow?.kind === 'slow-upload' ? slow.delay : 0, fails: false };
    };
  }
}
