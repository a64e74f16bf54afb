// The body map's drawing: a front and a back figure in a 200 x 460 box, centred on x = 100,
// drawn like an anatomy chart: every muscle its own smooth outline, with thin gaps between.
//
// Sided shapes are drawn once, on the viewer's left half, and mirrored for the other half.
// Which side of the person a half shows depends on the view: the front figure faces you, so
// its viewer-left half is the person's RIGHT; the back figure is seen from behind, so its
// viewer-left half is the person's LEFT.
//
// A shape may hold several closed outlines (one `d` with several subpaths) when a region is
// made of several bellies, such as the two heads of the gastrocnemius; it is still one region.
// Coarse regions whose finer regions cover them wholly (calf, mid-back) have no shape of their
// own: their finer regions are drawn instead.

import type { Side } from "../bindings/Side";
import type { View } from "../bindings/View";

export const WIDTH = 200;
export const HEIGHT = 460;

export interface ShapeDef {
  region: string;
  /** `center` shapes span the midline; `sided` ones are drawn for the viewer-left half. */
  kind: "center" | "sided";
  d: string;
}

/** A point of an outline: x, y and optionally how round the outline is there (0 = a corner). */
type Pt = readonly [number, number] | readonly [number, number, number];

const num = (n: number): string => String(Math.round(n * 10) / 10);

/** The cubic Bézier segments of a Catmull-Rom curve through `pts`, given each point's tangent. */
function segments(pts: readonly Pt[], tangent: (i: number) => [number, number], closed: boolean): string {
  let d = "";
  const last = closed ? pts.length : pts.length - 1;
  for (let i = 0; i < last; i++) {
    const j = (i + 1) % pts.length;
    const [ax, ay] = pts[i];
    const [bx, by] = pts[j];
    const [tax, tay] = tangent(i);
    const [tbx, tby] = tangent(j);
    d += ` C${num(ax + tax)},${num(ay + tay)} ${num(bx - tbx)},${num(by - tby)} ${num(bx)},${num(by)}`;
  }
  return d;
}

/** A closed smooth outline through the points, as an SVG path (M, C and Z only). */
export function outline(pts: readonly Pt[]): string {
  const n = pts.length;
  const tangent = (i: number): [number, number] => {
    const prev = pts[(i + n - 1) % n];
    const next = pts[(i + 1) % n];
    const k = (pts[i][2] ?? 1) / 6;
    return [(next[0] - prev[0]) * k, (next[1] - prev[1]) * k];
  };
  return `M${num(pts[0][0])},${num(pts[0][1])}${segments(pts, tangent, true)} Z`;
}

/** Several closed outlines as one shape. */
const outlines = (...parts: readonly Pt[][]): string => parts.map(outline).join(" ");

/**
 * A half-figure outline from the midline round to the midline, closed along it; the ends meet
 * their mirror image smoothly.
 */
function halfOutline(pts: readonly Pt[]): string {
  const n = pts.length;
  const at = (i: number): Pt =>
    i < 0 ? [2 * 100 - pts[1][0], pts[1][1]] : i >= n ? [2 * 100 - pts[n - 2][0], pts[n - 2][1]] : pts[i];
  const tangent = (i: number): [number, number] => {
    const k = (pts[i][2] ?? 1) / 6;
    return [(at(i + 1)[0] - at(i - 1)[0]) * k, (at(i + 1)[1] - at(i - 1)[1]) * k];
  };
  // Both ends reach half a unit past the midline, so the two halves overlap and no seam shows.
  const [first, last] = [pts[0], pts[n - 1]];
  return `M100.5,${num(first[1])} L${num(first[0])},${num(first[1])}${segments(pts, tangent, false)} L100.5,${num(last[1])} Z`;
}

