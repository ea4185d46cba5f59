import type { CxImportError, CxImportProblem } from '@/contract/report';
import { t, uiLocale } from '@/lib/i18n';

const either = (values: readonly (string | number)[]) =>
  new Intl.ListFormat(uiLocale(), { type: 'disjunction' }).format(values.map(String));

/** One problem of a refused CSAT row in the supervisor's language (issue #14). */
export function cxProblemText({ field, code, values }: CxImportProblem): string {
  const column = field ?? 'row';
  switch (code) {
    case 'missing':
      return t('cxProblemMissing', column);
    case 'app':
      return t('cxProblemApp');
    case 'recordIdEmpty':
      return t('cxProblemRecordIdEmpty');
    case 'recordIdLong':
      return t('cxProblemRecordIdLong');
    case 'metric':
      return t('cxProblemMetric', either(values));
    case 'scoreWhole':
      return t('cxProblemScoreWhole');
    case 'scoreRange':
      return t('cxProblemScoreRange', values[0] ?? '', values[1] ?? '', values[2] ?? '');
    case 'scale':
      return t('cxProblemScale', values[0] ?? '', either(values.slice(1)));
    case 'dateFormat':
      return t('cxProblemDateFormat');
    case 'dateUnreal':
      return t('cxProblemDateUnreal');
    case 'dateFuture':
      return t('cxProblemDateFuture');
    case 'datePast':
      return t('cxProblemDatePast');
    case 'duplicate':
      return t('cxProblemDuplicate', values[0] ?? '');
    case 'more':
      return t('cxProblemMore', values[0] ?? '');
    case 'invalid':
      return t('cxProblemInvalid', column);
  }
}

/** A refused line's problems, joined; the collector's English where it named none. */
export const cxErrorText = (error: CxImportError) =>
  error.problems.length > 0 ? error.problems.map(cxProblemText).join('; ') : error.message;
