/*
 * debuginfo.c — source names and places for one function's values: the debug declares that
 * name allocas and parameters, the "%N" slot numbers LLVM's IR printer assigns to unnamed
 * values, and the !dbg locations of instructions.
 *
 * Invariant: an esc_names describes its function as it was when esc_names_for_function ran;
 * every string it hands out is owned by it (or is an MDString of the module's context) and
 * lives until esc_names_free.
 */
#include "debuginfo.h"

#include "llvm_compat.h"
#include "memory.h"
#include "pointer_map.h"

#include <ctype.h>
#include <llvm-c/DebugInfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One debug declare: the source variable an address holds and where it is declared. */
typedef struct {
  LLVMValueRef address;     /* what the declare describes (an alloca, an argument, ...) */
  LLVMMetadataRef variable; /* DILocalVariable */
  LLVMMetadataRef location; /* DILocation of the declare; may be NULL */
} esc_declare;

struct esc_names {
  LLVMValueRef function;
  LLVMContextRef context;
  esc_declare *declares;
  size_t declare_count, declare_capacity;
  esc_pointer_map *declare_by_address;   /* address value -> index into declares */
  esc_pointer_map *declare_by_parameter; /* argument -> index into declares */
  esc_pointer_map *slot_by_value;        /* unnamed argument/block/instruction -> N of "%N" */
  esc_pointer_map *slot_by_global;       /* unnamed global -> N of "@N"; built on first use */
  esc_pointer_map *text_by_value;        /* value -> its esc_names_value text (owned) */
  char **owned_strings;
  size_t owned_count, owned_capacity;
};

/* ===== Memory ================================================================================= */

/* Keeps string (heap-allocated) until esc_names_free and returns it. */
static char *own_string(esc_names *names, char *string) {
  if (names->owned_count == names->owned_capacity) {
    names->owned_capacity = names->owned_capacity ? names->owned_capacity * 2 : 16;
    names->owned_strings =
        esc_xrealloc(names->owned_strings, names->owned_capacity * sizeof(char *));
  }
  names->owned_strings[names->owned_count++] = string;
  return string;
}

static char *copy_string(esc_names *names, const char *text, size_t length) {
  char *copy = esc_xmalloc(length + 1);
  memcpy(copy, text, length);
  copy[length] = '\0';
  return own_string(names, copy);
}

/* ===== Debug metadata ========================================================================= */

/* The file name of a DIFile as written in it (no directory), or NULL. MDString bytes are
 * NUL-terminated and live as long as the context. */
static const char *file_name(LLVMMetadataRef file) {
  if (!file)
    return NULL;
  unsigned length;
  return LLVMDIFileGetFilename(file, &length);
}

/* The place's file and directory from a DIFile (either may stay NULL). */
static void set_file(esc_source_place *place, LLVMMetadataRef file) {
  place->file = file_name(file);
  unsigned length;
  place->directory = file ? LLVMDIFileGetDirectory(file, &length) : NULL;
  if (place->directory && !place->directory[0])
    place->directory = NULL;
}

/* DILocalVariable operand 1 is its name; the C API has no getter, so read the node's operands. */
enum { ESC_DI_LOCAL_VARIABLE_NAME_OPERAND = 1 };

static const char *variable_name(LLVMContextRef context, LLVMMetadataRef variable) {
  LLVMValueRef node = LLVMMetadataAsValue(context, variable);
  unsigned operand_count = LLVMGetMDNodeNumOperands(node);
  if (operand_count <= ESC_DI_LOCAL_VARIABLE_NAME_OPERAND)
    return NULL;
  LLVMValueRef *operands = esc_xmalloc(operand_count * sizeof *operands);
  LLVMGetMDNodeOperands(node, operands);
  LLVMValueRef name = operands[ESC_DI_LOCAL_VARIABLE_NAME_OPERAND];
  free(operands);
  if (!name || !LLVMIsAMDString(name))
    return NULL;
  unsigned length;
  const char *text = LLVMGetMDString(name, &length);
  return text && length > 0 ? text : NULL;
}

