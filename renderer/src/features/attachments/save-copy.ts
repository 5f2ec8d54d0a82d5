// "Save a copy": the core hands out the bytes for this session (attachments.saveCopy, the export
// right, audited) and the page asks the browser to download them under the file's name. In the
// browser that is a download (to the Downloads folder, or where the browser asks); in the Electron
// app a download without a chosen path opens the system's "Save as" dialog. The only place a
// decrypted copy is written is the one the user chose.
import type { Download } from '../../../../shared/api/files.ts';
import type { Result } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { downloadUrl } from '../../api/files.ts';

export async function saveCopy(id: number): Promise<Result<Download>> {
  const result = await invoke('attachments.saveCopy', { id });
  if (!result.ok) return result;
  const link = document.createElement('a');
  link.href = downloadUrl(result.value);
  link.download = result.value.name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  return result;
}
