/*
 * promote.c — the escape-promote rewrite (docs/design.md, "Promotion"): every alloca the
 * analysis decided ESC_DECISION_HEAP becomes a zeroed object from the chosen runtime, a fresh one
 * per scope entry.
 *
 * A static alloca A (constant size, entry block) keeps a small stack slot holding the address of
 * its current object:
 *
 *   %A.box = alloca ptr                           entry block, never escapes
 *   %A.heap = call @esc_alloc(size, align)        at function entry and at every
 *   store ptr %A.heap, ptr %A.box                 llvm.lifetime.start(A), which it replaces
 *   %A = load ptr, ptr %A.box                     right before every use of A
 *                                                 (for a phi: at the end of the incoming block)
 *
 * A's lifetime.end markers go, and its debug declares move to the box with DW_OP_deref in front,
 * so a debugger still shows the variable. Allocating at every lifetime.start gives Go 1.22's
 * fresh variable per loop iteration; allocating at entry as well keeps a `goto` into the scope
 * (past its lifetime.start) safe, so the entry allocation is left out only when every use comes
 * after some lifetime.start (dominance). The box keeps the object reachable while the frame
 * lives, and mem2reg turns it into a register once nothing else needs it.
 *
 * A variable without lifetime markers (-O0, compound literals, a declaration a `switch` label or
 * `goto` jumps over, functions with a computed goto) gets its new object on every CFG edge that
 * enters its source scope, found in debug info (scopes.h); with neither markers nor debug scopes
 * it gets one object per call and the rewrite warns once per function.
 *
 * A dynamic alloca (a VLA, alloca(), or any alloca outside the entry block) is replaced where it
 * executes by an allocation of count * element size: every execution already means a new object.
 *
 * A byval copy or sret result object decided heap (parameter_objects.h) becomes one object per
 * call, made at entry: a copy of the argument, or copied into the result slot at every return.
 *
 * Invariant: after esc_promote_module no instruction refers to a promoted alloca, every load of a
 * box is dominated by a store to it, and the module passes the verifier.
 */
#include "audit.h"
#include "escape.h"
#include "llvm_compat.h"
#include "memory.h"
#include "parameter_objects.h"
#include "pointer_free.h"
#include "pointer_map.h"
#include "scopes.h"

#include <llvm-c/Analysis.h>
#include <llvm-c/DebugInfo.h>
#include <llvm-c/Target.h>
#include <stdlib.h>
#include <string.h>

/* The immediate dominators of one function's blocks (built in the Dominance section below). */
typedef struct {
  LLVMValueRef function;
  LLVMBasicBlockRef *blocks;   /* reachable blocks in reverse postorder; blocks[0] is the entry */
  size_t *immediate_dominator; /* by reverse-postorder number; the entry's is itself */
  size_t count;
  esc_pointer_map *number_of; /* block -> reverse-postorder number */
} dominator_tree;

/* Everything one run of the rewrite needs, built once per module. */
typedef struct {
  LLVMModuleRef module;
  LLVMContextRef context;
  LLVMTargetDataRef data_layout; /* owned by the module */
  LLVMBuilderRef builder;
  LLVMTypeRef pointer_type;
  LLVMTypeRef size_type; /* size_t of the target: the pointer-sized integer */
  esc_runtime runtime;
  unsigned lifetime_start_id;
  unsigned lifetime_end_id;
  dominator_tree dominators;    /* of the function last asked about (the CFG never changes) */
  LLVMValueRef warned_function; /* the last function warned about missing scopes */
  bool pointer_free;            /* the alloca being rewritten holds no pointer (pointer_free.c) */
  esc_audit *audit;             /* set when auditing (pass/audit.h) */
} promoter;

/* Allocators never return less alignment than this (malloc's guarantee on the targets we run). */
enum { MALLOC_ALIGNMENT = 16 };

/* ===== Runtime functions ===== */

/* The declaration of a runtime function, added to the module the first time it is needed. */
static LLVMValueRef runtime_function(promoter *p, const char *name, LLVMTypeRef type) {
  LLVMValueRef function = LLVMGetNamedFunction(p->module, name);
  if (!function)
    function = LLVMAddFunction(p->module, name, type);
  return function;
}

static LLVMValueRef call_runtime(promoter *p, const char *name, LLVMTypeRef result_type,
                                 LLVMValueRef *arguments, unsigned argument_count,
                                 const char *value_name) {
  LLVMTypeRef parameter_types[2];
  for (unsigned i = 0; i < argument_count; i++)
    parameter_types[i] = LLVMTypeOf(arguments[i]);
  LLVMTypeRef type = LLVMFunctionType(result_type, parameter_types, argument_count, 0);
  return LLVMBuildCall2(p->builder, type, runtime_function(p, name, type), arguments,
                        argument_count, value_name);
}

static LLVMValueRef size_constant(promoter *p, uint64_t value) {
  return LLVMConstInt(p->size_type, value, 0);
}

