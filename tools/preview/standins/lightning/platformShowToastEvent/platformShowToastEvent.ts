/**
 * Stand-in for `lightning/platformShowToastEvent`: the same event Lightning Experience listens for
 * (`lightning__showtoast`, bubbling and composed); the preview page shows the toast.
 */
export interface ShowToastEventDetail {
  title?: string;
  message: string;
  variant?: 'info' | 'success' | 'warning' | 'error';
  mode?: 'dismissible' | 'pester' | 'sticky';
}

export const ShowToastEventName = 'lightning__showtoast';

export class ShowToastEvent extends CustomEvent<ShowToastEventDetail> {
  constructor(detail: ShowToastEventDetail) {
    super(ShowToastEventName, { bubbles: true, composed: true, cancelable: true, detail });
  }
}
