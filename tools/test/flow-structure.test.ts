/**
 * Proves the `flow-structure` check reports connectors that lead nowhere (a typo, a resource
 * instead of an element) and references to resources, labels, permissions and globals that do not
 * exist (file, line and rule of each planted defect), and passes on a flow that uses loops,
 * collection filters, decision outcomes, text templates, formulas and `$` globals correctly.
 */
import path from 'node:path';
import { check } from '../checks/flow-structure';
import type { Finding } from '../checks/types';

const fixtures = path.resolve(__dirname, '..', 'fixtures');
const flow = 'force-app/main/default/flows/Review_New_Deal.flow-meta.xml';

async function findingsOf(fixture: string): Promise<Finding[]> {
  return (await check.run({ projectDir: path.join(fixtures, fixture) })).findings;
}

describe('flow-structure check', () => {
  it('passes on a flow whose connectors and references all resolve', async () => {
    expect(await findingsOf('flow-structure-clean')).toEqual([]);
  });

  describe('on a flow with planted defects', () => {
    let findings: Finding[];
    beforeAll(async () => {
      findings = await findingsOf('flow-structure-broken');
    });
    const connector = (line: number, message: string): Finding => ({
      file: flow,
      line,
      rule: 'flow-connector-missing-target',
      message,
    });
    const reference = (line: number, message: string): Finding => ({
      file: flow,
      line,
      rule: 'flow-undefined-reference',
      message,
    });

    it('reports an assignment connector to a misspelt element', () => {
      expect(findings).toContainEqual(
        connector(17, 'connector target For_Each_Opn_Item is not an element of this flow'),
      );
    });

    it("reports a loop's no-more-values connector to a missing element", () => {
      expect(findings).toContainEqual(
        connector(98, 'connector target Create_Review_Tsk is not an element of this flow'),
      );
    });

    it('reports a fault connector that targets a variable', () => {
      expect(findings).toContainEqual(
        connector(
          108,
          'connector target varOpenCount is a resource, not an element a connector can lead to',
        ),
      );
    });

    it('reports an element reference and a formula merge field naming undefined resources', () => {
      expect(findings).toContainEqual(
        reference(
          113,
          '<elementReference>txtSubjct: txtSubjct is not a variable, constant, formula, text template, choice or element of this flow',
        ),
      );
      expect(findings).toContainEqual(
        reference(
          79,
          '{!varOpenCnt}: varOpenCnt is not a variable, constant, formula, text template, choice or element of this flow',
        ),
      );
    });

    it('reports $Record__Prior in a flow that runs only on create', () => {
      expect(findings).toContainEqual(
        reference(
          60,
          '<elementReference>$Record__Prior.Amount: $Record__Prior exists only in a record-triggered flow that runs on update',
        ),
      );
    });

    it('reports a missing custom label and custom permission', () => {
      expect(findings).toContainEqual(
        reference(
          185,
          '{!$Label.Review_Task_Subjct}: custom label Review_Task_Subjct does not exist in the project',
        ),
      );
      expect(findings).toContainEqual(
        reference(
          64,
          '<leftValueReference>$Permission.Skip_Reviews: custom permission Skip_Reviews does not exist in the project',
        ),
      );
    });

    it('reports unknown members of $Flow and $GlobalConstant', () => {
      expect(findings).toContainEqual(
        reference(139, '<elementReference>$Flow.FautMessage: $Flow has no member FautMessage'),
      );
      expect(findings).toContainEqual(
        reference(
          67,
          '<elementReference>$GlobalConstant.No: $GlobalConstant has no member No (True, False, EmptyString)',
        ),
      );
    });

    it('reports nothing else: the valid references beside the defects resolve', () => {
      expect(findings).toHaveLength(10);
    });
  });
});
