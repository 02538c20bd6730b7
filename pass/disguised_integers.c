/*
 * disguised_integers.c — whether an address turned into an integer (ptrtoint) is disguised: may
 * the program rebuild the pointer from that integer, or from something made of it, at a moment
 * the collector cannot see the address? Then the variable it points to is pinned (docs/design.md,
 * "Pinning"). An integer that is only compared, hashed into an index or printed hides nothing.
 *
 * The walk follows the integer forward through whatever may still carry the address bits —
 * casts, integer and floating-point arithmetic (`^ key` keeps all of them), phis, selects,
 * vector and aggregate element moves, intrinsics that only compute, the loads of a plain slot it
 * is stored in (clang's -O0 home of a local) — and answers yes on a use that may turn it back
 * into a pointer or take it out of the analysis' sight:
 *   inttoptr, unless its integer is still the address with a tag stripped (`& ~7`: it points into
 *   the same object all along); a store to memory; a return; an argument of a call, except an
 * integer conversion
 *   (%d, %lx) of a printf that writes to a stream (the text leaves the program; sprintf's text
 *   stays in memory, where it could be parsed back); an index of a GEP that is not inbounds or
 *   whose base is a constant other than an object's address (`(char *)0 + x` is an inttoptr); any
 * use not named here. These uses carry no address out and end the walk: a comparison, a switch on
 * it; a difference of two pointers (a length or an offset: the deliberate assumption of
 * docs/design.md); an index of an inbounds GEP from an object's address — the result points into
 * that base's object, the graph tracks it (its flow comes from the index too), and its integer
 * comes back only through a ptrtoint, walked the same way, or a pointer difference; a result that
 * cannot hold a whole address: an integer at most half an address wide (pointer halves are not
 * supported, docs/design.md "Loads"), `x & m` with a constant m below 2^half, `x >> s` by a
 * constant that leaves at most half the bits, `x % n` by a constant n up to 2^half (a bucket
 * index).
 *
 * Invariant: "no" only when every use of every value the walk reached was seen and is one of
 * the harmless kinds; past WALK_LIMIT values the answer is "yes".
 */
#include "rules.h"

#include "libc_models.h"
#include "llvm_compat.h"

enum { WALK_LIMIT = 128 };

typedef struct {
  LLVMValueRef pending[WALK_LIMIT];
  size_t pending_count;
  LLVMValueRef seen[WALK_LIMIT];
  size_t seen_count;
  LLVMValueRef ptrtoint; /* where the walk starts */
  unsigned pointer_bits;
  bool disguised;
} integer_walk;

bool esc_is_difference_of_pointers(LLVMValueRef instruction) {
  return LLVMGetInstructionOpcode(instruction) == LLVMSub &&
         LLVMIsAPtrToIntInst(LLVMGetOperand(instruction, 0)) &&
         LLVMIsAPtrToIntInst(LLVMGetOperand(instruction, 1));
}

/* An integer (or vector of integers) at most half an address wide. */
static bool too_narrow_for_an_address(const integer_walk *walk, LLVMTypeRef type) {
  if (LLVMGetTypeKind(type) == LLVMVectorTypeKind)
    type = LLVMGetElementType(type);
  return LLVMGetTypeKind(type) == LLVMIntegerTypeKind &&
         LLVMGetIntTypeWidth(type) <= walk->pointer_bits / 2;
}

static void follow(integer_walk *walk, LLVMValueRef value) {
  if (too_narrow_for_an_address(walk, LLVMTypeOf(value)))
    return;
  for (size_t i = 0; i < walk->seen_count; i++)
    if (walk->seen[i] == value)
      return;
  if (walk->seen_count == WALK_LIMIT) {
    walk->disguised = true;
    return;
  }
  walk->seen[walk->seen_count++] = value;
  walk->pending[walk->pending_count++] = value;
}

/* The value of a scalar constant integer operand of at most 64 bits, in *value (a splat vector
 * may be a ConstantInt too in newer LLVMs: not this). */
static bool constant_operand(LLVMValueRef instruction, unsigned index, uint64_t *value) {
  LLVMValueRef operand = LLVMGetOperand(instruction, index);
  LLVMTypeRef type = LLVMTypeOf(operand);
  if (!LLVMIsAConstantInt(operand) || LLVMGetTypeKind(type) != LLVMIntegerTypeKind ||
      LLVMGetIntTypeWidth(type) > 64)
    return false;
  *value = LLVMConstIntGetZExtValue(operand);
  return true;
}

