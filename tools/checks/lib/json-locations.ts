/**
 * Where each value of a JSON document starts, by JSON Pointer (`/packageDirectories/0/path`), so a
 * finding from a JSON Schema validator (which names the instance path) can name its line. For an
 * object member the offset is that of its key; for an array item, of the item. A small scanner of
 * standard JSON (no comments); on text it cannot read it returns what it found so far.
 */

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function jsonLocations(text: string): Map<string, number> {
  const offsets = new Map<string, number>();
  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text[i])) i += 1;
  };
  const readString = (): string => {
    const start = i;
    i += 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i += 1;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const readValue = (pointer: string): void => {
    skipSpace();
    if (!offsets.has(pointer)) offsets.set(pointer, i);
    const char = text[i];
    if (char === '{') {
      i += 1;
      for (;;) {
        skipSpace();
        if (text[i] === '}' || i >= text.length) break;
        const keyOffset = i;
        const key = readString();
        const child = `${pointer}/${escapeToken(key)}`;
        offsets.set(child, keyOffset);
        skipSpace();
        i += 1; // ':'
        readValue(child);
        skipSpace();
        if (text[i] === ',') i += 1;
      }
      i += 1;
    } else if (char === '[') {
      i += 1;
      for (let index = 0; ; index += 1) {
        skipSpace();
        if (text[i] === ']' || i >= text.length) break;
        readValue(`${pointer}/${index}`);
        skipSpace();
        if (text[i] === ',') i += 1;
      }
      i += 1;
    } else if (char === '"') {
      readString();
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text[i])) i += 1;
    }
  };
  try {
    readValue('');
  } catch {
    // Malformed JSON: the caller reports the parse error; keep the offsets found.
  }
  return offsets;
}
