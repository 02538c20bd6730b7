/*
 * scopes.c — a variable's scope region from debug info, and the edges that enter it (see
 * scopes.h for the model).
 *
 * Each block is summarised by the region state of its first and last located instruction;
 * a block without one passes on the state it was entered with, found by a small forward
 * dataflow over the CFG (states: unknown < outside, inside < both). An entry is then
 *   - a step inside a block from an outside instruction to an inside one, or
 *   - the start of a block whose first located instruction is inside, entered from a block
 *     that ends outside (the function's entry counts as outside every lexical block).
 * A block that passes on "both" (no location of its own, reached from inside and outside) is
 * counted as inside: the entry through it is missed, as it was before scopes were known. clang
 * gives every branch a location, so this does not happen in its output.
 *
 * Invariant: an entry is recorded only where a path goes from outside the region to inside it,
 * so a variable never gets a new object while its scope is still running.
 */
#include "scopes.h"

#include "llvm_compat.h"
#include "memory.h"
#include "pointer_map.h"

#include <llvm-c/DebugInfo.h>
#include <stdlib.h>

/* Region states, ordered so that joining two is a bitwise or. */
typedef enum {
  STATE_UNKNOWN = 0,
  STATE_OUTSIDE = 1,
  STATE_INSIDE = 2,
  STATE_BOTH = STATE_OUTSIDE | STATE_INSIDE,
} region_state;

struct esc_scope_region {
  esc_scope_kind kind;
  esc_scope_entry *entries;
  size_t entry_count, entry_capacity;
  esc_pointer_map *state_at_end; /* block -> region_state when its terminator runs */
};

/* What the search needs while it walks one function. */
typedef struct {
  LLVMContextRef context;
  LLVMMetadataRef scope;         /* the variable's scope (never a DILexicalBlockFile) */
  esc_pointer_map *scope_inside; /* DIScope -> 1 inside the variable's scope, 2 not */
  LLVMBasicBlockRef *blocks;     /* in layout order */
  size_t block_count;
  esc_pointer_map *block_number; /* block -> index into blocks */
  region_state *first_located;   /* state of each block's first located instruction */
  region_state *last_located;    /* ... and of its last (UNKNOWN: the block has none) */
  region_state *at_end;          /* state when the block's terminator runs */
} region_search;

/* ===== The variable's scope =================================================================== */

/* DILexicalBlock and DILexicalBlockFile keep their parent scope in operand 1; the C API has no
 * getter, so read the node's operands. */
enum { ESC_DI_LEXICAL_BLOCK_SCOPE_OPERAND = 1 };

static bool is_lexical_block(LLVMMetadataRef scope) {
  LLVMMetadataKind kind = LLVMGetMetadataKind(scope);
  return kind == LLVMDILexicalBlockMetadataKind || kind == LLVMDILexicalBlockFileMetadataKind;
}

/* The scope that contains a lexical block, or NULL for any other scope (a subprogram). */
static LLVMMetadataRef parent_scope(LLVMContextRef context, LLVMMetadataRef scope) {
  if (!scope || !is_lexical_block(scope))
    return NULL;
  LLVMValueRef node = LLVMMetadataAsValue(context, scope);
  if (LLVMGetMDNodeNumOperands(node) <= ESC_DI_LEXICAL_BLOCK_SCOPE_OPERAND)
    return NULL;
  LLVMValueRef *operands = esc_xmalloc(LLVMGetMDNodeNumOperands(node) * sizeof *operands);
  LLVMGetMDNodeOperands(node, operands);
  LLVMValueRef parent = operands[ESC_DI_LEXICAL_BLOCK_SCOPE_OPERAND];
  free(operands);
  return parent ? LLVMValueAsMetadata(parent) : NULL;
}

/* A DILexicalBlockFile only says the code comes from another file (a macro, an #include): the
 * scope it stands in is its parent's. */
static LLVMMetadataRef real_scope(LLVMContextRef context, LLVMMetadataRef scope) {
  while (scope && LLVMGetMetadataKind(scope) == LLVMDILexicalBlockFileMetadataKind)
    scope = parent_scope(context, scope);
  return scope;
}

typedef struct {
  LLVMValueRef alloca;
  LLVMMetadataRef variable;
} declare_search;

static void note_declare(LLVMValueRef address, LLVMMetadataRef variable, LLVMMetadataRef location,
                         void *context) {
  (void)location;
  declare_search *search = context;
  if (address == search->alloca && !search->variable)
    search->variable = variable;
}

