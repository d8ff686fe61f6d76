import { readIds, signIds } from '../../platform/signed-tokens.ts';

// The token in a personal action link: the action's id and its signature under the
// 'action' purpose, 45 characters, short enough for a text message. No expiry in the token:
// the stored action says who, what and until when, so a link can only ever open that one
// action, and closing the thing closes the link.

export function actionToken(secret: string, actionId: string): string {
  return signIds(secret, 'action', [actionId], null);
}

/** The action id a token stands for, or null when it was not made by us. */
export function readActionToken(secret: string, token: string): string | null {
  const read = readIds(secret, 'action', token, 1, false, new Date(0));
  return read.ok ? read.ids[0]! : null;
}
