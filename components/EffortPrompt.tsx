import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PromptView } from '@/lib/messaging/sidebar-port';
import { parseRecordKey } from '@/contract/record-fields';
import { reasonLabel, recordTitle, t, type MessageKey } from '@/lib/i18n';

const SCALE_LABELS: Record<PromptView['scale'], MessageKey[]> = {
  '1-5': ['effortLow1', 'effortLow2', 'effortLow3', 'effortLow4', 'effortLow5'],
  'ces-7': ['ces1', 'ces2', 'ces3', 'ces4', 'ces5', 'ces6', 'ces7'],
};

export type PromptActions = {
  answer: (score: number) => void;
  setReasons: (reasons: string[]) => void;
  act: (action: 'undo' | 'done' | 'dismiss' | 'snooze') => void;
};

/**
 * "How easy was that?" in one tap (issue #4): a radio group with labelled scores, keys 1–N to
 * answer and Esc to close when the sidebar has focus, optional reason chips after the tap, and
 * undo for a few seconds. It never moves focus: the agent keeps typing where they are.
 */
export function EffortPrompt({
  prompt,
  actions,
  currentRecordKey,
}: {
  prompt: PromptView;
  actions: PromptActions;
  /** The record the sidebar's card shows: a prompt about another one says whose it is. */
  currentRecordKey?: string | undefined;
}) {
  // Shown at once on tap (the acknowledgement must not wait for the service worker).
  const [localScore, setLocalScore] = useState<number | undefined>(prompt.score);
  const [reasons, setReasons] = useState<string[]>(prompt.reasons ?? []);
  const score = prompt.state === 'answered' ? (localScore ?? prompt.score) : localScore;
  const labels = SCALE_LABELS[prompt.scale];
  const { recordType, recordId } = parseRecordKey(prompt.recordKey);
  const record = recordTitle({
    appName: prompt.appName,
    recordType,
    recordId,
    recordNumber: prompt.recordNumber,
    subject: prompt.subject,
  });
  const aboutOtherRecord = currentRecordKey !== undefined && currentRecordKey !== prompt.recordKey;
  const answer = (value: number) => {
    setLocalScore(value);
    actions.answer(value);
  };
  // Keys answer wherever focus is in the sidebar (it only has focus when the agent put it there).
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      // Esc closes; after an answer that keeps it, as "Done" does.
      if (event.key === 'Escape') return actions.act(score === undefined ? 'dismiss' : 'done');
      const value = Number(event.key);
      if (score !== undefined || !Number.isInteger(value) || value < 1 || value > labels.length)
        return;
      setLocalScore(value);
      actions.answer(value);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [actions, labels.length, score]);
  // Undo is offered for `undoMs` after the answer, timed here (the clock prop ticks per minute).
  const [undoExpired, setUndoExpired] = useState(false);
  useEffect(() => {
    if (score === undefined) return;
    const timer = setTimeout(() => setUndoExpired(true), prompt.undoMs);
    return () => clearTimeout(timer);
  }, [score, prompt.undoMs]);
  const canUndo = score !== undefined && !undoExpired;

  return (
    <section
      className="effort-prompt"
      aria-labelledby="effort-question"
      data-testid="effort-prompt"
    >
      <h2 id="effort-question">
        {prompt.scale === 'ces-7' ? t('cesQuestion', record) : t('promptQuestion', record)}
      </h2>
      {aboutOtherRecord && (
        <p className="muted prompt-other-record">
          {prompt.customerName
            ? t('promptOtherRecordCustomer', prompt.customerName)
            : t('promptOtherRecord')}
        </p>
      )}
      {/* Both states share one grid cell, so the prompt never shrinks after a tap and nothing
          moves under the pointer (issue #17): the question stays laid out, hidden and inert. */}
      <div className="prompt-body">
        <div
          className="prompt-ask"
          inert={score !== undefined}
          style={score === undefined ? undefined : { visibility: 'hidden' }}
        >
          <ScaleRadioGroup labels={labels} onAnswer={answer} />
          <p className="muted hint">{t('promptKeysHint', labels.length)}</p>
          <div className="prompt-actions">
            <button type="button" onClick={() => actions.act('snooze')}>
              {t('promptNotNow')}
            </button>
            <button
              type="button"
              aria-label={t('promptDismiss')}
              onClick={() => actions.act('dismiss')}
            >
              ×
            </button>
          </div>
        </div>
        {score !== undefined && (
          <div role="status" className="prompt-thanks">
            <p>
              {t('promptThanks')} <strong>{t(labels[score - 1]!)}</strong>
            </p>
            <div className="prompt-actions">
              <button type="button" onClick={() => actions.act('done')}>
                {t('promptDone')}
              </button>
              {/* Undo keeps its place once expired (hidden, not removed): "Done" stays put. */}
              <button
                type="button"
                className="prompt-undo"
                disabled={!canUndo}
                aria-hidden={!canUndo}
                style={canUndo ? undefined : { visibility: 'hidden' }}
                onClick={() => {
                  setLocalScore(undefined);
                  setReasons([]);
                  setUndoExpired(false);
                  actions.act('undo');
                }}
              >
                {t('promptUndo')}
              </button>
            </div>
            {prompt.reasonChoices.length > 0 && (
              <fieldset className="reason-chips">
                <legend>{t('promptReasonsQuestion')}</legend>
                {prompt.reasonChoices.map((reason) => {
                  const pressed = reasons.includes(reason);
                  return (
                    <button
                      key={reason}
                      type="button"
                      aria-pressed={pressed}
                      onClick={() => {
                        const next = pressed
                          ? reasons.filter((r) => r !== reason)
                          : [...reasons, reason];
                        setReasons(next);
                        actions.setReasons(next);
                      }}
                    >
                      {reasonLabel(reason)}
                    </button>
                  );
                })}
              </fieldset>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

/**
 * WAI-ARIA radio group: one tab stop, arrow keys move, Enter/Space or a click chooses. Not native
 * radio inputs: with those, an arrow key would already check (answer) the next option.
 */
function ScaleRadioGroup({
  labels,
  onAnswer,
}: {
  labels: MessageKey[];
  onAnswer: (score: number) => void;
}) {
  const [focused, setFocused] = useState(0);
  const refs = useRef<(HTMLDivElement | null)[]>([]);
  const moved = useRef(false);
  useEffect(() => {
    // Only after the agent moved with the arrow keys: the prompt itself never takes focus.
    if (moved.current) refs.current[focused]?.focus();
  }, [focused]);
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      return onAnswer(index + 1);
    }
    const step =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? -1
          : 0;
    if (step === 0) return;
    event.preventDefault();
    moved.current = true;
    setFocused((current) => (current + step + labels.length) % labels.length);
  };
  return (
    <div role="radiogroup" aria-labelledby="effort-question" className="effort-scale">
      {labels.map((label, index) => (
        <div
          key={label}
          ref={(element) => {
            refs.current[index] = element;
          }}
          role="radio"
          aria-checked={false}
          tabIndex={index === focused ? 0 : -1}
          onClick={() => onAnswer(index + 1)}
          onKeyDown={(event) => onKeyDown(event, index)}
          className="effort-option"
        >
          <span className="effort-number" aria-hidden="true">
            {index + 1}
          </span>
          <span className="effort-label">{t(label)}</span>
        </div>
      ))}
    </div>
  );
}
