/**
 * Messages a person can see that do not come from the renderer's own strings: the shared
 * schemas' validation messages and the server's errors. Each has a stable key (the translation
 * key in the renderer, `messages.<key>`) and params; the English text here is what the server,
 * the CLI and the English UI show, exactly as written.
 *
 * - `m(key, params)` returns the English text and remembers which key and params made it, so a
 *   zod message (which is only a string) can be traced back to its key: `codeOf(text)`.
 *   Use it for messages built from a bounded set of params (schemas, fixed rules).
 * - `msg(key, params)` is for runtime params (a bed label, a username): an object an ApiError
 *   carries as is, never remembered.
 *
 * Params: `label` names a field (FIELD_LABELS key); `bedStatus`, `encounterStatus` and
 * `capacityStatus` are vocabulary values written as words (PARAM_WORDS); `count` picks the
 * plural form. Everything else is shown as given. A translation uses the same params.
 */

export const FIELD_LABELS = {
  facilityName: 'Facility name',
  name: 'Name',
  address: 'Address',
  phone: 'Phone',
  unitName: 'Unit name',
  bedLabel: 'Bed label',
  reason: 'Reason',
  staffedLimit: 'Staffed limit',
  firstNumber: 'First number',
  lastNumber: 'Last number',
  prefix: 'Prefix',
  threshold: 'Threshold',
  interface: 'Interface',
  port: 'Port',
  publicNote: 'Public note',
  agency: 'Agency',
  officerName: 'Officer name',
  badgeNumber: 'Badge number',
  firstName: 'First name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth',
  estimatedAge: 'Estimated age',
  gender: 'Gender',
  preferredLanguage: 'Preferred language',
  belongings: 'Belongings',
  notes: 'Notes',
  note: 'Note',
  changeReason: 'Reason for the change',
  capacityReason: 'Reason for accepting',
  from: 'From',
  to: 'To',
  kioskName: 'Kiosk name',
  kioskCode: 'Kiosk code',
  // Follow-up after discharge.
  bestTime: 'Best time to call',
  provider: 'Provider',
  confirmWindow: 'Confirmation window',
  webhookUrl: 'Receiver address',
  feedUrl: 'Feed address',
  token: 'Token',
} as const;
export type FieldLabel = keyof typeof FIELD_LABELS;

/** Vocabulary values as words inside an English sentence. */
export const PARAM_WORDS = {
  bedStatus: {
    available: 'available',
    occupied: 'occupied',
    reserved: 'reserved',
    cleaning: 'cleaning',
    out_of_service: 'out of service',
  },
  encounterStatus: {
    expected: 'expected',
    arrived: 'waiting for handoff',
    accepted: 'accepted',
    discharged: 'discharged',
    declined: 'declined',
    lapsed: 'lapsed (never arrived)',
  },
  capacityStatus: {
    open: 'open',
    limited: 'limited',
    full: 'full',
    diverting: 'diverting',
    closed: 'closed',
  },
} as const;

type Plural = { one: string; other: string };

