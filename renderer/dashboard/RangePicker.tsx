import { DateRangeFields, type DateRange } from '../components/DateRangeFields';
import { useI18n } from '../i18n';
import { PRESETS, type RangePreset } from './ranges';

/** The dashboard's date range: a preset, or two dates of the manager's choosing. */
export function RangePicker({
  preset,
  custom,
  onPreset,
  onCustom,
}: {
  preset: RangePreset;
  custom: DateRange;
  onPreset(p: RangePreset): void;
  onCustom(r: DateRange): void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="range-picker">
      <legend>{t('figures.dateRange')}</legend>
      <div className="row-actions" role="group" aria-label={t('figures.dateRange')}>
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={preset === p.id}
            className={preset === p.id ? 'primary' : undefined}
            onClick={() => onPreset(p.id)}
          >
            {t(`figures.presets.${p.id}`)}
          </button>
        ))}
      </div>
      {preset === 'custom' ? (
        <div className="inline-form">
          <DateRangeFields
            idPrefix="range"
            labels={{ from: t('figures.from'), to: t('figures.to') }}
            value={custom}
            onChange={onCustom}
          />
        </div>
      ) : null}
    </fieldset>
  );
}
