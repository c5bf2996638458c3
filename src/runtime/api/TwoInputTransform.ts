import type { OperatorTransformation } from '../graph/Transformation.ts';
import type { AbstractStreamOperator } from '../operators/AbstractStreamOperator.ts';
import type { KeySelector } from '../operators/OperatorSetup.ts';
import type { DataStream } from './DataStream.ts';
import { SingleOutputStreamOperator } from './SingleOutputStreamOperator.ts';

/** Adds a two-input operator reading `first` as input 0 and `second` as input 1. */
export function twoInputTransform<O>(
  name: string,
  first: DataStream<unknown>,
  second: DataStream<unknown>,
  createOperator: () => AbstractStreamOperator,
  keySelectors?: readonly (KeySelector | undefined)[],
): SingleOutputStreamOperator<O> {
  if (first.env !== second.env) throw new Error(`${name}: both inputs must come from the same environment`);
  const env = first.env;
  const t = env.addTransformation<OperatorTransformation>((id) => ({
    kind: 'operator',
    id,
    name,
    uid: undefined,
    parallelism: env.getParallelism(),
    maxParallelism: undefined,
    edges: [...first.edgesTo(0), ...second.edgesTo(1)],
    createOperator,
    keySelectors,
  }));
  return new SingleOutputStreamOperator<O>(env, t);
}
