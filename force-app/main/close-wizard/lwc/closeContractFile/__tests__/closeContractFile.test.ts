import { createElement } from 'lwc';
import CloseContractFile from 'c/closeContractFile';
import discardContractUpload from '@salesforce/apex/CloseOpportunityController.discardContractUpload';
import { LABELS } from 'c/closeWonLabels';
import { formatLabel } from 'c/closeWonUtils';
import { OPPORTUNITY_ID, flushPromises } from '../../closeWonUtils/__tests__/closeContextFixture';

jest.mock(
  '@salesforce/apex/CloseOpportunityController.discardContractUpload',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
const mockDiscard = discardContractUpload as unknown as jest.Mock;

type ContractFile = HTMLElement & {
  recordId?: string;
  documentId: string | null;
  fileName: string | null;
  uploadedIds: string[];
};

/** Mounts the child with a parent stand-in that applies every filechange, as the wizard does. */
async function mount(documentId: string | null = null, fileName: string | null = null) {
  const element = createElement('c-close-contract-file', { is: CloseContractFile }) as ContractFile;
  element.recordId = OPPORTUNITY_ID;
  element.documentId = documentId;
  element.fileName = fileName;
  element.uploadedIds = documentId ? [documentId] : [];
  const changes: Array<Record<string, unknown>> = [];
  element.addEventListener('filechange', (event) => {
    const detail = (event as CustomEvent).detail;
    changes.push(detail);
    element.documentId = detail.documentId;
    element.fileName = detail.fileName;
    element.uploadedIds = detail.uploadedIds;
  });
  document.body.appendChild(element);
  await flushPromises();
  const root = element.shadowRoot as ShadowRoot;
  const find = (selector: string) => root.querySelector(selector) as HTMLElement | null;
  return { element, changes, find, root };
}

function upload(find: (selector: string) => HTMLElement | null, documentId: string, name: string) {
  find('[data-id="contract-upload"]')?.dispatchEvent(
    new CustomEvent('uploadfinished', { detail: { files: [{ documentId, name }] } }),
  );
}

afterEach(() => {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
  mockDiscard.mockReset();
});

describe('c-close-contract-file', () => {
  it('uploads to the opportunity and reports the file and this launch uploads', async () => {
    const { changes, find } = await mount();
    const uploader = find('[data-id="contract-upload"]') as HTMLElement & {
      recordId: string;
      label: string;
    };
    expect(uploader.recordId).toBe(OPPORTUNITY_ID);
    expect(uploader.label).toBe(LABELS.signedContract);

    upload(find, '069A', 'signed.pdf');
    await flushPromises();
    expect(changes).toEqual([
      { documentId: '069A', fileName: 'signed.pdf', uploadedIds: ['069A'] },
    ]);
    expect(find('[data-id="contract-attached"]')?.textContent).toBe(
      formatLabel(LABELS.contractAttached, 'signed.pdf'),
    );
    expect(find('[data-id="contract-upload"]')).toBeNull();
    expect(find('[data-id="replace-file"]')).not.toBeNull();
    expect(mockDiscard).not.toHaveBeenCalled();
  });

  it('replaces: the upload shows again, Keep goes back, a new file deletes the previous one', async () => {
    mockDiscard.mockResolvedValue({ success: true, errors: [] });
    const { changes, find } = await mount('069A', 'draft.pdf');
    (find('[data-id="replace-file"]') as HTMLElement).click();
    await flushPromises();
    expect((find('[data-id="contract-upload"]') as HTMLElement & { label: string }).label).toBe(
      LABELS.replacementFile,
    );
    expect(find('[data-id="replace-help"]')?.textContent).toBe(
      formatLabel(LABELS.replaceHelp, 'draft.pdf'),
    );
    (find('[data-id="keep-file"]') as HTMLElement).click();
    await flushPromises();
    expect(find('[data-id="contract-upload"]')).toBeNull();

    (find('[data-id="replace-file"]') as HTMLElement).click();
    await flushPromises();
    upload(find, '069B', 'signed.pdf');
    await flushPromises();
    expect(changes).toEqual([
      { documentId: '069B', fileName: 'signed.pdf', uploadedIds: ['069B'] },
    ]);
    expect(mockDiscard).toHaveBeenCalledWith({
      opportunityId: OPPORTUNITY_ID,
      documentIds: ['069A'],
    });
    expect(find('[data-id="file-status"]')?.textContent).toBe(
      formatLabel(LABELS.fileReplaced, 'draft.pdf', 'signed.pdf'),
    );
  });

  it('removes: the file is detached and deleted; a file that stays is said', async () => {
    mockDiscard.mockResolvedValue({ success: false, errors: [{ message: 'In use' }] });
    const { changes, find } = await mount('069A', 'draft.pdf');
    (find('[data-id="remove-file"]') as HTMLElement).click();
    await flushPromises();
    expect(changes).toEqual([{ documentId: null, fileName: null, uploadedIds: [] }]);
    expect(mockDiscard).toHaveBeenCalledTimes(1);
    expect(find('[data-id="contract-upload"]')).not.toBeNull();
    expect(find('[data-id="file-status"]')?.textContent).toBe(
      formatLabel(LABELS.fileKept, 'draft.pdf'),
    );
  });

  it('never deletes a file this launch did not upload', async () => {
    const { element, changes, find } = await mount('069A', 'draft.pdf');
    element.uploadedIds = []; // e.g. the parent forgot it after a completed close
    await flushPromises();
    (find('[data-id="remove-file"]') as HTMLElement).click();
    await flushPromises();
    expect(changes).toEqual([{ documentId: null, fileName: null, uploadedIds: [] }]);
    expect(mockDiscard).not.toHaveBeenCalled();
    expect(find('[data-id="file-status"]')?.textContent).toBe(
      formatLabel(LABELS.fileKept, 'draft.pdf'),
    );
  });
});
