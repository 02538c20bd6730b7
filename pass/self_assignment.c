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
 * forward). "The same B" is the same SSA value, or two loads of one local slot that is
 * written exactly once (a parameter's spill slot), so both loads read the same pointer.
 * A slice of an array inside the object (`b.buf = b.arr[:n]`) stores the object's own address
 * (a GEP of B, not a load) and is not a self-assignment, as in gc.
 *
 * Invariant: the rule only answers true when every address the store writes was loaded from
 * the very object it writes into.
 */
#include "rules.h"

#include "llvm_compat.h"

enum { TRACE_LIMIT = 32 };

static LLVMValueRef strip_address_arithmetic(LLVMValueRef pointer) {
  while (pointer && (LLVMIsAGetElementPtrInst(pointer) || LLVMIsABitCastInst(pointer)))
    pointer = LLVMGetOperand(pointer, 0);
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

static bool same_base(LLVMValueRef left, LLVMValueRef right) {
  if (left == right)
    return true;
  if (!LLVMIsALoadInst(left) || !LLVMIsALoadInst(right))
    return false;
  LLVMValueRef slot = LLVMGetOperand(left, 0);
  return slot == LLVMGetOperand(right, 0) && LLVMIsAAllocaInst(slot) && is_slot_written_once(slot);
}

bool esc_is_self_assignment(LLVMValueRef store) {
  LLVMValueRef base = strip_address_arithmetic(LLVMGetOperand(store, 1));
  LLVMValueRef pending[TRACE_LIMIT];
  size_t pending_count = 0;
  bool loaded_from_base = false;
  pending[pending_count++] = LLVMGetOperand(store, 0);
  while (pending_count > 0) {
    LLVMValueRef value = pending[--pending_count];
    if (!esc_type_has_pointer(LLVMTypeOf(value)) || LLVMIsAConstant(value))
      continue; /* no address in it (Go mode: integers carry none) */
    if (LLVMIsALoadInst(value)) {
      if (LLVMGetVolatile(value) ||
          !same_base(strip_address_arithmetic(LLVMGetOperand(value, 0)), base))
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
