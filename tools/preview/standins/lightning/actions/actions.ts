/**
 * Stand-in for `lightning/actions`: `CloseActionScreenEvent` bubbles (composed) from the launched
 * component to the page, which closes the quick action's modal.
 */
export class CloseActionScreenEvent extends CustomEvent<null> {
  constructor() {
    super('lightning__actionsclosescreen', { bubbles: true, composed: true, detail: null });
  }
}
