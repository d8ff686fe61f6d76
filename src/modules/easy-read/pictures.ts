/**
 * The pictures easy read pages use, by name, with the OpenMoji code each is copied from.
 * OpenMoji (https://openmoji.org) is CC BY-SA 4.0: any use, commercial too, with credit.
 * Only these files are shipped, in public/static/easy-read/ (scripts/easy-read-pictures.mjs
 * copies them from the openmoji npm package when the list changes).
 */
export const easyReadPictures = {
  home: '1F3E0',
  calendar: '1F4C5',
  people: '1F465',
  letter: '2709',
  yes: '2705',
  no: '274C',
  maybe: '1F914',
  vote: '1F5F3',
  money: '1F4B7',
  clock: '23F0',
  form: '1F4DD',
  warning: '26A0',
  phone: '1F4DE',
  info: '2139',
  person: '1F9D1',
  agree: '1F91D',
  point: '1F449',
  book: '1F4D6',
  question: '2753',
  thumbsUp: '1F44D',
  talk: '1F4AC',
  paper: '1F4C4',
} as const;

export type EasyReadPicture = keyof typeof easyReadPictures;
