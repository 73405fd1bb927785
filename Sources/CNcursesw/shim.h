#ifndef TOKENPACE_CNCURSESW_SHIM_H
#define TOKENPACE_CNCURSESW_SHIM_H
/* SwiftPM drops pkg-config's -D_XOPEN_SOURCE: without these the wide API is invisible. */
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <time.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <ncursesw/curses.h>

/* Swift 6 rejects these mutable C globals; read them through functions (main thread only). */
static inline int tp_cols(void) { return COLS; }
static inline int tp_lines(void) { return LINES; }
static inline WINDOW *tp_stdscr(void) { return stdscr; }
static inline WINDOW *tp_curscr(void) { return curscr; }
static inline int tp_color_pairs(void) { return COLOR_PAIRS; }
static inline int tp_colors(void) { return COLORS; }
static inline int tp_ccharw_max(void) { return CCHARW_MAX; }

/* newterm on the process's stdout/stdin (also mutable C globals); NULL when TERM is unusable,
 * where initscr would print an error and exit. */
static inline SCREEN *tp_newterm(void) { return newterm(NULL, stdout, stdin); }

/* The attribute bits are function-like macros, which Swift cannot import. */
static inline attr_t tp_a_normal(void) { return A_NORMAL; }
static inline attr_t tp_a_bold(void) { return A_BOLD; }
static inline attr_t tp_a_italic(void) { return A_ITALIC; }
static inline attr_t tp_a_dim(void) { return A_DIM; }
static inline attr_t tp_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tp_a_reverse(void) { return A_REVERSE; }

/* How many columns the C library (and so curses) gives a character; -1 if unprintable. */
int wcwidth(wchar_t c);
static inline int tp_wcwidth(wchar_t c) { return wcwidth(c); }

#ifdef __linux__
/* glibc declares ppoll only under _GNU_SOURCE, which the module cannot set: declare it here. */
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *tmo_p, const sigset_t *sigmask);
#endif

/*
 * Waits until fd_a, fd_b or fd_c has input (or hangs up), a signal arrives, or timeout_ns passes, with
 * nanosecond precision where ppoll exists (curses' own timeout counts whole milliseconds).
 * Returns the poll result (-1 with errno EINTR after a signal) and each fd's revents. fd_b and fd_c may be -1.
 */
static inline int tp_wait_readable(int fd_a, int fd_b, int fd_c, long long timeout_ns, short *revents_a, short *revents_b, short *revents_c) {
    /* poll ignores entries whose fd is negative: pass -1 for an unused one. */
    struct pollfd fds[3] = { { fd_a, POLLIN, 0 }, { fd_b, POLLIN, 0 }, { fd_c, POLLIN, 0 } };
    if (timeout_ns < 0) timeout_ns = 0;
#ifdef __linux__
    struct timespec ts = { (time_t)(timeout_ns / 1000000000LL), (long)(timeout_ns % 1000000000LL) };
    int r = ppoll(fds, 3, &ts, NULL);
#else
    int r = poll(fds, 3, (int)((timeout_ns + 999999LL) / 1000000LL));
#endif
    *revents_a = r > 0 ? fds[0].revents : 0;
    *revents_b = r > 0 ? fds[1].revents : 0;
    *revents_c = r > 0 ? fds[2].revents : 0;
    return r;
}
#endif
