// RFC 5545 3.1: a calendar file's lines are at most 75 octets, not characters; a longer
// line goes on after CRLF and one space, and a fold must never split a UTF-8 character.
// The `ics` package folds at 75 characters (with a tab), so a title full of £ or ë made
// lines some calendar programs cut or refuse. We undo its folds and fold again by octets.

const maxOctets = 75;
const octetsOf = (codePoint: string) => Buffer.byteLength(codePoint, 'utf8');

/** Joins folded lines back into whole content lines (a fold is CRLF then a space or tab). */
export const unfoldLines = (text: string): string => text.replace(/\r\n[ \t]/g, '');

function foldLine(line: string): string {
  const parts: string[] = [];
  let part = '';
  let octets = 0;
  // for...of walks code points, so a character of 2 to 4 octets always stays whole.
  for (const char of line) {
    const size = octetsOf(char);
    // Every line after the first starts with the space, which counts towards its 75.
    if (octets + size > (parts.length === 0 ? maxOctets : maxOctets - 1)) {
      parts.push(part);
      part = '';
      octets = 0;
    }
    part += char;
    octets += size;
  }
  parts.push(part);
  return parts.join('\r\n ');
}

/** A finished calendar file with every physical line at most 75 octets. */
export const foldLines = (text: string): string => unfoldLines(text).split('\r\n').map(foldLine).join('\r\n');
