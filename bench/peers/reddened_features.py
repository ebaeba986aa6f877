"""Peer for bench/reddened-features.ts: the authors' per-E(B-V)-bin steps in numpy/scipy (their pipeline does the
same with pandas): tbabs band factors by integrating a linear spline (scipy InterpolatedUnivariateSpline, as in
their red_factor), Fitzpatrick (1999) from the `extinction` package, reddening of the AGN rows, the limit cut,
the 29 features and the -100 fill.

Usage: /usr/bin/python3 bench/peers/reddened_features.py <td.csv> <tbabs.data> <repeats> <ebv>
Prints one JSON line: {"model_ms": …, "apply_ms": …, "checksum": …}: the per-bin model (band factors and
extinctions) and the per-(draw, bin) work (reddening the AGN rows, features, -100 fill), timed separately.
"""
import csv
import json
import sys
import time

import extinction
import numpy as np
from scipy.interpolate import InterpolatedUnivariateSpline

td_path, tbabs_path, repeats, ebv = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])

BANDS = ['G', 'BP', 'RP', 'J', 'H', 'K', 'W1', 'W2', 'W3']
LIMITS = np.array([21.5, 21.5, 21.0, 18.5, 18.0, 17.0, 18.5, 17.5, 14.5])
ZEROS = np.array([2.5e-9, 4.08e-9, 1.27e-9, 3.13e-10, 1.13e-10, 4.28e-11, 8.18e-12, 2.42e-12, 6.52e-14])
WIDTHS = np.array([4052.97, 2157.50, 2924.44, 1624.32, 2509.40, 2618.87, 6626.42, 10422.66, 55055.71])
WAVES = np.array([5822.39, 5035.75, 7619.96, 12350., 16620., 21590., 33526., 46028., 115608.])
COLORS = [('G', 'BP'), ('G', 'RP'), ('G', 'J'), ('G', 'H'), ('G', 'K'), ('BP', 'RP'), ('J', 'H'), ('J', 'K'), ('H', 'K'),
          ('W1', 'W2'), ('W1', 'W3'), ('W2', 'W3')]

with open(td_path) as f:
    rows = list(csv.DictReader(f))
num = lambda c: np.array([float(r[c]) if r[c] != '' else np.nan for r in rows])
Fs, Fm, Fh, Fb = num('Fs'), num('Fm'), num('Fh'), num('Fb')
P_inter, P_intra = num('P_inter'), num('P_intra')
mags = np.stack([num(b + 'mag') for b in BANDS], axis=1)
agn = np.array([r['True_Class'] == 'AGN' for r in rows])
tb_e, tb_s = np.loadtxt(tbabs_path)


def red_factor(lo, hi, nh21, gamma=2.0):
    unred = np.log(hi) - np.log(lo)
    absorbed = tb_e ** (1 - gamma) * np.exp(-nh21 * 0.1 * tb_s)  # nh in 1e21 cm^-2, sigma in 1e-22 cm^2
    return InterpolatedUnivariateSpline(tb_e, absorbed, k=1).integral(lo, hi) / unred


def model():
    nh21 = 2.21 * 3.1 * ebv
    cs, cm, ch = (red_factor(0.5, 1.2, nh21), red_factor(1.2, 2.0, nh21), red_factor(2.0, 7.0, nh21))
    return cs, cm, ch, extinction.fitzpatrick99(WAVES, 3.1 * ebv)


def one_bin(cs, cm, ch, a):
    fs, fm, fh = np.where(agn, Fs * cs, Fs), np.where(agn, Fm * cm, Fm), np.where(agn, Fh * ch, Fh)
    fb = np.where(agn, fs + fm + fh, Fb)
    m = np.where(agn[:, None], mags + a[None, :], mags)
    m = np.where(m >= LIMITS[None, :], np.nan, m)
    cols = [np.log10(fs / fb), np.log10(fm / fb), np.log10(fh / fb), np.log10(fb),
            (fh - fm) / (fh + fm), (fm - fs) / (fm + fs), (fh - fm - fs) / (fh + fm + fs), P_inter, P_intra]
    flux = ZEROS[None, :] * 10 ** (-m / 2.5) * WIDTHS[None, :]
    for k in range(8):
        cols.append(np.log10(flux[:, k] / fb))
    for b1, b2 in COLORS:
        cols.append(m[:, BANDS.index(b1)] - m[:, BANDS.index(b2)])
    X = np.stack(cols, axis=1)
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
