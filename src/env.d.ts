/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The loaded snapshot, set by the middleware for every request. */
    portal: import('./services/portal').Portal;
    /** The request's UI language, set by the language middleware (the `/en` prefix, `?lang=` in embeds). */
    language: import('./i18n/languages').Language;
    /** Editor area only (/redaktion, src/middleware/editor.ts): the session, the client, the checked form of a POST. */
    editor?: {
      session: (import('./services/editor/sessions').Session & { id: string }) | null;
      client: string;
      form: FormData | null;
    };
    /** Set for the editor's preview (/redaktion/vorschau/…): `portal` is the preview snapshot; nothing is cached. */
    preview?: boolean;
  }
}
