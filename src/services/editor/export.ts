/** Export of a published version as the data/ files (demo/officers.json …), byte for byte as the repository keeps them. */
import { versionById, serialise } from './publish';
import type { EditableContent } from './records';

export const EXPORT_FILES = ['officers.json', 'accounts.json', 'stations.json'] as const;
export type ExportFile = (typeof EXPORT_FILES)[number];

/** The text of `file` in version `id`, or null. */
export function exportFile(id: number, file: string): string | null {
  if (!(EXPORT_FILES as readonly string[]).includes(file)) return null;
  const row = versionById(id);
  if (!row) return null;
  const content = JSON.parse(row.content) as EditableContent;
  return serialise(content[file.replace('.json', '') as keyof EditableContent]);
}
