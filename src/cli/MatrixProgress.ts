import cliProgress from 'cli-progress';
import type { MatrixEntryResult } from '../matrix/types.ts';
import type { CliIo } from './CliIo.ts';
import { entryLine } from './EntryLines.ts';

/** How the matrix shows progress: a bar on a terminal, a line per entry in logs, nothing with --json. */
export type ProgressStyle = 'bar' | 'lines' | 'quiet';

export function progressStyle(json: boolean, io: CliIo, env: NodeJS.ProcessEnv = process.env): ProgressStyle {
  if (json) return 'quiet';
  if (io.interactive === true && env.CI !== 'true' && env.CI !== '1') return 'bar';
  return 'lines';
}

/** Reports finished matrix entries: entries done, runs so far and the ETA (cli-progress) on a terminal. */
export class MatrixProgress {
  private readonly bar: cliProgress.SingleBar | undefined;
  private done = 0;
  private runs = 0;

  constructor(
    private readonly style: ProgressStyle,
    private readonly total: number,
    private readonly io: CliIo,
  ) {
    if (style === 'bar') {
      this.bar = new cliProgress.SingleBar(
        {
          format: 'matrix {bar} {value}/{total} entries | {runs} runs | ETA {eta_formatted} | {last}',
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 6,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, 0, { runs: 0, last: '' });
    }
  }

  entryDone(entry: MatrixEntryResult): void {
    this.done++;
    this.runs += entry.runs + entry.searchRuns;
    if (this.style === 'bar') this.bar?.update(this.done, { runs: this.runs, last: entry.id });
    else if (this.style === 'lines') this.io.out(entryLine(entry, this.done, this.total));
  }

  stop(): void {
    this.bar?.stop();
  }
}
