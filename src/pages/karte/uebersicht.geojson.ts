import type { APIRoute } from 'astro';
import { geoJson } from '../../services/http';
import { overviewMapJson } from '../../services/map-data';

/** Simplified district and inspection outlines for the interactive overview map. */
export const GET: APIRoute = ({ locals }) => geoJson(overviewMapJson(locals.portal));
