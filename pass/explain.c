/*
 * explain.c — why a variable escapes, as Go's -m=2 tells it.
 *
 * The solver leaves, for each escaping variable, the chain of edges its address took towards
 * the sink. A variable that escaped because its address was stored in another escaping
 * variable has a chain ending at that variable; the explanation then continues with that
 * variable's own chain. Steps are grouped at named locations (variables, ~r0, {heap}): each
 * group is one "flow: DST = SRC:" line, SRC written with the group's net dereferences
 * (&x, x, *x).
 *
 * Invariant: the explanation follows at most as many chains as the graph has locations, so a
 * (theoretically) cyclic chain cannot loop forever.
 */
#include "explain.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  const esc_graph *graph;
  esc_names *names;
  esc_arena *arena;
  esc_flow_step *steps;
  size_t count, capacity;
} explanation;

static const char *location_name(explanation *context, int index) {
  const esc_location *location = &context->graph->locations[index];
  switch (location->kind) {
  case ESC_LOCATION_HEAP:
    return "{heap}";
  case ESC_LOCATION_RESULT:
    return "~r0";
  case ESC_LOCATION_HIDDEN:
    return "{hidden}";
  case ESC_LOCATION_VARIABLE: { /* copied: the steps outlive the function's names */
    esc_source_place ignored;
    return esc_arena_strdup(context->arena,
                            esc_names_variable(context->names, location->value, &ignored));
  }
  case ESC_LOCATION_VALUE:
  case ESC_LOCATION_TEMPORARY:
    return NULL;
  }
  return NULL;
}

static const char *value_name(explanation *context, LLVMValueRef value) {
  return esc_names_value(context->names, value);
}

/* A pointer as the source would write it, where debug names allow: a local "x" (its alloca),
 * "*p" (loaded from p's slot, as clang spills pointers at -O0), a global "@g"; a field or
 * element of one is described by its object. Otherwise the IR name. */
static const char *pointer_description(explanation *context, LLVMValueRef pointer) {
  LLVMValueRef object = pointer;
  for (int depth = 0; depth < 16; depth++) {
    if (LLVMIsAGetElementPtrInst(object) || LLVMIsABitCastInst(object) ||
        LLVMIsAAddrSpaceCastInst(object))
      object = LLVMGetOperand(object, 0);
    else
      break;
  }
  esc_source_place ignored;
  if (LLVMIsAAllocaInst(object))
    return esc_names_variable(context->names, object, &ignored);
  if (LLVMIsALoadInst(object) && LLVMIsAAllocaInst(LLVMGetOperand(object, 0)))
    return esc_arena_printf(
        context->arena, "*%s",
        esc_names_variable(context->names, LLVMGetOperand(object, 0), &ignored));
  return value_name(context, object);
}

static const char *opcode_word(LLVMValueRef instruction) {
  switch (LLVMGetInstructionOpcode(instruction)) {
  case LLVMGetElementPtr:
    return "getelementptr";
  case LLVMPHI:
    return "phi";
  case LLVMSelect:
    return "select";
  case LLVMPtrToInt:
    return "ptrtoint";
  case LLVMIntToPtr:
    return "inttoptr";
  case LLVMInsertValue:
  case LLVMExtractValue:
    return "aggregate";
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
    return "arithmetic";
  case LLVMCall:
  case LLVMInvoke:
    return "call";
  case LLVMResume:
    return "resume";
  case LLVMAlloca: /* sunk by its size (Go's limits) */
    return "allocation";
  case LLVMLandingPad:
  case LLVMCatchPad:
  case LLVMCleanupPad:
  case LLVMCatchSwitch:
    return "exception pad";
  default:
    return "conversion";
  }
}

static const char *called_name(explanation *context, LLVMValueRef call) {
  LLVMValueRef callee = LLVMGetCalledValue(call);
  if (callee && LLVMIsAInlineAsm(callee))
    return "asm";
  return callee ? value_name(context, callee) : "?";
}

