/*
 * integer_addresses.c — whether an integer may carry an address. The rules in flow_rules.c keep
 * a value's flow whatever its type or width; this answers a narrower question for the places
 * that must decide *where* a pointer points (store_targets.c): can a GEP index turn a pointer
 * into one local into a pointer to another (`buf + ((char *)&y - buf)` is &y)?
 *
 * The walk goes back through arithmetic, casts, phis, selects and the values stored into
 * plain slots (clang's -O0 homes of locals), and answers yes on reaching a ptrtoint, and on
 * anything it cannot see through (an argument, a call's result, a load from other memory) wide
 * enough to hold an address. An integer at most half an address wide is data (the deliberate
 * assumption of docs/design.md, "Loads": pointer halves are not supported).
 *
 * Invariant: "no" only when every source of the value was seen and none can be an address; the
 * walk visits at most WALK_LIMIT values and answers "yes" past that.
 */
#include "rules.h"

enum { WALK_LIMIT = 64 };

typedef struct {
  LLVMValueRef pending[WALK_LIMIT];
  size_t pending_count;
  LLVMValueRef seen[WALK_LIMIT];
  size_t seen_count;
  unsigned half_pointer_bits;
  bool may_carry;
} integer_walk;

static void visit(integer_walk *walk, LLVMValueRef value) {
  for (size_t i = 0; i < walk->seen_count; i++)
    if (walk->seen[i] == value)
      return;
  if (walk->seen_count == WALK_LIMIT) {
    walk->may_carry = true;
    return;
  }
  walk->seen[walk->seen_count++] = value;
  walk->pending[walk->pending_count++] = value;
}

static void visit_operands(integer_walk *walk, LLVMValueRef value, unsigned first) {
  unsigned count = (unsigned)LLVMGetNumOperands(value);
  for (unsigned i = first; i < count; i++)
    visit(walk, LLVMGetOperand(value, i));
}

static bool too_narrow_for_an_address(const integer_walk *walk, LLVMTypeRef type) {
  return LLVMGetTypeKind(type) == LLVMIntegerTypeKind &&
         LLVMGetIntTypeWidth(type) <= walk->half_pointer_bits;
}

bool esc_opcode_carries_operand_bits(LLVMOpcode opcode) {
  switch (opcode) {
  case LLVMTrunc:
  case LLVMZExt:
  case LLVMSExt:
  case LLVMBitCast:
  case LLVMFreeze:
  case LLVMUIToFP:
  case LLVMSIToFP:
  case LLVMFPToUI:
  case LLVMFPToSI:
  case LLVMFPExt:
  case LLVMFPTrunc:
  case LLVMAdd:
  case LLVMSub:
  case LLVMMul:
  case LLVMUDiv:
  case LLVMSDiv:
  case LLVMURem:
  case LLVMSRem:
  case LLVMShl:
  case LLVMLShr:
  case LLVMAShr:
  case LLVMAnd:
  case LLVMOr:
  case LLVMXor:
  case LLVMFAdd:
  case LLVMFSub:
  case LLVMFMul:
  case LLVMFDiv:
  case LLVMFRem:
  case LLVMFNeg:
  case LLVMPHI:
  case LLVMSelect:
  case LLVMExtractElement:
  case LLVMInsertElement:
  case LLVMShuffleVector:
  case LLVMExtractValue:
  case LLVMInsertValue:
    return true;
  default:
    return false;
  }
}

static void walk_one(integer_walk *walk, LLVMValueRef value) {
  if (LLVMIsAConstantExpr(value)) {
    if (LLVMGetConstOpcode(value) == LLVMPtrToInt)
      walk->may_carry = true;
    else
      visit_operands(walk, value, 0);
    return;
  }
  if (LLVMIsAConstant(value)) { /* aggregates of constants may hold constant expressions */
    if (LLVMIsAConstantVector(value) || LLVMIsAConstantStruct(value) || LLVMIsAConstantArray(value))
      visit_operands(walk, value, 0);
    return;
  }
  if (too_narrow_for_an_address(walk, LLVMTypeOf(value)))
    return;
  if (LLVMIsAPtrToIntInst(value)) {
    walk->may_carry = true;
    return;
  }
  if (LLVMIsASelectInst(value)) { /* the condition carries nothing */
    visit_operands(walk, value, 1);
    return;
  }
  if (LLVMIsAInstruction(value) &&
      esc_opcode_carries_operand_bits(LLVMGetInstructionOpcode(value))) {
    visit_operands(walk, value, 0);
    return;
  }
  if (LLVMIsALoadInst(value) && LLVMIsAAllocaInst(LLVMGetOperand(value, 0)) &&
      esc_is_plain_pointer_slot(LLVMGetOperand(value, 0))) {
    LLVMValueRef slot = LLVMGetOperand(value, 0);
    for (LLVMUseRef use = LLVMGetFirstUse(slot); use; use = LLVMGetNextUse(use))
      if (LLVMIsAStoreInst(LLVMGetUser(use)))
        visit(walk, LLVMGetOperand(LLVMGetUser(use), 0));
    return;
  }
  walk->may_carry = true; /* an argument, a call, a load from other memory, ... */
}

bool esc_integer_may_carry_address(LLVMValueRef value, unsigned pointer_bits) {
  integer_walk walk = {.half_pointer_bits = pointer_bits / 2};
  visit(&walk, value);
  while (walk.pending_count > 0 && !walk.may_carry)
    walk_one(&walk, walk.pending[--walk.pending_count]);
  return walk.may_carry;
}
