/**
 * Stand-in for `lightning-file-upload` (not published outside Salesforce): the SLDS file selector
 * with the same attributes, and the same `uploadfinished` event with `detail.files` of
 * `{ name, documentId }`. Nothing is uploaded: each chosen file gets a preview ContentDocument id
 * and is listed in the sample record's Files (the data module), as the platform links an upload
 * to `record-id`. Focus goes to the file input, as on the platform's button.
 */
import { LightningElement, api } from 'lwc';
import { addUploadedFile } from '../../../modules/preview/data/data';

interface UploadedFile {
  name: string;
  documentId: string;
}

let uploads = 0;

export default class FileUpload extends LightningElement {
  static delegatesFocus = true;

  @api label = '';
  @api name = '';
  @api accept = '';
  @api recordId: string | undefined;
  @api multiple = false;
  @api disabled = false;

  get inputId(): string {
    return `file-upload-${this.name || 'input'}`;
  }

  handleChange(event: Event): void {
    const input = event.target as HTMLInputElement;
    const chosen = Array.from(input.files ?? []);
    if (chosen.length === 0) return;
    const files: UploadedFile[] = (this.multiple ? chosen : chosen.slice(0, 1)).map((file) => {
      uploads += 1;
      return { name: file.name, documentId: `069PREVIEW${String(uploads).padStart(8, '0')}` };
    });
    input.value = '';
    if (this.recordId) files.forEach((file) => addUploadedFile(file));
    this.dispatchEvent(new CustomEvent('uploadfinished', { detail: { files } }));
  }
}