/* size rounded up to a multiple of align (a power of two), as aligned_alloc requires. */
static LLVMValueRef round_up(promoter *p, LLVMValueRef size, unsigned align) {
  LLVMValueRef padded = LLVMBuildAdd(p->builder, size, size_constant(p, align - 1), "");
  return LLVMBuildAnd(p->builder, padded, size_constant(p, ~(uint64_t)(align - 1)), "");
}

/* The first address at or after object that is a multiple of align: objects from an allocator
 * without an aligned variant are over-allocated by align - 1 bytes and used from here. */
static LLVMValueRef align_within(promoter *p, LLVMValueRef object, unsigned align,
                                 const char *name) {
  LLVMValueRef address = LLVMBuildPtrToInt(p->builder, object, p->size_type, "");
  LLVMValueRef negated = LLVMBuildNeg(p->builder, address, "");
  LLVMValueRef offset = LLVMBuildAnd(p->builder, negated, size_constant(p, align - 1), "");
  LLVMTypeRef byte = LLVMInt8TypeInContext(p->context);
  return LLVMBuildGEP2(p->builder, byte, object, &offset, 1, name);
}

static void zero(promoter *p, LLVMValueRef object, LLVMValueRef size, unsigned align) {
  LLVMBuildMemSet(p->builder, object, LLVMConstInt(LLVMInt8TypeInContext(p->context), 0, 0), size,
                  align);
}

/* Boehm's collector must be initialised before the first GC_malloc, which may come from another
 * constructor: call GC_init from a priority-0 constructor (GC_init may run more than once). */
static void ensure_boehm_initialised(promoter *p) {
  static const char constructor_name[] = "esc.boehm_init";
  if (LLVMGetNamedFunction(p->module, constructor_name))
    return;
  LLVMTypeRef void_function = LLVMFunctionType(LLVMVoidTypeInContext(p->context), NULL, 0, 0);
  LLVMValueRef constructor = LLVMAddFunction(p->module, constructor_name, void_function);
  LLVMSetLinkage(constructor, LLVMInternalLinkage);
  LLVMBuilderRef builder = LLVMCreateBuilderInContext(p->context);
  LLVMPositionBuilderAtEnd(builder, LLVMAppendBasicBlockInContext(p->context, constructor, ""));
  LLVMBuildCall2(builder, void_function, runtime_function(p, "GC_init", void_function), NULL, 0,
                 "");
  LLVMBuildRetVoid(builder);
  LLVMDisposeBuilder(builder);

  /* llvm.global_ctors is an appending array of {priority, function, data}: rebuild it with one
   * more entry. */
  LLVMTypeRef i32 = LLVMInt32TypeInContext(p->context);
  LLVMTypeRef entry_fields[] = {i32, p->pointer_type, p->pointer_type};
  LLVMTypeRef entry_type = LLVMStructTypeInContext(p->context, entry_fields, 3, 0);
  LLVMValueRef old_table = LLVMGetNamedGlobal(p->module, "llvm.global_ctors");
  unsigned old_count = 0;
  if (old_table)
    old_count = LLVMGetArrayLength(LLVMGlobalGetValueType(old_table));
  LLVMValueRef *entries = esc_xmalloc((old_count + 1) * sizeof *entries);
  for (unsigned i = 0; i < old_count; i++)
    entries[i] = LLVMGetAggregateElement(LLVMGetInitializer(old_table), i);
  LLVMValueRef fields[] = {LLVMConstInt(i32, 0, 0), constructor, LLVMConstNull(p->pointer_type)};
  entries[old_count] = LLVMConstNamedStruct(entry_type, fields, 3);
  if (old_count)
    entry_type = LLVMTypeOf(entries[0]);
  LLVMValueRef table_value = LLVMConstArray2(entry_type, entries, old_count + 1);
  free(entries);
  if (old_table)
    LLVMDeleteGlobal(old_table);
  LLVMValueRef table = LLVMAddGlobal(p->module, LLVMTypeOf(table_value), "llvm.global_ctors");
  LLVMSetLinkage(table, LLVMAppendingLinkage);
  LLVMSetInitializer(table, table_value);
}

/*
 * Emits, at the builder's position, the allocation of a zeroed object of size bytes aligned to
 * align, from the runtime the user chose. pinned: the object's address is hidden from the
 * collector, so it must never be collected (and is scanned as a root). With escrt, an object
 * that holds no pointer (p->pointer_free) comes from esc_alloc_atomic and is never scanned.
 */
