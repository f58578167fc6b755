/** Tiny DOM builder for the playground shell; text only goes in through textContent. */
type Attrs = Record<string, string | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) node.setAttribute(name, value);
  for (const child of children) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

export function button(testId: string, label: string, onClick: () => void, title?: string): HTMLButtonElement {
  const b = el('button', { 'data-testid': testId, type: 'button', title }, label);
  b.addEventListener('click', onClick);
  return b;
}
