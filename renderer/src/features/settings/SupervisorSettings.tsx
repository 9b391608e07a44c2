import { useTranslation } from '../../i18n';
import { useId, useState } from 'react';
import type { SettingsView } from '../../../../shared/settings';
import type { HostApi } from '../../host';

/** The Supervisor section (issue 16): the role is saved at once and changes no sign-in setting. */
export function SupervisorSettings({
  host,
  initial,
  onSaved,
}: {
  readonly host: HostApi;
  readonly initial: boolean;
  readonly onSaved: (view: SettingsView) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [checked, setChecked] = useState(initial);
  const [failed, setFailed] = useState(false);
  const save = async (supervisor: boolean) => {
    setChecked(supervisor);
    const saved = await host.saveSettings({ supervisor });
    setFailed(!saved.ok);
    if (saved.ok) onSaved(saved.value);
    else setChecked(!supervisor);
  };
  return (
    <section className="settings-form supervisor-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('supervision.settings.title')}</h2>
      <div className="field checkbox">
        <label>
          <input type="checkbox" checked={checked} onChange={(e) => void save(e.target.checked)} />
          {t('supervision.settings.role')}
        </label>
      </div>
      <p className="hint">{t('supervision.settings.hint')}</p>
      {failed && <p role="alert">{t('supervision.settings.failed')}</p>}
    </section>
  );
}
