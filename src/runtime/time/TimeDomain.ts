/** Flink's TimeDomain: which clock a timer belongs to. */
export enum TimeDomain {
  EVENT_TIME = 'EVENT_TIME',
  PROCESSING_TIME = 'PROCESSING_TIME',
}
