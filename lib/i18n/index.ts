// The UI's translations and locale formatting (issue #4). Pages and components import from here;
// the content script does not (it stays tiny and reads `browser.i18n` directly).
export { t, tPlural, type MessageKey, type PluralBase } from './translate';
export { formatDuration, formatNumber, formatRelativeTime, formatTime } from './format';
export { uiLocale } from './ui-locale';
export {
  recordName,
  recordShortName,
  recordShortTitle,
  recordTitle,
  recordTypeLabel,
} from './record-names';
export { reasonLabel } from './reason-labels';
export { contextFieldLabel } from './field-labels';
export { localizeDocument } from './localize-document';
