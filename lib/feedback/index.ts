// The prompt policy's public contract for the wiring and the settings module (issue #4).
export {
  DEFER_REASON,
  decidePrompt,
  INTERACTION_TRIGGER,
  SKIP_REASON,
  type AgentState,
  type DeferReason,
  type EndedInteraction,
  type InteractionTrigger,
  type PromptDecision,
  type PromptReason,
  type SkipReason,
} from './prompt-policy';
export {
  EMPTY_PROMPT_HISTORY,
  PROMPT_HISTORY_KEY,
  promptHistorySchema,
  pruneHistory,
  recordShown,
  recordSnooze,
  type PromptHistory,
  type ShownPrompt,
} from './prompt-history';
export {
  DEFAULT_PROMPT_SETTINGS,
  EFFORT_REASON,
  EFFORT_SCALE,
  promptSettingsSchema,
  type EffortReason,
  type EffortScale,
  type PromptSettings,
  type QuietHoursRange,
} from '../../contract/prompt-settings';