/** Half of the figure's outline (viewer-left), closed along the midline. */
export const SILHOUETTE_HALF = halfOutline([
  // head
  [100, 10], [89, 12.5], [82.5, 22], [81, 34], [82.8, 45], [86.2, 51.8], [88.6, 55.6, 0.6],
  // neck and the slope of the trapezius
  [88, 60], [87.6, 65.5], [85, 69.2], [76, 73.4], [66, 77],
  // deltoid, arm
  [56, 80.4], [50, 87.6], [47.4, 98], [47.3, 108], [46.8, 118], [46.4, 130], [46, 145],
  [46.3, 156], [45, 166], [43.8, 180], [42, 200], [40.2, 220], [39, 228],
  // hand: thumb on the outer side, fingers, back up the inner edge
  [38.4, 232], [36.6, 238.5], [34.2, 246], [33, 254], [34.2, 260.2, 0.6], [36.4, 258.6],
  [38.3, 254.4, 0.5], [38.2, 262], [40.2, 270.4], [45, 274.8], [50.4, 272.3], [53.5, 265],
  [55, 252], [54.9, 240], [55.2, 234],
  // inner forearm and upper arm up to the armpit
  [55.6, 228], [57.2, 214], [59.4, 196], [61.2, 178], [61.8, 166], [61.7, 160], [63, 148], [65, 130],
  [66.8, 116], [67.9, 106.8, 0.4],
  // side of the trunk, hip
  [69.6, 108.5, 0.4], [71, 118], [72.6, 135], [75, 155], [76.5, 174], [76.1, 190], [73.6, 203],
  [71.1, 216], [70, 232],
  // thigh, knee, lower leg, foot
  [70.4, 250], [71.9, 272], [74.4, 292], [77, 308], [77.4, 322], [77, 336], [76, 350],
  [76.3, 365], [77.4, 380], [79.6, 395], [80.8, 405], [79.4, 414], [77.1, 425], [76.5, 434],
  [78.5, 440], [86, 443.6], [94, 442.6], [97.1, 437], [96.6, 428], [95.5, 416], [95.2, 408],
  [96.1, 395], [97, 375], [97.3, 356], [96.6, 340], [96.7, 325], [97, 310],
  // inner thigh to the crotch
  [97.6, 290], [98.5, 262], [99.2, 246], [100, 238],
]);

// ---- Shapes shared by both views -------------------------------------------------------------

/** The lateral (side) head of the deltoid: the outer cap of the shoulder. */
const LATERAL_DELTOID = outline([
  [63.6, 80.6, 0.5], [57.2, 81.6], [51.2, 87.8], [48.5, 98], [48.4, 108], [49.3, 116], [51, 121.6, 0],
  [52.3, 111], [54, 100.5], [57.4, 90], [62.8, 82.4],
]);

/** The brachioradialis along the thumb side of the forearm, shown in both views. */
const BRACHIORADIALIS = outline([
  [47.2, 160.6, 0.6], [52, 160.4], [54.6, 164.8], [54, 174], [51.4, 188], [47.6, 204], [44.4, 216],
  [42.2, 226], [40.6, 229.8, 0], [40.6, 222], [41.8, 208], [43.4, 192], [44.4, 178], [45.4, 168],
]);

/** The main forearm mass beside the brachioradialis: flexors in front, extensors behind. */
const FOREARM_MASS = outline([
  [56.4, 160.8, 0.6], [60.4, 161.4], [61, 168], [60.4, 178], [58.6, 196], [56.4, 214], [54.8, 228.6],
  [49.4, 231.2], [43.4, 230.2, 0.5], [45.2, 216.6], [48.4, 204.4], [52.2, 188.6], [54.8, 175], [55.6, 166],
]);

/** Palm or back of the hand: the thumb and the hand with its fingers. */
const HAND = outlines(
  [
    [39.4, 233.4, 0.6], [38, 239], [35.6, 246], [34.2, 253.6], [34.9, 258.8, 0.6], [36.4, 257.6],
    [37.8, 252.5], [39.8, 246], [41.2, 238.5],
  ],
  [
    [42.6, 233.4, 0.6], [53.9, 234.6, 0.6], [53.9, 242], [54, 252], [52.6, 264], [49.8, 271.2],
    [45, 273.7], [41, 269.8], [39.2, 262], [39.4, 254], [41.2, 246], [42.6, 239],
  ],
);

/** The tensor fasciae latae at the front of the hip and the iliotibial band down the outer thigh. */
const TFL_IT_BAND_FRONT = outline([
  [76.2, 201.8, 0.6], [78.6, 205.4], [78.1, 214], [76.2, 224], [74.4, 236], [73.8, 252], [74.8, 272],
  [76.9, 290], [79, 303], [80.2, 313.5, 0.5], [78.3, 314.5, 0.4], [77, 306], [74.9, 292], [72.4, 272],
  [70.9, 250], [70.6, 232], [71.5, 216], [73.4, 207],
]);

// ---- Front view ------------------------------------------------------------------------------

