import { useState } from 'react';
import { teamPhrasesSchema, type TeamPhrase } from '../../../../shared/assist';
import type { SettingsView } from '../../../../shared/settings';
import type { HostApi } from '../../host';
import { TeamPhrasesEditor, type TeamPhraseError, type TeamPhraseRow, type TeamPhrasesStatus } from './TeamPhrasesEditor';

export interface TeamPhrasesSettingsProps {
  readonly host: HostApi;
  readonly initial: readonly TeamPhrase[];
  readonly onSaved: (view: SettingsView) => void;
}

const rowsOf = (phrases: readonly TeamPhrase[]): TeamPhraseRow[] => phrases.map((p, i) => ({ key: i + 1, ...p }));

const isRowError = (code: string): code is TeamPhraseError => code === 'empty' || code === 'tooLong' || code === 'controlChars';

/** Row errors from the schema's issues (`[index, 'text']`); the first per row is enough to act on. */
function rowErrors(issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[]) {
  const errors: Record<number, TeamPhraseError> = {};
  for (const issue of issues) {
    const [index] = issue.path;
    if (typeof index === 'number' && errors[index] === undefined && isRowError(issue.message)) errors[index] = issue.message;
  }
  return errors;
}

/** Container: the team phrases draft, checked with the shared schema and saved on its own through the host. */
export function TeamPhrasesSettings({ host, initial, onSaved }: TeamPhrasesSettingsProps) {
  const [rows, setRows] = useState<readonly TeamPhraseRow[]>(() => rowsOf(initial));
  const [errors, setErrors] = useState<Readonly<Record<number, TeamPhraseError>>>({});
  const [status, setStatus] = useState<TeamPhrasesStatus>({ kind: 'idle' });

  const save = async () => {
    const checked = teamPhrasesSchema.safeParse(rows.map(({ situation, text }) => ({ situation, text: text.trim() })));
    if (!checked.success) {
      setErrors(rowErrors(checked.error.issues));
      setStatus({ kind: 'invalid' });
      return;
    }
    setStatus({ kind: 'saving' });
    const result = await host.saveSettings({ teamPhrases: checked.data });
    if (!result.ok) {
      setStatus({ kind: 'failed', message: result.error.message });
      return;
    }
    setRows(rowsOf(result.value.teamPhrases));
    setErrors({});
    setStatus({ kind: 'saved' });
    onSaved(result.value);
  };

  return (
    <TeamPhrasesEditor
      rows={rows}
      errors={errors}
      status={status}
      onChange={(next) => {
        setRows(next);
        setErrors({});
        setStatus({ kind: 'idle' });
      }}
      onSave={() => void save()}
    />
  );
}
