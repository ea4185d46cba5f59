import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import { collectorTokenSchema } from '../../../contract/api';
import type { RecordType } from '../../../contract/record-fields';
import { describeIssues } from '../../../contract/validation';
import type { previewResultSchema } from '../../adapters/builder/agent-results';
import {
  draftOf,
  fieldsToCheckAt,
  recordIdAt,
  startSession,
  withCheck,
  withPick,
  type BuilderSession,
} from '../../adapters/builder/builder-session';
import { draftToDefinition, managedPolicyJson } from '../../adapters/builder/draft-adapter';
import type { BuilderField } from '../../adapters/builder/field-pick';
import { createAdapterPublisher, type PublishResult } from '../../adapters/builder/publish';
import { downloadText } from './download';
import {
  createPageAgentClient,
  hasOriginAccess,
  requestOriginAccess,
  tabAddress,
  watchTabLoads,
} from './page-agent-client';

export type PublishState =
  | { status: 'idle' }
  | { status: 'publishing' }
  | PublishResult
  | { status: 'failed'; message: string };

export type BuilderProblem = 'notAWebPage' | 'noAccess' | { pageError: string };

/** A session on the tab's page, once the extension may read it. */
async function openSession(
  tabId: number,
): Promise<{ session: BuilderSession } | { problem: BuilderProblem }> {
  const address = await tabAddress(tabId);
  if (!address || !/^https?:/.test(address)) return { problem: 'notAWebPage' };
  if (!(await hasOriginAccess(address))) return { problem: 'noAccess' };
  return { session: startSession(address) };
}

export type SessionPatch = Partial<Pick<BuilderSession, 'id' | 'name' | 'recordType'>>;

/**
 * The adapter builder on one tab: the session (pure, builder-session.ts) driven by the admin's
 * picks in the page, re-checked when another record loads in the tab, previewed with the draft
 * adapter, exported or published.
 */
export function useAdapterBuilder(tabId: number, collectorUrl: string | null) {
  const client = useMemo(() => createPageAgentClient(tabId), [tabId]);
  const [session, setSession] = useState<BuilderSession>();
  const [picking, setPicking] = useState<BuilderField>();
  const [problem, setProblem] = useState<BuilderProblem>();
  const [preview, setPreview] = useState<z.infer<typeof previewResultSchema>>();
  const [pageLoads, setPageLoads] = useState(0);
  const [publishState, setPublishState] = useState<PublishState>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const sessionRef = useRef(session);
  useEffect(() => {
    sessionRef.current = session;
  }, [session]);

  const fail = (error: unknown) =>
    setProblem({ pageError: error instanceof Error ? error.message : String(error) });

  useEffect(() => {
    let live = true;
    void openSession(tabId).then((opened) => {
      if (!live) return;
      if ('problem' in opened) setProblem(opened.problem);
      else setSession(opened.session);
    });
    return () => {
      live = false;
    };
  }, [tabId, attempt]);

  /** The admin's click on "Allow access": the browser asks, then the builder starts. */
  const allowAccess = useCallback(async () => {
    const address = await tabAddress(tabId);
    if (address && (await requestOriginAccess(address))) setAttempt((count) => count + 1);
  }, [tabId]);

  // Only the latest pick may update the panel: an abandoned one can still answer later.
  const pickRun = useRef(0);
  const pick = useCallback(
    async (field: BuilderField, prompt: string) => {
      const run = ++pickRun.current;
      setPicking(field);
      try {
        const address = await tabAddress(tabId);
        const readings = await client.pick(field, prompt);
        if (run !== pickRun.current) return;
        if (readings && address)
          setSession((current) => current && withPick(current, field, address, readings));
        setProblem(undefined);
      } catch (error) {
        if (run === pickRun.current) fail(error);
      } finally {
        if (run === pickRun.current) setPicking(undefined);
      }
    },
    [client, tabId],
  );

  // Also when the page went away mid-pick (its answer may never come): the panel is free again.
  const cancelPick = useCallback(() => {
    pickRun.current += 1;
    void client.cancel();
    setPicking(undefined);
  }, [client]);

  // Another record in the tab: check every field picked elsewhere against it.
  useEffect(
    () =>
      watchTabLoads(tabId, (url) => {
        setPageLoads((count) => count + 1);
        const current = sessionRef.current;
        const recordId = current && recordIdAt(current, url);
        const fields = current ? fieldsToCheckAt(current, url) : [];
        if (!current || !recordId || fields.length === 0) return;
        void Promise.all(
          fields.map(async (field) => {
            const extractors = current.fields[field]!.candidates.map((c) => c.extractor);
            return [field, await client.check(extractors)] as const;
          }),
        ).then((results) => {
          setSession((latest) =>
            results.reduce(
              (next, [field, checks]) => next && withCheck(next, field, recordId, checks),
              latest,
            ),
          );
        }, fail);
      }),
    [client, tabId],
  );

  const draft = useMemo(
    () => (session ? draftToDefinition(draftOf(session)) : undefined),
    [session],
  );

  useEffect(() => {
    if (!draft?.ok || picking) return;
    client.preview(draft.definition).then(setPreview, fail);
  }, [client, draft, picking, pageLoads]);

  const update = useCallback((patch: SessionPatch) => {
    setSession((current) => current && { ...current, ...patch });
  }, []);

  const policyJson = draft?.ok ? managedPolicyJson(draft.input) : undefined;
  const download = useCallback(() => {
    if (policyJson && draft?.ok) {
      downloadText(
        `touchpoint-adapter-${draft.definition.id}.json`,
        policyJson,
        'application/json',
      );
    }
  }, [draft, policyJson]);

  const publish = useCallback(
    async (token: string) => {
      if (!draft?.ok || !collectorUrl) return;
      // The same check as the console's sign-in: a pasted token of the wrong shape is named here.
      const format = collectorTokenSchema.safeParse(token.trim());
      if (!format.success) {
        setPublishState({ status: 'failed', message: `token ${describeIssues(format.error)}` });
        return;
      }
      setPublishState({ status: 'publishing' });
      try {
        const publisher = createAdapterPublisher(
          { url: collectorUrl, token: format.data },
          (input, init) => fetch(input, init),
        );
        setPublishState(await publisher.publish(draft.definition));
      } catch (error) {
        setPublishState({
          status: 'failed',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    },
    [collectorUrl, draft],
  );

  return {
    session,
    picking,
    problem,
    draft,
    preview,
    policyJson,
    publishState,
    allowAccess,
    pick,
    cancelPick,
    update,
    setRecordType: (recordType: RecordType) => update({ recordType }),
    download,
    publish,
  };
}
export type AdapterBuilderModel = ReturnType<typeof useAdapterBuilder>;
