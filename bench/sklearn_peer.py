"""scikit-learn peer of bench/forest.ts: reads JSON commands on stdin, one per line, answers one JSON line each.

Commands:
  {"cmd": "load", "name": "balanced", "x": path, "y": path, "n": rows, "p": cols}  X as little-endian float64
  {"cmd": "fit", "name": "balanced", "nEstimators": 100, "seed": 0}  -> {"fit": ms, "fitCpu": ms, "proba": ms}
      (fit: wall clock, fitCpu: process CPU time (time.process_time); proba: the median of 3 consecutive
      predict_proba calls on the training matrix)
  {"cmd": "cv", "name": "td", "folds": path, "nEstimators": 100, "seed": 0}  -> {"accuracy": pooled}

Single thread: RandomForestClassifier(n_jobs=1); the caller also sets OMP/BLAS thread counts to 1.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import RandomForestClassifier

data = {}
print(json.dumps({"ready": True, "sklearn": sklearn.__version__}), flush=True)
for line in sys.stdin:
    msg = json.loads(line)
    cmd = msg["cmd"]
    if cmd == "load":
        X = np.fromfile(msg["x"], dtype="<f8").reshape(msg["n"], msg["p"])
        with open(msg["y"]) as f:
            y = np.array(json.load(f))
        data[msg["name"]] = (X, y)
        reply = {"ok": True}
    elif cmd == "fit":
        X, y = data[msg["name"]]
        c0 = time.process_time()
        t0 = time.perf_counter()
        rf = RandomForestClassifier(n_estimators=msg["nEstimators"], n_jobs=1, random_state=msg["seed"]).fit(X, y)
        t1 = time.perf_counter()
        c1 = time.process_time()
        proba = []
        for _ in range(3):
            t2 = time.perf_counter()
            rf.predict_proba(X)
            proba.append((time.perf_counter() - t2) * 1000)
        reply = {"fit": (t1 - t0) * 1000, "fitCpu": (c1 - c0) * 1000, "proba": sorted(proba)[1]}
    elif cmd == "cv":
        X, y = data[msg["name"]]
        with open(msg["folds"]) as f:
            folds = np.array(json.load(f))
        correct = 0
        for k in range(folds.max() + 1):
            train, test = folds != k, folds == k
            rf = RandomForestClassifier(n_estimators=msg["nEstimators"], n_jobs=1, random_state=msg["seed"] * 100 + k)
            correct += int(np.sum(rf.fit(X[train], y[train]).predict(X[test]) == y[test]))
        reply = {"accuracy": correct / len(y)}
    else:
        reply = {"error": f"unknown command {cmd}"}
    print(json.dumps(reply), flush=True)
