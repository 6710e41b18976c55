// libedit's native (histedit) API. el_set, el_get and history are C-variadic, which Swift
// cannot call, so each use we make of them gets a small non-variadic wrapper here.
#include <stdio.h>
#include <histedit.h>

typedef const char *(*nn_prompt_fn)(EditLine *);
typedef unsigned char (*nn_cmd_fn)(EditLine *, int);

static inline int nn_el_set_prompt(EditLine *el, nn_prompt_fn f) { return el_set(el, EL_PROMPT, f); }
static inline int nn_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int nn_el_set_hist(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int nn_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int nn_el_addfn(EditLine *el, const char *name, const char *help, nn_cmd_fn f) {
  return el_set(el, EL_ADDFN, name, help, f);
}
static inline int nn_el_bind(EditLine *el, const char *key, const char *fn) {
  return el_set(el, EL_BIND, key, fn, NULL);
}
static inline int nn_hist_setsize(History *h, int n) { HistEvent ev; return history(h, &ev, H_SETSIZE, n); }
static inline int nn_hist_setunique(History *h, int on) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, on); }
static inline int nn_hist_enter(History *h, const char *s) { HistEvent ev; return history(h, &ev, H_ENTER, s); }
static inline int nn_hist_load(History *h, const char *f) { HistEvent ev; return history(h, &ev, H_LOAD, f); }
static inline int nn_hist_save(History *h, const char *f) { HistEvent ev; return history(h, &ev, H_SAVE, f); }