/* `x & m`, `x >> s`, `x % n` whose constant leaves a result of at most half an address's bits. */
static bool result_fits_half_an_address(const integer_walk *walk, LLVMValueRef instruction) {
  LLVMTypeRef type = LLVMTypeOf(instruction);
  if (LLVMGetTypeKind(type) != LLVMIntegerTypeKind)
    return false;
  unsigned half = walk->pointer_bits / 2, width = LLVMGetIntTypeWidth(type);
  uint64_t limit = half >= 64 ? UINT64_MAX : (uint64_t)1 << half, constant;
  switch (LLVMGetInstructionOpcode(instruction)) {
  case LLVMAnd:
    return (constant_operand(instruction, 0, &constant) && constant < limit) ||
           (constant_operand(instruction, 1, &constant) && constant < limit);
  case LLVMLShr:
    return constant_operand(instruction, 1, &constant) && constant + half >= width;
  case LLVMURem:
    return constant_operand(instruction, 1, &constant) && constant != 0 && constant <= limit;
  default:
    return false;
  }
}

/* A type built only of integers and floating-point values: no pointer can come out of it. */
static bool holds_no_pointer_type(LLVMTypeRef type) {
  switch (LLVMGetTypeKind(type)) {
  case LLVMIntegerTypeKind:
  case LLVMHalfTypeKind:
  case LLVMBFloatTypeKind:
  case LLVMFloatTypeKind:
  case LLVMDoubleTypeKind:
  case LLVMX86_FP80TypeKind:
  case LLVMFP128TypeKind:
    return true;
  case LLVMVectorTypeKind:
    return holds_no_pointer_type(LLVMGetElementType(type));
  case LLVMStructTypeKind: {
    unsigned count = LLVMCountStructElementTypes(type);
    for (unsigned i = 0; i < count; i++)
      if (!holds_no_pointer_type(LLVMStructGetTypeAtIndex(type, i)))
        return false;
    return true;
  }
  default:
    return false;
  }
}

/* A call's callee when it is a function declared here (a library function), or NULL. */
static LLVMValueRef declared_callee(LLVMValueRef call) {
  LLVMValueRef callee = LLVMGetCalledValue(call);
  return callee && LLVMIsAFunction(callee) && LLVMIsDeclaration(callee) ? callee : NULL;
}

static bool prints_to_stream_as_integer(LLVMValueRef call, LLVMValueRef value) {
  if (!esc_printf_writes_to_stream(call))
    return false;
  size_t length;
  const esc_library_model *model =
      esc_library_model_find(LLVMGetValueName2(LLVMGetCalledValue(call), &length));
  if (!model || model->printf_format < 0)
    return false;
  unsigned count = LLVMGetNumArgOperands(call);
  for (unsigned i = 0; i < count; i++)
    if (LLVMGetOperand(call, i) == value &&
        !esc_printf_converts_only_as_integer(call, (unsigned)model->printf_format, i))
      return false;
  return true;
}

/* The uses of a call: a marker moves nothing; an intrinsic that only computes (llvm.umax,
 * llvm.bswap, llvm.uadd.with.overflow) passes the bits to its result; a printf to a stream may
 * print them as a number; any other call may keep them where the analysis cannot see. */
static void walk_call(integer_walk *walk, LLVMValueRef call, LLVMValueRef value) {
  if (esc_is_marker_intrinsic(call) || prints_to_stream_as_integer(call, value))
    return;
  LLVMValueRef callee = declared_callee(call);
  LLVMTypeRef result = LLVMTypeOf(call);
  if (callee && LLVMGetIntrinsicID(callee) && !esc_function_may_write_memory(callee) &&
      holds_no_pointer_type(result)) {
    follow(walk, call);
    return;
  }
  walk->disguised = true;
}

/* A constant pointer that is no object's address (null, undef, an inttoptr expression), seen
 * through constant GEPs and casts of a global. */
