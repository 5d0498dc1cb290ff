/** Emitted as is: punctuation and object keys between the values. */
class Raw {
  constructor(readonly text: string) {}
}
const COMMA = new Raw(',');
const CLOSE_ARRAY = new Raw(']');
const CLOSE_OBJECT = new Raw('}');

/**
 * JSON.stringify for parsed JSON, without recursion: a tree file can be nested thousands deep
 * (refused by the verifier, but still stored and hashed with its bundle), and JSON.stringify and
 * a recursive walk both overflow the call stack there. `sortKeys` gives the canonical form.
 * Keys whose value is undefined are left out, as JSON.stringify does.
 */
export function jsonText(value: unknown, sortKeys = false): string {
  const out: string[] = [];
  const todo: unknown[] = [value];
  while (todo.length) {
    const item = todo.pop();
    if (item instanceof Raw) out.push(item.text);
    else if (Array.isArray(item)) {
      out.push('[');
      todo.push(CLOSE_ARRAY);
      for (let i = item.length - 1; i >= 0; i--) {
        todo.push(item[i] === undefined ? null : item[i]);
        if (i) todo.push(COMMA);
      }
    } else if (item && typeof item === 'object') {
      const obj = item as Record<string, unknown>;
      const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
      if (sortKeys) keys.sort();
      out.push('{');
      todo.push(CLOSE_OBJECT);
      for (let i = keys.length - 1; i >= 0; i--) {
        todo.push(obj[keys[i]!], new Raw(`${JSON.stringify(keys[i])}:`));
        if (i) todo.push(COMMA);
      }
    } else out.push(JSON.stringify(item) ?? 'null');
  }
  return out.join('');
}
