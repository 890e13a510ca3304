/**
 * Jest serves the real label text (jest.config.js maps `@salesforce/label/c.*` to the modules
 * test/jest-labels.js writes), yet a test can still give one label its own text with `jest.mock`:
 * the mock wins over the mapping, and the other labels keep their real text.
 */
import { LABELS } from 'c/closeWonLabels';

jest.mock('@salesforce/label/c.CloseWon_Back', () => ({ default: 'Go back (test text)' }), {
  virtual: true,
});

describe('a label mocked in a test', () => {
  it('takes the text of the mock, and only that label does', () => {
    expect(LABELS.back).toBe('Go back (test text)');
    expect(LABELS.next).toBe('Next');
  });
});
