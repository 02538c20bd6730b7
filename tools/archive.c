/*
 * archive.c — the members of a static library (`ar rcs` / `ranlib` output), read without an LTO
 * plugin: the System V / GNU `ar` format ("!<arch>\n", a 60-byte header per member, long names in
 * the "//" member, the symbol index in "/" or "/SYM64/") and BSD's "#1/LENGTH" names.
 *
 * Invariant: members come in the archive's order with their contents inside the loaded file;
 * anything that is not a well-formed regular archive (a thin archive, a truncated file) reads as
 * no archive at all, so its members simply stay native on the link line.
 */
#include "escc.h"

#include <stdlib.h>
#include <string.h>

enum { HEADER_SIZE = 60, NAME_SIZE = 16, SIZE_OFFSET = 48, SIZE_DIGITS = 10 };
static const char archive_magic[] = "!<arch>\n";

void escc_archive_free(escc_archive *archive) {
  for (size_t i = 0; i < archive->count; i++)
    free(archive->members[i].name);
  free(archive->members);
  free(archive->data);
  *archive = (escc_archive){0};
}

/* The header's decimal SIZE field; false when it holds anything else. */
static bool member_size(const char *header, size_t *size) {
  *size = 0;
  bool digits = false;
  for (int i = 0; i < SIZE_DIGITS; i++) {
    char c = header[SIZE_OFFSET + i];
    if (c == ' ')
      break;
    if (c < '0' || c > '9')
      return false;
    *size = *size * 10 + (size_t)(c - '0');
    digits = true;
  }
  return digits;
}

/* The member's name from its header (GNU "name/", "/OFFSET" into the long names, BSD
 * "#1/LENGTH" with the name at the start of the data, which then is not the member's). NULL for
 * the symbol index and the long-name table, which are not members. */
static char *member_name(const char *header, const char *long_names, size_t long_names_size,
                         const char **data, size_t *size) {
  char field[NAME_SIZE + 1];
  memcpy(field, header, NAME_SIZE);
  field[NAME_SIZE] = '\0';
  for (int i = NAME_SIZE - 1; i >= 0 && field[i] == ' '; i--)
    field[i] = '\0';
  if (!strcmp(field, "/") || !strcmp(field, "/SYM64/") || !strcmp(field, "//") ||
      !strncmp(field, "__.SYMDEF", 9))
    return NULL;
  if (!strncmp(field, "#1/", 3)) {
    size_t length = strtoul(field + 3, NULL, 10);
    if (length > *size)
      return NULL;
    char *name = escc_format("%.*s", (int)strnlen(*data, length), *data);
    *data += length;
    *size -= length;
    return name;
  }
  if (field[0] == '/' && field[1] >= '0' && field[1] <= '9') {
    size_t offset = strtoul(field + 1, NULL, 10);
    if (!long_names || offset >= long_names_size)
      return NULL;
    const char *start = long_names + offset;
    size_t length = strcspn(start, "\n");
    if (length > long_names_size - offset)
      length = long_names_size - offset;
    if (length && start[length - 1] == '/')
      length--;
    return escc_format("%.*s", (int)length, start);
  }
  size_t length = strlen(field);
  if (length && field[length - 1] == '/')
    field[length - 1] = '\0';
  return escc_xstrdup(field);
}

bool escc_archive_read(const char *path, escc_archive *archive) {
  *archive = (escc_archive){0};
  size_t size;
  char *data = escc_read_file(path, &size);
  if (!data)
    return false;
  if (size < sizeof archive_magic - 1 || memcmp(data, archive_magic, sizeof archive_magic - 1)) {
    free(data);
    return false;
  }
  archive->data = data;
  const char *long_names = NULL;
  size_t long_names_size = 0;
  for (size_t offset = sizeof archive_magic - 1; offset < size;) {
    const char *header = data + offset;
    size_t contents_size;
    if (size - offset < HEADER_SIZE || memcmp(header + 58, "`\n", 2) ||
        !member_size(header, &contents_size) || contents_size > size - offset - HEADER_SIZE) {
      escc_archive_free(archive);
      return false;
    }
    const char *contents = header + HEADER_SIZE;
    if (!memcmp(header, "//              ", NAME_SIZE)) {
      long_names = contents;
      long_names_size = contents_size;
    }
    const char *member_data = contents;
    size_t member_data_size = contents_size;
    char *name = member_name(header, long_names, long_names_size, &member_data, &member_data_size);
    if (name) {
      archive->members =
          escc_xrealloc(archive->members, (archive->count + 1) * sizeof *archive->members);
      archive->members[archive->count++] =
          (escc_archive_member){.name = name, .data = member_data, .size = member_data_size};
    }
    offset += HEADER_SIZE + contents_size + (contents_size & 1); /* members are 2-aligned */
  }
  return true;
}