export const MESSAGES = {
  // Field rules shared by many schemas (label = FIELD_LABELS key).
  required: '{{label}} is required',
  maxChars: '{{label}} must be at most {{max}} characters',
  mustBeDate: '{{label}} must be a date (YYYY-MM-DD)',
  wholeNumber: '{{label}} must be a whole number',
  zeroOrMore: '{{label}} must be 0 or more',
  atMost: '{{label}} must be at most {{max}}',
  notBelowZero: '{{label}} cannot be below zero',
  idRequired: 'An id is required',
  timeZoneRequired: 'Time zone is required',
  timeZoneUnknown: 'Not a known time zone (use a name like America/Phoenix)',
  // Accounts.
  passwordRequired: 'Password is required',
  passwordMin: 'Password must be at least {{min}} characters',
  passwordMax: 'Password must be at most {{max}} characters',
  usernameRequired: 'Username is required',
  usernameMin: 'Username must be at least {{min}} characters',
  usernameMax: 'Username must be at most {{max}} characters',
  usernameChars: 'Use letters, digits, dot, dash or underscore',
  currentPasswordRequired: 'Current password is required',
  newPasswordSame: 'The new password must differ from the current one',
  chooseRole: 'Choose a role',
  // Units, beds, capacity, dispatch.
  chooseUnitKind: 'Choose a kind of unit',
  prefixChars: 'Use letters, digits, space or dash in the prefix',
  lastBelowFirst: 'Last number must not be below the first',
  tooManyBeds: 'At most {{max}} beds at once',
  chooseBedStatus: 'Choose a bed status',
  chooseDivertingOrClosed: 'Choose diverting or closed',
  durationNumber: 'Duration must be a number of minutes',
  durationWhole: 'Duration must be whole minutes',
  durationMin: 'Duration must be at least 1 minute',
  durationMax: 'Duration must be at most 7 days',
  sayWhyStatus: 'Say why the center is {{capacityStatus}} (dispatch sees it)',
  minutesNumber: 'Minutes must be a number',
  minutesWhole: 'Minutes must be whole',
  minutesMin: 'Minutes must be at least 1',
  minutesMax: 'Minutes must be at most 30 days',
  bothOrNeither: 'Give both times or neither',
  alertBeforeWarning: 'The alert must not come before the warning',
  chooseInterface: 'Choose an interface',
  interfaceIp: 'Use an IP address such as 127.0.0.1 or 0.0.0.0',
  portRange: 'Port must be a number from 1024 to 65535',
  portFrom: 'Port must be from 1024 to 65535',
  rateLimitNumber: 'Rate limit must be a number',
  rateLimitMin: 'Rate limit cannot be below zero (0 = off)',
  rateLimitMax: 'Rate limit must be at most 10000 per second',
  // Encounters.
  unknownConcern: 'Unknown presenting concern',
  unknownRedFlag: 'Unknown medical red flag',
  ageNumber: 'Estimated age must be a number',
  ageRange: 'Estimated age must be 0–120',
  chooseLegalStatus: 'Choose a legal status',
  chooseReferralSource: 'Choose a referral source',
  agencyForPolice: 'Agency is required for a police drop-off',
  divertedNeedsProbableCause: 'Diverted from arrest applies only when probable cause existed',
  unknownUnitKind: 'Unknown unit kind',
  declineReasonRequired: 'A reason is required to decline',
  sayWhyOther: 'Say why ("Other" reason)',
  chooseDisposition: 'Choose a disposition',
  chooseReason: 'Choose a reason',
  searchTooShort: 'Type at least 2 letters of a name, or a reference like H-2026-00123',
  toBeforeFrom: '"To" must not be before "From"',
  targetNumber: 'Target must be a number of minutes',
  targetWhole: 'Target must be whole minutes',
  targetRange: 'Target must be 1–240 minutes',
  arrivalFuture: 'Arrival cannot be more than 5 minutes in the future',
  capacityReasonRequired:
    'The center is {{capacityStatus}}: say why this arrival is taken in (it is kept on the timeline)',
  arrivalTooOld: 'A new arrival cannot be more than 24 hours ago; correct an older one on its page',
  releaseBeforeArrival: 'Officer release cannot be before arrival',
  releaseFuture: 'Officer release cannot be in the future',
  dischargeBeforeArrival: 'Discharge cannot be before arrival',
  dischargeFuture: 'Discharge cannot be in the future',
  declineBeforeArrival: 'Decline cannot be before arrival',
  dobFuture: 'Date of birth cannot be in the future',
  dobTooOld: 'Date of birth cannot be more than 120 years ago',
  // Security settings and backups.
  idleNumber: 'Enter a number of minutes',
  idleWhole: 'Whole minutes only',
  idleMin: { one: 'At least {{count}} minute', other: 'At least {{count}} minutes' },
  idleMax: { one: 'At most {{count}} minute', other: 'At most {{count}} minutes' },
  chooseBackup: 'Choose a backup',
  notBackupName: 'Not a backup file name',
  confirmRestore: 'Confirm the restore',
  // Server errors (ApiError): sign-in and accounts.
  signInFirst: 'Please sign in.',
  roleNotAllowed: 'Your role does not allow this.',
  wrongCredentials: 'Wrong username or password.',
  lockedComputer: {
    one: 'Too many failed sign-ins from this computer. Try again in {{count}} minute, or ask an administrator.',
    other:
      'Too many failed sign-ins from this computer. Try again in {{count}} minutes, or ask an administrator.',
  },
  lockedAccount: {
    one: 'Too many failed attempts. Try again in {{count}} minute, or ask an administrator.',
    other: 'Too many failed attempts. Try again in {{count}} minutes, or ask an administrator.',
  },
  alreadySetUp: 'This Handoff is already set up. Sign in instead.',
  userNotFound: 'No user with id {{id}}.',
  unknownUser: 'Unknown user',
  currentPasswordWrong: 'The current password is wrong.',
  usernameTaken: 'The username {{username}} is taken.',
  usernameTakenField: 'This username is taken',
  lastAdmin: 'This is the last active administrator. Make someone else an administrator first.',
  lastAdminField: 'Last administrator',
  facilityNotSetUp: 'The facility is not set up yet.',
  setUpFacilityFirst: 'Set up the facility first.',
  // Units and beds.
  unitNotFound: 'No unit with id {{id}}.',
  unknownUnit: 'Unknown unit',
  unitNameTaken: 'There is already a unit named {{name}}.',
  unitNameTakenField: 'A unit with this name already exists',
  occupiedByAssigning: 'Assign a person to the bed instead of marking it occupied.',
  occupiedByAssigningField: 'Occupied comes from assigning a person',
  bedLabelsTaken: {
    one: '{{unit}} already has a bed {{beds}}.',
    other: '{{unit}} already has beds {{beds}}.',
  },
  bedLabelsTakenField: 'Some of these labels already exist in this unit',
  bedLabelTaken: 'This unit already has a bed {{bed}}.',
  bedLabelTakenField: 'Another bed in this unit has this label',
  retireBusy: 'Bed {{bed}} is {{bedStatus}}: discharge, move or release first, then retire it.',
  bedIs: 'Bed {{bed}} is {{bedStatus}}',
  unitNotEmpty: {
    one: '{{unit}} still has 1 person in it or expected ({{beds}}). Discharge, move or release them first.',
    other:
      '{{unit}} still has {{count}} people in it or expected ({{beds}}). Discharge, move or release them first.',
  },
  unitNotEmptyField: '{{unit}} is not empty',
  bedNotFound: 'No bed with id {{id}}.',
  unknownBed: 'Unknown bed',
  encounterNotFound: 'No encounter with id {{id}}.',
  unknownEncounter: 'Unknown encounter',
  bedTaken: 'Bed {{bed}} was just taken',
  bedChanged: 'Bed {{bed}} is {{bedStatus}} now; it changed at another desk.',
  encounterClosedNoBed: 'That person is {{status}}; no bed can be assigned.',
  encounterClosedNoBedField: 'Encounter is {{status}}',
  bedOutOfServiceReason: 'Say why the bed is out of service.',
  bedOutOfServiceReasonField: 'A reason is required for out of service',
  noBedOfKind: 'No bed of that kind is available to hold.',
  noBedOfKindField: 'No bed of that kind is available',
  bedAlready: 'The bed is already {{bedStatus}}.',
  bedOccupiedFirst: 'The bed is occupied: discharge the person or move them to another bed first.',
  bedCannotGo: 'A bed cannot go from {{fromBedStatus}} to {{toBedStatus}}.',
  // Encounter lifecycle: "<refusal>; this one is <status>."
  refuseArrive:
    'Only an expected arrival can be marked as arrived; this one is {{encounterStatus}}.',
  refuseAccept:
    'Only an arrival waiting for handoff can be accepted; this one is {{encounterStatus}}.',
  refuseAssignBed: 'A bed can be assigned only before discharge; this one is {{encounterStatus}}.',
  refuseDischarge: 'Only an accepted encounter can be discharged; this one is {{encounterStatus}}.',
  refuseDecline:
    'Only an arrival not yet accepted can be declined; this one is {{encounterStatus}}.',
  refuseLapse: 'Only an expected arrival can lapse; this one is {{encounterStatus}}.',
  refuseCorrect: 'This encounter cannot be corrected; this one is {{encounterStatus}}.',
  // Kiosk, reports, backups, uploads.
  kioskNotFound: 'No kiosk with id {{id}}.',
  unknownKiosk: 'Unknown kiosk',
  kioskCodeUnknown: 'Unknown or revoked kiosk code.',
  kioskCodeUnknownField: 'Unknown or revoked kiosk code',
  kioskRevoked: 'This kiosk has been revoked.',
  // Corrections of an encounter after the fact.
  correctionNeedsReason: 'A reason is required to change this after the fact',
  onlyDischargedHasDischarge: 'Only a discharged encounter has a discharge to correct',
  onlyDeclinedHasReason: 'Only a declined encounter has a decline reason',
  acceptHandoffFirst: 'Accept the handoff first',
  reportZone: "Reports use the facility's time zone ({{zone}}), not {{given}}.",
  reportZoneField: 'The facility uses {{zone}}',
  twoDifferentPeople: 'Choose two different people.',
  samePersonKey: 'Same person key',
  notADay: '"{{value}}" is not a date (use YYYY-MM-DD)',
  endBeforeStart: 'The end ({{to}}) is before the start ({{from}}).',
  endBeforeStartField: 'The end is before the start',
  rangeTooLong: 'The range is longer than {{years}} years; choose an end before {{limit}}.',
  rangeTooLongField: 'At most {{years}} years',
  backupUnknown: 'There is no backup named {{name}}.',
  backupUnknownField: 'Unknown backup',
  backupNotVerified: 'This copy did not verify',
  fileEmpty: 'The file is empty.',
  fileEmptyField: 'Empty file',
  fileTooLargeField: 'File too large',
  uploadExpired: 'That upload is unknown or expired; choose the file again.',
  fileTooLarge:
    'The file is {{size}} GB; the import takes files up to {{max}} GB. Split it by year and import each part.',
  fileUtf16: 'The file is UTF-16 text. Save it as "CSV UTF-8 (comma delimited)" and try again.',
  fileBinary: 'This is not a CSV file (it contains binary data).',
  fileNotUtf8:
    'The file is not UTF-8 text. Save it as "CSV UTF-8 (comma delimited)" and try again.',
  fileNotUtf8End: 'The file is not UTF-8 text (it ends in the middle of a character).',
  fileNotHeader:
    'The first line is not the encounter CSV v1 header ({{problems}}). See the README for the columns.',
  setUpBeforeImport: 'Set up the facility before importing encounters.',
  cannotReadFile: 'Cannot read {{file}}: no such file.',
  notReadableCsv: 'This is not a readable CSV file: {{reason}}.',
  backupFailedCheck: 'The backup {{name}} cannot be restored: {{reason}}. Nothing was changed.',
  /** Shown to other desks while a restore runs; its translation adds "try again in a moment". */
  restoring: 'A backup is being restored.',
  // Refusals at the HTTP and schema boundary (bounded echoes, body limits, throttles).
  unrecognizedKey: {
    one: 'Unrecognized key: {{keys}}',
    other: 'Unrecognized keys: {{keys}}',
  },
  bodyNotObject: 'Send a JSON object as the request body.',
  idInvalid: 'An id must be a whole number of 1 or more',
  timeOutOfWindow: 'Times must fall in the years 2000 to 2099',
  requestTooLarge: 'The request is larger than {{max}} MB; nothing was saved.',
  lockedKioskPair: {
    one: 'Too many wrong kiosk codes from this device. Try again in {{count}} minute.',
    other: 'Too many wrong kiosk codes from this device. Try again in {{count}} minutes.',
  },
  tooManyUploads:
    'Too many imports are being uploaded at once. Try again in a few minutes; nothing was saved.',
  // Follow-up after discharge and case management.
  phoneInvalid: 'Not a phone number (for example 505-555-0134)',
  chooseConsent: 'Choose yes, no or not asked',
  chooseAppointmentKind: 'Choose a kind of appointment',
  consentRequired: 'This disposition calls for a follow-up: ask whether they may be contacted',
  appointmentBeforeDischarge: 'The appointment cannot be before the discharge',
  chooseOutcome: 'Choose an outcome',
  hoursRange: 'Hours must be whole numbers from 1 to 720',
  atMostContacts: 'At most 5 contacts per disposition',
  retryRange: 'Retry after 1–72 whole hours',
  attemptsRange: 'Attempts must be 1–10',
  removeReasonRequired: 'Say why the note is removed',
  contactNotFound: 'No follow-up contact with id {{id}}.',
  unknownContact: 'Unknown follow-up contact',
  contactClosed: 'This follow-up contact is already closed; nothing was recorded.',
  contactClosedField: 'The contact is closed',
  contactChanged:
    'Another desk recorded an attempt on this contact a moment ago; nothing was recorded. Look at the list again.',
  contactChangedField: 'Changed at another desk',
  noteNotFound: 'No intake note with id {{id}}.',
  noteChanged: 'This note was changed at another desk; nothing was saved. Look at it again.',
  noteChangedField: 'Changed at another desk',
  personUnknown:
    'No person with recorded visits matches (first name, last name and date of birth are needed).',
  // Webhooks to dispatch (issue #18).
  webhookUrlInvalid: 'Enter the full address of the receiver, starting with https://',
  webhookUrlCredentials:
    'Put no user name, password or token in the address: the signature proves the sender',
  webhookUrlHttps:
    'Use https: plain http only to this computer, or where a manager allows it for this receiver',
  webhookNotFound: 'Webhook {{id}} does not exist (it may have been removed).',
  regionUrlInvalid:
    "Enter the full address of the center's feed (its /api/v1/capacity, or an EDXL-HAVE document)",
  regionInterval: 'The poll interval is 10 to 300 seconds',
  regionUrlTaken: 'This feed is already on the regional board.',
  regionOwnFeed: "This is this center's own feed: it is already first on the board.",
  regionPeerNotFound: 'Center {{id}} is not on the regional board.',
  // Protecting the data (#20): exports, the recovery key, retention.
  exportReasonRequired:
    'Say why the full export (with names) is needed, in a few words: it is kept in the audit log.',
  recoveryKeyShown:
    'The recovery key of this database was already shown once ({{when}}). To get a new one, change the key (handoff rekey); the old printout then no longer opens anything.',
  retentionMonths:
    'Remove identifying details at least 1 month after discharge (a whole number of months, up to 600)',
  // The HTTP and upload layer: requests no screen of ours makes, but a script or a proxy might.
  invalidInput: 'Invalid input',
  unknownMethod: 'Unknown method: {{method}}',
  unknownHost: 'Unknown host name.',
  noSuchApiPath: 'No such API path.',
  apiUsesPost: 'API calls use POST.',
  crossSiteRefused: 'Cross-site request refused.',
  sendJson: 'Send JSON (Content-Type: application/json).',
  bodyNotJson: 'The request body is not valid JSON.',
  internalError: 'Internal error.',
  uploadTooLong: 'More data than the announced file size.',
  uploadIncomplete: 'The upload is incomplete ({{received}} of {{size}} bytes).',
} satisfies Record<string, string | Plural>;