const FRONT: ShapeDef[] = [
  // The throat between the two sternocleidomastoids.
  {
    region: "neck",
    kind: "center",
    d: outline([
      [94, 57.2, 0.6], [100, 59], [106, 57.2, 0.6], [103, 65.6], [100, 71.6, 0], [97, 65.6],
    ]),
  },
  // Sternocleidomastoid: from behind the ear down to the top of the breastbone.
  {
    region: "neck-side",
    kind: "sided",
    d: outline([
      [89, 56.6, 0.6], [92.6, 56.8, 0.6], [95.4, 64.6], [98.2, 72.6, 0], [95.6, 73], [91.4, 67.6], [89, 61.5],
    ]),
  },
  // The upper trapezius seen from the front: the slope above the collarbone.
  {
    region: "upper-trapezius",
    kind: "sided",
    d: outline([
      [88.6, 67.6, 0.4], [85.4, 70.8], [76.4, 74.9], [67.4, 78.2], [64.6, 79.6, 0], [70.6, 79.1],
      [79.6, 77.2], [86.4, 73.6], [89.6, 70.4, 0.5],
    ]),
  },
  { region: "lateral-deltoid", kind: "sided", d: LATERAL_DELTOID },
  // The front (anterior) head of the deltoid, from the outer collarbone to the arm.
  {
    region: "front-shoulder",
    kind: "sided",
    d: outline([
      [65.2, 80.8, 0.5], [70.4, 80.4], [74.8, 81.3, 0.5], [71.2, 88.6], [67.2, 96.6], [62.6, 104.6],
      [57.6, 112.6], [52.8, 121.2, 0], [53.8, 111.2], [55.4, 100.8], [58.8, 90.6],
    ]),
  },
  // Pectoralis major: the clavicular head above, the sternal head below, meeting at the arm.
  {
    region: "chest",
    kind: "sided",
    d: outlines(
      [
        [98.2, 77.2, 0.3], [88, 79.2], [76.6, 82], [72.4, 88.2], [68.8, 94.6], [65.8, 99.8, 0],
        [74.4, 93.2], [86, 87.6], [98.4, 85.6, 0.3],
      ],
      [
        [98.6, 87.2, 0.3], [86.4, 89.2], [74.6, 95], [66.8, 101.4, 0], [68.8, 106.4], [73.2, 111.6],
        [80.2, 116], [88, 117.9], [95, 117.4], [98.8, 115.8, 0.3],
      ],
    ),
  },
  // Serratus anterior: its finger-like slips on the side of the ribcage.
  {
    region: "serratus-anterior",
    kind: "sided",
    d: outline([
      [70.4, 110.2, 0.5], [74.6, 115.6], [79.6, 119], [81.2, 120.8, 0.3], [77.6, 122.2, 0.3],
      [81.8, 126.6, 0.3], [78.2, 128.4, 0.3], [81.4, 132.8, 0.3], [77.6, 134.6, 0.3], [79.4, 139.4, 0.3],
      [74.4, 141.6, 0.6], [72.6, 132], [71.3, 121],
    ]),
  },
  // External oblique: its upper slips interlock with the serratus; down to the hip and groin.
  {
    region: "obliques",
    kind: "sided",
    d: outline([
      [85, 121.6, 0.5], [82.6, 121.2, 0.4], [79, 123.8, 0.3], [83, 128.2, 0.3], [79.4, 130.4, 0.3],
      [82.8, 134.4, 0.3], [78.8, 136.6, 0.3], [80.6, 141, 0.3], [75.2, 144.2, 0.5], [75.8, 156],
      [76.6, 172], [76.4, 186], [75.8, 196.8, 0.4], [82, 203.2], [88.6, 210.6], [92.8, 217.6, 0],
      [88.4, 205.4], [85.8, 190], [84.8, 170], [84.6, 150], [84.9, 134],
    ]),
  },
  // Rectus abdominis: three pairs of segments above the navel, one sheet below it.
  {
    region: "abdomen",
    kind: "center",
    d: outlines(
      ...[
        [119.8, 132.6],
        [134.2, 146.8],
        [148.4, 158.2],
      ].flatMap(([top, bottom]) => {
        const outer = top < 130 ? 88 : top < 140 ? 86.6 : 86.2;
        const pad = (x0: number, x1: number): Pt[] => [
          [x0, top + (x0 < 100 ? 0.6 : 0), 0.5], [x1, top + (x1 < 100 ? 0.6 : 0), 0.5],
          [x1 + (x1 > 100 ? 0.4 : 0), bottom, 0.5], [x0 - (x0 < 100 ? 0.4 : 0), bottom, 0.5],
        ];
        return [pad(outer, 99.2), pad(100.8, 200 - outer)];
      }),
      [
        [86.2, 163, 0.5], [100, 162.6], [113.8, 163, 0.5], [114, 176], [112.6, 190], [109.8, 205],
        [104.6, 219], [100, 221.4], [95.4, 219], [90.2, 205], [87.4, 190], [86, 176],
      ],
    ),
  },
  // Biceps brachii, from under the deltoid to its tendon at the elbow.
  {
    region: "biceps",
    kind: "sided",
    d: outline([
      [65.6, 108.2, 0.5], [60, 114.6], [55, 122.4], [54.2, 131], [54.2, 141], [55.2, 150], [57.2, 157, 0],
      [59.8, 153], [62, 144], [63.6, 132], [64.9, 120],
    ]),
  },
  // Brachialis, showing beside the biceps on the outer lower half of the upper arm.
  {
    region: "brachialis",
    kind: "sided",
    d: outline([
      [50.8, 124.2, 0.4], [52.9, 127], [52.8, 136], [53, 145], [54, 152], [55.6, 157.6, 0.4], [51.6, 158.4],
      [47.6, 156.4], [47.2, 146], [47.3, 134], [48.3, 127],
    ]),
  },
  { region: "forearm", kind: "sided", d: BRACHIORADIALIS },
  { region: "forearm-flexors", kind: "sided", d: FOREARM_MASS },
  { region: "hand", kind: "sided", d: HAND },
  { region: "tfl-it-band", kind: "sided", d: TFL_IT_BAND_FRONT },
  // Iliopsoas in the groin, below the inguinal ligament, beside the sartorius.
  {
    region: "hip-flexors",
    kind: "sided",
    d: outline([
      [84.8, 208.4, 0.5], [89.6, 213.4], [93.8, 219.8, 0.5], [93.4, 225.4], [91.6, 231], [89.8, 236.8, 0],
      [88.4, 230], [86.8, 222], [85.4, 214.6],
    ]),
  },
  // Quadriceps (vastus lateralis, rectus femoris, vastus medialis) and the sartorius across them.
  {
    region: "quadriceps",
    kind: "sided",
    d: outlines(
      // vastus lateralis
      [
        [78.4, 219, 0.4], [79, 226], [79.4, 236], [80.4, 250], [81.4, 264], [82.2, 278], [83.2, 292],
        [83.8, 303], [83.4, 308.2, 0.3], [80.6, 303], [78.4, 291], [76.4, 274], [75.4, 256], [75.4, 240],
        [76.8, 228],
      ],
      // rectus femoris
      [
        [80, 208.6, 0.5], [80.9, 213], [82.9, 221], [85.6, 235], [88.4, 250], [89.6, 262], [89.6, 276],
        [88.8, 292], [87.4, 305.4, 0.3], [85, 302], [83.8, 288], [82.8, 272], [82, 256], [80.8, 240],
        [79.8, 226], [79.4, 214],
      ],
      // vastus medialis
      [
        [91.6, 268.6, 0.5], [93.2, 276], [94, 288], [94.2, 298], [93.2, 306], [90.8, 311.2, 0.5],
        [89.2, 304], [90.2, 292], [90.4, 280],
      ],
      // sartorius
      [
        [79.4, 202.6, 0.4], [82.6, 207.6], [84.8, 216], [87.6, 232], [90.6, 246], [93.8, 262], [96.4, 278],
        [97.3, 294], [96.8, 306], [96, 312.6, 0.3], [95.2, 298], [94.6, 282], [92.2, 266], [89.2, 250],
        [86.2, 235], [83.5, 221], [81.4, 211],
      ],
    ),
  },
  // Adductors: adductor longus and gracilis on the inner thigh.
  {
    region: "adductors",
    kind: "sided",
    d: outline([
      [95, 225.8, 0.5], [97.6, 229], [98.3, 240], [98.2, 256], [97.8, 276, 0.3], [95.6, 264], [93.6, 254],
      [91.6, 245], [90.6, 238.6], [92.8, 231.2],
    ]),
  },
  // The kneecap and its tendon.
  {
    region: "knee",
    kind: "sided",
    d: outline([
      [86.6, 308.6], [91.6, 310.6], [94.2, 315.4], [93.8, 321], [90.8, 326.6], [89.2, 329.5],
      [89.2, 335.2, 0.4], [84.2, 335.2, 0.4], [84.2, 329.5], [82.4, 326.6], [79.6, 321], [79.4, 315.4],
      [81.8, 310.6],
    ]),
  },
  // Peroneals down the outer edge of the lower leg.
  {
    region: "peroneals",
    kind: "sided",
    d: outline([
      [78, 337.4, 0.5], [80.4, 340.6], [80.8, 350], [80.4, 362], [81.6, 376], [82.8, 390],
      [82.4, 401.2, 0.4], [80.4, 397], [78.4, 384], [77, 368], [76.6, 352], [77, 342],
    ]),
  },
  // Tibialis anterior beside the shin bone, its tendon running to the inner foot.
  {
    region: "tibialis-anterior",
    kind: "sided",
    d: outline([
      [82, 337.6, 0.5], [86.8, 337.2], [88.2, 344], [88.4, 356], [87.8, 368], [87.2, 380], [87.8, 392],
      [89.2, 402.6, 0.4], [87.4, 403.4, 0.4], [85.6, 393], [84, 380], [82.2, 364], [81.4, 350],
    ]),
  },
  // The shin bone's inner surface, from below the knee to the inner ankle.
  {
    region: "shin",
    kind: "sided",
    d: outline([
      [88.4, 337, 0.5], [92.4, 336.6], [96, 342], [96.6, 356], [96.3, 375], [95.4, 392], [94.4, 402],
      [92.4, 405.2, 0.5], [90.4, 401.4], [88.8, 392], [88.2, 380], [88.6, 368], [89.2, 356], [89, 344],
    ]),
  },
  // The top of the foot and the toes.
  {
    region: "foot",
    kind: "sided",
    d: outlines(
      [
        [81.8, 406.4, 0.5], [86, 405.4], [91, 406.8], [94.6, 409.4, 0.5], [95.2, 418], [96, 428],
        [95.8, 434.4, 0.5], [86.4, 434.8], [78, 433.4, 0.5], [78.4, 425], [80.3, 414],
      ],
      [
        [77.8, 435.6, 0.5], [87, 436.6], [96.2, 436, 0.5], [95.6, 440.4], [92.6, 442], [86.2, 442.6],
        [79.6, 439.8],
      ],
    ),
  },
];

