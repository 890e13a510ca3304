/**
 * DOM helpers of the wizard's integration tests: the wizard's template and the templates of its
 * child components (c-close-readiness, c-close-review, c-close-contract-file,
 * c-close-error-popover), searched as one, the way a rep (and Playwright's CSS locators) sees the
 * page. Base components (lightning-*) are not entered: their insides are not the wizard's.
 */

/** The wizard's shadow root, then those of its own child components, depth first. */
export function scopes(element: HTMLElement): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const visit = (root: ShadowRoot | null): void => {
    if (!root) {
      return;
    }
    found.push(root);
    for (const child of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
      if (child.tagName.startsWith('C-')) {
        visit(child.shadowRoot);
      }
    }
  };
  visit(element.shadowRoot);
  return found;
}

/** The first match in the wizard or one of its children. */
export function deepQuery<T extends Element = HTMLElement>(
  element: HTMLElement,
  selector: string,
): T | null {
  for (const root of scopes(element)) {
    const match = root.querySelector<T>(selector);
    if (match) {
      return match;
    }
  }
  return null;
}

/** Every match in the wizard and its children. */
export function deepQueryAll<T extends Element = HTMLElement>(
  element: HTMLElement,
  selector: string,
): T[] {
  return scopes(element).flatMap((root) => Array.from(root.querySelectorAll<T>(selector)));
}

/** The focused element, followed into the child component that holds it. */
export function activeIn(element: HTMLElement): Element | null {
  let active = element.shadowRoot?.activeElement ?? null;
  while (active && active.tagName.startsWith('C-') && active.shadowRoot?.activeElement) {
    active = active.shadowRoot.activeElement;
  }
  return active;
}
