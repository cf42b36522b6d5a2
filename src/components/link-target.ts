/**
 * Attributes of a link that opens in a new tab (every link leaving the widget's frame), or none.
 * Pair it with <NewTabHint> so screen readers announce the new tab.
 */
export function linkTarget(newTab: boolean): { target?: '_blank'; rel?: string } {
  return newTab ? { target: '_blank', rel: 'noopener noreferrer' } : {};
}