static bool uses_value(LLVMValueRef instruction, LLVMValueRef value) {
  int count = LLVMGetNumOperands(instruction);
  for (int i = 0; i < count; i++)
    if (LLVMGetOperand(instruction, (unsigned)i) == value)
      return true;
  return false;
}

/* The scope of the alloca's DILocalVariable, else that of the first instruction (in layout
 * order) that uses it and has a location: a compound literal or a temporary lives in the
 * innermost block of the expression that makes it. NULL when neither exists. */
static LLVMMetadataRef variable_scope(LLVMValueRef function, LLVMValueRef alloca) {
  declare_search search = {alloca, NULL};
  esc_for_each_declare(function, note_declare, &search);
  if (search.variable)
    return LLVMDIVariableGetScope(search.variable);
  for (LLVMBasicBlockRef block = LLVMGetFirstBasicBlock(function); block;
       block = LLVMGetNextBasicBlock(block))
    for (LLVMValueRef instruction = LLVMGetFirstInstruction(block); instruction;
         instruction = LLVMGetNextInstruction(instruction)) {
      LLVMMetadataRef location = LLVMInstructionGetDebugLoc(instruction);
      if (location && !esc_is_debug_intrinsic(instruction) && uses_value(instruction, alloca))
        return LLVMDILocationGetScope(location);
    }
  return NULL;
}

/* ===== Which instructions are inside ========================================================== */

/* Whether scope is the variable's scope or nested in it (remembered per scope). */
static bool scope_is_inside(region_search *search, LLVMMetadataRef scope) {
  intptr_t known;
  if (esc_pointer_map_get(search->scope_inside, scope, &known))
    return known == 1;
  bool inside = false;
  for (LLVMMetadataRef s = scope; s && !inside; s = parent_scope(search->context, s))
    inside = s == search->scope;
  esc_pointer_map_put(search->scope_inside, scope, inside ? 1 : 2);
  return inside;
}

/* The state an instruction puts execution in; UNKNOWN for one that has no say (no location,
 * a debug intrinsic, a phi: they run wherever the code around them runs). An inlined copy of
 * code is inside if its location or any call site it was inlined into is. */
static region_state instruction_state(region_search *search, LLVMValueRef instruction) {
  if (LLVMIsAPHINode(instruction) || esc_is_debug_intrinsic(instruction))
    return STATE_UNKNOWN;
  LLVMMetadataRef location = LLVMInstructionGetDebugLoc(instruction);
  if (!location)
    return STATE_UNKNOWN;
  for (; location; location = LLVMDILocationGetInlinedAt(location))
    if (scope_is_inside(search, LLVMDILocationGetScope(location)))
      return STATE_INSIDE;
  return STATE_OUTSIDE;
}

/* ===== Entries ================================================================================ */

static void add_entry(esc_scope_region *region, LLVMValueRef before, bool some_paths_enter) {
  ESC_GROW(region->entries, region->entry_capacity, region->entry_count + 1);
  region->entries[region->entry_count++] = (esc_scope_entry){before, some_paths_enter};
}

/* Records each block's first and last located states, and every step inside a block from an
 * outside instruction to an inside one. */
static void summarise_blocks(region_search *search, esc_scope_region *region) {
  for (size_t b = 0; b < search->block_count; b++) {
    region_state previous = STATE_UNKNOWN;
    for (LLVMValueRef instruction = LLVMGetFirstInstruction(search->blocks[b]); instruction;
         instruction = LLVMGetNextInstruction(instruction)) {
      region_state state = instruction_state(search, instruction);
      if (state == STATE_UNKNOWN)
        continue;
      if (previous == STATE_UNKNOWN)
        search->first_located[b] = state;
      else if (previous == STATE_OUTSIDE && state == STATE_INSIDE)
        add_entry(region, instruction, false);
      previous = state;
    }
    search->last_located[b] = previous;
  }
}

static size_t block_index(const region_search *search, LLVMBasicBlockRef block) {
  intptr_t index = 0;
  esc_pointer_map_get(search->block_number, block, &index);
  return (size_t)index;
}

/* The state each block ends in: its last located instruction's, else the join of the states
 * it can be entered with (the function's entry: outside), to a fixpoint. */
