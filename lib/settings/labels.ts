import { t, type MessageKey } from '../i18n';
import { SETTINGS, type SettingName } from './definitions';

/**
 * Each setting's label key. Partial so a new setting never breaks the build; labels.test.ts fails
 * until it has a label in every locale.
 */
export const SETTING_LABEL_KEYS: Partial<Record<SettingName, MessageKey>> = {
  trackingEnabled: 'setting_trackingEnabled',
  countInAppTabSwitches: 'setting_countInAppTabSwitches',
  idleThresholdSeconds: 'setting_idleThresholdSeconds',
  trackedApps: 'setting_trackedApps',
  catalogueAdditions: 'setting_catalogueAdditions',
  storeOtherDomains: 'setting_storeOtherDomains',
  inHouseDomains: 'setting_inHouseDomains',
  allowPause: 'setting_allowPause',
  interactionEndTriggers: 'setting_interactionEndTriggers',
  prompts: 'setting_prompts',
  recordHashSecret: 'setting_recordHashSecret',
  minGroupSize: 'setting_minGroupSize',
  retentionDays: 'setting_retentionDays',
  defaultCallingCode: 'setting_defaultCallingCode',
  idLinks: 'setting_idLinks',
  adapterHosts: 'setting_adapterHosts',
  collectorUrl: 'setting_collectorUrl',
  collectorToken: 'setting_collectorToken',
  syncIntervalMinutes: 'setting_syncIntervalMinutes',
  teamPolicyRefreshMinutes: 'setting_teamPolicyRefreshMinutes',
  syncBackoffCapSeconds: 'setting_syncBackoffCapSeconds',
  identityMode: 'setting_identityMode',
  agentId: 'setting_agentId',
  customAdapters: 'setting_customAdapters',
  adapterBuilder: 'setting_adapterBuilder',
};

/** A setting's label in the UI language; its name where no label exists yet. */
export function settingLabel(name: string): string {
  const key = SETTING_LABEL_KEYS[name as SettingName];
  return key ? t(key as 'extensionName') : name;
}

export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];
