/*
 * embedded_bitcode.c — the bitcode `escc cc -c` carries inside its native object (a FAT object,
 * like gcc's -ffat-lto-objects), so that the link can promote the whole program again.
 *
 * The object's section `.llvm.escc` holds one or more records, each a 24-byte header (the magic
 * "escc-bc1", the bitcode's size as a little-endian 64-bit number, the compile's optimisation
 * level and whether it kept debug info, 32 bits each) followed by the module's bitcode as it was
 * loaded, before any analysis, promotion or optimisation. The section has the SHF_EXCLUDE flag:
 * a final link (by escc, plain cc or ld) drops it, so executables and shared libraries carry
 * nothing of it; `ld -r` keeps it and concatenates the records of its inputs, which is why a
 * record says its own size.
 *
 * Invariant: an object either yields every one of its records, parsed, or nothing at all (an
 * object whose bitcode is partly unreadable must stay a native object on the link line as a
 * whole, never half native and half recompiled).
 */
#include "escc.h"

#include <llvm-c/BitReader.h>
#include <llvm-c/BitWriter.h>
#include <llvm-c/Object.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SECTION_NAME ".llvm.escc"
#define RECORD_MAGIC "escc-bc1"
enum { MAGIC_SIZE = 8, HEADER_SIZE = 24 };

/* ===== Writing (escc cc -c) ================================================================== */

/* Only ELF has SHF_EXCLUDE (the "e" flag); other object formats get no bitcode. */
static bool target_is_elf(LLVMModuleRef module) {
  const char *triple = LLVMGetTarget(module);
  static const char *const not_elf[] = {"apple", "darwin", "windows", "wasm", "aix", "uefi"};
  for (size_t i = 0; i < sizeof not_elf / sizeof *not_elf; i++)
    if (triple && strstr(triple, not_elf[i]))
      return false;
  return true;
}

/* The path as an assembler string: backslashes and quotes escaped. */
static char *assembler_string(const char *text) {
  char *quoted = escc_xmalloc(2 * strlen(text) + 1);
  char *out = quoted;
  for (const char *c = text; *c; c++) {
    if (*c == '\\' || *c == '"')
      *out++ = '\\';
    *out++ = *c;
  }
  *out = '\0';
  return quoted;
}

int escc_embed_bitcode(LLVMModuleRef module, int optimization, bool debug_info,
                       const char *subject) {
  if (!target_is_elf(module))
    return ESCC_EXIT_OK;
  char *path = escc_temp_path(escc_base_name(subject), "bc");
  if (!path)
    return ESCC_EXIT_FAILED;
  struct stat written;
  if (LLVMWriteBitcodeToFile(module, path) || stat(path, &written) != 0) {
    escc_error(subject, "cannot write the bitcode to embed in the object (%s)", path);
    free(path);
    return ESCC_EXIT_FAILED;
  }
  /* The assembler reads the file when the object is emitted, in this process; module-level
   * assembly is the one way the C API has to give a section the exclude flag. */
  char *quoted = assembler_string(path);
  char *assembly = escc_format(".pushsection %s,\"e\",@progbits\n"
                               ".ascii \"%s\"\n"
                               ".quad %lld\n"
                               ".long %d\n"
                               ".long %d\n"
                               ".incbin \"%s\"\n"
                               ".popsection\n",
                               SECTION_NAME, RECORD_MAGIC, (long long)written.st_size, optimization,
                               debug_info ? 1 : 0, quoted);
  LLVMAppendModuleInlineAsm(module, assembly, strlen(assembly));
  free(assembly);
  free(quoted);
  free(path);
  return ESCC_EXIT_OK;
}

/* ===== Reading (the link) ==================================================================== */

static uint64_t read_little_endian(const unsigned char *bytes, int size) {
  uint64_t value = 0;
  for (int i = size - 1; i >= 0; i--)
    value = value << 8 | bytes[i];
  return value;
}

/* Parses every record of one .llvm.escc section into context; false when any is malformed. */
static bool read_records(LLVMContextRef context, const char *data, size_t size,
                         escc_embedded_bitcode *out) {
  size_t offset = 0;
  while (offset < size) {
    const unsigned char *header = (const unsigned char *)data + offset;
    if (size - offset < HEADER_SIZE || memcmp(header, RECORD_MAGIC, MAGIC_SIZE))
      return false;
    uint64_t length = read_little_endian(header + 8, 8);
    if (length > size - offset - HEADER_SIZE)
      return false;
    LLVMMemoryBufferRef buffer = LLVMCreateMemoryBufferWithMemoryRange(
        data + offset + HEADER_SIZE, length, "embedded bitcode", false);
    LLVMModuleRef module = NULL;
    bool failed = LLVMParseBitcodeInContext2(context, buffer, &module);
    LLVMDisposeMemoryBuffer(buffer);
    if (failed)
      return false;
    out->modules = escc_xrealloc(out->modules, (out->count + 1) * sizeof *out->modules);
    out->modules[out->count++] = module;
    int optimization = (int)read_little_endian(header + 16, 4);
    if (optimization > out->optimization)
      out->optimization = optimization;
    out->debug_info |= read_little_endian(header + 20, 4) != 0;
    offset += HEADER_SIZE + length;
  }
  return true;
}

void escc_embedded_bitcode_free(escc_embedded_bitcode *bitcode) {
  for (size_t i = 0; i < bitcode->count; i++)
    if (bitcode->modules[i]) /* NULL once handed over */
      LLVMDisposeModule(bitcode->modules[i]);
  free(bitcode->modules);
  *bitcode = (escc_embedded_bitcode){0};
}

bool escc_read_embedded_bitcode(LLVMContextRef context, const char *data, size_t size,
                                escc_embedded_bitcode *out) {
  *out = (escc_embedded_bitcode){0};
  LLVMMemoryBufferRef buffer = LLVMCreateMemoryBufferWithMemoryRange(data, size, "object", false);
  char *message = NULL;
  LLVMBinaryRef binary = LLVMCreateBinary(buffer, context, &message);
  LLVMDisposeMessage(message);
  bool ok = binary != NULL;
  if (binary) {
    LLVMBinaryType type = LLVMBinaryGetType(binary);
    ok = type >= LLVMBinaryTypeELF32L && type <= LLVMBinaryTypeELF64B;
  }
  if (ok) {
    LLVMSectionIteratorRef section = LLVMObjectFileCopySectionIterator(binary);
    for (; ok && !LLVMObjectFileIsSectionIteratorAtEnd(binary, section);
         LLVMMoveToNextSection(section)) {
      const char *name = LLVMGetSectionName(section);
      if (name && !strcmp(name, SECTION_NAME))
        ok = read_records(context, LLVMGetSectionContents(section), LLVMGetSectionSize(section),
                          out);
    }
    LLVMDisposeSectionIterator(section);
  }
  if (binary)
    LLVMDisposeBinary(binary);
  LLVMDisposeMemoryBuffer(buffer);
  if (!ok || out->count == 0) {
    escc_embedded_bitcode_free(out);
    return false;
  }
  return true;
}
