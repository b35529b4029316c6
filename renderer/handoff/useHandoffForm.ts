import { useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { EncounterView } from '../../core/encounters/types';
import {
  encounterCreateSchema,
  type EncounterCreate,
  type EncounterCreateInput,
} from '../../core/schemas/encounters';
import { isPoliceSource, type MedicalRedFlag, type PresentingConcern } from '../../core/vocab';
import { useApiForm } from '../api/useApiForm';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useShortcut } from '../shell/shortcuts';
import { parseArrivalText, useArrivalClock, type ArrivalParse } from './arrival-time';

/** The new-arrival form as the handoff screen's field groups receive it. */
export type HandoffForm = UseFormReturn<EncounterCreateInput, unknown, EncounterCreate>;

const EMPTY = {
  referralSource: 'law_enforcement' as const,
  agency: '',
  officerName: '',
  badgeNumber: '',
  citTrained: false,
  coResponder: false,
  probableCause: false,
  divertedFromArrest: false,
  firstName: '',
  lastName: '',
  dateOfBirth: '',
  estimatedAge: null,
  gender: '',
  preferredLanguage: '',
  legalStatus: '' as const,
  presentingConcerns: [] as PresentingConcern[],
  medicalRedFlags: [] as MedicalRedFlag[],
  referToEd: false,
  weaponsSearchDone: false,
  belongings: '',
  notes: '',
  accept: false,
  capacityReason: '',
};

/**
 * The new-arrival form and the officer's clock behind the handoff screen: the clock starts at
 * the first keystroke (or "Officer here", Alt+O), a typed arrival time wins over it, and
 * Ctrl+Enter accepts from anywhere. After each handoff the form clears and Agency has focus.
 */
export function useHandoffForm(serverTime: () => number) {
  const { facility } = useSession();
  const { t } = useI18n();
  const clock = useArrivalClock(serverTime);
  const [done, setDone] = useState<EncounterView | null>(null);
  const [arrivalText, setArrivalText] = useState('');
  const [parsedArrival, setParsedArrival] = useState<ArrivalParse>({ kind: 'empty' });
  const firstFieldRef = useRef<HTMLInputElement | null>(null);
  const { form, onSubmit, formError, setFormError } = useApiForm(
    'encounters.create',
    encounterCreateSchema,
    {
      defaultValues: EMPTY,
      onSuccess: (e) => {
        setDone(e);
        clearForm();
      },
    },
  );
  const police = isPoliceSource(form.watch('referralSource'));
  // Walk-ins and other sources use the same flow without officer fields: drop what was typed.
  useEffect(() => {
    if (police) return;
    for (const f of ['officerName', 'badgeNumber'] as const) form.setValue(f, '');
    for (const f of ['citTrained', 'coResponder', 'probableCause', 'divertedFromArrest'] as const)
      form.setValue(f, false);
  }, [police, form]);
  // The desk's first stop: Agency has focus when the screen opens.
  useEffect(() => {
    firstFieldRef.current?.focus();
  }, []);

  function clearForm() {
    setArrivalText('');
    setParsedArrival({ kind: 'empty' });
    clock.reset();
    form.reset(EMPTY);
    firstFieldRef.current?.focus();
  }

  const onArrivalText = (value: string) => {
    setArrivalText(value);
    form.clearErrors('arrivedAt');
    setParsedArrival(parseArrivalText(value, serverTime(), facility.timeZone));
  };

  const submit = (accept: boolean) => {
    if (parsedArrival.kind === 'invalid') {
      form.setError('arrivedAt', { type: 'client', message: t('handoff.arrivalInvalid') });
      document.getElementById('arrival-time')?.focus();
      return;
    }
    form.setValue('accept', accept);
    // The typed time wins; otherwise the clock started at the first keystroke; otherwise now.
    const arrival = parsedArrival.kind === 'time' ? parsedArrival.at : clock.startedAt;
    form.setValue('arrivedAt', arrival ?? undefined);
    void onSubmit();
  };

  const officerHere = () => {
    clock.start();
    firstFieldRef.current?.focus();
  };

  // Ctrl+Enter (or Cmd+Enter) accepts from anywhere on the form: no mouse needed.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        submit(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  useShortcut('Alt+O', t('handoff.officerHereShortcut'), officerHere, { inFields: true });

  return {
    form,
    formError,
    police,
    clock,
    done,
    arrivalText,
    parsedArrival,
    firstFieldRef,
    onArrivalText,
    submit,
    clearForm,
    officerHere,
    /** An officer accepted from the waiting list: the last receipt and error no longer apply. */
    clearOutcome: () => {
      setDone(null);
      setFormError(null);
    },
  };
}
