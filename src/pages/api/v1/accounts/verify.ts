import type { APIRoute } from 'astro';
import { t } from '../../../../i18n';
import { invalidParameter, ok, readQuery } from '../../../../services/api';
import { AccountVerification } from '../../../../services/api-schemas';
import { accountCheckParams } from '../../../../services/api-params';
import { checkAccount } from '../../../../services/account-check';
import { apiError } from '../../../../services/http';

/**
 * GET /api/v1/accounts/verify?url= (a profile URL or any handle form) or ?platform=&handle=
 * → whether the account is in the registry of official accounts, and whose it is.
 */
export const GET: APIRoute = ({ url, locals: { portal } }) => {
  const query = readQuery(url.searchParams, accountCheckParams);
  if (!query.ok) return query.response;
  const { url: profile, handle, platform } = query.value;
  if (profile !== undefined && handle !== undefined) return invalidParameter('handle', t('api.accountBoth'));
  const input = profile ?? handle;
  if (input === undefined) return invalidParameter('url', t('api.accountMissing'));
  const answer = checkAccount(portal, input, platform ?? null);
  if (!answer.ok) {
    return apiError(400, 'invalid_account', answer.message, {
      parameter: profile !== undefined ? 'url' : 'handle',
      reason: answer.problem,
    });
  }
  return ok(AccountVerification, answer.body);
};
