import { useState } from 'react';
import { t } from '@/lib/i18n';

/** `label` is the button's accessible name ("Copy email"), already in the UI language. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="copy-button"
      aria-label={label}
      onClick={() => {
        void navigator.clipboard.writeText(value).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      {copied ? t('copied') : t('copy')}
    </button>
  );
}
