import { afterEach, describe, expect, it, vi } from 'vitest';
import { speakGerman } from '../../../tests/support/german-browser';
import { CX_IMPORT_PROBLEMS, type CxImportProblem } from '../../../contract/report';

const SAMPLES: Record<(typeof CX_IMPORT_PROBLEMS)[number], CxImportProblem> = {
  missing: { field: 'score', code: 'missing', values: [] },
  app: { field: 'app', code: 'app', values: [] },
  recordIdEmpty: { field: 'record_id', code: 'recordIdEmpty', values: [] },
  recordIdLong: { field: 'record_id', code: 'recordIdLong', values: [] },
  metric: { field: 'metric', code: 'metric', values: ['csat', 'nps', 'ces'] },
  scoreWhole: { field: 'score', code: 'scoreWhole', values: [] },
  scoreRange: { field: 'score', code: 'scoreRange', values: [1, 5, '1-5'] },
  scale: { field: 'scale', code: 'scale', values: ['csat', '1-5'] },
  dateFormat: { field: 'date', code: 'dateFormat', values: [] },
  dateUnreal: { field: 'date', code: 'dateUnreal', values: [] },
  dateFuture: { field: 'date', code: 'dateFuture', values: [] },
  datePast: { field: 'date', code: 'datePast', values: [] },
  duplicate: { field: 'record_id', code: 'duplicate', values: [2] },
  more: { field: null, code: 'more', values: [12] },
  invalid: { field: null, code: 'invalid', values: [] },
};

describe('a refused CSAT row in a German console', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it('says every problem in German, with its values filled in', async () => {
    await speakGerman();
    const { cxProblemText } = await import('./cx-problem-text');
    expect(cxProblemText(SAMPLES.scoreRange)).toBe(
      'score muss auf der Skala 1-5 zwischen 1 und 5 liegen',
    );
    expect(cxProblemText(SAMPLES.metric)).toBe('metric muss csat, nps oder ces sein');
    expect(cxProblemText(SAMPLES.duplicate)).toBe(
      'record_id: derselbe Datensatz und dieselbe Kennzahl wie in Zeile 2',
    );
    // Every code has a German text of its own, none left blank or in English.
    const { cxProblemText: text } = await import('./cx-problem-text');
    const { default: en } = await import('../../../public/_locales/en/messages.json');
    const english = new Set(
      Object.values(en as Record<string, { message: string }>).map((m) => m.message),
    );
    for (const code of CX_IMPORT_PROBLEMS) {
      const german = text(SAMPLES[code]);
      expect(german, code).not.toBe('');
      expect(english.has(german), code).toBe(false);
    }
  });
});