static LLVMValueRef build_allocation(promoter *p, LLVMValueRef size, unsigned align, bool pinned,
                                     const char *name) {
  LLVMTypeRef ptr = p->pointer_type;
  switch (p->runtime) {
  case ESC_RUNTIME_ESCRT: {
    LLVMValueRef arguments[] = {size, size_constant(p, align)};
    const char *allocator = pinned            ? "esc_alloc_pinned"
                            : p->pointer_free ? "esc_alloc_atomic"
                                              : "esc_alloc";
    return call_runtime(p, allocator, ptr, arguments, 2, name);
  }
  case ESC_RUNTIME_BOEHM: {
    ensure_boehm_initialised(p);
    if (pinned) {
      /* GC_malloc_uncollectable has no aligned variant: over-allocate and align inside. */
      if (align <= MALLOC_ALIGNMENT)
        return call_runtime(p, "GC_malloc_uncollectable", ptr, &size, 1, name);
      LLVMValueRef padded = LLVMBuildAdd(p->builder, size, size_constant(p, align - 1), "");
      LLVMValueRef object = call_runtime(p, "GC_malloc_uncollectable", ptr, &padded, 1, "");
      return align_within(p, object, align, name);
    }
    if (align <= MALLOC_ALIGNMENT)
      return call_runtime(p, "GC_malloc", ptr, &size, 1, name);
    LLVMValueRef arguments[] = {size_constant(p, align), size};
    LLVMValueRef object = call_runtime(p, "GC_memalign", ptr, arguments, 2, name);
    zero(p, object, size, align);
    return object;
  }
  case ESC_RUNTIME_NONE:
    break;
  }
  /* No collector: a never-freed object from the C library. */
  if (align <= MALLOC_ALIGNMENT) {
    LLVMValueRef arguments[] = {size_constant(p, 1), size};
    return call_runtime(p, "calloc", ptr, arguments, 2, name);
  }
  LLVMValueRef arguments[] = {size_constant(p, align), round_up(p, size, align)};
  LLVMValueRef object = call_runtime(p, "aligned_alloc", ptr, arguments, 2, name);
  zero(p, object, size, align);
  return object;
}

/* The object for one execution of allocation: audited when the audit is on (a pinned object is
 * never collected, so the audit cannot watch it). */
static LLVMValueRef allocate_object(promoter *p, const esc_allocation *allocation,
                                    LLVMValueRef size, const char *name) {
  if (p->audit && !allocation->address_hidden)
    return esc_audit_build_allocation(p->audit, p->builder, allocation, size, name);
  return build_allocation(p, size, allocation->alignment, allocation->address_hidden, name);
}

/* ===== Finding an alloca's uses ===== */

static bool is_intrinsic_call(LLVMValueRef instruction, unsigned intrinsic_id) {
  if (!LLVMIsACallInst(instruction))
    return false;
  LLVMValueRef callee = LLVMGetCalledValue(instruction);
  return LLVMIsAFunction(callee) && LLVMGetIntrinsicID(callee) == intrinsic_id;
}

/* Whether instruction is llvm.lifetime.start/end (per intrinsic_id) marking alloca. The pointer
 * is the last argument: LLVM 19 has (i64 size, ptr), later versions may have only (ptr). */
static bool is_lifetime_marker(LLVMValueRef instruction, unsigned intrinsic_id,
                               LLVMValueRef alloca) {
  if (!is_intrinsic_call(instruction, intrinsic_id))
    return false;
  unsigned argument_count = LLVMGetNumArgOperands(instruction);
  return argument_count > 0 && LLVMGetOperand(instruction, argument_count - 1) == alloca;
}

/* A growable array of instructions. */
typedef struct {
  LLVMValueRef *items;
  size_t count;
  size_t capacity;
} instruction_list;

static void instruction_list_push(instruction_list *list, LLVMValueRef instruction) {
  ESC_GROW(list->items, list->capacity, list->count + 1);
  list->items[list->count++] = instruction;
}

/* Every instruction that uses value, each once, in use-list order. */
static instruction_list users_of(LLVMValueRef value) {
  instruction_list users = {0};
  for (LLVMUseRef use = LLVMGetFirstUse(value); use; use = LLVMGetNextUse(use)) {
    LLVMValueRef user = LLVMGetUser(use);
    bool seen = false;
    for (size_t i = 0; i < users.count && !seen; i++)
      seen = users.items[i] == user;
    if (!seen)
      instruction_list_push(&users, user);
  }
  return users;
}

/* ===== Dominance =====
 * The entry allocation is needed only when some use of the alloca can run without one of its
 * lifetime.starts before it (a `goto` into the scope, or no markers at all). Dominators come
 * from Cooper, Harvey and Kennedy's "A Simple, Fast Dominance Algorithm": iterate
 * idom(b) = intersection of the dominators of b's processed predecessors, in reverse postorder,
 * until nothing changes. */

static unsigned successor_count(LLVMBasicBlockRef block) {
  LLVMValueRef terminator = LLVMGetBasicBlockTerminator(block);
  return terminator ? LLVMGetNumSuccessors(terminator) : 0;
}

