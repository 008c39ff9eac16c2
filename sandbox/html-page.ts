import { html } from 'hono/html';

/**
 * The page shell shared by the sandbox's stand-in pages a guest is sent to (the iDEAL bank and
 * the strong-customer-authentication link). Only the accent colour differs, so each stand-in
 * still looks like its own party.
 */
export function sandboxPage(title: string, body: unknown, accent: string) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          body {
            font:
              16px/1.5 system-ui,
              sans-serif;
            max-width: 28rem;
            margin: 3rem auto;
            padding: 0 1rem;
            color: #1a1a1a;
          }
          h1 {
            font-size: 1.4rem;
            color: ${accent};
          }
          .muted {
            color: #666;
            font-size: 0.9rem;
          }
          form {
            display: flex;
            gap: 0.5rem;
            margin-top: 1.5rem;
          }
          button {
            flex: 1;
            padding: 0.7rem;
            font-size: 1rem;
            border: 1px solid #999;
            border-radius: 6px;
            background: #fff;
            cursor: pointer;
          }
          .approve {
            background: ${accent};
            color: #fff;
            border-color: ${accent};
          }
          .fail {
            border-color: #b00020;
            color: #b00020;
          }
        </style>
      </head>
      <body>
        <h1>${title}</h1>
        ${body}
      </body>
    </html>`;
}