/* A field of a DILocalVariable that the C API has no getter for (its flags, its argument
 * number), read from the node's printed form after the quoted name (quotes inside a name are
 * printed as \22): `name: "new(int)", arg: 2, ..., flags: DIFlagArtificial`. Writes the field's
 * text (up to the next ',' or ')') into value; false when the variable has no such field. */
static bool variable_field(LLVMContextRef context, LLVMMetadataRef variable, const char *key,
                           char *value, size_t size) {
  char *text = LLVMPrintValueToString(LLVMMetadataAsValue(context, variable));
  const char *after_name = strstr(text, "name: \"");
  if (after_name)
    after_name = strchr(after_name + strlen("name: \""), '"');
  const char *field = strstr(after_name ? after_name : text, key);
  if (field) {
    field += strlen(key);
    size_t length = strcspn(field, ",)");
    if (length >= size)
      length = size - 1;
    memcpy(value, field, length);
    value[length] = '\0';
  }
  LLVMDisposeMessage(text);
  return field != NULL;
}

static bool variable_is_artificial(LLVMContextRef context, LLVMMetadataRef variable) {
  char flags[256];
  return variable_field(context, variable, ", flags: ", flags, sizeof flags) &&
         strstr(flags, "DIFlagArtificial");
}

/* The 1-based parameter number of a DILocalVariable (`arg: N`), 0 for a local. */
static unsigned variable_argument(LLVMContextRef context, LLVMMetadataRef variable) {
  char number[16];
  if (!variable_field(context, variable, ", arg: ", number, sizeof number))
    return 0;
  return (unsigned)strtoul(number, NULL, 10);
}

static esc_source_place declare_place(const esc_declare *declare) {
  esc_source_place place = {0};
  set_file(&place, LLVMDIVariableGetFile(declare->variable));
  place.line = LLVMDIVariableGetLine(declare->variable);
  if (declare->location) {
    place.column = LLVMDILocationGetColumn(declare->location);
    if (!place.file)
      set_file(&place, LLVMDIScopeGetFile(LLVMDILocationGetScope(declare->location)));
  }
  return place;
}

esc_source_place esc_instruction_place(LLVMValueRef instruction) {
  esc_source_place place = {0};
  LLVMMetadataRef location = LLVMInstructionGetDebugLoc(instruction);
  if (!location)
    return place;
  set_file(&place, LLVMDIScopeGetFile(LLVMDILocationGetScope(location)));
  place.line = LLVMDILocationGetLine(location);
  place.column = LLVMDILocationGetColumn(location);
  return place;
}

const char *esc_function_file(LLVMValueRef function) {
  LLVMMetadataRef subprogram = LLVMGetSubprogram(function);
  return subprogram ? file_name(LLVMDIScopeGetFile(subprogram)) : NULL;
}

/* ===== Indexing a function ==================================================================== */

static void record_declare(LLVMValueRef address, LLVMMetadataRef variable, LLVMMetadataRef location,
                           void *context) {
  esc_names *names = context;
  if (esc_pointer_map_get(names->declare_by_address, address, NULL))
    return; /* the first declare of an address names it */
  if (names->declare_count == names->declare_capacity) {
    names->declare_capacity = names->declare_capacity ? names->declare_capacity * 2 : 16;
    names->declares =
        esc_xrealloc(names->declares, names->declare_capacity * sizeof *names->declares);
  }
  names->declares[names->declare_count] = (esc_declare){address, variable, location};
  esc_pointer_map_put(names->declare_by_address, address, (intptr_t)names->declare_count);
  ++names->declare_count;
}

static bool has_name(LLVMValueRef value) {
  size_t length;
  LLVMGetValueName2(value, &length);
  return length > 0;
}

static bool is_sret_parameter(LLVMValueRef function, unsigned index) {
  static const char sret[] = "sret";
  unsigned kind = LLVMGetEnumAttributeKindForName(sret, sizeof sret - 1);
  return LLVMGetEnumAttributeAtIndex(function, index + 1, kind) != NULL;
}

/* A parameter not found by its spill in the entry block: stored anywhere into a local whose
 * declare says `arg: N` (the Go front end may spill it into a slot in a later block). The
 * store, not N, tells which parameter: a closure's context parameter shifts the numbers. */