// ---- Back view -------------------------------------------------------------------------------

/** The posterior head of the deltoid, from the spine of the shoulder blade to the arm. */
const REAR_DELTOID = outline([
  [65, 81.2, 0.5], [68.6, 84.2], [68.2, 90], [66.2, 97.2], [62.6, 104.6], [57.6, 112.6], [52.8, 121.2, 0],
  [53.8, 111.2], [55.4, 100.8], [58.8, 90.6], [62.6, 83.4],
]);

const BACK: ShapeDef[] = [
  // The back of the neck: under the skull and down its middle.
  {
    region: "neck",
    kind: "center",
    d: outline([
      [91, 53, 0.6], [100, 55], [109, 53, 0.6], [108.2, 56.4], [101.4, 59.6], [101.2, 69.2, 0.4],
      [98.8, 69.2, 0.4], [98.6, 59.6], [91.8, 56.4],
    ]),
  },
  // Cervical erectors either side of the neck's midline.
  {
    region: "cervical-erectors",
    kind: "sided",
    d: outline([
      [93.6, 58.4, 0.5], [97.6, 60.6], [97.6, 68, 0.5], [95, 69], [93.4, 63.6],
    ]),
  },
  // The sides of the neck seen from behind (splenius, levator scapulae).
  {
    region: "neck-side",
    kind: "sided",
    d: outline([
      [89.2, 56.8, 0.5], [91.8, 57.4, 0.5], [92, 63], [91.6, 67.6, 0.4], [88.8, 67.6, 0.4], [88.6, 62],
    ]),
  },
  // Upper trapezius: from the base of the neck out to the point of the shoulder.
  {
    region: "upper-trapezius",
    kind: "sided",
    d: outline([
      [89.4, 69.6, 0.4], [94, 70.6], [98.8, 71, 0.3], [98.8, 76.6, 0.3], [88, 78.6], [76.6, 80.6],
      [66.4, 81, 0], [67.4, 78.2], [76.2, 74.9], [85.4, 71],
    ]),
  },
  // Middle trapezius, between the spine and the shoulder blade's spine (upper back).
  {
    region: "upper-back",
    kind: "sided",
    d: outline([
      [98.8, 78.6, 0.3], [98.8, 102.6, 0.3], [93.4, 99], [87.6, 94.6], [78.6, 89.2], [70.4, 84.6, 0],
      [78.2, 82.2], [88.4, 80.4],
    ]),
  },
  { region: "lateral-deltoid", kind: "sided", d: LATERAL_DELTOID },
  { region: "rear-shoulder", kind: "sided", d: REAR_DELTOID },
  // Infraspinatus (rotator cuff) filling the shoulder blade below its spine.
  {
    region: "rotator-cuff",
    kind: "sided",
    d: outline([
      [70.2, 86.4, 0.4], [78.6, 91.2], [86.2, 96.4, 0.4], [84.8, 106], [83.6, 115], [82, 122.4, 0.3],
      [77.6, 116], [72.8, 107], [69.6, 98], [69.2, 91],
    ]),
  },
  // Rhomboids, between the shoulder blade and the spine.
  {
    region: "rhomboids",
    kind: "sided",
    d: outline([
      [87.6, 96.6, 0.4], [93.4, 100.4], [98.6, 104.2, 0.3], [98.6, 108], [97.6, 124.8, 0.4],
      [92, 121.6], [85, 118.6, 0.4], [85.8, 108],
    ]),
  },
  // Thoracic erectors beside the spine, from between the shoulder blades to the lowest ribs.
  {
    region: "thoracic-erectors",
    kind: "sided",
    d: outline([
      [97.4, 126.4, 0.5], [98.8, 128, 0.3], [98.8, 168, 0.3], [95.6, 168.6, 0.5], [94.4, 158],
      [94.2, 142], [95, 131],
    ]),
  },
  // Lower trapezius: the lower point of the trapezius' diamond, down to the last ribs.
  {
    region: "lower-trapezius",
    kind: "sided",
    d: outline([
      [84.6, 119.8, 0.4], [90, 122.6], [96.4, 125.6, 0.4], [93.6, 131], [93.2, 142], [93.4, 156],
      [94.2, 166.6, 0], [90.4, 157], [86.6, 142], [84, 128],
    ]),
  },
  // Latissimus dorsi, fanning from the lower back and hip to the armpit.
  {
    region: "lats",
    kind: "sided",
    d: outline([
      [68.8, 107.6, 0.4], [73.2, 112.6], [78.4, 120.4], [82.8, 125.6], [85.4, 136], [88.8, 150],
      [92.4, 165], [92.4, 169, 0.4], [88.4, 175], [82.4, 186], [78, 196.8, 0.4], [76.2, 192], [76.6, 178],
      [75.4, 160], [73.2, 138], [71.4, 120], [70, 112],
    ]),
  },
  // Triceps: the lateral and the long head, joining in the flat tendon above the elbow.
  {
    region: "triceps",
    kind: "sided",
    d: outlines(
      [
        [49.8, 123.8, 0.4], [53.4, 122.2], [55.2, 130], [55.4, 140], [54, 148.4, 0.4], [50.6, 150.4],
        [47.6, 146], [47.2, 134], [48, 127.4],
      ],
      [
        [66.2, 109.6, 0.4], [64.8, 122], [63.2, 136], [61, 148], [57.6, 153.4, 0.3], [56.6, 142],
        [56.4, 130], [57.6, 120], [61.4, 113.6],
      ],
      [[48.4, 152.4, 0.4], [54.2, 151.2], [59.8, 155.6, 0.4], [55.2, 158.4], [47.6, 157.8, 0.4]],
    ),
  },
  { region: "forearm", kind: "sided", d: BRACHIORADIALIS },
  { region: "forearm-extensors", kind: "sided", d: FOREARM_MASS },
  { region: "hand", kind: "sided", d: HAND },
  // Lumbar erectors (lower back).
  {
    region: "lower-back",
    kind: "sided",
    d: outline([
      [95.4, 170.6, 0.5], [98.8, 170.6, 0.3], [98.8, 208.4, 0.3], [95.4, 210.4, 0.5], [92.4, 204],
      [91.6, 192], [92.4, 178],
    ]),
  },
  // Quadratus lumborum, beside the lumbar erectors between the last rib and the hip bone.
  {
    region: "quadratus-lumborum",
    kind: "sided",
    d: outline([
      [91.2, 171.4, 0.4], [90.6, 184], [90.6, 196], [91.2, 201.4, 0.4], [80.4, 199.6, 0.4], [84.2, 188],
    ]),
  },
  // Gluteus medius, the upper outer buttock below the hip bone's crest.
  {
    region: "outer-hip",
    kind: "sided",
    d: outline([
      [76.6, 198.6, 0.4], [84, 201.4], [91.4, 203.4], [94.4, 207.6, 0.4], [93.2, 210.4], [84.4, 214.6],
      [75.2, 221.4, 0.4], [72.6, 214], [73.6, 206],
    ]),
  },
  // Piriformis, from the sacrum to the top of the thigh bone.
  {
    region: "piriformis",
    kind: "sided",
    d: outline([
      [95.4, 212.2, 0.4], [96.2, 215.4, 0.4], [87.2, 220], [77.6, 226.2], [73.4, 227.6, 0.4], [73.8, 224.4],
      [84.6, 217.2],
    ]),
  },
  // Gluteus maximus.
  {
    region: "glutes",
    kind: "sided",
    d: outline([
      [97, 218.6, 0.4], [98.8, 230], [98.8, 244], [98.4, 255.6, 0.4], [90.8, 259.6], [82, 259.4],
      [75.6, 255.4], [74.4, 246], [75.2, 236], [77.6, 229.6], [87.6, 222.6],
    ]),
  },
  // The iliotibial band down the outer thigh.
  {
    region: "tfl-it-band",
    kind: "sided",
    d: outline([
      [72.2, 229.6, 0.4], [73.6, 232], [73.4, 246], [74, 256], [75.6, 272], [77.6, 290], [79.8, 303],
      [80.6, 313.6, 0.4], [78.6, 314.4, 0.4], [76.7, 306], [74.6, 292], [72.6, 272], [71.2, 250], [71, 236],
    ]),
  },
  // Hamstrings: biceps femoris on the outside, semitendinosus and semimembranosus inside.
  {
    region: "hamstrings",
    kind: "sided",
    d: outlines(
      [
        [76.8, 259.6, 0.4], [84.6, 262.4], [86.2, 272], [86, 288], [84.4, 302], [82.4, 311.6, 0.3],
        [80.8, 303], [78.6, 290], [77, 274],
      ],
      [
        [87.8, 262.8, 0.4], [97.4, 260.6, 0.4], [97.6, 276], [97, 292], [95.2, 304], [92.4, 312.6, 0.3],
        [90.4, 304], [88.4, 292], [87.4, 278],
      ],
    ),
  },
  // The hollow behind the knee.
  {
    region: "back-of-knee",
    kind: "sided",
    d: outline([
      [87.2, 308.8, 0.6], [90.6, 314.2], [91.6, 320.4], [87.2, 327, 0.6], [82.8, 320.4], [83.8, 314.2],
    ]),
  },
  // Gastrocnemius: the lateral and the (lower, larger) medial head.
  {
    region: "gastrocnemius",
    kind: "sided",
    d: outlines(
      [
        [80.8, 326, 0.5], [85.6, 327], [86.6, 338], [86.2, 352], [85.2, 364], [83.8, 372.8, 0.2],
        [81, 364], [79.4, 350], [79.2, 336],
      ],
      [
        [88.8, 328.2, 0.5], [94.6, 326.4, 0.5], [96.4, 340], [96.2, 356], [94.6, 370], [90.6, 381.2, 0.2],
        [88, 370], [87.4, 354], [87.6, 338],
      ],
    ),
  },
  // Soleus: under and beside the gastrocnemius, narrowing into the Achilles tendon.
  {
    region: "soleus",
    kind: "sided",
    d: outline([
      [80.6, 367.6, 0.4], [83.6, 375.2], [86.6, 377.2], [90.8, 383.4], [94.8, 374.2], [96.6, 366.4, 0.4],
      [96.6, 376], [95.2, 386], [91.4, 392.6], [87.2, 394.4], [83.2, 392.2], [80.2, 384], [79.4, 374],
    ]),
  },
  // Peroneals down the outer edge of the lower leg.
  {
    region: "peroneals",
    kind: "sided",
    d: outline([
      [78.2, 333.4, 0.5], [78.6, 346], [79.8, 362], [78.8, 374], [79.4, 386], [81, 397.6, 0.4], [79.2, 396],
      [77.6, 384], [76.8, 368], [76.8, 350], [77.2, 338],
    ]),
  },
  // Achilles tendon.
  {
    region: "achilles",
    kind: "sided",
    d: outline([
      [84.4, 396, 0.4], [90.2, 396, 0.4], [89.2, 403], [90, 410.4, 0.4], [84.6, 410.4, 0.4], [85.4, 403],
    ]),
  },
  // The heel and sole seen from behind.
  {
    region: "sole",
    kind: "sided",
    d: outline([
      [82.8, 412.4, 0.5], [91.8, 412.4, 0.5], [93.6, 420], [93.4, 430], [87.4, 435], [81.4, 430], [81.2, 420],
    ]),
  },
  // The underside of the foot: the plantar fascia seen edge-on below the heel.
  {
    region: "plantar-fascia",
    kind: "sided",
    d: outline([
      [78.4, 436.2, 0.5], [87.4, 437.6], [96.4, 436.6, 0.5], [95.6, 440.6], [91, 442.4], [85.4, 442.6],
      [79.6, 440.2],
    ]),
  },
];

