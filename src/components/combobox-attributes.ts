import { DEFAULT_LANGUAGE, type Language, type Translate } from '../i18n';
import { paths } from '../paths';

/**
 * The texts and the endpoint the autocomplete (search-combobox.ts) reads from its element's data
 * attributes, in the page's language: the portal's search form and the widget's spread them alike.
 */
export function comboboxAttributes(t: Translate, language: Language): Record<string, string> {
  return {
    // Suggestions carry notes ("house number not found …") in the page's language.
    'data-endpoint': paths.api('search') + (language === DEFAULT_LANGUAGE ? '' : `?lang=${language}`),
    'data-groups': JSON.stringify({
      address: t('search.group.address'),
      street: t('search.group.street'),
      municipality: t('search.group.municipality'),
      locality: t('search.group.locality'),
      district: t('search.group.district'),
      postcode: t('search.group.postcode'),
    }),
    'data-approximate': t('search.approximate'),
    'data-outside': t('search.outside.alsoTitle'),
    'data-in-district': t('search.inDistrict', { district: '{district}' }),
    'data-in-city': t('search.inCity', { city: '{city}' }),
    'data-count': t('search.suggestionCount', { count: '{count}' }),
    'data-one': t('search.suggestionOne'),
    'data-none': t('search.noSuggestions'),
  };
}
