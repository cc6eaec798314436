/**
 * The colour theme: "system" follows the OS, "light" and "dark" override it. The choice is kept in
 * localStorage and shown as `data-theme` on <html> (none for system), which app.css reads; app.html
 * applies the stored choice before the first paint so a dark page never flashes light.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEMES)[number];

/** The localStorage key; app.html's inline script reads the same key. */
export const THEME_KEY = 'creatorsync.theme';

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

export function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return isThemeChoice(value) ? value : 'system';
  } catch {
    return 'system'; // storage blocked: follow the system
  }
}

export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // Storage blocked: the choice holds for this page only.
  }
}
