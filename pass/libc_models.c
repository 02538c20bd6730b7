/*
 * libc_models.c — the table of library models (see libc_models.h). One row per function;
 * each row names only what differs from "takes pointers, keeps none, returns fresh memory".
 *
 *   CAPTURES(ARG(i) | ARG(j))  arguments i and j are kept after the call (they escape)
 *   RESULT_FROM(i)     the result points into argument i (strchr, memcpy, fgets)
 *   RESULT_FROM_CONTENTS(i)  the result is a pointer read from *argument i (strsep)
 *   COPIES(d, s)       *d = *s for some bytes (memcpy, strcpy)
 *   STORES(d, v)       *d = v: the library writes argument v (or into it) to *d (strtol)
 *   CALLS(f, a, b, c)  the library calls function argument f with arguments a, b, c
 *                      (qsort's comparator gets pointers into the array)
 *   PINS(d, ARG(i))    the kernel keeps the object argument i points to after d dereferences
 *                      (PINS(1, ARG(3)): epoll_ctl's event.data.ptr), where the collector cannot
 *                      see it: the object escapes and is allocated pinned
 *   PRINTF_FORMAT(i)   argument i is a printf format and the variadic arguments follow it: one
 *                      printed with %p becomes text that sscanf("%p") turns back into the same
 *                      pointer (C11), so it escapes, and is pinned when the text stays in
 *                      memory (sprintf; format_pointers.c)
 * Other variadic arguments of the printf and scanf families are read or written, never kept.
 *
 * Invariant: names are unique; the table is sorted by name before the first lookup.
 */
#include "libc_models.h"

#include <stdlib.h>
#include <string.h>

