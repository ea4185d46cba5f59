import { useCallback } from 'react';
import { request } from './extension-client';

const report = (error: unknown) => console.warn('Touchpoint prompt:', error);

/** What the sidebar's effort prompt sends to the background. */
export function usePromptActions() {
  return useCallback(
    (id: string) => ({
      answer: (score: number) => void request('prompt.answer', { id, score }).catch(report),
      setReasons: (reasons: string[]) =>
        void request('prompt.reasons', { id, reasons }).catch(report),
      act: (action: 'undo' | 'done' | 'dismiss' | 'snooze') =>
        void request('prompt.act', { id, action }).catch(report),
    }),
    [],
  );
}
