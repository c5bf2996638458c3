import type { CheckpointSettings } from '../runtime/api/StreamExecutionEnvironment.ts';
import { CheckpointingMode } from '../runtime/api/StreamExecutionEnvironment.ts';
import type { CheckpointConfig, CheckpointMode, RestartStrategy } from './types.ts';

/** The checkpoint config of a run: the environment's settings, overridden by run options. */
export function resolveCheckpointConfig(
  settings: CheckpointSettings | undefined,
  overrides: Partial<CheckpointConfig> | undefined,
): CheckpointConfig | undefined {
  if (settings === undefined && overrides?.interval === undefined) return undefined;
  const mode: CheckpointMode =
    settings === undefined
      ? 'aligned'
      : settings.mode === CheckpointingMode.AT_LEAST_ONCE
        ? 'at-least-once'
        : settings.unaligned
          ? 'unaligned'
          : 'aligned';
  const config: CheckpointConfig = {
    interval: settings?.interval ?? 100,
    mode,
    minPauseBetweenCheckpoints: settings?.minPauseBetweenCheckpoints ?? 0,
    maxConcurrentCheckpoints: settings?.maxConcurrentCheckpoints ?? 1,
    checkpointTimeout: settings?.checkpointTimeout ?? 600_000,
    tolerableCheckpointFailureNumber: settings?.tolerableCheckpointFailureNumber ?? 0,
    ...overrides,
  };
  if (!(config.interval > 0))
    throw new RangeError(`checkpoint interval must be positive, got ${config.interval}`);
  if (config.maxConcurrentCheckpoints < 1) {
    throw new RangeError('maxConcurrentCheckpoints must be at least 1');
  }
  if (config.mode === 'unaligned' && config.maxConcurrentCheckpoints > 1) {
    throw new RangeError(
      'unaligned checkpoints need maxConcurrentCheckpoints = 1 (Flink does not support concurrent unaligned checkpoints)',
    );
  }
  return config;
}

/** Flink's default with checkpointing on is a fixed-delay restart; ours: 100 attempts, 100 ms apart. */
export const DEFAULT_RESTART_STRATEGY: RestartStrategy = { kind: 'fixed-delay', attempts: 100, delay: 100 };
