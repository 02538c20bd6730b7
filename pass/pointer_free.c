/*
 * pointer_free.c — which promoted variables hold no pointer, decided from their debug-info type
 * (the DILocalVariable of the alloca's declare), so that promote.c allocates them with
 * esc_alloc_atomic and the collector never scans them. Any front end that describes its
 * variables' types in debug info (clang for C, escc's Go front end for Go) gets the same answer.
 *
 * The type is walked through typedefs, qualifiers, arrays, structs, unions, members and
 * enumerations. A type holds no pointer when every leaf is
 *   - a floating-point or complex base type, or
 *   - an integer, character or boolean narrower than a pointer.
 * Anything else may hold an address: pointers, references, pointers to members, integers as wide
 * as a pointer (intptr_t, size_t, long: C code casts pointers into them), arrays of characters
 * (the idiomatic storage for other objects' bytes, memcpy'd in), incomplete or unknown types,
 * and a variable without debug info. On top of the type, no store the function makes into the
 * object may write a pointer or an integer made from one (type punning in code we can see).
 * Copying a pointer's bytes into a non-character, non-pointer-sized object with memcpy in code
 * the pass does not see is not caught: that object would hide its target from the collector.
 *
 * An object smaller than a pointer holds no address whatever its type: the collector reads
 * aligned whole words, and the bytes of the slot beyond the object stay zero.
 *
 * Invariant: true only under the rules above; false is always safe.
 */
#include "pointer_free.h"

#include "llvm_compat.h"
#include "memory.h"

#include <llvm-c/DebugInfo.h>
#include <stdlib.h>
#include <string.h>

/* DWARF tags (dwarf::Tag) the walk tells apart. */
enum {
  DW_TAG_array_type = 0x01,
  DW_TAG_enumeration_type = 0x04,
  DW_TAG_member = 0x0d,
  DW_TAG_structure_type = 0x13,
  DW_TAG_typedef = 0x16,
  DW_TAG_union_type = 0x17,
  DW_TAG_inheritance = 0x1c,
  DW_TAG_const_type = 0x26,
  DW_TAG_volatile_type = 0x35,
  DW_TAG_restrict_type = 0x37,
  DW_TAG_atomic_type = 0x47
};

/* Types nest deeper than this only in malformed metadata (a cycle): give up, safely. Likewise
 * when more addresses derive from one variable than the walk over its stores keeps. */
enum { MAX_TYPE_DEPTH = 64, MAX_DERIVED_ADDRESSES = 1024 };

/* How a DIBasicType encodes its values. The C API reads no encoding, so it is taken from the
 * node's printed form ("encoding: DW_ATE_float"). */
typedef enum { BASIC_INTEGER, BASIC_CHARACTER, BASIC_FLOATING, BASIC_UNKNOWN } basic_encoding;

static basic_encoding encoding_of(LLVMContextRef context, LLVMMetadataRef basic_type) {
  char *text = LLVMPrintValueToString(LLVMMetadataAsValue(context, basic_type));
  const char *encoding = text ? strstr(text, "encoding: DW_ATE_") : NULL;
  basic_encoding result = BASIC_UNKNOWN;
  if (encoding) {
    encoding += strlen("encoding: DW_ATE_");
    if (!strncmp(encoding, "float", 5) || !strncmp(encoding, "complex_float", 13) ||
        !strncmp(encoding, "decimal_float", 13))
      result = BASIC_FLOATING;
    else if (!strncmp(encoding, "signed_char", 11) || !strncmp(encoding, "unsigned_char", 13))
      result = BASIC_CHARACTER;
    else if (!strncmp(encoding, "signed", 6) || !strncmp(encoding, "unsigned", 8) ||
             !strncmp(encoding, "boolean", 7) || !strncmp(encoding, "UTF", 3))
      result = BASIC_INTEGER;
  }
  LLVMDisposeMessage(text);
  return result;
}

typedef struct {
  LLVMContextRef context;
  uint64_t pointer_bits;
} type_walk;

static bool type_holds_no_pointer(const type_walk *walk, LLVMMetadataRef type, bool in_array,
                                  unsigned depth);