static void index_parameters_by_number(esc_names *names) {
  unsigned count = LLVMCountParams(names->function);
  bool missing = false;
  for (unsigned index = 0; index < count; ++index)
    missing |= !is_sret_parameter(names->function, index) &&
               !esc_pointer_map_get(names->declare_by_parameter,
                                    LLVMGetParam(names->function, index), NULL);
  if (!missing)
    return;
  for (size_t d = 0; d < names->declare_count; ++d) {
    for (LLVMUseRef use = LLVMGetFirstUse(names->declares[d].address); use;
         use = LLVMGetNextUse(use)) {
      LLVMValueRef user = LLVMGetUser(use);
      LLVMValueRef stored = LLVMIsAStoreInst(user) ? LLVMGetOperand(user, 0) : NULL;
      /* `arg: N` last: reading it prints the node, a walk over the whole module's metadata. */
      if (stored && LLVMIsAArgument(stored) &&
          LLVMGetOperand(user, 1) == names->declares[d].address &&
          !esc_pointer_map_get(names->declare_by_parameter, stored, NULL) &&
          variable_argument(names->context, names->declares[d].variable) != 0)
        esc_pointer_map_put(names->declare_by_parameter, stored, (intptr_t)d);
    }
  }
}

/*
 * A parameter's variable: the declare on the argument itself (byval aggregates), else the
 * declare on the slot the entry block spills it to (`store %p, ptr %p.addr`, clang's -O0
 * shape), else the declare that names it by number. An sret pointer's declare names the
 * returned local (NRVO), not a parameter.
 */
static void index_parameters(esc_names *names) {
  unsigned count = LLVMCountParams(names->function);
  for (unsigned index = 0; index < count; ++index) {
    LLVMValueRef argument = LLVMGetParam(names->function, index);
    intptr_t declare;
    if (!is_sret_parameter(names->function, index) &&
        esc_pointer_map_get(names->declare_by_address, argument, &declare))
      esc_pointer_map_put(names->declare_by_parameter, argument, declare);
  }
  LLVMBasicBlockRef entry = LLVMGetEntryBasicBlock(names->function);
  for (LLVMValueRef instruction = LLVMGetFirstInstruction(entry); instruction;
       instruction = LLVMGetNextInstruction(instruction)) {
    if (!LLVMIsAStoreInst(instruction))
      continue;
    LLVMValueRef stored = LLVMGetOperand(instruction, 0);
    LLVMValueRef slot = LLVMGetOperand(instruction, 1);
    intptr_t declare;
    if (LLVMIsAArgument(stored) && LLVMIsAAllocaInst(slot) &&
        !esc_pointer_map_get(names->declare_by_parameter, stored, NULL) &&
        esc_pointer_map_get(names->declare_by_address, slot, &declare))
      esc_pointer_map_put(names->declare_by_parameter, stored, declare);
  }
  index_parameters_by_number(names);
}

/* The numbering of LLVM's SlotTracker: unnamed arguments, then per block the block (if
 * unnamed) followed by its unnamed non-void instructions. */
static void index_slots(esc_names *names) {
  intptr_t next_slot = 0;
  for (LLVMValueRef argument = LLVMGetFirstParam(names->function); argument;
       argument = LLVMGetNextParam(argument)) {
    if (!has_name(argument))
      esc_pointer_map_put(names->slot_by_value, argument, next_slot++);
  }
  for (LLVMBasicBlockRef block = LLVMGetFirstBasicBlock(names->function); block;
       block = LLVMGetNextBasicBlock(block)) {
    LLVMValueRef block_value = LLVMBasicBlockAsValue(block);
    if (!has_name(block_value))
      esc_pointer_map_put(names->slot_by_value, block_value, next_slot++);
    for (LLVMValueRef instruction = LLVMGetFirstInstruction(block); instruction;
         instruction = LLVMGetNextInstruction(instruction)) {
      if (LLVMGetTypeKind(LLVMTypeOf(instruction)) != LLVMVoidTypeKind && !has_name(instruction))
        esc_pointer_map_put(names->slot_by_value, instruction, next_slot++);
    }
  }
}

/* The module-level numbering of the IR printer: unnamed global variables, then aliases, then
 * ifuncs, then functions. Only modules with unnamed globals ever need it. */
