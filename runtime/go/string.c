/* string.c — Go strings: concatenation and []byte/string conversions into the caller's
 * 32-byte buffer when the result fits (gc's tmpBuf; the buffer is an allocation site escc may
 * move to the heap) or into esc_alloc'd memory otherwise; comparison; UTF-8 encoding and the
 * decoding step of `for i, r := range s`.
 *
 * Invariant: a result longer than the buffer never touches the buffer. */
#include "escgo.h"

#include "escrt.h"

#include <string.h>

enum { BUFFER_SIZE = 32 };

static char *destination(char *buffer, int64_t length) {
  return length <= BUFFER_SIZE ? buffer : esc_alloc((size_t)length, 1);
}

/* memcpy that accepts the nil pointer of an empty string (size 0). */
static void copy_bytes(char *destination, const char *source, int64_t size) {
  if (size > 0)
    memcpy(destination, source, (size_t)size);
}

char *escgo_string_concat(char *buffer, const char *x, int64_t x_length, const char *y,
                          int64_t y_length) {
  char *result = destination(buffer, x_length + y_length);
  copy_bytes(result, x, x_length);
  copy_bytes(result + x_length, y, y_length);
  return result;
}

int64_t escgo_string_compare(const char *x, int64_t x_length, const char *y, int64_t y_length) {
  int64_t shorter = x_length < y_length ? x_length : y_length;
  int order = shorter > 0 ? memcmp(x, y, (size_t)shorter) : 0;
  if (order)
    return order < 0 ? -1 : 1;
  return x_length < y_length ? -1 : x_length > y_length;
}

char *escgo_string_from_bytes(char *buffer, const char *bytes, int64_t length) {
  char *result = destination(buffer, length);
  copy_bytes(result, bytes, length);
  return result;
}

char *escgo_bytes_from_string(char *buffer, const char *data, int64_t length) {
  return escgo_string_from_bytes(buffer, data, length);
}

int64_t escgo_encode_rune(char *buffer, int64_t rune) {
  unsigned char *out = (unsigned char *)buffer;
  if (rune < 0 || rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF))
    rune = 0xFFFD;
  if (rune < 0x80) {
    out[0] = (unsigned char)rune;
    return 1;
  }
  if (rune < 0x800) {
    out[0] = (unsigned char)(0xC0 | rune >> 6);
    out[1] = (unsigned char)(0x80 | (rune & 0x3F));
    return 2;
  }
  if (rune < 0x10000) {
    out[0] = (unsigned char)(0xE0 | rune >> 12);
    out[1] = (unsigned char)(0x80 | (rune >> 6 & 0x3F));
    out[2] = (unsigned char)(0x80 | (rune & 0x3F));
    return 3;
  }
  out[0] = (unsigned char)(0xF0 | rune >> 18);
  out[1] = (unsigned char)(0x80 | (rune >> 12 & 0x3F));
  out[2] = (unsigned char)(0x80 | (rune >> 6 & 0x3F));
  out[3] = (unsigned char)(0x80 | (rune & 0x3F));
  return 4;
}

/* One step of a range over a string: the rune at offset (U+FFFD, width 1, for bad UTF-8) and
 * the offset after it, or -1 at the end. */
int64_t escgo_string_next(const char *data, int64_t length, int64_t offset, int32_t *rune) {
  if (offset >= length)
    return -1;
  const unsigned char *s = (const unsigned char *)data + offset;
  int64_t left = length - offset;
  unsigned char c = s[0];
  int width = c < 0x80 ? 1 : c >> 5 == 6 ? 2 : c >> 4 == 14 ? 3 : c >> 3 == 30 ? 4 : 0;
  if (width == 1) {
    *rune = c;
    return offset + 1;
  }
  if (width == 0 || width > left) {
    *rune = 0xFFFD;
    return offset + 1;
  }
  int32_t value = c & (0x7F >> width);
  for (int i = 1; i < width; i++) {
    if ((s[i] & 0xC0) != 0x80) {
      *rune = 0xFFFD;
      return offset + 1;
    }
    value = value << 6 | (s[i] & 0x3F);
  }
  static const int32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < smallest[width] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    *rune = 0xFFFD;
    return offset + 1;
  }
  *rune = value;
  return offset + width;
}

/* ===== []rune conversions ===================================================================== */

int64_t escgo_rune_count(const char *data, int64_t length) {
  int64_t count = 0;
  int32_t rune;
  for (int64_t offset = 0; (offset = escgo_string_next(data, length, offset, &rune)) >= 0;)
    count++;
  return count;
}

/* The runes of a string into the caller's 32-rune buffer when they fit, else the heap. */
int32_t *escgo_runes_from_string(int32_t *buffer, const char *data, int64_t length, int64_t count) {
  int32_t *runes = count <= BUFFER_SIZE ? buffer : esc_alloc((size_t)count * sizeof(int32_t), 4);
  int64_t i = 0;
  for (int64_t offset = 0; (offset = escgo_string_next(data, length, offset, &runes[i])) >= 0;)
    i++;
  return runes;
}

int64_t escgo_runes_byte_length(const int32_t *runes, int64_t count) {
  char scratch[4];
  int64_t length = 0;
  for (int64_t i = 0; i < count; i++)
    length += escgo_encode_rune(scratch, runes[i]);
  return length;
}

char *escgo_string_from_runes(char *buffer, const int32_t *runes, int64_t count, int64_t length) {
  char *result = destination(buffer, length);
  for (int64_t i = 0, at = 0; i < count; i++)
    at += escgo_encode_rune(result + at, runes[i]);
  return result;
}
