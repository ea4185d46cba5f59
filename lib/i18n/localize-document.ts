import { t } from './translate';
import { uiLocale } from './ui-locale';

/**
 * Gives an extension page its title and `lang` in the UI language: Chrome substitutes `__MSG_…__`
 * only in the manifest and CSS, not in HTML, so the static English title is replaced at start.
 */
export function localizeDocument(
  document: Document,
  titleKey: 'extensionName' | 'optionsPageTitle' | 'consolePageTitle' | 'firstRunTitle',
) {
  document.documentElement.lang = uiLocale();
  document.title = t(titleKey);
}