static void propagate_states(region_search *search) {
  region_state *at_start = esc_xcalloc(search->block_count, sizeof *at_start);
  at_start[0] = STATE_OUTSIDE;
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t b = 0; b < search->block_count; b++) {
      region_state end = search->last_located[b] ? search->last_located[b] : at_start[b];
      if (end != search->at_end[b]) {
        search->at_end[b] = end;
        changed = true;
      }
      LLVMValueRef terminator = LLVMGetBasicBlockTerminator(search->blocks[b]);
      unsigned successors = terminator ? LLVMGetNumSuccessors(terminator) : 0;
      for (unsigned s = 0; s < successors; s++) {
        size_t next = block_index(search, LLVMGetSuccessor(terminator, s));
        region_state joined = at_start[next] | end;
        if (joined != at_start[next]) {
          at_start[next] = joined;
          changed = true;
        }
      }
    }
  }
  free(at_start);
}

/* The first instruction of block that is not a phi or an exception-handling pad: where code
 * that runs on entry to the block goes. */
static LLVMValueRef first_insertion_point(LLVMBasicBlockRef block) {
  LLVMValueRef instruction = LLVMGetFirstInstruction(block);
  while (instruction && (LLVMIsAPHINode(instruction) || LLVMIsALandingPadInst(instruction) ||
                         LLVMIsACatchPadInst(instruction) || LLVMIsACleanupPadInst(instruction)))
    instruction = LLVMGetNextInstruction(instruction);
  return instruction;
}

/* A block whose first located instruction is inside is entered by every edge from a block
 * that ends outside. */
static void find_block_entries(region_search *search, esc_scope_region *region) {
  region_state *from = esc_xcalloc(search->block_count, sizeof *from);
  for (size_t b = 0; b < search->block_count; b++) {
    LLVMValueRef terminator = LLVMGetBasicBlockTerminator(search->blocks[b]);
    unsigned successors = terminator ? LLVMGetNumSuccessors(terminator) : 0;
    for (unsigned s = 0; s < successors; s++)
      from[block_index(search, LLVMGetSuccessor(terminator, s))] |=
          search->at_end[b] == STATE_OUTSIDE ? STATE_OUTSIDE : STATE_INSIDE;
  }
  for (size_t b = 0; b < search->block_count; b++) {
    if (search->first_located[b] != STATE_INSIDE)
      continue;
    if (b == 0) { /* the function starts outside every lexical block */
      LLVMValueRef first = LLVMGetFirstInstruction(search->blocks[0]);
      while (instruction_state(search, first) == STATE_UNKNOWN)
        first = LLVMGetNextInstruction(first);
      add_entry(region, first, false);
    } else if (from[b] & STATE_OUTSIDE) {
      add_entry(region, first_insertion_point(search->blocks[b]), from[b] == STATE_BOTH);
    }
  }
  free(from);
}

static void search_regions(region_search *search, esc_scope_region *region, LLVMValueRef function) {
  search->block_count = LLVMCountBasicBlocks(function);
  search->blocks = esc_xmalloc(search->block_count * sizeof *search->blocks);
  LLVMGetBasicBlocks(function, search->blocks);
  search->block_number = esc_pointer_map_new();
  for (size_t b = 0; b < search->block_count; b++)
    esc_pointer_map_put(search->block_number, search->blocks[b], (intptr_t)b);
  search->first_located = esc_xcalloc(search->block_count, sizeof *search->first_located);
  search->last_located = esc_xcalloc(search->block_count, sizeof *search->last_located);
  search->at_end = esc_xcalloc(search->block_count, sizeof *search->at_end);

  summarise_blocks(search, region);
  propagate_states(search);
  find_block_entries(search, region);
  for (size_t b = 0; b < search->block_count; b++)
    esc_pointer_map_put(region->state_at_end, search->blocks[b], search->at_end[b]);

  free(search->at_end);
  free(search->last_located);
  free(search->first_located);
  esc_pointer_map_free(search->block_number);
  free(search->blocks);
}

/* ===== Scopes of all variables ================================================================ */

struct esc_variable_scopes {
  esc_pointer_map *declared;  /* alloca or parameter -> its DILocalVariable's scope */
  esc_pointer_map *first_use; /* alloca -> the scope of its first located use */
};

static void note_declared_scope(LLVMValueRef address, LLVMMetadataRef variable,
                                LLVMMetadataRef location, void *context) {
  (void)location;
  esc_pointer_map *declared = context;
  if (!esc_pointer_map_get(declared, address, NULL))
    esc_pointer_map_put(declared, address, (intptr_t)LLVMDIVariableGetScope(variable));
}

