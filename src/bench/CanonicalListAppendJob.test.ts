import { describe, expect, it } from 'vitest';
import { buildCanonicalJob, twoPhaseCommitShortfall } from './CanonicalListAppendJob.ts';

describe('twoPhaseCommitShortfall', () => {
  it('finds none when one run of the 2PC job commits every record', () => {
    expect(twoPhaseCommitShortfall(buildCanonicalJob(300, '2pc'))).toBeUndefined();
  });

  it('says how many ids were committed when a run commits fewer than the job has records', () => {
    const job = buildCanonicalJob(300, '2pc');
    // The same input, claimed one record larger: the run commits 300 ids, one short.
    expect(twoPhaseCommitShortfall({ ...job, records: 301 })).toBe(
      'with the 2PC sink the 301-record job committed 300 of 301 ids (0 restart(s), first cause: ended finished)',
    );
  });
});
