import { t, type MessageKey } from '@/lib/i18n';
import { formatRho, type Measure, type Reading } from './report-format';

// The collector's structured reading of ρ and its interval (server/src/reports/reading.ts), in the
// UI language. Each sentence says exactly what the structure says: no association when the
// interval holds 0, and the strength word follows the estimate (issue #14), not the interval's
// nearer bound.

/** The measures' names and strength words, shared with the business sentences. */
export const NOUN: Record<Measure, MessageKey> = {
  effort: 'readingNounEffort',
  switches: 'readingNounSwitches',
  away: 'readingNounAway',
  handle: 'readingNounHandle',
};

const SUBJECT: Record<Measure, MessageKey> = {
  effort: 'readingSubjectEffort',
  switches: 'readingSubjectSwitches',
  away: 'readingSubjectAway',
  handle: 'readingSubjectHandle',
};

export const STRENGTH = {
  slight: 'readingStrengthSlight',
  weak: 'readingStrengthWeak',
  moderate: 'readingStrengthModerate',
  strong: 'readingStrengthStrong',
} as const satisfies Record<string, MessageKey>;

const figures = (reading: { n: number; rho: number; low: number; high: number }) =>
  t(
    'readingFigures',
    formatRho(reading.rho),
    formatRho(reading.low),
    formatRho(reading.high),
    reading.n,
  );

/** The reading as one sentence in the UI language. */
export function readingText(reading: Reading, measure: Measure): string {
  const noun = t(NOUN[measure] as 'readingNounEffort');
  switch (reading.kind) {
    case 'not-enough-data':
      return t('readingNotEnoughData', noun, reading.n, reading.minimum);
    case 'no-variation':
      return t('readingNoVariation', noun, reading.n);
    case 'no-clear-association':
      return t('readingNoClearAssociation', noun, figures(reading));
    case 'association':
      return t(
        reading.direction === 'positive' ? 'readingHigherCsat' : 'readingLowerCsat',
        t(SUBJECT[measure] as 'readingSubjectEffort'),
        t(STRENGTH[reading.strength]),
        figures(reading),
      );
  }
}
