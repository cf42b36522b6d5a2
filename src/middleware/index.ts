/**
 * Request pipeline: one small middleware per concern, composed here in order. Add a concern as
 * its own file in this folder and list it below.
 */
import { sequence } from 'astro:middleware';
import { framing } from './framing';
import { cors } from './cors';
import { readOnlyMethods } from './methods';
import { rateLimit } from './rate-limit';
import { conditionalGet } from './conditional-get';
import { provideSnapshot } from './snapshot';

// framing first: its headers then also reach the snapshot's 503 page.
// cors outside the rate limit and the method check, so that browsers can read their answers
// (429 with Retry-After, 405 with Allow); conditionalGet inside the snapshot, whose data version
// it puts into the ETag.
export const onRequest = sequence(framing, cors, rateLimit, readOnlyMethods, provideSnapshot, conditionalGet);
