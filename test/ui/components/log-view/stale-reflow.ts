// A log that trips xterm's reflow: written at 256 columns into a 20-row terminal with 100 lines of
// scrollback (full), then narrowed to 80, it leaves a wrapped row's copy under the cursor.
/** Line lengths, found by feeding random lines and resizes to a ring-fed terminal. */
const STALE_REFLOW_LENGTHS = [14, 25, 27, 38, 6, 7, 10, 269, 26, 69, 25, 8, 136, 36, 25, 144, 10, 86, 193, 203, 99, 116, 13, 15, 298, 7, 29, 287, 13, 55, 23, 24, 31, 233, 14, 30, 10, 33, 266, 189, 30, 20, 20, 19, 39, 92, 24, 150, 261, 20, 247, 43, 9, 27, 7, 40, 198, 40, 210, 99, 21, 11, 135, 42, 26, 290, 29, 41, 24, 40, 101, 35, 21, 17, 27, 22, 18, 24, 20, 19, 26, 281, 11, 18, 16, 5, 12, 17, 30, 41, 27, 301, 31, 223, 144, 199, 27, 39, 46, 259, 268, 142, 9, 285, 27, 7, 5, 38];
export const staleReflowLines = (): string[] => ['', ...STALE_REFLOW_LENGTHS.map((n, i) => `L${i}-`.padEnd(n, 'x'))];
