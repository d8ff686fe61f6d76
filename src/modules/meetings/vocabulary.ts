// The fixed choices meetings use. Labels live in the catalogue (meetings:format.<value> ...).

export const meetingFormats = ['in-person', 'online', 'phone', 'hybrid'] as const;
export type MeetingFormat = (typeof meetingFormats)[number];

/** What can be arranged for a meeting, beyond what the venue itself has. */
export const arrangements = [
  'bsl-interpreter',
  'spoken-interpreter',
  'easy-read-papers',
  'large-print-papers',
  'audio-papers',
  'braille-papers',
  'support-worker',
  'transport',
  'breaks',
  'portable-hearing-loop',
  'captions',
] as const;
export type Arrangement = (typeof arrangements)[number];

/** The versions a paper can come in. "standard" is the ordinary print or screen version. */
export const paperFormats = ['standard', 'easy-read', 'large-print', 'audio', 'braille', 'bsl-video'] as const;
export type PaperFormat = (typeof paperFormats)[number];

export const replies = ['yes', 'no', 'maybe'] as const;
export type Reply = (typeof replies)[number];

export const attendanceStatuses = ['present', 'apologies', 'absent'] as const;
export const actionStatuses = ['to-do', 'doing', 'done'] as const;

/**
 * Ways a message reaches a person are the person record's contact channels. "phone" and
 * "in-person" go on the staff call list; email, text and letter go through the outbox.
 */
export { contactChannels as channels, type ContactChannel as Channel } from '../people/vocabulary.ts';
