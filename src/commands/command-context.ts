// What commands may ask of the CLI entry: only it may start the TUI (commands never import src/ui).
// Its own file so that commands need not import the registry that imports them.
export interface CommandContext {
  startTui(options: { recipePath?: string; attachBuild?: string; theme?: string; host?: string; context?: string; engine?: string }): Promise<void>;
}
