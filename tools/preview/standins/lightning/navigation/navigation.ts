/**
 * Stand-in for `lightning/navigation` (the published module re-exports `force/navigation`, which is
 * not): `NavigationMixin` with `Navigate` and `GenerateUrl`. The preview has no other pages, so
 * navigating dispatches `preview:navigate` on the window with the page reference, and the page
 * says where Salesforce would have gone.
 */
type Constructor<T = object> = new (...args: any[]) => T; // eslint-disable-line @typescript-eslint/no-explicit-any -- a mixin must accept any constructor

export interface PageReference {
  type: string;
  attributes?: Record<string, unknown>;
  state?: Record<string, unknown>;
}

const Navigate: unique symbol = Symbol('Navigate');
const GenerateUrl: unique symbol = Symbol('GenerateUrl');

function describe(pageReference: PageReference): string {
  const attributes = pageReference.attributes ?? {};
  return `#${pageReference.type}/${Object.values(attributes).map(String).join('/')}`;
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
      return Promise.resolve(describe(pageReference));
    }
  };
}
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;
