import { runListAppendScenario } from '../checkpoint/ListAppendScenario.ts';
import { CRASH_SCENARIO } from './scenarioBench.ts';

/**
 * Child-process entry of the machine-scaling benchmark: runs the crash-and-restore scenario for
 * the given seeds (after a warm-up) and prints, as JSON, how long the measured runs took.
 */
const runs = Number(process.argv[2] ?? 300);
for (let seed = 0; seed < 50; seed++) runListAppendScenario(CRASH_SCENARIO, { seed });
const started = process.hrtime.bigint();
for (let seed = 0; seed < runs; seed++) runListAppendScenario(CRASH_SCENARIO, { seed });
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(`${JSON.stringify({ runs, ms })}\n`);
