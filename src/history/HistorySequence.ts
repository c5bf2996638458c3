/**
 * The global order of one run's history: checkpoint completions and every
 * external operation take the next number, so a checker can tell whether a
 * commit came after its checkpoint completed.
 */
export class HistorySequence {
  private counter = 0;

  next(): number {
    return this.counter++;
  }
}

/** The RunServices key under which a run keeps its sequence. */
export const HISTORY_SEQUENCE = 'history-sequence';
