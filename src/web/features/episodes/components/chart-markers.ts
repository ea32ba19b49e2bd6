/**
 * A marker on the symptom chart, such as a life event from the client's timeline, placed by session
 * number or by date. The chart takes them already; the timeline feature will supply them later.
 */
export interface ChartMarker {
  sessionNumber?: number;
  date?: string;
  label: string;
}
