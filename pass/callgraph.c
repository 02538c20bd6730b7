/*
 * callgraph.c — SCCs of defined functions, bottom-up (Tarjan's algorithm, iterative so deep
 * call chains cannot overflow the C stack).
 *
 * An edge f -> g exists when an instruction of f names g as an operand, directly or inside a
 * constant expression: a call, but also a function pointer handed to qsort or stored away.
 * Missing an edge would only make a caller see no summary and fall back to the conservative
 * rules (summary.c hands out summaries of solved functions only), never unsound.
 *
 * Invariant: the returned SCCs partition the defined functions, each callee's SCC before its
 * callers' (Tarjan emits SCCs in reverse topological order of the condensation).
 */
#include "callgraph.h"

#include "memory.h"
#include "pointer_map.h"

#include <stdlib.h>

typedef struct {
  LLVMValueRef function;
  int *callees;
  size_t callee_count, callee_capacity;
  int index, lowlink;
  bool on_stack;
} function_node;

typedef struct {
  function_node *nodes;
  size_t node_count;
  esc_pointer_map *node_of; /* function -> node index */
} call_graph;

static void add_callee(call_graph *graph, function_node *node, LLVMValueRef value, int depth) {
  if (LLVMIsAFunction(value)) {
    intptr_t callee;
    if (!esc_pointer_map_get(graph->node_of, value, &callee))
      return; /* a declaration: not part of the graph */
    for (size_t i = 0; i < node->callee_count; i++)
      if (node->callees[i] == (int)callee)
        return;
    ESC_GROW(node->callees, node->callee_capacity, node->callee_count + 1);
    node->callees[node->callee_count++] = (int)callee;
    return;
  }
  if (depth < 4 && LLVMIsAConstant(value) && !LLVMIsAGlobalValue(value)) {
    int count = LLVMGetNumOperands(value);
    for (int i = 0; i < count; i++)
      add_callee(graph, node, LLVMGetOperand(value, (unsigned)i), depth + 1);
  }
}

static void collect_callees(call_graph *graph, function_node *node) {
  for (LLVMBasicBlockRef block = LLVMGetFirstBasicBlock(node->function); block;
       block = LLVMGetNextBasicBlock(block))
    for (LLVMValueRef instruction = LLVMGetFirstInstruction(block); instruction;
         instruction = LLVMGetNextInstruction(instruction)) {
      int count = LLVMGetNumOperands(instruction);
      for (int i = 0; i < count; i++) {
        LLVMValueRef operand = LLVMGetOperand(instruction, (unsigned)i);
        if (operand && (LLVMIsAFunction(operand) || LLVMIsAConstantExpr(operand)))
          add_callee(graph, node, operand, 0);
      }
    }
}

static bool refers_to_itself(const call_graph *graph, int node) {
  for (size_t i = 0; i < graph->nodes[node].callee_count; i++)
    if (graph->nodes[node].callees[i] == node)
      return true;
  return false;
}

typedef struct {
  int node;
  size_t next_callee;
} tarjan_frame;

esc_scc *esc_callgraph_sccs(LLVMModuleRef module, size_t *scc_count) {
  call_graph graph = {.node_of = esc_pointer_map_new()};
  size_t capacity = 0;
  for (LLVMValueRef function = LLVMGetFirstFunction(module); function;
       function = LLVMGetNextFunction(function)) {
    if (LLVMIsDeclaration(function))
      continue;
    ESC_GROW(graph.nodes, capacity, graph.node_count + 1);
    graph.nodes[graph.node_count] = (function_node){.function = function, .index = -1};
    esc_pointer_map_put(graph.node_of, function, (intptr_t)graph.node_count);
    graph.node_count++;
  }
  for (size_t i = 0; i < graph.node_count; i++)
    collect_callees(&graph, &graph.nodes[i]);

  esc_scc *sccs = esc_xcalloc(graph.node_count + 1, sizeof *sccs);
  size_t found = 0;
  int *stack = esc_xmalloc((graph.node_count + 1) * sizeof *stack);
  size_t stack_size = 0;
  tarjan_frame *frames = esc_xmalloc((graph.node_count + 1) * sizeof *frames);
  int next_index = 0;

  for (size_t start = 0; start < graph.node_count; start++) {
    if (graph.nodes[start].index >= 0)
      continue;
    size_t depth = 0;
    frames[depth++] = (tarjan_frame){(int)start, 0};
    graph.nodes[start].index = graph.nodes[start].lowlink = next_index++;
    stack[stack_size++] = (int)start;
    graph.nodes[start].on_stack = true;
    while (depth > 0) {
      tarjan_frame *frame = &frames[depth - 1];
      function_node *node = &graph.nodes[frame->node];
      if (frame->next_callee < node->callee_count) {
        int callee = node->callees[frame->next_callee++];
        function_node *target = &graph.nodes[callee];
        if (target->index < 0) {
          target->index = target->lowlink = next_index++;
          stack[stack_size++] = callee;
          target->on_stack = true;
          frames[depth++] = (tarjan_frame){callee, 0};
        } else if (target->on_stack && target->index < node->lowlink) {
          node->lowlink = target->index;
        }
        continue;
      }
      if (node->lowlink == node->index) { /* node is the root of an SCC: pop it */
        esc_scc *scc = &sccs[found++];
        size_t first = stack_size;
        do
          first--;
        while (stack[first] != frame->node);
        scc->count = stack_size - first;
        scc->functions = esc_xmalloc(scc->count * sizeof *scc->functions);
        for (size_t i = first; i < stack_size; i++) {
          graph.nodes[stack[i]].on_stack = false;
          scc->functions[i - first] = graph.nodes[stack[i]].function;
        }
        scc->recursive = scc->count > 1 || refers_to_itself(&graph, frame->node);
        stack_size = first;
      }
      int finished = frame->node;
      depth--;
      if (depth > 0) {
        function_node *caller = &graph.nodes[frames[depth - 1].node];
        if (graph.nodes[finished].lowlink < caller->lowlink)
          caller->lowlink = graph.nodes[finished].lowlink;
      }
    }
  }
  free(stack);
  free(frames);
  for (size_t i = 0; i < graph.node_count; i++)
    free(graph.nodes[i].callees);
  free(graph.nodes);
  esc_pointer_map_free(graph.node_of);
  *scc_count = found;
  return sccs;
}

void esc_callgraph_free(esc_scc *sccs, size_t scc_count) {
  for (size_t i = 0; i < scc_count; i++)
    free(sccs[i].functions);
  free(sccs);
}
