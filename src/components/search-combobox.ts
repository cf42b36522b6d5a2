/**
 * The search field's autocomplete, for the portal's search form and the widget's: a custom
 * element around a plain GET form, so that without JavaScript the form works as it is.
 * Where a suggestion leads: the district page (the portal), or, with `data-link="form"`, the
 * form's own action with its hidden fields and `bezirk` (the widget, which stays in its frame).
 */
import { normaliseText } from '../domain/search/normalise';
import { localizePath, paths, searchResultPath } from '../paths';
import { languageOf } from '../i18n/languages';

/** The page's language: suggestions link to district pages in it. */
const pageLanguage = languageOf(document.documentElement.lang);

interface Suggestion {
  type: 'address' | 'street' | 'municipality' | 'locality' | 'district' | 'postcode';
  label: string;
  lat: number;
  lon: number;
  /** Null where the place lies in a city divided into districts and names none of them: then `city`. */
  district: { id: string; name: string } | null;
  city: { id: string; name: string } | null;
  approximate: boolean;
  note: string | null;
}

/** A place outside Niedersachsen the query names (the API's outsideArea). */
interface OutsideArea {
  place: string;
  state: string;
  police: { name: string };
}

const DEBOUNCE_MS = 150;
const MIN_LENGTH = 2;
/** As many as a postcode has places (37434: 11 municipalities), so that no place is cut off. */
const LIMIT = 20;

/**
 * Autocomplete for the search field (WAI-ARIA APG combobox with a grouped listbox): suggestions
 * while typing (debounced, stale requests cancelled), arrow keys move through them with
 * aria-activedescendant, Enter opens the chosen one, Escape closes the list or clears the field.
 * Without a choice, Enter submits the form to /suche as without JavaScript.
 */
class SearchCombobox extends HTMLElement {
  #input!: HTMLInputElement;
  #list!: HTMLElement;
  #status!: HTMLElement;
  #options: Array<{ element: HTMLElement; href: string }> = [];
  #active = -1;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request: AbortController | null = null;
  #sequence = 0;
  /** What the shown suggestions were found for. */
  #query = '';

