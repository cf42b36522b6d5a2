/**
 * The widget builder's long lists (about 430 districts, 155 stations, 28 inspections) searchable
 * as you type: a field above each <select> narrows its options with fuse.js (fuzzy, so "Hann
 * Münden" and "Gottingen" find their entries), best first, and picks the first match. Without
 * JavaScript the field stays hidden and the plain select works as before.
 */
import Fuse from 'fuse.js';

interface Entry {
  value: string;
  name: string;
  group: string;
  selected: boolean;
}

/** After this pause in typing the first match becomes the choice (and the preview follows). */
const CHOOSE_AFTER_MS = 400;

class Picker extends HTMLElement {
  connectedCallback() {
    const filter = this.querySelector<HTMLElement>('.picker-filter');
    const input = filter?.querySelector('input');
    const status = filter?.querySelector('[role="status"]');
    const select = this.querySelector('select');
    if (!filter || !input || !status || !select) return;
    const entries: Entry[] = [...select.querySelectorAll('option')].map((option) => ({
      value: option.value,
      name: option.textContent?.trim() ?? '',
      group: option.parentElement instanceof HTMLOptGroupElement ? option.parentElement.label : '',
      selected: option.selected,
    }));
    const fuse = new Fuse(entries, {
      keys: [
        { name: 'name', weight: 0.8 },
        { name: 'group', weight: 0.2 },
      ],
      threshold: 0.35,
      ignoreLocation: true,
    });
    filter.hidden = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    input.addEventListener('input', () => {
      const query = input.value.trim();
      const shown = query === '' ? entries : fuse.search(query).map((result) => result.item);
      this.#fill(select, shown, query === '');
      status.textContent =
        query === ''
          ? ''
          : shown.length === 0
            ? (this.dataset.none ?? '')
            : (this.dataset.count ?? '').replace('{count}', String(shown.length));
      clearTimeout(timer);
      if (shown.length > 0 && query !== '') {
        timer = setTimeout(() => select.dispatchEvent(new Event('change', { bubbles: true })), CHOOSE_AFTER_MS);
      }
    });
  }

  /** The options: all in their groups (no query), or the matches best first with the group after the name. */
  #fill(select: HTMLSelectElement, shown: Entry[], grouped: boolean) {
    const current = select.value;
    select.replaceChildren();
    if (grouped) {
      for (const group of new Set(shown.map((entry) => entry.group))) {
        const element = document.createElement('optgroup');
        element.label = group;
        for (const entry of shown.filter((candidate) => candidate.group === group)) element.append(option(entry.value, entry.name));
        select.append(element);
      }
      select.value = current;
      return;
    }
    for (const entry of shown) select.append(option(entry.value, entry.group ? `${entry.name} (${entry.group})` : entry.name));
    if (shown[0]) select.value = shown[0].value;
  }
}

function option(value: string, text: string): HTMLOptionElement {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = text;
  return element;
}

/** Defines <rf-picker> once per page. */
export function definePicker(): void {
  if (!customElements.get('rf-picker')) customElements.define('rf-picker', Picker);
}
