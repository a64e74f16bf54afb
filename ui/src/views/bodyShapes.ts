// The body map's drawing: a front and a back figure in a 200 x 460 box, centred on x = 100.
//
// Sided shapes are drawn once, on the viewer's left half, and mirrored for the other half.
// Which side of the person a half shows depends on the view: the front figure faces you, so
// its viewer-left half is the person's RIGHT; the back figure is seen from behind, so its
// viewer-left half is the person's LEFT.

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

/** Half of the figure's outline (viewer-left), closed along the midline. */
export const SILHOUETTE_HALF =
  "M100,10 C88,10 81,20 81,34 C81,46 86,53 91,57 L90,66 C84,71 73,74 64,77 " +
  "C54,80 48,90 48,104 C47,122 46,140 45,158 C43,180 40,205 38,232 " +
  "C34,242 33,258 37,268 C41,276 50,275 53,267 C56,256 56,244 54,234 " +
  "C57,210 59,186 61,162 C63,140 65,122 68,106 L70,110 C72,140 76,168 76,192 " +
  "C73,202 70,214 70,230 C70,262 73,290 77,310 C77,322 76,330 77,338 " +
  "C75,360 78,390 81,406 C78,420 74,432 78,440 C86,445 96,443 97,436 " +
  "C97,426 95,416 95,408 C96,390 97,360 96,338 C97,326 97,318 97,310 " +
  "C98,290 99,262 100,238 Z";

const ellipse = (cx: number, cy: number, rx: number, ry: number): string =>
  `M${cx - rx},${cy} A${rx},${ry} 0 1,0 ${cx + rx},${cy} A${rx},${ry} 0 1,0 ${cx - rx},${cy} Z`;

const ARM_UPPER =
  "M49,106 C54,108 59,108 63,107 C63,124 62,142 60,158 C55,160 50,160 46,158 C46,140 47,122 49,106 Z";
const ARM_LOWER =
  "M46,161 C50,163 56,163 60,161 C59,186 57,210 54,232 C49,234 43,234 39,232 C40,208 43,184 46,161 Z";
const HAND =
  "M39,235 C43,237 49,237 54,235 C56,246 56,258 52,267 C47,275 40,274 37,266 C34,256 35,244 39,235 Z";
const DELTOID =
  "M64,78 C55,81 49,90 49,104 C54,106 59,107 63,106 C65,96 70,88 77,83 C73,80 69,79 64,78 Z";

