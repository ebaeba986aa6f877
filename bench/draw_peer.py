"""Python peer of bench/draw.ts: one full Monte Carlo draw of the MUWCLASS recipe with numpy, scipy, the
`extinction` package, imbalanced-learn and scikit-learn, the way the authors' pipeline does it:

1. resample: every flux ~ N(F, (sqrt(2) e_F)^2), redrawn until positive, Fb = Fs + Fm + Fh; every magnitude with an
   error ~ N(m, (sqrt(2) e_m)^2) — for the training set and, independently, for the sources to classify;
2. redden the training AGNs to E(B-V) (tbabs band factors by integrating a linear spline, as their red_factor;
   Fitzpatrick 1999 from `extinction`; the limit cut) and build the 29 features (bench/peers/recipe.py, shared with bench/peers/reddened_features.py);
3. SMOTE(k_neighbors=4) with missing values -> -9999999, synthetic values below the training minimum -> missing;
4. missing -> -100, RandomForestClassifier(n_estimators=100, n_jobs=1).fit;
5. predict_proba of the sources' features.

Usage: draw_peer.py <td.csv> <tbabs.data> <draws> <ebv>
Prints one JSON line: {"draw": [ms of each draw], "<stage>": [ms of each draw], "accuracy": on the training set}.
Single thread: the caller sets OMP/BLAS thread counts to 1.
"""
import json
import os
import sys
import time

import numpy as np
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'peers'))
from recipe import BANDS, LIMITS, bin_model, features as feature_matrix, read_table  # noqa: E402

td_path, tbabs_path, draws, ebv = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])

EXNUM = -9999999.0
SCALE = np.sqrt(2.0)

rows, num = read_table(td_path)
flux = {b: (num(b), num('e_' + b)) for b in ('Fs', 'Fm', 'Fh')}
P_inter, P_intra = num('P_inter'), num('P_intra')
mags = np.stack([num(b + 'mag') for b in BANDS], axis=1)
e_mags = np.stack([num('e_' + b + 'mag') for b in BANDS], axis=1)
y = np.array([r['True_Class'] for r in rows])
agn = y == 'AGN'
tb_e, tb_s = np.loadtxt(tbabs_path)


def resample(rng):
    out = {}
    for b, (v, e) in flux.items():
        ok = np.isfinite(v) & np.isfinite(e)
        d = np.where(ok, v + SCALE * e * rng.standard_normal(len(v)), v)
        bad = ok & (d <= 0)
        while bad.any():
            d[bad] = v[bad] + SCALE * e[bad] * rng.standard_normal(bad.sum())
            bad = ok & (d <= 0)
        out[b] = d
    ok = np.isfinite(mags) & np.isfinite(e_mags)
    out['mags'] = np.where(ok, mags + SCALE * e_mags * rng.standard_normal(mags.shape), mags)
    return out


def features(d, redden, model):
    fs, fm, fh, m = d['Fs'], d['Fm'], d['Fh'], d['mags']
    if model is not None:
        cs, cm, ch, a = model
        fs, fm, fh = np.where(redden, fs * cs, fs), np.where(redden, fm * cm, fm), np.where(redden, fh * ch, fh)
        m = np.where(redden[:, None], m + a[None, :], m)
        m = np.where(redden[:, None] & (m >= LIMITS[None, :]), np.nan, m)
    return feature_matrix(fs, fm, fh, fs + fm + fh, m, P_inter, P_intra)


stages = {k: [] for k in ('draw', 'resample', 'redden_features', 'smote', 'fit', 'predict')}
correct = 0
for r in range(draws):
    rng = np.random.default_rng(r)
    t0 = time.perf_counter()
    td = resample(rng)
    field = resample(rng)
    t1 = time.perf_counter()
    model = bin_model(tb_e, tb_s, ebv)
    X = features(td, agn, model)
    Xf = features(field, agn, None)
    t2 = time.perf_counter()
    X_min = np.nanmin(X, axis=0)
    X_res, y_res = SMOTE(k_neighbors=4, random_state=r).fit_resample(np.nan_to_num(X, nan=EXNUM), y)
    X_res[X_res < X_min] = np.nan
    t3 = time.perf_counter()
    rf = RandomForestClassifier(n_estimators=100, n_jobs=1, random_state=r).fit(np.nan_to_num(X_res, nan=-100.0), y_res)
    t4 = time.perf_counter()
    proba = rf.predict_proba(np.nan_to_num(Xf, nan=-100.0))
    t5 = time.perf_counter()
    correct = int(np.sum(rf.classes_[proba.argmax(axis=1)] == y))
    for k, (a, b) in {'draw': (t0, t5), 'resample': (t0, t1), 'redden_features': (t1, t2), 'smote': (t2, t3), 'fit': (t3, t4), 'predict': (t4, t5)}.items():
        stages[k].append((b - a) * 1000)
print(json.dumps({**stages, "accuracy": correct / len(y)}), flush=True)
