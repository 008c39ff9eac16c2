/**
 * The one look of the text inside the Secure Fields iframes, for the guest form and the staff
 * new-card form alike. Our stylesheets cannot reach into the iframes, so the library applies these
 * (`options.styles`) inside them; without them the inputs fall back to the browser's defaults (a
 * serif font at the top-left of the frame, as staff saw it).
 *
 * The box around each iframe (height, border, radius, padding, the focus ring) is ours: each form
 * gives it the class of its own inputs (components/secure-card-fields.tsx), so the card number and
 * CVV look like the expiry next to them. Inside, the text has no padding of its own and the
 * same font, size, line height and colours as those inputs. System fonts only: PCI Proxy serves the
 * frames and cannot load our web fonts.
 */

const FONT_STACK =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** The text colour of our inputs (app/globals.css `--text`). */
const TEXT_COLOR = '#14171f';
/** Placeholder grey: 4.8:1 on white, like the guest form's own placeholders. */
const PLACEHOLDER_COLOR = '#6b7280';

export const SECURE_FIELD_STYLES: Readonly<Record<string, string>> = {
  '*': [
    `font-family: ${FONT_STACK}`,
    'font-size: 16px',
    'line-height: 1.5',
    `color: ${TEXT_COLOR}`,
    'margin: 0',
    'padding: 0',
    'border: 0',
    'width: 100%',
    'height: 24px',
    'background: transparent',
    // The focus ring is drawn on our box around the iframe, driven by the library's focus events.
    'outline: none',
  ].join('; '),
  '*::placeholder': `color: ${PLACEHOLDER_COLOR}; opacity: 1`,
};