esc_variable_scopes *esc_variable_scopes_new(LLVMValueRef function) {
  esc_variable_scopes *scopes = esc_xmalloc(sizeof *scopes);
  scopes->declared = esc_pointer_map_new();
  scopes->first_use = esc_pointer_map_new();
  esc_for_each_declare(function, note_declared_scope, scopes->declared);
  for (LLVMBasicBlockRef block = LLVMGetFirstBasicBlock(function); block;
       block = LLVMGetNextBasicBlock(block))
    for (LLVMValueRef instruction = LLVMGetFirstInstruction(block); instruction;
         instruction = LLVMGetNextInstruction(instruction)) {
      LLVMMetadataRef location = LLVMInstructionGetDebugLoc(instruction);
      if (!location || esc_is_debug_intrinsic(instruction))
        continue;
      int count = LLVMGetNumOperands(instruction);
      for (int i = 0; i < count; i++) {
        LLVMValueRef operand = LLVMGetOperand(instruction, (unsigned)i);
        if (operand && LLVMIsAAllocaInst(operand) &&
            !esc_pointer_map_get(scopes->first_use, operand, NULL))
          esc_pointer_map_put(scopes->first_use, operand,
                              (intptr_t)LLVMDILocationGetScope(location));
      }
    }
  return scopes;
}

esc_variable_scope esc_variable_scopes_get(const esc_variable_scopes *scopes, LLVMValueRef value) {
  intptr_t scope;
  if (esc_pointer_map_get(scopes->declared, value, &scope))
    return (esc_variable_scope){(LLVMMetadataRef)scope, true};
  if (esc_pointer_map_get(scopes->first_use, value, &scope))
    return (esc_variable_scope){(LLVMMetadataRef)scope, false};
  return (esc_variable_scope){NULL, false};
}

void esc_variable_scopes_free(esc_variable_scopes *scopes) {
  esc_pointer_map_free(scopes->declared);
  esc_pointer_map_free(scopes->first_use);
  free(scopes);
}

LLVMMetadataRef esc_function_scope(LLVMValueRef function) { return LLVMGetSubprogram(function); }

bool esc_scope_strictly_encloses(LLVMContextRef context, LLVMMetadataRef outer,
                                 LLVMMetadataRef inner) {
  outer = real_scope(context, outer);
  inner = real_scope(context, inner);
  if (!outer || !inner || outer == inner)
    return false;
  for (LLVMMetadataRef scope = parent_scope(context, inner); scope;
       scope = parent_scope(context, scope))
    if (scope == outer)
      return true;
  return false;
}

/* ===== Public interface ======================================================================= */

esc_scope_region *esc_scope_region_find(LLVMValueRef alloca) {
  esc_scope_region *region = esc_xcalloc(1, sizeof *region);
  region->state_at_end = esc_pointer_map_new();
  LLVMValueRef function = LLVMGetBasicBlockParent(LLVMGetInstructionParent(alloca));
  region_search search = {.context = LLVMGetModuleContext(LLVMGetGlobalParent(function))};
  search.scope = real_scope(search.context, variable_scope(function, alloca));
  if (!search.scope) {
    region->kind = ESC_SCOPE_UNKNOWN;
    return region;
  }
  if (!is_lexical_block(search.scope)) {
    region->kind = ESC_SCOPE_FUNCTION;
    return region;
  }
  region->kind = ESC_SCOPE_BLOCK;
  search.scope_inside = esc_pointer_map_new();
  search_regions(&search, region, function);
  esc_pointer_map_free(search.scope_inside);
  return region;
}

void esc_scope_region_free(esc_scope_region *region) {
  free(region->entries);
  esc_pointer_map_free(region->state_at_end);
  free(region);
}

esc_scope_kind esc_scope_region_kind(const esc_scope_region *region) { return region->kind; }

size_t esc_scope_region_entry_count(const esc_scope_region *region) { return region->entry_count; }

esc_scope_entry esc_scope_region_entry(const esc_scope_region *region, size_t index) {
  return region->entries[index];
}

bool esc_scope_region_ends_inside(const esc_scope_region *region, LLVMBasicBlockRef block) {
  intptr_t state = STATE_UNKNOWN;
  esc_pointer_map_get(region->state_at_end, block, &state);
  return state != STATE_OUTSIDE;
}
