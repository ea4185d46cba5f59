import { useCallback } from 'react';
import { browser } from 'wxt/browser';
import { sendRequest } from '../messaging/router';

const send = (message: unknown) => browser.runtime.sendMessage(message);
const report = (error: unknown) => console.warn('Touchpoint prompt:', error);

/** What the sidebar's effort prompt sends to the background. */
export function usePromptActions() {
  return useCallback(
    (id: string) => ({
      answer: (score: number) =>
        void sendRequest(send, 'prompt.answer', { id, score }).catch(report),
      setReasons: (reasons: string[]) =>
        void sendRequest(send, 'prompt.reasons', { id, reasons }).catch(report),
      act: (action: 'undo' | 'done' | 'dismiss' | 'snooze') =>
        void sendRequest(send, 'prompt.act', { id, action }).catch(report),
    }),
    [],
  );
}
