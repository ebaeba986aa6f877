/**
 * Cross-check against scikit-learn: test/fixtures/metrics/sklearn.json is written by
 * test/fixtures/metrics/generate.py (scikit-learn's accuracy_score, balanced_accuracy_score,
 * precision/recall/f1_score(average='macro', zero_division=0), matthews_corrcoef, confusion_matrix,
 * roc_curve, roc_auc_score(multi_class='ovr', average='macro') and numpy's interp for the macro curve).
 */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { confusionMatrix } from '../../src/eval/confusion-matrix';
import { classScores } from '../../src/eval/precision-recall';
import { rocCurves } from '../../src/eval/roc';
import { classificationScores } from '../../src/eval/scores';

interface RocRef {
  class: string;
  fpr: number[];
  tpr: number[];
  thresholds: number[];
  fprAll: number[];
  tprAll: number[];
  auc: number;
}

interface Case {
  name: string;
  yTrue: string[];
  yPred: string[];
  classes: string[];
  proba: number[][];
  labels: string[];
  accuracy: number;
  balancedAccuracy: number;
  precisionMacro: number;
  recallMacro: number;
  f1Macro: number;
  mcc: number;
  confusionMatrix: number[][];
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
  rocAucOvrMacro: number;
  roc: RocRef[];
  macroCurve: { fpr: number[]; tpr: number[]; auc: number };
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/metrics/sklearn.json', import.meta.url), 'utf8')) as { sklearn: string; cases: Case[] };

function expectClose(actual: ArrayLike<number>, expected: readonly number[], digits = 13): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, digits);
}

describe(`metrics against scikit-learn ${fixture.sklearn}`, () => {
  it('has the four fixture cases', () => {
    expect(fixture.cases.length).toBe(4);
  });

  for (const c of fixture.cases) {
    describe(c.name, () => {
      it('confusion matrix', () => {
        const cm = confusionMatrix(c.yTrue, c.yPred);
        expect(cm.classes).toEqual(c.labels);
        expect(cm.counts).toEqual(c.confusionMatrix);
      });

      it('accuracy, balanced accuracy, macro precision/recall/F1, MCC', () => {
        const s = classificationScores(c.yTrue, c.yPred);
        expect(s.accuracy).toBeCloseTo(c.accuracy, 14);
        expect(s.balancedAccuracy).toBeCloseTo(c.balancedAccuracy, 14);
        expect(s.precision).toBeCloseTo(c.precisionMacro, 14);
        expect(s.recall).toBeCloseTo(c.recallMacro, 14);
        expect(s.f1).toBeCloseTo(c.f1Macro, 14);
        expect(s.mcc).toBeCloseTo(c.mcc, 14);
      });

      it('per-class precision, recall, F1 and support', () => {
        const s = classScores(confusionMatrix(c.yTrue, c.yPred));
        expectClose(s.map((x) => x.precision), c.precision, 14);
        expectClose(s.map((x) => x.recall), c.recall, 14);
        expectClose(s.map((x) => x.f1), c.f1, 14);
        expect(s.map((x) => x.support)).toEqual(c.support);
      });

      it('one-vs-rest ROC curves (with and without intermediate points) and AUCs', () => {
        const roc = rocCurves(c.yTrue, c.proba, c.classes);
        const all = rocCurves(c.yTrue, c.proba, c.classes, { dropIntermediate: false });
        c.roc.forEach((ref, k) => {
          const r = roc.perClass[k]!;
          expectClose(r.fpr, ref.fpr);
          expectClose(r.tpr, ref.tpr);
          expect(r.thresholds[0]).toBe(Number.POSITIVE_INFINITY);
          expectClose(r.thresholds.subarray(1), ref.thresholds);
          expect(r.auc).toBeCloseTo(ref.auc, 13);
          expectClose(all.perClass[k]!.fpr, ref.fprAll);
          expectClose(all.perClass[k]!.tpr, ref.tprAll);
          expect(all.perClass[k]!.auc).toBeCloseTo(ref.auc, 13);
        });
      });

      it('macro one-vs-rest AUC and the macro-averaged curve', () => {
        const roc = rocCurves(c.yTrue, c.proba, c.classes);
        expect(roc.macroAuc).toBeCloseTo(c.rocAucOvrMacro, 13);
        expectClose(roc.macroCurve.fpr, c.macroCurve.fpr);
        expectClose(roc.macroCurve.tpr, c.macroCurve.tpr);
        expect(roc.macroCurve.auc).toBeCloseTo(c.macroCurve.auc, 13);
      });
    });
  }
});
