/**
 * Categorical colours for charts that tell things apart by colour (games in the donut, game bands
 * on a stream's viewer curve). Mid tones, so each stands out from both the light and the dark
 * surface; the last one is the grey for "Other". Colour is never the only cue: every use also
 * names the category in text (legend, table, title).
 */
export const CATEGORY_COLORS = ['#6d4aff', '#d9480f', '#0b7fab', '#2b8a3e', '#c2255c', '#9a6f00'] as const;
export const OTHER_COLOR = '#7a828f';

/** The colour of the i-th category (cycling when there are more categories than colours). */
export function categoryColor(index: number): string {
  return CATEGORY_COLORS[index % CATEGORY_COLORS.length] ?? OTHER_COLOR;
}
