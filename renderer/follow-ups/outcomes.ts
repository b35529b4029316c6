import { i18n } from '../i18n';

export const outcomeLabel = (o: string): string =>
  i18n.t(`followUps.outcome.${o}` as 'followUps.outcome.other', { defaultValue: o });
