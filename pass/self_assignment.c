/*
 * self_assignment.c — gc's self-assignment rule (cmd/compile/internal/escape/utils.go,
 * isSelfAssign and isSliceSelfAssign), in IR terms, for Go mode.
 *
 * gc ignores assignments that store into an object only what was loaded from that same object:
 *   b.buf = b.buf[:n]      v.x = v.y      v.a[i] = v.b[j]
 * They change no object's lifetime — every pointer stored was already reachable from the
 * object — yet without the rule `b` would leak its content (a store through a parameter).
 *
 * In IR: `store V, P` where P is a base B plus GEPs, and every part of V that can carry an
 * address (the integer parts carry none in Go mode) is a load from B plus GEPs, taken apart
 * and put together again by extractvalue/insertvalue/GEP (slicing moves the data pointer
 * forward). "The same B" is gc's SameSafeExpr: the same SSA value, two loads of one local slot
 * written exactly once (a parameter's spill slot), or the same loads and GEPs of those with
 * nothing written between the loads (`box.pair.p1 = box.pair.p2`). As in gc, an index computed
 * by a call makes the store an ordinary one (`p.pairs[zero()] = p.pairs[1]`).
 * A slice of an array inside the object (`b.buf = b.arr[:n]`) stores the object's own address
 * (a GEP of B, not a load) and is not a self-assignment, as in gc.
 *
 * Invariant: the rule only answers true when every address the store writes was loaded from
 * the very object it writes into.
 */
#include "rules.h"

#include "llvm_compat.h"

enum { TRACE_LIMIT = 32 };

/* gc's mayAffectMemory, for an index: made of constants, parameters, variables read and
 * arithmetic — not of a call's result (`p.pairs[zero()] = p.pairs[1]` is not ignored). */
static bool index_is_safe(LLVMValueRef index, int depth) {
  if (LLVMIsAConstant(index) || LLVMIsAArgument(index) || LLVMIsALoadInst(index) ||
      LLVMIsAPHINode(index))
    return true;
  if (depth > 8 || !(LLVMIsABinaryOperator(index) || LLVMIsACastInst(index)))
    return false;
  unsigned count = (unsigned)LLVMGetNumOperands(index);
  for (unsigned i = 0; i < count; i++)
    if (!index_is_safe(LLVMGetOperand(index, i), depth + 1))
      return false;
  return true;
}

/* The object a pointer points into: the pointer without its GEPs and casts; NULL when a GEP's
 * index is not safe. */
static LLVMValueRef strip_address_arithmetic(LLVMValueRef pointer) {
  while (pointer && (LLVMIsAGetElementPtrInst(pointer) || LLVMIsABitCastInst(pointer))) {
    unsigned count = (unsigned)LLVMGetNumOperands(pointer);
    for (unsigned i = 1; i < count; i++)
      if (!index_is_safe(LLVMGetOperand(pointer, i), 0))
        return NULL;
    pointer = LLVMGetOperand(pointer, 0);
  }
  return pointer;
}

/* A local whose only uses are loads from it, one store of a value into it, and markers. */
static bool is_slot_written_once(LLVMValueRef alloca) {
  unsigned stores = 0;
  for (LLVMUseRef use = LLVMGetFirstUse(alloca); use; use = LLVMGetNextUse(use)) {
    LLVMValueRef user = LLVMGetUser(use);
    if (LLVMIsALoadInst(user) && !LLVMGetVolatile(user))
      continue;
    if (LLVMIsAStoreInst(user) && LLVMGetOperand(user, 1) == alloca &&
        LLVMGetOperand(user, 0) != alloca) {
      stores++;
      continue;
    }
    if (esc_is_marker_intrinsic(user) || esc_is_debug_intrinsic(user))
      continue;
    return false;
  }
  return stores == 1;
}

/* Whether nothing between two instructions of one block can change memory. */
static bool nothing_written_between(LLVMValueRef first, LLVMValueRef second) {
  if (LLVMGetInstructionParent(first) != LLVMGetInstructionParent(second))
    return false;
  for (int pass = 0; pass < 2; pass++) { /* either may come first */
    LLVMValueRef from = pass ? second : first, to = pass ? first : second;
    bool writes = false;
    for (LLVMValueRef i = LLVMGetNextInstruction(from); i; i = LLVMGetNextInstruction(i)) {
      if (i == to)
        return !writes;
      writes |= LLVMIsAStoreInst(i) || LLVMIsACallInst(i) || LLVMIsAAtomicRMWInst(i) ||
                LLVMIsAAtomicCmpXchgInst(i) || LLVMIsAMemIntrinsic(i);
    }
  }
  return false;
}

