/**
 * Stand-in for `lightning/refresh`: `RefreshEvent` bubbles from a component to the page; every
 * handler registered with `registerRefreshHandler` then reloads, as on a Lightning record page.
 */
type RefreshHandler = () => Promise<boolean>;

const REFRESH_EVENT = 'lightning__refreshevent';
const handlers = new Map<number, RefreshHandler>();
let nextId = 1;

export class RefreshEvent extends CustomEvent<null> {
  constructor() {
    super(REFRESH_EVENT, { bubbles: true, composed: true, detail: null });
  }
}

export function registerRefreshHandler(_contextElement: unknown, handler: RefreshHandler): number {
  const id = nextId;
  nextId += 1;
  handlers.set(id, handler);
  return id;
}

export function unregisterRefreshHandler(id: number): void {
  handlers.delete(id);
}

window.addEventListener(REFRESH_EVENT, () => {
  for (const handler of handlers.values()) handler().catch(() => false);
});
