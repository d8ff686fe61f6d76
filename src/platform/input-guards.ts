import fp from 'fastify-plugin';
import { AppError } from './errors.ts';

/** A NUL character: never typed by a person, and PostgreSQL cannot store it in text. */
export class NulCharacter extends AppError {
  constructor() {
    super(400, 'errors:nulCharacter');
  }
}

function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 8 || value === null || typeof value !== 'object') return false;
  // Uploaded files are bytes, not text: only their names are checked.
  if (Buffer.isBuffer(value)) return false;
  return Object.entries(value).some(([key, v]) => key.includes('\u0000') || holdsNul(v, depth + 1));
}

/**
 * Refuses, before any route runs, text the app could not store: one rule at the edge for
 * every form, query string and URL, instead of a 500 from the database on some of them.
 */
export const setUpInputGuards = fp(
  async (app) => {
    app.addHook('preValidation', async (request) => {
      if (holdsNul(request.params) || holdsNul(request.query) || holdsNul(request.body)) throw new NulCharacter();
    });
  },
  { name: 'input-guards' },
);
