/** Export of a published version as the data/ files (demo/officers.json … demo/notices.json), byte for byte as the repository keeps them. */
import { versionById, serialise } from './publish';
import { contentOf, type EditableContent } from './records';

export const EXPORT_FILES = ['officers.json', 'accounts.json', 'stations.json', 'notices.json'] as const;
export type ExportFile = (typeof EXPORT_FILES)[number];

/** The text of `file` in version `id`, or null. */
export function exportFile(id: number, file: string): string | null {
  if (!(EXPORT_FILES as readonly string[]).includes(file)) return null;
  const row = versionById(id);
  if (!row) return null;
  const content = contentOf(row.content);
  return serialise(content[file.replace('.json', '') as keyof EditableContent]);
}
