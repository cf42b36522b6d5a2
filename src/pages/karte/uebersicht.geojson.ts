import type { APIRoute } from 'astro';
import { geoJson } from '../../services/http';

/** Simplified district and inspection outlines for the interactive overview map. */
export const GET: APIRoute = ({ locals }) => geoJson(locals.portal.overviewGeoJson(), locals.portal.info.dataVersion);
