#!/usr/bin/python3
"""Independent DSSIM numbers for DssimTests: scikit-image's SSIM (Wang et al. 2004 setting).

Run with Debian's interpreter (python3-skimage 0.19): /usr/bin/python3 make_dssim_fixture.py
Writes dssim_skimage.json beside this script. Each case is a square crop of a real face image
(300-W PNGs from ../shared/data/landmarks, centred on the landmarks' mean) and a distorted copy
(3x3 box blur with replicated edges plus a fixed, channel-dependent sawtooth pattern, clipped to
[0, 1]) that the C# test rebuilds identically without random numbers.

DSSIM = (1 - SSIM) / 2. SSIM with a Gaussian window sigma 1.5: skimage's window is 11 wide
(truncate 3.5), the one FaceLab uses at 128 px. At 256 px FaceLab averages an 11-wide and a
23-wide window; skimage cannot widen its window, so the 23-wide half uses the same formula with
scipy's Gaussian filter truncated at 11 pixels, checked first against skimage at 11.
"""
import glob, json, os
import numpy as np
from scipy.ndimage import gaussian_filter
from skimage import io
from skimage.metrics import structural_similarity

HERE = os.path.dirname(os.path.abspath(__file__))
LANDMARKS = os.path.normpath(os.path.join(HERE, '..', '..', '..', '..', '..', 'shared', 'data', 'landmarks'))
IMAGES = ['sd_image_0001.png', 'sd_image_0002.png', 'sd_image_0003.png', 'eos_image_0010.png']


def distort(img):
    """img: H x W x 3 float64 RGB in [0,1]."""
    p = np.pad(img, ((1, 1), (1, 1), (0, 0)), mode='edge')
    h, w, _ = img.shape
    blur = sum(p[dy:dy + h, dx:dx + w] for dy in range(3) for dx in range(3)) / 9.0
    y, x, c = np.meshgrid(np.arange(h), np.arange(w), np.arange(3), indexing='ij')
    pattern = 0.08 * (((x * 7 + y * 13 + c * 5) % 17) / 16.0 - 0.5)
    return np.clip(blur + pattern, 0.0, 1.0)


def ssim_gaussian(a, b, radius, sigma=1.5):
    """Mean SSIM with a Gaussian window of the given radius, population covariances, valid region."""
    k = dict(sigma=sigma, truncate=radius / sigma, mode='reflect')
    out = []
    for ch in range(a.shape[2]):
        x, y = a[..., ch], b[..., ch]
        ux, uy = gaussian_filter(x, **k), gaussian_filter(y, **k)
        vx = gaussian_filter(x * x, **k) - ux * ux
        vy = gaussian_filter(y * y, **k) - uy * uy
        vxy = gaussian_filter(x * y, **k) - ux * uy
        c1, c2 = 0.01 ** 2, 0.03 ** 2
        s = ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2))
        out.append(s[radius:-radius, radius:-radius].mean())
    return float(np.mean(out))


def skimage_ssim(a, b):
    return float(structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
                                       data_range=1, channel_axis=-1))


def crop_box(path, size):
    pts = np.loadtxt(path[:-4] + '.pts', comments=('version', 'n_points', '{', '}'))
    cx, cy = pts.mean(axis=0)
    img = io.imread(path)
    h, w = img.shape[:2]
    x = int(min(max(round(cx) - size // 2, 0), w - size))
    y = int(min(max(round(cy) - size // 2, 0), h - size))
    return img, x, y


def main():
    cases = []
    for name in IMAGES:
        path = glob.glob(os.path.join(LANDMARKS, '*', name))[0]
        for size in (128, 256):
            img, x, y = crop_box(path, size)
            a = img[y:y + size, x:x + size, :3].astype(np.float64) / 255.0
            b = distort(a)
            s11 = skimage_ssim(a, b)
            mine11 = ssim_gaussian(a, b, 5)
            assert abs(s11 - mine11) < 1e-9, (s11, mine11)
            if size < 256:
                dssim = (1 - s11) / 2
            else:
                s23 = ssim_gaussian(a, b, 11)
                dssim = 0.5 * (1 - s23) / 2 + 0.5 * (1 - s11) / 2
            cases.append(dict(image=os.path.relpath(path, LANDMARKS), x=x, y=y, size=size,
                              skimage_ssim_window11=s11, expected_dssim=dssim))
            print(f"{name} {size}px crop at ({x},{y}): skimage SSIM {s11:.6f} -> DSSIM {dssim:.6f}")
    with open(os.path.join(HERE, 'dssim_skimage.json'), 'w') as f:
        json.dump(dict(generator='make_dssim_fixture.py, scikit-image 0.19 structural_similarity', cases=cases), f, indent=2)


if __name__ == '__main__':
    main()
