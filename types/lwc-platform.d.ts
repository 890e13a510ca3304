/**
 * Ambient declarations for the platform modules that @salesforce/lightning-types 0.8.0 does not
 * declare (see docs/architecture.md). Only what this package uses, typed as the LWC developer
 * guide documents them. At test time sfdx-lwc-jest supplies stubs for the same module ids.
 */

declare module '@salesforce/apex/*' {
  // Apex results are cast to the types/close-api shapes where they are awaited; the
  // platform gives them no static types, so the narrowest honest type is a function of unknown.
  const apexMethod: (params?: Record<string, unknown>) => Promise<unknown>;
  export default apexMethod;
}

declare module '@salesforce/label/*' {
  const label: string;
  export default label;
}

declare module 'lightning/uiRecordApi' {
  export function notifyRecordUpdateAvailable(items: Array<{ recordId: string }>): Promise<void>;
}

declare module 'lightning/platformShowToastEvent' {
  export interface ShowToastEventDetail {
    title?: string;
    message: string;
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
    messageData?: Array<string | { url: string; label: string }>;
  }
  export class ShowToastEvent extends CustomEvent<ShowToastEventDetail> {
    constructor(detail: ShowToastEventDetail);
  }
}

declare module 'lightning/actions' {
  export class CloseActionScreenEvent extends CustomEvent<null> {
    constructor();
  }
}

declare module 'lightning/refresh' {
  export class RefreshEvent extends CustomEvent<null> {
    constructor();
  }
  /** Registers a component to reload on RefreshEvent; the handler resolves true when it refreshed. */
  export function registerRefreshHandler(
    contextElement: unknown,
    providerMethod: () => Promise<boolean>,
  ): number;
  export function unregisterRefreshHandler(id: number): void;
}

declare module '@salesforce/client/formFactor' {
  const formFactor: 'Large' | 'Medium' | 'Small';
  export default formFactor;
}

declare module 'lightning/navigation' {
  export interface PageReference {
    type: string;
    attributes?: Record<string, unknown>;
    state?: Record<string, unknown>;
  }
  type Constructor<T = object> = new (...args: any[]) => T; // eslint-disable-line @typescript-eslint/no-explicit-any -- mixin constructors must accept any arguments
  /** What the mixin adds to a component: navigation by page reference. */
  export interface NavigationMixinMethods {
    [NavigationMixin.Navigate](pageReference: PageReference, replace?: boolean): void;
    [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
  }
  export function NavigationMixin<T extends Constructor>(
    base: T,
  ): T & Constructor<NavigationMixinMethods>;
  export namespace NavigationMixin {
    const Navigate: unique symbol;
    const GenerateUrl: unique symbol;
  }
}
