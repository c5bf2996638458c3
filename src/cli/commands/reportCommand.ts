import { writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import type { ConsistencyReport, MatrixCell } from '../../matrix/types.ts';
import { collectCaseTimelines } from '../../report/CaseTimelines.ts';
import { renderHtml } from '../../report/HtmlReport.ts';
import { renderMarkdown } from '../../report/MarkdownReport.ts';
import { ReportError } from '../../report/ReportError.ts';
import { mergeReports } from '../../report/ReportMerger.ts';
import { cellRank } from '../../report/TableLayout.ts';
import type { CliIo } from '../CliIo.ts';
import { loadMatrixApi, type MatrixApi } from '../MatrixApi.ts';
import { loadReport } from '../ReportLoader.ts';

type Format = 'md' | 'html' | 'json';

interface ReportFlags {
  merge?: boolean;
  format: Format;
  out?: string;
}

function parseFormat(value: string): Format {
  if (value !== 'md' && value !== 'html' && value !== 'json')
    throw new InvalidArgumentError('expected md, html or json');
  return value;
}

/** The matrix's own order of cells, or a fixed one when this build has no matrix. */
function cellOrder(api: MatrixApi): (cell: MatrixCell) => number {
  try {
    const ids = api.matrixCells().map((c) => `${c.source}/${c.sink}/${c.mode}`);
    return (cell) => {
      const i = ids.indexOf(`${cell.source}/${cell.sink}/${cell.mode}`);
      return i < 0 ? ids.length + cellRank(cell) : i;
    };
  } catch {
    return cellRank;
  }
}

/**
 * `streamproof report <consistency.json ...> [--merge] --format md|html|json`:
 * renders a report, or joins the partial reports of sharded runs first.
 */
export function registerReportCommand(program: Command, io: CliIo, module: string): void {
  program
    .command('report')
    .description(
      'render a consistency.json as Markdown, HTML or JSON; --merge joins the reports of --shard runs',
    )
    .argument('<reports...>', 'consistency.json files')
    .option('--merge', 'merge the given reports (shards 1/n ... n/n) into one')
    .option('--format <format>', 'md, html or json', parseFormat, 'md')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (files: string[], flags: ReportFlags) => {
      const loaded = files.map((name) => ({ name, report: loadReport(name) }));
      if (loaded.length > 1 && !flags.merge) {
        throw new ReportError(`${loaded.length} reports given: add --merge to join them, or give one`);
      }
      const api = await loadMatrixApi(module);
      const report: ConsistencyReport =
        flags.merge === true
          ? mergeReports(loaded, cellOrder(api))
          : (loaded[0]?.report as ConsistencyReport);
      const reportFile = flags.merge === true ? files.join(' + ') : (files[0] as string);
      let text: string;
      if (flags.format === 'json') text = `${JSON.stringify(report, null, 2)}\n`;
      else if (flags.format === 'md') text = renderMarkdown(report, { reportFile });
      else {
        const timelines = collectCaseTimelines(report, (scenario) =>
          api.replayCase(scenario, { keepTrace: true }),
        );
        text = renderHtml(report, { reportFile, timelines });
      }
      if (flags.out === undefined) io.out(text.trimEnd());
      else {
        writeFileSync(flags.out, text);
        io.err(`wrote ${flags.out}`);
      }
    });
}