static void index_global_slots(esc_names *names) {
  LLVMModuleRef module = LLVMGetGlobalParent(names->function);
  names->slot_by_global = esc_pointer_map_new();
  intptr_t next_slot = 0;
  for (LLVMValueRef global = LLVMGetFirstGlobal(module); global; global = LLVMGetNextGlobal(global))
    if (!has_name(global))
      esc_pointer_map_put(names->slot_by_global, global, next_slot++);
  for (LLVMValueRef alias = LLVMGetFirstGlobalAlias(module); alias;
       alias = LLVMGetNextGlobalAlias(alias))
    if (!has_name(alias))
      esc_pointer_map_put(names->slot_by_global, alias, next_slot++);
  for (LLVMValueRef ifunc = LLVMGetFirstGlobalIFunc(module); ifunc;
       ifunc = LLVMGetNextGlobalIFunc(ifunc))
    if (!has_name(ifunc))
      esc_pointer_map_put(names->slot_by_global, ifunc, next_slot++);
  for (LLVMValueRef function = LLVMGetFirstFunction(module); function;
       function = LLVMGetNextFunction(function))
    if (!has_name(function))
      esc_pointer_map_put(names->slot_by_global, function, next_slot++);
}

esc_names *esc_names_for_function(LLVMValueRef function) {
  esc_names *names = esc_xmalloc(sizeof *names);
  *names = (esc_names){.function = function,
                       .context = LLVMGetModuleContext(LLVMGetGlobalParent(function)),
                       .declare_by_address = esc_pointer_map_new(),
                       .declare_by_parameter = esc_pointer_map_new(),
                       .slot_by_value = esc_pointer_map_new(),
                       .text_by_value = esc_pointer_map_new()};
  esc_for_each_declare(function, record_declare, names);
  index_parameters(names);
  index_slots(names);
  return names;
}

void esc_names_free(esc_names *names) {
  if (!names)
    return;
  for (size_t index = 0; index < names->owned_count; ++index)
    free(names->owned_strings[index]);
  free(names->owned_strings);
  free(names->declares);
  esc_pointer_map_free(names->declare_by_address);
  esc_pointer_map_free(names->declare_by_parameter);
  esc_pointer_map_free(names->slot_by_value);
  esc_pointer_map_free(names->slot_by_global);
  esc_pointer_map_free(names->text_by_value);
  free(names);
}

/* ===== Names ================================================================================== */

/* Whether the IR printer writes the name bare (letters, digits, "-$._", not starting with a
 * digit) rather than in quotes. */
static bool is_bare_identifier(const char *name, size_t length) {
  if (length == 0 || isdigit((unsigned char)name[0]))
    return false;
  for (size_t index = 0; index < length; ++index) {
    unsigned char character = (unsigned char)name[index];
    if (!isalnum(character) && !strchr("-$._", character))
      return false;
  }
  return true;
}

/* sigil + name, quoted and escaped like the IR printer when the name is not a bare identifier. */
static char *format_name(esc_names *names, char sigil, const char *name, size_t length) {
  bool quoted = !is_bare_identifier(name, length);
  char *text = esc_xmalloc(4 * length + 4); /* "\XX" per byte, sigil, quotes */
  size_t used = 0;
  text[used++] = sigil;
  if (quoted)
    text[used++] = '"';
  for (size_t index = 0; index < length; ++index) {
    unsigned char character = (unsigned char)name[index];
    if (quoted && (character == '"' || character == '\\' || !isprint(character)))
      used += (size_t)snprintf(text + used, 4, "\\%02X", character);
    else
      text[used++] = (char)character;
  }
  if (quoted)
    text[used++] = '"';
  text[used] = '\0';
  return own_string(names, text);
}

static char *format_slot(esc_names *names, char sigil, intptr_t slot) {
  char text[32];
  int length = snprintf(text, sizeof text, "%c%ld", sigil, (long)slot);
  return copy_string(names, text, (size_t)length);
}

/* A constant as the IR printer writes it as an operand, without its type ("null", "42"). */
static char *format_constant(esc_names *names, LLVMValueRef constant) {
  char *printed = LLVMPrintValueToString(constant);
  char *type = LLVMPrintTypeToString(LLVMTypeOf(constant));
  const char *text = printed;
  size_t type_length = strlen(type);
  if (strncmp(printed, type, type_length) == 0 && printed[type_length] == ' ')
    text += type_length + 1;
  char *copy = copy_string(names, text, strlen(text));
  LLVMDisposeMessage(type);
  LLVMDisposeMessage(printed);
  return copy;
}

