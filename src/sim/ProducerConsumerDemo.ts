import { FifoChannel } from './FifoChannel.ts';
import type { Rng } from './Rng.ts';
import { Simulation } from './Simulation.ts';
import { TraceKind } from './TraceKind.ts';
import type { SimulationSeed, TraceSummary } from './types.ts';

const EMIT = new TraceKind('emit', ['producer', 'n']);
const RECEIVE = new TraceKind('receive', ['producer', 'n']);
const PAUSE = new TraceKind('pause', ['producer', 'until']);
const FLUSH = new TraceKind('flush', ['received']);

export interface DemoOptions extends SimulationSeed {
  /** Records per producer (default 20). */
  readonly records?: number;
  /** Producers (default 2). */
  readonly producers?: number;
  /** Keep trace events for printing. */
  readonly keepTrace?: boolean;
  /**
   * How long a producer pauses after a record, in ms. Defaults to a draw from
   * the `workload` sub-stream; tests replace it to prove that a component that
   * ignores the seed breaks determinism.
   */
  readonly pauseMs?: (workload: Rng) => number;
}

export interface DemoResult {
  readonly seed: number;
  /** Record ids in the order the consumer received them. */
  readonly received: readonly string[];
  readonly trace: TraceSummary;
  readonly steps: number;
  readonly choicesTaken: number;
  readonly endTime: number;
}

/**
 * The kernel's demo job: N producers each send records over their own FIFO
 * channel to one consumer, pausing on the virtual clock between records, while
 * the consumer flushes every 10 ms. It knows nothing of streams; it exists so
 * the determinism property has real interleavings to run.
 */
export function runProducerConsumerDemo(options: DemoOptions): DemoResult {
  const records = options.records ?? 20;
  const producers = options.producers ?? 2;
  const sim = new Simulation({
    seed: options.seed,
    choices: options.choices ?? [],
    keepTrace: options.keepTrace ?? false,
  });
  const { scheduler, trace } = sim;
  const workload = sim.rng.fork('workload');
  const pauseMs = options.pauseMs ?? ((rng: Rng) => rng.int(4));
  const received: string[] = [];
  let finished = 0;

  for (let p = 0; p < producers; p++) {
    const channel = new FifoChannel<number>(scheduler, {
      deliver: (n) => {
        received.push(`p${p}-${n}`);
        trace.add(RECEIVE, p, n);
      },
    });
    let sent = 0;
    const emit = {
      run(): void {
        channel.send(sent);
        trace.add(EMIT, p, sent);
        sent++;
        if (sent === records) {
          finished++;
          return;
        }
        const pause = pauseMs(workload);
        if (pause === 0) {
          scheduler.makeReady(emit);
        } else {
          trace.add(PAUSE, p, sim.clock.now() + pause);
          scheduler.scheduleAfter(pause, emit);
        }
      },
    };
    scheduler.makeReady(emit);
  }

  const flush = {
    run(): void {
      trace.add(FLUSH, received.length);
      if (finished < producers || received.length < producers * records) {
        scheduler.scheduleAfter(10, flush);
      }
    },
  };
  scheduler.scheduleAfter(10, flush);

  const steps = scheduler.run();
  return {
    seed: options.seed,
    received,
    trace: trace.summary(),
    steps,
    choicesTaken: scheduler.choicesTaken,
    endTime: sim.clock.now(),
  };
}
