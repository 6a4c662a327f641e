// A tiny element builder: the UI is plain DOM, no framework — small, fast, nothing to learn.

export type Child = Node | string | number | null | undefined | false;
type Handler = (event: Event) => void;
export type Props = Record<string, string | number | boolean | Handler | null | undefined>;

/** `h('button', { class: 'primary', onclick: go }, 'Send')`. `on*` props are listeners; `true` sets a bare attribute. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (key === 'class') element.className = String(value);
    else if (key === 'value' && 'value' in element) (element as HTMLInputElement).value = String(value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's content. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A table from rows; `empty` is shown when there are none. Wrapped so it scrolls on a phone. */
export function table(headers: string[], rows: HTMLTableRowElement[], empty: string): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'empty' }, empty);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col' }, header)))),
      h('tbody', {}, ...rows),
    ),
  );
}

export function row(cells: Child[], props: Props = {}): HTMLTableRowElement {
  return h(
    'tr',
    props,
    ...cells.map((cell) => (cell instanceof HTMLTableCellElement ? cell : h('td', {}, cell))),
  );
}

/** A short-lived message in the page's live region (screen readers announce it). */
export function notify(message: string, kind: 'ok' | 'error' = 'ok'): void {
  const region = document.getElementById('notices');
  if (!region) return;
  const notice = h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  region.append(notice);
  setTimeout(() => notice.remove(), kind === 'error' ? 10_000 : 5_000);
}

/** A labelled form field; the hint and error sit under it and are tied to it for assistive tech. */
export function field(
  label: string,
  input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): HTMLElement {
  const id = input.id || `f-${input.name || Math.random().toString(36).slice(2)}`;
  input.id = id;
  const describedBy = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
  input.setAttribute('aria-describedby', describedBy);
  return h(
    'div',
    { class: 'field', 'data-field': input.name },
    h('label', { for: id }, label),
    input,
    hint ? h('small', { id: `${id}-hint`, class: 'hint' }, hint) : null,
    h('small', { id: `${id}-error`, class: 'error', 'aria-live': 'polite' }),
  );
}

/** Shows `problem` under the field named `name` inside `form` (or clears it with null). */
export function setFieldError(form: Element, name: string, problem: string | null): boolean {
  const wrapper = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  if (!wrapper) return false;
  const error = wrapper.querySelector('.error');
  const input = wrapper.querySelector('input, select, textarea');
  if (error) error.textContent = problem ?? '';
  if (problem) input?.setAttribute('aria-invalid', 'true');
  else input?.removeAttribute('aria-invalid');
  return true;
}

export function clearFieldErrors(form: Element): void {
  for (const error of form.querySelectorAll('.field .error')) error.textContent = '';
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}

/** A correlation matrix as a table, its members heading the rows and the columns (two decimals). */
export function correlationTable(
  members: string[],
  matrix: number[][],
  label: string,
  empty: string,
): HTMLElement {
  const element = table(
    ['', ...members],
    members.map((member, i) => row([member, ...matrix[i]!.map((value) => value.toFixed(2))])),
    empty,
  );
  element.setAttribute('aria-label', label);
  return element;
}
