/**
 * Request pipeline: one small middleware per concern, composed here in order. Add a concern as
 * its own file in this folder and list it below.
 */
import { sequence } from 'astro:middleware';
import { provideSnapshot } from './snapshot';

export const onRequest = sequence(provideSnapshot);
