"""The authors' per-source steps shared by the Python peers (bench/peers/reddened_features.py, bench/draw_peer.py):
the photometric constants, the tbabs band factor (integrating a linear spline, as their red_factor), the per-E(B-V)
reddening model and the 29 features of the paper's Table 2. Peers only: muwclass never runs this."""
import csv

import extinction
import numpy as np
from scipy.interpolate import InterpolatedUnivariateSpline

BANDS = ['G', 'BP', 'RP', 'J', 'H', 'K', 'W1', 'W2', 'W3']
LIMITS = np.array([21.5, 21.5, 21.0, 18.5, 18.0, 17.0, 18.5, 17.5, 14.5])
ZEROS = np.array([2.5e-9, 4.08e-9, 1.27e-9, 3.13e-10, 1.13e-10, 4.28e-11, 8.18e-12, 2.42e-12, 6.52e-14])
WIDTHS = np.array([4052.97, 2157.50, 2924.44, 1624.32, 2509.40, 2618.87, 6626.42, 10422.66, 55055.71])
WAVES = np.array([5822.39, 5035.75, 7619.96, 12350., 16620., 21590., 33526., 46028., 115608.])
COLORS = [('G', 'BP'), ('G', 'RP'), ('G', 'J'), ('G', 'H'), ('G', 'K'), ('BP', 'RP'), ('J', 'H'), ('J', 'K'), ('H', 'K'),
          ('W1', 'W2'), ('W1', 'W3'), ('W2', 'W3')]


def read_table(path):
    """The CSV's rows and a column reader (empty cells -> NaN)."""
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return rows, lambda c: np.array([float(r[c]) if r[c] != '' else np.nan for r in rows])


def red_factor(tb_e, tb_s, lo, hi, nh21, gamma=2.0):
    """Absorbed over unabsorbed flux of a Gamma power law in [lo, hi] keV (nh in 1e21 cm^-2, sigma in 1e-22 cm^2)."""
    unred = np.log(hi) - np.log(lo)
    absorbed = tb_e ** (1 - gamma) * np.exp(-nh21 * 0.1 * tb_s)
    return InterpolatedUnivariateSpline(tb_e, absorbed, k=1).integral(lo, hi) / unred


def bin_model(tb_e, tb_s, ebv):
    """The soft, medium and hard band factors at N_H = 2.21e21 x 3.1 E(B-V), and the F99 extinction of each band."""
    nh21 = 2.21 * 3.1 * ebv
    return (red_factor(tb_e, tb_s, 0.5, 1.2, nh21), red_factor(tb_e, tb_s, 1.2, 2.0, nh21),
            red_factor(tb_e, tb_s, 2.0, 7.0, nh21), extinction.fitzpatrick99(WAVES, 3.1 * ebv))


def features(fs, fm, fh, fb, m, p_inter, p_intra):
    """The 29 features (rows x 29; missing stays NaN): flux ratios, Fb, hardness ratios, variability, log
    optical/IR-to-X-ray flux ratios of the first eight bands, the twelve colours."""
    cols = [np.log10(fs / fb), np.log10(fm / fb), np.log10(fh / fb), np.log10(fb),
            (fh - fm) / (fh + fm), (fm - fs) / (fm + fs), (fh - fm - fs) / (fh + fm + fs), p_inter, p_intra]
    flux = ZEROS[None, :] * 10 ** (-m / 2.5) * WIDTHS[None, :]
    for k in range(8):
        cols.append(np.log10(flux[:, k] / fb))
    for b1, b2 in COLORS:
        cols.append(m[:, BANDS.index(b1)] - m[:, BANDS.index(b2)])
    return np.stack(cols, axis=1)
