"""Peer for bench/reddened-features.ts: the authors' per-E(B-V)-bin steps in numpy/scipy (their pipeline does the
same with pandas): tbabs band factors by integrating a linear spline (scipy InterpolatedUnivariateSpline, as in
their red_factor), Fitzpatrick (1999) from the `extinction` package, reddening of the AGN rows, the limit cut,
the 29 features and the -100 fill.

Usage: /usr/bin/python3 bench/peers/reddened_features.py <td.csv> <tbabs.data> <repeats> <ebv>
Prints one JSON line: {"model_ms": …, "apply_ms": …, "checksum": …}: the per-bin model (band factors and
extinctions) and the per-(draw, bin) work (reddening the AGN rows, features, -100 fill), timed separately.
"""
import json
import sys
import time

import numpy as np

from recipe import BANDS, LIMITS, bin_model, features, read_table

td_path, tbabs_path, repeats, ebv = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])

rows, num = read_table(td_path)
Fs, Fm, Fh, Fb = num('Fs'), num('Fm'), num('Fh'), num('Fb')
P_inter, P_intra = num('P_inter'), num('P_intra')
mags = np.stack([num(b + 'mag') for b in BANDS], axis=1)
agn = np.array([r['True_Class'] == 'AGN' for r in rows])
tb_e, tb_s = np.loadtxt(tbabs_path)


def model():
    return bin_model(tb_e, tb_s, ebv)


def one_bin(cs, cm, ch, a):
    fs, fm, fh = np.where(agn, Fs * cs, Fs), np.where(agn, Fm * cm, Fm), np.where(agn, Fh * ch, Fh)
    fb = np.where(agn, fs + fm + fh, Fb)
    m = np.where(agn[:, None], mags + a[None, :], mags)
    m = np.where(m >= LIMITS[None, :], np.nan, m)
    X = features(fs, fm, fh, fb, m, P_inter, P_intra)
    return np.where(np.isnan(X), -100.0, X)


m = model()
one_bin(*m)
t = time.perf_counter()
for _ in range(repeats):
    m = model()
model_ms = (time.perf_counter() - t) * 1000 / repeats
t = time.perf_counter()
for _ in range(repeats):
    X = one_bin(*m)
apply_ms = (time.perf_counter() - t) * 1000 / repeats
print(json.dumps({"model_ms": model_ms, "apply_ms": apply_ms, "checksum": float(X.sum())}))
