import { type CanonicalJob, type CanonicalSink, twoPhaseCommitShortfall } from './CanonicalListAppendJob.ts';
import { type JobSizeReport, parseJobSizeRequest } from './JobSizesProcess.ts';
import { benchJobSizes, buildCanonicalJobs } from './jobSizeBench.ts';
import { baselineLoopTask } from './throughputBench.ts';

/**
 * Child-process entry of the job-size benchmark (JobSizesProcess.ts): checks
 * that the 2PC sink commits every record at the largest size (else uses the
 * collect sink), then measures the canonical job at every size and the bare
 * loop on the largest input, interleaved, and prints the figures as one JSON
 * line. Each size's input is generated once, outside the timed runs.
 */
try {
  const request = parseJobSizeRequest(process.argv[2]);
  const largest = Math.max(...request.sizes);
  const largestOf = (js: CanonicalJob[]) => js.find((j) => j.records === largest) as CanonicalJob;
  // The check runs the very job measured next, on its input: a separate 1M-record job left its input
  // and state (about 250 MB) as garbage, whose collection then slowed the small sizes' runs.
  let jobs = buildCanonicalJobs(request.sizes, '2pc');
  const reason = twoPhaseCommitShortfall(largestOf(jobs));
  const sink: CanonicalSink = reason === undefined ? '2pc' : 'collect';
  if (reason !== undefined) jobs = buildCanonicalJobs(request.sizes, 'collect');
  const largestJob = largestOf(jobs);
  const measured = benchJobSizes(
    jobs,
    {
      rounds: request.rounds,
      warmupRounds: request.warmupRounds,
      runsPerRound: (records) => request.runsPerRound[request.sizes.indexOf(records)] as number,
      beforeRound: fullCollection(),
    },
    [baselineLoopTask(largestJob)],
  );
  const report: JobSizeReport = {
    sink,
    ...(reason === undefined ? {} : { sinkReason: reason }),
    sizes: measured.sizes.map(({ job: _job, ...figures }) => figures),
    loop: measured.alongside[0] as JobSizeReport['loop'],
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

/**
 * A full garbage collection (the process runs with --expose-gc), run untimed
 * before every round, as JMH's `-gc true` does between iterations: the 1M-record
 * job and the bare loop leave about 100 MB of garbage, and without it one to
 * three of the seven 10k runs in most rounds collected it, at 2-14x their
 * usual time (10k medians 821-1,007 ns a record with maximums of 3,650-14,241,
 * against 617-827 with maximums of 2,300-3,424 in 3 alternated pairs; the 1M
 * job's own collections stay in its runs). The collection also deoptimizes
 * much of the hot path (V8 drops optimized code whose embedded objects died
 * with the last run: "weak objects" in --trace-deopt), so the 10k job's turn
 * starts with four untimed runs while V8 compiles it again (jobSizeBench.ts).
 */
function fullCollection(): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('job-size benchmark: run its process with --expose-gc');
  return gc;
}
