import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs. Secrets and indicator values never go to info level:
 * the redaction list is the safety net, not the policy.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [
          'password',
          '*.password',
          'MicrosoftAppPassword',
          '*.MicrosoftAppPassword',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'token',
          '*.token',
          'value',
          '*.value',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? process.stdout,
  );
}