export const SHAPES: Record<View, ShapeDef[]> = {
  front: [
    { region: "neck", kind: "center", d: "M91,57 C95,60 105,60 109,57 L110,68 C104,71 96,71 90,68 Z" },
    { region: "upper-trapezius", kind: "sided", d: "M90,67 C84,72 74,75 65,77 C70,79 74,81 77,83 C82,79 87,76 93,73 Z" },
    { region: "front-shoulder", kind: "sided", d: DELTOID },
    { region: "chest", kind: "sided", d: "M78,83 C84,78 92,76 99,77 L99,113 C90,117 79,115 70,108 C67,100 71,90 78,83 Z" },
    { region: "biceps", kind: "sided", d: ARM_UPPER },
    { region: "forearm", kind: "sided", d: ARM_LOWER },
    { region: "hand", kind: "sided", d: HAND },
    { region: "abdomen", kind: "center", d: "M86,117 C93,119 107,119 114,117 C116,146 116,172 114,200 C106,204 94,204 86,200 C84,172 84,146 86,117 Z" },
    { region: "obliques", kind: "sided", d: "M71,111 C75,114 80,116 84,117 C82,146 82,174 84,199 C81,200 78,199 76,196 C76,172 74,140 71,111 Z" },
    { region: "outer-hip", kind: "sided", d: "M76,199 C78,201 80,203 83,204 C79,213 75,224 73,238 L70,236 C70,220 72,208 76,199 Z" },
    { region: "quadriceps", kind: "sided", d: "M84,205 C89,212 94,218 99,221 C95,226 91,232 88,238 C89,254 93,270 96,288 C96,296 95,302 94,306 C88,309 82,309 78,306 C74,288 71,262 73,240 C75,226 79,214 84,205 Z" },
    { region: "adductors", kind: "sided", d: "M99,223 C99,238 99,254 98,276 C94,268 90,254 89,240 C92,233 95,228 99,223 Z" },
    { region: "knee", kind: "sided", d: ellipse(86.5, 321, 9.5, 11) },
    { region: "shin", kind: "sided", d: "M78,336 C84,338 91,338 96,336 C96,360 95,386 94,404 C90,406 85,406 81,404 C79,386 76,360 78,336 Z" },
    { region: "foot", kind: "sided", d: "M81,408 C86,410 91,410 95,408 C96,418 97,428 97,435 C90,441 82,441 78,437 C78,428 79,418 81,408 Z" },
  ],
  back: [
    { region: "neck", kind: "center", d: "M91,50 C96,52 104,52 109,50 L110,67 C104,70 96,70 90,67 Z" },
    { region: "upper-trapezius", kind: "sided", d: "M90,66 C84,71 74,75 65,77 C71,81 79,84 86,84 C90,80 94,76 97,72 L97,68 Z" },
    { region: "rear-shoulder", kind: "sided", d: DELTOID },
    { region: "upper-back", kind: "sided", d: "M97,75 L97,123 C93,121 89,119 86,117 C85,105 85,94 87,85 C91,82 94,79 97,75 Z" },
    { region: "lats", kind: "sided", d: "M70,108 C74,100 80,92 85,87 C84,100 84,110 85,119 C86,136 86,152 84,170 C81,172 78,174 76,176 C75,152 73,130 70,108 Z" },
    { region: "triceps", kind: "sided", d: ARM_UPPER },
    { region: "forearm", kind: "sided", d: ARM_LOWER },
    { region: "hand", kind: "sided", d: HAND },
    { region: "mid-back", kind: "sided", d: "M97,125 L97,168 C93,169 89,170 86,170 C88,153 88,136 87,121 C90,123 94,125 97,125 Z" },
    { region: "lower-back", kind: "sided", d: "M97,170 L97,210 C91,211 85,210 80,208 C79,198 78,188 77,179 C80,175 83,173 86,172 C90,171 94,171 97,170 Z" },
    { region: "outer-hip", kind: "sided", d: "M76,195 C77,201 78,206 80,210 C77,218 74,226 72,236 L70,234 C70,220 72,206 76,195 Z" },
    { region: "glutes", kind: "sided", d: "M81,211 C87,213 93,213 99,212 L99,256 C92,262 82,262 74,256 C72,250 72,244 73,238 C75,228 78,219 81,211 Z" },
    { region: "hamstrings", kind: "sided", d: "M74,260 C82,265 92,265 99,259 C99,276 98,294 96,306 C90,309 82,309 77,306 C74,292 72,276 74,260 Z" },
    { region: "back-of-knee", kind: "sided", d: ellipse(86.5, 318, 8.5, 8) },
    { region: "calf", kind: "sided", d: "M77,329 C84,327 91,327 96,329 C97,349 96,366 93,380 C89,384 85,384 81,380 C76,366 75,348 77,329 Z" },
    { region: "achilles", kind: "sided", d: "M82,384 C86,386 90,386 93,384 L92,407 C90,408 86,408 84,407 Z" },
    { region: "sole", kind: "sided", d: "M81,410 C86,412 91,412 95,410 C96,420 97,428 97,435 C90,441 82,441 78,437 C78,428 79,419 81,410 Z" },
  ],
};

/** The person's side shown by a view's viewer-left (drawn) or mirrored half. */
export function sideOf(view: View, mirrored: boolean): Side {
  const viewerLeftIsPersonsLeft = view === "back";
  return viewerLeftIsPersonsLeft !== mirrored ? "left" : "right";
}
