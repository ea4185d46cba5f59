import { IDENTITY_MODES, type IdentityMode } from '../../contract/api';
import { DEFAULT_PROMPT_SETTINGS } from '../../contract/prompt-settings';
import { defaultSettings } from './definitions';

/** What the first-run page tells an agent, from the settings in force (issue #17). */
export type FirstRunFacts = {
  trackingEnabled: boolean;
  promptsEnabled: boolean;
  identityMode: IdentityMode;
  /** The team's collector, or null: then nothing leaves the browser. */
  collectorUrl: string | null;
  allowPause: boolean;
  retentionDays: number;
  /** Sites of no known app keep their domain (policy); otherwise they are only "other". */
  storeOtherDomains: boolean;
  minGroupSize: number;
};

type SettingValue = { name: string; value?: unknown };

/**
 * The facts from `settings.get`'s entries. A value of the wrong type (which the background would
 * never send) falls back to the default, so the page never states more than is true.
 */
export function firstRunFacts(
  settings: readonly SettingValue[],
  collectorUrl: string | null,
): FirstRunFacts {
  const defaults = defaultSettings();
  const value = (name: string) => settings.find((entry) => entry.name === name)?.value;
  const boolean = (name: string, fallback: boolean) => {
    const found = value(name);
    return typeof found === 'boolean' ? found : fallback;
  };
  const number = (name: string, fallback: number) => {
    const found = value(name);
    return typeof found === 'number' && Number.isFinite(found) ? found : fallback;
  };
  const mode = value('identityMode');
  const prompts = value('prompts');
  return {
    trackingEnabled: boolean('trackingEnabled', defaults.trackingEnabled),
    promptsEnabled:
      typeof prompts === 'object' && prompts !== null && 'enabled' in prompts
        ? prompts.enabled !== false
        : DEFAULT_PROMPT_SETTINGS.enabled,
    identityMode: IDENTITY_MODES.includes(mode as IdentityMode)
      ? (mode as IdentityMode)
      : defaults.identityMode,
    collectorUrl: collectorUrl || null,
    allowPause: boolean('allowPause', defaults.allowPause),
    retentionDays: number('retentionDays', defaults.retentionDays),
    storeOtherDomains: boolean('storeOtherDomains', defaults.storeOtherDomains),
    minGroupSize: number('minGroupSize', defaults.minGroupSize),
  };
}
