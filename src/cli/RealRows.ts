import { join } from 'node:path';
import { KNOWN_FINDINGS } from '../matrix/KnownFindings.ts';
import type { RealRow } from '../matrix/types.ts';
import { UsageError } from './UsageError.ts';

/**
 * The real-system rows of `streamproof matrix --real`: runs src/real's trials
 * against Kafka, PostgreSQL and Redis on 127.0.0.1 (loaded only when asked,
 * since it starts a broker). A row that disagrees with the seed's table for
 * the reason the simulated matrix documents (the WAL sink with a source that
 * cannot rewind) is marked as that known finding.
 */
export async function runRealRows(
  seed: number,
  outDir: string,
  onTrial: (line: string) => void,
): Promise<RealRow[]> {
  const real = await import('../real/index.ts');
  let rows: RealRow[];
  try {
    rows = await real.runRealMatrix({
      seed,
      historyDir: join(outDir, 'real'),
      onTrial: (row, result) =>
        onTrial(
          `real ${row.system} ${row.source}: seed ${result.spec.seed}, ${result.guarantee.level}` +
            (result.kills.length === 0
              ? ''
              : ` after kill -9 ${result.kills.map((k) => k.detail).join(', ')}`),
        ),
    });
  } catch (error) {
    if (error instanceof real.BrokerUnavailableError) throw new UsageError(error.message);
    throw error;
  }
  const wal = KNOWN_FINDINGS.find((f) => f.id === 'not-resettable/wal/aligned');
  return rows.map((r) =>
    !r.agrees &&
    r.source === 'not-resettable' &&
    r.sink === 'wal' &&
    r.observed === 'none' &&
    wal !== undefined
      ? { ...r, agrees: true, finding: `known finding: ${wal.explanation}` }
      : r,
  );
}
