import { useState } from 'react';
import { RECORD_TYPES } from '@/contract/record-fields';
import {
  previewCard,
  stabilityOf,
  type BuilderSession,
  type FieldState,
} from '@/lib/adapters/builder/builder-session';
import { BUILDER_FIELDS, type BuilderField } from '@/lib/adapters/builder/field-pick';
import type { AnchorKind } from '@/lib/adapters/builder/propose-selector';
import { contextFieldLabel, recordTypeLabel, t, type MessageKey } from '@/lib/i18n';
import type { AdapterBuilderModel } from '@/lib/platform/pages/use-adapter-builder';
import { CopyButton } from '../CopyButton';
import { CustomerCardView } from '../CustomerCardView';

const ANCHOR_LABELS = {
  id: 'builderAnchorId',
  data: 'builderAnchorData',
  aria: 'builderAnchorAria',
  label: 'builderAnchorLabel',
  path: 'builderAnchorPath',
  class: 'builderAnchorClass',
  position: 'builderAnchorPosition',
} as const satisfies Record<AnchorKind, MessageKey>;

type Props = {
  model: AdapterBuilderModel;
  collectorUrl: string | null;
  now: number;
  onClose: () => void;
};

/** The visual adapter builder in the side panel (issue #16): picks, checks, preview, export. */
export function AdapterBuilderView({ model, collectorUrl, now, onClose }: Props) {
  const { session, problem } = model;
  return (
    <section className="builder" aria-labelledby="builder-title">
      <div className="builder-heading">
        <h2 id="builder-title">{t('builderTitle')}</h2>
        <button type="button" className="link-button" onClick={onClose}>
          {t('builderBack')}
        </button>
      </div>
      {problem && (
        <p className="builder-problem" role="alert">
          {problem === 'notAWebPage'
            ? t('builderNotAWebPage')
            : problem === 'noAccess'
              ? t('builderNoAccess')
              : t('builderPageError', problem.pageError)}{' '}
          {problem === 'noAccess' && (
            <button type="button" onClick={() => void model.allowAccess()}>
              {t('builderAllowAccess')}
            </button>
          )}
        </p>
      )}
      {session && (
        <>
          <p className="muted">{t('builderIntro')}</p>
          <ToolIdentity session={session} model={model} />
          <RecordAddress session={session} />
          {session.proposal && (
            <>
              <FieldList session={session} model={model} />
              <Preview model={model} now={now} />
              <Export model={model} />
              <Publish model={model} collectorUrl={collectorUrl} />
            </>
          )}
        </>
      )}
    </section>
  );
}

