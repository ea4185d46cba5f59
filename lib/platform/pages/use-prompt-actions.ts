import { useCallback } from 'react';
import { sidebarRequest } from './sidebar-client';

const report = (error: unknown) => console.warn('Touchpoint prompt:', error);

/** What the sidebar's effort prompt sends to the background. */
export function usePromptActions() {
  return useCallback(
    (id: string) => ({
      answer: (score: number) => void sidebarRequest('prompt.answer', { id, score }).catch(report),
      setReasons: (reasons: string[]) =>
        void sidebarRequest('prompt.reasons', { id, reasons }).catch(report),
      act: (action: 'undo' | 'done' | 'dismiss' | 'snooze') =>
        void sidebarRequest('prompt.act', { id, action }).catch(report),
    }),
    [],
  );
}
