import { describe, expect, it } from 'vitest';
import type { Task } from '../runtime/execution/Task.ts';
import { Simulation } from '../sim/Simulation.ts';
import { TaskRpcQueue } from './TaskRpcQueue.ts';

const taskA = { name: 'a' } as unknown as Task;
const taskB = { name: 'b' } as unknown as Task;

/** Sends two triggers to a and one to b, then runs the scheduler with the given choices. */
function deliveries(choices: number[]): string[] {
  const sim = new Simulation({ seed: 1, choices });
  const rpcs = new TaskRpcQueue(sim.scheduler);
  const seen: string[] = [];
  rpcs.send(taskA, () => seen.push('a1'));
  rpcs.send(taskA, () => seen.push('a2'));
  rpcs.send(taskB, () => seen.push('b1'));
  sim.scheduler.run();
  return seen;
}

describe('TaskRpcQueue', () => {
  it('delivers the RPCs to one task in the order sent, whatever the scheduler picks', () => {
    for (let seed = 0; seed < 50; seed++) {
      const seen = deliveries([seed % 2, (seed >> 1) % 2, (seed >> 2) % 2]);
      expect(seen.indexOf('a1')).toBeLessThan(seen.indexOf('a2'));
      expect([...seen].sort()).toEqual(['a1', 'a2', 'b1']);
    }
  });

  it('lets RPCs to different tasks arrive in either order (each arrival is a scheduler choice)', () => {
    const orders = new Set([0, 1].map((first) => deliveries([first, 0]).join(',')));
    expect(orders).toEqual(new Set(['a1,b1,a2', 'b1,a1,a2']));
  });

  it('drops undelivered RPCs on clear, and delivers new ones afterwards', () => {
    const sim = new Simulation({ seed: 1 });
    const rpcs = new TaskRpcQueue(sim.scheduler);
    const seen: string[] = [];
    rpcs.send(taskA, () => seen.push('old'));
    rpcs.clear();
    sim.scheduler.clear();
    rpcs.send(taskA, () => seen.push('new'));
    sim.scheduler.run();
    expect(seen).toEqual(['new']);
  });
});
