export const THEMES = ['system', 'dark', 'light'] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = 'nightshift_theme';

export function themeOf(value: string | undefined): Theme {
	return THEMES.find((t) => t === value) ?? 'system';
}