export const SHAPES: Record<View, ShapeDef[]> = { front: FRONT, back: BACK };

// ---- Insets: the hand and the foot enlarged ---------------------------------------------------

/**
 * An enlarged drawing of the hand or the foot in its own box (0,0 to width,height), so points
 * close together there can be told apart. Its shapes carry the same region ids as the figure.
 * Every inset shows the person's LEFT hand or foot; mirror it with
 * `matrix(-1 0 0 1 ${width} 0)` to show the right.
 */
export interface Inset {
  id: "hand" | "foot-top" | "sole";
  label: string;
  width: number;
  height: number;
  /** The skin under the shapes. */
  outline: string;
  /** Shapes of the person's left side, all `sided`. */
  shapes: ShapeDef[];
}

/** Scales an outline about its centre: a slightly larger copy for the skin under a shape. */
function grow(pts: readonly Pt[], k: number): Pt[] {
  const cx = pts.reduce((a, p) => a + p[0], 0) / pts.length;
  const cy = pts.reduce((a, p) => a + p[1], 0) / pts.length;
  return pts.map(([x, y, t]) => (t === undefined ? [cx + (x - cx) * k, cy + (y - cy) * k] : [cx + (x - cx) * k, cy + (y - cy) * k, t]));
}

const mirrorX = (pts: readonly Pt[], width: number): Pt[] =>
  pts.map(([x, y, t]) => (t === undefined ? [width - x, y] : [width - x, y, t]));