/* The words of one step: what happened, with Go's "(why)" suffix. */
static const char *describe_edge(explanation *context, const esc_edge *edge, int source) {
  esc_arena *arena = context->arena;
  LLVMValueRef instruction = edge->instruction;
  switch (edge->kind) {
  case ESC_EDGE_ADDRESS_OF:
    return esc_arena_printf(arena, "&%s (address-of)", location_name(context, source));
  case ESC_EDGE_ASSIGN:
    return esc_arena_printf(arena, "store into %s (assign)",
                            location_name(context, edge->destination));
  case ESC_EDGE_LOAD:
    return esc_arena_printf(arena, "load from %s (dereference)",
                            pointer_description(context, LLVMGetOperand(instruction, 0)));
  case ESC_EDGE_COPY:
    return esc_arena_printf(arena, "%s %s (copy)", opcode_word(instruction),
                            value_name(context, instruction));
  case ESC_EDGE_RETURN:
    return "return (return)";
  case ESC_EDGE_CALL:
    return esc_arena_printf(arena, "result of call to %s (call parameter)",
                            called_name(context, instruction));
  case ESC_EDGE_MEMCPY:
    return esc_arena_printf(arena, "memory copy by %s (copy)", called_name(context, instruction));
  case ESC_EDGE_SINK:
    break;
  }
  const char *id = esc_reason_id(edge->reason);
  if (LLVMIsAStoreInst(instruction) || LLVMIsAAtomicRMWInst(instruction) ||
      LLVMIsAAtomicCmpXchgInst(instruction)) {
    LLVMValueRef pointer = LLVMGetOperand(instruction, LLVMIsAStoreInst(instruction) ? 1 : 0);
    return esc_arena_printf(arena, "store to %s (%s)", pointer_description(context, pointer), id);
  }
  if (LLVMIsACallInst(instruction) || LLVMIsAInvokeInst(instruction) ||
      LLVMIsACallBrInst(instruction))
    return esc_arena_printf(arena, "call to %s (%s)", called_name(context, instruction), id);
  return esc_arena_printf(arena, "%s (%s)", opcode_word(instruction), id);
}

static const char *derefs_expression(explanation *context, const char *name, int derefs) {
  if (derefs < 0)
    return esc_arena_printf(context->arena, "&%s", name);
  if (derefs == 0)
    return name;
  char stars[16];
  int count = derefs < 15 ? derefs : 15;
  memset(stars, '*', (size_t)count);
  stars[count] = '\0';
  return esc_arena_printf(context->arena, "%s%s", stars, name);
}

static esc_flow_step *append_step(explanation *context) {
  ESC_GROW(context->steps, context->capacity, context->count + 1);
  esc_flow_step *step = &context->steps[context->count++];
  *step = (esc_flow_step){0};
  return step;
}

esc_flow_step *esc_explain_escape(const esc_graph *graph, int variable, esc_names *names,
                                  esc_arena *arena, size_t *step_count) {
  explanation context = {.graph = graph, .names = names, .arena = arena};
  const char *group_start = location_name(&context, variable);
  int group_derefs = 0;
  int current = variable;
  size_t chains_left = graph->location_count;
  while (chains_left-- > 0) {
    const esc_location *location = &graph->locations[current];
    for (int i = 0; i < location->chain_length; i++) {
      const esc_edge *edge = &graph->edges[graph->chain_edges[location->chain_offset + i]];
      int source = edge->source;
      esc_flow_step *step = append_step(&context);
      step->note = describe_edge(&context, edge, source);
      if (edge->kind == ESC_EDGE_ADDRESS_OF) /* the place is the variable's declaration */
        esc_names_variable(names, graph->locations[source].value, &step->place);
      else
        step->place = esc_instruction_place(edge->instruction);
      group_derefs += edge->derefs;
      const char *destination = location_name(&context, edge->destination);
      if (destination) {
        step->flow_to = destination;
        step->flow_from = derefs_expression(&context, group_start, group_derefs);
        group_start = destination;
        group_derefs = 0;
      }
    }
    /* A chain ending at another escaping variable continues with that variable's chain. */
    int last =
        location->chain_length > 0
            ? graph->edges[graph->chain_edges[location->chain_offset + location->chain_length - 1]]
                  .destination
            : current;
    if (last == current || graph->locations[last].kind != ESC_LOCATION_VARIABLE)
      break;
    current = last;
  }
  esc_flow_step *steps = esc_arena_alloc(arena, context.count * sizeof *steps);
  if (context.count)
    memcpy(steps, context.steps, context.count * sizeof *steps);
  free(context.steps);
  *step_count = context.count;
  return steps;
}