/* gc's SameSafeExpr in IR: the same value; two loads of one slot written once (a parameter's);
 * two loads of the same expression with no write between them; the same GEP of the same
 * expression. */
static bool same_expression(LLVMValueRef left, LLVMValueRef right, int depth) {
  if (left == right)
    return true;
  if (depth > 8 || !left || !right)
    return false;
  if (LLVMIsALoadInst(left) && LLVMIsALoadInst(right)) {
    LLVMValueRef slot = LLVMGetOperand(left, 0);
    if (LLVMGetVolatile(left) || LLVMGetVolatile(right))
      return false;
    if (slot == LLVMGetOperand(right, 0) && LLVMIsAAllocaInst(slot) && is_slot_written_once(slot))
      return true;
    return LLVMTypeOf(left) == LLVMTypeOf(right) && nothing_written_between(left, right) &&
           same_expression(LLVMGetOperand(left, 0), LLVMGetOperand(right, 0), depth + 1);
  }
  if (LLVMIsAGetElementPtrInst(left) && LLVMIsAGetElementPtrInst(right)) {
    unsigned count = (unsigned)LLVMGetNumOperands(left);
    if (count != (unsigned)LLVMGetNumOperands(right) ||
        LLVMGetGEPSourceElementType(left) != LLVMGetGEPSourceElementType(right))
      return false;
    for (unsigned i = 1; i < count; i++)
      if (LLVMGetOperand(left, i) != LLVMGetOperand(right, i))
        return false;
    return same_expression(LLVMGetOperand(left, 0), LLVMGetOperand(right, 0), depth + 1);
  }
  return false;
}

/* Whether the pointer is a field or element of an object (gc's ODOT/ODOTPTR/OINDEX), not the
 * object itself (ODEREF). */
static bool is_field_address(LLVMValueRef pointer) {
  return LLVMIsAGetElementPtrInst(pointer) != NULL;
}

bool esc_is_self_assignment(LLVMValueRef store) {
  LLVMValueRef base = strip_address_arithmetic(LLVMGetOperand(store, 1));
  /* gc's two shapes: a slice of the object stored into it (`b.buf = b.buf[:n]`,
   * `*sp = (*sp)[1:2]`: the value is rebuilt by insertvalue), or a field/element stored into a
   * field/element (`v.x = v.y`). `*np = n` with n := *np is neither, and leaks in gc. */
  bool sliced = LLVMIsAInsertValueInst(LLVMGetOperand(store, 0)) != NULL;
  bool into_field = is_field_address(LLVMGetOperand(store, 1));
  LLVMValueRef pending[TRACE_LIMIT];
  size_t pending_count = 0;
  bool loaded_from_base = false;
  pending[pending_count++] = LLVMGetOperand(store, 0);
  while (pending_count > 0) {
    LLVMValueRef value = pending[--pending_count];
    if (!esc_type_has_pointer(LLVMTypeOf(value)) || LLVMIsAConstant(value))
      continue; /* no address in it (Go mode: integers carry none) */
    if (LLVMIsALoadInst(value)) {
      if (LLVMGetVolatile(value) || !base ||
          !same_expression(strip_address_arithmetic(LLVMGetOperand(value, 0)), base, 0))
        return false;
      if (!sliced && !(into_field && is_field_address(LLVMGetOperand(value, 0))))
        return false;
      loaded_from_base = true;
      continue;
    }
    if (pending_count + 2 > TRACE_LIMIT)
      return false;
    if (LLVMIsAInsertValueInst(value)) {
      pending[pending_count++] = LLVMGetOperand(value, 0);
      pending[pending_count++] = LLVMGetOperand(value, 1);
    } else if (LLVMIsAExtractValueInst(value) || LLVMIsAGetElementPtrInst(value) ||
               LLVMIsABitCastInst(value)) {
      pending[pending_count++] = LLVMGetOperand(value, 0);
    } else {
      return false;
    }
  }
  return loaded_from_base;
}
