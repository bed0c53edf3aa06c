// The keys that mean the same on every screen (help, quit, steps, moving, lists, logs).
import { keyTable } from './key-binding.js';

export const GLOBAL_KEYS = [
  ...keyTable('Global', {
    'app.help': ['?', 'help', 'show this help'],
    'app.quit': ['q ctrl+c', 'quit', 'quit; a running build keeps running (asks first)'],
    'app.back': ['escape backspace h', 'back', 'back / close (h and Backspace too: Esc is slow under tmux)'],
  }),
  ...keyTable('Steps', {
    'step.goto': ['1 2 3 4 5 6', 'step', 'go to a step: Host Base Recipe Pretend Build Result'],
    'step.next': [']', 'next step', 'next step'],
    'step.prev': ['[', 'prev step', 'previous step'],
  }),
  ...keyTable('Move', {
    'pane.next': ['tab', 'pane', 'next pane'],
    'pane.prev': ['shift+tab', 'pane', 'previous pane'],
    'move.up': ['up k', 'up', 'move up'],
    'move.down': ['down j', 'down', 'move down'],
    'move.pageUp': ['pageup ctrl+u', 'page up', 'page up'],
    'move.pageDown': ['pagedown ctrl+d', 'page down', 'page down'],
    'move.top': ['home g', 'top', 'go to the top'],
    'move.bottom': ['end G', 'bottom', 'go to the bottom (resumes follow in logs)'],
    'pane.maximise': ['+', 'max', 'maximise the focused pane'],
    'pane.restore': ['_', 'restore', 'restore the pane layout'],
  }),
  ...keyTable('Lists', {
    'item.choose': ['enter', 'open', 'choose / open the selected item'],
    'item.toggle': ['space', 'toggle', 'toggle the selected item'],
    'list.search': ['/', 'search', 'search (then n / N for next / previous match)'],
    'list.nextMatch': ['n', 'next', 'next match'],
    'list.prevMatch': ['N', 'prev', 'previous match'],
  }),
  ...keyTable('Logs', {
    'action.save': ['s', 'save', 'save (the log, the report) to a file'],
    'action.wrap': ['w', 'wrap', 'wrap long lines'],
    'action.copy': ['c', 'copy', 'copy to the clipboard (OSC 52: works over SSH)'],
    'action.pager': ['o', 'pager', 'open the full log in $PAGER'],
  }),
] as const;