/** A finger or toe: a rounded strip from its base (y = base) up to its tip (y = tip). */
function digit(x0: number, x1: number, tip: number, base: number, lean = 0): Pt[] {
  const mid = (tip + base) / 2;
  const r = (x1 - x0) / 2;
  return [
    [x0, base, 0.5], [x0 - 0.4 + lean / 2, mid], [x0 + lean, tip + r], [(x0 + x1) / 2 + lean, tip],
    [x1 + lean, tip + r], [x1 + 0.4 + lean / 2, mid], [x1, base, 0.5],
  ];
}

// The back of the left hand, fingers up: little finger on the left, thumb on the right.
const HAND_BACK: Pt[] = [
  [31, 138, 0.5], [28.6, 120], [21.6, 98], [18.4, 82], [19.6, 73.4], [30, 75.2], [45, 71.4], [60, 70.2],
  [73, 73], [75.4, 84], [73.4, 96], [68.6, 112], [65, 138, 0.5],
];
const FINGERS: Pt[][] = [
  digit(19.4, 30, 32, 71.6, -1.5),
  digit(32.4, 44.4, 15, 68.4, -0.5),
  digit(47, 59.4, 8, 67.2),
  digit(62, 73, 17, 69.6, 0.8),
];
const THUMB: Pt[] = [
  [70.4, 120, 0.5], [74.8, 104], [79.6, 92], [84.6, 80], [88.8, 70.4], [93.6, 68.4], [96, 73.6],
  [93.4, 86], [87.4, 100], [80, 116], [74, 128, 0.5],
];