  connectedCallback() {
    const input = this.querySelector('input');
    const list = this.querySelector<HTMLElement>('[role="listbox"]');
    const status = this.querySelector<HTMLElement>('.combobox-status');
    if (!input || !list || !status) return;
    this.#input = input;
    this.#list = list;
    this.#status = status;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('autocomplete', 'off');
    input.addEventListener('input', () => this.#schedule());
    input.addEventListener('keydown', (event) => this.#onKey(event));
    input.addEventListener('blur', () => setTimeout(() => this.#close(), 150));
    // Keep the focus in the field while a suggestion is clicked.
    list.addEventListener('pointerdown', (event) => event.preventDefault());
    list.addEventListener('click', (event) => {
      const option = (event.target as Element).closest('[role="option"]');
      const index = this.#options.findIndex((o) => o.element === option);
      if (index >= 0) location.assign(this.#options[index]!.href);
    });
  }

  #schedule() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#fetch(), DEBOUNCE_MS);
  }

  async #fetch() {
    const query = this.#input.value.trim();
    this.#request?.abort();
    if ([...query].length < MIN_LENGTH) {
      this.#render([], query, false);
      return;
    }
    const controller = new AbortController();
    this.#request = controller;
    const sequence = ++this.#sequence;
    const url = new URL(this.dataset.endpoint ?? '/api/v1/search', location.href);
    url.searchParams.set('q', query);
    url.searchParams.set('limit', String(LIMIT));
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { results: Suggestion[]; outsideArea: OutsideArea | null };
      if (sequence === this.#sequence) this.#render(body.results, query, true, body.outsideArea);
    } catch (error) {
      if ((error as Error).name !== 'AbortError' && sequence === this.#sequence) this.#render([], query, false);
    }
  }

  #render(results: Suggestion[], query: string, announce: boolean, outside: OutsideArea | null = null) {
    this.#query = query;
    const groups = JSON.parse(this.dataset.groups ?? '{}') as Record<string, string>;
    this.#list.replaceChildren();
    this.#options = [];
    this.#active = -1;
    this.#input.removeAttribute('aria-activedescendant');
    // Groups in the order of their best result; options in visual (and keyboard) order.
    const byType = new Map<string, Suggestion[]>();
    for (const result of results) byType.set(result.type, [...(byType.get(result.type) ?? []), result]);
    const words = normaliseText(query)
      .split(' ')
      .filter((w) => w.length > 0);
    for (const [type, members] of byType) {
      const group = document.createElement('ul');
      group.setAttribute('role', 'group');
      const label = document.createElement('li');
      label.setAttribute('role', 'presentation');
      label.id = `${this.#input.id}-group-${type}`;
      label.className = 'combobox-group-label';
      label.textContent = groups[type] ?? type;
      group.setAttribute('aria-labelledby', label.id);
      group.append(label);
      for (const result of members) {
        const option = document.createElement('li');
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.id = `${this.#input.id}-option-${this.#options.length}`;
        option.append(...highlight(result.label, words));
        const detail = document.createElement('span');
        detail.className = 'combobox-detail';
        const parts = [
          result.district
            ? (this.dataset.inDistrict ?? '{district}').replace('{district}', result.district.name)
            : (this.dataset.inCity ?? '{city}').replace('{city}', result.city?.name ?? ''),
        ];
        if (result.approximate) parts.push(this.dataset.approximate ?? '');
        if (result.note) parts.push(result.note);
        detail.textContent = parts.join(' · ');
        option.append(detail);
        group.append(option);
        const href = this.#hrefOf(result);
        this.#options.push({ element: option, href });
      }
      this.#list.append(group);
    }
    if (outside && this.dataset.link !== 'form') this.#renderOutside(outside, query);
    const open = this.#options.length > 0;
    this.#list.hidden = !open;
    this.#input.setAttribute('aria-expanded', String(open));
    if (open) this.#keepInView();
    if (!announce) {
      this.#status.textContent = '';
      return;
    }
    const count = this.#options.length;
    this.#status.textContent =
      count === 0
        ? (this.dataset.none ?? '')
        : count === 1
          ? (this.dataset.one ?? '')
          : (this.dataset.count ?? '').replace('{count}', String(count));
  }

  /** "Bremen – Bremen · Polizei Bremen": leads to the search page, which says whom to call. */
  #renderOutside(outside: OutsideArea, query: string) {
    const group = document.createElement('ul');
    group.setAttribute('role', 'group');
    const label = document.createElement('li');
    label.setAttribute('role', 'presentation');
    label.id = `${this.#input.id}-group-outside`;
    label.className = 'combobox-group-label';
    label.textContent = this.dataset.outside ?? '';
    group.setAttribute('aria-labelledby', label.id);
    const option = document.createElement('li');
    option.setAttribute('role', 'option');
    option.setAttribute('aria-selected', 'false');
    option.id = `${this.#input.id}-option-${this.#options.length}`;
    option.textContent = outside.place;
    const detail = document.createElement('span');
    detail.className = 'combobox-detail';
    detail.textContent = `${outside.state} · ${outside.police.name}`;
    option.append(detail);
    group.append(label, option);
    this.#list.append(group);
    this.#options.push({ element: option, href: localizePath(paths.search(query), pageLanguage) });
  }

  /** Where a suggestion leads: its district page, or the form's own action (the widget's frame). */
  #hrefOf(result: Suggestion): string {
    const form = this.#input.form;
    if (this.dataset.link !== 'form' || !form) {
      // The chosen label names the place; an approximate answer is only approximate for what was typed.
      const searched = result.approximate ? this.#query : result.label;
      return localizePath(searchResultPath(result, { lat: result.lat, lon: result.lon }, searched), pageLanguage);
    }
    const url = new URL(form.action, location.href);
    for (const field of form.querySelectorAll<HTMLInputElement>('input[type="hidden"]')) url.searchParams.append(field.name, field.value);
    url.searchParams.set(this.#input.name, result.label);
    url.searchParams.set('bezirk', (result.district ?? result.city)?.id ?? '');
    return url.pathname + url.search;
  }

  /** On a phone the keyboard covers half the screen: bring the list up, keeping the field in sight. */
  #keepInView() {
    const visible = window.visualViewport?.height ?? window.innerHeight;
    const overflow = this.#list.getBoundingClientRect().bottom - visible;
    if (overflow <= 0) return;
    const fieldTop = this.#input.getBoundingClientRect().top;
    window.scrollBy({ top: Math.min(overflow + 8, fieldTop - 8), behavior: 'instant' });
  }

  #onKey(event: KeyboardEvent) {
    const open = !this.#list.hidden;
    switch (event.key) {
      case 'ArrowDown':
        if (this.#options.length === 0) return;
        event.preventDefault();
        if (!open) this.#show();
        this.#activate(event.altKey && !open ? -1 : (this.#active + 1) % this.#options.length);
        break;
      case 'ArrowUp':
        if (this.#options.length === 0) return;
        event.preventDefault();
        if (!open) this.#show();
        this.#activate(this.#active <= 0 ? this.#options.length - 1 : this.#active - 1);
        break;
      case 'Enter':
        if (open && this.#active >= 0) {
          event.preventDefault();
          location.assign(this.#options[this.#active]!.href);
        }
        break;
      case 'Escape':
        event.preventDefault();
        if (open) this.#close();
        else {
          this.#input.value = '';
          this.#render([], '', false);
        }
        break;
      case 'Tab':
        this.#close();
        break;
    }
  }

  #show() {
    this.#list.hidden = false;
    this.#input.setAttribute('aria-expanded', 'true');
  }

  #close() {
    this.#list.hidden = true;
    this.#input.setAttribute('aria-expanded', 'false');
    this.#activate(-1);
  }

  #activate(index: number) {
    this.#options.forEach((option, i) => option.element.setAttribute('aria-selected', String(i === index)));
    this.#active = index;
    const option = this.#options[index];
    if (option) {
      this.#input.setAttribute('aria-activedescendant', option.element.id);
      option.element.scrollIntoView({ block: 'nearest' });
    } else {
      this.#input.removeAttribute('aria-activedescendant');
    }
  }
}

/** The label as text nodes, with the words that match a typed word (folded alike) in <mark>. */
function highlight(label: string, typed: string[]): Node[] {
  const nodes: Node[] = [];
  for (const part of label.split(/([\p{L}\p{N}]+)/u)) {
    if (part === '') continue;
    const folded = normaliseText(part);
    const hit = folded !== '' && typed.some((w) => folded.startsWith(w) || (w.length >= 3 && w.startsWith(folded)));
    if (hit) {
      const mark = document.createElement('mark');
      mark.textContent = part;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(part));
    }
  }
  return nodes;
}

/** Defines <rf-search-combobox> once per page. */
export function defineSearchCombobox(): void {
  if (!customElements.get('rf-search-combobox')) customElements.define('rf-search-combobox', SearchCombobox);
}
