/*
 * process.c — child processes (clang, the linker, the user's program) and the private
 * temporary directory their files go to.
 *
 * Invariant: the temporary directory is removed, with its contents, however escc ends: normal
 * exit, an error exit, SIGINT/SIGTERM/SIGHUP (the handler removes it and re-raises), or LLVM
 * crashing or hanging while it reads an input (inputs.c's guard removes it and exits 2). The
 * user's program runs with escc's own standard streams and its status is returned unchanged.
 */
#include "escc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static char temp_directory[4096];
static unsigned temp_counter;

/* The directory holds files only (escc_temp_path). Removing them uses no allocation and only
 * async-signal-safe calls, since a signal handler may run this while malloc is interrupted. */
void escc_temp_cleanup(void) {
  if (temp_directory[0] == '\0')
    return;
  int directory = open(temp_directory, O_RDONLY | O_DIRECTORY);
  if (directory >= 0) {
    char entries[4096] __attribute__((aligned(8)));
    ssize_t bytes;
    while ((bytes = getdents64(directory, entries, sizeof entries)) > 0) {
      for (ssize_t offset = 0; offset < bytes;) {
        const struct dirent64 *entry = (const struct dirent64 *)(entries + offset);
        if (strcmp(entry->d_name, ".") && strcmp(entry->d_name, ".."))
          unlinkat(directory, entry->d_name, 0);
        offset += entry->d_reclen;
      }
    }
    close(directory);
  }
  rmdir(temp_directory);
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

static int last_child_signal;

int escc_last_child_signal(void) { return last_child_signal; }

static int decode_status(int status) {
  last_child_signal = 0;
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) {
    last_child_signal = WTERMSIG(status);
    return 128 + WTERMSIG(status);
  }
  return ESCC_EXIT_FAILED;
}

int escc_run_process(char *const argv[], const char *directory) {
  return escc_run_process_to(argv, directory, NULL);
}

int escc_run_process_to(char *const argv[], const char *directory, const char *output_path) {
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
    if (output_path) {
      int output = open(output_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (output < 0 || dup2(output, STDOUT_FILENO) < 0) {
        escc_error(output_path, "cannot write: %s", strerror(errno));
        _exit(127);
      }
      close(output);
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
