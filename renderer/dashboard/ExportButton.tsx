import { useState } from 'react';
import { api } from '../api/client';
import { useI18n } from '../i18n';
import { downloadText } from './csv-download';

/**
 * Downloads every encounter as encounter CSV v1 (the same file as `handoff export`), fetched in
 * pages so neither transport carries one huge message.
 */
export function ExportButton() {
  const [state, setState] = useState<{ busy: boolean; rows: number; error: string | null }>({
    busy: false,
    rows: 0,
    error: null,
  });
  const { t } = useI18n();
  const run = async () => {
    setState({ busy: true, rows: 0, error: null });
    const parts: string[] = [];
    let after: { arrivedAt: number; reference: string } | null = null;
    let rows = 0;
    for (;;) {
      const r: Awaited<ReturnType<typeof api.call<'encounters.exportPage'>>> = await api.call(
        'encounters.exportPage',
        { after },
      );
      if (!r.ok) {
        setState({ busy: false, rows, error: r.error.message });
        return;
      }
      parts.push(r.value.csv);
      rows += r.value.rows;
      setState({ busy: true, rows, error: null });
      if (!r.value.next) break;
      after = r.value.next;
    }
    downloadText(parts, 'handoff-encounters.csv');
    setState({ busy: false, rows, error: null });
  };
  return (
    <span className="export-button">
      <button type="button" onClick={() => void run()} disabled={state.busy}>
        {state.busy ? t('figures.exporting', { count: state.rows }) : t('figures.export')}
      </button>
      {state.error ? (
        <span role="alert" className="field-error">
          {state.error}
        </span>
      ) : null}
    </span>
  );
}
