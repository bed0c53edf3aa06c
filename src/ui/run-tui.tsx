// Temporary: replaced by the app shell in the next commit.
export interface RunTuiOptions { recipePath?: string; theme?: string; host?: string; context?: string }
export async function runTui(_opts: RunTuiOptions): Promise<number> {
  return 0;
}
