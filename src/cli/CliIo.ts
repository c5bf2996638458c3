/** Where commands print: lines to standard output and to standard error. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Whether standard error is a terminal that can show a progress bar. */
  readonly interactive?: boolean;
}