// The top of the left foot, toes up: little toe on the left, big toe on the right.
const FOOT_TOP: Pt[] = [
  [37, 172, 0.6], [34.6, 150], [30.4, 122], [24.6, 94], [21.6, 70], [25, 60.6], [34, 57], [46, 52.4],
  [58, 50.6], [71.4, 50.4], [79.6, 55.6], [80, 72], [76.4, 96], [70.6, 122], [66.4, 150], [63.6, 172, 0.6],
];
const TOES: Pt[][] = [
  digit(64.6, 80.4, 10, 48.6, 0.4),
  digit(52.4, 62.2, 13, 48.6, -0.4),
  digit(41.4, 50.6, 19, 50.4, -1),
  digit(31.2, 39.6, 27, 54.6, -1.6),
  digit(22.2, 29.6, 37, 58.6, -2.2),
];

// The sole of the left foot, toes up: seen from below, so the big toe is on the left.
const SOLE_HEEL: Pt[] = [
  [37.6, 136, 0.6], [46, 131.4], [56, 131.4], [63.2, 136, 0.6], [65, 152], [62.8, 168], [50.2, 175.6],
  [38.4, 168], [35.4, 152],
];
const SOLE_BALL: Pt[] = [
  [22.8, 70], [24.6, 60.6], [34.2, 57.6], [46, 53.4], [58, 51.8], [71, 51.8], [78.6, 56.6], [78.6, 68],
  [70, 74.8], [50, 78.6], [31.6, 78],
];
const PLANTAR_FASCIA: Pt[] = [
  [31, 81.6, 0.5], [50, 81.6], [69.6, 77.8, 0.5], [76.4, 82.4], [74.6, 96], [68, 112], [62.6, 128.2, 0.5],
  [50.4, 128], [39.6, 130, 0.5], [37.6, 116], [33.6, 98], [27.8, 86],
];