export type MessageKey = keyof typeof MESSAGES;
export type MessageParams = Record<string, string | number>;

/** What travels beside an English message: the key is a string so an unknown one is harmless. */
export interface CodedMessage {
  key: string;
  params?: MessageParams;
}

/** The vocabulary a param's values come from: `bedStatus`, also `fromBedStatus`/`toBedStatus`. */
export function paramVocabulary(name: string): keyof typeof PARAM_WORDS | undefined {
  const base = name.replace(/^(from|to)([A-Z])/, (_, _p: string, c: string) => c.toLowerCase());
  return base in PARAM_WORDS ? (base as keyof typeof PARAM_WORDS) : undefined;
}

function word(name: string, value: string | number): string {
  if (name === 'label') return FIELD_LABELS[value as FieldLabel] ?? String(value);
  const list = paramVocabulary(name);
  const words = list ? (PARAM_WORDS[list] as Record<string, string>) : undefined;
  return words?.[value] ?? String(value);
}

/** The longest piece of a caller's input any message quotes: echoes stay small. */
export const MAX_QUOTED_CHARS = 60;

/** `value` in double quotes, cut to MAX_QUOTED_CHARS with an ellipsis. */
export function quote(value: string, max = MAX_QUOTED_CHARS): string {
  return `"${value.length > max ? `${value.slice(0, max)}…` : value}"`;
}

