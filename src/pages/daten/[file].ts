import type { APIRoute } from 'astro';
import { t } from '../../i18n';
import { paths } from '../../paths';
import { downloadFile, downloadSpec } from '../../services/downloads';
import { apiError } from '../../services/http';
import { tagged } from '../../services/api';

/** GET /daten/{file} → one open-data file, generated from the snapshot (cached per snapshot). */
export const GET: APIRoute = ({ params, locals: { portal } }) => {
  const spec = downloadSpec(params.file ?? '');
  if (!spec) return apiError(404, 'not_found', t('openData.unknownFile'));
  const file = downloadFile(portal, spec);
  return tagged(file.body, {
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${file.fileName}"`,
    Link: `<${paths.openData()}>; rel="license"`,
    'X-Content-Type-Options': 'nosniff',
  });
};
