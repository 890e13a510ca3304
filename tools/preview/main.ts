/**
 * Entry of the preview bundle: synthetic shadow first (as in Lightning Experience, so SLDS classes
 * in the components' templates apply), then the record page mounted into #preview-root.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import App from './modules/preview/app/app';

const root = document.getElementById('preview-root');
if (root) {
  root.appendChild(createElement('preview-app', { is: App }));
}