/* Numbers the reachable blocks in reverse postorder with an explicit depth-first stack. */
static void number_blocks(dominator_tree *tree) {
  unsigned block_count = LLVMCountBasicBlocks(tree->function);
  LLVMBasicBlockRef *postorder = esc_xmalloc(block_count * sizeof *postorder);
  LLVMBasicBlockRef *stack = esc_xmalloc(block_count * sizeof *stack);
  unsigned *next_successor = esc_xcalloc(block_count, sizeof *next_successor);
  esc_pointer_map *visited = esc_pointer_map_new(); /* a set: every value is 1 */
  size_t depth = 0, finished = 0;
  stack[depth++] = LLVMGetEntryBasicBlock(tree->function);
  esc_pointer_map_put(visited, stack[0], 1);
  while (depth) {
    LLVMBasicBlockRef block = stack[depth - 1];
    if (next_successor[depth - 1] == successor_count(block)) {
      postorder[finished++] = block;
      depth--;
      continue;
    }
    LLVMBasicBlockRef successor =
        LLVMGetSuccessor(LLVMGetBasicBlockTerminator(block), next_successor[depth - 1]++);
    if (esc_pointer_map_get(visited, successor, NULL))
      continue;
    esc_pointer_map_put(visited, successor, 1);
    next_successor[depth] = 0;
    stack[depth++] = successor;
  }
  tree->count = finished;
  tree->blocks = esc_xmalloc(finished * sizeof *tree->blocks);
  tree->number_of = esc_pointer_map_new();
  for (size_t i = 0; i < finished; i++) {
    tree->blocks[i] = postorder[finished - 1 - i];
    esc_pointer_map_put(tree->number_of, tree->blocks[i], (intptr_t)i);
  }
  esc_pointer_map_free(visited);
  free(next_successor);
  free(stack);
  free(postorder);
}

/* The nearest common dominator of two numbered blocks: walk the later one up until they meet. */
static size_t intersect(const dominator_tree *tree, size_t a, size_t b) {
  while (a != b) {
    while (a > b)
      a = tree->immediate_dominator[a];
    while (b > a)
      b = tree->immediate_dominator[b];
  }
  return a;
}

/* The reverse-postorder numbers of each block's reachable predecessors, as one array: the
 * predecessors of block i are predecessors[first[i]] .. predecessors[first[i + 1] - 1]. */
typedef struct {
  size_t *first;
  size_t *predecessors;
} predecessor_lists;

static size_t successor_number(const dominator_tree *tree, LLVMBasicBlockRef block,
                               unsigned index) {
  intptr_t number;
  esc_pointer_map_get(tree->number_of, LLVMGetSuccessor(LLVMGetBasicBlockTerminator(block), index),
                      &number);
  return (size_t)number;
}

static predecessor_lists find_predecessors(const dominator_tree *tree) {
  predecessor_lists lists;
  lists.first = esc_xcalloc(tree->count + 1, sizeof *lists.first);
  size_t edge_count = 0;
  for (size_t from = 0; from < tree->count; from++) {
    for (unsigned s = 0; s < successor_count(tree->blocks[from]); s++) {
      lists.first[successor_number(tree, tree->blocks[from], s) + 1]++;
      edge_count++;
    }
  }
  for (size_t i = 0; i < tree->count; i++)
    lists.first[i + 1] += lists.first[i];
  lists.predecessors = esc_xmalloc((edge_count ? edge_count : 1) * sizeof *lists.predecessors);
  size_t *filled = esc_xcalloc(tree->count, sizeof *filled);
  for (size_t from = 0; from < tree->count; from++) {
    for (unsigned s = 0; s < successor_count(tree->blocks[from]); s++) {
      size_t to = successor_number(tree, tree->blocks[from], s);
      lists.predecessors[lists.first[to] + filled[to]++] = from;
    }
  }
  free(filled);
  return lists;
}

static void dominator_tree_build(dominator_tree *tree, LLVMValueRef function) {
  tree->function = function;
  number_blocks(tree);
  predecessor_lists lists = find_predecessors(tree);
  size_t undefined = tree->count;
  tree->immediate_dominator = esc_xmalloc(tree->count * sizeof *tree->immediate_dominator);
  for (size_t i = 0; i < tree->count; i++)
    tree->immediate_dominator[i] = undefined;
  tree->immediate_dominator[0] = 0;
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t block = 1; block < tree->count; block++) {
      size_t dominator = undefined;
      for (size_t p = lists.first[block]; p < lists.first[block + 1]; p++) {
        size_t predecessor = lists.predecessors[p];
        if (tree->immediate_dominator[predecessor] == undefined)
          continue;
        dominator = dominator == undefined ? predecessor : intersect(tree, predecessor, dominator);
      }
      if (dominator != tree->immediate_dominator[block]) {
        tree->immediate_dominator[block] = dominator;
        changed = true;
      }
    }
  }
  free(lists.first);
  free(lists.predecessors);
}

