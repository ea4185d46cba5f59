import { browser } from 'wxt/browser';
import { createFeedbackService } from '../../background/feedback-service';
import type { TouchpointDb } from '../../storage/db';
import { readAgentState } from './agent-state';
import type { PolicyService } from './policy';
import { requestTab } from './tab-client';

export type PromptDeps = {
  db: TouchpointDb;
  newId: (now: number) => string;
  policy: Pick<PolicyService, 'settings' | 'classify' | 'hashRecord'>;
  /** A prompt was shown, answered or closed: sidebars and sync follow. */
  onChange: () => void;
};

/**
 * The effort prompt (issue #4) in the browser: the feedback service with the agent's state read
 * from the page in front, a timer for due work while the worker lives (the tracker's one-minute
 * flush sweeps as the backstop), and a nudge to the front tab's collapsed sidebar.
 */
export function createPromptService(deps: PromptDeps) {
  const { policy } = deps;
  let sweepTimer: ReturnType<typeof setTimeout> | undefined;
  const feedback = createFeedbackService({
    db: deps.db,
    settings: async () => (await policy.settings()).prompts,
    agentState: () => readAgentState(policy.classify),
    hashRecord: policy.hashRecord,
    newId: deps.newId,
    now: Date.now,
    wakeAt: (at) => {
      clearTimeout(sweepTimer);
      sweepTimer = setTimeout(() => void feedback.sweep(), Math.max(0, at - Date.now()) + 50);
    },
    onChange: () => {
      void nudgeFrontTab();
      deps.onChange();
    },
  });

  /** The front tab's collapsed sidebar shows a small card while a prompt waits for an answer. */
  async function nudgeFrontTab() {
    const active = await feedback.active();
    const [front] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    if (front?.id === undefined) return;
    await requestTab(front.id, 'prompt.nudge', { show: active?.state === 'shown' });
  }

  return feedback;
}