#define NONE ESC_MODEL_NONE
/* Every row starts from the defaults and then overrides fields; the compilers' "initializer
 * overrides" warnings are exactly what this table means to do. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
#ifdef __clang__
#pragma clang diagnostic ignored "-Winitializer-overrides"
#endif

#define MODEL(function_name, ...)                                                                  \
  {.name = function_name,                                                                          \
   .capture_reason = ESC_REASON_CAPTURED_BY_LIBRARY,                                               \
   .result_from_argument = NONE,                                                                   \
   .result_from_contents_of = NONE,                                                                \
   .copy_destination = NONE,                                                                       \
   .copy_source = NONE,                                                                            \
   .store_destination = NONE,                                                                      \
   .store_value = NONE,                                                                            \
   .callback = NONE,                                                                               \
   .callback_arguments = {NONE, NONE, NONE},                                                       \
   .printf_format = NONE,                                                                          \
   __VA_ARGS__}
#define ARG(i) (1u << (i))
#define CAPTURES(argument_mask) .captured_arguments = (argument_mask)
#define RESULT_FROM(i) .result_from_argument = (i)
#define RESULT_FROM_CONTENTS(i) .result_from_contents_of = (i)
#define COPIES(d, s) .copy_destination = (d), .copy_source = (s)
#define STORES(d, v) .store_destination = (d), .store_value = (v)
#define CALLS(f, a, b, c) .callback = (f), .callback_arguments = {(a), (b), (c)}
#define PINS(derefs, argument_mask) .pinned[derefs] = (argument_mask)
#define PRINTF_FORMAT(i) .printf_format = (i)

static esc_library_model model_table[] = {
    /* ---- stdio: streams read and write through the pointers, keep none of them ---- */
    MODEL("printf", PRINTF_FORMAT(0)),
    MODEL("fprintf", PRINTF_FORMAT(1)),
    MODEL("sprintf", PRINTF_FORMAT(1)),
    MODEL("snprintf", PRINTF_FORMAT(2)),
    MODEL("dprintf", PRINTF_FORMAT(1)),
    MODEL("vprintf"),
    MODEL("vfprintf"),
    MODEL("vsprintf"),
    MODEL("vsnprintf"),
    MODEL("vdprintf"),
    MODEL("asprintf", PRINTF_FORMAT(1)),
    MODEL("vasprintf"),
    MODEL("__printf_chk", PRINTF_FORMAT(1)),
    MODEL("__fprintf_chk", PRINTF_FORMAT(2)),
    MODEL("__sprintf_chk", PRINTF_FORMAT(3)),
    MODEL("__snprintf_chk", PRINTF_FORMAT(4)),
    MODEL("__vsnprintf_chk"),
    MODEL("__vfprintf_chk"),
    MODEL("__vprintf_chk"),
    MODEL("scanf"),
    MODEL("fscanf"),
    MODEL("sscanf"),
    MODEL("vscanf"),
    MODEL("vfscanf"),
    MODEL("vsscanf"),
    MODEL("__isoc99_scanf"),
    MODEL("__isoc99_fscanf"),
    MODEL("__isoc99_sscanf"),
    MODEL("__isoc99_vscanf"),
    MODEL("__isoc99_vfscanf"),
    MODEL("__isoc99_vsscanf"),
    MODEL("__isoc23_scanf"),
    MODEL("__isoc23_fscanf"),
    MODEL("__isoc23_sscanf"),
    MODEL("puts"),
    MODEL("fputs"),
    MODEL("putchar"),
    MODEL("putc"),
    MODEL("fputc"),
    MODEL("getchar"),
    MODEL("getc"),
    MODEL("fgetc"),
    MODEL("ungetc"),
    MODEL("fgets", RESULT_FROM(0)),
    MODEL("gets", RESULT_FROM(0)),
    MODEL("fread"),
    MODEL("fwrite"),
    MODEL("fflush"),
    MODEL("fopen"),
    MODEL("fdopen"),
    MODEL("freopen"),
    MODEL("fclose"),
    MODEL("fseek"),
    MODEL("ftell"),
    MODEL("rewind"),
    MODEL("feof"),
    MODEL("ferror"),
    MODEL("clearerr"),
    MODEL("fileno"),
    MODEL("perror"),
    MODEL("remove"),
    MODEL("rename"),
    MODEL("getline"),
    MODEL("getdelim"),
    MODEL("tmpfile"),
    MODEL("fmemopen", CAPTURES(ARG(0))),
    MODEL("open_memstream", CAPTURES(ARG(0) | ARG(1))),
    /* setvbuf/setbuf hand the buffer to the stream, which uses it until fclose. */
    MODEL("setvbuf", CAPTURES(ARG(1))),
    MODEL("setbuf", CAPTURES(ARG(1))),
    MODEL("setbuffer", CAPTURES(ARG(1))),
    MODEL("setlinebuf"),
    /* ---- string.h: results point into the argument they search or fill ---- */
    MODEL("strlen"),
    MODEL("strnlen"),
    MODEL("strcmp"),
    MODEL("strncmp"),
    MODEL("strcasecmp"),
    MODEL("strncasecmp"),
    MODEL("strcoll"),
    MODEL("strxfrm"),
    MODEL("strspn"),
    MODEL("strcspn"),
    MODEL("memcmp"),
    MODEL("bcmp"),
    MODEL("strdup"),
    MODEL("strndup"),
    MODEL("strerror"),
    MODEL("strchr", RESULT_FROM(0)),
    MODEL("strrchr", RESULT_FROM(0)),
    MODEL("strchrnul", RESULT_FROM(0)),
    MODEL("strstr", RESULT_FROM(0)),
    MODEL("strcasestr", RESULT_FROM(0)),
    MODEL("strpbrk", RESULT_FROM(0)),
    MODEL("memchr", RESULT_FROM(0)),
    MODEL("memrchr", RESULT_FROM(0)),
    MODEL("rawmemchr", RESULT_FROM(0)),
    MODEL("memmem", RESULT_FROM(0)),
    MODEL("index", RESULT_FROM(0)),
    MODEL("rindex", RESULT_FROM(0)),
    MODEL("memcpy", RESULT_FROM(0), COPIES(0, 1)),
    MODEL("memmove", RESULT_FROM(0), COPIES(0, 1)),
    MODEL("mempcpy", RESULT_FROM(0), COPIES(0, 1)),
    MODEL("bcopy", COPIES(1, 0)),
    MODEL("__memcpy_chk", RESULT_FROM(0), COPIES(0, 1)),
    MODEL("__memmove_chk", RESULT_FROM(0), COPIES(0, 1)),
    MODEL("strcpy", RESULT_FROM(0), COPIES(0, 1)),
    MODEL("strncpy", RESULT_FROM(0), COPIES(0, 1)),
    MODEL("stpcpy", RESULT_FROM(0), COPIES(0, 1)),
    MODEL("stpncpy", RESULT_FROM(0), COPIES(0, 1)),
    MODEL("strcat", RESULT_FROM(0), COPIES(0, 1)),
    MODEL("strncat", RESULT_FROM(0), COPIES(0, 1)),
    MODEL("__strcpy_chk", RESULT_FROM(0), COPIES(0, 1)),
    MODEL("memset", RESULT_FROM(0)),
    MODEL("__memset_chk", RESULT_FROM(0)),
    MODEL("bzero"),
    MODEL("explicit_bzero"),
    /* strtok keeps its argument in hidden static state for the next call. */
    MODEL("strtok", CAPTURES(ARG(0)), RESULT_FROM(0)),
    MODEL("strtok_r", RESULT_FROM(0), RESULT_FROM_CONTENTS(2), STORES(2, 0)),
    MODEL("strsep", RESULT_FROM_CONTENTS(0)),
    /* ---- stdlib.h ---- */
    MODEL("strtol", STORES(1, 0)),
    MODEL("strtoul", STORES(1, 0)),
    MODEL("strtoll", STORES(1, 0)),
    MODEL("strtoull", STORES(1, 0)),
    MODEL("strtod", STORES(1, 0)),
    MODEL("strtof", STORES(1, 0)),
    MODEL("strtold", STORES(1, 0)),
    MODEL("strtoimax", STORES(1, 0)),
    MODEL("strtoumax", STORES(1, 0)),
    MODEL("__isoc23_strtol", STORES(1, 0)),
    MODEL("__isoc23_strtoul", STORES(1, 0)),
    MODEL("__isoc23_strtoll", STORES(1, 0)),
    MODEL("__isoc23_strtoull", STORES(1, 0)),
    MODEL("atoi"),
    MODEL("atol"),
    MODEL("atoll"),
    MODEL("atof"),
    MODEL("malloc"),
    MODEL("calloc"),
    MODEL("realloc"),
    MODEL("reallocarray"),
    MODEL("free"),
    MODEL("aligned_alloc"),
    MODEL("posix_memalign"),
    MODEL("memalign"),
    MODEL("abort"),
    MODEL("exit"),
    MODEL("_exit"),
    MODEL("getenv"),
    MODEL("secure_getenv"),
    MODEL("setenv"),
    MODEL("unsetenv"),
    MODEL("system"),
    MODEL("rand_r"),
    MODEL("realpath", RESULT_FROM(1)),
    /* putenv makes the string itself part of the environment. */
    MODEL("putenv", CAPTURES(ARG(0))),
    MODEL("qsort", CALLS(3, 0, 0, NONE)),
    MODEL("qsort_r", CALLS(3, 0, 0, 4)),
    MODEL("bsearch", RESULT_FROM(1), CALLS(4, 0, 1, NONE)),
    /* atexit/on_exit/signal keep the function pointer (and on_exit its argument). */
    MODEL("atexit", CAPTURES(ARG(0))),
    MODEL("on_exit", CAPTURES(ARG(0) | ARG(1))),
    MODEL("__cxa_atexit", CAPTURES(ARG(0) | ARG(1))),
    MODEL("signal", CAPTURES(ARG(1))),
    MODEL("sigaction"),
    MODEL("sigemptyset"),
    MODEL("sigfillset"),
    MODEL("sigaddset"),
    MODEL("sigprocmask"),
    /* ---- pthreads ---- */
    MODEL("pthread_create", CAPTURES(ARG(2) | ARG(3)),
          .capture_reason = ESC_REASON_THREAD_ARGUMENT),
    /* pthread_exit's value reaches pthread_join in another thread after this stack is gone. */
    MODEL("pthread_exit", CAPTURES(ARG(0)), .capture_reason = ESC_REASON_THREAD_ARGUMENT),
    MODEL("pthread_join"),
    MODEL("pthread_detach"),
    MODEL("pthread_self"),
    MODEL("pthread_equal"),

    MODEL("pthread_mutex_init"),
    MODEL("pthread_mutex_destroy"),
    MODEL("pthread_mutex_lock"),
    MODEL("pthread_mutex_trylock"),
    MODEL("pthread_mutex_unlock"),
    MODEL("pthread_cond_init"),
    MODEL("pthread_cond_destroy"),
    MODEL("pthread_cond_wait"),
    MODEL("pthread_cond_timedwait"),
    MODEL("pthread_cond_signal"),
    MODEL("pthread_cond_broadcast"),
    MODEL("pthread_rwlock_init"),
    MODEL("pthread_rwlock_destroy"),
    MODEL("pthread_rwlock_rdlock"),
    MODEL("pthread_rwlock_wrlock"),
    MODEL("pthread_rwlock_unlock"),
    MODEL("pthread_attr_init"),
    MODEL("pthread_attr_destroy"),
    MODEL("pthread_attr_setstacksize"),
    MODEL("pthread_attr_setdetachstate"),
    MODEL("pthread_once"),
    MODEL("pthread_key_create"),
    MODEL("pthread_getspecific"),
    MODEL("pthread_setspecific", CAPTURES(ARG(1))),
    MODEL("pthread_barrier_init"),
    MODEL("pthread_barrier_wait"),
    MODEL("pthread_barrier_destroy"),
    MODEL("pthread_sigmask"),
    MODEL("pthread_kill"),
    MODEL("pthread_cancel"),
    MODEL("pthread_setcancelstate"),
    /* ---- time, POSIX I/O, setjmp ---- */
    MODEL("time"),
    MODEL("clock"),
    MODEL("gettimeofday"),
    MODEL("clock_gettime"),
    MODEL("nanosleep"),
    MODEL("localtime"),
    MODEL("gmtime"),
    MODEL("mktime"),
    MODEL("ctime"),
    MODEL("localtime_r", RESULT_FROM(1)),
    MODEL("gmtime_r", RESULT_FROM(1)),
    MODEL("strftime"),
    MODEL("read"),
    MODEL("write"),
    MODEL("open"),
    MODEL("close"),
    MODEL("lseek"),
    MODEL("stat"),
    MODEL("fstat"),
    MODEL("lstat"),
    MODEL("access"),
    MODEL("unlink"),
    MODEL("pipe"),
    MODEL("getcwd", RESULT_FROM(0)),
    MODEL("__errno_location"),
    MODEL("__assert_fail"),
    /* ---- the kernel keeps a pointer until it hands it back (an event, a signal's value) ---- */
    MODEL("epoll_ctl", PINS(1, ARG(3))),
    MODEL("timer_create", PINS(1, ARG(1))),
    MODEL("mq_notify", PINS(1, ARG(1))),
    MODEL("sigqueue", PINS(0, ARG(2))),
    MODEL("pthread_sigqueue", PINS(0, ARG(2))),
    /* glibc's aio keeps the aiocb (and its buffer and sigevent) until the request completes */
    MODEL("aio_read", PINS(0, ARG(0)), PINS(1, ARG(0))),
    MODEL("aio_write", PINS(0, ARG(0)), PINS(1, ARG(0))),
    MODEL("aio_fsync", PINS(0, ARG(1)), PINS(1, ARG(1))),
    MODEL("aio_read64", PINS(0, ARG(0)), PINS(1, ARG(0))),
    MODEL("aio_write64", PINS(0, ARG(0)), PINS(1, ARG(0))),
    MODEL("aio_fsync64", PINS(0, ARG(1)), PINS(1, ARG(1))),
    MODEL("lio_listio", PINS(1, ARG(1) | ARG(3)), PINS(2, ARG(1))),
    MODEL("lio_listio64", PINS(1, ARG(1) | ARG(3)), PINS(2, ARG(1))),
    MODEL("setjmp"),
    MODEL("_setjmp"),
    MODEL("__sigsetjmp"),
    MODEL("longjmp"),
    MODEL("siglongjmp"),
};

#pragma GCC diagnostic pop

static bool table_sorted;

static int compare_models(const void *left, const void *right) {
  return strcmp(((const esc_library_model *)left)->name, ((const esc_library_model *)right)->name);
}

static void sort_table_once(void) {
  if (table_sorted)
    return;
  qsort(model_table, sizeof model_table / sizeof model_table[0], sizeof model_table[0],
        compare_models);
  table_sorted = true;
}

const esc_library_model *esc_library_model_find(const char *name) {
  sort_table_once();
  esc_library_model key = {.name = name};
  return bsearch(&key, model_table, sizeof model_table / sizeof model_table[0],
                 sizeof model_table[0], compare_models);
}

const esc_library_model *esc_library_models(size_t *count) {
  sort_table_once();
  *count = sizeof model_table / sizeof model_table[0];
  return model_table;
}
