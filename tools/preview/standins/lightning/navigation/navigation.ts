/**
 * Stand-in for `lightning/navigation` (the published module re-exports `force/navigation`, which is
 * not): `NavigationMixin` with `Navigate` and `GenerateUrl`. The preview has no other pages, so
 * navigating dispatches `preview:navigate` on the window with the page reference, and the page
 * says where Salesforce would have gone. `GenerateUrl` answers a URL of the preview itself (same
 * scenario, `previewPage=<page reference>`): opened in a new tab, the page shows a stand-in of the
 * Salesforce page it names, where the rep can "save a fix" (the wizard's Fix it links).
 */
type Constructor<T = object> = new (...args: any[]) => T; // eslint-disable-line @typescript-eslint/no-explicit-any -- a mixin must accept any constructor

export interface PageReference {
  type: string;
  attributes?: Record<string, unknown>;
  state?: Record<string, unknown>;
}

const Navigate: unique symbol = Symbol('Navigate');
const GenerateUrl: unique symbol = Symbol('GenerateUrl');

function previewUrl(pageReference: PageReference): string {
  const scenario = new URLSearchParams(window.location.search).get('scenario');
  const query = new URLSearchParams();
  if (scenario) query.set('scenario', scenario);
  query.set('previewPage', JSON.stringify(pageReference));
  return `${window.location.pathname}?${query.toString()}`;
}

export function NavigationMixin<T extends Constructor>(Base: T) {
  return class extends Base {
    [Navigate](pageReference: PageReference, replace?: boolean): void {
      window.dispatchEvent(
        new CustomEvent('preview:navigate', {
          detail: { pageReference, replace: Boolean(replace) },
        }),
      );
    }
    [GenerateUrl](pageReference: PageReference): Promise<string> {
      return Promise.resolve(previewUrl(pageReference));
    }
  };
}
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;