static bool basic_holds_no_pointer(const type_walk *walk, LLVMMetadataRef type, bool in_array) {
  switch (encoding_of(walk->context, type)) {
  case BASIC_FLOATING:
    return true;
  case BASIC_CHARACTER:
    return !in_array;
  case BASIC_INTEGER:
    return LLVMDITypeGetSizeInBits(type) < walk->pointer_bits;
  case BASIC_UNKNOWN:
    break;
  }
  return false;
}

/* Every element of a struct or union (members, base classes) holds no pointer; functions among
 * C++ elements hold no storage. An incomplete type has no elements node and is rejected. */
static bool elements_hold_no_pointer(const type_walk *walk, LLVMMetadataRef composite,
                                     unsigned depth) {
  LLVMMetadataRef elements = esc_di_type_elements(walk->context, composite);
  if (!elements)
    return false;
  LLVMValueRef node = LLVMMetadataAsValue(walk->context, elements);
  unsigned count = LLVMGetMDNodeNumOperands(node);
  LLVMValueRef *operands = esc_xmalloc((count ? count : 1) * sizeof *operands);
  LLVMGetMDNodeOperands(node, operands);
  bool pointer_free = true;
  for (unsigned i = 0; i < count && pointer_free; i++) {
    if (!operands[i]) {
      pointer_free = false;
      continue;
    }
    LLVMMetadataRef element = LLVMValueAsMetadata(operands[i]);
    if (LLVMGetMetadataKind(element) == LLVMDISubprogramMetadataKind)
      continue;
    pointer_free = type_holds_no_pointer(walk, element, false, depth + 1);
  }
  free(operands);
  return pointer_free;
}

/* IN_ARRAY: TYPE is (part of) an array's element type. */
static bool type_holds_no_pointer(const type_walk *walk, LLVMMetadataRef type, bool in_array,
                                  unsigned depth) {
  if (!type || depth > MAX_TYPE_DEPTH)
    return false;
  switch (LLVMGetMetadataKind(type)) {
  case LLVMDIBasicTypeMetadataKind:
    return basic_holds_no_pointer(walk, type, in_array);
  case LLVMDIDerivedTypeMetadataKind:
    switch (LLVMGetDINodeTag(type)) {
    case DW_TAG_typedef:
    case DW_TAG_const_type:
    case DW_TAG_volatile_type:
    case DW_TAG_restrict_type:
    case DW_TAG_atomic_type:
    case DW_TAG_member:
    case DW_TAG_inheritance:
      return type_holds_no_pointer(walk, esc_di_type_base(walk->context, type), in_array,
                                   depth + 1);
    default: /* pointers, references, pointers to members, anything new */
      return false;
    }
  case LLVMDICompositeTypeMetadataKind:
    switch (LLVMGetDINodeTag(type)) {
    case DW_TAG_array_type:
      return type_holds_no_pointer(walk, esc_di_type_base(walk->context, type), true, depth + 1);
    case DW_TAG_enumeration_type:
      return LLVMDITypeGetSizeInBits(type) < walk->pointer_bits;
    case DW_TAG_structure_type:
    case DW_TAG_union_type:
      return elements_hold_no_pointer(walk, type, depth);
    default: /* classes, variants and anything else we do not know */
      return false;
    }
  default:
    return false;
  }
}

/* {======================================================
 * The variable's type
 * ======================================================= */

typedef struct {
  LLVMValueRef alloca;
  LLVMMetadataRef variable; /* the first declare's DILocalVariable */
  bool conflicting;         /* another declare names a different variable for the alloca */
} declare_search;

static void find_declare(LLVMValueRef address, LLVMMetadataRef variable, LLVMMetadataRef location,
                         void *context) {
  (void)location;
  declare_search *search = context;
  if (address != search->alloca)
    return;
  if (!search->variable)
    search->variable = variable;
  else if (search->variable != variable)
    search->conflicting = true;
}

/* The DI type of the one variable ALLOCA holds; NULL without debug info or when several
 * variables share the alloca (their types could differ). */
static LLVMMetadataRef variable_type(LLVMContextRef context, LLVMValueRef alloca) {
  declare_search search = {alloca, NULL, false};
  esc_for_each_declare(LLVMGetBasicBlockParent(LLVMGetInstructionParent(alloca)), find_declare,
                       &search);
  if (!search.variable || search.conflicting)
    return NULL;
  return esc_di_variable_type(context, search.variable);
}

