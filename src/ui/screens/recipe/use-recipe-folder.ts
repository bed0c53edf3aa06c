// The recipes folder's files for the Open panel, read each time the panel opens (a `gentoo-wb recipe
// new NAME` in another terminal shows up without restarting); none until read, or when unreadable.
import { useEffect, useState } from 'react';
import { useWorkbenchApi } from '../../session/workbench-context.js';

export function useRecipeFolder(open: boolean): string[] {
  const { services } = useWorkbenchApi();
  const [files, setFiles] = useState<string[]>([]);
  useEffect(() => {
    if (!open) return undefined;
    let live = true;
    services.recipes.files().then((f) => live && setFiles(f), () => live && setFiles([]));
    return () => {
      live = false;
    };
  }, [open, services]);
  return files;
}