static void dominator_tree_free(dominator_tree *tree) {
  free(tree->blocks);
  free(tree->immediate_dominator);
  if (tree->number_of)
    esc_pointer_map_free(tree->number_of);
  *tree = (dominator_tree){0};
}

/* The dominator tree of function, rebuilt only when the function changes (the rewrite adds
 * instructions but never blocks or edges). */
static const dominator_tree *dominators_of(promoter *p, LLVMValueRef function) {
  if (p->dominators.function != function) {
    dominator_tree_free(&p->dominators);
    dominator_tree_build(&p->dominators, function);
  }
  return &p->dominators;
}

/* Whether block dominator dominates block (every block dominates itself). A block that cannot
 * be reached is dominated by everything: its code never runs. */
static bool block_dominates(const dominator_tree *tree, LLVMBasicBlockRef dominator,
                            LLVMBasicBlockRef block) {
  intptr_t a, b;
  if (!esc_pointer_map_get(tree->number_of, block, &b))
    return true;
  if (!esc_pointer_map_get(tree->number_of, dominator, &a))
    return false;
  while ((size_t)b > (size_t)a)
    b = (intptr_t)tree->immediate_dominator[b];
  return a == b;
}

/* Whether instruction first runs before every execution of the point just before later (which
 * may be a terminator, for a phi's use at the end of its incoming block). */
static bool instruction_dominates(const dominator_tree *tree, LLVMValueRef first,
                                  LLVMValueRef later) {
  LLVMBasicBlockRef block = LLVMGetInstructionParent(first);
  if (block != LLVMGetInstructionParent(later))
    return block_dominates(tree, block, LLVMGetInstructionParent(later));
  for (LLVMValueRef i = first; i; i = LLVMGetNextInstruction(i))
    if (i == later)
      return true;
  return !esc_pointer_map_get(tree->number_of, block, NULL); /* unreachable: never runs */
}

/* ===== The rewrite ===== */

/* Positions the builder right before instruction, with the instruction's source location so a
 * debugger steps over the new code as part of the statement it serves. */
static void position_before(promoter *p, LLVMValueRef instruction) {
  LLVMPositionBuilderBefore(p->builder, instruction);
  LLVMSetCurrentDebugLocation2(p->builder, LLVMInstructionGetDebugLoc(instruction));
}

/* The entry block's first instruction that is not an alloca: where the entry allocations go, after
 * the static allocas (which stay together at the top) and before any use of them. */
static LLVMValueRef first_non_alloca(LLVMValueRef function) {
  LLVMValueRef instruction = LLVMGetFirstInstruction(LLVMGetEntryBasicBlock(function));
  while (LLVMIsAAllocaInst(instruction))
    instruction = LLVMGetNextInstruction(instruction);
  return instruction;
}

/* A new object for a static alloca, at the builder's position. */
static LLVMValueRef build_object(promoter *p, const esc_allocation *allocation, const char *name) {
  uint64_t size = allocation->size ? allocation->size : 1; /* a distinct address even if empty */
  return allocate_object(p, allocation, size_constant(p, size), name);
}

/* Stores a new object for alloca into box at the builder's position. */
static void build_box_fill(promoter *p, const esc_allocation *allocation, LLVMValueRef box,
                           const char *name) {
  LLVMBuildStore(p->builder, build_object(p, allocation, name), box);
}

/* Replaces alloca in user's operands by a load of box placed before the use (for a phi, at the
 * end of each incoming block that passes alloca; one load per block keeps the phi well formed). */
static void replace_use_by_box_load(promoter *p, LLVMValueRef user, LLVMValueRef alloca,
                                    LLVMValueRef box, const char *name) {
  if (LLVMIsAPHINode(user)) {
    unsigned incoming_count = LLVMCountIncoming(user);
    for (unsigned i = 0; i < incoming_count; i++) {
      if (LLVMGetIncomingValue(user, i) != alloca)
        continue;
      LLVMBasicBlockRef block = LLVMGetIncomingBlock(user, i);
      position_before(p, LLVMGetBasicBlockTerminator(block));
      LLVMValueRef load = LLVMBuildLoad2(p->builder, p->pointer_type, box, name);
      for (unsigned j = i; j < incoming_count; j++)
        if (LLVMGetIncomingBlock(user, j) == block && LLVMGetIncomingValue(user, j) == alloca)
          LLVMSetOperand(user, j, load);
    }
    return;
  }
  position_before(p, user);
  LLVMValueRef load = LLVMBuildLoad2(p->builder, p->pointer_type, box, name);
  unsigned operand_count = LLVMGetNumOperands(user);
  for (unsigned i = 0; i < operand_count; i++)
    if (LLVMGetOperand(user, i) == alloca)
      LLVMSetOperand(user, i, load);
}