function ToolIdentity({ session, model }: { session: BuilderSession; model: AdapterBuilderModel }) {
  return (
    <div className="builder-identity">
      <label>
        {t('builderToolName')}
        <input
          value={session.name}
          onChange={(event) => model.update({ name: event.target.value })}
        />
      </label>
      <label>
        {t('builderToolId')}
        <input value={session.id} onChange={(event) => model.update({ id: event.target.value })} />
      </label>
      <label>
        {t('builderRecordType')}
        <select
          value={session.recordType}
          onChange={(event) =>
            model.setRecordType(event.target.value as BuilderSession['recordType'])
          }
        >
          {RECORD_TYPES.map((type) => (
            <option key={type} value={type}>
              {recordTypeLabel(type)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function RecordAddress({ session }: { session: BuilderSession }) {
  const { proposal } = session;
  return (
    <section aria-labelledby="builder-address">
      <h3 id="builder-address">{t('builderRecordAddress')}</h3>
      {proposal ? (
        <>
          <p className="builder-address" data-testid="builder-address">
            {proposal.before}
            <mark>{proposal.recordId}</mark>
            {proposal.after}
          </p>
          <p className="muted">{t('builderIdHighlighted')}</p>
          <code className="builder-code" data-testid="builder-pattern">
            {session.recordPattern}
          </code>
        </>
      ) : (
        <p role="status">{t('builderNoRecordInAddress')}</p>
      )}
    </section>
  );
}

function FieldList({ session, model }: { session: BuilderSession; model: AdapterBuilderModel }) {
  const checked = Object.values(session.fields).some((state) => state.secondRecord);
  return (
    <section aria-labelledby="builder-fields">
      <h3 id="builder-fields">{t('builderFields')}</h3>
      {model.picking && (
        <p className="builder-picking" role="status">
          {t('builderPicking')}{' '}
          <button type="button" onClick={model.cancelPick}>
            {t('builderCancelPick')}
          </button>
        </p>
      )}
      <ul className="builder-fields">
        {BUILDER_FIELDS.map((field) => (
          <FieldRow key={field} field={field} state={session.fields[field]} model={model} />
        ))}
      </ul>
      {!checked && Object.keys(session.fields).length > 0 && (
        <p className="muted">{t('builderSecondRecordHint')}</p>
      )}
    </section>
  );
}

function FieldRow({
  field,
  state,
  model,
}: {
  field: BuilderField;
  state: FieldState | undefined;
  model: AdapterBuilderModel;
}) {
  const label = contextFieldLabel(field);
  const best = state?.candidates[0];
  const stability = state && stabilityOf(state);
  const verdict = state?.secondRecord?.verdicts[0];
  return (
    <li className="builder-field" data-field={field}>
      <div className="builder-field-head">
        <strong>{label}</strong>
        <button
          type="button"
          aria-label={t('builderPickField', label)}
          disabled={model.picking !== undefined}
          onClick={() => void model.pick(field, t('builderPickPrompt', label))}
        >
          {state ? t('builderPickAgain') : t('builderPick')}
        </button>
      </div>
      {!state || !best ? (
        <p className="muted">{t('builderNotPicked')}</p>
      ) : (
        <>
          <p className="builder-value" data-testid={`builder-value-${field}`}>
            {(verdict?.stable ? verdict.value : best.value) ?? t('builderReadsNothing')}
          </p>
          <code className="builder-code">
            {(verdict?.stable ? verdict : best).extractor.selector}
          </code>{' '}
          <span className="muted">{t(ANCHOR_LABELS[(verdict?.stable ? verdict : best).kind])}</span>
          <p
            className={`builder-badge builder-${stability}`}
            data-testid={`builder-stability-${field}`}
          >
            {stability === 'unique'
              ? t('builderUniqueHere')
              : stability === 'stable'
                ? t('builderStable', state.secondRecord!.recordId)
                : t('builderUnstable', state.secondRecord!.recordId)}
          </p>
        </>
      )}
    </li>
  );
}

function Preview({ model, now }: { model: AdapterBuilderModel; now: number }) {
  const { draft, preview } = model;
  return (
    <section aria-labelledby="builder-preview" data-testid="builder-preview">
      <h3 id="builder-preview">{t('builderPreview')}</h3>
      {!draft || (!draft.ok && draft.problem === null) ? (
        <p className="muted">{t('builderPreviewNone')}</p>
      ) : !draft.ok ? (
        <p role="alert">{t('builderInvalid', draft.problem ?? '')}</p>
      ) : preview?.ok ? (
        <CustomerCardView card={previewCard(preview.context, now, '1')} now={now} />
      ) : preview ? (
        <p role="status">{t('builderPreviewFailed', preview.reason)}</p>
      ) : null}
    </section>
  );
}

function Export({ model }: { model: AdapterBuilderModel }) {
  if (!model.policyJson) return null;
  return (
    <section aria-labelledby="builder-export">
      <h3 id="builder-export">{t('builderExport')}</h3>
      <p className="muted">{t('builderExportHint')}</p>
      <pre className="builder-json" data-testid="builder-policy-json">
        {model.policyJson}
      </pre>
      {model.draft?.ok && (
        <details>
          <summary>{t('builderAdapterReadable')}</summary>
          <pre className="builder-json">{JSON.stringify(model.draft.input, null, 2)}</pre>
        </details>
      )}
      <div className="builder-actions">
        <CopyButton value={model.policyJson} label={t('builderCopyPolicy')} />
        <button type="button" onClick={model.download}>
          {t('builderDownloadPolicy')}
        </button>
      </div>
    </section>
  );
}

function Publish({
  model,
  collectorUrl,
}: {
  model: AdapterBuilderModel;
  collectorUrl: string | null;
}) {
  const [token, setToken] = useState('');
  const state = model.publishState;
  if (!model.draft?.ok) return null;
  return (
    <section aria-labelledby="builder-publish">
      <h3 id="builder-publish">{t('builderPublish')}</h3>
      {!collectorUrl ? (
        <p className="muted">{t('builderNoCollector')}</p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void model.publish(token);
          }}
        >
          <label>
            {t('builderAdminToken')}
            <input
              type="password"
              autoComplete="off"
              value={token}
              onChange={(event) => setToken(event.target.value)}
            />
          </label>
          <button type="submit" disabled={!token || state.status === 'publishing'}>
            {state.status === 'stale' ? t('builderRetry') : t('builderPublish')}
          </button>
          <p role="status">
            {state.status === 'publishing'
              ? t('builderPublishing')
              : state.status === 'published'
                ? t('builderPublished', state.version)
                : state.status === 'stale'
                  ? t('builderStale')
                  : state.status === 'failed'
                    ? t('builderPublishFailed', state.message)
                    : null}
          </p>
        </form>
      )}
    </section>
  );
}
