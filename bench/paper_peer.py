"""The Python original's per-draw pipeline, as peer of bench/paper.ts (the authors' recipe with imbalanced-learn
and scikit-learn): for each cross-validation fold, SMOTE(k_neighbors=4) on the training part with missing values
replaced by -9999999 and synthetic values below the training minimum set back to missing, missing -> -100,
RandomForestClassifier(n_estimators=100, n_jobs=1), predict_proba on the test part.

Usage: paper_peer.py X.f64 y.json folds.json n p  -> prints one JSON line {"ms": wall time, "accuracy": pooled}
"""
import json
import sys
import time

import numpy as np
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier

EXNUM = -9999999.0

x_path, y_path, folds_path, n, p = sys.argv[1:6]
X = np.fromfile(x_path, dtype="<f8").reshape(int(n), int(p))
y = np.array(json.load(open(y_path)))
folds = np.array(json.load(open(folds_path)))

t0 = time.perf_counter()
correct = 0
for k in range(folds.max() + 1):
    train, test = folds != k, folds == k
    X_train = X[train]
    X_min = np.nanmin(X_train, axis=0)
    X_res, y_res = SMOTE(k_neighbors=4, random_state=k).fit_resample(np.nan_to_num(X_train, nan=EXNUM), y[train])
    X_res[X_res < X_min] = np.nan
    rf = RandomForestClassifier(n_estimators=100, n_jobs=1, random_state=k)
    rf.fit(np.nan_to_num(X_res, nan=-100.0), y_res)
    proba = rf.predict_proba(np.nan_to_num(X[test], nan=-100.0))
    correct += int(np.sum(rf.classes_[proba.argmax(axis=1)] == y[test]))
print(json.dumps({"ms": (time.perf_counter() - t0) * 1000, "accuracy": correct / len(y)}), flush=True)
