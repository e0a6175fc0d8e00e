/**
 * The knn view's GLSL: round, anti-aliased dots sized by perspective, with a
 * rim and a depth fade (the cloud), and a ring for the hovered point.
 */

/** Positions a point and sizes it: `uSize` at the home distance, larger nearer. */
export const VERTEX = /* glsl */ `
  attribute vec4 rgba;
  uniform float uSize;
  uniform float uHome;
  uniform float uNear;
  uniform float uFar;
  varying vec4 vColor;
  varying float vSize;
  varying float vFade;
  void main() {
    vec4 mv = modelViewMatrix * vec4(position, 1.0);
    gl_Position = projectionMatrix * mv;
    float dist = max(-mv.z, 0.05);
    // Perspective size: uSize at the home distance, bigger as the camera closes in.
    gl_PointSize = clamp(uSize * uHome / dist, 1.5, 48.0);
    vSize = gl_PointSize;
    vColor = rgba;
    vFade = clamp((dist - uNear) / max(uFar - uNear, 0.001), 0.0, 1.0);
  }
`;

/**
 * The disc both fragment shaders start from: `d`, the distance from the
 * point's centre (1 at its edge); `aa`, one device pixel of that; `disc`,
 * coverage of a round, anti-aliased dot.
 */
const DISC = /* glsl */ `
    float d = length(gl_PointCoord * 2.0 - 1.0);
    // One device pixel of edge, whatever the dot size: a round, anti-aliased dot.
    float aa = 2.0 / vSize;
    float disc = 1.0 - smoothstep(1.0 - aa, 1.0, d);
`;

/** A dot of the cloud: round, anti-aliased, rimmed, fading with depth. */
export const FRAGMENT = /* glsl */ `
  varying vec4 vColor;
  varying float vSize;
  varying float vFade;
  void main() {${DISC}
    float alpha = disc;
    if (alpha <= 0.01) discard;
    // A darker rim on dots big enough to carry one separates overlapping dots.
    float rim = vSize >= 5.0 ? smoothstep(1.0 - 3.5 * aa, 1.0 - 1.5 * aa, d) : 0.0;
    vec3 color = mix(vColor.rgb, vColor.rgb * 0.42, rim);
    // Depth cue: the far side of the cloud fades a little.
    gl_FragColor = vec4(color, alpha * vColor.a * (1.0 - 0.5 * vFade));
  }
`;

/** The hover ring: a round outline in `uColor`. */
export const RING_FRAGMENT = /* glsl */ `
  uniform vec3 uColor;
  varying float vSize;
  void main() {${DISC}
    float inner = smoothstep(0.62 - aa, 0.62, d);
    float alpha = disc * inner;
    if (alpha <= 0.01) discard;
    gl_FragColor = vec4(uColor, alpha);
  }
`;