/* Whether one of starts runs before every execution of the point just before use. */
static bool after_some_start(const dominator_tree *tree, const instruction_list *starts,
                             LLVMValueRef use) {
  for (size_t i = 0; i < starts->count; i++)
    if (instruction_dominates(tree, starts->items[i], use))
      return true;
  return false;
}

/* Whether some use of alloca may run with none of its lifetime.starts (starts) before it; then
 * the box needs an object from function entry on. A phi uses the alloca at the end of the
 * incoming block. */
static bool needs_entry_allocation(promoter *p, LLVMValueRef alloca, const instruction_list *users,
                                   const instruction_list *starts) {
  if (starts->count == 0)
    return true;
  const dominator_tree *tree =
      dominators_of(p, LLVMGetBasicBlockParent(LLVMGetInstructionParent(alloca)));
  for (size_t i = 0; i < users->count; i++) {
    LLVMValueRef user = users->items[i];
    if (is_lifetime_marker(user, p->lifetime_start_id, alloca) ||
        is_lifetime_marker(user, p->lifetime_end_id, alloca))
      continue;
    if (!LLVMIsAPHINode(user)) {
      if (!after_some_start(tree, starts, user))
        return true;
      continue;
    }
    for (unsigned k = 0; k < LLVMCountIncoming(user); k++) {
      LLVMValueRef end_of_incoming = LLVMGetBasicBlockTerminator(LLVMGetIncomingBlock(user, k));
      if (LLVMGetIncomingValue(user, k) == alloca &&
          !after_some_start(tree, starts, end_of_incoming))
        return true;
    }
  }
  return false;
}

/* ===== Scope entries without lifetime markers =====
 * clang leaves out lifetime markers at -O0, for compound literals, for a variable a `switch`
 * label or `goto` jumps over, and in functions with a computed goto. The variable's scope region
 * then comes from debug info (scopes.h) and the box gets a new object on every edge that enters
 * it. */

/* Says once per function that its promoted variables cannot get one object per scope entry. */
static void warn_no_scope(promoter *p, LLVMValueRef function) {
  if (p->warned_function == function)
    return;
  p->warned_function = function;
  size_t length;
  const char *name = LLVMGetValueName2(function, &length);
  fprintf(stderr,
          "escc: warning: %.*s: no scope information; promoted variables get one object per "
          "call; compile with -g\n",
          (int)length, name);
}

/* At a block start reached both from inside the region and from outside: a new object only when
 * the edge taken came from outside (a phi of the edges says which), else the box keeps its own.
 * The allocation runs either way; such blocks are rare (a jump into the middle of a scope). */
static void build_conditional_fill(promoter *p, const esc_allocation *allocation,
                                   const esc_scope_region *region, LLVMValueRef before,
                                   LLVMValueRef box, const char *name) {
  LLVMBasicBlockRef block = LLVMGetInstructionParent(before);
  LLVMValueRef function = LLVMGetBasicBlockParent(block);
  LLVMTypeRef i1 = LLVMInt1TypeInContext(p->context);
  /* Before the first instruction's debug records too: a phi may carry none. */
  LLVMPositionBuilderBeforeInstrAndDbgRecords(p->builder, LLVMGetFirstInstruction(block));
  LLVMSetCurrentDebugLocation2(p->builder, NULL);
  LLVMValueRef entered = LLVMBuildPhi(p->builder, i1, "");
  for (LLVMBasicBlockRef from = LLVMGetFirstBasicBlock(function); from;
       from = LLVMGetNextBasicBlock(from)) {
    LLVMValueRef terminator = LLVMGetBasicBlockTerminator(from);
    unsigned successors = terminator ? LLVMGetNumSuccessors(terminator) : 0;
    LLVMValueRef from_outside = LLVMConstInt(i1, !esc_scope_region_ends_inside(region, from), 0);
    for (unsigned s = 0; s < successors; s++)
      if (LLVMGetSuccessor(terminator, s) == block)
        LLVMAddIncoming(entered, &from_outside, &from, 1);
  }
  position_before(p, before);
  LLVMValueRef object = build_object(p, allocation, name);
  LLVMValueRef current = LLVMBuildLoad2(p->builder, p->pointer_type, box, "");
  LLVMValueRef chosen = LLVMBuildSelect(p->builder, entered, object, current, "");
  LLVMBuildStore(p->builder, chosen, box);
}

/* Fills the box on every entry into the alloca's scope region; returns whether it also needs an
 * object from function entry on (a use not preceded by an entry, a conditional entry, or a scope
 * that is the whole function or unknown — the last one is warned about). */
