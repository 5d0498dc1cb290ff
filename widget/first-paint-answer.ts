// The server-rendered first question (server/nojs/first-paint.ts) sits in the element's light DOM
// until the upgrade. A resident who already picked an answer there finds it picked in the widget.
export function firstPaintAnswer(host: HTMLElement, node: string): unknown {
  const form = host.querySelector('.vw-first-paint form');
  if (form?.querySelector<HTMLInputElement>('input[name=node]')?.value !== node) return undefined;
  const inputs = [...form.querySelectorAll<HTMLInputElement>('input[name=answer]')];
  const picked = inputs.filter((i) => i.checked).map((i) => i.value);
  if (inputs.some((i) => i.type === 'checkbox')) return picked.length ? picked : undefined;
  if (inputs.some((i) => i.type === 'radio')) {
    const value = picked[0];
    // ja/nee radios stand for a yes/no answer, whose value is a boolean.
    return value === 'ja' && inputs.length === 2 ? true : value === 'nee' && inputs.length === 2 ? false : value;
  }
  return inputs[0]?.value || undefined;
}
