import { TraceKind } from '../../sim/TraceKind.ts';

/** Trace events of the runtime; arguments are vertex id, subtask and a detail. */
export const T_SOURCE_EMIT = new TraceKind('source.emit', ['vertex', 'subtask', 'partition']);
export const T_DELIVER = new TraceKind('deliver', ['vertex', 'subtask', 'channel']);
export const T_WATERMARK = new TraceKind('watermark', ['vertex', 'subtask', 'timestamp']);
export const T_IDLE = new TraceKind('idle', ['vertex', 'subtask', 'idle']);
export const T_TIMER = new TraceKind('processing-timer', ['vertex', 'subtask', 'timestamp']);
export const T_FINISH = new TraceKind('finish', ['vertex', 'subtask']);
export const T_DEPLOY = new TraceKind('deploy', ['vertex', 'subtask', 'attempt']);
export const T_BARRIER = new TraceKind('barrier', ['vertex', 'subtask', 'checkpoint']);