static bool fill_at_scope_entries(promoter *p, const esc_allocation *allocation, LLVMValueRef box,
                                  const instruction_list *users, const char *name) {
  LLVMValueRef alloca = allocation->alloca;
  esc_scope_region *region = esc_scope_region_find(alloca);
  esc_scope_kind kind = esc_scope_region_kind(region);
  if (kind == ESC_SCOPE_UNKNOWN)
    warn_no_scope(p, LLVMGetBasicBlockParent(LLVMGetInstructionParent(alloca)));
  bool entry_needed = kind != ESC_SCOPE_BLOCK;
  instruction_list fills = {0};
  for (size_t i = 0; i < esc_scope_region_entry_count(region); i++) {
    esc_scope_entry entry = esc_scope_region_entry(region, i);
    if (entry.some_paths_enter) {
      build_conditional_fill(p, allocation, region, entry.before, box, name);
      entry_needed = true;
      continue;
    }
    position_before(p, entry.before);
    build_box_fill(p, allocation, box, name);
    instruction_list_push(&fills, LLVMGetPreviousInstruction(entry.before));
  }
  esc_scope_region_free(region);
  entry_needed = entry_needed || needs_entry_allocation(p, alloca, users, &fills);
  free(fills.items);
  return entry_needed;
}

/* The rewrite of a static alloca: box, allocations at entry and at each lifetime.start, loads
 * at the uses (see the comment at the top of the file). */
static void promote_static_alloca(promoter *p, const esc_allocation *allocation, const char *name) {
  LLVMValueRef alloca = allocation->alloca;
  LLVMValueRef function = LLVMGetBasicBlockParent(LLVMGetInstructionParent(alloca));
  char box_name[256], heap_name[256];
  snprintf(box_name, sizeof box_name, "%s.box", name);
  snprintf(heap_name, sizeof heap_name, "%s.heap", name);

  LLVMBasicBlockRef entry = LLVMGetEntryBasicBlock(function);
  LLVMPositionBuilderBefore(p->builder, LLVMGetFirstInstruction(entry));
  LLVMSetCurrentDebugLocation2(p->builder, NULL);
  LLVMValueRef box = LLVMBuildAlloca(p->builder, p->pointer_type, box_name);

  instruction_list users = users_of(alloca);
  instruction_list starts = {0};
  for (size_t i = 0; i < users.count; i++)
    if (is_lifetime_marker(users.items[i], p->lifetime_start_id, alloca))
      instruction_list_push(&starts, users.items[i]);
  bool entry_needed = starts.count ? needs_entry_allocation(p, alloca, &users, &starts)
                                   : fill_at_scope_entries(p, allocation, box, &users, heap_name);
  if (entry_needed) {
    position_before(p, first_non_alloca(function));
    LLVMSetCurrentDebugLocation2(p->builder, NULL);
    build_box_fill(p, allocation, box, heap_name);
  }
  free(starts.items);

  for (size_t i = 0; i < users.count; i++) {
    LLVMValueRef user = users.items[i];
    if (is_lifetime_marker(user, p->lifetime_start_id, alloca)) {
      position_before(p, user);
      build_box_fill(p, allocation, box, heap_name);
      LLVMInstructionEraseFromParent(user);
    } else if (is_lifetime_marker(user, p->lifetime_end_id, alloca)) {
      LLVMInstructionEraseFromParent(user);
    } else {
      replace_use_by_box_load(p, user, alloca, box, name);
    }
  }
  free(users.items);

  esc_move_declares_to_box(alloca, box);
  /* Only debug-info references are left; they now describe a variable that is gone. */
  LLVMReplaceAllUsesWith(alloca, LLVMGetPoison(p->pointer_type));
  LLVMInstructionEraseFromParent(alloca);
}

/* The rewrite of a dynamic alloca: an allocation of count * element size where it executes. */
static void promote_dynamic_alloca(promoter *p, const esc_allocation *allocation,
                                   const char *name) {
  LLVMValueRef alloca = allocation->alloca;
  char heap_name[256];
  snprintf(heap_name, sizeof heap_name, "%s.heap", name);

  /* Lifetime markers may only name allocas (LLVM 22): drop them; each execution of the alloca
   * already gives a new object. */
  instruction_list users = users_of(alloca);
  for (size_t i = 0; i < users.count; i++)
    if (is_lifetime_marker(users.items[i], p->lifetime_start_id, alloca) ||
        is_lifetime_marker(users.items[i], p->lifetime_end_id, alloca))
      LLVMInstructionEraseFromParent(users.items[i]);
  free(users.items);

  position_before(p, alloca);
  LLVMTypeRef element_type = LLVMGetAllocatedType(alloca);
  LLVMValueRef count =
      LLVMBuildZExtOrBitCast(p->builder, LLVMGetOperand(alloca, 0), p->size_type, "");
  LLVMValueRef size = LLVMBuildMul(
      p->builder, count, size_constant(p, LLVMABISizeOfType(p->data_layout, element_type)), "");
  LLVMValueRef object = allocate_object(p, allocation, size, heap_name);
  /* Uses and debug declares alike now see the object. */
  LLVMReplaceAllUsesWith(alloca, object);
  LLVMInstructionEraseFromParent(alloca);
}