static bool is_constant_non_object(LLVMValueRef pointer) {
  while (LLVMIsAConstantExpr(pointer) && (LLVMGetConstOpcode(pointer) == LLVMGetElementPtr ||
                                          LLVMGetConstOpcode(pointer) == LLVMBitCast ||
                                          LLVMGetConstOpcode(pointer) == LLVMAddrSpaceCast))
    pointer = LLVMGetOperand(pointer, 0);
  return LLVMIsAConstant(pointer) && !LLVMIsAGlobalValue(pointer);
}

/* The index of a GEP: harmless when the GEP is inbounds from an object's address. */
static void walk_index(integer_walk *walk, LLVMValueRef gep, LLVMValueRef value) {
  LLVMValueRef base = LLVMGetOperand(gep, 0);
  if (base == value || !LLVMIsInBounds(gep) || is_constant_non_object(base))
    walk->disguised = true;
}

/* The address itself, at most its 3 low bits cleared (a tag stripped: `(uintptr_t)p & ~7`, through
 * casts): it still points into the same object, which escrt and Boehm place at a multiple of 16,
 * so its value never stops looking like a pointer into that object to the collector. */
static bool still_the_address(const integer_walk *walk, LLVMValueRef value) {
  for (unsigned depth = 0; depth < 8; depth++) {
    if (value == walk->ptrtoint)
      return true;
    if (!LLVMIsAInstruction(value))
      return false;
    LLVMOpcode opcode = LLVMGetInstructionOpcode(value);
    uint64_t mask;
    if (opcode == LLVMBitCast || opcode == LLVMFreeze)
      value = LLVMGetOperand(value, 0);
    else if (opcode == LLVMAnd && constant_operand(value, 1, &mask) &&
             LLVMGetIntTypeWidth(LLVMTypeOf(value)) == walk->pointer_bits && (int64_t)mask >= -8 &&
             (int64_t)mask < 0)
      value = LLVMGetOperand(value, 0);
    else
      return false;
  }
  return false;
}

/* Stored into a plain slot (an alloca only loaded and stored): the slot's loads carry it on. */
static void walk_store(integer_walk *walk, LLVMValueRef store, LLVMValueRef value) {
  LLVMValueRef slot = LLVMGetOperand(store, 1);
  if (LLVMGetOperand(store, 0) != value || slot == value || !LLVMIsAAllocaInst(slot) ||
      !esc_is_plain_pointer_slot(slot)) {
    walk->disguised = true;
    return;
  }
  for (LLVMUseRef use = LLVMGetFirstUse(slot); use; use = LLVMGetNextUse(use))
    if (LLVMIsALoadInst(LLVMGetUser(use)))
      follow(walk, LLVMGetUser(use));
}

static void walk_use(integer_walk *walk, LLVMValueRef user, LLVMValueRef value) {
  if (!LLVMIsAInstruction(user)) { /* a constant expression or metadata: not understood */
    walk->disguised = true;
    return;
  }
  LLVMOpcode opcode = LLVMGetInstructionOpcode(user);
  if (opcode == LLVMICmp || opcode == LLVMFCmp || opcode == LLVMSwitch ||
      esc_is_difference_of_pointers(user) || result_fits_half_an_address(walk, user))
    return;
  if (esc_opcode_carries_operand_bits(opcode)) {
    follow(walk, user);
    return;
  }
  switch (opcode) {
  case LLVMGetElementPtr:
    walk_index(walk, user, value);
    return;
  case LLVMStore:
    walk_store(walk, user, value);
    return;
  case LLVMCall:
    walk_call(walk, user, value);
    return;
  case LLVMIntToPtr:
    if (!still_the_address(walk, value))
      walk->disguised = true;
    return;
  default: /* ret, invoke, atomics, va_arg, anything new */
    walk->disguised = true;
    return;
  }
}

bool esc_pointer_integer_is_disguised(LLVMValueRef ptrtoint, unsigned pointer_bits) {
  integer_walk walk = {.ptrtoint = ptrtoint, .pointer_bits = pointer_bits};
  follow(&walk, ptrtoint);
  while (walk.pending_count > 0 && !walk.disguised) {
    LLVMValueRef value = walk.pending[--walk.pending_count];
    for (LLVMUseRef use = LLVMGetFirstUse(value); use && !walk.disguised; use = LLVMGetNextUse(use))
      walk_use(&walk, LLVMGetUser(use), value);
  }
  return walk.disguised;
}
