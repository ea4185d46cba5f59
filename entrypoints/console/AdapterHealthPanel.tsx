import { useCallback, useEffect, useState } from 'react';
import {
  AdapterHealthView,
  type DefinitionsEditorState,
} from '@/components/console/AdapterHealthView';
import { useNow } from '@/components/use-now';
import type { ResponseOf } from '@/lib/messaging/router';
import { BUILTIN_ADAPTERS } from '@/lib/adapters/registry';
import { checkDefinitionsDraft, withFieldOverride } from '@/lib/adapters/definitions-draft';
import { readTeamAdaptersLeniently } from '@/contract/adapter-definitions';
import { t } from '@/lib/i18n';
import { request } from '@/lib/platform/pages/extension-client';

type Loaded = ResponseOf<'console.adapterHealth'>;
const HEALTH_DAYS = 7;

const asText = (value: unknown) => JSON.stringify(value, null, 2);
const message = (reason: unknown) => (reason instanceof Error ? reason.message : String(reason));

function problemsOf(text: string): string[] {
  const check = checkDefinitionsDraft(text);
  if (check.ok) return [];
  if (check.json !== null) return [t('adapterDefinitionsInvalidJson', check.json)];
  return check.problems.map((problem) => t('adapterDefinitionsProblem', problem));
}

/** The console's "Adapter health" view with its data (issue #16). */
export function AdapterHealthPanel() {
  const now = useNow();
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const [editor, setEditor] = useState<DefinitionsEditorState>({
    text: '',
    problems: [],
    message: undefined,
    busy: false,
  });

  const load = useCallback((status?: string) => {
    request('console.adapterHealth', { days: HEALTH_DAYS }).then(
      (next) => {
        setLoaded(next);
        const text = asText(next.adapters.definitions);
        setEditor({
          text,
          // An entry stored under an older version's checks is named at once, to be fixed.
          problems: problemsOf(text),
          message: status,
          busy: false,
        });
      },
      (reason: unknown) => setError(message(reason)),
    );
  }, []);
  useEffect(() => load(), [load]);

  if (error) return <p role="alert">{error}</p>;
  if (!loaded) return null;

  const edit = (text: string) =>
    setEditor((current) => ({ ...current, text, problems: problemsOf(text), message: undefined }));
  const failed = (reason: unknown) =>
    setEditor((current) => ({ ...current, busy: false, message: message(reason) }));

  return (
    <AdapterHealthView
      report={loaded.report}
      adapters={loaded.adapters}
      canPublish={loaded.role === 'admin'}
      now={now}
      editor={editor}
      onEdit={edit}
      onOverride={(app, field) => {
        const check = checkDefinitionsDraft(editor.text);
        const base = check.ok
          ? check.definitions
          : readTeamAdaptersLeniently(loaded.adapters)!.definitions;
        const current = BUILTIN_ADAPTERS.find((adapter) => adapter.id === app)?.fields[field] ?? [];
        edit(asText(withFieldOverride(base, app, field, current)));
      }}
      onPublish={() => {
        const check = checkDefinitionsDraft(editor.text);
        if (!check.ok) return edit(editor.text);
        setEditor((current) => ({ ...current, busy: true, message: undefined }));
        request('console.publishAdapters', {
          baseVersion: loaded.adapters.version,
          definitions: check.definitions,
        }).then((published) => load(t('adapterDefinitionsPublished', published.version)), failed);
      }}
      onRollBack={() => {
        setEditor((current) => ({ ...current, busy: true, message: undefined }));
        request('console.rollbackAdapters', {}).then(
          (rolledBack) => load(t('adapterDefinitionsRolledBack', rolledBack.version)),
          failed,
        );
      }}
    />
  );
}
