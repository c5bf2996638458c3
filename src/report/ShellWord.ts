/** Quotes a word for a POSIX shell when it needs it, so printed commands can be pasted as they are. */
export function shellWord(word: string): string {
  return /^[\w./:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
