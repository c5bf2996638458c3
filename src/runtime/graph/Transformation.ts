import type { OutputTag } from '../OutputTag.ts';
import type { AbstractStreamOperator } from '../operators/AbstractStreamOperator.ts';
import type { KeySelector } from '../operators/OperatorSetup.ts';
import type { Source } from '../source/Source.ts';
import type { WatermarkStrategy } from '../time/WatermarkStrategy.ts';
import type { Partitioning } from './Partitioning.ts';

/** An input edge of a transformation: which upstream output, and how it is partitioned. */
export interface StreamEdge {
  readonly upstream: number;
  /** The upstream's side output, or undefined for its main output. */
  readonly sideOutput?: OutputTag<unknown>;
  readonly partitioning: Partitioning;
  /** Logical input of the consumer: 0, or 1 for the second input of a two-input operator. */
  readonly input: number;
}

interface Common {
  readonly id: number;
  name: string;
  uid: string | undefined;
  parallelism: number;
  maxParallelism: number | undefined;
  /**
   * Flink's per-operator chaining strategy: 'never' (disableChaining: chained neither to its
   * input nor to its output), 'head' (startNewChain: not chained to its input); default: chain.
   */
  chaining?: 'never' | 'head';
}

export interface SourceTransformation extends Common {
  readonly kind: 'source';
  readonly source: Source<unknown>;
  readonly watermarkStrategy: WatermarkStrategy<unknown>;
}

export interface OperatorTransformation extends Common {
  readonly kind: 'operator';
  readonly edges: readonly StreamEdge[];
  /** A fresh operator per subtask and per (re)deployment. */
  readonly createOperator: () => AbstractStreamOperator;
  /** Key selector per logical input when the operator is keyed (all inputs keyed). */
  readonly keySelectors: readonly (KeySelector | undefined)[] | undefined;
  /** Set for sinks: the sink's name, under which its outputs are reported. */
  readonly sinkName?: string;
}

/** A node of the logical job graph, like Flink's Transformation (virtual ones resolved into edges). */
export type Transformation = SourceTransformation | OperatorTransformation;
