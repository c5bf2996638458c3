import { describe, expect, it } from 'vitest';
import { Simulation } from '../../sim/Simulation.ts';
import type { SingleOutputStreamOperator } from '../api/SingleOutputStreamOperator.ts';
import { StreamExecutionEnvironment } from '../api/StreamExecutionEnvironment.ts';
import { CollectSink } from '../sink/CollectSink.ts';
import { CollectionSource } from '../source/CollectionSource.ts';
import { WatermarkStrategy } from '../time/WatermarkStrategy.ts';
import { buildExecutionGraph } from './ExecutionGraph.ts';
import { simulate } from './simulate.ts';

const input = [Array.from({ length: 12 }, (_, i) => i), Array.from({ length: 12 }, (_, i) => 100 + i)];

/** source -> map -> keyBy -> map -> filter -> sink, at parallelism 2; `tweak` sets chaining options. */
function job(
  options: { chaining?: boolean; tweak?: (ops: SingleOutputStreamOperator<number>[]) => void } = {},
) {
  const env = StreamExecutionEnvironment.create({ parallelism: 2, bufferCapacity: 2 });
  if (options.chaining === false) env.disableOperatorChaining();
  const first = env
    .fromSource(new CollectionSource(input), WatermarkStrategy.noWatermarks<number>(), 'src')
    .map((x) => x + 1);
  const second = first.keyBy((x) => x % 3).map((x) => x * 2);
  const third = second.filter((x) => x % 4 !== 0);
  options.tweak?.([first, second, third]);
  third.sinkTo(new CollectSink<number>(), 'out');
  return env;
}

/** Which edges (upstream name -> downstream name) the execution graph chains. */
function chainedEdges(env: StreamExecutionEnvironment): string[] {
  const sim = new Simulation({ seed: 1 });
  const graph = buildExecutionGraph(env.transformations, env.config, sim.scheduler, sim.rng);
  const names = new Map(env.transformations.map((t) => [t.id, t.name]));
  const edges = new Set<string>();
  for (const c of graph.channels) {
    if (c.chained) edges.add(`${names.get(c.senderVertex)} -> ${names.get(c.receiverVertex)}`);
  }
  return [...edges].sort();
}

describe('operator chaining', () => {
  it('chains forward edges between operators of equal parallelism, not sources or keyBy edges', () => {
    // src -> Map is forward but sources are not chained; Map -> Map is a keyBy edge.
    expect(chainedEdges(job())).toEqual(['Filter -> out', 'Map -> Filter']);
  });

  it('follows disableOperatorChaining, disableChaining and startNewChain', () => {
    expect(chainedEdges(job({ chaining: false }))).toEqual([]);
    expect(chainedEdges(job({ tweak: ([, , filter]) => filter?.disableChaining() }))).toEqual([]);
    expect(chainedEdges(job({ tweak: ([, , filter]) => filter?.startNewChain() }))).toEqual([
      'Filter -> out',
    ]);
  });

  it('gives the same outputs with fewer scheduler steps (a chained element needs no delivery of its own)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const chained = simulate(job(), { seed });
      const unchained = simulate(job({ chaining: false }), { seed });
      expect(chained.status).toBe('finished');
      const values = (r: typeof chained) =>
        (r.outputs.out ?? []).map((o) => o.value as number).sort((a, b) => a - b);
      expect(values(chained)).toEqual(values(unchained));
      expect(values(chained).length).toBeGreaterThan(0);
      expect(chained.steps).toBeLessThan(unchained.steps);
    }
  });

  it('is deterministic: same seed, same trace hash', () => {
    expect(simulate(job(), { seed: 7 }).trace.hash).toBe(simulate(job(), { seed: 7 }).trace.hash);
  });
});