export const INSETS: Record<Inset["id"], Inset> = {
  hand: {
    id: "hand",
    label: "Back of the left hand",
    width: 100,
    height: 140,
    outline: outlines(grow(HAND_BACK, 1.04), ...FINGERS.map((f) => grow(f, 1.1)), grow(THUMB, 1.1)),
    shapes: [{ region: "hand", kind: "sided", d: outlines(HAND_BACK, ...FINGERS, THUMB) }],
  },
  "foot-top": {
    id: "foot-top",
    label: "Top of the left foot",
    width: 100,
    height: 180,
    outline: outlines(grow(FOOT_TOP, 1.04), ...TOES.map((t) => grow(t, 1.1))),
    shapes: [{ region: "foot", kind: "sided", d: outlines(FOOT_TOP, ...TOES) }],
  },
  sole: {
    id: "sole",
    label: "Sole of the left foot",
    width: 100,
    height: 180,
    outline: outlines(mirrorX(grow(FOOT_TOP, 1.04), 100), ...TOES.map((t) => mirrorX(grow(t, 1.1), 100))),
    shapes: [
      {
        region: "sole",
        kind: "sided",
        d: outlines(...[SOLE_HEEL, SOLE_BALL, ...TOES].map((part) => mirrorX(part, 100))),
      },
      { region: "plantar-fascia", kind: "sided", d: outline(mirrorX(PLANTAR_FASCIA, 100)) },
    ],
  },
};

/** The person's side shown by a view's viewer-left (drawn) or mirrored half. */
export function sideOf(view: View, mirrored: boolean): Side {
  const viewerLeftIsPersonsLeft = view === "back";
  return viewerLeftIsPersonsLeft !== mirrored ? "left" : "right";
}
