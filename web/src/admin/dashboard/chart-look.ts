// The colours and line patterns of the charts: each at least 3:1 against white (WCAG non-text contrast), and the
// series of one chart differ by pattern too, so colour is never the only cue.
import type { SeriesLook } from './chart-data';

export interface Look {
  readonly color: string;
  /** Canvas/SVG dash pattern in CSS pixels; empty for a solid line. */
  readonly dash: readonly number[];
}

export const LOOKS: Readonly<Record<SeriesLook, Look>> = {
  sent: { color: '#2f5fb3', dash: [] },
  received: { color: '#5b6270', dash: [8, 4] },
  delivered: { color: '#1d7a46', dash: [2, 3] },
  failed: { color: '#b3261e', dash: [10, 3, 2, 3] },
  rate: { color: '#1d7a46', dash: [] },
  credits: { color: '#8a5a00', dash: [] },
  optout: { color: '#6b3fa0', dash: [] },
  duration: { color: '#2f5fb3', dash: [] },
  share: { color: '#8a5a00', dash: [] },
};

export const AXIS_COLOR = '#3d4451';
export const GRID_COLOR = '#e2e5ea';
