/*
 * process.c — child processes (clang, the linker, the user's program) and the private
 * temporary directory their files go to.
 *
 * Invariant: the temporary directory is removed, with its contents, however escc ends: normal
 * exit, an error exit, or SIGINT/SIGTERM/SIGHUP (the handler removes it and re-raises). The
 * user's program runs with escc's own standard streams and its status is returned unchanged.
 */
#include "escc.h"

#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static char temp_directory[4096];
static unsigned temp_counter;

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *walk) {
  (void)info, (void)flag, (void)walk;
  remove(path);
  return 0;
}

void escc_temp_cleanup(void) {
  if (temp_directory[0] == '\0')
    return;
  nftw(temp_directory, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  temp_directory[0] = '\0';
}

static void cleanup_on_signal(int signal_number) {
  escc_temp_cleanup();
  signal(signal_number, SIG_DFL);
  raise(signal_number);
}

const char *escc_temp_dir(void) {
  if (temp_directory[0])
    return temp_directory;
  const char *base = getenv("TMPDIR");
  if (!base || !*base)
    base = "/tmp";
  snprintf(temp_directory, sizeof temp_directory, "%s/escc-XXXXXX", base);
  if (!mkdtemp(temp_directory)) {
    escc_error(base, "cannot create a temporary directory: %s", strerror(errno));
    temp_directory[0] = '\0';
    return NULL;
  }
  atexit(escc_temp_cleanup);
  signal(SIGINT, cleanup_on_signal);
  signal(SIGTERM, cleanup_on_signal);
  signal(SIGHUP, cleanup_on_signal);
  return temp_directory;
}

char *escc_temp_path(const char *stem, const char *extension) {
  const char *directory = escc_temp_dir();
  if (!directory)
    return NULL;
  char *name = escc_xstrdup(stem);
  char *dot = strrchr(name, '.');
  if (dot && dot != name)
    *dot = '\0';
  char *path = escc_format("%s/%u-%s.%s", directory, temp_counter++, name, extension);
  free(name);
  return path;
}

static int decode_status(int status) {
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  if (WIFSIGNALED(status))
    return 128 + WTERMSIG(status);
  return ESCC_EXIT_FAILED;
}

int escc_run_process(char *const argv[], const char *directory) {
  fflush(stdout);
  fflush(stderr);
  pid_t child = fork();
  if (child < 0) {
    escc_error(argv[0], "cannot start: %s", strerror(errno));
    return -1;
  }
  if (child == 0) {
    if (directory && chdir(directory) != 0) {
      escc_error(directory, "cannot change to directory: %s", strerror(errno));
      _exit(127);
    }
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    execvp(argv[0], argv);
    escc_error(argv[0], "cannot run: %s", strerror(errno));
    _exit(127);
  }
  int status;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) {
      escc_error(argv[0], "cannot wait for it: %s", strerror(errno));
      return -1;
    }
  }
  return decode_status(status);
}

int escc_exec_process(char *const argv[]) {
  fflush(stdout);
  fflush(stderr);
  execvp(argv[0], argv);
  escc_error(argv[0], "cannot run: %s", strerror(errno));
  return ESCC_EXIT_FAILED;
}
