import { t } from '@/lib/i18n';
import type { SettingState } from '@/lib/settings/sources';
import { sourceLabel } from './format-setting';

/** Where a value comes from and, when the admin locked it, a lock badge (PRODUCT.md). */
export function SourceBadges({ name, state }: { name: string; state: SettingState }) {
  return (
    <>
      <span className={`source-badge source-${state.source}`} data-testid={`source-${name}`}>
        {sourceLabel(state.source)}
      </span>
      {state.locked && (
        <span className="lock-badge" data-testid={`locked-${name}`}>
          {t('lockedByAdmin')}
        </span>
      )}
    </>
  );
}
