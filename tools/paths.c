/*
 * paths.c — where escc finds clang, its runtime libraries and optional helpers (Graphviz's
 * dot), the checks on input paths, and reading a whole text file.
 *
 * Invariant: the runtime is looked up next to the running executable first (<bin>/../lib), so
 * a build tree or an installed tree works wherever it is moved; the configure-time
 * ESCC_LIB_DIR is the fallback. $ESCC_CLANG overrides the configured clang.
 */
#include "escc.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *escc_clang_path(void) {
  const char *configured = getenv("ESCC_CLANG");
  return configured && *configured ? configured : ESCC_CLANG;
}

bool escc_executable_dir(char *directory, size_t size) {
  ssize_t length = readlink("/proc/self/exe", directory, size - 1);
  if (length <= 0)
    return false;
  directory[length] = '\0';
  char *slash = strrchr(directory, '/');
  if (!slash)
    return false;
  *slash = '\0';
  return true;
}

const char *escc_library_dir(void) {
  static char directory[PATH_MAX];
  if (directory[0])
    return directory;
  char executable[PATH_MAX];
  if (escc_executable_dir(executable, sizeof executable)) {
    char *candidate = escc_format("%s/../lib/libescrt.a", executable);
    bool found = access(candidate, R_OK) == 0 && strlen(candidate) < sizeof directory;
    free(candidate);
    if (found) {
      char *lib = escc_format("%s/../lib", executable);
      memcpy(directory, lib, strlen(lib) + 1);
      free(lib);
      return directory;
    }
  }
  snprintf(directory, sizeof directory, "%s", ESCC_LIB_DIR);
  return directory;
}

bool escc_check_input_file(const char *path) {
  struct stat info;
  if (stat(path, &info) != 0) {
    escc_error(path, "%s", errno == ENOENT ? "no such file" : strerror(errno));
    return false;
  }
  if (S_ISDIR(info.st_mode)) {
    escc_error(path, "is a directory, not a source file");
    return false;
  }
  if (!S_ISREG(info.st_mode)) {
    escc_error(path, "not a regular file");
    return false;
  }
  if (access(path, R_OK) != 0) {
    escc_error(path, "cannot read: %s", strerror(errno));
    return false;
  }
  return true;
}

char *escc_read_stream(FILE *stream, size_t *size) {
  size_t capacity = 4096;
  char *bytes = escc_xmalloc(capacity);
  size_t got;
  *size = 0;
  while ((got = fread(bytes + *size, 1, capacity - *size - 1, stream)) > 0) {
    *size += got;
    if (capacity - *size < 2)
      bytes = escc_xrealloc(bytes, capacity *= 2);
  }
  bytes[*size] = '\0';
  return bytes;
}

const char *escc_file_extension(const char *path) {
  const char *base = escc_base_name(path);
  const char *dot = strrchr(base, '.');
  return dot && dot != base ? dot + 1 : "";
}

const char *escc_base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

char *escc_read_file(const char *path, size_t *size) {
  FILE *file = fopen(path, "rb");
  if (!file)
    return NULL;
  char *contents = escc_read_stream(file, size);
  bool failed = ferror(file);
  fclose(file);
  if (failed) {
    free(contents);
    return NULL;
  }
  return contents;
}

char *escc_read_text_file(const char *path) {
  size_t size;
  return escc_read_file(path, &size);
}

bool escc_find_program(const char *name) {
  const char *path = getenv("PATH");
  if (!path)
    return false;
  while (*path) {
    size_t length = strcspn(path, ":");
    char *candidate = escc_format("%.*s/%s", (int)length, length ? path : ".", name);
    bool found = access(candidate, X_OK) == 0;
    free(candidate);
    if (found)
      return true;
    path += length + (path[length] == ':');
  }
  return false;
}
