// The one place backups write bytes, so tests can inject a full disk or a vanished folder.
import type { FileHandle } from 'node:fs/promises';

export type BackupIo = { writeChunk(handle: FileHandle, chunk: Buffer, position: number): Promise<void> };

export const realBackupIo: BackupIo = {
  async writeChunk(handle, chunk, position) {
    let written = 0;
    while (written < chunk.length) {
      const { bytesWritten } = await handle.write(chunk, written, chunk.length - written, position + written);
      written += bytesWritten;
    }
  },
};
