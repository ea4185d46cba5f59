import { formatDuration, formatNumber, reasonLabel, t, type MessageKey } from '@/lib/i18n';
import { appName } from './app-names';
import { NOUN, STRENGTH } from './reading-text';
import {
  formatDay,
  formatDateRange,
  formatMean,
  formatRho,
  formatShare,
  type Measure,
  type Reading,
  type Report,
} from './report-format';

// What a supervisor reads first in each section (issue #14, item 5): a sentence in CSAT points
// or in time, without statistics words; the statistics go to a details line (`details*`).

type Correlation = Report['correlations'][Measure];
type Band = Correlation['bands'][number];
type LeftOut = Report['leftOut']['distributions'];

const SUBJECT: Record<Measure, MessageKey> = {
  effort: 'readingLowerSubjectEffort',
  switches: 'readingLowerSubjectSwitches',
  away: 'readingLowerSubjectAway',
  handle: 'readingLowerSubjectHandle',
};

const noun = (measure: Measure) => t(NOUN[measure] as 'readingNounEffort');
const minutes = (ms: number) => formatNumber(ms / 60_000);

/** How the interactions of one band are described: "with 6 or more switches". */
export function bandPhrase(measure: Measure, band: Pick<Band, 'from' | 'to'>, effortTop: number) {
  const { from, to } = band;
  switch (measure) {
    case 'switches':
      return to === null
        ? t('bandSwitchesOpen', formatNumber(from))
        : t('bandSwitchesRange', formatNumber(from), formatNumber(to - 1));
    case 'away':
      if (to === null) return t('bandAwayOpen', minutes(from));
      return from === 0
        ? t('bandAwayUnder', minutes(to))
        : t('bandAwayRange', minutes(from), minutes(to));
    case 'handle':
      if (to === null) return t('bandHandleOpen', minutes(from));
      return from === 0
        ? t('bandHandleUnder', minutes(to))
        : t('bandHandleRange', minutes(from), minutes(to));
    case 'effort': {
      const last = to === null ? effortTop : to - 1;
      return last === from
        ? t('bandEffortSingle', formatNumber(from))
        : t('bandEffortRange', formatNumber(from), formatNumber(last));
    }
  }
}

/** The bands at both ends that have ratings; null when fewer than two have. */
function endBands(bands: readonly Band[]) {
  const shown = bands.filter((band) => band.meanCsat !== null);
  if (shown.length < 2) return null;
  return { low: shown[0]!, high: shown[shown.length - 1]! };
}

/**
 * "Interactions with 6 or more switches averaged CSAT 3.6; with 0–2 switches, 4.2." From the
 * collector's CSAT means by band (suppressed as every figure).
 */
export function bandSentence(correlation: Correlation, effortTop: number): string {
  const ends = endBands(correlation.bands);
  if (!ends) return t('reportBandsTooFew', noun(correlation.measure));
  const phrase = (band: Band) => bandPhrase(correlation.measure, band, effortTop);
  return t(
    'reportBandSentence',
    phrase(ends.high),
    formatMean(ends.high.meanCsat),
    phrase(ends.low),
    formatMean(ends.low.meanCsat),
  );
}

/** The gap in CSAT points between the two end bands; 0 without two. */
export function bandGap(correlation: Correlation): number {
  const ends = endBands(correlation.bands);
  return ends ? Math.abs(ends.high.meanCsat! - ends.low.meanCsat!) : 0;
}

/** The reading in plain words: no ρ, no interval. */
export function plainReading(reading: Reading, measure: Measure): string {
  switch (reading.kind) {
    case 'not-enough-data':
      return t(
        'readingWithinNotEnough',
        noun(measure),
        reading.n,
        reading.agents,
        reading.minimum,
        reading.minimumAgents,
      );
    case 'no-variation':
      return t('readingWithinNoVariation', noun(measure));
    case 'no-clear-association':
      return t('readingWithinNoClear', noun(measure));
    case 'association':
      return t(
        reading.direction === 'positive' ? 'readingWithinHigher' : 'readingWithinLower',
        t(SUBJECT[measure] as 'readingLowerSubjectEffort'),
        t(STRENGTH[reading.strength]),
      );
  }
}

/** The statistics behind a reading, for the details line. */
export function correlationDetails(correlation: Correlation): string {
  const { estimate, betweenAgents } = correlation;
  if (estimate.rho === null || estimate.ci === null) {
    return t('reportCorrelationDetailsShort', estimate.n, estimate.agents);
  }
  return t(
    'reportCorrelationDetails',
    formatRho(estimate.rho),
    formatRho(estimate.ci.low),
    formatRho(estimate.ci.high),
    estimate.n,
    estimate.agents,
    betweenAgents.rho === null ? '\u2014' : formatRho(betweenAgents.rho),
  );
}

/** "A typical interaction took 6 min, with 3 switches and 1 min away from the record." */
export function distributionsLead(report: Report): string | null {
  const { switches, awayMs, handleMs } = report.distributions;
  if (!switches.quantiles || !awayMs.quantiles || !handleMs.quantiles) return null;
  return t(
    'reportDistLead',
    formatDuration(handleMs.quantiles.p50),
    formatNumber(Math.round(switches.quantiles.p50 * 10) / 10),
    formatDuration(awayMs.quantiles.p50),
  );
}

/** The reason whose tagged side differs most in mean CSAT, as a sentence in CSAT points. */
export function reasonsLead(reasons: Report['reasons']): string | null {
  const top = [...reasons].sort(
    (a, b) =>
      Math.abs(b.tagged.meanCsat - b.untagged.meanCsat) -
      Math.abs(a.tagged.meanCsat - a.untagged.meanCsat),
  )[0];
  if (!top) return null;
  return t(
    'reportReasonLead',
    reasonLabel(top.reason),
    formatMean(top.tagged.meanCsat),
    formatMean(top.untagged.meanCsat),
  );
}

/** "Most time away from the record went to Gmail: 10 hr, 60% of all time away." */
export function appsLead(apps: Report['apps']): string | null {
  const top = apps[0];
  if (!top) return null;
  return t('reportAppsLead', appName(top.app), formatDuration(top.awayMs), formatShare(top.share));
}

/** A week as people name it: "Oct 5 – 11". */
export const weekName = (week: { startDate: string; endDate: string }) =>
  formatDateRange(week.startDate, week.endDate, { year: false });

/** First and last week with CSAT: "Average CSAT was 4.2 in the week of Oct 5 – 11 and …". */
export function weeklyLead(weekly: Report['weekly']): string {
  const withCsat = weekly.filter((week) => week.csat.mean !== null);
  const first = withCsat[0];
  const last = withCsat.at(-1);
  if (!first || !last) return t('reportWeeklyNoCsat');
  return t(
    'reportWeeklyLead',
    formatMean(first.csat.mean),
    weekName(first),
    formatMean(last.csat.mean),
    weekName(last),
  );
}

/** Under a chart: the week's Monday ("Oct 5"). */
export const weekTick = (week: { startDate: string }) => formatDay(week.startDate);

/** What suppression left out of a section, as shares; null when nothing was. */
export function leftOutSentence(leftOut: LeftOut): string | null {
  const { interactions, ratings, agents } = leftOut;
  if (interactions === 0 && (ratings ?? 0) === 0 && agents === 0) return null;
  return ratings === null
    ? t('reportLeftOutSharesNoRatings', formatShare(interactions), formatShare(agents))
    : t(
        'reportLeftOutShares',
        formatShare(interactions),
        formatShare(ratings),
        formatShare(agents),
      );
}
