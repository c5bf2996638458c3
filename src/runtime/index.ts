export { AllWindowedStream } from './api/AllWindowedStream.ts';
export { BroadcastConnectedStream } from './api/BroadcastConnectedStream.ts';
export { BroadcastStream } from './api/BroadcastStream.ts';
export { ConnectedStreams } from './api/ConnectedStreams.ts';
export { DataStream } from './api/DataStream.ts';
export { IntervalJoin, IntervalJoined } from './api/IntervalJoin.ts';
export { KeyedStream } from './api/KeyedStream.ts';
export { SingleOutputStreamOperator } from './api/SingleOutputStreamOperator.ts';
export {
  CheckpointingMode,
  type CheckpointSettings,
  StreamExecutionEnvironment,
} from './api/StreamExecutionEnvironment.ts';
export { WindowedStream } from './api/WindowedStream.ts';
export type { EnvironmentConfig, EnvironmentOptions } from './execution/EnvironmentConfig.ts';
export { JobGraphError } from './execution/ExecutionGraph.ts';
export type { RunLimits, RunStatus } from './execution/JobExecution.ts';
export { RunServices } from './execution/RunServices.ts';
export type { SimulateOptions, SimulationResult } from './execution/simulate.ts';
export { AbstractRichFunction } from './functions/AbstractRichFunction.ts';
export {
  type BroadcastContext,
  BroadcastProcessFunction,
  type BroadcastReadOnlyContext,
} from './functions/BroadcastProcessFunction.ts';
export type { Collector } from './functions/Collector.ts';
export {
  CoProcessFunction,
  type CoProcessFunctionContext,
  type CoProcessFunctionOnTimerContext,
  KeyedCoProcessFunction,
  type KeyedCoProcessFunctionContext,
  type KeyedCoProcessFunctionOnTimerContext,
} from './functions/CoProcessFunction.ts';
export {
  type KeyedBroadcastContext,
  type KeyedBroadcastOnTimerContext,
  KeyedBroadcastProcessFunction,
  type KeyedBroadcastReadOnlyContext,
} from './functions/KeyedBroadcastProcessFunction.ts';
export {
  KeyedProcessFunction,
  type KeyedProcessFunctionContext,
  type KeyedProcessFunctionOnTimerContext,
} from './functions/KeyedProcessFunction.ts';
export {
  ProcessFunction,
  type ProcessFunctionContext,
  type ProcessFunctionOnTimerContext,
} from './functions/ProcessFunction.ts';
export { ProcessJoinFunction, type ProcessJoinFunctionContext } from './functions/ProcessJoinFunction.ts';
export {
  ProcessAllWindowFunction,
  type ProcessAllWindowFunctionContext,
  ProcessWindowFunction,
  type ProcessWindowFunctionContext,
} from './functions/ProcessWindowFunction.ts';
export type { OpenContext, RuntimeContext } from './functions/RuntimeContext.ts';
export type { TimerService } from './functions/TimerService.ts';
export {
  assignKeyToParallelOperator,
  assignToKeyGroup,
  computeKeyGroupRangeForOperatorIndex,
  computeOperatorIndexForKeyGroup,
  KeyGroupRange,
  murmurHash,
} from './KeyGroupRangeAssignment.ts';
export { OutputTag } from './OutputTag.ts';
export { RichFilterFunction } from './operators/StreamFilter.ts';
export { RichFlatMapFunction } from './operators/StreamFlatMap.ts';
export { RichMapFunction } from './operators/StreamMap.ts';
export { WindowOperator, type WindowOperatorOptions } from './operators/WindowOperator.ts';
export { MAX_WATERMARK, MIN_WATERMARK } from './StreamElement.ts';
export { type CollectedRecord, CollectSink } from './sink/CollectSink.ts';
export type { Sink, SinkWriteContext, SinkWriter, SinkWriterContext } from './sink/Sink.ts';
export { CollectionSource } from './source/CollectionSource.ts';
export type { Source, SourceReader, SourceReaderContext, SourceRecord } from './source/Source.ts';
export type {
  AggregatingState,
  BroadcastState,
  ListState,
  MapState,
  ReadOnlyBroadcastState,
  ReducingState,
  ValueState,
} from './state/State.ts';
export {
  type AggregateFunction,
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  ValueStateDescriptor,
} from './state/StateDescriptor.ts';
export { TimeDomain } from './time/TimeDomain.ts';
export type { WatermarkGenerator, WatermarkOutput } from './time/WatermarkGenerator.ts';
export { WatermarkStrategy } from './time/WatermarkStrategy.ts';
export { CountTrigger } from './windowing/CountTrigger.ts';
export { EventTimeSessionWindows } from './windowing/EventTimeSessionWindows.ts';
export { EventTimeTrigger } from './windowing/EventTimeTrigger.ts';
export { GlobalWindow } from './windowing/GlobalWindow.ts';
export { GlobalWindows } from './windowing/GlobalWindows.ts';
export { MergingWindowAssigner } from './windowing/MergingWindowAssigner.ts';
export { NeverTrigger } from './windowing/NeverTrigger.ts';
export { ProcessingTimeSessionWindows } from './windowing/ProcessingTimeSessionWindows.ts';
export { ProcessingTimeTrigger } from './windowing/ProcessingTimeTrigger.ts';
export { PurgingTrigger } from './windowing/PurgingTrigger.ts';
export { SlidingEventTimeWindows } from './windowing/SlidingEventTimeWindows.ts';
export { SlidingProcessingTimeWindows } from './windowing/SlidingProcessingTimeWindows.ts';
export { type OnMergeContext, Trigger, type TriggerContext } from './windowing/Trigger.ts';
export { TriggerResult } from './windowing/TriggerResult.ts';
export { TumblingEventTimeWindows } from './windowing/TumblingEventTimeWindows.ts';
export { TumblingProcessingTimeWindows } from './windowing/TumblingProcessingTimeWindows.ts';
export { type MergeCallback, TimeWindow, type Window } from './windowing/Window.ts';
export { WindowAssigner, type WindowAssignerContext } from './windowing/WindowAssigner.ts';
export {
  generateListAppendInput,
  LIST_APPEND_STATE,
  LIST_APPEND_UID,
  ListAppendFunction,
  type ListAppendOutput,
  type ListAppendRecord,
} from './workload/ListAppend.ts';
