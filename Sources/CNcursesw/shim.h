#ifndef TOKENPACE_CNCURSESW_SHIM_H
#define TOKENPACE_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline int tp_cols(void) { return COLS; }
static inline int tp_lines(void) { return LINES; }
static inline WINDOW *tp_stdscr(void) { return stdscr; }
static inline int tp_color_pairs(void) { return COLOR_PAIRS; }
static inline int tp_colors(void) { return COLORS; }
#endif