/* {======================================================
 * Stores into the object
 * ======================================================= */

static bool type_has_pointer(LLVMTypeRef type) {
  switch (LLVMGetTypeKind(type)) {
  case LLVMPointerTypeKind:
    return true;
  case LLVMVectorTypeKind:
  case LLVMArrayTypeKind:
    return type_has_pointer(LLVMGetElementType(type));
  case LLVMStructTypeKind: {
    unsigned count = LLVMCountStructElementTypes(type);
    for (unsigned i = 0; i < count; i++)
      if (type_has_pointer(LLVMStructGetTypeAtIndex(type, i)))
        return true;
    return false;
  }
  default:
    return false;
  }
}

/* A value that is an address or an integer made from one (looking through bitcasts). */
static bool carries_address(LLVMValueRef value) {
  while (LLVMIsABitCastInst(value) ||
         (LLVMIsAConstantExpr(value) && LLVMGetConstOpcode(value) == LLVMBitCast))
    value = LLVMGetOperand(value, 0);
  if (LLVMIsAPtrToIntInst(value) ||
      (LLVMIsAConstantExpr(value) && LLVMGetConstOpcode(value) == LLVMPtrToInt))
    return true;
  return type_has_pointer(LLVMTypeOf(value));
}

/* Whether some store, atomicrmw or cmpxchg through ALLOCA or an address derived from it
 * (GEP, casts, phi, select) writes an address. */
static bool stores_address_into(LLVMValueRef alloca) {
  /* Every address derived so far, in the order found; the walk visits each once. */
  size_t capacity = 16, count = 0;
  LLVMValueRef *derived = esc_xmalloc(capacity * sizeof *derived);
  derived[count++] = alloca;
  bool found = false;
  for (size_t next = 0; next < count && !found; next++) {
    LLVMValueRef address = derived[next];
    for (LLVMUseRef use = LLVMGetFirstUse(address); use && !found; use = LLVMGetNextUse(use)) {
      LLVMValueRef user = LLVMGetUser(use);
      if (LLVMIsAStoreInst(user) && LLVMGetOperand(user, 1) == address)
        found = carries_address(LLVMGetOperand(user, 0));
      else if (LLVMIsAAtomicRMWInst(user) || LLVMIsAAtomicCmpXchgInst(user))
        found = carries_address(LLVMGetOperand(user, LLVMGetNumOperands(user) - 1));
      else if (LLVMIsAGetElementPtrInst(user) || LLVMIsABitCastInst(user) ||
               LLVMIsAAddrSpaceCastInst(user) || LLVMIsAPHINode(user) || LLVMIsASelectInst(user)) {
        if (LLVMIsAGetElementPtrInst(user) && LLVMGetOperand(user, 0) != address)
          continue; /* the address is an index, not the base */
        bool seen = false;
        for (size_t i = 0; i < count && !seen; i++)
          seen = derived[i] == user;
        if (seen)
          continue;
        if (count == MAX_DERIVED_ADDRESSES) {
          found = true; /* a huge web of derived addresses: give up, safely */
          break;
        }
        if (count == capacity) {
          capacity *= 2;
          derived = esc_xrealloc(derived, capacity * sizeof *derived);
        }
        derived[count++] = user;
      }
    }
  }
  free(derived);
  return found;
}

bool esc_alloca_is_pointer_free(LLVMValueRef alloca, LLVMTargetDataRef data_layout) {
  uint64_t pointer_bits = 8 * (uint64_t)LLVMPointerSize(data_layout);
  LLVMTypeRef allocated = LLVMGetAllocatedType(alloca);
  LLVMValueRef count = LLVMGetOperand(alloca, 0);
  bool single = LLVMIsAConstantInt(count) && LLVMConstIntGetZExtValue(count) == 1;
  if (single && LLVMTypeIsSized(allocated) &&
      8 * LLVMABISizeOfType(data_layout, allocated) < pointer_bits)
    return true;
  LLVMContextRef context = LLVMGetTypeContext(LLVMTypeOf(alloca));
  type_walk walk = {context, pointer_bits};
  return type_holds_no_pointer(&walk, variable_type(context, alloca), false, 0) &&
         !stores_address_into(alloca);
}