/** The English text of a message. */
export function english(key: MessageKey, params: MessageParams = {}): string {
  const entry: string | Plural = MESSAGES[key];
  const template = typeof entry === 'string' ? entry : params.count === 1 ? entry.one : entry.other;
  return template.replace(/\{\{(\w+)\}\}/g, (all, name: string) =>
    name in params ? word(name, params[name]!) : all,
  );
}

/**
 * A coded message for an ApiError (runtime params; not remembered). `text` overrides the English
 * when it says more than the key's sentence (e.g. "Bed C1: " before a state-machine refusal).
 */
export class Message {
  readonly text: string;
  constructor(
    readonly key: MessageKey,
    readonly params?: MessageParams,
    text?: string,
  ) {
    this.text = text ?? english(key, params);
  }
  /** The same key and params, shown in English as `text`. */
  withText(text: string): Message {
    return new Message(this.key, this.params, text);
  }
  toCoded(): CodedMessage {
    return this.params ? { key: this.key, params: this.params } : { key: this.key };
  }
}

export const msg = (key: MessageKey, params?: MessageParams): Message => new Message(key, params);

const known = new Map<string, CodedMessage>();
/** Bounded anyway (schemas' params are constants and vocabularies); a guard, not a cache policy. */
const MAX_KNOWN = 5000;

/** The English text of a message, remembered so `codeOf(text)` finds its key and params. */
export function m(key: MessageKey, params?: MessageParams): string {
  const text = english(key, params);
  if (!known.has(text) && known.size < MAX_KNOWN)
    known.set(text, params ? { key, params } : { key });
  return text;
}

/** The key and params behind an English text made by `m`, if any. */
export function codeOf(text: string): CodedMessage | undefined {
  return known.get(text);
}

/** `text` carrying the key of `like` (a message made by `m`): e.g. "Bed C1: " + a refusal. */
export function codedLike(like: string, text: string): string | Message {
  const c = codeOf(like);
  return c ? new Message(c.key as MessageKey, c.params, text) : text;
}
