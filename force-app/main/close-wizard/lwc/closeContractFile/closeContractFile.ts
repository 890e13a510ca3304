/**
 * The signed contract of a Won close (issue 11, 3.9): the upload, then the attached file with
 * Replace and Remove; while replacing, the upload shows again with Keep <file>. A replaced or
 * removed file that this launch uploaded is deleted at once, and a polite live region says what
 * happened (removed, replaced, or kept on the record when it could not be deleted).
 *
 * Contract: the parent owns the attached file (`documentId`, `fileName`) and the ids of the files
 * uploaded in this launch and not yet deleted (`uploadedIds`; it deletes them on Cancel or when
 * the action closes, and forgets them once a close used the file). Every change comes back in one
 * `filechange` event ({ documentId, fileName, uploadedIds }), sent before any deletion is tried:
 * an id leaves `uploadedIds` as soon as its deletion starts, so nothing is tried twice.
 */
import { LightningElement, api } from 'lwc';
import { LABELS } from 'c/closeWonLabels';
import { discardUploads, formatLabel } from 'c/closeWonUtils';

/** What renderedCallback focuses after Remove, Replace, Keep or an upload. */
type FileFocus = 'uploader' | 'replace' | null;

export interface FileChange {
  documentId: string | null;
  fileName: string | null;
  uploadedIds: string[];
}

export default class CloseContractFile extends LightningElement {
  /** The opportunity the file is uploaded to. */
  @api recordId: string | undefined;
  /** The attached signed contract (ContentDocument id), or null. */
  @api documentId: string | null = null;
  @api fileName: string | null = null;
  /** Files uploaded in this launch and not yet deleted or used by a completed close. */
  @api uploadedIds: string[] = [];

  labels = LABELS;
  replacing = false;
  status = '';

  private pendingFocus: FileFocus = null;

  renderedCallback(): void {
    const focus = this.pendingFocus;
    if (focus) {
      this.pendingFocus = null;
      const selector =
        focus === 'uploader' ? '[data-id="contract-upload"]' : '[data-id="replace-file"]';
      this.template?.querySelector<HTMLElement>(selector)?.focus();
    }
  }

  get attachedText(): string {
    return this.fileName ? formatLabel(LABELS.contractAttached, this.fileName) : '';
  }
  /** The upload shows until a file is attached, and again while replacing it. */
  get showUploader(): boolean {
    return !this.documentId || this.replacing;
  }
  get showActions(): boolean {
    return Boolean(this.documentId) && !this.replacing;
  }
  get uploadLabel(): string {
    return this.replacing ? LABELS.replacementFile : LABELS.signedContract;
  }
  get replaceHelp(): string {
    return formatLabel(LABELS.replaceHelp, this.fileName ?? '');
  }
  get keepLabel(): string {
    return formatLabel(LABELS.keepFile, this.fileName ?? '');
  }

  /** A new file is attached; while replacing, the previous upload is deleted once it is in. */
  async handleUploadFinished(
    event: CustomEvent<{ files: Array<{ documentId: string; name: string }> }>,
  ): Promise<void> {
    const file = event.detail.files[0];
    if (!file) {
      return;
    }
    const previousId = this.replacing ? this.documentId : null;
    const previousName = this.fileName ?? '';
    this.replacing = false;
    this.status = '';
    this.pendingFocus = 'replace';
    const deletion = this.change(
      file.documentId,
      file.name,
      [...this.uploadedIds, file.documentId],
      previousId,
    );
    if (previousId) {
      this.status = (await deletion)
        ? formatLabel(LABELS.fileReplaced, previousName, file.name)
        : formatLabel(LABELS.fileKept, previousName);
    }
  }

  /** Remove: the file is no longer the signed contract and, uploaded in this launch, is deleted. */
  async handleRemove(): Promise<void> {
    const id = this.documentId;
    if (!id) {
      return;
    }
    const name = this.fileName ?? '';
    this.status = '';
    this.pendingFocus = 'uploader';
    const deleted = await this.change(null, null, this.uploadedIds, id);
    this.status = formatLabel(deleted ? LABELS.fileRemoved : LABELS.fileKept, name);
  }

  /** Replace: the upload shows again; the current file stays until the new one is in. */
  handleReplace(): void {
    this.replacing = true;
    this.status = '';
    this.pendingFocus = 'uploader';
  }

  handleKeep(): void {
    this.replacing = false;
    this.pendingFocus = 'replace';
  }

  /**
   * Reports the new file and upload list to the parent, then deletes `discard` if this launch
   * uploaded it (the server also checks that the rep uploaded it to this opportunity and that no
   * closed deal uses it). Resolves false when the file stays on the record.
   */
  private async change(
    documentId: string | null,
    fileName: string | null,
    uploaded: string[],
    discard: string | null,
  ): Promise<boolean> {
    const own = discard !== null && uploaded.includes(discard);
    const detail: FileChange = {
      documentId,
      fileName,
      uploadedIds: uploaded.filter((id) => id !== discard),
    };
    this.dispatchEvent(new CustomEvent('filechange', { detail }));
    if (!discard || !own || !this.recordId) {
      return false;
    }
    return discardUploads(this.recordId, [discard]);
  }
}
