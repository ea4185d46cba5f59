import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveMessage } from './resolve-message';
import { resolveFormatLocale } from './ui-locale';
import { t, tPlural } from './translate';
import { speakGerman } from '../../tests/support/german-browser';

describe('resolveMessage (browser.i18n.getMessage rules)', () => {
  const messages = {
    price: {
      message: 'Costs $$$AMOUNT$ for $Who$ ($1)',
      placeholders: { amount: { content: '$1' }, who: { content: '$2' } },
    },
  };

  it('fills named placeholders, case-insensitively, and unescapes $$', () => {
    expect(resolveMessage(messages, 'price', ['5', 'Ada'])).toBe('Costs $5 for Ada (5)');
  });

  it('never expands a substituted value again', () => {
    expect(resolveMessage(messages, 'price', ['$2', '$AMOUNT$'])).toBe(
      'Costs $$2 for $AMOUNT$ ($2)',
    );
  });

  it('knows no inherited or unknown keys', () => {
    expect(resolveMessage(messages, 'toString')).toBeUndefined();
    expect(resolveMessage(messages, 'missing')).toBeUndefined();
  });
});

describe('t and tPlural outside the extension', () => {
  it('fall back to the bundled English', () => {
    expect(t('hideSidebar')).toBe('Hide sidebar');
    expect(t('findIn', 'Salesforce')).toBe('Find in Salesforce');
    expect(t('switchesToday', 12_345)).toBe('Switches between apps today: 12,345');
  });

  it.each([
    [0, '0 switches'],
    [1, '1 switch'],
    [2, '2 switches'],
    [1_500, '1,500 switches'],
  ])('pick the plural form by Intl.PluralRules: %d → %s', (count, text) => {
    expect(tPlural('switches', count)).toBe(text);
  });
});

describe('in a German browser', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it('reads messages from browser.i18n and formats numbers and durations in German', async () => {
    await speakGerman();
    const i18n = await import('./index');
    expect(i18n.uiLocale()).toBe('de-DE');
    expect(i18n.t('hideSidebar')).toBe('Seitenleiste ausblenden');
    expect(i18n.tPlural('records', 1)).toBe('1 Datensatz');
    expect(i18n.tPlural('records', 1_500)).toBe('1.500 Datensätze');
    expect(
      i18n.t(
        'interactionFigures',
        i18n.tPlural('switches', 2),
        i18n.formatDuration(180_000),
        i18n.formatDuration(65 * 60_000),
      ),
    ).toBe('Dieser Datensatz: 2 Wechsel, 3 Min. in anderen Apps, 1 Std., 5 Min. Bearbeitung');
    expect(i18n.recordName('Zendesk', 'ticket', '42')).toBe('Zendesk Ticket 42');
  });
});

describe('resolveFormatLocale', () => {
  it.each([
    ['en-GB', 'en', 'en-GB'],
    ['de_CH', 'de', 'de-CH'],
    ['de', 'de', 'de'],
    ['fr-FR', 'en', 'en'],
    [undefined, 'en', 'en'],
    ['not a tag!', 'en', 'en'],
  ])('UI %s with %s messages → %s', (ui, messages, locale) => {
    expect(resolveFormatLocale(ui, messages)).toBe(locale);
  });
});