/* The rewrite of a byval copy or the sret result object (parameter_objects.h): one object per
 * call, made at entry, which every use of the parameter now sees. A byval object starts as a copy
 * of the argument; an sret object is copied into the caller's result slot before every return. */
static void promote_parameter_object(promoter *p, const esc_allocation *allocation,
                                     const char *name) {
  LLVMValueRef parameter = allocation->alloca;
  LLVMValueRef function = LLVMGetParamParent(parameter);
  char heap_name[256];
  snprintf(heap_name, sizeof heap_name, "%s.heap", name);
  unsigned align = allocation->alignment;
  LLVMValueRef size = size_constant(p, allocation->size ? allocation->size : 1);

  position_before(p, first_non_alloca(function));
  LLVMSetCurrentDebugLocation2(p->builder, NULL);
  LLVMValueRef object = build_allocation(p, size, align, allocation->address_hidden, heap_name);
  /* Uses and debug declares alike now see the object; the copies below use the parameter. */
  LLVMReplaceAllUsesWith(parameter, object);
  if (!esc_parameter_object_is_result(parameter)) {
    LLVMBuildMemCpy(p->builder, object, align, parameter, align, size);
    return;
  }
  for (LLVMBasicBlockRef block = LLVMGetFirstBasicBlock(function); block;
       block = LLVMGetNextBasicBlock(block)) {
    LLVMValueRef terminator = LLVMGetBasicBlockTerminator(block);
    if (terminator && LLVMIsAReturnInst(terminator)) {
      position_before(p, terminator);
      LLVMBuildMemCpy(p->builder, parameter, align, object, align, size);
    }
  }
}

/* The name the rewrite gives the values that stand for alloca: its IR name, else the source
 * variable's (clang drops IR names), else "promoted". The loads that replace the alloca take it
 * as is; the box and the objects add ".box" and ".heap". */
static void promoted_name(const esc_allocation *allocation, char *name, size_t size) {
  size_t length;
  const char *ir_name = LLVMGetValueName2(allocation->alloca, &length);
  if (length)
    snprintf(name, size, "%s", ir_name);
  else if (allocation->variable && allocation->variable[0] && allocation->variable[0] != '%')
    snprintf(name, size, "%s", allocation->variable);
  else
    snprintf(name, size, "promoted");
}

static unsigned intrinsic_id(const char *name) { return LLVMLookupIntrinsicID(name, strlen(name)); }

size_t esc_promote_module(LLVMModuleRef module, const esc_analysis *analysis,
                          const esc_promote_options *options) {
  promoter p = {0};
  p.module = module;
  p.context = LLVMGetModuleContext(module);
  p.data_layout = LLVMGetModuleDataLayout(module);
  p.builder = LLVMCreateBuilderInContext(p.context);
  p.pointer_type = LLVMPointerTypeInContext(p.context, 0);
  p.size_type = LLVMIntPtrTypeInContext(p.context, p.data_layout);
  p.runtime = options ? options->runtime : ESC_RUNTIME_ESCRT;
  p.lifetime_start_id = intrinsic_id("llvm.lifetime.start");
  p.lifetime_end_id = intrinsic_id("llvm.lifetime.end");
  if (options && options->audit && p.runtime == ESC_RUNTIME_ESCRT)
    p.audit = esc_audit_begin(module, analysis);

  esc_debug_format_state format = esc_debug_format_begin(module);
  size_t rewritten = 0;
  size_t count = esc_analysis_allocation_count(analysis);
  for (size_t i = 0; i < count; i++) {
    const esc_allocation *allocation = esc_analysis_allocation(analysis, i);
    if (allocation->decision != ESC_DECISION_HEAP)
      continue;
    char name[200];
    promoted_name(allocation, name, sizeof name);
    LLVMSetValueName2(allocation->alloca, "", 0);
    /* A byval copy or sret object is filled from caller memory of any type: always scanned. */
    p.pointer_free = !LLVMIsAArgument(allocation->alloca) && !allocation->address_hidden &&
                     esc_alloca_is_pointer_free(allocation->alloca, p.data_layout);
    if (LLVMIsAArgument(allocation->alloca))
      promote_parameter_object(&p, allocation, name);
    else if (allocation->is_dynamic)
      promote_dynamic_alloca(&p, allocation, name);
    else
      promote_static_alloca(&p, allocation, name);
    rewritten++;
  }
  if (p.audit)
    esc_audit_finish(p.audit);
  esc_debug_format_end(module, format);
  dominator_tree_free(&p.dominators);
  LLVMDisposeBuilder(p.builder);

#ifndef NDEBUG
  char *message = NULL;
  if (rewritten && LLVMVerifyModule(module, LLVMReturnStatusAction, &message)) {
    fprintf(stderr, "escape-promote: internal error: module broken after rewrite:\n%s", message);
    abort();
  }
  LLVMDisposeMessage(message);
#endif
  return rewritten;
}
