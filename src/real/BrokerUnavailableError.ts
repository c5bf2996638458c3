/**
 * A real system the tests need (Kafka, PostgreSQL, Redis) cannot be had: a
 * tool is missing or a server does not answer. The message is one line: what
 * is wrong and what to install or set (STYLE rule 7).
 */
export class BrokerUnavailableError extends Error {
  override readonly name = 'BrokerUnavailableError';

  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, ' '));
  }
}