static char *format_value(esc_names *names, LLVMValueRef value) {
  size_t length;
  const char *name = LLVMGetValueName2(value, &length);
  bool is_global = LLVMIsAGlobalValue(value) != NULL;
  if (length > 0)
    return format_name(names, is_global ? '@' : '%', name, length);
  intptr_t slot;
  if (is_global) {
    if (!names->slot_by_global)
      index_global_slots(names);
    esc_pointer_map_get(names->slot_by_global, value, &slot);
    return format_slot(names, '@', slot);
  }
  if (esc_pointer_map_get(names->slot_by_value, value, &slot))
    return format_slot(names, '%', slot);
  if (LLVMIsAInlineAsm(value))
    return copy_string(names, "asm", strlen("asm"));
  if (LLVMIsAConstant(value))
    return format_constant(names, value);
  /* A local of another function, or metadata: no slot in this function's numbering. */
  return copy_string(names, "%?", strlen("%?"));
}

const char *esc_names_value(esc_names *names, LLVMValueRef value) {
  intptr_t cached;
  if (esc_pointer_map_get(names->text_by_value, value, &cached))
    return (const char *)cached;
  char *text = format_value(names, value);
  esc_pointer_map_put(names->text_by_value, value, (intptr_t)text);
  return text;
}

/* An alloca the source does not name (the result of alloca(), a temporary): its place is where
 * it is made — its own location (alloca() calls have one), else its first user's. */
static esc_source_place unnamed_alloca_place(LLVMValueRef alloca) {
  esc_source_place place = esc_instruction_place(alloca);
  for (LLVMUseRef use = LLVMGetFirstUse(alloca); use && !place.file; use = LLVMGetNextUse(use))
    if (LLVMIsAInstruction(LLVMGetUser(use)))
      place = esc_instruction_place(LLVMGetUser(use));
  return place;
}

/* The source name of the declare, else the value's IR name; place filled from the declare. */
static const char *declared_name(esc_names *names, esc_pointer_map *declares, LLVMValueRef value,
                                 esc_source_place *place) {
  *place = (esc_source_place){0};
  intptr_t index;
  if (esc_pointer_map_get(declares, value, &index)) {
    const esc_declare *declare = &names->declares[index];
    *place = declare_place(declare);
    const char *name = variable_name(names->context, declare->variable);
    if (name)
      return name;
  }
  if (!place->file && LLVMIsAAllocaInst(value)) {
    *place = unnamed_alloca_place(value);
    /* A dynamic alloca without a variable is the result of alloca() (a VLA has one). */
    if (place->file && !LLVMIsAConstant(LLVMGetOperand(value, 0)))
      return "alloca()";
  }
  return esc_names_value(names, value);
}

const char *esc_names_variable(esc_names *names, LLVMValueRef alloca, esc_source_place *place) {
  return declared_name(names, names->declare_by_address, alloca, place);
}

const char *esc_names_parameter(esc_names *names, LLVMValueRef argument, esc_source_place *place) {
  return declared_name(names, names->declare_by_parameter, argument, place);
}

bool esc_names_variable_is_declared(esc_names *names, LLVMValueRef alloca) {
  return esc_pointer_map_get(names->declare_by_address, alloca, NULL);
}

bool esc_names_variable_is_site(esc_names *names, LLVMValueRef alloca) {
  intptr_t index;
  return esc_pointer_map_get(names->declare_by_address, alloca, &index) &&
         variable_is_artificial(names->context, names->declares[index].variable);
}

bool esc_names_variable_is_parameter(esc_names *names, LLVMValueRef alloca) {
  intptr_t index;
  return esc_pointer_map_get(names->declare_by_address, alloca, &index) &&
         variable_argument(names->context, names->declares[index].variable) > 0;
}

bool esc_names_parameter_is_declared(esc_names *names, LLVMValueRef argument) {
  return esc_pointer_map_get(names->declare_by_parameter, argument, NULL);
}
