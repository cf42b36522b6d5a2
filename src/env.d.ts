/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The loaded snapshot, set by the middleware for every request. */
    portal: import('./services/portal').Portal;
  }
}
