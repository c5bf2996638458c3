import type { Task } from '../runtime/execution/Task.ts';
import type { Scheduler } from '../sim/Scheduler.ts';

/**
 * The coordinator's trigger RPCs to the tasks. Each arrival is a scheduler
 * choice, but the RPCs to one task arrive in the order they were sent, as
 * Flink's RPC system delivers the messages between two endpoints: a source
 * never sees the trigger of checkpoint n + 1 before that of n (it would take
 * the snapshots out of order and ignore the older trigger, leaving that
 * checkpoint waiting for an ack until its timeout).
 */
export class TaskRpcQueue {
  private readonly queues = new Map<Task, (() => void)[]>();

  constructor(private readonly scheduler: Scheduler) {}

  /** Sends `rpc` to `task`: it runs once every RPC sent to that task before it has run. */
  send(task: Task, rpc: () => void): void {
    let queue = this.queues.get(task);
    if (queue === undefined) {
      queue = [];
      this.queues.set(task, queue);
    }
    queue.push(rpc);
    if (queue.length === 1) this.deliverHead(task, queue);
  }

  private deliverHead(task: Task, queue: (() => void)[]): void {
    this.scheduler.makeReady({
      run: () => {
        const rpc = queue.shift() as () => void;
        if (queue.length > 0) this.deliverHead(task, queue);
        else this.queues.delete(task);
        rpc();
      },
    });
  }

  /** Drops every RPC not yet delivered (a failover cancels the tasks they were sent to). */
  clear(): void {
    this.queues.clear();
  }
}
