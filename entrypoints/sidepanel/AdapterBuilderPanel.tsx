import { AdapterBuilderView } from '@/components/builder/AdapterBuilderView';
import { t } from '@/lib/i18n';
import { useAdapterBuilder } from '@/lib/platform/pages/use-adapter-builder';

type Props = { tabId: number; collectorUrl: string | null; now: number; onClose: () => void };

/** The adapter builder for one tab, in the side panel in place of the card (issue #16). */
export function AdapterBuilderPanel({ tabId, collectorUrl, now, onClose }: Props) {
  const model = useAdapterBuilder(tabId, collectorUrl);
  return (
    <main aria-label={t('builderTitle')} className="sidebar">
      <AdapterBuilderView
        model={model}
        collectorUrl={collectorUrl}
        now={now}
        onClose={() => {
          model.cancelPick();
          onClose();
        }}
      />
    </main>
  );
}
