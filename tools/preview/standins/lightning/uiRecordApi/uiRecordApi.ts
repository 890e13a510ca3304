/**
 * Stand-in for the one `lightning/uiRecordApi` function the project calls. The preview has no
 * Lightning Data Service cache: the page re-reads its sample record on `preview:recordupdated`.
 */
export function notifyRecordUpdateAvailable(items: Array<{ recordId: string }>): Promise<void> {
  window.dispatchEvent(new CustomEvent('preview:recordupdated', { detail: { items } }));
  return Promise.resolve();
}
