import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n';
import { useShortcutList } from './shortcuts';
import { TableHead } from '../components/TableHead';

/** The list of keyboard shortcuts (press ? anywhere outside a field). */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const shortcuts = useShortcutList();
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const seen = new Set<string>();
  const unique = shortcuts.filter((s) => (seen.has(s.keys) ? false : (seen.add(s.keys), true)));
  return (
    <dialog
      ref={ref}
      className="help-overlay"
      aria-labelledby="help-title"
      onClose={onClose}
      onCancel={onClose}
    >
      <h2 id="help-title">{t('shell.helpTitle')}</h2>
      <table className="table">
        <TableHead columns={[t('shell.helpKeys'), t('shell.helpAction')]} />
        <tbody>
          {unique.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="primary" onClick={onClose} autoFocus>
        {t('shell.helpClose')}
      </button>
    </dialog>
  );
}
