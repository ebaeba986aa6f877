"""imbalanced-learn peer of bench/smote.ts: the authors' SMOTE recipe on the same matrix.

SMOTE(k_neighbors=4) on the training matrix with missing values replaced by -9999999, synthetic values below
the training minimum of their feature set back to missing (as bench/paper_peer.py and the authors' code).

Usage: smote_peer.py X.f64 y.json n p repeats  -> prints one JSON line
  {"ms": [wall time of each repeat], "rows": rows after resampling, "imblearn": version}
Single thread: the caller sets OMP/BLAS thread counts to 1.
"""
import json
import sys
import time

import imblearn
import numpy as np
from imblearn.over_sampling import SMOTE

EXNUM = -9999999.0

x_path, y_path, n, p, repeats = sys.argv[1:6]
X = np.fromfile(x_path, dtype="<f8").reshape(int(n), int(p))
with open(y_path) as f:
    y = np.array(json.load(f))

times = []
rows = 0
for r in range(int(repeats)):
    t0 = time.perf_counter()
    X_min = np.nanmin(X, axis=0)
    X_res, y_res = SMOTE(k_neighbors=4, random_state=r).fit_resample(np.nan_to_num(X, nan=EXNUM), y)
    X_res[X_res < X_min] = np.nan
    times.append((time.perf_counter() - t0) * 1000)
    rows = len(y_res)
print(json.dumps({"ms": times, "rows": rows, "imblearn": imblearn.__version__}), flush=True)
