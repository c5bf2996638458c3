import type { Command } from 'commander';
import type { GuaranteeLevel } from '../../check/GuaranteeChecker.ts';
import type { CliIo } from '../CliIo.ts';
import { judgeHistory, judgementLines } from '../HistoryJudgement.ts';
import { loadHistory } from '../HistoryLoader.ts';
import { parseLevel } from '../parseLevel.ts';
import { VerdictExit } from '../VerdictExit.ts';

interface CheckFlags {
  expect?: GuaranteeLevel;
  json?: boolean;
}

/**
 * `streamproof check <history.json>`: judges a history recorded anywhere (the
 * simulator, a real-system driver, another tool) with the same checkers.
 */
export function registerCheckCommand(program: Command, io: CliIo): void {
  program
    .command('check')
    .description('validate a history file against the history schema and run the checkers on it')
    .argument('<history>', 'a history JSON file (schema: src/history/history.schema.json)')
    .option(
      '--expect <level>',
      'fail unless this guarantee held: exactly-once, at-least-once, at-most-once',
      parseLevel,
    )
    .option('--json', 'print the verdicts as one JSON object')
    .action((file: string, flags: CheckFlags) => {
      const history = loadHistory(file);
      const j = judgeHistory(history, flags.expect);
      if (flags.json) {
        io.out(JSON.stringify({ file, ok: j.problems.length === 0, ...j, traceHash: history.traceHash }));
      } else {
        const inputs = Object.values(history.inputs).reduce((n, r) => n + r.length, 0);
        io.out(
          `history ${file}: ${history.scenario}, seed ${history.seed}${history.mode ? `, ${history.mode} checkpoints` : ''}, ` +
            `${inputs} inputs, ${history.operations.length} operations, ${history.checkpoints.length} checkpoints, ` +
            `${history.restarts.length} restarts, ${history.outcome}`,
        );
        for (const line of judgementLines(j)) io.out(line);
        io.out(`trace hash ${history.traceHash} (as recorded)`);
        if (j.problems.length > 0) {
          io.out(`FAILED: ${j.problems.length} violation(s); first: ${j.problems[0]}`);
          io.out(`  seed ${history.seed}, trace hash ${history.traceHash}`);
        } else io.out('ok');
      }
      if (j.problems.length > 0) throw new VerdictExit(1);
    });
}
