import { getHeapStatistics } from 'node:v8';
import { JobRunner } from '../checkpoint/JobRunner.ts';
import { BENCH_SEED, buildCanonicalJob } from './CanonicalListAppendJob.ts';

/**
 * Child-process entry of the memory benchmark: runs the canonical job once in
 * a fresh heap and prints, as JSON, the heap in use before the run (input
 * generated) and the peak heap in use during it.
 */
const records = Number(process.argv[2] ?? 1_000_000);
const job = buildCanonicalJob(records, process.argv[3] === 'collect' ? 'collect' : '2pc');
const used = () => getHeapStatistics().used_heap_size;
const before = used();
let peak = before;
const runner = new JobRunner(job.env, { seed: BENCH_SEED });
const scheduler = runner.sim.scheduler;
const step = scheduler.step.bind(scheduler);
let steps = 0;
// Samples the heap every 4096 scheduler steps: the run is synchronous, so there is no other place to look.
scheduler.step = () => {
  if ((++steps & 4095) === 0) peak = Math.max(peak, used());
  return step();
};
const result = runner.run();
peak = Math.max(peak, used());
process.stdout.write(
  `${JSON.stringify({ records, status: result.status, beforeBytes: before, peakBytes: peak })}\n`,
);
