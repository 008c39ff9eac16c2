/**
 * Brand colour arithmetic (WCAG 2.x contrast), shared by the server (which refuses a colour the
 * pay button's text would be unreadable on) and the Property settings form (which shows the figure
 * while the manager picks). Client-safe: no server imports.
 */

/** `#rrggbb`, the only colour notation stored. */
export const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** Relative luminance (WCAG 2.x) of `#rrggbb`. */
export function relativeLuminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}

export const BUTTON_TEXT_COLORS = ['#ffffff', '#1a1a1a'] as const;
/** WCAG AA for normal-size text. */
export const AA_CONTRAST = 4.5;

/** The button text colour with the better contrast on `brand`, and that contrast. */
export function buttonTextOn(brand: string): { color: string; contrast: number } {
  const [white, dark] = BUTTON_TEXT_COLORS.map((color) => ({
    color,
    contrast: contrastRatio(brand, color),
  })) as [{ color: string; contrast: number }, { color: string; contrast: number }];
  return white.contrast >= dark.contrast ? white : dark;
}
